import Foundation
import Testing

@testable import LossAtlasReport

/// ``InertText`` admits a scalar only when byte-wise search gives the
/// answers of `String`'s character-wise search: checked here for every
/// scalar it admits, against Foundation's canonical decomposition and
/// Swift's own grapheme breaking, and the UTF-8 decoder against Swift's.
@Suite("InertText: every admitted scalar is one character and its own canonical form")
struct InertTextTests {
  static let admitted: [Unicode.Scalar] = (0...0x10FFFF).compactMap { v in
    InertText.isInert(UInt32(v)) ? Unicode.Scalar(UInt32(v)) : nil
  }

  @Test("no admitted scalar is unassigned or a mark, decomposes to more than one starter, decomposes as another does, or joins a neighbour into one character")
  func admittedScalarsAreInert() {
    #expect(Self.admitted.count > 29_000, "ASCII, Latin, Greek, punctuation, maths and the CJK ideographs: \(Self.admitted.count)")
    var bad: [String] = []
    var decompositions: [[UInt32]: UInt32] = [:]
    for s in Self.admitted {
      let one = String(Character(s))
      let nfd = one.decomposedStringWithCanonicalMapping.unicodeScalars.map { $0 }
      let starters = nfd.map { $0.properties.canonicalCombiningClass == .notReordered }
      let other = decompositions.updateValue(s.value, forKey: nfd.map(\.value))
      let category = s.properties.generalCategory
      let problems = [
        category == .unassigned ? "unassigned" : nil,
        [.nonspacingMark, .spacingMark, .enclosingMark].contains(category) ? "a mark" : nil,
        starters.first == true && !starters.dropFirst().contains(true) ? nil : "decomposes to \(nfd)",
        other.map { "decomposes as U+\(String($0, radix: 16))" },
        s.properties.isGraphemeExtend ? "extends" : nil,
        "a\(one)\(one)中\(one)\n\(one)".count == 7 ? nil : "joins a neighbour",
      ].compactMap { $0 }
      if !problems.isEmpty { bad.append("U+\(String(s.value, radix: 16, uppercase: true)) \(problems)") }
    }
    #expect(bad.isEmpty, "\(bad.count): \(bad.prefix(20))")
  }

  @Test("a precomposed letter and its decomposition are one character either way, and never equal bytes")
  func precomposedLettersStayWhole() {
    // ŷ and y + U+0302 are == as Swift strings: the byte-wise search never
    // sees the second (U+0302 is refused), so it never has to equate them.
    #expect("ŷ" == "y\u{302}" && !InertText.isInert(0x302) && InertText.isInert(0x177))
    #expect(!"ŷ".hasPrefix("y") && !"≠".hasPrefix("="))
  }

  @Test("the scalars that would break byte-wise search are refused")
  func knownTrapsRefused() {
    let traps: [UInt32] = [
      0x0D, 0x00, 0x7F, 0xAD, 0x301, 0x338, 0x374, 0x37E, 0x387, 0x200D, 0x2126, 0x212A, 0x212B, 0x302A,
      0x3099, 0xF907, 0xFE0F, 0xFF9E, 0x1100, 0xAC00, 0x1F1E6, 0x1F600,
    ]
    for t in traps { #expect(!InertText.isInert(t), "U+\(String(t, radix: 16))") }
  }

  @Test("the byte-wise test and decoder agree with Swift's scalars, on every admitted scalar and on mixed texts")
  func bytesAgree() {
    let texts = [
      String(String.UnicodeScalarView(Self.admitted)), "交叉熵 σ ≤ 1", "a\u{301}", "\r\n", "中\u{1F600}", "\u{10FFFF}", "",
    ]
    for text in texts {
      var copy = text
      let (inert, scalars) = copy.withUTF8 { bytes -> (Bool, [UInt32]) in
        var i = 0
        var scalars: [UInt32] = []
        while i < bytes.count {
          let (s, length) = InertText.decode(bytes, at: i)
          scalars.append(s)
          i += length
        }
        return (InertText.isInert(bytes), scalars)
      }
      #expect(scalars == text.unicodeScalars.map(\.value))
      #expect(inert == text.unicodeScalars.allSatisfy { InertText.isInert($0.value) })
    }
  }
}
