import Foundation
import LossAtlasCore
import TestSupport
import Testing

/// `lossatlas sweep`: blocks per parameter setting, CSV and JSON.
@Suite struct SweepCommandTests {
  @Test func csvHasOneBlockPerSetting() throws {
    let r = try CLIRunner.run(["sweep", "huber", "--from", "-3", "--to", "3", "--points", "7", "--param", "delta=0.5,1,2"])
    #expect(r.status == 0, "\(r.stderr)")
    let lines = r.stdout.split(separator: "\n").map(String.init)
    #expect(lines[0] == "delta,x,value,derivative,second_derivative")
    #expect(lines.count == 1 + 3 * 7)
    // huber(3; delta = 0.5) = 0.5 (3 - 0.25) = 1.375; derivative delta.
    #expect(lines[7] == "0.5,3.0,1.375,0.5,0.0")
    // The second block starts with delta = 1.
    #expect(lines[8].hasPrefix("1.0,-3.0,2.5,-1.0,"))
  }

  @Test func aParameterNamedLikeAColumnIsPrefixed() throws {
    // threshold's parameter `value` must not give the CSV two "value" columns.
    let r = try CLIRunner.run(["sweep", "threshold", "--from", "0", "--to", "2", "--points", "3", "--param", "value=-1"])
    #expect(r.status == 0, "\(r.stderr)")
    let lines = r.stdout.split(separator: "\n").map(String.init)
    #expect(lines[0] == "threshold,param:value,x,value,derivative,second_derivative")
    // At x = 1 = t the function is v = -1 with derivative 0; at x = 2 it is x.
    #expect(lines[2] == "1.0,-1.0,1.0,-1.0,0.0,0.0")
    #expect(lines[3] == "1.0,-1.0,2.0,2.0,1.0,0.0")
  }

  @Test func jsonMatchesTheLibrary() throws {
    let r = try CLIRunner.run(["sweep", "sigmoid", "--points", "5", "--format", "json"])
    #expect(r.status == 0)
    let json = try JSONValue.parse(r.stdout)
    guard case .array(let blocks)? = json["blocks"], case .array(let xs)? = blocks.first?["x"],
      case .array(let values)? = blocks.first?["value"]
    else {
      Issue.record("unexpected JSON shape")
      return
    }
    #expect(xs.count == 5)
    let view = try Catalog.function(named: "sigmoid").primaryView
    for (x, v) in zip(xs, values) {
      #expect(v.doubleValue == view.evaluate(x.doubleValue!).value)
    }
  }

  @Test func explicitPoints() throws {
    let r = try CLIRunner.run(["sweep", "relu", "--at", "-1,0,2.5"])
    #expect(r.status == 0)
    #expect(r.stdout == "x,value,derivative,second_derivative\n-1.0,0.0,0.0,0.0\n0.0,0.0,0.0,0.0\n2.5,2.5,1.0,0.0\n")
  }

  @Test func badInput() throws {
    let outside = try CLIRunner.run(["sweep", "bce", "--from", "-1", "--to", "1"])
    #expect(outside.status == 64)
    #expect(outside.stderr.hasPrefix("error: x = -1.0 is outside the domain of bce"))
    #expect(outside.stdout.isEmpty)
    let param = try CLIRunner.run(["sweep", "huber", "--param", "delta=0,1"])
    #expect(param.status == 64)
    #expect(param.stderr == "error: parameter delta = 0.0 of huber is outside its range: allowed (0, inf)\n")
    let order = try CLIRunner.run(["sweep", "huber", "--from", "2", "--to", "1"])
    #expect(order.status == 64)
  }
}
