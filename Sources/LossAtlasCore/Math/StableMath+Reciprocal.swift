// The reciprocal every logistic-type jet divides by, written once.

extension StableMath {
  /// 1/d for a double-double d = hi + lo, kept as r (1 + eps): r = 1/hi
  /// rounded, and eps = 1 - d r, whose first part 1 - hi r an fma forms
  /// exactly.
  ///
  /// ```
  /// r = 1 / d.hi;   eps = fma(-d.hi, r, 1) - d.lo r;   1/d = r (1 + eps) to 2^-104
  /// ```
  /// |eps| is about 2^-53. One division and one fma give 1/d to twice the
  /// precision of a Double; the jets then multiply by r and correct by eps
  /// in the last step (``times(_:)``, ``timesRounded(_:)``), which is
  /// cheaper than renormalizing (``doubleDouble``) after every product.
  public struct Reciprocal: Sendable {
    /// 1/d.hi rounded to nearest.
    public let r: Double
    /// 1 - d r: 1/d = r (1 + eps).
    public let eps: Double

    @inlinable @inline(__always)
    public init(_ d: DoubleDouble) {
      r = 1 / d.hi
      eps = 1.0.addingProduct(-d.hi, r) - d.lo * r
    }

    /// 1/d rounded once: r + r eps.
    @inlinable
    public var value: Double { r.addingProduct(r, eps) }

    /// 1/d as a normalized double-double (relative error about 2^-104).
    @inlinable
    public var doubleDouble: DoubleDouble { DoubleDouble.fastTwoSum(r, r * eps) }

    /// x / d as an unnormalized double-double: x r exact (TwoProduct) and
    /// the correction x r eps.
    @inlinable @inline(__always)
    public func times(_ x: Double) -> DoubleDouble {
      let p = DoubleDouble.twoProduct(x, r)
      return DoubleDouble(p.hi, p.lo + p.hi * eps)
    }

    /// x / d for a double-double x, unnormalized: x.hi r exact and the
    /// corrections x.lo r and x.hi r eps.
    @inlinable @inline(__always)
    public func times(_ x: DoubleDouble) -> DoubleDouble {
      let p = DoubleDouble.twoProduct(x.hi, r)
      return DoubleDouble(p.hi, p.lo + (x.lo * r + p.hi * eps))
    }

    /// x / d rounded once: x.hi r + (x.hi r eps + x.lo r) in one fma.
    @inlinable @inline(__always)
    public func timesRounded(_ x: DoubleDouble) -> Double {
      (x.hi * r * eps + x.lo * r).addingProduct(x.hi, r)
    }
  }

  /// 1 / d to about 2^-104 relative, with one division and two fmas.
  ///
  /// ```
  /// q = 1 / d.hi;  r = 1 - d q  (exact: fma(-d.hi, q, 1) - d.lo q);  1/d = q (1 + r + r^2 ...)
  /// ```
  /// r is about 2^-53, so q + q r is 1/d to within 2^-104. Cheaper than the
  /// general double-double quotient (two divisions and a double-double
  /// subtraction), which matters in the jets' hot path.
  @inlinable
  public static func reciprocal(_ d: DoubleDouble) -> DoubleDouble {
    Reciprocal(d).doubleDouble
  }
}
