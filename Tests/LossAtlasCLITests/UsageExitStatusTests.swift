import Foundation
import TestSupport
import Testing

/// Session 26: every input typed on the command line that is refused
/// before the work starts exits 64 (EX_USAGE), whichever subcommand reads
/// it. Before, a value that could not be read or lay outside its domain or
/// range exited 1 (`--param delta=abc`, `--arg y=2`, `--from` outside the
/// domain in `sweep` but 64 in `chart`), like a failure of the work itself.
/// 1 stays for an accepted input whose work fails (a NaN answer, a figure
/// that cannot be drawn, an output file that cannot be written).
@Suite struct UsageExitStatusTests {
  static let refused: [[String]] = [
    // Names.
    ["eval", "sigmod", "--arg", "x=1"],
    ["eval", "huber", "--arg", "q=1"],
    ["eval", "huber", "--arg", "yhat=1"],
    ["eval", "huber", "--arg", "yhat=1", "--arg", "y=0", "--param", "beta=1"],
    // Values that cannot be read, or lie outside the domain or range.
    ["eval", "relu", "--arg", "x=abc"],
    ["eval", "relu", "--arg", "x=nan"],
    ["eval", "bce", "--arg", "p=2", "--arg", "y=0"],
    ["eval", "softmax", "--arg", "z=[1, -inf]"],
    ["eval", "huber", "--arg", "yhat=1", "--arg", "y=0", "--param", "delta=abc"],
    ["eval", "huber", "--arg", "yhat=1", "--arg", "y=0", "--param", "delta=-1"],
    ["sweep", "huber", "--param", "delta=abc"],
    ["sweep", "huber", "--param", "delta=0,1"],
    ["sweep", "huber", "--param", "delta=1,,2"],
    ["sweep", "huber", "--param", "delta=nan"],
    ["sweep", "bce", "--from", "-1", "--to", "1"],
    ["sweep", "bce", "--at", "0.5,2"],
    ["sweep", "bce", "--arg", "y=2"],
    ["sweep", "cross-entropy", "--arg", "s=[1,2]", "--arg", "k=0", "--over", "s[5]"],
    ["sweep", "huber", "--from", "2", "--to", "1"],
    ["sweep", "huber", "--points", "0"],
    ["properties", "huber", "--param", "delta=abc"],
    ["properties", "huber", "--param", "delta=-1"],
    ["properties", "huber", "--arg", "y=nan"],
    ["properties", "huber", "--tau", "2"],
    ["chart", "elu", "--param", "alpha=-1", "--out", "OUT/x.png"],
    ["chart", "elu", "--param", "alpha=abc", "--out", "OUT/x.png"],
    ["chart", "huber", "--param", "delta=1,2,3,4,5,6,7,8,9", "--out", "OUT/x.png"],
    ["chart", "bce", "--arg", "y=2", "--out", "OUT/x.png"],
    ["chart", "bce", "--from", "-1", "--out", "OUT/x.png"],
    ["chart", "sigmoid", "--out", "OUT/x.gif"],
    ["generate", "--out", "OUT/m", "--only", "sigmod"],
    ["check", "--tau", "0"],
    ["list", "--nonsense"],
  ]

  @Test("refused command-line input exits 64 with one line on stderr and nothing on stdout", arguments: refused)
  func refusedInput(arguments: [String]) throws {
    let folder = try TemporaryFolder()
    let args = arguments.map { $0.replacingOccurrences(of: "OUT/", with: folder.url.path + "/") }
    let r = try CLIRunner.run(args)
    #expect(r.status == 64, "\(arguments): \(r.stderr)")
    #expect(r.stdout.isEmpty, "\(arguments)")
    #expect(r.stderr.lowercased().hasPrefix("error: "), "\(arguments): \(r.stderr)")
    #expect((try FileManager.default.contentsOfDirectory(atPath: folder.url.path)).isEmpty, "\(arguments)")
  }

  /// Accepted input whose work fails exits 1.
  @Test func failedWorkExitsOne() throws {
    let folder = try TemporaryFolder()
    let functions = try folder.write(
      "f.yaml", "functions:\n  - id: my-log\n    arguments: [x]\n    value: \"log(x)\"\n  - id: my-big\n    arguments: [x]\n    value: \"x * 1e308\"\n")
    let noValue = try CLIRunner.run(["eval", "my-log", "--functions", functions, "--arg", "x=-1"])
    #expect(noValue.status == 1 && noValue.stderr.contains("gives NaN"), "\(noValue.stderr)")
    let sweep = try CLIRunner.run(["sweep", "my-log", "--functions", functions, "--at", "-1"])
    #expect(sweep.status == 1 && sweep.stderr.contains("gives NaN"), "\(sweep.stderr)")
    let chart = try CLIRunner.run(["chart", "my-big", "--functions", functions, "--out", folder.path("b.png")])
    #expect(chart.status == 1, "\(chart.stderr)")
    let device = try CLIRunner.run(["chart", "sigmoid", "--out", "/dev/null"])
    #expect(device.status == 1, "\(device.stderr)")
  }
}
