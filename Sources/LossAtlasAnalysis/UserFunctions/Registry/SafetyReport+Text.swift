import LossAtlasCore
import LossAtlasIO

extension SafetyReport {
  /// One sentence per finding: where the Double evaluation of the formula
  /// as written fails, the first failing input toward that end, and why.
  public var sentences: [String] { findings.map(Self.sentence) }

  /// The sentence on one finding: ``region(_:)`` and the notes on where
  /// Double's result is exactly 0 and on an intermittent edge.
  static func sentence(_ f: SafetyFinding) -> String {
    var s = region(f)
    if let z = f.doubleIsZeroFrom { s += " Double's result is exactly 0 from x = \(formatValue(z))." }
    if f.intermittent { s += " (Near its edge the region fails at some inputs and passes at others.)" }
    return s
  }

  /// Where the region lies, its first failing input, Double's result
  /// against the exact one, and the cause.
  static func region(_ f: SafetyFinding) -> String {
    let toward = f.start < 0 && f.end <= 0 ? "below" : (f.start >= 0 ? "above" : "around")
    var s = "\(f.component.rawValue): \(f.kind.sentence) \(toward) the middle, on [\(formatValue(f.start)), \(formatValue(f.end))]; "
    s += "first at x = \(formatValue(f.firstFailure))"
    if let p = f.lastPass { s += " (x = \(formatValue(p)) passes)" }
    s += ": Double gives \(formatValue(f.doubleValue)), exact \(f.exactText). "
    s += "Cause (\(f.cause.rawValue)): \(f.explanation)"
    return s
  }

  /// The verdict and the sentences, for `properties` and the page.
  public var readable: String {
    var out = "numerical safety of the formula as written (Double against exact ball arithmetic)\n"
    out += "  evaluation-stable  \(stable)\n"
    out += "  checked inputs     \(checkedInputs)\(undecidedInputs.isEmpty ? "" : "; undecided at \(undecidedInputs.count)")\n"
    for s in sentences { out += "  - \(s)\n" }
    for e in equivalents {
      let params = e.parameters.keys.sorted().map { "\($0)=\(formatValue(e.parameters[$0]!))" }.joined(separator: ", ")
      out += "  same mathematics as the catalog's \(e.id)\(params.isEmpty ? "" : " (\(params))"): write `\(e.call)` for its stable implementation\n"
    }
    return out
  }

  /// The report as JSON (`properties --json`).
  public var json: JSONValue {
    .object([
      ("stable", .bool(stable)),
      ("checkedInputs", .integer(checkedInputs)),
      ("undecidedInputs", .array(undecidedInputs.map(JSONValue.double))),
      (
        "findings",
        .array(
          findings.map { f in
            .object([
              ("component", .string(f.component.rawValue)), ("kind", .string(f.kind.rawValue)),
              ("start", .double(f.start)), ("end", .double(f.end)), ("firstFailure", .double(f.firstFailure)),
              ("lastPass", f.lastPass.map(JSONValue.double) ?? .null), ("double", .double(f.doubleValue)),
              ("exact", .double(f.exactValue)), ("cause", .string(f.cause.rawValue)), ("culprit", .string(f.culprit)),
              ("explanation", .string(f.explanation)), ("doubleIsZeroFrom", f.doubleIsZeroFrom.map(JSONValue.double) ?? .null),
              ("intermittent", .bool(f.intermittent)),
            ])
          })
      ),
      ("equivalents", .array(equivalents.map { .object([("id", .string($0.id)), ("call", .string($0.call))]) })),
    ])
  }
}

extension FailureKind {
  /// "is NaN", "overflows to ±inf", "is off by more than 1e-6".
  var sentence: String {
    switch self {
    case .nan: return "NaN"
    case .infinite: return "±inf while the exact value is finite"
    case .inaccurate: return "off by more than 1e-6 relative"
    }
  }
}
