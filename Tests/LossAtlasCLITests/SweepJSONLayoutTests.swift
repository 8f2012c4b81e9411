import Foundation
import LossAtlasAnalysis
import LossAtlasCore
import LossAtlasIO
import Testing

@testable import lossatlas

/// Session 26: `SweepWriter.json` cuts its layout at the column markers in
/// one pass instead of searching the rest of the layout for each marker
/// (quadratic: 20,000 parameter settings took 15 s of CPU). The output must
/// be the bytes the old loop wrote, kept here verbatim, and those of
/// `Sweep.json`, the whole document at once.
@Suite struct SweepJSONLayoutTests {
  /// The loop before session 26, verbatim but for `writeColumn`, which
  /// writes the column as `SweepWriter` does.
  static func oldJSON(_ writer: SweepWriter) throws -> String {
    var out = ""
    func writeOut(_ s: String) { out += s }
    enum Column: Int, CaseIterable { case x, value, derivative, secondDerivative }
    let spec = writer.spec
    let plans = writer.plans
    let argument = writer.argument
    let marker = "\u{1}column:"
    let items: [JSONValue] = plans.indices.map { k in
      func column(_ c: Column) -> JSONValue { .string("\(marker)\(k):\(c.rawValue)") }
      return .object([
        ("params", .object(spec.parameters.map { ($0.name, JSONValue.double(plans[k].parameters[$0.name])) })),
        ("x", column(.x)), ("value", column(.value)), ("derivative", column(.derivative)),
        ("second_derivative", column(.secondDerivative)),
      ])
    }
    let layout = JSONValue.object([
      ("id", .string(spec.id)), ("view", .string(plans.first?.view.label ?? "")), ("argument", .string(argument)),
      ("blocks", .array(items)),
    ]).prettyText
    // The markers as the writer escapes them: "\u0001column:K:C".
    let escaped = "\"\\u0001column:"
    var rest = Substring(layout)
    while let r = rest.range(of: escaped) {
      writeOut(String(rest[..<r.lowerBound]))
      let tail = rest[r.upperBound...]
      let close = tail.firstIndex(of: "\"")!
      let ids = tail[..<close].split(separator: ":").map { Int($0)! }
      try writeColumn(plans[ids[0]], Column(rawValue: ids[1])!)
      rest = tail[tail.index(after: close)...]
    }
    writeOut(String(rest))

    func writeColumn(_ plan: SweepPlan, _ c: Column) throws {
      let b = Sweep.run(plan.view, parameters: plan.parameters, xs: (0..<plan.grid.count).map(plan.grid.point))
      let numbers: [Double]
      switch c {
      case .x: numbers = b.xs
      case .value: numbers = b.values
      case .derivative: numbers = b.d1
      case .secondDerivative: numbers = b.d2
      }
      writeOut("[" + numbers.map { JSONValue.double($0).lineText }.joined(separator: ", ") + "]")
    }
    return out
  }

  static func newJSON(_ writer: SweepWriter) throws -> String {
    final class Sink: @unchecked Sendable { var text = "" }
    let sink = Sink()
    var w = writer
    w.writeOut = { sink.text += $0 }
    try w.json()
    return sink.text
  }

  /// Plans of `id` at every value of its first parameter in `values`.
  static func writer(_ id: String, _ values: [Double], grid: Grid) throws -> SweepWriter {
    let spec = try Catalog.function(named: id)
    let plans = try values.map { v in
      let p = try spec.validateParameters(spec.parameters.isEmpty ? [:] : [spec.parameters[0].name: v])
      return SweepPlan(view: spec.views(p)[0], parameters: p, grid: grid)
    }
    return SweepWriter(spec: spec, argument: plans[0].view.argument, plans: plans)
  }

  /// Hostile grids: ±0, subnormals, huge ends, one point, an empty list,
  /// many small blocks.
  static let cases: [(String, [Double], Grid)] = [
    ("huber", [0.5, 1, 2], Grid.linear(from: -3, to: 3, count: 7)),
    ("huber", [5e-324, 1e308], Grid.points([-0.0, 0.0, 5e-324, -5e-324, 1e308, -1e308])),
    ("elu", [1], Grid.linear(from: -1e308, to: 1e308, count: 5)),
    ("softplus", [1, 2, 3, 4], Grid.points([2])),
    ("sigmoid", [0], Grid.points([])),
    ("leaky-relu", (1...50).map { Double($0) / 100 }, Grid.linear(from: -1, to: 1, count: 3)),
  ]

  @Test("the one-pass layout writes the old loop's bytes and Sweep.json's", arguments: cases)
  func sameBytes(id: String, values: [Double], grid: Grid) throws {
    let writer = try Self.writer(id, values, grid: grid)
    let new = try Self.newJSON(writer)
    #expect(new == (try Self.oldJSON(writer)))
    let blocks = writer.plans.map { Sweep.run($0.view, parameters: $0.parameters, xs: (0..<$0.grid.count).map($0.grid.point)) }
    #expect(new == Sweep.json(blocks, spec: writer.spec, argument: writer.argument))
  }

  /// A sweep longer than one chunk (65,536 points) in two blocks: the
  /// columns are written chunk by chunk between the layout's pieces.
  @Test func severalChunksInSeveralBlocks() throws {
    let writer = try Self.writer("huber", [0.5, 3], grid: .linear(from: -10, to: 10, count: SweepWriter.chunk + 3))
    #expect(try Self.newJSON(writer) == (try Self.oldJSON(writer)))
  }
}
