import LossAtlasCore

/// ``Binary16/round(_:)`` without division or `rint` (integer operations on
/// the encoding, a fixed-point rounding below 2⁻¹⁴),
/// for the precision study's Float16 column (every input's result is
/// rounded three times: ``NumberFormat/roundExact(_:)``), where the
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
}
