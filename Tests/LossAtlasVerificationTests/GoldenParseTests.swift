import LossAtlasVerification
import TestSupport
import Testing

/// `GoldenVectors.parse` splits at newline bytes (it split Characters
/// before): the same lines, with the same numbers, for both golden files
/// and for texts with blank, whitespace-only and CRLF lines.
@Suite struct GoldenParseTests {
  /// The lines as the Character split numbered them (the reference).
  static func characterSplit(_ text: String) -> [(number: Int, text: String)] {
    var out: [(Int, String)] = []
    for (i, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
    where !raw.allSatisfy(\.isWhitespace) {
      out.append((i + 1, String(raw)))
    }
    return out
  }

  static func same(_ text: String) throws -> Bool {
    let parsed = try GoldenVectors.parse(text).map { ($0.lineNumber, $0.text) }
    let reference = characterSplit(text)
    return parsed.count == reference.count && zip(parsed, reference).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }
  }

  @Test("both golden files: the same lines and line numbers as the Character split")
  func goldenFiles() throws {
    for name in GoldenFixtures.files {
      let text = try GoldenFixtures.text(name)
      #expect(try Self.same(text), "\(name)")
    }
    #expect(GoldenFixtures.lines.count == 4_279 + 2_752)
  }

  @Test("blank, whitespace-only, non-ASCII whitespace and CRLF lines")
  func edgeTexts() throws {
    let line = try #require(GoldenFixtures.lines.first).text
    let texts = [
      line, line + "\n", "\n\n" + line + "\n \t\n" + line, line + "\n\u{00A0}\u{2003}\n" + line + "\n\u{0B}\u{0C}\n",
      line + "\r\n" + "\r\n", "\r\n\r\n" + line + "\r\n",
    ]
    for text in texts {
      #expect(try Self.same(text), "\(text.debugDescription.prefix(80))")
    }
    // A CRLF line ending is one Character: the text is one line, which is no JSON.
    #expect(throws: (any Error).self) { try GoldenVectors.parse(line + "\r\n" + line) }
  }
}
