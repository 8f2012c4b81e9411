import LossAtlasCore

/// A floating-point format of the precision study.
public enum NumberFormat: String, Sendable, CaseIterable {
  case float16 = "Float16"
  case float32 = "Float32"
  case float64 = "Float64"

  /// `v` rounded to the nearest value of the format (overflowing to ±inf),
  /// returned as a Double.
  public func round(_ v: Double) -> Double {
    switch self {
    case .float16: return Binary16.round(v)  // Double(Float16(v)), also on Intel Macs
    case .float32: return Double(Float(v))
    case .float64: return v
    }
  }

  /// The largest finite magnitude (inputs beyond it do not exist in the format).
  public var greatestFinite: Double {
    switch self {
    case .float16: return Binary16.greatestFiniteMagnitude
    case .float32: return Double(Float.greatestFiniteMagnitude)
    case .float64: return .greatestFiniteMagnitude
    }
  }
}

/// Where a function stops being informative in a format, toward one end.
public struct PrecisionThreshold: Sendable, Equatable {
  public enum Kind: String, Sendable, CaseIterable {
    /// The value rounds to its limit (sigmoid to exactly 1).
    case valueReachesLimit = "value rounds to its limit"
    /// The value rounds to x itself (softplus equals x).
    case valueEqualsInput = "value rounds to x"
    /// The derivative rounds to exactly 0 (underflow or rounding).
    case derivativeVanishes = "derivative rounds to 0"
    /// The derivative rounds to its nonzero limit (softplus' to 1).
    case derivativeReachesLimit = "derivative rounds to its limit"
  }

  public let format: NumberFormat
  /// -1 toward -inf, +1 toward +inf.
  public let direction: Int
  public let kind: Kind
  /// The first input (in magnitude, along `direction`) from which the
  /// rounded result is uninformative for every larger input sampled; nil
  /// when that never happens inside the format's range.
  public let x: Double?
}

/// The input where a textbook formula first fails, toward one end.
public struct NaiveFailure: Sendable, Equatable {
  public enum Mode: String, Sendable {
    case overflow = "overflows"
    case nan = "gives NaN"
    case zero = "rounds to 0"
    case inaccurate = "is off by more than 1%"
  }

  /// "value" or "derivative".
  public let component: String
  public let formula: String
  public let direction: Int
  /// The first failing input found (bisected to adjacent Doubles).
  public let x: Double
  public let mode: Mode
  public let naive: Double
  public let stable: Double
}

/// Floating-point facts about a function's primary view (not mathematical
/// properties): where the naive formula fails and where each format stops
/// being informative.
public enum FloatingPointStudy {
  /// The precision study. Each threshold is computed by rounding the
  /// accurate Double result (within 4 ulp) to the format: the answer of the
  /// best implementation possible in that format.
  public static func precision(_ samples: ViewSamples) -> [PrecisionThreshold] {
    let f = samples.view.evaluate
    var out: [PrecisionThreshold] = []
    let center = (samples.view.plotRange.lowerBound + samples.view.plotRange.upperBound) / 2
    for direction in [-1, 1] {
      let far = direction < 0 ? samples.towardLower : samples.towardUpper
      let end = direction < 0 ? samples.view.domain.lower : samples.view.domain.upper
      guard end.isInfinite, !far.isEmpty else { continue }
      let valueLimit = Limit.estimate(far.map { ($0.x, $0.jet.value) })
      let d1Limit = Limit.estimate(far.map { ($0.x, $0.jet.d1) })
      // Asymptotic to x: f(x) - x -> 0 but f is not x itself at moderate x.
      let offsets = far.map { ($0.x, $0.jet.value - $0.x) }
      let asymptoticToX = Limit.estimate(offsets) == .finite(0) && f(center + Double(direction)).value != center + Double(direction)
      var kinds: [PrecisionThreshold.Kind] = []
      if case .finite? = valueLimit { kinds.append(.valueReachesLimit) }
      if asymptoticToX { kinds.append(.valueEqualsInput) }
      if case .finite(let l)? = d1Limit { kinds.append(l == 0 ? .derivativeVanishes : .derivativeReachesLimit) }
      for format in NumberFormat.allCases {
        for kind in kinds {
          let limitValue: Double? = {
            switch kind {
            case .valueReachesLimit: return valueLimit?.value
            case .derivativeReachesLimit: return d1Limit?.value
            default: return nil
            }
          }()
          let predicate: (Double) -> Bool = { x in
            let j = f(x)
            switch kind {
            case .valueReachesLimit: return format.round(j.value) == format.round(limitValue!)
            case .valueEqualsInput: return format.round(j.value) == format.round(x)
            case .derivativeVanishes: return format.round(j.d1) == 0
            case .derivativeReachesLimit: return format.round(j.d1) == format.round(limitValue!)
            }
          }
          out.append(
            PrecisionThreshold(
              format: format, direction: direction, kind: kind,
              x: threshold(predicate, samples: samples, direction: direction, limit: format.greatestFinite)))
        }
      }
    }
    return out
  }

  /// The first x along `direction` (from the plot centre outward) after
  /// which `predicate` holds at every sample out to the format's largest
  /// finite input; bisected to adjacent Doubles.
  static func threshold(_ predicate: (Double) -> Bool, samples: ViewSamples, direction: Int, limit: Double) -> Double? {
    let center = (samples.view.plotRange.lowerBound + samples.view.plotRange.upperBound) / 2
    var xs = samples.xs.filter { direction > 0 ? $0 > center : $0 < center }
    xs = xs.filter { abs($0) <= limit }
    if direction < 0 { xs.reverse() }
    guard let farthest = xs.last, predicate(farthest) else { return nil }
    // Walk inward from the far end to the last failing sample.
    var k = xs.count - 1
    while k > 0 && predicate(xs[k - 1]) { k -= 1 }
    if k == 0 { return xs[0] }
    return RootFinding.boundary(predicate, from: xs[k - 1], to: xs[k]).firstTrue
  }

  /// Where the naive formula first fails toward each end: the first input,
  /// going outward from the plot centre, where it overflows, gives NaN,
  /// rounds to 0 while the stable value does not, or is off by more than 1%
  /// from the stable value. Bisected between the last good and first bad
  /// sample.
  public static func naiveFailures(_ samples: ViewSamples, naive: NaiveForm, parameters: ParameterValues) -> [NaiveFailure] {
    let f = samples.view.evaluate
    let value = naive.value(parameters)
    let derivative = naive.derivative(parameters)
    var out: [NaiveFailure] = []
    let center = (samples.view.plotRange.lowerBound + samples.view.plotRange.upperBound) / 2
    for (component, formula, g) in [
      ("value", naive.valueFormula, value), ("derivative", naive.derivativeFormula, derivative),
    ] {
      let stable: (Double) -> Double = component == "value" ? { f($0).value } : { f($0).d1 }
      for direction in [-1, 1] {
        var xs = samples.xs.filter { direction > 0 ? $0 >= center : $0 <= center }
        if direction < 0 { xs.reverse() }
        guard let bad = xs.firstIndex(where: { failure(g($0), stable($0)) != nil }) else { continue }
        var x = xs[bad]
        if bad > 0 {
          x = RootFinding.boundary({ failure(g($0), stable($0)) != nil }, from: xs[bad - 1], to: xs[bad]).firstTrue
        }
        let n = g(x)
        let s = stable(x)
        guard let mode = failure(n, s) else { continue }
        out.append(NaiveFailure(component: component, formula: formula, direction: direction, x: x, mode: mode, naive: n, stable: s))
      }
    }
    return out
  }

  static func failure(_ naive: Double, _ stable: Double) -> NaiveFailure.Mode? {
    if naive.isNaN { return stable.isNaN ? nil : .nan }
    if naive.isInfinite { return stable == naive ? nil : .overflow }
    if naive == 0 { return stable == 0 ? nil : .zero }
    guard stable.isFinite else { return .inaccurate }
    return abs(naive - stable) > 1e-2 * abs(stable) ? .inaccurate : nil
  }
}
