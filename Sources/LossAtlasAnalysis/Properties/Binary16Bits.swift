import LossAtlasCore

/// ``Binary16/round(_:)`` without division or `rint` (integer operations on
/// the encoding, a fixed-point rounding below 2⁻¹⁴),
/// for the precision study's Float16 column (every input's result is
/// rounded once, or three times near a rounding boundary and for every
/// |v| in [2⁻²⁶, 2⁻¹⁴), where ``roundIfCertain(_:)`` does not decide:
/// ``NumberFormat/roundExact(_:)`` and ``roundIfCertain(_:)``), where the
/// reference routine's division, `rint` and exponent arithmetic were a
/// measurable share of the study.
///
/// For |v| ≥ 2⁻¹⁴ (binary16's normal range and beyond) the binary16 values
/// near v are the Doubles whose significand ends in 42 zero bits: v is
/// rounded to nearest, ties to even, by dropping its low 42 bits and
/// adding one unit of the 43rd when the dropped part is above half of it
/// (or exactly half and the kept part is odd). A carry out of the
/// significand raises the exponent, which is the next binade's first value,
/// as it should be. Results above 65504 (from 65520 up, the tie rounding
/// to the even 65536) overflow to ±inf, as in the reference. Below 2⁻¹⁴
/// (binary16's subnormals, and ±0; the study's vanishing derivatives and
/// values live there) a fixed-point rounding; NaN and ±inf are returned
/// as they are. The tests compare the two on every binary16 value, every
/// rounding boundary and the Doubles next to them, and random encodings.
enum Binary16Bits {
  /// Double(Float16(v)), equal to ``Binary16/round(_:)`` bit for bit.
  @inline(__always)
  static func round(_ v: Double) -> Double {
    let bits = v.bitPattern
    let magnitude = bits & 0x7FFF_FFFF_FFFF_FFFF
    // 0x7FF is inf and NaN.
    guard magnitude < 0x7FF0_0000_0000_0000 else { return v }
    // 2⁻¹⁴ is biased exponent 1023 − 14 = 1009. Below it the binary16
    // values are the multiples of 2⁻²⁴: a·2²⁴ (exact, below 2¹⁰) is
    // rounded to an integer, ties to even, by adding and subtracting 2⁵²
    // (the sum lies in [2⁵², 2⁵³), where the Doubles are the integers),
    // and scaled back (exact). 1024 is 2⁻¹⁴ itself, the least normal.
    if magnitude < 1009 << 52 {
      let a = Double(bitPattern: magnitude) * 0x1p24
      let rounded = ((a + 0x1p52) - 0x1p52) * 0x1p-24
      return bits >> 63 != 0 ? -rounded : rounded
    }
    let unit: UInt64 = 1 << 42
    let dropped = magnitude & (unit - 1)
    var kept = magnitude & ~(unit - 1)
    if dropped > unit >> 1 || (dropped == unit >> 1 && kept & unit != 0) { kept += unit }
    let r = Double(bitPattern: kept)
    let rounded = r > Binary16.greatestFiniteMagnitude ? Double.infinity : r
    return bits >> 63 != 0 ? -rounded : rounded
  }

  /// `round(v)` when every Double within 4 ulp of `v` rounds to the same
  /// value, decided from the encoding alone; nil when that takes the full
  /// check (``NumberFormat/roundExact(_:)`` rounds v − 4 ulp and v + 4 ulp),
  /// which then decides. Never certain where the full check is not:
  /// - NaN and ±inf: returned as they are (the full check calls any
  ///   non-finite Double certain).
  /// - |v| < 2⁻²⁶ (and ±0, and every subnormal Double): v ± 4 ulp lie below
  ///   2⁻²⁵ in magnitude, half of binary16's least subnormal, and all round
  ///   to ±0, which compare equal.
  /// - |v| ≥ 2⁻¹⁴, with the 42 dropped bits (in units of v's ulp u, which
  ///   is 1 in the encoding within the 2⁴²-aligned block that holds v, one
  ///   binary16 spacing) more than 4 from the block's half. Below the half
  ///   v rounds down to the kept bits K: v + 4u stays below the half, and
  ///   v − 4u either stays in the block or (dropped bits under 4) lies
  ///   within 4u below K, in the block before it near its top, or (K a
  ///   power of two) in the binade below, within 4u of K where binary16's
  ///   half spacing is 2¹¹ times wider: it rounds up to K. Above the half,
  ///   the mirror image: v, v − 4u and v + 4u (in the block, or within 4u
  ///   above the next binary16 value) all round to K plus one unit. Either
  ///   way the three round alike, overflowing alike (a result past 65504
  ///   is +inf, as is any Double past 65520, and v + 4u past Double's
  ///   range).
  /// The stretch [2⁻²⁶, 2⁻¹⁴), and Doubles within 4 ulp of a block's half
  /// (the binary16 rounding boundaries), go to the full check.
  @inline(__always)
  static func roundIfCertain(_ v: Double) -> Double? {
    let bits = v.bitPattern
    let magnitude = bits & 0x7FFF_FFFF_FFFF_FFFF
    if magnitude >= 0x7FF0_0000_0000_0000 { return v }
    // 2⁻²⁶ is biased exponent 1023 − 26 = 997.
    if magnitude < 997 << 52 { return round(v) }
    guard magnitude >= 1009 << 52 else { return nil }
    let unit: UInt64 = 1 << 42
    let half = unit >> 1
    let dropped = magnitude & (unit - 1)
    if dropped + 4 < half || dropped > half + 4 { return round(v) }
    return nil
  }

  /// ``Binary16/value(magnitudeBits:)`` built from the bits (equal to it bit
  /// for bit on all 65,536 encodings): a normal binary16 value with
  /// exponent field e and fraction f is the Double with exponent
  /// e − 15 and the same fraction bits, shifted up by 42; the subnormals
  /// (field 0) are f · 2⁻²⁴, as in the reference; 0x7C00 and above: +inf.
  @inline(__always)
  static func value(magnitudeBits bits: UInt16) -> Double {
    let m = bits & 0x7FFF
    if m >= 0x7C00 { return .infinity }
    let field = UInt64(m >> 10)
    let fraction = UInt64(m & 0x3FF)
    if field == 0 { return Double(fraction) * 0x1p-24 }
    return Double(bitPattern: (field + (1023 - 15)) << 52 | fraction << 42)
  }
}
