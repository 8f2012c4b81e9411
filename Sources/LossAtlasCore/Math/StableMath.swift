/// Numerically stable building blocks shared by the catalog. Each is written
/// once here with the identity it uses and the range where the naive form
/// fails; the files `Math/StableMath+*.swift` extend this namespace, one topic
/// each (exp, the normal distribution, softmax, the residual, ...), and a
/// kernel that serves one function only lives in that function's file.
public enum StableMath {
  /// `e^(t.hi + t.lo)` for an argument carried as a DoubleDouble.
  ///
  /// ```
  /// e^(hi + lo) = e^hi * e^lo = e^hi * (1 + lo + O(lo^2))
  /// ```
  /// |lo| <= ulp(hi)/2, so the dropped term is below 2^-100 relative.
  /// Rounding `hi + lo` first would cost |hi| * 2^-53 relative error: about
  /// 80 ulp at hi = 700.
  @inlinable @inline(__always)
  public static func exp(_ t: DoubleDouble) -> Double {
    let e = LossAtlasCore.exp(t.hi)
    return e.addingProduct(e, t.lo)
  }

  /// The logistic sigmoid `sigma(x) = 1 / (1 + e^-x)`.
  ///
  /// The branch is chosen before calling `exp`, so `exp` never overflows:
  /// ```
  /// x >= 0:  1 / (1 + e^-x)
  /// x <  0:  e^x / (1 + e^x)
  /// ```
  /// Both forms are within about 2 ulp everywhere; for x below about -745
  /// the result underflows to 0 as the exact value does.
  @inlinable
  public static func sigmoid(_ x: Double) -> Double {
    if x >= 0 {
      return 1 / (1 + LossAtlasCore.exp(-x))
    }
    let e = LossAtlasCore.exp(x)
    return e / (1 + e)
  }

  /// sigma(x) * sigma(-x), the derivative of the sigmoid, without
  /// cancellation.
  ///
  /// ```
  /// sigma(x) sigma(-x) = e^-|x| / (1 + e^-|x|)^2
  /// ```
  /// The textbook `sigma(x) (1 - sigma(x))` returns 0 once sigma(x) rounds
  /// to 1 (x > 36.7) although the exact value is about e^-x.
  @inlinable
  public static func sigmoidProduct(_ x: Double) -> Double {
    let e = LossAtlasCore.exp(-abs(x))
    let d = 1 + e
    return e / d / d
  }

  /// softplus(x) = log(1 + e^x), the smooth ReLU, without overflow.
  ///
  /// ```
  /// log(1 + e^x) = max(x, 0) + log1p(e^-|x|)
  /// ```
  /// Both terms are non-negative, so the sum does not cancel. The naive
  /// form overflows to inf for x > 709.78 and returns 0 below x = -37 where
  /// the exact value is about e^x.
  @inlinable
  public static func softplus(_ x: Double) -> Double {
    max(x, 0) + log1p(LossAtlasCore.exp(-abs(x)))
  }

  /// log(sum_i e^(z_i)), shifted by the maximum so that `exp` never
  /// overflows; each `z_i - max` is exact when the difference is (Sterbenz)
  /// and otherwise rounded once, which the caller accepts or refines.
  public static func logSumExp(_ z: [Double]) -> Double {
    guard let m = z.max(), m.isFinite else { return z.max() ?? -.infinity }
    var sum = 0.0
    for v in z { sum += LossAtlasCore.exp(v - m) }
    return m + log(sum)
  }
}
