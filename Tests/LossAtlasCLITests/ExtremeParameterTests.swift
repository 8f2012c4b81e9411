import Foundation
import LossAtlasCore
import TestSupport
import Testing

/// Issue 9, item 7: `eval barron --arg yhat=1e300 --arg y=0 --param
/// alpha=1e306` (and -1e306, and through `chart` and `check`) died with
/// SIGILL from `Int()` of a NaN, and one such line in `eval --jsonl` killed
/// the batch. Each path must now exit cleanly: 0, or a clean error.
@Suite struct ExtremeParameterTests {
  /// A fresh folder per test.
  let folder: URL = {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("lossatlas-extreme-\(UUID().uuidString)")
    try! FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
  }()

  /// A run ended by a signal reports a status above 128 or the signal; a
  /// clean exit is 0, 1, 2 or 64 with no crash report on stderr.
  static func exitedCleanly(_ r: CLIRunner.Result) -> Bool {
    [0, 1, 2, 64].contains(r.status) && !r.stderr.contains("Fatal error") && !r.stderr.contains("crashed")
      && !r.stderr.contains("runtime failure")
  }

  @Test("eval barron at alpha = ±1e306, yhat = 1e300: the limits, exit 0", arguments: ["1e306", "-1e306"])
  func evalHugeAlpha(alpha: String) throws {
    let r = try CLIRunner.run(["eval", "barron", "--arg", "yhat=1e300", "--arg", "y=0", "--param", "alpha=\(alpha)", "--json"])
    #expect(r.status == 0, "\(r.stderr)")
    let json = try JSONValue.parse(r.stdout)
    // alpha = 1e306: (1 + s)^(alpha/2) is beyond the Double range, so are
    // the loss and both derivatives; alpha = -1e306: the loss is
    // |alpha - 2| / |alpha| = 1 + 2e-306, which rounds to 1.
    if alpha == "1e306" {
      #expect(json["value"] == .string("inf"), "\(r.stdout)")
    } else {
      #expect(json["value"] == .number("1.0"), "\(r.stdout)")
    }
    #expect(!r.stdout.contains("nan"))
  }

  @Test("chart barron at alpha = ±1e306 writes its PNG or fails cleanly", arguments: ["1e306", "-1e306"])
  func chartHugeAlpha(alpha: String) throws {
    let out = folder.appendingPathComponent("barron.png")
    let r = try CLIRunner.run(["chart", "barron", "--param", "alpha=\(alpha)", "--out", out.path])
    #expect(Self.exitedCleanly(r), "status \(r.status): \(r.stderr.prefix(400))")
    if r.status == 0 {
      let png = try Data(contentsOf: out)
      #expect(Array(png.prefix(4)) == [0x89, 0x50, 0x4E, 0x47])
    }
  }

  @Test("check: claims on barron at alpha = ±1e306 are decided, no crash")
  func checkHugeAlpha() throws {
    let claims = """
      claims:
        - id: huge-alpha-value
          text: "barron at alpha = 1e306 is non-negative at yhat = 1e300"
          function: barron
          params: {alpha: 1.0e306}
          args: {y: 0}
          property: value-at
          at: 1.0e300
          expect: {at-least: 0}
        - id: huge-negative-alpha-bounded
          text: "barron at alpha = -1e306 stays at most 1"
          function: barron
          params: {alpha: -1.0e306}
          args: {y: 0}
          property: value-at
          at: 1.0e300
          expect: {at-most: 1}
        - id: huge-alpha-slope
          text: "barron at alpha = -1e306 has a bounded slope"
          function: barron
          params: {alpha: -1.0e306}
          property: max-abs-derivative
          expect: {at-most: 1}

      """
    let url = folder.appendingPathComponent("huge.yaml")
    try claims.write(to: url, atomically: true, encoding: .utf8)
    let r = try CLIRunner.run(["check", url.path, "--format", "json"])
    #expect(Self.exitedCleanly(r), "status \(r.status): \(r.stderr.prefix(400))")
    let json = try JSONValue.parse(r.stdout)
    #expect(json["failed"] == .number("0"), "\(r.stdout.prefix(2000))")
    #expect(r.status == 0)
  }

  @Test("eval --jsonl: a barron line at alpha = 1e306 is answered and the batch goes on")
  func batchGoesOn() throws {
    let input = """
      {"id": "sigmoid", "args": {"x": 0}}
      {"id": "barron", "params": {"alpha": 1e306}, "args": {"yhat": 1e300, "y": 0}}
      {"id": "barron", "params": {"alpha": -1e306}, "args": {"yhat": 1e300, "y": 0}}
      {"id": "barron", "params": {"alpha": 1e306}, "args": {"yhat": 1e-300, "y": 0}}
      {"id": "bce", "args": {"p": -0.0, "y": 1}}
      {"id": "identity", "args": {"x": 2}}

      """
    let r = try CLIRunner.run(["eval", "--jsonl"], stdin: Array(input.utf8))
    #expect(r.status == 0, "\(r.stderr)")
    let lines = r.stdout.split(separator: "\n").map(String.init)
    #expect(lines.count == 6, "\(r.stdout)")
    guard lines.count == 6 else { return }
    #expect(lines[0] == #"{"value": 0.5, "grad": {"x": 0.25}}"#)
    #expect(lines[1].contains(#""value": "inf""#), "\(lines[1])")
    #expect(lines[2].hasPrefix(#"{"value": 1.0,"#), "\(lines[2])")
    // yhat = 1e-300: x^2 / 2 = 5e-601 rounds to 0, the derivative is r itself.
    #expect(lines[3] == #"{"value": 0.0, "grad": {"yhat": 1e-300}}"#, "\(lines[3])")
    // bce at p = -0, y = 1: the catalog's -inf (it was +inf).
    #expect(lines[4] == #"{"value": "inf", "grad": {"p": "-inf"}}"#, "\(lines[4])")
    #expect(lines[5] == #"{"value": 2.0, "grad": {"x": 1.0}}"#)
    #expect(!r.stdout.contains("nan"))
  }
}
