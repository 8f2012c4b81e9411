/// exp and log with extra precision on ``ScaledDD`` and its exponent
/// split, for the cancellations of barron, poisson-nll and gaussian-nll.
extension StableMath {
  // MARK: - exp and log with extra precision

  /// e^t for a double-double t as a ``ScaledDD``, relative error about
  /// 2^-66 plus |t| times the relative error of t: ``expMantissaExponent(_:)`` of the
  /// high part times 1 + lo. Nothing under- or overflows, so e^-800 keeps
  /// its digits (a factor of a finite derivative in barron). t.hi = ±inf
  /// gives inf or 0. A NaN argument (an error upstream) gives NaN rather
  /// than a trap in the integer conversion, so that tests see it.
  @inlinable
  public static func scaledExp(_ t: DoubleDouble) -> ScaledDD {
    if t.hi < -1.0e4 { return .zero }
    if t.hi > 1.0e4 { return ScaledDD(.infinity) }
    if t.hi.isNaN { return ScaledDD(normalizedMantissa: DoubleDouble(.nan, .nan), exponent: 0) }
    let (m, k) = expMantissaExponent(t.hi)
    return ScaledDD(m + m.hi * t.lo, exponent: k)
  }

  /// e^z = M * 2^k with M a double-double good to about 2^-67 relative,
  /// M in [0.7, 1.42], for |z| <= 1e4 (callers branch before).
  ///
  /// Cody-Waite: k = round(z / ln 2), u = z - k ln 2 in double-double
  /// (error below 2^-92); then ``expReducedDoubleDouble(_:)``. Plain `exp(z)` is within
  /// half an ulp, but e^z - y z, e^z - y and the Newton step of
  /// ``log1pDoubleDouble(_:)`` are cancellations that need the digits below it.
  @inlinable
  public static func expMantissaExponent(_ z: Double) -> (m: DoubleDouble, k: Int) {
    let k = (z / StableMath.ln2.hi).rounded()
    let p = DoubleDouble.twoProduct(k, StableMath.ln2.hi)
    // z - p.hi is exact (Sterbenz) for k != 0, and z itself for k = 0.
    let u = DoubleDouble.fastTwoSum(z - p.hi, -(p.lo + k * StableMath.ln2.lo))
    return (expReducedDoubleDouble(u), Int(k))
  }

  /// e^u for |u| <= 0.35 as a double-double, relative error about 2^-67.
  ///
  /// v = u / 16: e^v = (1 + v + v^2/2) in double-double + v^3/6 + ... +
  /// v^10/10! in Double (|v| <= 0.022, so the Double tail is below 2^-19
  /// and its rounding below 2^-71); then four double-double squarings.
  @inlinable
  public static func expReducedDoubleDouble(_ u: DoubleDouble) -> DoubleDouble {
    let x = u.hi * 0.0625
    let xl = u.lo * 0.0625
    let x2 = DoubleDouble.twoProduct(x, x)
    var t = 1.0 / 3_628_800
    t = t * x + 1.0 / 362_880
    t = t * x + 1.0 / 40_320
    t = t * x + 1.0 / 5_040
    t = t * x + 1.0 / 720
    t = t * x + 1.0 / 120
    t = t * x + 1.0 / 24
    t = t * x + 1.0 / 6
    let tail = x2.hi * x * t + xl * (1 + x)
    var e = DoubleDouble.fastTwoSum(1, x) + (DoubleDouble(0.5 * x2.hi, 0.5 * x2.lo) + tail)
    e = e * e
    e = e * e
    e = e * e
    return e * e
  }

  /// log(1 + s) for s >= 0 given as a ``ScaledDD``, as a double-double with
  /// relative error about 2^-66.
  ///
  /// - s < 2^-10: the series s - s^2/2 (double-double) + s^3 (1/3 - s/4 + ...)
  ///   (Double, 8 terms).
  /// - otherwise L1 = log1p(s) rounded, then one Newton step
  ///   L = L1 + ((1 + s) e^-L1 - 1) with e^-L1 from ``expMantissaExponent(_:)``: the
  ///   correction is the rounding error of L1 itself, so the result carries
  ///   the digits that `exp(alpha/2 L)` needs when alpha/2 L is large.
  /// - s >= 2^60: e ln 2 + log(m) for s = m 2^e (log(1 + 1/s) < 2^-60 is
  ///   added as 1/s).
  @inlinable
  public static func log1pDoubleDouble(_ s: ScaledDD) -> DoubleDouble {
    if s.isZero { return DoubleDouble(0, 0) }
    if s.e >= 60 {
      let lm = log1pNearZeroDoubleDouble(DoubleDouble.fastTwoSum(s.m.hi - 1, s.m.lo))
      return StableMath.ln2 * Double(s.e) + lm + (1 / s.m.hi) * StableMath.scaleByPowerOfTwo(1, -s.e)
    }
    if s.e < -1000 { return DoubleDouble(s.double, 0) }
    return log1pNearZeroDoubleDouble(s.doubleDouble)
  }

  /// log(1 + t) for -0.3 <= t < 2^61 as a double-double (see ``log1pDoubleDouble(_:)``).
  @inlinable
  static func log1pNearZeroDoubleDouble(_ t: DoubleDouble) -> DoubleDouble {
    if abs(t.hi) < 0x1p-10 {
      let x = t.hi
      var c = -1.0 / 10
      c = c * x + 1.0 / 9
      c = c * x - 1.0 / 8
      c = c * x + 1.0 / 7
      c = c * x - 1.0 / 6
      c = c * x + 1.0 / 5
      c = c * x - 1.0 / 4
      c = c * x + 1.0 / 3
      let x2 = DoubleDouble.twoProduct(x, x)
      let rest = x2.hi * x * c - x * t.lo
      return t + (DoubleDouble(-0.5 * x2.hi, -0.5 * x2.lo) + rest)
    }
    let l1 = LossAtlasCore.log1p(t.hi)
    let (m, k) = expMantissaExponent(-l1)
    // (1 + t) e^-L1 - 1, with e^-L1 = m 2^k.
    let w = DoubleDouble.fastTwoSum(1, t.hi) + t.lo
    let p = w * m
    let q = DoubleDouble(StableMath.scaleByPowerOfTwo(p.hi, k), StableMath.scaleByPowerOfTwo(p.lo, k)) - 1
    return DoubleDouble.fastTwoSum(l1, q.hi + q.lo)
  }
}
