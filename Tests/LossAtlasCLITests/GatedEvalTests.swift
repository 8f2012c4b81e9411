import Foundation
import LossAtlasCore
import TestSupport
import Testing

/// `lossatlas eval` on a gated unit (two differentiated arguments): the
/// Hessian printed readable and as JSON, and the part-2 aliases resolving
/// on the command line.
@Suite struct GatedEvalTests {
  @Test func hessianAsJSON() throws {
    let r = try CLIRunner.run(["eval", "swiglu", "--arg", "a=2", "--arg", "b=0.5", "--json"])
    #expect(r.status == 0 && r.stderr.isEmpty)
    let json = try JSONValue.parse(r.stdout)
    let expected = try Catalog.function(named: "swiglu").evaluate(arguments: ["a": .real(2), "b": .real(0.5)])
    guard case .matrix(let h)? = expected.hessian, case .array(let rows)? = json["hessian"] else {
      Issue.record("no Hessian in \(r.stdout)")
      return
    }
    // An array of rows, rows and columns in the order of "grad" (a, b).
    #expect(rows.count == 2)
    for (i, row) in rows.enumerated() {
      guard case .array(let entries) = row else {
        Issue.record("row \(i) is not an array")
        continue
      }
      #expect(entries.map(\.doubleValue) == h[i].map(Optional.some))
    }
    #expect(json["grad"]?["a"]?.doubleValue == expected.gradient("a")?.scalarValue)
    #expect(json["grad"]?["b"]?.doubleValue == expected.gradient("b")?.scalarValue)
    #expect(json["d2"] == nil, "a gated unit reports its Hessian, not f'' in one argument")
    // H[0][0] = 0 and H[0][1] = H[1][0] = silu'(0.5) (symmetric).
    #expect(h[0][0] == 0 && h[0][1] == h[1][0])
  }

  @Test func hessianReadable() throws {
    let r = try CLIRunner.run(["eval", "reglu", "--arg", "a=2", "--arg", "b=3"])
    #expect(r.status == 0)
    #expect(
      r.stdout == """
        reglu at a = 2.0, b = 3.0
          value              6.0
          d/da               3.0
          d/db               2.0
          Hessian in (a, b)  [0.0, 1.0]
                             [1.0, 0.0]

        """)
  }

  @Test func scalarFunctionsStillPrintTheirSecondDerivative() throws {
    let r = try CLIRunner.run(["eval", "squareplus", "--arg", "x=0", "--json"])
    let json = try JSONValue.parse(r.stdout)
    // squareplus'' (0) = b / (2 b^(3/2)) = 1 / (2 sqrt(4)) = 0.25 at the default b = 4.
    #expect(json["d2"]?["x"]?.doubleValue == 0.25)
    #expect(json["hessian"] == nil)
  }

  @Test(arguments: [("prelu", "leaky-relu", "x=-1"), ("rrelu", "leaky-relu", "x=-1"), ("hard-silu", "hard-swish", "x=1")])
  func aliasOnTheCommandLine(alias: String, id: String, argument: String) throws {
    let r = try CLIRunner.run(["eval", alias, "--arg", argument, "--json"])
    #expect(r.status == 0)
    #expect(try JSONValue.parse(r.stdout)["id"] == .string(id))
  }

  @Test func softMarginInABatch() throws {
    let r = try CLIRunner.run(
      ["eval", "--jsonl"], stdin: Array("{\"id\": \"soft-margin\", \"args\": {\"s\": 0, \"y\": 1}}\n".utf8))
    #expect(r.status == 0)
    // log(1 + e^0) = ln 2.
    #expect(try JSONValue.parse(r.stdout)["value"]?.doubleValue == 0.6931471805599453)
  }
}
