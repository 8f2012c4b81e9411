import LossAtlasVerification
import TestSupport
import Testing

/// `ExactNumber(decimal:)` reads bytes (it walked Characters before, most
/// of the accuracy check's parse): it must give the same number, or nil,
/// for every string the golden vectors hold and for malformed ones.
@Suite struct ExactDecimalTests {
  /// The parse as it was, walking Characters (kept here as the reference
  /// the byte parse is compared with).
  static func characterParse(_ text: String) -> (mantissa: String, exp10: Int)? {
    var s = Substring(text)
    var negative = false
    if s.hasPrefix("-") {
      negative = true
      s = s.dropFirst()
    } else if s.hasPrefix("+") {
      s = s.dropFirst()
    }
    func isDigit(_ c: Character) -> Bool { ("0"..."9").contains(c) }
    var exponent = 0
    if let e = s.firstIndex(where: { $0 == "e" || $0 == "E" }) {
      var expText = s[s.index(after: e)...]
      s = s[..<e]
      var expNegative = false
      if expText.hasPrefix("-") {
        expNegative = true
        expText = expText.dropFirst()
      } else if expText.hasPrefix("+") {
        expText = expText.dropFirst()
      }
      guard !expText.isEmpty, expText.allSatisfy(isDigit) else { return nil }
      let magnitude = expText.count > 12 ? 1_000_000_000_000 : Int(expText)!
      exponent = expNegative ? -magnitude : magnitude
    }
    var digits = ""
    var fraction = 0
    var seenPoint = false
    for c in s {
      if c == "." {
        guard !seenPoint else { return nil }
        seenPoint = true
      } else if isDigit(c) {
        digits.append(c)
        if seenPoint { fraction += 1 }
      } else {
        return nil
      }
    }
    // The old code made a BigInt of the digits; the digits with leading
    // zeros removed name the same integer.
    guard !digits.isEmpty else { return nil }
    let trimmed = String(digits.drop { $0 == "0" })
    if trimmed.isEmpty || exponent < -760 { return ("0", 0) }
    return ((negative ? "-" : "") + trimmed, exponent - fraction)
  }

  static func byteParse(_ text: String) -> (mantissa: String, exp10: Int)? {
    guard let n = ExactNumber(decimal: text) else { return nil }
    #expect(n.exp2 == 0)
    return ("\(n.mantissa)", n.exp10)
  }

  @Test("the byte parse gives the Character parse's number for every golden string")
  func goldenStrings() {
    var strings = 0
    var mismatches: [String] = []
    for line in GoldenFixtures.lines {
      for c in line.components {
        for text in [c.exact, c.sens] {
          strings += 1
          let a = Self.byteParse(text)
          let b = Self.characterParse(text)
          if a?.mantissa != b?.mantissa || a?.exp10 != b?.exp10, mismatches.count < 10 {
            mismatches.append("\(text): bytes \(String(describing: a)), characters \(String(describing: b))")
          }
        }
      }
    }
    #expect(strings > 20_000)
    #expect(mismatches.isEmpty, Comment(rawValue: mismatches.joined(separator: "\n")))
  }

  @Test(
    "malformed and edge strings: the same number or the same refusal",
    arguments: [
      "0", "-0", "+0", "000", "-1.25e-300", "+1.5E+3", "1.", ".5", "5.", "1..2", "e5", "1e", "1e+", "1e-", "1e-760",
      "1e-761", "0.0001e-757", "1e-1302883445709755357", "123456789012345678901234567890e1234567890123", "abc", "",
      "-", "+", "1 ", " 1", "1e5x", "12e3.4", "-+1", "١", "1é", "0.100000000000000005551115123125782702118158340454101562",
      "inf", "nan",
    ])
  func edgeStrings(text: String) {
    let a = Self.byteParse(text)
    let b = Self.characterParse(text)
    #expect(a?.mantissa == b?.mantissa && a?.exp10 == b?.exp10, "bytes \(String(describing: a)), characters \(String(describing: b))")
  }

  @Test("known values, worked by hand")
  func knownValues() {
    // -1.25e-300 = -125 * 10^-302.
    #expect(Self.byteParse("-1.25e-300")! == ("-125", -302))
    // 1.5E+3 = 15 * 10^2.
    #expect(Self.byteParse("+1.5E+3")! == ("15", 2))
    // Below 10^-760 the value is taken as 0.
    #expect(Self.byteParse("7e-761")! == ("0", 0))
    #expect(Self.byteParse("1.2.3") == nil)
    #expect(Self.byteParse("1e") == nil)
  }
}
