import Foundation
import TestSupport
import Testing

/// Session 26: `lossatlas chart` of a user function whose values are too
/// far apart for one y axis (x * 1e308 on [-5, 5]: finite from -1.8e308 to
/// 1.8e308, a span of +inf) printed the renderer's "invalid figure: y range
/// -inf...inf must be finite and non-empty". It now says what the values
/// are and what to do, exits 1 and writes nothing; the near-misses around
/// it (constants, subnormal and huge values, NaN and inf pieces) draw.
@Suite struct ChartAxisOverflowTests {
  static func functions(_ folder: TemporaryFolder, _ formula: String) throws -> String {
    try folder.write("f.yaml", "functions:\n  - id: my-f\n    arguments: [x]\n    value: \"\(formula)\"\n")
  }

  @Test(
    "values whose span overflows Double are refused with what they are and the fix, exit 1, no file",
    arguments: [
      // Finite from about -1.79e308 to 1.79e308 on the grid, ±inf beyond |x| = 1.8.
      ("x * 1e308", "runs from -1.79"),
      ("where(x > 0, 1e308, -1e308)", "runs from -1e+308 to 1e+308:"),
      ("-1e308 * x * x", "e+308 to -0.0:"),
      ("x * 3e307", "runs from -1.5e+308 to 1.5e+308:"),
    ])
  func refused(formula: String, said: String) throws {
    let folder = try TemporaryFolder()
    let path = try Self.functions(folder, formula)
    let out = folder.path("f.png")
    let r = try CLIRunner.run(["chart", "my-f", "--functions", path, "--out", out])
    #expect(r.status == 1, "\(r.stderr)")
    #expect(r.stderr.hasPrefix("error: cannot draw my-f: my-f's f(x) over x from -5.0 to 5.0 runs from "), "\(r.stderr)")
    #expect(r.stderr.contains(said), "\(r.stderr)")
    #expect(r.stderr.hasSuffix("give a narrower --from/--to\n") && !r.stderr.contains("invalid figure"), "\(r.stderr)")
    #expect(r.stderr.split(separator: "\n").count == 1 && r.stdout.isEmpty)
    #expect(!FileManager.default.fileExists(atPath: out))
  }

  /// The narrower range the message asks for draws.
  @Test func aNarrowerRangeDraws() throws {
    let folder = try TemporaryFolder()
    let path = try Self.functions(folder, "x * 1e308")
    let out = folder.path("f.png")
    let r = try CLIRunner.run(["chart", "my-f", "--functions", path, "--from", "-0.5", "--to", "0.5", "--out", out])
    #expect(r.status == 0, "\(r.stderr)")
    #expect(FileManager.default.fileExists(atPath: out))
  }

  @Test(
    "constant, subnormal, huge and overflowing values draw",
    arguments: [
      "3", "0 * x", "x * 1e-320", "1e-300 + x * 1e-321", "4.9e-324", "1e308", "-1e308", "x * 1.5e307",
      "1e308 + x * 1e307", "exp(x * 1000)",
    ])
  func draws(formula: String) throws {
    let folder = try TemporaryFolder()
    let path = try Self.functions(folder, formula)
    for ext in ["png", "svg"] {
      let out = folder.path("f.\(ext)")
      let r = try CLIRunner.run(["chart", "my-f", "--functions", path, "--out", out])
      #expect(r.status == 0 && !r.stderr.contains("invalid figure"), "\(formula) \(ext): \(r.stderr)")
      #expect(FileManager.default.fileExists(atPath: out), "\(formula) \(ext)")
    }
  }
}
