// MARK: - ChartSize

/// A size in points; pixels are points times the figure's scale.
public struct ChartSize: Sendable, Hashable {
  /// Width in points.
  public var width: Int
  /// Height in points.
  public var height: Int

  /// Creates a size.
  public init(width: Int, height: Int) {
    self.width = width
    self.height = height
  }

  /// 800 x 500, the manual's chart size.
  public static let standard = ChartSize(width: 800, height: 500)
}

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

// MARK: - Figure

/// One PNG holding one or more ``Chart`` panels in a grid, filled row by row.
///
/// The manual draws a function's value and derivative as two panels side by
/// side (`Figure(panels: [value, derivative])`), or three panels for a
/// comparison with a difference.
public struct Figure: Sendable, Hashable {
  /// The panels, left to right, then top to bottom.
  public var panels: [Chart]
  /// Panels per row (rows follow from the panel count).
  public var columns: Int
  /// Whole figure size in points; each panel gets an equal cell.
  public var size: ChartSize
  /// 1 for normal, 2 for high-DPI.
  public var scale: Int
  /// Title over all panels ("" for none).
  public var title: String

  /// A figure of panels in a grid (`columns` defaults to all in one row).
  public init(
    panels: [Chart], columns: Int? = nil, size: ChartSize = .standard, scale: Int = 1,
    title: String = ""
  ) {
    self.panels = panels
    self.columns = max(1, columns ?? panels.count)
    self.size = size
    self.scale = scale
    self.title = title
  }

  /// A figure of one chart, at the chart's own size and scale.
  public init(_ chart: Chart) {
    self.init(panels: [chart], columns: 1, size: chart.size, scale: chart.scale)
  }

  /// Number of panel rows.
  public var rows: Int { (panels.count + columns - 1) / columns }
}
