/// Exponential building blocks shared by the catalog's jets: ln 2, e^t
/// with its power of two kept apart for results below the normal range,
/// and e^-a with 1 -+ e^-a from one call.
extension StableMath {
  /// ln 2.
  public static let ln2 = DoubleDouble(0x1.62e42fefa39efp-1, 0x1.abc9e3b39803fp-56)

  // MARK: - Scaled exponential

  /// e^t as `m * 2^k` with m normal, for arguments where e^t itself would be
  /// subnormal.
  ///
  /// ```
  /// t >= -700:  (e^t, 0)
  /// else:       k = round(t / ln 2),  m = e^(t - k ln 2)   (t - k ln 2 in DoubleDouble)
  /// ```
  /// A subnormal e^t has lost its low digits already; multiplying it by a
  /// factor (x e^x at x = -745 multiplies by 745) multiplies that rounding
  /// error too, hundreds of ulp of a result that is itself subnormal. With
  /// the power of two kept apart, the factors multiply `m` at full precision
  /// and ``scaleByPowerOfTwo(_:_:)`` rounds once at the end. Below t = -1600 the result
  /// is (0, 0): e^t < 2^-2300, and no finite factor brings it back.
  @inlinable
  public static func expScaled(_ t: DoubleDouble) -> (m: Double, k: Int) {
    if t.hi >= -700 { return (exp(t), 0) }
    guard t.hi >= -1600 else { return (0, 0) }
    let k = (t.hi * 0x1.71547652b82fep0).rounded()
    return (exp(t - ln2 * k), Int(k))
  }

  // MARK: - Hyperbolic

  /// e^-a, 1 - e^-a and 1 + e^-a for a >= 0, each as an exact DoubleDouble
  /// sum, from one call to libm.
  ///
  /// ```
  /// a <  ln 2:  m = expm1(-a):  e = 1 + m,  1 - e = -m,  1 + e = 2 + m
  /// a >= ln 2:  e = exp(-a):    1 - e,      1 + e        (TwoSum)
  /// ```
  /// `1 - exp(-a)` cancels for small a (all digits lost at a = 1e-16); with
  /// expm1 below ln 2 and exp above, 1 - e carries at most about 0.7 ulp
  /// (expm1's) and e at most 0.5 ulp of its own, so tanh = (1 - e)/(1 + e)
  /// and sech^2 = 4e/(1 + e)^2 need only this one transcendental call.
  @inlinable
  public static func logisticParts(_ a: Double) -> (e: DoubleDouble, oneMinus: DoubleDouble, onePlus: DoubleDouble) {
    if a < 0x1.62e42fefa39efp-1 {
      let m = expm1(-a)
      return (DoubleDouble.twoSum(1, m), DoubleDouble(-m), DoubleDouble.twoSum(2, m))
    }
    let e = LossAtlasCore.exp(-a)
    return (DoubleDouble(e), DoubleDouble.twoSum(1, -e), DoubleDouble.twoSum(1, e))
  }
}
