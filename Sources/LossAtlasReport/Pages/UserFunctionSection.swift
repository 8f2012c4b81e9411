import LossAtlasAnalysis
import LossAtlasCore

/// One row of the index's "Your functions" section.
struct UserFunctionRow {
  let id: String
  let name: String
  let family: String
  /// The formula as written in the file.
  let formula: String
  /// The evaluation-stable verdict, "yes" or "no".
  let stable: String
}

/// A derived formula, plain (the file's grammar) and as an equation.
struct FormulaLine {
  let label: String
  let plain: String
  let equation: Equation
}

/// What a user function's page adds to a catalog page: where it was
/// defined, the formula as written, the derivatives LossAtlas derived, and
/// the numerical safety of the formula as written.
struct UserDefinedSection {
  /// `FILE:LINE`.
  let source: String
  /// The formula exactly as written.
  let written: String
  let derivatives: [FormulaLine]
  /// "yes" or "no".
  let stable: String
  /// How many inputs were checked, and how.
  let checked: String
  let findings: [String]
  let hasFindings: Bool
  /// Catalog functions with the same mathematics, each a sentence.
  let equivalents: [String]
  let hasEquivalents: Bool
}

/// The user-defined parts of the manual (issue 11).
enum UserFunctionPages {
  /// The section of `definition`'s page, from its safety report.
  static func section(_ definition: UserFunctionDefinition, safety: SafetyReport, strings: Strings) -> UserDefinedSection {
    let text = UserFormulaText(definition)
    let e = definition.value
    let words = strings.caseWords
    var equations = [Equation(latex: e.valueExpr.latex(words), mathml: e.valueExpr.mathmlBlock(words))]
    for i in definition.differentiate.indices {
      equations.append(Equation(latex: e.gradientExpr(i).latex(words), mathml: e.gradientExpr(i).mathmlBlock(words)))
    }
    equations.append(Equation(latex: e.hessianExpr(0, 0).latex(words), mathml: e.hessianExpr(0, 0).mathmlBlock(words)))
    let lines = zip(text.lines, equations).map { FormulaLine(label: $0.label, plain: $0.plain, equation: $1) }
    let equivalents = safety.equivalents.map { q in
      strings("page.userFunction.equivalent", ["id": q.id, "call": q.call])
    }
    let view = definition.view
    let checked = strings(
      safety.undecidedInputs.isEmpty ? "page.userFunction.checked" : "page.userFunction.checkedUndecided",
      [
        "count": String(safety.checkedInputs), "over": view.over, "from": formatValue(view.from), "to": formatValue(view.to),
        "undecided": String(safety.undecidedInputs.count),
      ])
    return UserDefinedSection(
      source: "\(definition.file):\(definition.line)", written: e.source.text, derivatives: lines,
      stable: Phrasing(strings).yesNo(safety.stable), checked: checked, findings: safety.sentences,
      hasFindings: !safety.findings.isEmpty, equivalents: equivalents, hasEquivalents: !equivalents.isEmpty)
  }

  /// The index rows, in the order the functions were defined.
  static func rows(_ definitions: [UserFunctionDefinition], safety: [String: SafetyReport], strings: Strings) -> [UserFunctionRow] {
    let ph = Phrasing(strings)
    return definitions.map { d in
      UserFunctionRow(
        id: d.id, name: d.name, family: d.family.rawValue, formula: d.value.source.text,
        stable: safety[d.id].map { ph.yesNo($0.stable) } ?? "-")
    }
  }
}
