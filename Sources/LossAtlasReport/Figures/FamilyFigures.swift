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
/// and a loss in a logit against the probability of the true class (focal
/// loss as in Lin et al. 2017, Fig. 1). Which functions get which figure,
/// and with what values and notes, is data on their catalog entries
/// (`FunctionSpec.figures`).
enum FamilyFigures {
  /// The file name without extension of function `id`'s figure of
  /// `parameter` swept (`figures/family-<id>-<parameter>.png`).
  static func stem(_ id: String, _ parameter: String) -> String { "family-\(id)-\(parameter)" }

  /// The order in which the comparison pages show the family figures (a
  /// page definition, as the comparison rows are); a function with a family
  /// figure that is not listed follows the listed ones, in catalog order.
  static let pageOrder = ["leaky-relu", "elu", "softplus", "silu", "celu", "squareplus", "focal", "huber", "smooth-l1", "barron", "quantile"]

  /// One builder per family figure, in ``pageOrder``.
  static func builders(_ index: AnalysisIndex, words: FigureWords = FigureWords(.english)) -> [@Sendable () -> ManualFigure?] {
    let rank = { (id: String) in pageOrder.firstIndex(of: id) ?? pageOrder.count }
    let specs = index.entries.map(\.spec).enumerated()
      .sorted { (rank($0.element.id), $0.offset) < (rank($1.element.id), $1.offset) }.map(\.element)
    var out: [@Sendable () -> ManualFigure?] = []
    for spec in specs {
      if let family = spec.figures.family { out.append { build(spec, family, index, words: words) } }
      if let figure = spec.figures.trueClassProbability { out.append { trueClassProbability(spec, figure, words: words) } }
    }
    return out
  }

  // MARK: Generic family

  static func build(
    _ spec: FunctionSpec, _ d: ParameterFamilyFigure, _ index: AnalysisIndex, words: FigureWords = FigureWords(.english)
  ) -> ManualFigure? {
    guard let param = spec.parameters.first(where: { $0.name == d.parameter }) else { return nil }
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
      let props = index.properties(spec.id, p)?.first
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
    let xLabel = spec.family.isLoss && variable == "ŷ" ? words.say("family.residualAxis") : variable
    var value = Chart(
      title: words.say("panel.value"), x: Axis(xLabel, range: xRange),
      y: Axis(ViewNaming.valueSymbol(spec, variable: variable), range: d.valueRange ?? range(\.gridValues)))
    var derivative = Chart(
      title: words.say("panel.derivative"), x: Axis(xLabel, range: xRange),
      y: Axis(ViewNaming.derivativeSymbol(spec, variable: variable), range: d.derivativeRange ?? range(\.gridD1)))
    for (k, m) in members.enumerated() {
      let (color, style) = FigureStyle.seriesStyle(k)
      value.series.append(Series(names[k], x: m.curve.x, y: m.curve.value, style: style, color: color))
      derivative.series.append(Series("", x: m.curve.x, y: m.curve.d1, style: style, color: color))
    }
    var extra = ""
    var limitID: [String] = []
    if let limit = d.limit, let other = index.spec(limit.id) {
      let breaks = index.properties(limit.id, other.defaultParameters)?.first?.breakpoints ?? []
      let r = SampledCurve(other.primaryView, over: xRange, breakpoints: breaks)
      let legend = words.catalog(FunctionText.key(spec.id, "figure.family.limit.legend"), limit.legend)
      value.series.append(Series(legend, x: r.x, y: r.value, style: .dashed, color: .ink))
      derivative.series.append(Series("", x: r.x, y: r.d1, style: .dashed, color: .ink))
      extra = words.say("function.alt.separator")
        + words.catalog(FunctionText.key(spec.id, "figure.family.limit.sentence"), limit.sentence)
      limitID = [limit.id]
    }
    value.referenceLines += FigureStyle.zeroLine(value.y.range)
    derivative.referenceLines += FigureStyle.zeroLine(derivative.y.range)
    derivative.legend = .none

    let prime = spec.family.isLoss ? "∂L/∂\(variable)" : "f′"
    let facts = zip(members, names).compactMap { m, name in
      m.properties.map { FigureFacts.summary(name, $0, variable: variable, prime: prime, words: words) }
    }
    let valueList = words.list(members.map { FigureText.parameter($0.value) })
    var alt = words.say(
      "family.alt.lead",
      [
        "name": words.name(spec), "symbol": symbol, "values": valueList, "variable": variable,
        "from": FigureText.number(xRange.lowerBound), "to": FigureText.number(xRange.upperBound),
      ])
    if !facts.isEmpty {
      alt += words.say("family.alt.facts", ["facts": facts.joined(separator: words.say("family.alt.factSeparator"))])
    }
    alt += extra
    let caption = words.say(
      "family.caption",
      ["name": words.name(spec), "set": set, "note": words.catalog(FunctionText.key(spec.id, "figure.family.note"), d.note)])
    return ManualFigure(
      path: "figures/\(stem(spec.id, d.parameter)).png", kind: .family, functionIDs: [spec.id] + limitID,
      caption: caption, altText: alt,
      figure: Figure(
        panels: [value, derivative], columns: 2, size: .standard, title: words.say("family.title", ["name": words.name(spec), "set": set])))
  }

  // MARK: A loss against the probability of the true class

  /// The loss against p_t in (0, 1] for each value of the parameter: with
  /// y = 1, p_t = sigma(z), so the loss at p_t is the catalog's
  /// loss(z = logit(p_t), y = 1).
  static func trueClassProbability(
    _ spec: FunctionSpec, _ d: TrueClassProbabilityFigure, words: FigureWords = FigureWords(.english)
  ) -> ManualFigure? {
    guard let param = spec.parameters.first(where: { $0.name == d.parameter }),
      d.fixed.keys.allSatisfy({ name in spec.parameters.contains { $0.name == name } })
    else { return nil }
    let symbol = ViewNaming.symbol(param)
    let n = 1000
    let pt = (1...n).map { Double($0) / Double(n) }  // 0.001 ... 1
    var chart = Chart(
      title: "", x: Axis(words.say("trueClass.xAxis"), range: 0...1), y: Axis(words.say("trueClass.yAxis"), range: d.lossRange))
    var atNine: [String] = []
    var atOneTenth: [Double] = []
    for (k, v) in d.values.enumerated() {
      guard let p = try? spec.validateParameters(d.fixed.merging([d.parameter: v]) { $1 }) else { return nil }
      let views = spec.views(p)
      let view = views.first { v in v.fixed.contains { $0.name == "y" && $0.value == .real(1) } } ?? views[0]
      func loss(_ t: Double) -> Double {
        if t == 1 { return 0 }  // z = +∞: p_t = 1, no loss (the limit of every curve)
        return view.evaluate(log(t) - log1p(-t)).value
      }
      let (color, style) = FigureStyle.seriesStyle(k)
      let name = d.valueNames[v].map {
        words.say(
          "trueClass.valueNamed",
          [
            "symbol": symbol, "value": FigureText.parameter(v),
            "name": words.catalog(FunctionText.valueNameKey(spec.id, v), $0),
          ])
      } ?? "\(symbol) = \(FigureText.parameter(v))"
      chart.series.append(Series(name, x: pt, y: pt.map(loss), style: style, color: color))
      atNine.append(
        words.say("trueClass.alt.lossAt", ["loss": FigureText.number(loss(0.9)), "symbol": symbol, "value": FigureText.parameter(v)]))
      atOneTenth.append(loss(0.1))
    }
    chart.legend = .topRight
    let fixed = spec.parameters.filter { d.fixed[$0.name] != nil }
      .map { "\(ViewNaming.symbol($0)) = \(FigureText.parameter(d.fixed[$0.name]!))" }.joined(separator: ", ")
    let alt = words.say(
      "trueClass.alt.text",
      [
        "name": words.name(spec), "symbol": symbol, "values": words.list(d.values.map(FigureText.parameter)), "fixed": fixed,
        "cut": FigureText.number(d.lossRange.upperBound),
        "observation": words.catalog(FunctionText.key(spec.id, "figure.trueClassProbability.observation"), d.observation),
        "atNine": words.list(atNine),
        "low": FigureText.number(atOneTenth.min() ?? 0), "high": FigureText.number(atOneTenth.max() ?? 0),
      ])
    return ManualFigure(
      path: "figures/\(stem(spec.id, d.parameter)).png", kind: .family, functionIDs: [spec.id],
      caption: words.catalog(FunctionText.key(spec.id, "figure.trueClassProbability.caption"), d.caption), altText: alt,
      figure: Figure(
        panels: [chart], columns: 1, size: .standard,
        title: words.catalog(FunctionText.key(spec.id, "figure.trueClassProbability.title"), d.title)))
  }
}
