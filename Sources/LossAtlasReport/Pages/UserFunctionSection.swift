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
  static func section(_ definition: UserFunctionDefinition, safety: SafetyReport) -> UserDefinedSection {
    let text = UserFormulaText(definition)
    let e = definition.value
    var equations = [Equation(latex: e.valueExpr.latex, mathml: e.valueExpr.mathmlBlock)]
    for i in definition.differentiate.indices {
      equations.append(Equation(latex: e.gradientExpr(i).latex, mathml: e.gradientExpr(i).mathmlBlock))
    }
    equations.append(Equation(latex: e.hessianExpr(0, 0).latex, mathml: e.hessianExpr(0, 0).mathmlBlock))
    let lines = zip(text.lines, equations).map { FormulaLine(label: $0.label, plain: $0.plain, equation: $1) }
    let equivalents = safety.equivalents.map { q in
      "The catalog's \(q.id) is the same mathematics: write \(q.call) to use its stable implementation."
    }
    let view = definition.view
    let checked = "\(safety.checkedInputs) inputs of the view in \(view.over) checked: 101 over [\(formatValue(view.from)), \(formatValue(view.to))], "
      + "the extremes ±1e300, ±1000, ±1e-300 and 0, the domain's edges and the powers of ten between, "
      + "each in Double (op by op, as written) and in ball arithmetic (128 to 4,096 bits, wide exponent range)"
      + (safety.undecidedInputs.isEmpty ? "." : "; \(safety.undecidedInputs.count) undecided.")
    return UserDefinedSection(
      source: "\(definition.file):\(definition.line)", written: e.source.text, derivatives: lines,
      stable: safety.stable ? "yes" : "no", checked: checked, findings: safety.sentences,
      hasFindings: !safety.findings.isEmpty, equivalents: equivalents, hasEquivalents: !equivalents.isEmpty)
  }

  /// The index rows, in the order the functions were defined.
  static func rows(_ definitions: [UserFunctionDefinition], safety: [String: SafetyReport]) -> [UserFunctionRow] {
    definitions.map { d in
      UserFunctionRow(
        id: d.id, name: d.name, family: d.family.rawValue, formula: d.value.source.text,
        stable: safety[d.id].map { $0.stable ? "yes" : "no" } ?? "-")
    }
  }
}
