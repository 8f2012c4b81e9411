import LossAtlasAnalysis
import LossAtlasCore
import LossAtlasVerification

/// A figure as the pages see it: its file, text, and the functions it documents.
public struct FigureInfo: Sendable {
  /// The file stem, e.g. `sigmoid`, `family-huber-delta`, `depth`.
  public let key: String
  /// The path relative to a page, e.g. `figures/sigmoid.png`.
  public let file: String
  public let alt: String
  public let caption: String
  /// The ids the figure documents (a comparison names several).
  public let functions: [String]
  /// The image size in pixels.
  public let width: Int
  public let height: Int
  /// The SVG of the same layout and the narrow SVG for phones ("" for none).
  public let svg: String
  public let narrowSVG: String

  public init(
    key: String, file: String, alt: String, caption: String, functions: [String], width: Int, height: Int,
    svg: String = "", narrowSVG: String = ""
  ) {
    self.key = key
    self.file = file
    self.alt = alt
    self.caption = caption
    self.functions = functions
    self.width = width
    self.height = height
    self.svg = svg
    self.narrowSVG = narrowSVG
  }

  var ref: FigureRef {
    FigureRef(path: file, alt: alt, caption: caption, width: width, height: height, svg: svg, narrowSVG: narrowSVG)
  }
}

/// Builds one function's page model from its catalog entry and analysis.
enum FunctionPageBuilder {
  static func build(
    _ spec: FunctionSpec, _ analysis: FunctionAnalysis, figures: [FigureInfo], accuracy: AccuracySummary?
  ) -> FunctionPage {
    let defaults = analysis.settings[analysis.defaultIndex]
    return FunctionPage(
      site: SitePages.site(current: spec.id, title: spec.name),
      id: spec.id, name: spec.name, family: spec.family.title, summary: spec.summary,
      aliases: spec.aliases.isEmpty ? nil : spec.aliases.joined(separator: ", "),
      formula: formula(spec),
      parameters: spec.parameters.map { p in
        ParameterRow(
          name: p.name, symbol: Equation(latex: p.symbol, mathml: mathmlSymbol(p.symbol)),
          defaultValue: Readable.number(p.defaultValue), range: rangeText(p.range),
          grid: p.grid.map { Readable.number($0) }.joined(separator: ", "), summary: p.summary)
      },
      hasParameters: !spec.parameters.isEmpty,
      arguments: spec.arguments.map { a in
        Fact(name: a.name + (spec.differentiable.contains(a.name) ? " (differentiated)" : ""), value: a.domainDescription + ": " + a.summary)
      },
      figures: figures.filter { $0.functions.contains(spec.id) }.map(\.ref),
      views: defaults.views.map { viewSection($0, spec: spec) },
      settings: settingsTable(spec, analysis),
      facts: facts(spec, analysis),
      edgeCases: edgeCases(spec, defaults.parameters),
      implementation: spec.implementationNote,
      naiveFailures: naive(spec, analysis),
      hasNaiveFailures: !analysis.facts.naiveFailures.isEmpty,
      precision: analysis.facts.precision.map { t in
        PrecisionRow(
          format: t.format.rawValue, direction: Phrasing.direction(t.direction), what: t.kind.rawValue,
          from: t.x.map { "x = \(Readable.number($0))" } ?? "never, within the format's range")
      },
      conventions: spec.conventions.map { ConventionRow(framework: $0.framework.rawValue, api: $0.api.isEmpty ? "—" : $0.api, note: $0.note) },
      measuredNote: "Framework behaviour described as measured comes from float64 measurements against the golden vectors (PyTorch 2.15 CPU; JAX 0.10 with optax 0.2.8 CPU; 2026-11-25), not from LossAtlas runs.",
      references: spec.references.map { ReferenceRow(citation: $0.citation, year: String($0.year), url: $0.url) },
      accuracy: accuracyText(accuracy))
  }

  // MARK: - Formula

  static func formula(_ spec: FunctionSpec) -> FormulaSection {
    let f = spec.formula
    let lhs = FormulaLHS(spec: spec, formula: f)
    return FormulaSection(
      value: lhs.equation(lhs.value, f.value),
      derivatives: f.derivatives.map { lhs.equation(lhs.derivative($0.argument), $0.expr) },
      second: f.secondDerivative.map { lhs.equation(lhs.second, $0) },
      definitions: f.definitions.map { Equation(latex: $0.latex, mathml: Self.wrapMath($0.mathml)) },
      hasDefinitions: !f.definitions.isEmpty)
  }

  static func wrapMath(_ fragment: String) -> String {
    "<math xmlns=\"http://www.w3.org/1998/Math/MathML\" display=\"block\">\(fragment)</math>"
  }

  /// A parameter's LaTeX symbol as MathML (the symbols are single letters
  /// or Greek names).
  static func mathmlSymbol(_ latex: String) -> String {
    let greek: [String: String] = [
      "\\alpha": "α", "\\beta": "β", "\\gamma": "γ", "\\delta": "δ", "\\tau": "τ", "\\varepsilon": "ε", "\\epsilon": "ε",
      "\\lambda": "λ",
    ]
    let text = greek[latex] ?? latex
    return "<math xmlns=\"http://www.w3.org/1998/Math/MathML\"><mi>\(text)</mi></math>"
  }

  static func rangeText(_ r: ParameterRange) -> String {
    if r.allowsNegativeInfinity && r.lower == -.infinity { return "any real number, or −∞" }
    return "\(r.lowerInclusive ? "[" : "(")\(Readable.number(r.lower)), \(Readable.number(r.upper))\(r.upperInclusive ? "]" : ")")"
  }

  // MARK: - Properties

  static func viewSection(_ p: ViewProperties, spec: FunctionSpec) -> ViewSection {
    var rows: [Fact] = [
      Fact(name: "Range", value: Phrasing.range(p)),
      Fact(name: "Infimum", value: Phrasing.extremum(p.infimum, p.argument)),
      Fact(name: "Supremum", value: Phrasing.extremum(p.supremum, p.argument)),
      Fact(name: "Monotonic", value: Phrasing.monotonic(p.monotonic)),
      Fact(name: "Derivative monotonic", value: Phrasing.monotonic(p.derivativeMonotonic)),
      Fact(name: "Continuity", value: Phrasing.continuity(p)),
      Fact(name: "Max |f′|", value: Phrasing.extremum(p.maxAbsDerivative, p.argument)),
      Fact(name: "Saturates", value: Phrasing.saturation(p)),
      Fact(
        name: "Saturation intervals (|f′| < \(Readable.number(p.saturationThreshold * 100))% of max)",
        value: Phrasing.intervals(p.saturationIntervals)),
      Fact(name: "Dead regions (f′ exactly 0)", value: Phrasing.intervals(p.deadRegions)),
      Fact(name: "Convexity", value: Phrasing.convexity(p) + (p.convexityCrossCheck ? " (midpoint tests agree)" : " (midpoint tests DISAGREE)")),
    ]
    if spec.family.isLoss {
      rows.append(Fact(name: "Zero at the correct prediction", value: Phrasing.zeroAtCorrect(p)))
      rows.append(Fact(name: "Non-negative", value: Phrasing.yesNo(p.nonNegative)))
      rows.append(Fact(name: "Gradient as the argument grows", value: Phrasing.growth(p.gradientGrowth)))
    } else {
      rows.append(Fact(name: "Zero-centred (f(0) = 0)", value: Phrasing.yesNo(p.zeroCentered)))
      rows.append(Fact(name: "Identity near the origin (f′(0) = 1)", value: Phrasing.yesNo(p.identityNearOrigin)))
    }
    rows.append(
      Fact(
        name: "Gradient check (Richardson differences, \(p.gradientCheck.points) points)",
        value: "f′ within \(Readable.number(p.gradientCheck.maxRelativeErrorD1, digits: 2)), f″ within \(Readable.number(p.gradientCheck.maxRelativeErrorD2, digits: 2))"))
    return ViewSection(label: "In " + p.viewLabel, rows: rows)
  }

  static func settingsTable(_ spec: FunctionSpec, _ a: FunctionAnalysis) -> SettingsTable? {
    guard a.settings.count > 1 else { return nil }
    var header = spec.parameters.map(\.name) + ["view", "range", "monotonic", "continuity", "max |f′|"]
    header += spec.family.isLoss ? ["convex", "zero at correct", "gradient"] : ["saturates", "convex"]
    var rows: [SettingsRow] = []
    for s in a.settings {
      for v in s.views {
        var cells = spec.parameters.map { Readable.number(s.parameters[$0.name]) }
        cells += [v.viewLabel, Phrasing.range(v), Phrasing.monotonic(v.monotonic), v.continuity.rawValue, Readable.number(v.maxAbsDerivative.value)]
        if spec.family.isLoss {
          cells += [Phrasing.yesNo(v.convex), v.zeroAtCorrect.rawValue, v.gradientGrowth.rawValue]
        } else {
          cells += [Phrasing.saturation(v), Phrasing.yesNo(v.convex)]
        }
        rows.append(SettingsRow(cells: cells))
      }
    }
    return SettingsTable(header: header, rows: rows)
  }

  static func facts(_ spec: FunctionSpec, _ a: FunctionAnalysis) -> [Fact] {
    var out: [Fact] = []
    if let d = a.facts.depth {
      let median10 = d.median.count >= 10 ? Readable.number(d.median[9]) : "—"
      out.append(
        Fact(
          name: "Depth to vanish (median |∏ f′| < 10⁻⁶)",
          value: (d.depthToVanish.map { "L = \($0)" } ?? "beyond 100 layers") + "; median at L = 10: \(median10)"))
    }
    if let m = a.facts.minimiser {
      out.append(
        Fact(
          name: "Minimiser of the mean loss over the targets " + m.targets.map { Readable.number($0) }.joined(separator: ", "),
          value: Readable.number(m.minimiser, digits: 8)))
    }
    return out
  }

  static func edgeCases(_ spec: FunctionSpec, _ params: ParameterValues) -> [EdgeRow] {
    var rows: [EdgeRow] = []
    for view in spec.views(params) {
      var points: [(Double, String)] = []
      if view.domain.contains(0) { points.append((0, "origin")) }
      for b in view.breakpoints where view.domain.contains(b) && b != 0 { points.append((b, "breakpoint")) }
      if view.breakpoints.contains(0) { points = points.map { $0.0 == 0 ? (0, "origin, breakpoint") : $0 } }
      if view.domain.lowerClosed { points.append((view.domain.lower, "domain end")) }
      if view.domain.upperClosed { points.append((view.domain.upper, "domain end")) }
      for x in [-1e300, -1e3, 1e3, 1e300] where view.domain.contains(x) { points.append((x, "extreme input")) }
      var seen = Set<Double>()
      for (x, note) in points.sorted(by: { $0.0 < $1.0 }) where seen.insert(x).inserted {
        let j = view.evaluate(x)
        let infinite = [j.value, j.d1, j.d2].contains { $0.isInfinite }
        rows.append(
          EdgeRow(
            view: view.label, x: Readable.number(x, digits: 4), value: Readable.number(j.value, digits: 8),
            d1: Readable.number(j.d1, digits: 8), d2: Readable.number(j.d2, digits: 8),
            note: infinite ? note + "; ∞ where the exact value is infinite or beyond the Double range" : note))
      }
    }
    return rows
  }

  static func naive(_ spec: FunctionSpec, _ a: FunctionAnalysis) -> [Fact] {
    a.facts.naiveFailures.map { f in
      Fact(
        name: "\(f.component == "value" ? "Value" : "Derivative") as \(f.formula), toward \(Phrasing.direction(f.direction))",
        value: "\(f.mode.rawValue) from x = \(Readable.number(f.x, digits: 8)) (there: \(Readable.number(f.naive)) instead of \(Readable.number(f.stable)))")
    }
  }

  static func accuracyText(_ s: AccuracySummary?) -> String {
    guard let s else { return "No golden vectors for this function." }
    if !s.failures.isEmpty {
      return "\(s.failures.count) of \(s.components) components of the golden vectors FAIL the accuracy rule."
    }
    return "All \(s.components) value and derivative components of its \(s.lines) golden vectors (50-digit references) meet the accuracy rule; the worst is \(Readable.number(s.worstUlp, digits: 3)) ulp"
      + (s.neededSens > 0 ? ", and \(s.neededSens) pass by the backward-stable bound where the function itself is that sensitive." : ".")
  }
}

/// The left-hand sides of a function's equations: f(x), ∂L/∂s_j, J_ij, ...
struct FormulaLHS {
  let spec: FunctionSpec
  let formula: FunctionFormula

  typealias Side = (latex: String, mathml: String)

  var isActivation: Bool { !spec.family.isLoss }
  var argument: String { spec.predictionArgument }

  func symbol(_ name: String) -> Side {
    switch name {
    case "yhat": return ("\\hat{y}", "<mover><mi>y</mi><mo>^</mo></mover>")
    case "var": return ("\\sigma^2", "<msup><mi>σ</mi><mn>2</mn></msup>")
    default: return (name, "<mi>\(name)</mi>")
    }
  }

  var value: Side {
    switch spec.family {
    case .activation: return ("f(x)", "<mrow><mi>f</mi><mo stretchy=\"false\">(</mo><mi>x</mi><mo stretchy=\"false\">)</mo></mrow>")
    case .vectorActivation:
      let name = spec.id == "softmax" ? "p" : "f"
      return ("\(name)_i", "<msub><mi>\(name)</mi><mi>i</mi></msub>")
    default: return ("L", "<mi>L</mi>")
    }
  }

  func derivative(_ arg: String) -> Side {
    let a = symbol(arg)
    switch spec.family {
    case .activation: return ("f'(x)", "<mrow><msup><mi>f</mi><mo>′</mo></msup><mo stretchy=\"false\">(</mo><mi>x</mi><mo stretchy=\"false\">)</mo></mrow>")
    case .vectorActivation: return ("J_{ij} = \\frac{\\partial \(value.latex)}{\\partial z_j}", "<mrow><msub><mi>J</mi><mrow><mi>i</mi><mi>j</mi></mrow></msub><mo>=</mo><mfrac><mrow><mo>∂</mo>\(value.mathml)</mrow><mrow><mo>∂</mo><msub><mi>z</mi><mi>j</mi></msub></mrow></mfrac></mrow>")
    default:
      if formula.derivativeIndices.count == 1 {
        let j = formula.derivativeIndices[0]
        return ("\\frac{\\partial L}{\\partial \(a.latex)_{\(j.latex)}}", "<mfrac><mrow><mo>∂</mo><mi>L</mi></mrow><mrow><mo>∂</mo><msub>\(a.mathml)\(j.mathml)</msub></mrow></mfrac>")
      }
      return ("\\frac{\\partial L}{\\partial \(a.latex)}", "<mfrac><mrow><mo>∂</mo><mi>L</mi></mrow><mrow><mo>∂</mo>\(a.mathml)</mrow></mfrac>")
    }
  }

  var second: Side {
    if isActivation { return ("f''(x)", "<mrow><msup><mi>f</mi><mo>″</mo></msup><mo stretchy=\"false\">(</mo><mi>x</mi><mo stretchy=\"false\">)</mo></mrow>") }
    let a = symbol(argument)
    return ("\\frac{\\partial^2 L}{\\partial \(a.latex)^2}", "<mfrac><mrow><msup><mo>∂</mo><mn>2</mn></msup><mi>L</mi></mrow><mrow><mo>∂</mo><msup>\(a.mathml)<mn>2</mn></msup></mrow></mfrac>")
  }

  func equation(_ lhs: Side, _ rhs: Expr) -> Equation {
    Equation(
      latex: "\(lhs.latex) = \(rhs.latex)",
      mathml: "<math xmlns=\"http://www.w3.org/1998/Math/MathML\" display=\"block\"><mrow>\(lhs.mathml)<mo>=</mo>\(rhs.mathml)</mrow></math>")
  }
}
