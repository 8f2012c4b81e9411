extension AccuracyRule {
  /// floor(|x| × 2^(64 - k)) for x = ±M × 10^E = ±M × 5^E × 2^E, and
  /// whether the floor is exact; nil when |E| > 55 or the result reaches
  /// 2^128. For E < 0 the quotient of floor(M × 2^(E + 64 - k)) by 5^-E is
  /// the floor of the whole (floor(floor(y) / n) = floor(y / n) for an
  /// integer n >= 1), exact when neither step left a remainder.
  static func scaledMagnitude(_ x: ShortDecimal, ulpExponent k: Int) -> (value: UInt128, exact: Bool)? {
    if x.isZero { return (0, true) }
    guard abs(x.exponent10) <= 55 else { return nil }
    let five = powersOfFive[abs(x.exponent10)]
    let shift = x.exponent10 + 64 - k
    if x.exponent10 >= 0 {
      let product = x.digits.multipliedFullWidth(by: five)
      guard let s = WideUnsigned(high: product.high, low: product.low).shifted(by: shift), s.value.high == 0
      else { return nil }
      return (s.value.low, s.exact)
    }
    guard let s = WideUnsigned(high: 0, low: x.digits).shifted(by: shift), s.value.high < five else { return nil }
    let (quotient, remainder) = five.dividingFullWidth((s.value.high, s.value.low))
    return (quotient, s.exact && remainder == 0)
  }

  /// floor(|d| × 2^(64 - k)) for a finite Double d = ±m × 2^p (m < 2^53),
  /// and whether it is exact; nil when it reaches 2^127.
  static func scaledMagnitude(_ d: Double, ulpExponent k: Int) -> (value: UInt128, exact: Bool)? {
    if d == 0 { return (0, true) }
    let biased = Int(d.exponentBitPattern)
    let m = UInt128(biased == 0 ? d.significandBitPattern : d.significandBitPattern | 1 << 52)
    let shift = (biased == 0 ? 1 : biased) - 1075 + 64 - k
    if shift >= 0 {
      guard shift <= 74 else { return nil }
      return (m << shift, true)
    }
    if shift <= -128 { return (0, false) }
    return (m >> -shift, m << (128 + shift) == 0)
  }

  /// 5^0 ... 5^55, all below 2^128.
  static let powersOfFive: [UInt128] = (0...55).reduce(into: []) { p, _ in p.append(p.last.map { $0 * 5 } ?? 1) }
}
