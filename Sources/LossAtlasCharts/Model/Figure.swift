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
