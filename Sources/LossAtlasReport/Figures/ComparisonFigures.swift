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
  /// A comparison to draw: one row of value and derivative panels per
  /// group of functions.
  struct Definition {
    /// The file name's topic: `figures/compare-<topic>.png`.
    let topic: String
    let title: String
    /// The functions of each row, and the row's title ("" for one row).
    let rows: [(title: String, ids: [String], xRange: ClosedRange<Double>)]
    /// A fixed value axis where the shared automatic one would squash the
    /// curves the figure is about (margin losses: e^(−ys) and the squared
    /// hinge leave through the top so the hinge and logistic stay readable).
    var valueRange: ClosedRange<Double>? = nil
    /// The x-axis title and the variable's name in the alt text.
    let xLabel: String
    let variable: String
    /// The variable the losses are differentiated in (s for y·s with y = +1,
    /// ŷ = r for y = 0): ∂L/∂s, ∂L/∂r.
    var derivativeVariable: String { variable == "y·s" ? "s" : variable }
    let caption: String
    /// The y-axis titles where "f(x)" and "f′(x)" would misname the curves
    /// (the gated units at a = 1: f(1, b) and ∂f/∂b).
    var valueLabel: String? = nil
    var derivativeLabel: String? = nil

    var ids: [String] { rows.flatMap(\.ids) }
  }

  static let definitions: [Definition] = [
    Definition(
      topic: "margin-losses", title: "Margin losses",
      rows: [("", ["zero-one", "hinge", "squared-hinge", "logistic", "exponential"], -2...3)],
      valueRange: -0.15...4,
      xLabel: "margin y·s", variable: "y·s",
      caption: "Margin losses against the margin y·s (their view y = +1, where y·s = s): value (left) and derivative (right). "
        + "Hinge, squared hinge and zero-one are 0 beyond their margin; logistic and exponential only approach 0."),
    Definition(
      topic: "regression-losses", title: "Regression losses", rows: [("", ["mse", "mae", "huber", "log-cosh"], -3...3)],
      xLabel: "residual r = ŷ − y", variable: "r",
      caption: "Regression losses against the residual r = ŷ − y (their view y = 0), at default parameters: "
        + "value (left) and derivative (right)."),
    Definition(
      topic: "sigmoid-like", title: "Sigmoid-like activations",
      rows: [("", ["sigmoid", "tanh", "softsign", "hard-sigmoid", "hard-tanh"], -6...6)],
      xLabel: "x", variable: "x",
      caption: "Sigmoid-like activations: value (left) and derivative (right). The hard variants are piecewise linear "
        + "and their derivative is exactly 0 beyond their corners."),
    Definition(
      topic: "relu-like", title: "ReLU-like activations",
      rows: [
        ("ReLU variants", ["relu", "leaky-relu", "relu6", "elu", "selu"], -4...7),
        ("smooth + hard swish", ["gelu", "silu", "mish", "softplus", "hard-swish"], -4...4),
      ],
      xLabel: "x", variable: "x",
      caption: "ReLU-like activations at default parameters, value (left) and derivative (right): ReLU and its "
        + "piecewise variants (top), the smooth ones and hard swish, the piecewise approximation of SiLU (bottom)."),
    ShrinkComparison.figure, GLUComparison.figure, SoftmaxSparsemaxComparison.sliceFigure,
  ]

  /// One builder per comparison figure, in the manual's order.
  static func builders(_ index: AnalysisIndex) -> [@Sendable () -> ManualFigure?] {
    var out: [@Sendable () -> ManualFigure?] = definitions.map { d in { build(d, index) } }
    out.append { gelu(index) }
    out.append { SoftmaxSparsemaxComparison.simplexFigure(index) }
    out.append { CrossEntropyComparison.figure(index) }
    return out
  }

  // MARK: Shared-axes comparison

  static func build(_ d: Definition, _ index: AnalysisIndex) -> ManualFigure? {
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
      let prefix = row.title.isEmpty ? "" : "\(row.title): "
      var value = Chart(
        title: "\(prefix)value", x: Axis(d.xLabel, range: row.xRange),
        y: Axis(d.valueLabel ?? (isLoss ? "loss" : "f(x)"), range: valueRange))
      var derivative = Chart(
        title: "\(prefix)derivative", x: Axis(d.xLabel, range: row.xRange),
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
      facts += zip(row.ids, properties).map { FigureFacts.summary($0, $1, variable: d.variable, prime: prime) }
      cut += zip(row.ids, curves).filter { _, c in
        c.value.contains { $0.isFinite && !valueRange.contains($0) }
          || c.d1.contains { $0.isFinite && !derivativeRange.contains($0) }
      }.map(\.0)
    }
    let ranges = Set(d.rows.map { "\($0.xRange)" }).count == 1
      ? " from \(FigureText.number(d.rows[0].xRange.lowerBound)) to \(FigureText.number(d.rows[0].xRange.upperBound))"
      : ""
    var alt = "\(d.title) against \(d.variable)\(ranges), value and derivative, one colour per function"
      + (d.rows.count > 1 ? " (\(FigureText.list(d.rows.map { "\($0.title) (\(FigureText.list($0.ids)))" })))" : "")
      + ": " + facts.joined(separator: "; ") + "."
    if !cut.isEmpty { alt += " The curves of \(FigureText.list(cut)) leave the plot through its frame." }
    let size = ChartSize(width: 800, height: d.rows.count == 1 ? 500 : 860)
    return ManualFigure(
      path: "figures/compare-\(d.topic).png", kind: .comparison, functionIDs: d.ids, caption: d.caption, altText: alt,
      figure: Figure(panels: panels, columns: 2, size: size, title: d.title))
  }

  // MARK: gelu against gelu-tanh

  /// gelu and gelu-tanh on one panel, their difference (value and
  /// derivative, about 10⁻⁴ to 10⁻³) on its own panel and y-scale.
  static func gelu(_ index: AnalysisIndex) -> ManualFigure? {
    guard let exact = index.spec("gelu"), let approx = index.spec("gelu-tanh") else { return nil }
    let xRange = exact.primaryView.plotRange
    let a = SampledCurve(exact.primaryView, over: xRange, breakpoints: [])
    let b = SampledCurve(approx.primaryView, over: xRange, breakpoints: [])
    let dv = zip(a.value, b.value).map { $0 - $1 }
    let dd = zip(a.d1, b.d1).map { $0 - $1 }
    var values = Chart(title: "value", x: Axis("x", range: xRange), y: Axis("f(x)"))
    values.series = [
      Series("gelu (erf)", x: a.x, y: a.value, color: FigureStyle.seriesStyle(0).color),
      Series("gelu-tanh", x: b.x, y: b.value, style: .dashed, color: FigureStyle.seriesStyle(1).color),
    ]
    values.y.range = (RobustRange(a.gridValues) ?? RobustRange(lower: 0, upper: 1)).axisRange
    values.legend = .topLeft
    var diff = Chart(title: "difference gelu − gelu-tanh", x: Axis("x", range: xRange), y: Axis("difference"))
    diff.series = [
      Series("value", x: a.x, y: dv, color: FigureStyle.seriesStyle(2).color),
      Series("derivative", x: a.x, y: dd, style: .dashed, color: FigureStyle.seriesStyle(4).color),
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
    let alt = "gelu (erf form) and its tanh approximation for x from \(FigureText.number(xRange.lowerBound)) to "
      + "\(FigureText.number(xRange.upperBound)): on the left the two curves, indistinguishable; on the right their "
      + "difference on its own scale. The values differ by at most \(FigureText.number(abs(wv.value))) "
      + "(at x = \(FigureText.number(wv.x))), the derivatives by at most \(FigureText.number(abs(wd.value))) "
      + "(at x = \(FigureText.number(wd.x)))."
    return ManualFigure(
      path: "figures/compare-gelu-gelu-tanh.png", kind: .comparison, functionIDs: ["gelu", "gelu-tanh"],
      caption: "gelu against its tanh approximation (left) and their difference in value and derivative (right, "
        + "its own y-scale); differences are sampled at \(a.x.count) points.",
      altText: alt,
      figure: Figure(panels: [values, diff], columns: 2, size: .standard, title: "GELU: erf form against tanh approximation"))
  }
}
