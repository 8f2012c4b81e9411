/// The residual r = yhat - y carried exactly, and double-double products,
/// reciprocals and quotients rounded once.
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

  /// x / k rounded once for a double-double x: the remainder `hi - q k` is
  /// exact (FMA), so the correction is the quotient's own error.
  @inlinable
  public static func roundedQuotient(_ x: DoubleDouble, _ k: Double) -> Double {
    let q = x.hi / k
    if !q.isFinite || q == 0 { return q }
    let rem = x.hi.addingProduct(-q, k)
    return q + (rem + x.lo) / k
  }
}
