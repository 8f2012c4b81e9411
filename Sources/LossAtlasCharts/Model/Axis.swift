// MARK: - Axis

/// How an axis maps data to position.
public enum AxisScale: Sendable, Hashable {
  /// Equal steps of data are equal distances.
  case linear
  /// Equal ratios are equal distances; data <= 0 cannot be drawn and breaks
  /// a line like a NaN does.
  case log10
}

/// One axis of a ``Chart``: its label, range, scale and ticks.
public struct Axis: Sendable, Hashable {
  /// Axis title, drawn below the x axis or rotated left of the y axis ("" for none).
  public var label: String
  /// The data interval shown, or `nil` to fit the data with "nice" bounds.
  public var range: ClosedRange<Double>?
  /// Linear or base-10 logarithmic.
  public var scale: AxisScale
  /// Tick positions to use instead of the automatic ones (labels are still
  /// formatted by ``TickFormatter``); values outside the range are ignored.
  public var ticks: [Double]?
  /// Whether light grid lines are drawn at the major ticks.
  public var grid: Bool

  /// Creates an axis.
  public init(
    _ label: String = "", range: ClosedRange<Double>? = nil, scale: AxisScale = .linear,
    ticks: [Double]? = nil, grid: Bool = true
  ) {
    self.label = label
    self.range = range
    self.scale = scale
    self.ticks = ticks
    self.grid = grid
  }
}
