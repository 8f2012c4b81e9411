// MARK: - Chart

/// One plot: axes, curves and their decorations. A plain value; rendering is
/// done by ``ChartRenderer`` (directly, or as a panel of a ``Figure``).
///
/// ```swift
/// var chart = Chart(title: "sigmoid", x: Axis("x", range: -6...6), y: Axis("σ(x)"))
/// chart.series = [Series("σ", sampling: { 1 / (1 + exp(-$0)) }, over: -6...6)]
/// chart.referenceLines = [.horizontal(0.5)]
/// let png = try renderPNG(Figure(chart))
/// ```
public struct Chart: Sendable, Hashable {
  /// Size in points when the chart is rendered alone (a panel takes its cell's size).
  public var size: ChartSize
  /// 1 for normal, 2 for high-DPI (every length doubles) when rendered alone.
  public var scale: Int
  /// Title above the plot ("" for none).
  public var title: String
  /// Smaller grey line under the title ("" for none).
  public var subtitle: String
  /// Horizontal axis.
  public var x: Axis
  /// Vertical axis.
  public var y: Axis
  /// Curves, drawn in order (later ones on top); series `i` takes palette colour `i`.
  public var series: [Series]
  /// Shaded x-intervals, drawn under everything else.
  public var bands: [Band]
  /// Vertical and horizontal reference lines, drawn under the curves.
  public var referenceLines: [ReferenceLine]
  /// Labelled dots, drawn over the curves.
  public var markers: [Marker]
  /// Short texts at data coordinates.
  public var annotations: [Annotation]
  /// Legend placement (only series with a non-empty name are listed).
  public var legend: LegendPlacement
  /// A function of two variables shown as colours over the plot, with a
  /// colour bar (drawn under everything else in the plot).
  public var heatMap: HeatMap? = nil
  /// A picture on the three-class simplex, drawn instead of x/y axes.
  public var ternary: TernaryPlot? = nil

  /// Creates a chart; everything but the axes can be filled in afterwards.
  public init(
    size: ChartSize = .standard, scale: Int = 1, title: String = "", subtitle: String = "",
    x: Axis = Axis(), y: Axis = Axis(), series: [Series] = [], bands: [Band] = [],
    referenceLines: [ReferenceLine] = [], markers: [Marker] = [], annotations: [Annotation] = [],
    legend: LegendPlacement = .automatic
  ) {
    self.size = size
    self.scale = scale
    self.title = title
    self.subtitle = subtitle
    self.x = x
    self.y = y
    self.series = series
    self.bands = bands
    self.referenceLines = referenceLines
    self.markers = markers
    self.annotations = annotations
    self.legend = legend
  }
}
