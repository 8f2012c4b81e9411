/// An unevaluated sum `hi + lo` of two Doubles with |lo| <= ulp(hi) / 2: about
/// 106 bits of precision.
///
/// Used where an argument of `exp` or `log` is a product or a difference whose
/// rounding error the result would amplify: `exp(-beta x)` has relative error
/// |beta x| * 2^-53 if `beta x` is rounded first, up to hundreds of ulp at
/// large x. Forming `beta x` as a DoubleDouble and evaluating
/// `exp(hi) * (1 + lo)` keeps the result within an ulp.
///
/// References: Dekker, "A floating-point technique for extending the available
/// precision" (1971); Shewchuk, "Adaptive precision floating-point
/// arithmetic" (1997).
public struct DoubleDouble: Sendable, Equatable {
  public var hi: Double
  public var lo: Double

  @inlinable
  public init(_ hi: Double, _ lo: Double = 0) {
    self.hi = hi
    self.lo = lo
  }

  /// The nearest Double.
  @inlinable
  public var value: Double { hi + lo }

  // MARK: - Error-free transformations

  /// a + b = s + e exactly (Knuth's TwoSum, no precondition on magnitudes).
  @inlinable
  public static func twoSum(_ a: Double, _ b: Double) -> DoubleDouble {
    let s = a + b
    let bb = s - a
    let e = (a - (s - bb)) + (b - bb)
    return DoubleDouble(s, e)
  }

  /// a + b = s + e exactly, valid when |a| >= |b| (or a == 0).
  @inlinable
  public static func fastTwoSum(_ a: Double, _ b: Double) -> DoubleDouble {
    let s = a + b
    return DoubleDouble(s, b - (s - a))
  }

  /// a * b = p + e exactly (barring underflow), with one fused multiply-add.
  @inlinable
  public static func twoProduct(_ a: Double, _ b: Double) -> DoubleDouble {
    let p = a * b
    return DoubleDouble(p, (-p).addingProduct(a, b))
  }

  /// x^2 for x = hi + lo: hi^2 exact (TwoProduct) plus the cross term 2 hi lo
  /// in one fma, renormalized (lo^2, below 2^-106 relative, is dropped).
  @inlinable @inline(__always)
  public static func square(_ x: DoubleDouble) -> DoubleDouble {
    let p = twoProduct(x.hi, x.hi)
    return fastTwoSum(p.hi, p.lo.addingProduct(2 * x.hi, x.lo))
  }

  // MARK: - Arithmetic (relative error about 2^-104)

  @inlinable
  public static func + (x: DoubleDouble, y: DoubleDouble) -> DoubleDouble {
    let s = twoSum(x.hi, y.hi)
    let t = twoSum(x.lo, y.lo)
    let u = fastTwoSum(s.hi, s.lo + t.hi)
    return fastTwoSum(u.hi, u.lo + t.lo)
  }

  @inlinable
  public static func + (x: DoubleDouble, y: Double) -> DoubleDouble {
    let s = twoSum(x.hi, y)
    return fastTwoSum(s.hi, s.lo + x.lo)
  }

  @inlinable
  public static prefix func - (x: DoubleDouble) -> DoubleDouble {
    DoubleDouble(-x.hi, -x.lo)
  }

  @inlinable
  public static func - (x: DoubleDouble, y: DoubleDouble) -> DoubleDouble { x + (-y) }

  @inlinable
  public static func - (x: DoubleDouble, y: Double) -> DoubleDouble { x + (-y) }

  @inlinable
  public static func * (x: DoubleDouble, y: DoubleDouble) -> DoubleDouble {
    let p = twoProduct(x.hi, y.hi)
    return fastTwoSum(p.hi, p.lo + (x.hi * y.lo + x.lo * y.hi))
  }

  @inlinable
  public static func * (x: DoubleDouble, y: Double) -> DoubleDouble {
    let p = twoProduct(x.hi, y)
    return fastTwoSum(p.hi, p.lo.addingProduct(x.lo, y))
  }

  @inlinable
  public static func / (x: DoubleDouble, y: DoubleDouble) -> DoubleDouble {
    // One Newton correction of the Double quotient.
    let q1 = x.hi / y.hi
    let r = x - y * q1
    let q2 = r.hi / y.hi
    return fastTwoSum(q1, q2)
  }

  @inlinable
  public static func / (x: DoubleDouble, y: Double) -> DoubleDouble {
    let q1 = x.hi / y
    let p = twoProduct(q1, y)
    let r = ((x.hi - p.hi) - p.lo + x.lo) / y
    return fastTwoSum(q1, r)
  }
}
