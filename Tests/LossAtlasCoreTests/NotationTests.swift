import LossAtlasCore
import Testing

/// The notation Core writes for intervals and label sets (CATALOG.md's
/// `[0, 1]`, `(0, inf)`, `{-1, +1}`), which the CLI's messages, the pages'
/// domain lines and the parameter ranges share; and the edit distance
/// behind every "did you mean" (the catalog's and user functions').
@Suite struct NotationTests {
  @Test func intervals() {
    #expect(formatInterval(0, closed: true, 1, closed: true) == "[0, 1]")
    #expect(formatInterval(0, closed: false, .infinity, closed: false) == "(0, inf)")
    #expect(formatInterval(-1, closed: true, 0.5, closed: false) == "[-1, 0.5)")
    #expect(ArgumentDomain.unit.description == "[0, 1]")
    #expect(ArgumentDomain.positive.description == "a finite number > 0")
    // An infinite end is never closed.
    #expect(RealInterval(-.infinity, 2).description == "(-inf, 2]")
  }

  @Test func labels() {
    #expect(formatLabels([-1, 1]) == "{-1, +1}")
    #expect(formatLabels([0, 1]) == "{0, 1}")
    #expect(ArgumentDomain.labels([-1, 1]).description == "one of {-1, +1}")
  }

  /// Levenshtein distances worked by hand: kitten -> sitting is k -> s,
  /// e -> i and one g added; flaw -> lawn drops f and adds n.
  @Test func editDistances() {
    #expect(editDistance("kitten", "sitting") == 3)
    #expect(editDistance("flaw", "lawn") == 2)
    #expect(editDistance("", "abc") == 3)
    #expect(editDistance("abc", "") == 3)
    #expect(editDistance("abc", "abc") == 0)
    // By Unicode scalar: one substitution, though σ is two UTF-8 bytes.
    #expect(editDistance("σ", "s") == 1)
  }
}
