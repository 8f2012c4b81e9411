/// IEEE 754 binary16 (half precision) arithmetic on Doubles, in software:
/// the precision study's Float16 column, the same on every platform.
///
/// Swift's `Float16` does not exist on Intel Macs (the type is unavailable on
/// x86_64 macOS), so code that names it does not compile there. These
/// functions compute what `Double(Float16(v))`, `nextUp` and `nextDown`
/// compute, exactly (the tests compare all 65,536 binary16 values and the
/// rounding boundaries between them with the native type where it exists),
/// with no conditional compilation.
///
/// binary16 has an 11-bit significand (10 stored bits) and exponents -14...15:
/// a value v with 2^e <= |v| < 2^(e+1) is a multiple of 2^(max(e, -14) - 10);
/// the largest finite value is 65504 = (2 - 2^-10) 2^15.
public enum Binary16 {
  /// 65504, the largest finite binary16 magnitude.
  public static let greatestFiniteMagnitude = 65504.0
  /// 2^-24, the smallest positive (subnormal) binary16 value.
  public static let leastNonzeroMagnitude = 0x1p-24

  /// The spacing of binary16 values at magnitude `a` (a >= 0, finite):
  /// 2^(max(e, -14) - 10) for 2^e <= a < 2^(e+1), and 2^-24 at 0.
  static func spacing(_ a: Double) -> Double {
    let e = a == 0 ? -14 : max(Int(a.exponent), -14)
    return Double(sign: .plus, exponent: e - 10, significand: 1)
  }

  /// `v` rounded to the nearest binary16 value, ties to even, as a Double:
  /// ±inf beyond the overflow threshold 65520, a signed zero below half the
  /// smallest subnormal, NaN for NaN. Equal to `Double(Float16(v))`.
  ///
  /// a / u (u the spacing, a power of two) and q * u are exact scalings, so
  /// the only rounding is `rounded(.toNearestOrEven)` of a / u, which is
  /// where binary16's own rounding happens.
  public static func round(_ v: Double) -> Double {
    guard v.isFinite, v != 0 else { return v }
    let a = v.magnitude
    let u = spacing(a)
    let r = (a / u).rounded(.toNearestOrEven) * u
    let rounded = r > greatestFiniteMagnitude ? Double.infinity : r
    return v < 0 ? -rounded : rounded
  }

  /// The least binary16 value greater than `v`, which must be a binary16
  /// value (as `Float16.nextUp`): +inf above 65504, -0 above -2^-24,
  /// 2^-24 above ±0.
  public static func nextUp(_ v: Double) -> Double {
    if v.isNaN || v == .infinity { return v }
    if v == -.infinity { return -greatestFiniteMagnitude }
    if v >= 0 {
      let up = v.magnitude + spacing(v.magnitude)
      return up > greatestFiniteMagnitude ? .infinity : up
    }
    // Toward zero: below a power of two in a normal binade the spacing halves.
    let a = -v
    let below = a.significand == 1 && a > 0x1p-14 ? spacing(a) / 2 : spacing(a)
    return -(a - below)
  }

  /// The greatest binary16 value less than `v` (as `Float16.nextDown`).
  public static func nextDown(_ v: Double) -> Double { -nextUp(-v) }

  /// The 15 magnitude bits of the encoding of `v`, which must be a binary16
  /// value or ±inf (as `Float16(v).bitPattern & 0x7FFF`): the subnormal
  /// f 2^-24 encodes as f, the normal (1 + f/1024) 2^e as (e + 15) << 10 | f,
  /// infinity as 0x7C00. Consecutive values have consecutive encodings.
  public static func magnitudeBits(_ v: Double) -> UInt16 {
    let a = v.magnitude
    if a == .infinity { return 0x7C00 }
    if a < 0x1p-14 { return UInt16(a * 0x1p24) }
    let e = Int(a.exponent)
    let f = UInt16((Double(sign: .plus, exponent: -e, significand: a) - 1) * 1024)
    return UInt16(e + 15) << 10 | f
  }

  /// The non-negative binary16 value whose encoding's magnitude bits are
  /// `bits` (the inverse of ``magnitudeBits(_:)``; 0x7C00 and above: +inf).
  public static func value(magnitudeBits bits: UInt16) -> Double {
    let m = bits & 0x7FFF
    if m >= 0x7C00 { return .infinity }
    let field = Int(m >> 10)
    let f = Double(m & 0x3FF)
    if field == 0 { return f * 0x1p-24 }
    return Double(sign: .plus, exponent: field - 15, significand: 1 + f / 1024)
  }
}
