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

  public init(key: String, file: String, alt: String, caption: String, functions: [String], width: Int, height: Int) {
    self.key = key
    self.file = file
    self.alt = alt
    self.caption = caption
    self.functions = functions
    self.width = width
    self.height = height
  }

  var ref: FigureRef { FigureRef(path: file, alt: alt, caption: caption, width: width, height: height) }
}

/// Builds one function's page model from its catalog entry and analysis.
enum FunctionPageBuilder {
  static func build(
    _ spec: FunctionSpec, _ analysis: FunctionAnalysis, figures: [FigureInfo], accuracy: AccuracySummary?,
    measurements: FrameworkMeasurements? = nil
  ) throws -> FunctionPage {
    let defaults = analysis.settings[analysis.defaultIndex]
    let primary = spec.views(defaults.parameters)[0]
    let precisionRows = FloatingPointText.rows(analysis.facts.precision, view: primary)
    let precisionExact = FloatingPointText.exact(analysis.facts.exactTails)
    return FunctionPage(
      site: SitePages.site(current: spec.id, title: spec.name),
      id: spec.id, name: spec.name, family: spec.family.title, summary: spec.summary,
      aliases: spec.aliases.isEmpty ? nil : spec.aliases.joined(separator: ", "),
      formula: formula(spec),
      parameters: try spec.parameters.map { p in
        ParameterRow(
          name: p.name, symbol: Equation(latex: p.symbol, mathml: mathmlSymbol(p.symbol)),
          defaultValue: Readable.number(p.defaultValue), range: rangeText(p.range),
          grid: p.grid.map { Readable.number($0) }.joined(separator: ", "),
          summary: try resolve(p.summary, measurements, where: "\(spec.id), parameter \(p.name)"))
      },
      hasParameters: !spec.parameters.isEmpty,
      arguments: spec.arguments.map { a in
        Fact(name: a.name + (spec.differentiable.contains(a.name) ? " (differentiated)" : ""), value: a.domainDescription + ": " + a.summary)
      },
      figures: figures.filter { $0.functions.contains(spec.id) }.map(\.ref),
      views: defaults.views.enumerated().map { viewSection($1, spec: spec, number: $0 + 1) }
        + domainSection(defaults.domain, spec: spec),
      settings: settingsTable(spec, analysis),
      facts: facts(spec, analysis),
      edgeCases: edgeCases(spec, defaults.parameters),
      implementation: try resolve(spec.implementationNote, measurements, where: "\(spec.id), implementation note"),
      naiveFailures: naive(spec, analysis),
      hasNaiveFailures: !analysis.facts.naiveFailures.isEmpty,
      precision: precisionRows,
      hasPrecision: !precisionRows.isEmpty,
      precisionExact: precisionExact,
      hasPrecisionExact: !precisionExact.isEmpty,
      precisionNone: precisionRows.isEmpty && precisionExact.isEmpty ? FloatingPointText.none(primary) : nil,
      conventions: try conventions(spec, measurements: measurements),
      measuredNote: measurements?.note ?? FrameworkMeasurements.absentNote,
      references: spec.references.map { ReferenceRow(citation: $0.citation, year: String($0.year), url: $0.url) },
      accuracy: accuracyText(accuracy))
  }

  // MARK: - Conventions

  /// The convention rows with every `{measurement.key}` placeholder
  /// resolved from the committed measurements and the version measured
  /// named; a placeholder that does not resolve (or any placeholder when
  /// the build embeds no measurements) is an error naming the function and
  /// the framework.
  static func conventions(_ spec: FunctionSpec, measurements: FrameworkMeasurements?) throws(FrameworkMeasurements.Failure) -> [ConventionRow] {
    var rows: [ConventionRow] = []
    for c in spec.conventions {
      let note = try resolve(c.note, measurements, where: "\(spec.id), \(c.framework.rawValue) convention")
      rows.append(ConventionRow(framework: c.framework.rawValue, api: c.api.isEmpty ? "—" : c.api, note: note))
    }
    return rows
  }

  /// A catalog text that may cite a framework measurement (a convention
  /// note, the implementation note, a parameter's summary), resolved.
  static func resolve(_ text: String, _ measurements: FrameworkMeasurements?, where context: String) throws(FrameworkMeasurements.Failure) -> String {
    if let measurements { return try measurements.resolve(text, where: context) }
    if let p = FrameworkMeasurements.placeholders(in: text).first {
      throw FrameworkMeasurements.Failure(
        description: "\(context): placeholder {\(p.token)} does not resolve: this build embeds no \(FrameworkMeasurements.path)")
    }
    return text
  }

  /// Every framework-citing text of a function resolved, or the first
  /// failure (what `generate` checks before it analyses anything).
  static func checkFrameworkTexts(_ spec: FunctionSpec, measurements: FrameworkMeasurements?) throws(FrameworkMeasurements.Failure) {
    _ = try conventions(spec, measurements: measurements)
    _ = try resolve(spec.implementationNote, measurements, where: "\(spec.id), implementation note")
    for p in spec.parameters { _ = try resolve(p.summary, measurements, where: "\(spec.id), parameter \(p.name)") }
  }

  // MARK: - Formula

  static func formula(_ spec: FunctionSpec) -> FormulaSection {
    let f = spec.formula
    let lhs = FormulaLHS(spec: spec, formula: f)
    return FormulaSection(
      value: lhs.equation(lhs.value, f.value),
      derivatives: f.derivatives.map { lhs.equation(lhs.derivative($0.argument), $0.expr) },
      second: f.secondDerivative.map { lhs.equation(lhs.second, $0) } ?? f.hessian.map { lhs.hessianEquation($0) },
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

  /// The properties of one view; `number` counts the views from 1 and
  /// names the section's anchor (`view-1`).
  static func viewSection(_ p: ViewProperties, spec: FunctionSpec, number: Int) -> ViewSection {
    var rows: [Fact] = [
      Fact(name: "Range", value: Phrasing.range(p)),
      Fact(name: "Infimum", value: Phrasing.extremum(p.infimum, p.argument)),
      Fact(name: "Supremum", value: Phrasing.extremum(p.supremum, p.argument)),
      Fact(name: "Monotonic", value: Phrasing.monotonic(p.monotonic)),
      Fact(name: "Derivative monotonic", value: Phrasing.monotonic(p.derivativeMonotonic)),
      Fact(name: "Continuity", value: Phrasing.continuity(p)),
      Fact(name: "Max |f′|", value: Phrasing.extremum(p.maxAbsDerivative, p.argument)),
      Fact(name: "Saturates (|f′| → 0 toward an infinite end)", value: Phrasing.saturation(p)),
      Fact(
        name: "Saturation intervals (the tails where |f′| < \(Readable.number(p.saturationThreshold * 100))% of max)",
        value: Phrasing.intervals(p.saturationIntervals)),
      Fact(
        name: "Flat zones (bounded stretches where |f′| < \(Readable.number(p.saturationThreshold * 100))% of max; not saturation)",
        value: Phrasing.flatZones(p)),
      Fact(name: "Dead regions (f′ exactly 0)", value: Phrasing.intervals(p.deadRegions)),
      Fact(name: "Convexity", value: Phrasing.convexity(p) + (p.convexityCrossCheck ? " (midpoint tests agree)" : " (midpoint tests DISAGREE)")),
    ]
    if spec.family.isLoss {
      rows.append(Fact(name: "Zero at the correct prediction", value: Phrasing.zeroAtCorrect(p)))
      rows.append(Fact(name: "Non-negative in this view", value: Phrasing.yesNo(p.nonNegative)))
      rows.append(Fact(name: "Gradient as the argument grows", value: Phrasing.growth(p.gradientGrowth)))
    } else {
      if let m = p.meanOutput {
        rows.append(Fact(name: "Mean output E[f(X)], X ~ N(0, 1)", value: Readable.number(abs(m) <= PropertyEngine.zeroCenteredTolerance ? 0 : m, digits: 12)))
      }
      rows.append(Fact(name: "Zero-centred (mean output 0, within 10⁻¹²)", value: Phrasing.yesNo(p.zeroCentered)))
      rows.append(Fact(name: "Passes through the origin (f(0) = 0)", value: Phrasing.yesNo(p.passesThroughOrigin)))
      rows.append(Fact(name: "Identity near the origin (f(0) = 0, f′(0) = 1)", value: Phrasing.yesNo(p.identityNearOrigin)))
    }
    rows.append(
      Fact(
        name: "Gradient check (Richardson differences, \(p.gradientCheck.points) points)",
        value: "f′ within \(Readable.number(p.gradientCheck.maxRelativeErrorD1, digits: 2)), f″ within \(Readable.number(p.gradientCheck.maxRelativeErrorD2, digits: 2))"))
    return ViewSection(label: "In " + p.viewLabel, anchor: "view-\(number)", rows: rows)
  }

  /// The function over its whole domain (every argument free), for a
  /// function of several arguments: what no single view can say.
  static func domainSection(_ d: DomainProperties, spec: FunctionSpec) -> [ViewSection] {
    guard d.multiArgument else { return [] }
    let prediction = ViewNaming.pretty(spec.predictionArgument)
    let params = Phrasing.parameters(d.parameters, spec: spec)
    var rows: [Fact] = [
      Fact(name: "Range", value: Phrasing.domainRange(d)),
      Fact(name: "Infimum", value: domainBoundText(d.infimum, spec: spec)),
      Fact(name: "Supremum", value: domainBoundText(d.supremum, spec: spec)),
      Fact(name: "Non-negative", value: Phrasing.domainNonNegative(d)),
      Fact(
        name: "Convex in \(prediction) for every value of the other arguments",
        value: d.convex ? "yes" : (d.convexViolation.map { "no: the midpoint of (\(Phrasing.point($0.a))) and (\(Phrasing.point($0.b))) lies above the chord" } ?? "no")),
    ]
    if let m = d.monotonic {
      rows.append(Fact(name: "Monotonic in \(prediction) for every value of the other arguments", value: Phrasing.monotonic(m)))
    }
    if let g = d.maxAbsDerivative {
      rows.append(Fact(name: "Max |∂L/∂\(prediction)|", value: Readable.number(g) + (d.maxAbsDerivativeExact ? "" : " at least (found by the search)")))
    }
    if let s = d.search {
      rows.append(
        Fact(
          name: "How it was found",
          value: "the views above, each analysed exactly, and a search over every argument (\(s.points) points, \(s.settings) settings of the arguments other than \(prediction)); see Methods"))
    }
    let label = "the whole domain (every argument free\(params.isEmpty ? "" : "; \(params)"))"
    return [ViewSection(label: "Over " + label, anchor: "whole-domain", rows: rows)]
  }

  static func domainBoundText(_ b: DomainBound, spec: FunctionSpec) -> String {
    switch b.kind {
    case .unbounded:
      let w = b.witness.map { ": \(spec.id)(\(Phrasing.point($0.point))) = \(Readable.number($0.value))" } ?? ""
      return "\(Phrasing.domainBound(b)), unbounded\(w)"
    case .searched:
      let w = b.witness.map { " (found at \(Phrasing.point($0.point)))" } ?? ""
      return Phrasing.domainBound(b) + w
    case .exact:
      return "\(Readable.number(b.value)) (\(b.attained ? "attained" : "not attained")\(b.view.map { ", in the view \(ViewNaming.pretty($0))" } ?? ""))"
    }
  }

  static func settingsTable(_ spec: FunctionSpec, _ a: FunctionAnalysis) -> SettingsTable? {
    guard a.settings.count > 1 else { return nil }
    var header = spec.parameters.map(\.name) + ["view", "range", "monotonic", "continuity", "max |f′|"]
    header += spec.family.isLoss ? ["convex", "zero at correct", "gradient"] : ["saturates", "convex"]
    var rows: [SettingsRow] = []
    for s in a.settings {
      for v in s.views {
        var cells = spec.parameters.map { Readable.number(s.parameters[$0.name]) }
        cells += [v.viewLabel, Phrasing.range(v), Phrasing.monotonic(v.monotonic), Readable.smoothness(v.continuity), Readable.number(v.maxAbsDerivative.value)]
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
    for (i, g) in a.facts.gains.enumerated() {
      var text = "χ = \(Readable.number(g.gain)) at q = \(Readable.number(g.q)) (\(Phrasing.varianceSource(g.source)))"
      if g.depthRatio.count >= 10 {
        text += "; the expected squared gradient after 10 layers ×\(Readable.number(g.depthRatio[9], digits: 3))"
        if i < a.facts.gainSimulations.count {
          let sim = a.facts.gainSimulations[i]
          text += " (simulated, width \(sim.settings.width): ×\(Readable.number(sim.depthRatio[9], digits: 3)))"
        }
      }
      out.append(Fact(name: "Gradient gain per layer with weights, \(g.initialization.title)", value: text))
    }
    if let d = a.facts.depth {
      let median10 = d.median.count >= 10 ? Readable.number(d.median[9]) : "—"
      out.append(
        Fact(
          name: "Activation derivatives alone, weights set aside: depth to vanish (median |∏ f′| < 10⁻⁶)",
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
    let view = spec.views(a.settings[a.defaultIndex].parameters)[0]
    return a.facts.naiveFailures.map { FloatingPointText.naive($0, view: view) }
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
    case "x1", "x2": return ("x_\(name.last!)", "<msub><mi>x</mi><mn>\(name.last!)</mn></msub>")
    default: return (name, "<mi>\(name)</mi>")
    }
  }

  /// `f(a, b)`: the function of its differentiable arguments (a gated unit).
  var ofArguments: Side {
    let names = spec.differentiable.map(symbol)
    return (
      "f(" + names.map(\.latex).joined(separator: ", ") + ")",
      "<mrow><mi>f</mi><mo stretchy=\"false\">(</mo>" + names.map(\.mathml).joined(separator: "<mo>,</mo>")
        + "<mo stretchy=\"false\">)</mo></mrow>")
  }

  var value: Side {
    switch spec.family {
    case .activation: return ("f(x)", "<mrow><mi>f</mi><mo stretchy=\"false\">(</mo><mi>x</mi><mo stretchy=\"false\">)</mo></mrow>")
    case .gatedUnit: return ofArguments
    case .vectorActivation:
      // A scalar of the vector z (logsumexp) is f(z); a vector output f_i.
      guard formula.valueIndex != nil else {
        return ("f(z)", "<mrow><mi>f</mi><mo stretchy=\"false\">(</mo><mi>z</mi><mo stretchy=\"false\">)</mo></mrow>")
      }
      let name = spec.id == "softmax" ? "p" : "f"
      return ("\(name)_i", "<msub><mi>\(name)</mi><mi>i</mi></msub>")
    default: return ("L", "<mi>L</mi>")
    }
  }

  func derivative(_ arg: String) -> Side {
    let a = symbol(arg)
    switch spec.family {
    case .activation: return ("f'(x)", "<mrow><msup><mi>f</mi><mo>′</mo></msup><mo stretchy=\"false\">(</mo><mi>x</mi><mo stretchy=\"false\">)</mo></mrow>")
    case .vectorActivation where formula.derivativeIndices.count == 1:
      // The gradient of a scalar of z (logsumexp), not a Jacobian.
      return ("\\frac{\\partial f}{\\partial z_j}", "<mfrac><mrow><mo>∂</mo><mi>f</mi></mrow><mrow><mo>∂</mo><msub><mi>z</mi><mi>j</mi></msub></mrow></mfrac>")
    case .gatedUnit:
      return ("\\frac{\\partial f}{\\partial \(a.latex)}", "<mfrac><mrow><mo>∂</mo><mi>f</mi></mrow><mrow><mo>∂</mo>\(a.mathml)</mrow></mfrac>")
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

  /// The Hessian as a matrix equation, ∇²f(a, b) = (entries), rows and
  /// columns in the order of the differentiable arguments.
  func hessianEquation(_ h: [[Expr]]) -> Equation {
    let f = ofArguments
    let latexRows = h.map { $0.map(\.latex).joined(separator: " & ") }.joined(separator: " \\\\ ")
    let mathmlRows = h.map { row in "<mtr>" + row.map { "<mtd>\($0.mathml)</mtd>" }.joined() + "</mtr>" }.joined()
    return Equation(
      latex: "\\nabla^2 \(f.latex) = \\begin{pmatrix} \(latexRows) \\end{pmatrix}",
      mathml: "<math xmlns=\"http://www.w3.org/1998/Math/MathML\" display=\"block\"><mrow><msup><mo>∇</mo><mn>2</mn></msup>\(f.mathml)<mo>=</mo><mrow><mo>(</mo><mtable>\(mathmlRows)</mtable><mo>)</mo></mrow></mrow></math>")
  }

  func equation(_ lhs: Side, _ rhs: Expr) -> Equation {
    Equation(
      latex: "\(lhs.latex) = \(rhs.latex)",
      mathml: "<math xmlns=\"http://www.w3.org/1998/Math/MathML\" display=\"block\"><mrow>\(lhs.mathml)<mo>=</mo>\(rhs.mathml)</mrow></math>")
  }
}
