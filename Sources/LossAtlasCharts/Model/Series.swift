// MARK: - Series

/// How a series' line is stroked.
public enum LineStyle: Sendable, Hashable {
  /// A continuous line through the points.
  case solid
  /// A dashed line through the points (dash and gap scale with the width).
  case dashed
  /// A staircase: horizontal from each point to the next x, then vertical.
  case step
}

/// One curve of a ``Chart``: points given as two parallel arrays.
///
/// A non-finite `x` or `y` (NaN, +-infinity), or a value <= 0 on a log axis,
/// breaks the line: the points on either side are not joined. Values beyond
/// the axis range are drawn up to the frame and cut there.
public struct Series: Sendable, Hashable {
  /// Legend entry ("" keeps the series out of the legend).
  public var name: String
  /// Abscissae, same count as `y`.
  public var x: [Double]
  /// Ordinates, same count as `x`.
  public var y: [Double]
  /// Solid, dashed or step.
  public var style: LineStyle
  /// Explicit colour, or `nil` for the palette colour of the series' index.
  public var color: ChartColor?
  /// Line width in points (pixels at scale 1); at least 2 is recommended.
  public var width: Double

  /// Creates a series from parallel coordinate arrays.
  public init(
    _ name: String, x: [Double], y: [Double], style: LineStyle = .solid,
    color: ChartColor? = nil, width: Double = 2
  ) {
    self.name = name
    self.x = x
    self.y = y
    self.style = style
    self.color = color
    self.width = width
  }

  /// Creates a series by sampling `f` at `count` evenly spaced points of `domain`
  /// (both ends included; `x_i = lower + i * (upper - lower) / (count - 1)`).
  public init(
    _ name: String, sampling f: (Double) -> Double, over domain: ClosedRange<Double>,
    count: Int = 1001, style: LineStyle = .solid, color: ChartColor? = nil, width: Double = 2
  ) {
    let n = max(count, 2)
    let step = (domain.upperBound - domain.lowerBound) / Double(n - 1)
    // Each x is computed from its index, not accumulated, so the last is exact.
    let xs = (0..<n).map { i in i == n - 1 ? domain.upperBound : domain.lowerBound + Double(i) * step }
    self.init(name, x: xs, y: xs.map(f), style: style, color: color, width: width)
  }
}
