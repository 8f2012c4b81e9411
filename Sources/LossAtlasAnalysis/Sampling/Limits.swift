import LossAtlasCore

/// The limit of a sampled quantity toward one end of a view's domain.
public enum Limit: Sendable, Equatable {
  /// Converges to a finite value.
  case finite(Double)
  /// Grows without bound (+inf or -inf).
  case infinite(sign: FloatingPointSign)

  /// The limit as an extended real (±inf for unbounded).
  public var value: Double {
    switch self {
    case .finite(let v): return v
    case .infinite(let s): return s == .minus ? -.infinity : .infinity
    }
  }

  /// Estimates the limit of `g` along points ordered outward (the last one
  /// farthest: 1e300 in magnitude, or 1e-300 short of a finite end).
  ///
  /// The sequence converges if g at the farthest point and at the point ten
  /// decades nearer (200 samples back at 20 a decade) agree to 1e-9 of
  /// their size: any function that still changes between x = 1e290 and
  /// 1e300 is diverging, however slowly (log growth changes by 23 there).
  /// An infinite sample is taken as divergence in its direction (the exact
  /// value has left the Double range). A value below 1e-100 in magnitude
  /// that is still shrinking is read as the limit 0 (r / (r^2 + 2) at
  /// r = 1e300 is 2e-300, on its way to 0).
  public static func estimate(_ samples: [(x: Double, value: Double)]) -> Limit? {
    guard let last = samples.last else { return nil }
    if last.value.isInfinite { return .infinite(sign: last.value.sign) }
    let back = min(samples.count - 1, 40)
    let earlier = samples[samples.count - 1 - back].value
    if abs(last.value) <= 1e-100 && abs(last.value) <= abs(earlier) { return .finite(0) }
    let scale = max(abs(last.value), abs(earlier), 1e-300)
    if abs(last.value - earlier) <= 1e-9 * max(scale, 1) || last.value == earlier {
      return .finite(last.value)
    }
    return .infinite(sign: last.value > earlier ? .plus : .minus)
  }
}
