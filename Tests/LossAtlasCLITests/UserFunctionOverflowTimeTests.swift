import Foundation
import TestSupport
import Testing

/// `properties` and `check` on user formulas that overflow Double over whole
/// ranges of their input finish: each failing point used to be repaired on
/// its own in 128- and 512-bit ball arithmetic (``RegionRepair`` now
/// decides whole buckets of inputs with one ball).
///
/// The deadline is a hang guard, well above the measured time (see
/// BENCHMARKS.md, session 26, uf-speed), not a speed test.
@Suite struct UserFunctionOverflowTimeTests {
  static let deadline = 30.0

  /// x / 5e-324 did not finish in 60 s before RegionRepair (5 s after);
  /// -x / 5e-324 is its mirror image (the buckets of negative inputs).
  static let formulas: [(id: String, value: String)] = [
    ("over-tiny", "x/5e-324"),
    ("minus-over-tiny", "-x/5e-324"),
  ]

  static func file(_ folder: TemporaryFolder) throws -> String {
    try folder.write(
      "f.yaml",
      "functions:\n"
        + formulas.map { "  - id: \($0.id)\n    arguments: [x]\n    value: \"\($0.value)\"\n" }.joined())
  }

  @Test("properties finishes on formulas that overflow over whole ranges", arguments: formulas.map(\.id))
  func propertiesFinishes(id: String) throws {
    let folder = try TemporaryFolder()
    let path = try Self.file(folder)
    let r = try BoundedRun.run(["properties", id, "--functions", path], timeout: Self.deadline)
    #expect(!r.timedOut, "\(id): \(r.summary)")
    #expect(r.status == 0, "\(id): \(r.summary)")
    #expect(r.stdoutText.hasPrefix("\(id) (\(id))\n"), "\(r.stdoutText.prefix(300))")
    // E[f'(h)^2] meets inf * 0 in the quadrature: the gain lines say there
    // is no value instead of printing "nan" (they did before session 26's review).
    let gains = r.stdoutText.split(separator: "\n").filter { $0.contains("gradient gain") }
    #expect(gains.count == 2, "\(r.stdoutText)")
    for line in gains {
      #expect(!line.lowercased().contains("nan at") && line.contains("no value: E[f'(h)^2]"), "\(line)")
    }
  }

  @Test("a gradient-gain claim where the gain is NaN in Double is refused with the reason, exit 2")
  func gainClaimWithoutValue() throws {
    let folder = try TemporaryFolder()
    let path = try Self.file(folder)
    let claims = try folder.write(
      "claims.yaml",
      """
      claims:
        - id: over-tiny-gain
          function: over-tiny
          property: gradient-gain
          expect: 1

      """)
    let r = try BoundedRun.run(["check", claims, "--functions", path], timeout: Self.deadline)
    #expect(!r.timedOut, "\(r.summary)")
    #expect(r.status == 2, "\(r.summary)")
    #expect(r.stderr.contains("gradient-gain has no value here: E[f'(h)^2], h ~ N(0, q = 1.0), is NaN in Double"), "\(r.stderr)")
  }

  /// The depth claim runs the chain of random layers over the failing
  /// inputs: 60 s were not enough before RegionRepair (under 4 s after).
  @Test("check finishes on claims about such a formula")
  func checkFinishes() throws {
    let folder = try TemporaryFolder()
    let path = try Self.file(folder)
    let claims = try folder.write(
      "claims.yaml",
      """
      claims:
        - id: over-tiny-increasing
          function: over-tiny
          property: monotonic
          expect: increasing
        - id: over-tiny-range
          function: over-tiny
          property: range
          expect: [-inf, inf]
        - id: over-tiny-depth
          function: over-tiny
          property: depth-to-vanish
          expect: inf

      """)
    let r = try BoundedRun.run(["check", claims, "--functions", path], timeout: Self.deadline)
    #expect(!r.timedOut, "\(r.summary)")
    #expect(r.status == 0, "\(r.summary)\n\(r.stdoutText.prefix(600))")
    #expect(r.stdoutText.contains("3 statements checked: 3 pass, 0 fail"), "\(r.stdoutText)")
  }
}
