import BigInt

/// A decimal number as written (`0.1`, `6.02e23`), held exactly:
/// `digits * 10^exponent10`, non-negative (the grammar's numbers have no sign).
struct ExactDecimalText: Sendable, Hashable {
  let digits: BigUInt
  let exponent10: Int

  init?(_ text: String) {
    var mantissa = ""
    var exponent = 0
    var seenPoint = false
    var chars = Substring(text)
    while let c = chars.first, c != "e" && c != "E" {
      chars = chars.dropFirst()
      if c == "." {
        seenPoint = true
      } else if c.isASCII, c.isNumber {
        mantissa.append(c)
        if seenPoint { exponent -= 1 }
      } else {
        return nil
      }
    }
    if !chars.isEmpty {
      guard let e = Int(chars.dropFirst()), Swift.abs(e) < 1_000_000 else { return nil }
      exponent += e
    }
    guard !mantissa.isEmpty, let d = BigUInt(mantissa, radix: 10) else { return nil }
    self.digits = d
    self.exponent10 = exponent
  }

  /// Whether the exact decimal equals the Double `v` exactly.
  func equals(_ v: Double) -> Bool {
    guard v.isFinite, v >= 0 else { return false }
    if v == 0 { return digits == 0 }
    if digits == 0 { return false }
    // v = m 2^e with an integer m.
    let m = BigUInt(v.isNormal ? v.significandBitPattern | (1 << 52) : v.significandBitPattern)
    let e = v.isNormal ? Int(v.exponent) - 52 : -1074
    // Cross-multiplied: digits 10^E = m 2^e.
    var left = digits
    var right = m
    if exponent10 >= 0 { left *= BigUInt(10).power(exponent10) } else { right *= BigUInt(10).power(-exponent10) }
    if e >= 0 { right <<= e } else { left <<= -e }
    return left == right
  }
}
