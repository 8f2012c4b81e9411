import Foundation
import TestSupport
import Testing

/// Session 26: `lossatlas sweep` takes at most 10,000 parameter settings
/// (a 100 x 100 grid). Only rows were capped (50 million), so `--points 2`
/// let two lists of 5,000 plan 25 million settings, each with its view,
/// before the first row. Beyond the cap: one message, exit 64, no output.
@Suite struct SweepSettingsCapTests {
  /// n values, 1/128 to n/128 (inside focal's ranges for n <= 128).
  static func list(_ n: Int) -> String { (1...n).map { String(Double($0) / 128) }.joined(separator: ",") }

  @Test("a 100 x 100 grid of settings is swept: 10,000 blocks")
  func hundredByHundred() throws {
    let r = try CLIRunner.run(["sweep", "focal", "--at", "0.5", "--param", "gamma=" + Self.list(100), "--param", "alpha=" + Self.list(100)])
    #expect(r.status == 0, "\(r.stderr)")
    #expect(r.stdout.split(separator: "\n").count == 1 + 10_000)
  }

  @Test(
    "beyond 10,000 settings: exit 64, one line naming the caps, nothing on stdout",
    arguments: [
      ["sweep", "huber", "--points", "2", "--param", "delta=" + list(10_001)],
      ["sweep", "focal", "--points", "2", "--param", "gamma=" + list(101), "--param", "alpha=" + list(100)],
      // Two lists of 5,000 (25 million settings) are refused as soon as they are counted.
      ["sweep", "focal", "--points", "2", "--param", "gamma=" + list(5000), "--param", "alpha=" + list(5000)],
      ["sweep", "huber", "--points", "2", "--format", "json", "--param", "delta=" + list(10_001)],
    ])
  func refused(arguments: [String]) throws {
    let r = try CLIRunner.run(arguments)
    #expect(r.status == 64, "\(r.stderr)")
    #expect(r.stdout.isEmpty)
    #expect(
      r.stderr == "error: the --param lists make more than 10000 settings, the most this sweep takes (at most 10000 settings "
        + "and 50000000 rows, here 2 a setting): sweep fewer values at a time\n", "\(r.stderr)")
    #expect(r.stderr.split(separator: "\n").count == 1)
  }

  /// The rows cap still applies first where it is lower: 1,001 points
  /// allow 49,950 settings by rows, 10,000 by settings; 50,000,000 points
  /// allow one.
  @Test func theRowsCapStillApplies() throws {
    let r = try CLIRunner.run(["sweep", "huber", "--points", "50000000", "--param", "delta=1,2"])
    #expect(r.status == 64 && r.stdout.isEmpty, "\(r.stderr)")
    #expect(r.stderr.hasPrefix("error: the --param lists make more than 1 settings, the most this sweep takes (at most 10000 settings and 50000000 rows, here 50000000 a setting)"), "\(r.stderr)")
  }
}
