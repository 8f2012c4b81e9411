import LossAtlasAnalysis
import LossAtlasCore
import LossAtlasVerification

/// The errata's evidence in the words of one edition (issue 13): what the
/// property engine computed for a claim, from its words as data
/// (``ClaimNote``, the same notes `check --lang` prints, worded by the
/// `cli.claim.*` and `cli.word.*` entries), and the formula check, worded
/// by `evidence.*` (templates/strings/<lang>/errata-evidence.yaml).
///
/// Each fact of a note (a number, an interval, a view's label) is made
/// readable on its own (``Readable/text(_:)``) before it is put into the
/// sentence, so that a Chinese character beside a number does not keep
/// the number from being formatted. The English phrasing is the engine's
/// own text (``ClaimResult/computed``) made readable, as the errata printed
/// it before; the tests hold the two together.
struct EvidencePhrasing {
  let strings: Strings

  func say(_ key: String, _ values: [String: String] = [:]) -> String { strings("evidence." + key, values) }

  /// The computed side of a claim: one note per parameter setting, each
  /// after its setting (`{delta=0.5}`) when there are several.
  func computed(_ result: ClaimResult) -> String {
    zip(result.prefixes, result.notes).map { prefix, note in
      let value = text(note)
      // The engine's prefix is `{delta=0.5}: ` (empty for one setting).
      let setting = prefix.hasSuffix(": ") ? String(prefix.dropLast(2)) : prefix
      guard !setting.isEmpty else { return value }
      return say("settings.one", ["parameters": Self.setting(setting, result.claim.function), "value": value])
    }.joined(separator: say("settings.separator"))
  }

  /// The engine's settings prefix `{delta=0.5}` as the pages write
  /// parameters (``ViewNaming/parameters(_:_:)``): `δ = 0.5`, by the
  /// symbols of `spec`, the claim's function.
  static func setting(_ s: String, _ spec: FunctionSpec) -> String {
    guard s.hasPrefix("{"), s.hasSuffix("}") else { return Readable.text(s) }
    return s.dropFirst().dropLast().split(separator: ",").map { pair -> String in
      let parts = pair.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
      guard parts.count == 2 else { return Readable.text(String(pair)) }
      let symbol = spec.parameters.first { $0.name == parts[0] }.map(ViewNaming.symbol) ?? parts[0]
      return "\(symbol) = \(Readable.text(parts[1]))"
    }.joined(separator: ", ")
  }

  /// A note in this edition's words, each fact made readable; a view's
  /// label as the pages and figures write it (``ViewNaming/label(_:_:)``).
  func text(_ note: ClaimNote) -> String {
    guard let key = note.key else { return Readable.text(note.english) }
    var values: [String: String] = [:]
    for (name, value) in note.values {
      // `view` (cli.domain.view, cli.claim.domain.*) and `label`
      // (cli.claim.viewValue) hold a catalog view's label.
      if name == "view" || name == "label", case .text(let label) = value {
        values[name] = ViewNaming.label(label, Phrasing(strings))
      } else {
        values[name] = text(value)
      }
    }
    return strings(key, values)
  }

  func text(_ value: ClaimNote.Value) -> String {
    switch value {
    case .text(let s): return place(s)
    case .key(let key): return strings(key)
    case .note(let note): return text(note)
    case .list(let notes, let separator): return notes.map { text($0) }.joined(separator: strings(separator))
    }
  }

  /// A fact as text: notation made readable, except the one grid point the
  /// identities name in words (`residual set 48`, the engine's English),
  /// which each edition words itself.
  func place(_ s: String) -> String {
    let prefix = "residual set "
    if s.hasPrefix(prefix), let index = Int(s.dropFirst(prefix.count)) {
      return say("identity.residualSet", ["index": String(index)])
    }
    return Readable.text(s)
  }

  /// The evidence sentence of the formula check (LossAtlasVerification
  /// computes it): how much was compared and the largest difference.
  func formulas(_ check: FormulaCheck) -> String {
    let place: String
    switch check.worstAt {
    case .none: place = say("formulas.nowhere")
    case .component(let id, let path, let parameters, let arguments):
      place = say(
        "formulas.component",
        ["id": id, "path": path, "coordinates": FormulaCheck.coordinates(parameters: parameters, arguments: arguments)])
    case .secondDerivative(let id, let argument, let x):
      place = say("formulas.secondDerivative", ["id": id, "argument": argument, "x": Readable.number(x)])
    }
    let summary = say(
      "formulas.summary",
      [
        "components": Readable.count(check.components), "secondDerivatives": String(check.secondDerivatives),
        "points": Readable.count(check.points), "worst": Readable.number(check.worst, digits: 2), "place": place,
      ])
    return summary
      + (check.missing.isEmpty
        ? "" : say("formulas.missing", ["list": check.missing.joined(separator: say("formulas.listSeparator"))]))
  }
}
