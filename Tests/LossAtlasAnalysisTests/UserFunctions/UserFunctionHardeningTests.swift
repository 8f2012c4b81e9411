import Foundation
import LossAtlasCore
import Testing

@testable import LossAtlasAnalysis

/// Attacks on user-function files (attack16): ids that are not ASCII, too
/// long for a file name, or the same id but for case or '_'/'-'; formulas
/// with a part that is NaN for every input. Each is refused when the file
/// is read, at its line and column, with what is allowed.
@Suite struct UserFunctionHardeningTests {
  /// The error reading `yaml` gives, if any (``DefinitionFileTests/error(_:)``).
  static func error(_ yaml: String) -> ExpressionError? { DefinitionFileTests.error(yaml) }

  static func function(_ id: String, _ value: String = "x") -> String {
    "  - id: \(id)\n    arguments: [x]\n    value: \"\(value)\"\n"
  }

  @Test(
    "an id with a non-ASCII digit, superscript or look-alike letter is refused (Character.isNumber admits them)",
    arguments: ["a\u{0661}", "a\u{00B2}", "f\u{00BD}", "r\u{0435}lu", "x\u{FF11}"])
  func idsAreASCII(_ id: String) throws {
    let e = try #require(Self.error("functions:\n" + Self.function(id)), "\(id) was accepted")
    #expect(e.message == "the id '\(id)' must start with a letter and hold only ASCII letters, digits, '-' and '_'")
    #expect(e.line == 2 && e.column == 9)
  }

  @Test("an id of 64 characters is read; of 65 it is refused, naming the limit (a 300-character id made a file name the writer refused)")
  func idLength() throws {
    let ok = String(repeating: "a", count: 64)
    #expect(Self.error("functions:\n" + Self.function(ok)) == nil)
    let long = String(repeating: "a", count: 65)
    let e = try #require(Self.error("functions:\n" + Self.function(long)))
    #expect(e.message == "the id is 65 characters long; an id may have at most 64 (it names the function's files)")
  }

  @Test(
    "two ids that differ only in case or '_'/'-' are refused at the second (one file on a case-insensitive disk; one name to the catalog's lookup)",
    arguments: [("foo", "Foo"), ("my_fn", "my-fn"), ("My-Fn", "my_fN")])
  func idsDistinctAsTheCatalogComparesThem(_ first: String, _ second: String) throws {
    let e = try #require(Self.error("functions:\n" + Self.function(first) + Self.function(second)))
    #expect(e.headline == "f.yaml:5:9: the id '\(second)' differs from the id '\(first)' only in case or '_'/'-': choose another id")
    // Across files too: the ids of files read before are reserved as given.
    #expect(throws: ExpressionError.self) {
      try UserFunctionFile.parse("functions:\n" + Self.function(second), file: "g.yaml", reserved: [first])
    }
  }

  @Test(
    "a part of the formula that is NaN for every input is refused at its text (eval called it 'a bug in LossAtlas')",
    arguments: [
      ("inf - inf + x", "inf - inf", 1), ("0*inf + x", "0*inf", 1), ("x + log(-1)", "log(-1)", 5),
      ("x * sqrt(-2)", "sqrt(-2)", 5), ("x + (-8)^(1/3)", "(-8)^(1/3)", 5), ("where(x > 0, x, sin(inf))", "sin(inf)", 17),
    ])
  func constantNaN(_ value: String, _ part: String, _ column: Int) throws {
    let source = ExpressionSource(value, file: "v")
    var caught: ExpressionError?
    do { _ = try UserExpression(source, arguments: ["x"]) } catch { caught = error }
    let e = try #require(caught, "\(value) was accepted")
    #expect(e.message == "'\(part)' is NaN (undefined) in Double for every input: rewrite it")
    #expect(e.column == column, "\(value): column \(e.column)")
  }

  @Test("constants that are finite or infinite, and NaN only for some inputs, are still read")
  func constantsThatAreNotNaN() throws {
    for value in ["x + log(0)", "x * exp(1000)", "1/inf + x", "log(x)", "sqrt(x - 1)", "x^0.5", "inf * x", "0^0 + x"] {
      _ = try UserExpression(ExpressionSource(value, file: "v"), arguments: ["x"])
    }
  }

  @Test("a name that looks like x but is Cyrillic is refused, showing the character")
  func lookAlikeName() throws {
    var caught: ExpressionError?
    do { _ = try UserExpression(ExpressionSource("\u{0445} + 1", file: "v"), arguments: ["x"]) } catch { caught = error }
    let e = try #require(caught)
    #expect(e.message.contains("unexpected character '\u{0445}'"))
    #expect(e.column == 1)
  }
}
