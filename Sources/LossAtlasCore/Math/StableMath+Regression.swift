/// Building blocks of the regression losses: the residual carried exactly,
/// a double-double with a separate binary exponent (`ScaledDD`) for
/// quantities that leave the Double range in an intermediate step (r^2 at
/// r = 1e200, r / c with c subnormal, (1 + s)^(alpha/2) at s = 1e600), and
/// `exp` and `log` with extra precision for the cancellations of barron and
/// poisson-nll.

// MARK: - Scaled double-double

/// `(m.hi + m.lo) * 2^e` with 1 <= |m.hi| < 2, or zero.
///
/// The exponent is an unbounded integer, so products and quotients of
/// residuals, scales and variances never overflow or underflow before the
/// final rounding (`double`), which rounds once (twice only when the result
/// is subnormal, an error of at most one unit of 2^-1074).
public struct ScaledDD: Sendable {
  public var m: DoubleDouble
  public var e: Int

  /// The exponent given to zero: far below every other, so that zero is
  /// negligible in a sum and stays zero in a product.
  @usableFromInline static let zeroExponent = Int.min / 8
  /// An exponent past which `double` is infinite.
  @usableFromInline static let infiniteExponent = 1 << 20

  /// x * 2^exponent, normalized.
  @inlinable
  public init(_ x: DoubleDouble, exponent: Int = 0) {
    if x.hi == 0 {
      m = DoubleDouble(0, 0)
      e = ScaledDD.zeroExponent
      return
    }
    if !x.hi.isFinite {
      m = DoubleDouble(x.hi > 0 ? 1 : -1, 0)
      e = ScaledDD.infiniteExponent
      return
    }
    let k = Int(x.hi.exponent)
    m = DoubleDouble(ScaledDD.scale(x.hi, -k), ScaledDD.scale(x.lo, -k))
    e = exponent + k
  }

  /// x exactly (±inf for an infinite x).
  @inlinable
  public init(_ x: Double) { self.init(DoubleDouble(x, 0)) }

  @inlinable
  init(normalizedMantissa m: DoubleDouble, exponent: Int) {
    self.m = m
    self.e = exponent
  }

  /// 0, negligible in every sum.
  public static let zero = ScaledDD(0)
  /// 1 = 1 * 2^0.
  public static let one = ScaledDD(1)

  /// Whether the value is exactly 0.
  @inlinable public var isZero: Bool { m.hi == 0 }

  /// The nearest Double (±inf beyond the range, 0 or a subnormal below it).
  @inlinable
  public var double: Double { ScaledDD.scale(m.hi + m.lo, e) }

  /// Both parts scaled into Double range (for values whose magnitude is
  /// known to lie between about 2^-1000 and 2^1023).
  @inlinable
  public var doubleDouble: DoubleDouble {
    DoubleDouble(ScaledDD.scale(m.hi, e), ScaledDD.scale(m.lo, e))
  }

  /// x * 2^k, exact.
  @inlinable
  public func timesPowerOfTwo(_ k: Int) -> ScaledDD {
    isZero ? self : ScaledDD(normalizedMantissa: m, exponent: e + k)
  }

  @inlinable
  public static func * (x: ScaledDD, y: ScaledDD) -> ScaledDD {
    if x.isZero || y.isZero { return .zero }
    // Mantissas in [1, 2): the product lies in [1, 4]; one exact halving renormalizes.
    let p = x.m * y.m
    if abs(p.hi) >= 2 {
      return ScaledDD(normalizedMantissa: DoubleDouble(0.5 * p.hi, 0.5 * p.lo), exponent: x.e + y.e + 1)
    }
    return ScaledDD(normalizedMantissa: p, exponent: x.e + y.e)
  }

  @inlinable
  public static func * (x: ScaledDD, y: DoubleDouble) -> ScaledDD { x * ScaledDD(y) }

  @inlinable
  public static func / (x: ScaledDD, y: ScaledDD) -> ScaledDD {
    if x.isZero { return .zero }
    // Mantissas in [1, 2): the quotient lies in [1/2, 2]; one exact doubling renormalizes.
    let q = x.m / y.m
    if abs(q.hi) < 1 {
      return ScaledDD(normalizedMantissa: DoubleDouble(2 * q.hi, 2 * q.lo), exponent: x.e - y.e - 1)
    }
    return ScaledDD(normalizedMantissa: q, exponent: x.e - y.e)
  }

  @inlinable
  public static func / (x: ScaledDD, y: Double) -> ScaledDD { x / ScaledDD(y) }

  @inlinable
  public static func / (x: ScaledDD, y: DoubleDouble) -> ScaledDD { x / ScaledDD(y) }

  /// The sum, to double-double precision; a term more than 2^-110 below the
  /// other is dropped.
  @inlinable
  public static func + (x: ScaledDD, y: ScaledDD) -> ScaledDD {
    if y.isZero { return x }
    if x.isZero { return y }
    let (big, small) = x.e >= y.e ? (x, y) : (y, x)
    let d = big.e - small.e
    if d > 110 { return big }
    let s = DoubleDouble(ScaledDD.scale(small.m.hi, -d), ScaledDD.scale(small.m.lo, -d))
    return ScaledDD(big.m + s, exponent: big.e)
  }

  @inlinable
  public static prefix func - (x: ScaledDD) -> ScaledDD {
    ScaledDD(normalizedMantissa: -x.m, exponent: x.e)
  }

  @inlinable
  public static func - (x: ScaledDD, y: ScaledDD) -> ScaledDD { x + (-y) }

  // MARK: - Constants and powers of two

  /// ln 2 as a double-double (error below 2^-107).
  public static let ln2 = DoubleDouble(0x1.62e42fefa39efp-1, 0x1.abc9e3b39803fp-56)

  /// 2^n for -1022 <= n <= 1023, from its bit pattern.
  @inlinable
  static func powerOfTwo(_ n: Int) -> Double { Double(bitPattern: UInt64(n + 1023) << 52) }

  /// x * 2^n rounded once (scalbn), for any integer n.
  @inlinable
  public static func scale(_ x: Double, _ n: Int) -> Double {
    if n >= -1022 && n <= 1023 { return x * powerOfTwo(n) }
    return scalbn(x, Int32(clamping: n))
  }
}

extension StableMath {
  // MARK: - The residual

  /// r = yhat - y exactly, as `hi + lo` (TwoSum; the larger term first so
  /// that no intermediate overflows).
  ///
  /// `hi` is the rounded difference. When the exact difference lies beyond
  /// the Double range (yhat = 1e308, y = -1e308), `hi` is ±inf and `lo` is
  /// meaningless: callers then use ``halfResidual(_:_:)``.
  @inlinable
  public static func residual(_ yhat: Double, _ y: Double) -> DoubleDouble {
    abs(yhat) >= abs(y) ? DoubleDouble.fastTwoSum(yhat, -y) : DoubleDouble.fastTwoSum(-y, yhat)
  }

  /// r / 2 = yhat / 2 - y / 2 exactly (halving is exact for the large term;
  /// a subnormal small term loses at most 2^-1075, negligible against a
  /// residual that overflows).
  @inlinable
  public static func halfResidual(_ yhat: Double, _ y: Double) -> DoubleDouble {
    residual(0.5 * yhat, 0.5 * y)
  }

  /// The residual as a ``ScaledDD``: exact for every pair of finite inputs,
  /// including those whose difference overflows.
  @inlinable
  public static func scaledResidual(_ yhat: Double, _ y: Double) -> ScaledDD {
    let r = residual(yhat, y)
    if r.hi.isFinite { return ScaledDD(r) }
    return ScaledDD(halfResidual(yhat, y), exponent: 1)
  }

  /// r^2 / 2 rounded once, for r = hi + lo: `(hi/2) * hi` as an exact
  /// product plus the cross term `hi * lo` (lo^2 is below 2^-106 relative).
  /// Halving first means no overflow when r^2 does but r^2 / 2 does not.
  @inlinable
  public static func roundedHalfSquare(_ r: DoubleDouble) -> Double {
    let h = 0.5 * r.hi
    let p = h * r.hi
    if !p.isFinite { return p }
    let e = (-p).addingProduct(h, r.hi)
    return p + e.addingProduct(r.hi, r.lo)
  }

  /// r^2 rounded once, for r = hi + lo (+inf when it overflows).
  @inlinable
  public static func roundedSquare(_ r: DoubleDouble) -> Double {
    let p = r.hi * r.hi
    if !p.isFinite { return p }
    let e = (-p).addingProduct(r.hi, r.hi)
    return p + e.addingProduct(2 * r.hi, r.lo)
  }

  /// x * k rounded once for a double-double x (+-inf when it overflows).
  @inlinable
  public static func roundedProduct(_ x: DoubleDouble, _ k: Double) -> Double {
    let p = x.hi * k
    if !p.isFinite { return p }
    let e = (-p).addingProduct(x.hi, k)
    return p + e.addingProduct(x.lo, k)
  }

  /// a * b rounded once, for double-doubles: the exact product of the high
  /// parts (FMA) plus the cross terms, relative error about 2^-104 before
  /// the one rounding (cheaper than `(a * b).value`, which renormalizes).
  @inlinable @inline(__always)
  public static func roundedDDProduct(_ a: DoubleDouble, _ b: DoubleDouble) -> Double {
    let p = a.hi * b.hi
    let e = (-p).addingProduct(a.hi, b.hi) + (a.hi * b.lo + a.lo * b.hi)
    return p + e
  }

  /// 1 / w for a double-double w, as a double-double: one division and its
  /// FMA residual (relative error about 2^-104).
  @inlinable @inline(__always)
  public static func ddReciprocal(_ w: DoubleDouble) -> DoubleDouble {
    let h = 1 / w.hi
    let e = 1.0.addingProduct(-w.hi, h) - w.lo * h  // 1 - w h, the first term exact
    return DoubleDouble.fastTwoSum(h, h * e)
  }

  /// x / k rounded once for a double-double x: the remainder `hi - q k` is
  /// exact (FMA), so the correction is the quotient's own error.
  @inlinable
  public static func roundedQuotient(_ x: DoubleDouble, _ k: Double) -> Double {
    let q = x.hi / k
    if !q.isFinite || q == 0 { return q }
    let rem = x.hi.addingProduct(-q, k)
    return q + (rem + x.lo) / k
  }

  // MARK: - exp and log with extra precision

  /// e^t for a double-double t as a ``ScaledDD``, relative error about
  /// 2^-66 plus |t| times the relative error of t: ``expMantissaExponent(_:)`` of the
  /// high part times 1 + lo. Nothing under- or overflows, so e^-800 keeps
  /// its digits (a factor of a finite derivative in barron).
  @inlinable
  public static func scaledExp(_ t: DoubleDouble) -> ScaledDD {
    if t.hi < -1.0e4 { return .zero }
    if t.hi > 1.0e4 { return ScaledDD(.infinity) }
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
    let k = (z / ScaledDD.ln2.hi).rounded()
    let p = DoubleDouble.twoProduct(k, ScaledDD.ln2.hi)
    // z - p.hi is exact (Sterbenz) for k != 0, and z itself for k = 0.
    let u = DoubleDouble.fastTwoSum(z - p.hi, -(p.lo + k * ScaledDD.ln2.lo))
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
      return ScaledDD.ln2 * Double(s.e) + lm + (1 / s.m.hi) * ScaledDD.scale(1, -s.e)
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
    let q = DoubleDouble(ScaledDD.scale(p.hi, k), ScaledDD.scale(p.lo, k)) - 1
    return DoubleDouble.fastTwoSum(l1, q.hi + q.lo)
  }
}
