// A double-double with a separate binary exponent (`ScaledDD`) for
// quantities that leave the Double range in an intermediate step (r^2 at
// r = 1e200, r / c with c subnormal, (1 + s)^(alpha/2) at s = 1e600).

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
    m = DoubleDouble(StableMath.scaleByPowerOfTwo(x.hi, -k), StableMath.scaleByPowerOfTwo(x.lo, -k))
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
  public var double: Double { StableMath.scaleByPowerOfTwo(m.hi + m.lo, e) }

  /// Both parts scaled into Double range (for values whose magnitude is
  /// known to lie between about 2^-1000 and 2^1023).
  @inlinable
  public var doubleDouble: DoubleDouble {
    DoubleDouble(StableMath.scaleByPowerOfTwo(m.hi, e), StableMath.scaleByPowerOfTwo(m.lo, e))
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
    let s = DoubleDouble(StableMath.scaleByPowerOfTwo(small.m.hi, -d), StableMath.scaleByPowerOfTwo(small.m.lo, -d))
    return ScaledDD(big.m + s, exponent: big.e)
  }

  @inlinable
  public static prefix func - (x: ScaledDD) -> ScaledDD {
    ScaledDD(normalizedMantissa: -x.m, exponent: x.e)
  }

  @inlinable
  public static func - (x: ScaledDD, y: ScaledDD) -> ScaledDD { x + (-y) }
}
