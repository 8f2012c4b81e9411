import LossAtlasIO
import Testing

/// The pieces of input handling in LossAtlasIO (issue 9): number syntax,
/// JSON strings for non-finite numbers, the JSON parser's duplicate keys.
/// (Echoed input and name suggestions, in LossAtlasCore: InputEchoTests.)
@Suite struct InputParsingTests {
  /// NumberSyntax: the documented forms and nothing else. Each expected
  /// value is the decimal the text spells.
  @Test func numberSyntax() {
    let good: [(String, Double)] = [
      ("1", 1), ("+1", 1), ("-1", -1), (".5", 0.5), ("-.5", -0.5), ("1.", 1), ("+1.e2", 100), ("6.02e23", 6.02e23),
      ("-1E-8", -1e-8), ("0", 0), ("007", 7), ("1e400", .infinity),
    ]
    for (text, value) in good { #expect(NumberSyntax.parse(text) == value, "\(text)") }
    for word in ["inf", "+Inf", "INFINITY", "+infinity"] { #expect(NumberSyntax.parse(word) == .infinity, "\(word)") }
    for word in ["-inf", "-Infinity"] { #expect(NumberSyntax.parse(word) == -.infinity, "\(word)") }
    for word in ["nan", "NaN", "NAN"] { #expect(NumberSyntax.parse(word)?.isNaN == true, "\(word)") }
    for bad in ["", " 1", "1 ", "0x10", "1_000", "1e", "e1", ".", "+", "-", "++1", "1.2.3", "1e+", "infinit", "-nan", "nan1", "١"] {
      #expect(NumberSyntax.parse(bad) == nil, "\(bad)")
    }
    #expect(NumberSyntax.isIntegerLiteral("+3") && NumberSyntax.isIntegerLiteral("-0") && !NumberSyntax.isIntegerLiteral("3."))
  }

  /// JSON strings name non-finite numbers in any case.
  @Test func jsonNonFiniteStrings() {
    #expect(JSONValue.string("NaN").doubleValue?.isNaN == true)
    #expect(JSONValue.string("-INF").doubleValue == -.infinity)
    #expect(JSONValue.string("Infinity").doubleValue == .infinity)
    #expect(JSONValue.string("none").doubleValue == nil)
  }

  /// The duplicate-key check finds the duplicate among 100,000 keys (it
  /// used to compare every pair: see BatchHardeningTests for the time).
  @Test func duplicateKeysAmongMany() throws {
    let keys = (0..<100_000).map { "\"k\($0)\": \($0)" }
    let distinct = "{" + keys.joined(separator: ",") + "}"
    guard case .object(let members) = try JSONValue.parse(distinct) else {
      Issue.record("not an object")
      return
    }
    #expect(members.count == 100_000)
    #expect(members.last?.key == "k99999")
    let repeated = "{" + keys.joined(separator: ",") + ", \"k5\": 0}"
    #expect(throws: JSONParseError.self) { try JSONValue.parse(repeated) }
    do {
      _ = try JSONValue.parse(repeated)
    } catch {
      #expect(error.reason == "duplicate key 'k5'")
    }
  }
}
