import Foundation
import LossAtlasCore
import TestSupport
import Testing

/// End-to-end tests of `lossatlas list` and `lossatlas eval`: the built
/// binary, its stdout, stderr and exit status.
@Suite struct ListEvalTests {
  @Test func helpExitsZero() throws {
    let r = try CLIRunner.run(["--help"])
    #expect(r.status == 0)
    #expect(r.stdout.contains("eval"))
    #expect(r.stdout.contains("list"))
  }

  @Test func listJSONHasEveryCatalogId() throws {
    let r = try CLIRunner.run(["list", "--json"])
    #expect(r.status == 0)
    guard case .array(let items) = try JSONValue.parse(r.stdout) else {
      Issue.record("list --json is not an array")
      return
    }
    let ids = items.compactMap { item -> String? in
      if case .string(let id)? = item["id"] { return id }
      return nil
    }
    #expect(ids == Catalog.ids)
    for item in items {
      #expect(item["family"] != nil && item["arguments"] != nil && item["parameters"] != nil && item["aliases"] != nil)
    }
  }

  @Test func listTableHasEveryId() throws {
    let r = try CLIRunner.run(["list"])
    #expect(r.status == 0)
    let firstColumn = r.stdout.split(separator: "\n").dropFirst(2).map { String($0.split(separator: " ")[0]) }
    #expect(firstColumn == Catalog.ids)
  }

  @Test func evalReadable() throws {
    let r = try CLIRunner.run(["eval", "sigmoid", "--arg", "x=0"])
    #expect(r.status == 0)
    #expect(r.stdout.contains("value   0.5"))
    #expect(r.stdout.contains("d/dx    0.25"))
    #expect(r.stderr.isEmpty)
  }

  @Test func evalJSONRoundTrips() throws {
    let r = try CLIRunner.run(["eval", "sigmoid", "--arg", "x=2", "--json"])
    #expect(r.status == 0)
    let json = try JSONValue.parse(r.stdout)
    let expected = try Catalog.function(named: "sigmoid").evaluate(arguments: ["x": .real(2)])
    #expect(json["value"]?.doubleValue == expected.value.scalarValue)
    #expect(json["grad"]?["x"]?.doubleValue == expected.gradient("x")?.scalarValue)
    #expect(json["d2"]?["x"]?.doubleValue == expected.secondDerivative)
  }

  @Test func evalByAlias() throws {
    let r = try CLIRunner.run(["eval", "expit", "--arg", "x=0", "--json"])
    #expect(r.status == 0)
    #expect(try JSONValue.parse(r.stdout)["id"] == .string("sigmoid"))
  }

  /// Each class of bad input: one line on stderr naming the input and what
  /// is allowed, nothing on stdout, and the documented exit status.
  @Test(arguments: [
    (["eval", "sigmod", "--arg", "x=1"], Int32(64), "unknown function 'sigmod': did you mean 'sigmoid'?"),
    (["eval", "sigmoid", "--arg", "y=1"], 64, "unknown argument 'y' for sigmoid: it takes x"),
    (["eval", "sigmoid"], 64, "missing argument 'x' for sigmoid: x must be a finite real number"),
    (["eval", "sigmoid", "--arg", "x=nan"], 64, "argument x = nan of sigmoid is outside its domain: x must be a finite real number"),
    (["eval", "sigmoid", "--arg", "x=-inf"], 64, "argument x = -inf of sigmoid is outside its domain: x must be a finite real number"),
    (["eval", "sigmoid", "--arg", "x=abc"], 64, "cannot read 'abc' for x of sigmoid: write a number (1.5, -2e-8, .5, +1, -inf) or a list of numbers ([1, 2, 3])"),
    (["eval", "sigmoid", "--arg", "x"], 64, "--arg 'x' must be NAME=V; sigmoid takes x"),
    (["eval", "sigmoid", "--arg", "x=1", "--param", "beta=2"], 64, "unknown parameter 'beta': sigmoid has no parameters"),
    (["eval", "sigmoid", "--arg", "x=[1,2]"], 64, "argument x = an array of sigmoid is outside its domain: x must be a finite real number"),
  ])
  func badInput(arguments: [String], status: Int32, message: String) throws {
    let r = try CLIRunner.run(arguments)
    #expect(r.status == status)
    #expect(r.stderr == "error: \(message)\n")
    #expect(r.stdout.isEmpty)
  }

  @Test func evalWithoutIdIsAUsageError() throws {
    let r = try CLIRunner.run(["eval"])
    #expect(r.status == 64)
    #expect(r.stderr.contains("give a function ID"))
  }
}
