import ArgumentParser
import LossAtlasAnalysis
import LossAtlasCore
import LossAtlasIO

/// One block of a sweep: a view at one parameter setting, over a grid.
struct SweepPlan {
  let view: ScalarView
  let parameters: ParameterValues
  let grid: Grid
}

/// Writes a sweep as it computes it, a chunk of points at a time, so that
/// 50 million points take the memory of 65,536 (the output is the same
/// bytes `Sweep.csv` and `Sweep.json` write for the whole sweep at once).
/// A NaN is never written: the chunk is checked first, and the sweep stops
/// with an error (exit 1).
struct SweepWriter {
  let spec: FunctionSpec
  let argument: String
  let plans: [SweepPlan]
  /// Where the text goes (standard output; a collector in tests).
  var writeOut: (String) -> Void = lossatlas.writeOut
  static let chunk = 1 << 16

  /// f, f', f'' at points `range` of a plan's grid.
  private func block(_ plan: SweepPlan, _ range: Range<Int>) throws -> SweepBlock {
    let xs = range.map(plan.grid.point)
    let b = Sweep.run(plan.view, parameters: plan.parameters, xs: xs)
    for i in b.xs.indices where b.values[i].isNaN || b.d1[i].isNaN || b.d2[i].isNaN {
      printError("error: " + NaNAnswer.message(spec, "at x = \(formatValue(b.xs[i])) (\(plan.view.label))", reportWith: "this command"))
      throw ExitCode(ExitStatus.failure)
    }
    return b
  }

  private func chunks(_ plan: SweepPlan) -> [Range<Int>] {
    stride(from: 0, to: plan.grid.count, by: Self.chunk).map { $0..<min($0 + Self.chunk, plan.grid.count) }
  }

  /// CSV as `Sweep.csv` writes it: one header, then the rows of each block.
  func csv() throws {
    let names = spec.parameters.map(\.name)
    let header = Sweep.csv([], parameterNames: names)
    writeOut(header)
    for plan in plans {
      for range in chunks(plan) {
        let text = Sweep.csv([try block(plan, range)], parameterNames: names)
        writeOut(String(Substring(text.utf8.dropFirst(header.utf8.count))))
      }
    }
  }

  /// JSON as `Sweep.json` writes it. The document is laid out by the same
  /// writer with each column left as a marker, and each marker is replaced
  /// by its column, written chunk by chunk (the function's columns are
  /// computed again for each: f, f', f'' come from one evaluation, but only
  /// one column is written at a time).
  func json() throws {
    enum Column: Int, CaseIterable { case x, value, derivative, secondDerivative }
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
    // The markers as the writer escapes them: "\u0001column:K:C". The
    // layout is cut at every marker in one pass (searching the rest of it
    // for the next marker, as before session 26, bridged that rest each
    // time: 10,000 blocks took 4 s, 20,000 took 15 s).
    let escaped = "\"\\u0001column:"
    let pieces = layout.components(separatedBy: escaped)
    writeOut(pieces[0])
    for piece in pieces.dropFirst() {
      // "K:C\"" and the layout up to the next marker.
      let close = piece.firstIndex(of: "\"")!
      let ids = piece[..<close].split(separator: ":").map { Int($0)! }
      try writeColumn(plans[ids[0]], Column(rawValue: ids[1])!)
      writeOut(String(piece[piece.index(after: close)...]))
    }

    func writeColumn(_ plan: SweepPlan, _ c: Column) throws {
      var first = true
      for range in chunks(plan) {
        // The bracket goes out with the first chunk, once it is computed.
        var text = first ? "[" : ""
        let numbers: [Double]
        switch c {
        case .x: numbers = range.map(plan.grid.point)
        case .value: numbers = try block(plan, range).values
        case .derivative: numbers = try block(plan, range).d1
        case .secondDerivative: numbers = try block(plan, range).d2
        }
        for v in numbers {
          if !first { text += ", " }
          first = false
          text += JSONValue.double(v).lineText
        }
        writeOut(text)
      }
      writeOut(first ? "[]" : "]")
    }
  }
}
