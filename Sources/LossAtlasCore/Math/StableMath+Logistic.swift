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

// MARK: - Logistic cross entropy (bce-logits, logistic, the 2-class slice)

extension StableMath {
  /// The binary cross entropy of a logit z against a target y in [0, 1],
  /// with its first two derivatives in z:
  ///
  /// ```
  /// L   = y softplus(-z) + (1 - y) softplus(z)
  ///     = (1 - y) z + log1p(e^-z)      (z >= 0)
  ///     = y (-z)    + log1p(e^z)       (z <  0)
  /// L'  = sigma(z) - y = (1 - y) - sigma(-z)   (z >= 0)
  ///                    = sigma(z) - y          (z <  0)
  /// L'' = sigma(z) sigma(-z) = e^-|z| / (1 + e^-|z|)^2
  /// ```
  /// Both terms of the value are non-negative, so the sum never cancels;
  /// the textbook `max(z, 0) - z y + log1p(e^-|z|)` cancels in its first
  /// two terms, and `-(y log sigma + (1 - y) log(1 - sigma))` gives
  /// log 0 = -inf once sigma rounds to 1 (z > 36.7). `y` and `oneMinusY`
  /// are passed as exact double-doubles (1 - y is formed exactly by the
  /// caller, so that y = 0.3 costs nothing). The gradient is formed in
  /// double-double from sigma(-|z|) = E / (1 + E), E = e^-|z|; where
  /// sigma(z) - y cancels (lost more than 3 bits) sigma(-|z|) is formed
  /// again from the 90-bit E of `expMantissaExponent`, so that the result
  /// does not carry glibc's half-ulp in E (one ulp of z or y moves the exact
  /// result by as much, so the cheap form would pass, but only through the
  /// input-sensitivity clause).
  @inlinable
  public static func logisticCrossEntropyJet(_ z: Double, y: DoubleDouble, oneMinusY: DoubleDouble) -> Jet {
    let a = abs(z)
    let e = LossAtlasCore.exp(-a)
    let d = DoubleDouble.twoSum(1, e)
    let lp = log1p(e)
    if y.lo == 0 && oneMinusY.lo == 0 && (y.hi == 1 || y.hi == 0) {
      // A hard label: sigma(z) - y is -sigma(-z) or sigma(z), which never
      // cancels; sigma(-|z|) = e / (d.hi + d.lo) to first order in d.lo.
      let q1 = e / d.hi
      let small = q1 - q1 * (d.lo / d.hi)
      let large = 1 / d.hi - d.lo / (d.hi * d.hi)  // sigma(|z|)
      let d2 = q1 / d.hi
      let positive = y.hi == 1
      if z >= 0 {
        return Jet(value: positive ? lp : a + lp, d1: positive ? -small : large, d2: d2)
      }
      return Jet(value: positive ? a + lp : lp, d1: positive ? -large : small, d2: d2)
    }
    // sigma(-|z|) = e / d in double-double.
    let q1 = e / d.hi
    let rem = (DoubleDouble(e) - d * q1)
    let small = DoubleDouble.fastTwoSum(q1, rem.hi / d.hi)
    let value: Double
    var d1: Double
    if z >= 0 {
      value = (oneMinusY * a + lp).value
      d1 = (oneMinusY - small).value
      if abs(d1) < 0.125 * q1 { d1 = (oneMinusY - sigmoidOfNegativeAbs(a)).value }
    } else {
      value = (y * a + lp).value
      d1 = (small - y).value
      if abs(d1) < 0.125 * q1 { d1 = (sigmoidOfNegativeAbs(a) - y).value }
    }
    let d2 = q1 / d.hi
    return Jet(value: value, d1: d1, d2: d2)
  }

  /// sigma(-a) = E / (1 + E), E = e^-a, for a >= 0, to about 2^-90.
  @usableFromInline
  static func sigmoidOfNegativeAbs(_ a: Double) -> DoubleDouble {
    let e = expMantissaExponent(DoubleDouble(-a)).doubleDouble
    return e / (e + 1.0)
  }
}
