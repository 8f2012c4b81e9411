// MARK: - Logistic functions of a DoubleDouble argument

/// The logistic building blocks for an argument carried as a DoubleDouble,
/// for callers that form `beta x`, `-y s` or `z - max` exactly first.
///
/// Rounding such an argument to a Double before `exp` costs `|t| * 2^-53`
/// relative error in `e^t` (about 80 ulp at t = 700); taking `t.hi + t.lo`
/// into `exp` as `e^hi (1 + lo)` (``StableMath/exp(_:)``) keeps it within an
/// ulp. Every function here calls `exp` only with a non-positive argument, so
/// nothing overflows. `t.lo` must be finite: form products with
/// ``StableMath/exactProduct(_:_:)``, which returns `(±inf, 0)` on overflow.
extension StableMath {
  /// sigma(t) = 1 / (1 + e^-t) for t = t.hi + t.lo.
  ///
  /// ```
  /// t >= 0:  1 / (1 + e^-t)
  /// t <  0:  e^t / (1 + e^t)
  /// ```
  /// `1 + e` is formed exactly (TwoSum) and divided in DoubleDouble, so the
  /// only error is that of `exp` (half an ulp, damped by e / (1 + e) <= 1/2)
  /// and the final rounding: within about 1 ulp everywhere. Below t = -745
  /// the result underflows to 0 as the exact value does.
  @inlinable
  public static func sigmoid(_ t: DoubleDouble) -> Double {
    if t.hi >= 0 {
      let e = exp(-t)
      return (DoubleDouble(1) / DoubleDouble.twoSum(1, e)).value
    }
    let e = exp(t)
    return (DoubleDouble(e) / DoubleDouble.twoSum(1, e)).value
  }

  /// sigma(t) sigma(-t) = e^-|t| / (1 + e^-|t|)^2, the derivative of the
  /// sigmoid, for t = t.hi + t.lo.
  ///
  /// The textbook `sigma (1 - sigma)` returns 0 once sigma rounds to 1
  /// (t > 36.7) although the exact value is about e^-t; this form has no
  /// cancellation and is within about 1 ulp.
  @inlinable
  public static func sigmoidProduct(_ t: DoubleDouble) -> Double {
    let e = exp(t.hi >= 0 ? -t : t)
    let d = DoubleDouble.twoSum(1, e)
    return (DoubleDouble(e) / (d * d)).value
  }

  /// softplus(t) = log(1 + e^t) for t = t.hi + t.lo, without overflow or
  /// cancellation.
  ///
  /// ```
  /// t >  0:  t + log1p(e^-t)     (both terms positive; t kept exact)
  /// t <= 0:  log1p(e^t)
  /// ```
  /// The naive `log(1 + exp(t))` overflows to inf above t = 709.78 and is
  /// 0 below t = -37 where the exact value is about e^t. Within about 1.5 ulp.
  @inlinable
  public static func softplus(_ t: DoubleDouble) -> Double {
    guard t.hi.isFinite else { return t.hi > 0 ? t.hi : 0 }
    if t.hi > 0 {
      return (t + log1p(exp(-t))).value
    }
    return log1p(exp(t))
  }

  /// a * b as an unevaluated DoubleDouble sum (TwoProduct with one fma),
  /// or `(a * b, 0)` when the product overflows, so that the low part is
  /// never NaN.
  ///
  /// The low part is exact unless the product underflows, where it no
  /// longer matters.
  @inlinable
  public static func exactProduct(_ a: Double, _ b: Double) -> DoubleDouble {
    let p = a * b
    guard p.isFinite else { return DoubleDouble(p, 0) }
    return DoubleDouble(p, (-p).addingProduct(a, b))
  }
}
