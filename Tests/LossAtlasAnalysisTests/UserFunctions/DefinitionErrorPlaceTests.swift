import Foundation
import LossAtlasCore
import Testing

@testable import LossAtlasAnalysis

/// Session 26: a view outside the domain was reported at 1:1 (the file's
/// first line) when the file gave no `view:`, and at the first key of a
/// block `view:` rather than the `at:` value that is wrong; an empty list
/// of names said "must be a list of names" of a list. Each error is now
/// at the text to change and says what is allowed.
@Suite struct DefinitionErrorPlaceTests {
  /// The error reading `yaml` gives, if any (``DefinitionFileTests/error(_:)``).
  static func error(_ yaml: String) -> ExpressionError? { DefinitionFileTests.error(yaml) }

  @Test("a default view (x from -5 to 5) outside the domain is reported at the domain's interval, with the fix")
  func defaultViewAtTheDomain() throws {
    let yaml = "functions:\n  - id: f\n    arguments: [x]\n    domain: {x: \"(10, inf)\"}\n    value: log(x)\n"
    let e = try #require(Self.error(yaml))
    #expect(e.line == 4 && e.column == 17, "\(e.headline)")
    #expect(e.sourceLine == "    domain: {x: \"(10, inf)\"}")
    #expect(e.message == "the view [-5.0, 5.0] of x lies outside its domain (10, inf); give a view inside it: view: {from: A, to: B}")
  }

  @Test("another argument held at 0 outside its domain, no view: at that argument's interval")
  func defaultHeldArgumentAtTheDomain() throws {
    let yaml = "functions:\n  - id: f\n    arguments: [x, y]\n    domain:\n      y: \"[1, 2]\"\n    value: x * y\n"
    let e = try #require(Self.error(yaml))
    #expect(e.line == 5 && e.column == 10, "\(e.headline)")
    #expect(e.message == "the view holds y at 0.0, outside its domain [1, 2]; give view.at.y")
  }

  @Test("view.at outside the domain in a block view: at the at value, not the view's first key")
  func heldArgumentAtItsValue() throws {
    let yaml = """
      functions:
        - id: f
          arguments: [x, y]
          domain: {y: "(10, inf)"}
          value: log(x * y)
          view:
            from: 1
            to: 5
            at: {y: 3}
      """
    let e = try #require(Self.error(yaml))
    #expect(e.line == 9 && e.column == 15, "\(e.headline)")
    #expect(e.message == "the view holds y at 3.0, outside its domain (10, inf); give view.at.y")
  }

  @Test("a view given in the file is still reported at the view")
  func givenViewAtTheView() throws {
    let yaml = "functions:\n  - id: f\n    arguments: [x]\n    domain: {x: \"(10, inf)\"}\n    value: log(x)\n    view: {from: 1, to: 5}\n"
    let e = try #require(Self.error(yaml))
    #expect(e.line == 6 && e.column == 11, "\(e.headline)")
    #expect(e.message == "the view [1.0, 5.0] of x lies outside its domain (10, inf)")
  }

  @Test("an empty list of names says at least one is needed", arguments: ["arguments", "differentiate"])
  func emptyNames(key: String) throws {
    let lists = key == "arguments" ? "    arguments: []\n" : "    arguments: [x]\n    differentiate: []\n"
    let e = try #require(Self.error("functions:\n  - id: f\n" + lists + "    value: \"1\"\n"))
    #expect(e.message == "'\(key)' lists no names: give at least one, e.g. [yhat, y]")
    #expect(e.sourceLine.contains("\(key): []"))
  }

  @Test("a scalar where names belong keeps the list message")
  func notAList() throws {
    let e = try #require(Self.error("functions:\n  - id: f\n    arguments: x\n    value: x\n"))
    #expect(e.message == "'arguments' must be a list of names, e.g. [yhat, y]")
  }
}
