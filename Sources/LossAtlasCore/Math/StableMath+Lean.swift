// Lean double-double arithmetic for the hot paths: products not
// renormalized and a table exp to about 2^-59.

// MARK: - Lean double-double products and exp

extension StableMath {
  /// a * b for double-doubles without the final renormalization: hi is the
  /// rounded product of the high parts and lo everything else (a few ulps
  /// of hi at most), so hi + lo is the product to about 2^-104. Cheaper
  /// than `*` where the result only feeds further products.
  @inlinable @inline(__always)
  public static func looseProduct(_ a: DoubleDouble, _ b: DoubleDouble) -> DoubleDouble {
    let p = a.hi * b.hi
    return DoubleDouble(p, (-p).addingProduct(a.hi, b.hi) + (a.hi * b.lo).addingProduct(a.lo, b.hi))
  }


  /// a * b for a double-double and a double, not renormalized (see
  /// ``looseProduct(_:_:)``).
  @inlinable @inline(__always)
  public static func looseProduct(_ a: DoubleDouble, _ b: Double) -> DoubleDouble {
    let p = a.hi * b
    return DoubleDouble(p, (-p).addingProduct(a.hi, b).addingProduct(a.lo, b))
  }


  /// e^-a for 0 <= a <= 700 as a double-double with relative error about
  /// 2^-59: a = (64 k + j) ln2/64 - r with the first two parts of ln2/64
  /// (k ln2/64 exact to 2^-82), e^r - 1 a degree-6 polynomial in double
  /// (|r| <= ln2/128, so its rounding is below 2^-60 of the result), times
  /// the table's 2^(j/64) in double-double. About a third of the work of
  /// ``expMantissaExponentQuick(_:)``, for the fast paths that need E
  /// itself (not its mantissa) beyond glibc's half ulp.
  @inlinable @inline(__always)
  public static func expNegativeLean(_ a: Double) -> DoubleDouble {
    let x = -a
    let kd = (0x1.8p52 as Double).addingProduct(x, expInvLn2Over64) - 0x1.8p52
    let k = Int(kd)
    let r = x.addingProduct(-kd, expLn2Over64.0).addingProduct(-kd, expLn2Over64.1)
    let r2 = r * r
    let p = (0.5 as Double).addingProduct(r, 1.0 / 6) + r2 * (1.0 / 24).addingProduct(r, (1.0 / 120).addingProduct(r, 1.0 / 720))
    let m = r.addingProduct(r2, p)
    let t = expTable[k & 63]
    let e = DoubleDouble.fastTwoSum(t.hi, t.lo + t.hi * m)
    let s = powerOfTwo(k >> 6)
    return DoubleDouble(e.hi * s, e.lo * s)
  }
}
