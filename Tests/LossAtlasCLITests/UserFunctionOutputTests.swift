import Foundation
import LossAtlasCore
import TestSupport
import Testing

/// What eval and properties print where a user formula fails in Double
/// (issue 11's known defects): the exact fallback is said, and the extremes
/// print the Double result and the exact value separately, labelled.
@Suite struct UserFunctionOutputTests {
  static let example = "claims/examples/user-functions.yaml"

  /// log(1 + exp(800)): exp(800) overflows, so Double gives log(inf) = inf,
  /// and f' = exp(x) / (1 + exp(x)) = inf / inf = NaN, f'' likewise NaN.
  /// Exactly: 800 + log1p(e^-800) rounds to 800; f' = 1 / (1 + e^-800)
  /// rounds to 1; f'' = e^-800 / (1 + e^-800)^2, about 1e-348, rounds to 0.
  @Test("eval says where the exact value replaced the formula's NaN or inf, readable and --json")
  func evalSaysExactFallback() throws {
    let r = try CLIRunner.run(["eval", "naive-softplus", "--functions", Self.example, "--arg", "x=800"])
    #expect(r.status == 0, "\(r.stderr)")
    #expect(r.stdout.contains("  value   800.0  (exact value; the formula as written gives inf in Double)\n"), "\(r.stdout)")
    #expect(r.stdout.contains("  d/dx    1.0  (exact value; the formula as written gives nan in Double)\n"), "\(r.stdout)")
    #expect(r.stdout.contains("  d2/dx2  0.0  (exact value; the formula as written gives nan in Double)\n"), "\(r.stdout)")
    let j = try JSONValue.parse(try CLIRunner.run(["eval", "naive-softplus", "--functions", Self.example, "--arg", "x=800", "--json"]).stdout)
    #expect(j["value"] == .number("800.0"))
    let fallback = try #require(j["exact_fallback"])
    #expect(fallback["value"] == .string("inf"))
    #expect(fallback["grad"]?["x"] == .string("nan"))
    #expect(fallback["d2"]?["x"] == .string("nan"))
    // Where the formula is fine in Double, nothing is said.
    let plain = try CLIRunner.run(["eval", "naive-softplus", "--functions", Self.example, "--arg", "x=1"])
    #expect(!plain.stdout.contains("exact value"))
    let plainJSON = try JSONValue.parse(try CLIRunner.run(["eval", "naive-softplus", "--functions", Self.example, "--arg", "x=1", "--json"]).stdout)
    #expect(plainJSON["exact_fallback"] == nil)
  }

  @Test("eval --jsonl adds exact_fallback to a user function's answer only where it applies; d2 only with --second-derivative")
  func jsonlSaysExactFallback() throws {
    let lines = """
      {"id": "naive-softplus", "args": {"x": 800}}
      {"id": "naive-softplus", "args": {"x": 1}}
      {"id": "softplus", "args": {"x": 800}}

      """
    let r = try CLIRunner.run(["eval", "--jsonl", "--functions", Self.example], stdin: Array(lines.utf8))
    #expect(r.status == 0, "\(r.stderr)")
    let answers = r.stdout.split(separator: "\n").map(String.init)
    #expect(answers == [
      #"{"value": 800.0, "grad": {"x": 1.0}, "exact_fallback": {"value": "inf", "grad": {"x": "nan"}}}"#,
      // log(1 + e) and e / (1 + e), the formula's own Double results.
      #"{"value": 1.3132616875182228, "grad": {"x": 0.7310585786300049}}"#,
      #"{"value": 800.0, "grad": {"x": 1.0}}"#,
    ], "\(r.stdout)")
    let d2 = try CLIRunner.run(["eval", "--jsonl", "--second-derivative", "--functions", Self.example], stdin: Array(lines.utf8))
    let first = try JSONValue.parse(String(d2.stdout.split(separator: "\n")[0]))
    #expect(first["exact_fallback"]?["d2"]?["x"] == .string("nan"), "\(d2.stdout)")
  }

  /// x^2 * 1e10 / (x^2 + 1): beyond |x| = 1.3407807929942597e154, x^2
  /// overflows and Double gives inf / inf = NaN for f and f', where the
  /// exact f is 1e10 / (1 + x^-2), 1e10 to the nearest Double at 1e300, and
  /// f' = 2e10 x / (x^2 + 1)^2, about 2e-890: 0 of its sign. The entry
  /// reports those exact values, so f at ±1e300 is 1e10 and no extreme is
  /// "not finite"; the formula's line shows both numbers.
  @Test("properties prints the extremes without '(!)': f as reported, then the formula's Double result and the exact value")
  func extremesArePrintedLabelled() throws {
    let folder = try TemporaryFolder()
    let path = try folder.write(
      "f.yaml",
      """
      functions:
        - id: squashed-square
          family: activation
          arguments: [x]
          value: "x^2 * 1e10 / (x^2 + 1)"

      """)
    let r = try CLIRunner.run(["properties", "squashed-square", "--functions", path])
    #expect(r.status == 0, "\(r.stderr)")
    #expect(!r.stdout.contains("(!)"))
    #expect(r.stdout.contains("  extremes         -1e+300: 10000000000.0, -1000.0: "), "\(r.stdout)")
    #expect(!r.stdout.contains("not finite"), "\(r.stdout)")
    #expect(r.stdout.contains("  extremes of the formula as written: Double result | exact value\n"))
    #expect(r.stdout.contains("    x = 1e+300   f nan | 10000000000.0; f' nan | 0.0; "), "\(r.stdout)")
    #expect(r.stdout.contains("    x = -1e+300  f nan | 10000000000.0; f' nan | -0.0; "), "\(r.stdout)")
  }
}
