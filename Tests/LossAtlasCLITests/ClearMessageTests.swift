import Foundation
import LossAtlasCore
import TestSupport
import Testing

/// The "Clearer messages" of issue 9: each bad input gets one line naming
/// the input and what is allowed.
@Suite struct ClearMessageTests {
  /// Negative numbers given to numeric options were taken for options
  /// ("Missing value for '--points <points>'").
  @Test(arguments: [
    (["sweep", "sigmoid", "--points", "-5"], "--points must be between 1 and 50000000, not -5"),
    (["check", "--jobs", "-1", "claims.yaml"], "--jobs must be between 1 and 64, not -1"),
    (["generate", "--jobs", "-1"], "--jobs must be between 1 and 64, not -1"),
    (["check", "--tau", "-0.5", "claims.yaml"], "--tau must be in (0, 1), not -0.5"),
    (["properties", "sigmoid", "--tau", "-1"], "--tau must be in (0, 1), not -1.0"),
    (["chart", "sigmoid", "--scale", "-1"], "--scale must be 1 or 2, not -1"),
  ])
  func negativeOptionValuesNameTheRange(arguments: [String], message: String) throws {
    let r = try BoundedRun.run(arguments)
    #expect(r.status == 64, "\(r.summary)")
    #expect(r.stderr.hasPrefix("Error: \(message)\n"), "\(r.stderr)")
    #expect(!r.stderr.contains("Missing value"))
  }

  @Test func negativeViewNamesTheViews() throws {
    let r = try BoundedRun.run(["sweep", "huber", "--view", "-1"])
    #expect(r.status == 64)
    // The flag, what was typed and the views there are.
    #expect(r.stderr == "error: --view '-1': huber's views are 0 (yhat (y = 0))\n")
  }

  /// One number syntax on the command line: +1, .5 and 1. were refused
  /// while +inf was accepted.
  @Test(arguments: [("+1", 1.0), (".5", 0.5), ("1.", 1.0), ("-.25e1", -2.5), ("+1E-1", 0.1), ("1e0", 1.0)])
  func commandLineNumbers(text: String, value: Double) throws {
    let r = try BoundedRun.run(["eval", "identity", "--arg", "x=\(text)", "--json"])
    #expect(r.status == 0, "\(r.summary)")
    #expect(try JSONValue.parse(r.stdoutText)["value"] == .double(value))
  }

  @Test(arguments: ["0x10", "1.2.3", "1e", "e5", ".", "+", "1_000", "++1", "inf5", "1 2"])
  func commandLineNonNumbers(text: String) throws {
    let r = try BoundedRun.run(["eval", "relu", "--arg", "x=\(text)"])
    #expect(r.status == 64)
    #expect(
      r.stderr
        == "error: cannot read '\(text)' for x of relu: write a number (1.5, -2e-8, .5, +1, -inf) or a list of numbers ([1, 2, 3])\n")
  }

  /// Lists take the same numbers.
  @Test func commandLineLists() throws {
    let r = try BoundedRun.run(["eval", "softmax", "--arg", "z=[+1, .5, 1., -inf]", "--json"])
    #expect(r.status == 64)
    #expect(r.stderr == "error: argument z[3] = -inf of softmax is outside its domain: each element must be a finite real number\n")
    let ok = try BoundedRun.run(["eval", "softmax", "--arg", "z=[+1, .5, 1.]", "--json"])
    #expect(ok.status == 0)
    let expected = try Catalog.function(named: "softmax").evaluate(arguments: ["z": .vector([1, 0.5, 1])])
    #expect(try JSONValue.parse(ok.stdoutText)["value"] == expected.value.json)
  }

  /// "NaN" was refused as not a number while "nan" reached the domain
  /// check: every spelling now reads the same, in JSON and on the command
  /// line, and gets the domain's message; "Inf" likewise.
  @Test func nonFiniteWordsReadAlikeInEveryCase() throws {
    let spellings = ["nan", "NaN", "NAN", "inf", "Inf", "+INF", "infinity", "-Infinity"]
    let input = spellings.map { #"{"id": "sigmoid", "args": {"x": "\#($0)"}}"# }.joined(separator: "\n") + "\n"
    let r = try BoundedRun.run(["eval", "--jsonl"], input: .bytes(Array(input.utf8)))
    let lines = r.stdoutText.split(separator: "\n").map(String.init)
    let shown = ["nan", "nan", "nan", "inf", "inf", "inf", "inf", "-inf"]
    #expect(lines.count == spellings.count)
    for (i, (line, value)) in zip(lines, shown).enumerated() {
      #expect(
        line == #"{"error": "line \#(i + 1): argument x = \#(value) of sigmoid is outside its domain: x must be a finite real number"}"#)
    }
    for (spelling, value) in zip(spellings, shown) {
      let c = try BoundedRun.run(["eval", "sigmoid", "--arg", "x=\(spelling)"])
      #expect(c.stderr == "error: argument x = \(value) of sigmoid is outside its domain: x must be a finite real number\n")
    }
    // A parameter: barron's alpha takes -inf, in any spelling.
    let barron = #"{"id": "barron", "params": {"alpha": "-INF"}, "args": {"yhat": 1, "y": 0}}"#
    let b = try BoundedRun.run(["eval", "--jsonl"], input: .bytes(Array((barron + "\n").utf8)))
    #expect(b.status == 0, "\(b.stdoutText)")
  }

  /// `{"id": 5}` said `missing "id"`.
  @Test func wrongTypesAreNamed() throws {
    let input = [
      #"{"id": 5}"#, #"{"id": ["sigmoid"]}"#, #"{"id": "sigmoid", "args": [0]}"#, #"{"id": "huber", "params": 1, "args": {}}"#,
      #"{"id": "sigmoid", "args": {"x": true}}"#,
    ].joined(separator: "\n")
    let r = try BoundedRun.run(["eval", "--jsonl"], input: .bytes(Array(input.utf8)))
    #expect(r.stdoutText.split(separator: "\n").map(String.init) == [
      #"{"error": "line 1: \"id\" must be a string (a function id or alias, see `lossatlas list`), not 5"}"#,
      #"{"error": "line 2: \"id\" must be a string (a function id or alias, see `lossatlas list`), not an array of 1 item"}"#,
      #"{"error": "line 3: \"args\" must be an object like {\"x\": 1}, not an array of 1 item"}"#,
      #"{"error": "line 4: \"params\" must be an object like {\"delta\": 1}, not 1"}"#,
      #"{"error": "line 5: argument x of sigmoid must be a number or an array of numbers, not true"}"#,
    ])
  }

  /// An error that quotes what was typed stays one line and cannot drive
  /// the terminal.
  @Test func echoedInputIsEscaped() throws {
    let r = try BoundedRun.run(["eval", "sig\u{1B}[2J\nmoid", "--arg", "x=1"])
    #expect(r.status == 64)
    #expect(r.stderr.hasPrefix("error: unknown function 'sig\\u{1B}[2J\\nmoid': "), "\(r.stderr)")
    #expect(r.stderr.split(separator: "\n").count == 1)
  }
}
