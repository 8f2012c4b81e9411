import LossAtlasAnalysis
import LossAtlasCharts
import LossAtlasCore

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

// MARK: - FamilyFigures

/// One parameter of one function swept: value and derivative of the
/// primary view for each value, side by side (`figures/family-<id>-<param>.png`),
/// and focal loss against p_t as in Lin et al. (2017), Fig. 1.
enum FamilyFigures {
  /// A family to draw.
  struct Definition {
    let id: String
    let parameter: String
    /// The values drawn (nil: the parameter's grid).
    let values: [Double]?
    /// The drawn x range (nil: the primary view's plot range).
    let xRange: ClosedRange<Double>?
    /// Fixed y-ranges where the automatic choice does not read well.
    var valueRange: ClosedRange<Double>? = nil
    var derivativeRange: ClosedRange<Double>? = nil
    /// One sentence for the caption (after the generic part).
    let note: String
  }

  /// The families of the manual, in order (focal, built apart, goes before huber).
  static let definitions: [Definition] = [
    Definition(
      id: "leaky-relu", parameter: "slope", values: nil, xRange: -4...4,
      note: "The slope a for x < 0; a = 0 is relu."),
    Definition(
      id: "elu", parameter: "alpha", values: nil, xRange: -4...4,
      note: "α sets the floor −α that the value approaches as x → −∞."),
    Definition(
      id: "softplus", parameter: "beta", values: nil, xRange: -4...4,
      note: "Larger β bends softplus toward relu (dashed), its limit as β → ∞."),
    Definition(
      id: "silu", parameter: "beta", values: nil, xRange: -6...6,
      note: "Larger β bends SiLU toward relu; its minimum moves toward 0."),
    Definition(
      id: "celu", parameter: "alpha", values: nil, xRange: -4...4,
      note: "α sets the floor −α and the length scale of the exponential part; the slope at 0 is 1 for every α."),
    Definition(
      id: "squareplus", parameter: "b", values: nil, xRange: -4...4,
      note: "Smaller b bends squareplus toward relu; its value at 0 is √b / 2."),
    Definition(
      id: "huber", parameter: "delta", values: [0.5, 1, 2, 4], xRange: -5...5,
      note: "Quadratic for |r| ≤ δ and linear beyond: the derivative is the residual clipped to [−δ, δ]."),
    Definition(
      id: "smooth-l1", parameter: "beta", values: nil, xRange: -3...3,
      note: "Quadratic for |r| < β and linear beyond with slope 1; β = 0 is the absolute error."),
    Definition(
      id: "barron", parameter: "alpha", values: [-.infinity, -2, 0, 1, 2], xRange: nil,
      derivativeRange: -2...2,
      note: "As in Barron (2019), Fig. 1: α = 2 is L2, α = 1 pseudo-Huber (Charbonnier), α = 0 Cauchy, α = −2 Geman-McClure, α = −∞ Welsch."),
    Definition(
      id: "quantile", parameter: "tau", values: [0.1, 0.5, 0.9], xRange: nil,
      note: "τ weights under- against over-prediction: the slopes are −τ and 1 − τ."),
  ]

  /// One builder per family figure, in the manual's order: focal
  /// (against pₜ, its own builder) between the activations and the
  /// regression losses.
  static func builders(_ index: AnalysisIndex) -> [@Sendable () -> ManualFigure?] {
    var out: [@Sendable () -> ManualFigure?] = []
    let firstLoss = definitions.firstIndex { $0.id == "huber" } ?? definitions.count
    for (i, d) in definitions.enumerated() {
      if i == firstLoss { out.append { focal(index) } }
      out.append { build(d, index) }
    }
    if firstLoss == definitions.count { out.append { focal(index) } }
    return out
  }

  // MARK: Generic family

  static func build(_ d: Definition, _ index: AnalysisIndex) -> ManualFigure? {
    guard let spec = index.spec(d.id), let param = spec.parameters.first(where: { $0.name == d.parameter })
    else { return nil }
    let values = d.values ?? param.grid
    let symbol = ViewNaming.symbol(param)
    struct Member {
      let value: Double
      let view: ScalarView
      let properties: ViewProperties?
      let curve: SampledCurve
    }
    let xRange = d.xRange ?? spec.primaryView.plotRange
    var members: [Member] = []
    for v in values {
      var given = spec.defaultParameters.values
      given[d.parameter] = v
      guard let p = try? spec.validateParameters(given) else { return nil }
      let view = spec.views(p)[0]
      let props = index.properties(d.id, p)?.first
      members.append(
        Member(value: v, view: view, properties: props,
          curve: SampledCurve(view, over: xRange, breakpoints: props?.breakpoints ?? [])))
    }
    let variable = ViewNaming.variable(members[0].view)
    let names = members.map { "\(symbol) = \(FigureText.parameter($0.value))" }
    let set = "\(symbol) ∈ {\(members.map { FigureText.parameter($0.value) }.joined(separator: ", "))}"
    // Shared y-ranges; a member far beyond the others (barron's α = 2)
    // leaves through the frame.
    func range(_ pick: (SampledCurve) -> [Double]) -> ClosedRange<Double> {
      RobustRange.consensus(members.compactMap { RobustRange(pick($0.curve)) }).axisRange
    }
    let xLabel = spec.family.isLoss && variable == "ŷ" ? "ŷ   (y = 0, so ŷ is the residual r)" : variable
    var value = Chart(
      title: "value", x: Axis(xLabel, range: xRange),
      y: Axis(ViewNaming.valueSymbol(spec, variable: variable), range: d.valueRange ?? range(\.gridValues)))
    var derivative = Chart(
      title: "derivative", x: Axis(xLabel, range: xRange),
      y: Axis(ViewNaming.derivativeSymbol(spec, variable: variable), range: d.derivativeRange ?? range(\.gridD1)))
    for (k, m) in members.enumerated() {
      let (color, style) = FigureStyle.seriesStyle(k)
      value.series.append(Series(names[k], x: m.curve.x, y: m.curve.value, style: style, color: color))
      derivative.series.append(Series("", x: m.curve.x, y: m.curve.d1, style: style, color: color))
    }
    var extra = ""
    if d.id == "softplus", let relu = index.spec("relu") {
      let breaks = index.properties("relu", relu.defaultParameters)?.first?.breakpoints ?? []
      let r = SampledCurve(relu.primaryView, over: xRange, breakpoints: breaks)
      value.series.append(Series("relu (β → ∞)", x: r.x, y: r.value, style: .dashed, color: .ink))
      derivative.series.append(Series("", x: r.x, y: r.d1, style: .dashed, color: .ink))
      extra = " The dashed line is relu, the limit as β → ∞."
    }
    value.referenceLines += FigureStyle.zeroLine(value.y.range)
    derivative.referenceLines += FigureStyle.zeroLine(derivative.y.range)
    derivative.legend = .none

    let prime = spec.family.isLoss ? "∂L/∂\(variable)" : "f′"
    let facts = zip(members, names).compactMap { m, name in
      m.properties.map { FigureFacts.summary(name, $0, variable: variable, prime: prime) }
    }
    let valueList = FigureText.list(members.map { FigureText.parameter($0.value) })
    var alt = "Value and derivative of \(spec.name) for \(symbol) = \(valueList), against \(variable) from "
      + "\(FigureText.number(xRange.lowerBound)) to \(FigureText.number(xRange.upperBound)), one colour per \(symbol)."
    if !facts.isEmpty { alt += " " + facts.joined(separator: "; ") + "." }
    alt += extra
    let caption = "\(spec.name) for \(set): value (left) and derivative (right). " + d.note
    return ManualFigure(
      path: "figures/family-\(d.id)-\(d.parameter).png", kind: .family, functionIDs: [d.id] + (extra.isEmpty ? [] : ["relu"]),
      caption: caption, altText: alt,
      figure: Figure(panels: [value, derivative], columns: 2, size: .standard, title: "\(spec.name): \(set)"))
  }

  // MARK: Focal loss against p_t

  /// The γ values of Lin et al. (2017), Fig. 1.
  static let focalGammas: [Double] = [0, 0.5, 1, 2, 5]
  /// α = 1 makes α_t = 1 for y = 1: the catalog's focal loss is then exactly
  /// the curve of Lin et al.'s Fig. 1 (any other α scales every curve by α).
  static let focalAlpha = 1.0

  /// Focal loss against p_t ∈ (0, 1] for each γ: with y = 1, p_t = σ(z), so
  /// the loss at p_t is the catalog's focal(z = logit(p_t), y = 1).
  static func focal(_ index: AnalysisIndex) -> ManualFigure? {
    guard let spec = index.spec("focal"), spec.parameters.contains(where: { $0.name == "gamma" }),
      spec.parameters.contains(where: { $0.name == "alpha" })
    else { return nil }
    let n = 1000
    let pt = (1...n).map { Double($0) / Double(n) }  // 0.001 ... 1
    var chart = Chart(
      title: "", x: Axis("probability of the true class pₜ", range: 0...1), y: Axis("loss", range: 0...5))
    var atNine: [String] = []
    var atOneTenth: [Double] = []
    for (k, gamma) in focalGammas.enumerated() {
      guard let p = try? spec.validateParameters(["gamma": gamma, "alpha": focalAlpha]) else { return nil }
      let views = spec.views(p)
      let view = views.first { v in v.fixed.contains { $0.name == "y" && $0.value == .real(1) } } ?? views[0]
      func loss(_ t: Double) -> Double {
        if t == 1 { return 0 }  // z = +∞: p_t = 1, no loss (the limit of every curve)
        return view.evaluate(log(t) - log1p(-t)).value
      }
      let (color, style) = FigureStyle.seriesStyle(k)
      let name = gamma == 0 ? "γ = 0 (cross-entropy)" : "γ = \(FigureText.parameter(gamma))"
      chart.series.append(Series(name, x: pt, y: pt.map(loss), style: style, color: color))
      atNine.append("\(FigureText.number(loss(0.9))) for γ = \(FigureText.parameter(gamma))")
      atOneTenth.append(loss(0.1))
    }
    chart.legend = .topRight
    let caption = "Focal loss against the probability pₜ of the true class for γ ∈ {0, 0.5, 1, 2, 5}, "
      + "with α = 1 (then α_t = 1 and the curves are those of Lin et al. 2017, Fig. 1; the catalog's default "
      + "α = 0.25 scales every curve by 0.25). pₜ = σ(z) for y = 1, so each point is focal(z = logit pₜ, y = 1)."
    let alt = "Focal loss against pₜ from 0 to 1 for γ = 0, 0.5, 1, 2 and 5 (α = 1), one curve each, loss axis cut at 5. "
      + "All curves fall to 0 at pₜ = 1; larger γ flattens them for well-classified examples: at pₜ = 0.9 the loss is "
      + FigureText.list(atNine) + "; at pₜ = 0.1 (a badly classified example) it stays between "
      + "\(FigureText.number(atOneTenth.min() ?? 0)) and \(FigureText.number(atOneTenth.max() ?? 0))."
    return ManualFigure(
      path: "figures/family-focal-gamma.png", kind: .family, functionIDs: ["focal"], caption: caption, altText: alt,
      figure: Figure(panels: [chart], columns: 1, size: .standard, title: "Focal loss: γ ∈ {0, 0.5, 1, 2, 5}, α = 1"))
  }
}
