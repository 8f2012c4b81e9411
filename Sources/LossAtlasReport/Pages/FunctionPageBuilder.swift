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
    _ spec: FunctionSpec, _ analysis: FunctionAnalysis, figures: [FigureInfo], accuracy: AccuracySummary?,
    measurements: FrameworkMeasurements? = nil, strings: Strings
  ) throws -> FunctionPage {
    let ph = Phrasing(strings)
    let defaults = analysis.settings[analysis.defaultIndex]
    let primary = spec.views(defaults.parameters)[0]
    let fp = FloatingPointText(strings)
    let precisionRows = fp.rows(analysis.facts.precision, view: primary)
    let precisionExact = fp.exact(analysis.facts.exactTails, view: primary)
    return FunctionPage(
      site: SitePages.site(current: spec.id, title: ph.name(spec)),
      id: spec.id, name: ph.name(spec), family: ph.family(spec.family),
      summary: ph.catalog(FunctionText.key(spec.id, "summary"), spec.summary),
      aliases: spec.aliases.isEmpty ? nil : spec.aliases.joined(separator: ", "),
      formula: formula(spec, words: strings.caseWords),
      parameters: try spec.parameters.map { p in
        ParameterRow(
          name: p.name, symbol: Equation(latex: p.symbol, mathml: mathmlSymbol(p.symbol)),
          defaultValue: Readable.number(p.defaultValue), range: rangeText(p.range, ph),
          grid: p.grid.map { Readable.number($0) }.joined(separator: ", "),
          summary: try resolve(
            ph.catalog(FunctionText.parameterKey(spec.id, p.name), p.summary), measurements,
            where: "\(spec.id), parameter \(p.name)", strings: strings))
      },
      hasParameters: !spec.parameters.isEmpty,
      arguments: spec.arguments.map { a in
        Fact(
          // Typeset as the formulas and figures write it (`yhat` → ŷ); the
          // identifier stays in catalog.json and `lossatlas list`.
          name: spec.differentiable.contains(a.name)
            ? ph.strings("page.function.argument.differentiated", ["name": ViewNaming.pretty(a.name)]) : ViewNaming.pretty(a.name),
          value: ph.strings(
            "page.function.argument.domain",
            ["domain": ph.domain(a), "summary": ph.catalog(FunctionText.argumentKey(spec.id, a.name), a.summary)]))
      },
      figures: figures.filter { $0.functions.contains(spec.id) }.map(\.ref),
      views: defaults.views.enumerated().map { viewSection($1, spec: spec, number: $0 + 1, ph) }
        + domainSection(defaults.domain, spec: spec, ph),
      settings: settingsTable(spec, analysis, ph),
      facts: facts(spec, analysis, ph),
      edgeCases: edgeCases(spec, defaults.parameters, ph),
      implementation: try resolve(
        ph.catalog(FunctionText.key(spec.id, "implementationNote"), spec.implementationNote), measurements,
        where: "\(spec.id), implementation note", strings: strings),
      naiveFailures: naive(spec, analysis, fp),
      hasNaiveFailures: !analysis.facts.naiveFailures.isEmpty,
      precision: precisionRows,
      hasPrecision: !precisionRows.isEmpty,
      precisionExact: precisionExact,
      hasPrecisionExact: !precisionExact.isEmpty,
      precisionNone: precisionRows.isEmpty && precisionExact.isEmpty ? fp.none(primary) : nil,
      conventions: try conventions(spec, measurements: measurements, strings: strings),
      measuredNote: measurements?.note(strings) ?? FrameworkMeasurements.absentNote(strings),
      references: spec.references.map { ReferenceRow(citation: $0.citation, year: String($0.year), url: $0.url) },
      accuracy: accuracyText(accuracy, ph))
  }

  // MARK: - Conventions

  /// The convention rows with every `{measurement.key}` placeholder
  /// resolved from the committed measurements and the version measured
  /// named; a placeholder that does not resolve (or any placeholder when
  /// the build embeds no measurements) is an error naming the function and
  /// the framework.
  static func conventions(
    _ spec: FunctionSpec, measurements: FrameworkMeasurements?, strings: Strings = .english
  ) throws(FrameworkMeasurements.Failure) -> [ConventionRow] {
    var rows: [ConventionRow] = []
    let ph = Phrasing(strings)
    for (c, key) in zip(spec.conventions, FunctionText.conventionKeys(spec)) {
      let note = try resolve(
        ph.catalog(key, c.note), measurements, where: "\(spec.id), \(c.framework.rawValue) convention", strings: strings)
      rows.append(ConventionRow(framework: c.framework.rawValue, api: c.api.isEmpty ? "—" : c.api, note: note))
    }
    return rows
  }

  /// A catalog text that may cite a framework measurement (a convention
  /// note, the implementation note, a parameter's summary), resolved.
  static func resolve(
    _ text: String, _ measurements: FrameworkMeasurements?, where context: String, strings: Strings = .english
  ) throws(FrameworkMeasurements.Failure) -> String {
    if let measurements { return try measurements.resolve(text, where: context, strings: strings) }
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

  /// The formula section, the cases of piecewise formulas in the
  /// edition's `words` (the structure is the same in every edition).
  static func formula(_ spec: FunctionSpec, words: CaseWords = .english) -> FormulaSection {
    let f = spec.formula
    let lhs = FormulaLHS(spec: spec, formula: f, words: words)
    return FormulaSection(
      value: lhs.equation(lhs.value, f.value),
      derivatives: f.derivatives.map { lhs.equation(lhs.derivative($0.argument), $0.expr) },
      second: f.secondDerivative.map { lhs.equation(lhs.second, $0) } ?? f.hessian.map { lhs.hessianEquation($0) },
      definitions: f.definitions(words).map { Equation(latex: $0.latex, mathml: Self.wrapMath($0.mathml)) },
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

  static func rangeText(_ r: ParameterRange, _ ph: Phrasing) -> String {
    if r.allowsNegativeInfinity && r.lower == -.infinity { return ph.strings("page.function.parameter.anyOrMinusInfinity") }
    return "\(r.lowerInclusive ? "[" : "(")\(Readable.number(r.lower)), \(Readable.number(r.upper))\(r.upperInclusive ? "]" : ")")"
  }

  // MARK: - Properties

  /// The properties of one view; `number` counts the views from 1 and
  /// names the section's anchor (`view-1`).
  static func viewSection(_ p: ViewProperties, spec: FunctionSpec, number: Int, _ ph: Phrasing) -> ViewSection {
    func row(_ key: String, _ value: String, _ names: [String: String] = [:]) -> Fact {
      Fact(name: ph.strings("page.function.row." + key, names), value: value)
    }
    let percent = ["percent": Readable.number(p.saturationThreshold * 100)]
    var rows: [Fact] = [
      row("range", Phrasing.range(p)),
      row("infimum", ph.extremum(p.infimum, Phrasing.variable(p))),
      row("supremum", ph.extremum(p.supremum, Phrasing.variable(p))),
      row("monotonic", ph.monotonic(p.monotonic)),
      row("derivativeMonotonic", ph.monotonic(p.derivativeMonotonic)),
      row("continuity", ph.continuity(p)),
      row("maxAbsDerivative", ph.extremum(p.maxAbsDerivative, Phrasing.variable(p))),
      row("saturates", ph.saturation(p)),
      row("saturationIntervals", ph.intervals(p.saturationIntervals), percent),
      row("flatZones", ph.flatZones(p), percent),
      row("deadRegions", ph.intervals(p.deadRegions)),
      row(
        "convexity",
        ph.strings(
          p.convexityCrossCheck ? "page.function.convexity.agree" : "page.function.convexity.disagree", ["convexity": ph.convexity(p)])),
    ]
    if spec.family.isLoss {
      rows.append(row("zeroAtCorrect", ph.zeroAtCorrect(p)))
      rows.append(row("nonNegativeInView", ph.yesNo(p.nonNegative)))
      rows.append(row("gradientGrowth", ph.growth(p.gradientGrowth)))
    } else {
      if let m = p.meanOutput {
        rows.append(row("meanOutput", Readable.number(abs(m) <= PropertyEngine.zeroCenteredTolerance ? 0 : m, digits: 12)))
      }
      rows.append(row("zeroCentred", ph.yesNo(p.zeroCentered)))
      rows.append(row("passesThroughOrigin", ph.yesNo(p.passesThroughOrigin)))
      rows.append(row("identityNearOrigin", ph.yesNo(p.identityNearOrigin)))
    }
    rows.append(
      row(
        "gradientCheck",
        ph.strings(
          "page.function.gradientCheck.value",
          [
            "d1": Readable.number(p.gradientCheck.maxRelativeErrorD1, digits: 2),
            "d2": Readable.number(p.gradientCheck.maxRelativeErrorD2, digits: 2),
          ]),
        ["points": String(p.gradientCheck.points)]))
    return ViewSection(label: ph.strings("page.function.view.label", ["view": ViewNaming.label(p.viewLabel, ph)]), anchor: "view-\(number)", rows: rows)
  }

  /// The function over its whole domain (every argument free), for a
  /// function of several arguments: what no single view can say.
  static func domainSection(_ d: DomainProperties, spec: FunctionSpec, _ ph: Phrasing) -> [ViewSection] {
    guard d.multiArgument else { return [] }
    let prediction = ViewNaming.pretty(spec.predictionArgument)
    let params = Phrasing.parameters(d.parameters, spec: spec)
    let about = ["prediction": prediction]
    func row(_ key: String, _ value: String) -> Fact { Fact(name: ph.strings("page.function.domain.row." + key, about), value: value) }
    var rows: [Fact] = [
      row("range", Phrasing.domainRange(d)),
      row("infimum", domainBoundText(d.infimum, spec: spec, ph)),
      row("supremum", domainBoundText(d.supremum, spec: spec, ph)),
      row("nonNegative", ph.domainNonNegative(d)),
      row(
        "convex",
        d.convex
          ? ph.yesNo(true)
          : (d.convexViolation.map {
            ph.strings("page.function.domain.convexViolation", ["a": Phrasing.point($0.a), "b": Phrasing.point($0.b)])
          } ?? ph.yesNo(false))),
    ]
    if let m = d.monotonic {
      rows.append(row("monotonic", ph.monotonic(m)))
    }
    if let g = d.maxAbsDerivative {
      let value = Readable.number(g)
      rows.append(
        Fact(
          name: "Max |∂L/∂\(prediction)|",
          value: d.maxAbsDerivativeExact ? value : ph.strings("page.function.domain.atLeast", ["value": value])))
    }
    if let s = d.search {
      rows.append(
        row(
          "howFound",
          ph.strings(
            "page.function.domain.howFound",
            ["points": String(s.points), "settings": String(s.settings), "prediction": prediction])))
    }
    let label = params.isEmpty
      ? ph.strings("page.function.domain.label") : ph.strings("page.function.domain.labelWithParameters", ["parameters": params])
    return [ViewSection(label: label, anchor: "whole-domain", rows: rows)]
  }

  static func domainBoundText(_ b: DomainBound, spec: FunctionSpec, _ ph: Phrasing) -> String {
    switch b.kind {
    case .unbounded:
      let bound = ph.domainBound(b)
      guard let w = b.witness else { return ph.strings("page.function.bound.unbounded", ["bound": bound]) }
      return ph.strings(
        "page.function.bound.unboundedWitness",
        ["bound": bound, "call": "\(spec.id)(\(Phrasing.point(w.point)))", "value": Readable.number(w.value)])
    case .searched:
      guard let w = b.witness else { return ph.domainBound(b) }
      return ph.strings("page.function.bound.searched", ["bound": ph.domainBound(b), "point": Phrasing.point(w.point)])
    case .exact:
      let value = Readable.number(b.value)
      let key = b.attained ? "page.function.bound.attained" : "page.function.bound.notAttained"
      guard let view = b.view else { return ph.strings(key, ["value": value]) }
      return ph.strings(key + "InView", ["value": value, "view": ViewNaming.label(view, ph)])
    }
  }

  static func settingsTable(_ spec: FunctionSpec, _ a: FunctionAnalysis, _ ph: Phrasing) -> SettingsTable? {
    guard a.settings.count > 1 else { return nil }
    let columns = ["view", "range", "monotonic", "continuity", "maxAbsDerivative"]
      + (spec.family.isLoss ? ["convex", "zeroAtCorrect", "gradient"] : ["saturates", "convex"])
    let header = spec.parameters.map(ViewNaming.symbol) + columns.map { ph.strings("page.function.grid." + $0) }
    var rows: [SettingsRow] = []
    for s in a.settings {
      for v in s.views {
        var cells = spec.parameters.map { Readable.number(s.parameters[$0.name]) }
        cells += [ViewNaming.label(v.viewLabel, ph), Phrasing.range(v), ph.monotonic(v.monotonic), ph.smoothness(v.continuity), Readable.number(v.maxAbsDerivative.value)]
        if spec.family.isLoss {
          cells += [ph.yesNo(v.convex), ph.zeroAtCorrectWord(v.zeroAtCorrect), ph.growthWord(v.gradientGrowth)]
        } else {
          cells += [ph.saturation(v), ph.yesNo(v.convex)]
        }
        rows.append(SettingsRow(cells: cells))
      }
    }
    return SettingsTable(header: header, rows: rows)
  }

  static func facts(_ spec: FunctionSpec, _ a: FunctionAnalysis, _ ph: Phrasing) -> [Fact] {
    var out: [Fact] = []
    for (i, g) in a.facts.gains.enumerated() {
      var values = [
        "gain": Readable.number(g.gain), "q": Readable.number(g.q), "source": ph.varianceSource(g.source),
      ]
      var key = "page.function.gain.value"
      if g.depthRatio.count >= 10 {
        key = "page.function.gain.valueDepth"
        values["ratio"] = Readable.number(g.depthRatio[9], digits: 3)
        if i < a.facts.gainSimulations.count {
          let sim = a.facts.gainSimulations[i]
          key = "page.function.gain.valueDepthSimulated"
          values["width"] = String(sim.settings.width)
          values["simulated"] = Readable.number(sim.depthRatio[9], digits: 3)
        }
      }
      out.append(
        Fact(
          name: ph.strings("page.function.gain.name", ["initialization": ph.initialization(g.initialization)]),
          value: ph.strings(key, values)))
    }
    if let d = a.facts.depth {
      let median10 = d.median.count >= 10 ? Readable.number(d.median[9]) : "—"
      out.append(
        Fact(
          name: ph.strings("page.function.depth.name"),
          value: d.depthToVanish.map { ph.strings("page.function.depth.vanishes", ["depth": String($0), "median": median10]) }
            ?? ph.strings("page.function.depth.never", ["median": median10])))
    }
    if let m = a.facts.minimiser {
      out.append(
        Fact(
          name: ph.strings("page.function.minimiser.name", ["targets": m.targets.map { Readable.number($0) }.joined(separator: ", ")]),
          value: Readable.number(m.minimiser, digits: 8)))
    }
    return out
  }

  static func edgeCases(_ spec: FunctionSpec, _ params: ParameterValues, _ ph: Phrasing) -> [EdgeRow] {
    enum Note: String { case origin, breakpoint, originBreakpoint, domainEnd, extremeInput }
    var rows: [EdgeRow] = []
    for view in spec.views(params) {
      var points: [(Double, Note)] = []
      if view.domain.contains(0) { points.append((0, .origin)) }
      for b in view.breakpoints where view.domain.contains(b) && b != 0 { points.append((b, .breakpoint)) }
      if view.breakpoints.contains(0) { points = points.map { $0.0 == 0 ? (0, .originBreakpoint) : $0 } }
      if view.domain.lowerClosed { points.append((view.domain.lower, .domainEnd)) }
      if view.domain.upperClosed { points.append((view.domain.upper, .domainEnd)) }
      for x in [-1e300, -1e3, 1e3, 1e300] where view.domain.contains(x) { points.append((x, .extremeInput)) }
      var seen = Set<Double>()
      for (x, note) in points.sorted(by: { $0.0 < $1.0 }) where seen.insert(x).inserted {
        let j = view.evaluate(x)
        let infinite = [j.value, j.d1, j.d2].contains { $0.isInfinite }
        let text = ph.strings("page.function.edge." + note.rawValue)
        rows.append(
          EdgeRow(
            view: ViewNaming.label(view.label, ph), x: Readable.number(x, digits: 4), value: Readable.number(j.value, digits: 8),
            d1: Readable.number(j.d1, digits: 8), d2: Readable.number(j.d2, digits: 8),
            note: infinite ? ph.strings("page.function.edge.infinite", ["note": text]) : text))
      }
    }
    return rows
  }

  static func naive(_ spec: FunctionSpec, _ a: FunctionAnalysis, _ fp: FloatingPointText) -> [Fact] {
    let view = spec.views(a.settings[a.defaultIndex].parameters)[0]
    let within = (spec.naive?.intermediates ?? []).enumerated().map { i, n in
      (english: "in " + n.within, text: fp.strings("page.naive.within", ["within": Phrasing(fp.strings).catalog(FunctionText.naiveWithinKey(spec.id, i), n.within)]))
    }
    return a.facts.naiveFailures.map { f in
      fp.naive(f, view: view, component: within.first { $0.english == f.component }?.text ?? f.component)
    }
  }

  static func accuracyText(_ s: AccuracySummary?, _ ph: Phrasing) -> String {
    guard let s else { return ph.strings("page.function.accuracy.none") }
    if !s.failures.isEmpty {
      return ph.strings("page.function.accuracy.fail", ["failures": String(s.failures.count), "components": String(s.components)])
    }
    let values = [
      "components": String(s.components), "lines": String(s.lines), "worst": Readable.number(s.worstUlp, digits: 3),
      "sens": String(s.neededSens),
    ]
    return ph.strings(s.neededSens > 0 ? "page.function.accuracy.passWithSens" : "page.function.accuracy.pass", values)
  }
}

/// The left-hand sides of a function's equations: f(x), ∂L/∂s_j, J_ij, ...
struct FormulaLHS {
  let spec: FunctionSpec
  let formula: FunctionFormula
  /// The words of piecewise formulas ("if", "otherwise") in the edition's language.
  var words: CaseWords = .english

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
    let latexRows = h.map { $0.map { $0.latex(words) }.joined(separator: " & ") }.joined(separator: " \\\\ ")
    let mathmlRows = h.map { row in "<mtr>" + row.map { "<mtd>\($0.mathml(words))</mtd>" }.joined() + "</mtr>" }.joined()
    return Equation(
      latex: "\\nabla^2 \(f.latex) = \\begin{pmatrix} \(latexRows) \\end{pmatrix}",
      mathml: "<math xmlns=\"http://www.w3.org/1998/Math/MathML\" display=\"block\"><mrow><msup><mo>∇</mo><mn>2</mn></msup>\(f.mathml)<mo>=</mo><mrow><mo>(</mo><mtable>\(mathmlRows)</mtable><mo>)</mo></mrow></mrow></math>")
  }

  func equation(_ lhs: Side, _ rhs: Expr) -> Equation {
    Equation(
      latex: "\(lhs.latex) = \(rhs.latex(words))",
      mathml: "<math xmlns=\"http://www.w3.org/1998/Math/MathML\" display=\"block\"><mrow>\(lhs.mathml)<mo>=</mo>\(rhs.mathml(words))</mrow></math>")
  }
}
