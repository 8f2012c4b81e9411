import LossAtlasCharts

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

// MARK: - Example figures

/// Figures shaped like the manual's: used by the demo (to look at) and the
/// benchmark (to time). The functions are written inline here because the
/// charts layer knows nothing of the catalog.
public enum BenchFigures {
  static func sigmoid(_ x: Double) -> Double { x >= 0 ? 1 / (1 + exp(-x)) : exp(x) / (1 + exp(x)) }

  /// The floor-comparable chart: one panel, two 2001-point curves, ~20 labels.
  public static func floorComparable() -> Figure {
    var c = Chart(
      title: "sigmoid and its derivative", x: Axis("x", range: -6...6), y: Axis("value"))
    c.series = [
      Series("σ(x)", sampling: sigmoid, over: -6...6, count: 2001),
      Series("σ′(x)", sampling: { sigmoid($0) * (1 - sigmoid($0)) * 4 }, over: -6...6, count: 2001),
    ]
    return Figure(c)
  }

  /// Value and derivative as two panels, with saturation bands, a kink line and a marker.
  public static func valueAndDerivative(scale: Int = 1) -> Figure {
    let sat1 = Band(-.infinity, -4, label: "saturated", color: ChartColor.series(1).tint(0.12))
    let sat2 = Band(4, .infinity, label: "saturated", color: ChartColor.series(1).tint(0.12))
    var value = Chart(title: "sigmoid", subtitle: "σ(x) = 1 / (1 + e⁻ˣ)", x: Axis("x", range: -8...8), y: Axis("σ(x)"))
    value.series = [Series("σ(x)", sampling: sigmoid, over: -8...8, count: 1601)]
    value.bands = [sat1, sat2]
    value.referenceLines = [.horizontal(0.5, label: "σ(0) = 0.5"), .vertical(0, label: "x = 0")]
    value.markers = [Marker(x: 0, y: 0.5, label: "inflection")]
    value.legend = .none
    var derivative = Chart(title: "derivative", subtitle: "σ′(x) = σ(x) σ(−x)", x: Axis("x", range: -8...8), y: Axis("σ′(x)"))
    derivative.series = [Series("σ′(x)", sampling: { sigmoid($0) * sigmoid(-$0) }, over: -8...8, count: 1601, color: ChartColor.series(1))]
    derivative.bands = [sat1, sat2]
    derivative.markers = [Marker(x: 0, y: 0.25, label: "max 0.25")]
    derivative.legend = .none
    return Figure(panels: [value, derivative], scale: scale)
  }

  /// relu with a kink line, a dead region and a step-style derivative.
  public static func relu() -> Figure {
    var value = Chart(title: "relu", x: Axis("x", range: -3...3), y: Axis("relu(x)"))
    value.series = [Series("relu", x: [-3, 0, 3], y: [0, 0, 3])]
    value.bands = [Band(-.infinity, 0, label: "dead: gradient 0", color: ChartColor(hex: 0xEDEDED))]
    value.referenceLines = [.vertical(0, label: "kink")]
    value.legend = .none
    var d = Chart(title: "derivative", x: Axis("x", range: -3...3), y: Axis("relu′(x)", range: -0.1...1.1))
    d.series = [Series("relu′", x: [-3, 0, 3], y: [0, 1, 1], style: .step, color: ChartColor.series(1))]
    d.markers = [Marker(x: 0, y: 0, label: "relu′(0) = 0")]
    d.legend = .none
    return Figure(panels: [value, d])
  }

  /// Gradient through depth on a log axis, decaying from 1 to 1e-30.
  public static func depth() -> Figure {
    var c = Chart(
      title: "gradient through depth", subtitle: "median |∏ f′| over 1000 random paths",
      x: Axis("depth", range: 1...100), y: Axis("median |∏ f′|", scale: .log10))
    let depths = (1...100).map(Double.init)
    let rates: [(String, Double)] = [
      ("sigmoid", 0.5), ("tanh", 0.72), ("gelu", 0.85), ("silu", 0.9), ("elu", 0.97), ("leaky-relu", 0.995), ("relu", 1),
    ]
    c.series = rates.map { name, rate in
      Series(name, x: depths, y: depths.map { pow(rate, $0 - 1) * (name == "sigmoid" ? pow(0.5, ($0 - 1)) : 1) })
    }
    c.y.range = 1e-30...10
    return Figure(c)
  }

  /// A five-member parameter family with legend (huber delta).
  public static func family() -> Figure {
    var c = Chart(title: "huber loss", subtitle: "δ ∈ {0.5, 1, 2, 4} and mse/2", x: Axis("residual r", range: -5...5), y: Axis("loss"))
    func huber(_ d: Double) -> (Double) -> Double {
      { r in abs(r) <= d ? 0.5 * r * r : d * (abs(r) - 0.5 * d) }
    }
    c.series = [0.5, 1, 2, 4].map { d in Series("δ = \(d.formatted)", sampling: huber(d), over: -5...5, count: 801) }
    c.series.append(Series("½ r²", sampling: { 0.5 * $0 * $0 }, over: -5...5, count: 801, style: .dashed, color: .ink))
    c.y.range = 0...8
    c.referenceLines = [.vertical(1, label: "δ = 1")]
    return Figure(c)
  }

  /// gelu against gelu-tanh, with their difference on its own panel.
  public static func geluComparison() -> Figure {
    func phi(_ x: Double) -> Double { 0.5 * erfc(-x / 2.0.squareRoot()) }
    let gelu: (Double) -> Double = { $0 * phi($0) }
    let geluTanh: (Double) -> Double = { x in 0.5 * x * (1 + tanh((2 / Double.pi).squareRoot() * (x + 0.044715 * x * x * x))) }
    var a = Chart(title: "gelu vs gelu-tanh", x: Axis("x", range: -4...4), y: Axis("f(x)"))
    a.series = [Series("gelu (erf)", sampling: gelu, over: -4...4), Series("gelu-tanh", sampling: geluTanh, over: -4...4, style: .dashed)]
    var b = Chart(title: "difference", x: Axis("x", range: -4...4), y: Axis("gelu − gelu-tanh"))
    b.series = [Series("", sampling: { gelu($0) - geluTanh($0) }, over: -4...4, color: ChartColor.series(2))]
    b.referenceLines = [.horizontal(0)]
    return Figure(panels: [a, b])
  }

  /// Margin losses against y·s, with the margin band and non-finite data.
  public static func marginLosses() -> Figure {
    var c = Chart(title: "margin losses", x: Axis("margin y·s", range: -2...3), y: Axis("loss", range: 0...4))
    c.series = [
      Series("zero-one", x: [-2, 0, 0, 3], y: [1, 1, 0, 0], style: .solid),
      Series("hinge", sampling: { max(0, 1 - $0) }, over: -2...3),
      Series("squared hinge", sampling: { let h = max(0, 1 - $0); return h * h }, over: -2...3),
      Series("logistic", sampling: { log1p(exp(-$0)) / log(2) }, over: -2...3),
      Series("exponential", sampling: { exp(-$0) }, over: -2...3),
    ]
    c.bands = [Band(0, 1, label: "margin", color: ChartColor.series(2).tint(0.12))]
    c.markers = [Marker(x: 1, y: 0, label: "hinge = 0 from here")]
    return Figure(c)
  }

  /// Edge cases: NaN gap, values far beyond the range, a tiny range, large numbers.
  public static func edgeCases() -> Figure {
    var a = Chart(title: "log(x) with a NaN gap", x: Axis("x", range: -1...3), y: Axis("y", range: -3...2))
    a.series = [Series("log x", sampling: { x in x > 1.2 && x < 1.5 ? .nan : log(x) }, over: -1...3)]
    a.annotations = [Annotation("NaN here", x: 1.35, y: 1, anchor: .center)]
    var b = Chart(title: "tiny range", x: Axis("x", range: (1 - 1e-12)...(1 + 1e-12)), y: Axis("y ×10⁶"))
    b.series = [Series("", sampling: { ($0 - 1) * 1e18 }, over: (1 - 1e-12)...(1 + 1e-12))]
    var c = Chart(title: "1/x clipped", x: Axis("x", range: -2...2), y: Axis("1/x", range: -10...10))
    c.series = [Series("", sampling: { 1 / $0 }, over: -2...2, count: 2001)]  // x = 0 gives ±inf: a gap
    var d = Chart(title: "large values", x: Axis("x", range: 0...1), y: Axis("e^(40x)"))
    d.series = [Series("", sampling: { exp(40 * $0) }, over: 0...1)]
    return Figure(panels: [a, b, c, d], columns: 2, size: ChartSize(width: 900, height: 650))
  }

  /// All example figures with a file name each.
  public static func examples() -> [(String, Figure)] {
    [
      ("floor-comparable", floorComparable()), ("sigmoid", valueAndDerivative()),
      ("sigmoid-2x", valueAndDerivative(scale: 2)), ("relu", relu()), ("depth", depth()),
      ("huber-family", family()), ("gelu", geluComparison()), ("margin", marginLosses()),
      ("edge-cases", edgeCases()),
    ]
  }

  /// A set of `count` typical manual figures (cycling through the examples
  /// at scale 1), for the parallel benchmark.
  public static func manualSet(count: Int = 50) -> [Figure] {
    let base = examples().filter { !$0.0.hasSuffix("-2x") }.map(\.1)
    return (0..<count).map { base[$0 % base.count] }
  }
}

extension Double {
  /// Shortest text for the demo's parameter values (0.5, 1, 2).
  var formatted: String { self == rounded() ? String(Int(self)) : String(self) }
}
