import LossAtlasAnalysis
import LossAtlasCharts
import LossAtlasCore

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

// MARK: - ComparisonFigures

/// Several functions on shared axes (`figures/compare-<topic>.png`): value
/// and derivative of each function's primary view, side by side; and gelu
/// against its tanh approximation with their difference on its own panel.
enum ComparisonFigures {
  /// The file name without extension of the comparison figure on `topic`
  /// (`figures/compare-<topic>.png`).
  static func stem(_ topic: String) -> String { "compare-\(topic)" }

  /// The topic of gelu against gelu-tanh (`figures/compare-gelu-gelu-tanh.png`).
  static let geluTopic = "gelu-gelu-tanh"

  /// A comparison to draw: one row of value and derivative panels per
  /// group of functions. Its words (title, x-axis title, caption, row
  /// titles) are the strings tables' `figure.compare.<topic>.*`.
  struct Definition {
    /// The file name's topic: `figures/compare-<topic>.png`.
    let topic: String
    /// The functions of each row, and the row's title key (`figure.compare.<topic>.row.<key>`;
    /// "" for one row).
    let rows: [(title: String, ids: [String], xRange: ClosedRange<Double>)]
    /// A fixed value axis where the shared automatic one would squash the
    /// curves the figure is about (margin losses: e^(−ys) and the squared
    /// hinge leave through the top so the hinge and logistic stay readable).
    var valueRange: ClosedRange<Double>? = nil
    /// The variable's name in the alt text.
    let variable: String
    /// The variable the losses are differentiated in (s for y·s with y = +1,
    /// ŷ = r for y = 0): ∂L/∂s, ∂L/∂r.
    var derivativeVariable: String { variable == "y·s" ? "s" : variable }
    /// The y-axis titles where "f(x)" and "f′(x)" would misname the curves
    /// (the gated units at a = 1: f(1, b) and ∂f/∂b).
    var valueLabel: String? = nil
    var derivativeLabel: String? = nil

    var ids: [String] { rows.flatMap(\.ids) }
  }

  static let definitions: [Definition] = [
    Definition(
      topic: "margin-losses",
      rows: [("", ["zero-one", "hinge", "squared-hinge", "logistic", "exponential"], -2...3)],
      valueRange: -0.15...4, variable: "y·s"),
    Definition(topic: "regression-losses", rows: [("", ["mse", "mae", "huber", "log-cosh"], -3...3)], variable: "r"),
    Definition(
      topic: "sigmoid-like", rows: [("", ["sigmoid", "tanh", "softsign", "hard-sigmoid", "hard-tanh"], -6...6)],
      variable: "x"),
    Definition(
      topic: "relu-like",
      rows: [
        ("variants", ["relu", "leaky-relu", "relu6", "elu", "selu"], -4...7),
        ("smooth", ["gelu", "silu", "mish", "softplus", "hard-swish"], -4...4),
      ],
      variable: "x"),
    Definition(topic: "shrink", rows: [("", ["hardshrink", "softshrink", "tanhshrink"], -3...3)], variable: "x"),
    Definition(
      topic: "glu-variants", rows: [("", ["glu", "reglu", "geglu", "swiglu"], -4...4)], variable: "b",
      valueLabel: "f(1, b)", derivativeLabel: "∂f/∂b"),
    SoftmaxSparsemaxComparison.sliceFigure,
  ]

  /// One builder per comparison figure, in the manual's order.
  static func builders(_ index: AnalysisIndex, words: FigureWords = FigureWords(.english)) -> [@Sendable () -> ManualFigure?] {
    var out: [@Sendable () -> ManualFigure?] = definitions.map { d in { build(d, index, words: words) } }
    out.append { gelu(index, words: words) }
    // The comparison pages' own figures (issue 10 section 2).
    out.append { SoftmaxSparsemaxComparison.simplexFigure(index, words: words) }
    out.append { CrossEntropyComparison.figure(index, words: words) }
    return out
  }

  // MARK: Shared-axes comparison

  static func build(_ d: Definition, _ index: AnalysisIndex, words: FigureWords = FigureWords(.english)) -> ManualFigure? {
    func say(_ key: String, _ values: [String: String] = [:]) -> String { words.say("compare." + key, values) }
    let title = say("\(d.topic).title")
    let xLabel = say("\(d.topic).xLabel")
    func rowTitle(_ key: String) -> String { say("\(d.topic).row.\(key)") }
    var panels: [Chart] = []
    var facts: [String] = []
    var cut: [String] = []
    var isLoss = false
    for row in d.rows {
      var curves: [SampledCurve] = []
      var properties: [ViewProperties] = []
      for id in row.ids {
        guard let spec = index.spec(id), let props = index.properties(id, spec.defaultParameters)?.first else {
          return nil
        }
        isLoss = spec.family.isLoss
        properties.append(props)
        curves.append(SampledCurve(spec.primaryView, over: row.xRange, breakpoints: props.breakpoints))
      }
      let valueRange = d.valueRange ?? RobustRange.consensus(curves.compactMap { RobustRange($0.gridValues) }).axisRange
      let derivativeRange = RobustRange.consensus(curves.compactMap { RobustRange($0.gridD1) }).axisRange
      func panel(_ what: String) -> String {
        row.title.isEmpty ? what : say("panelTitle", ["row": rowTitle(row.title), "panel": what])
      }
      var value = Chart(
        title: panel(words.say("panel.value")), x: Axis(xLabel, range: row.xRange),
        y: Axis(d.valueLabel ?? (isLoss ? say("loss") : "f(x)"), range: valueRange))
      var derivative = Chart(
        title: panel(words.say("panel.derivative")), x: Axis(xLabel, range: row.xRange),
        y: Axis(d.derivativeLabel ?? (isLoss ? "∂L/∂\(d.derivativeVariable)" : "f′(x)"), range: derivativeRange))
      for (k, c) in curves.enumerated() {
        let (color, style) = FigureStyle.seriesStyle(k)
        value.series.append(Series(row.ids[k], x: c.x, y: c.value, style: style, color: color))
        derivative.series.append(Series("", x: c.x, y: c.d1, style: style, color: color))
      }
      value.referenceLines = FigureStyle.zeroLine(valueRange)
      derivative.referenceLines = FigureStyle.zeroLine(derivativeRange)
      derivative.legend = .none
      panels += [value, derivative]
      let prime = d.derivativeLabel ?? (isLoss ? "∂L/∂\(d.derivativeVariable)" : "f′")
      facts += zip(row.ids, properties).map { FigureFacts.summary($0, $1, variable: d.variable, prime: prime, words: words) }
      cut += zip(row.ids, curves).filter { _, c in
        c.value.contains { $0.isFinite && !valueRange.contains($0) }
          || c.d1.contains { $0.isFinite && !derivativeRange.contains($0) }
      }.map(\.0)
    }
    let oneRange = Set(d.rows.map { "\($0.xRange)" }).count == 1
    let several = d.rows.count > 1
    var values = [
      "title": title, "variable": d.variable, "facts": facts.joined(separator: say("alt.factSeparator")),
      "from": FigureText.number(d.rows[0].xRange.lowerBound), "to": FigureText.number(d.rows[0].xRange.upperBound),
    ]
    if several {
      values["rows"] = words.list(d.rows.map { say("alt.row", ["title": rowTitle($0.title), "ids": words.list($0.ids)]) })
    }
    var alt = say("alt." + (oneRange ? "leadRange" : "lead") + (several ? "Rows" : ""), values)
    if !cut.isEmpty { alt += say("alt.cut", ["ids": words.list(cut)]) }
    let size = ChartSize(width: 800, height: d.rows.count == 1 ? 500 : 860)
    return ManualFigure(
      path: "figures/\(stem(d.topic)).png", kind: .comparison, functionIDs: d.ids,
      caption: say("\(d.topic).caption", captionParameters(d.ids, index)),
      altText: alt, figure: Figure(panels: panels, columns: 2, size: size, title: title))
  }

  /// The parameters the figure draws its functions at (their defaults), as
  /// the caption's `{<parameter>}` placeholders (the shrink figure's
  /// `{lambda}` is "0.5"): a caption never types a number the figure may
  /// not use. A parameter that two of the functions take at different
  /// values is left out, so its placeholder stays visible ("{lambda}")
  /// rather than print one function's value for both (ShrinkCaptionTests).
  static func captionParameters(_ ids: [String], _ index: AnalysisIndex) -> [String: String] {
    var values: [String: Double] = [:]
    var differing = Set<String>()
    for id in ids {
      guard let spec = index.spec(id) else { continue }
      for (name, v) in spec.defaultParameters.values {
        if let seen = values[name], seen != v { differing.insert(name) }
        values[name] = v
      }
    }
    return values.filter { !differing.contains($0.key) }.mapValues(FigureText.parameter)
  }

  // MARK: gelu against gelu-tanh

  /// gelu and gelu-tanh on one panel, their difference (value and
  /// derivative, about 10⁻⁴ to 10⁻³) on its own panel and y-scale.
  static func gelu(_ index: AnalysisIndex, words: FigureWords = FigureWords(.english)) -> ManualFigure? {
    func say(_ key: String, _ values: [String: String] = [:]) -> String { words.say("compare.gelu." + key, values) }
    guard let exact = index.spec("gelu"), let approx = index.spec("gelu-tanh") else { return nil }
    let xRange = exact.primaryView.plotRange
    let a = SampledCurve(exact.primaryView, over: xRange, breakpoints: [])
    let b = SampledCurve(approx.primaryView, over: xRange, breakpoints: [])
    let dv = zip(a.value, b.value).map { $0 - $1 }
    let dd = zip(a.d1, b.d1).map { $0 - $1 }
    var values = Chart(title: words.say("panel.value"), x: Axis("x", range: xRange), y: Axis("f(x)"))
    values.series = [
      Series(say("erfSeries"), x: a.x, y: a.value, color: FigureStyle.seriesStyle(0).color),
      Series("gelu-tanh", x: b.x, y: b.value, style: .dashed, color: FigureStyle.seriesStyle(1).color),
    ]
    values.y.range = (RobustRange(a.gridValues) ?? RobustRange(lower: 0, upper: 1)).axisRange
    values.legend = .topLeft
    var diff = Chart(title: say("differenceTitle"), x: Axis("x", range: xRange), y: Axis(say("differenceAxis")))
    diff.series = [
      Series(words.say("panel.value"), x: a.x, y: dv, color: FigureStyle.seriesStyle(2).color),
      Series(words.say("panel.derivative"), x: a.x, y: dd, style: .dashed, color: FigureStyle.seriesStyle(4).color),
    ]
    diff.y.range = RobustRange.consensus([RobustRange(dv), RobustRange(dd)].compactMap { $0 }).axisRange
    diff.referenceLines = FigureStyle.zeroLine(diff.y.range)
    func worst(_ d: [Double]) -> (value: Double, x: Double) {
      var k = 0
      for i in d.indices where abs(d[i]) > abs(d[k]) { k = i }
      return (d[k], a.x[k])
    }
    let wv = worst(dv)
    let wd = worst(dd)
    let alt = say(
      "alt",
      [
        "from": FigureText.number(xRange.lowerBound), "to": FigureText.number(xRange.upperBound),
        "valueDifference": FigureText.number(abs(wv.value)), "valueAt": FigureText.number(wv.x),
        "derivativeDifference": FigureText.number(abs(wd.value)), "derivativeAt": FigureText.number(wd.x),
      ])
    return ManualFigure(
      path: "figures/\(stem(geluTopic)).png", kind: .comparison, functionIDs: ["gelu", "gelu-tanh"],
      caption: say("caption", ["count": String(a.x.count)]),
      altText: alt,
      figure: Figure(panels: [values, diff], columns: 2, size: .standard, title: say("title")))
  }
}
