import LossAtlasAnalysis
import LossAtlasCore
import LossAtlasIO

extension PropertiesText {
  /// A user function's numerical-safety report (issue 11): the verdict,
  /// the inputs checked, one sentence per failing region, and the catalog
  /// functions with the same mathematics (``SafetyReport/readable`` in
  /// English).
  public func safety(_ s: SafetyReport) -> String {
    var out = say("safety.heading") + "\n"
    out += "  " + say("safety.stable", ["answer": bool(s.stable)]) + "\n"
    let undecided = s.undecidedInputs.isEmpty ? "" : say("safety.undecided", ["count": String(s.undecidedInputs.count)])
    out += "  " + say("safety.checked", ["count": String(s.checkedInputs), "undecided": undecided]) + "\n"
    for f in s.findings { out += "  - " + finding(f) + "\n" }
    for e in s.equivalents {
      let params = e.parameters.keys.sorted().map { "\($0)=\(formatValue(e.parameters[$0]!))" }.joined(separator: ", ")
      out += "  " + say(
        "safety.equivalent",
        ["id": e.id, "parameters": params.isEmpty ? "" : say("safety.equivalentParameters", ["parameters": params]), "call": e.call])
        + "\n"
    }
    return out
  }

  /// One failing region: where, the first failing input, Double's result
  /// against the exact one, and the cause (``ClaimNote/finding(_:)``).
  func finding(_ f: SafetyFinding) -> String { strings.text(ClaimNote.finding(f)) }
}
