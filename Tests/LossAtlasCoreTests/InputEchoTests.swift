import LossAtlasCore
import Testing

/// The pieces of input handling that stay in LossAtlasCore (issue 9): echoed
/// input and name suggestions, both used by the catalog's own errors.
@Suite struct InputEchoTests {
  /// InputEcho: one line, no control characters, cut with the full length.
  @Test func inputEcho() {
    #expect(InputEcho.escapingControls("a\nb\tc\r\u{1B}[0m\u{7F}\u{9B}\u{202E}\u{FFFE}é") == #"a\nb\tc\r\u{1B}[0m\u{7F}\u{9B}\u{202E}\u{FFFE}é"#)
    #expect(InputEcho.short("abc", limit: 3) == "abc")
    #expect(InputEcho.short("abcd", limit: 3) == "abc… (4 bytes)")
    #expect(InputEcho.short(String(repeating: "é", count: 100), limit: 2) == "éé… (200 bytes)")
  }

  /// Suggestions for a long name: only the prefix match, and quickly (the
  /// length filter skips the edit distance; see BatchHardeningTests).
  @Test func suggestionsForLongNames() {
    #expect(Catalog.suggestions(for: "sigmoid" + String(repeating: "x", count: 100_000)) == ["sigmoid"])
    #expect(Catalog.suggestions(for: "sigmod") == ["sigmoid"])
    #expect(Catalog.suggestions(for: String(repeating: "q", count: 100_000)).isEmpty)
  }
}
