// MARK: - HeatMap

/// A function of two variables as colours over the plot, with a colour bar
/// beside it and optional contour lines: the value of a gated unit f(a, b)
/// over a grid of (a, b), say.
///
/// The grid covers `x` by `y` in `columns` by `rows` equal cells; each cell
/// is painted in the colour of its value (nearest of the map's 256; a
/// non-finite value leaves the cell in the paper colour). Contour lines at
/// `contours` are traced through the cell centres (marching squares) and
/// marked on the colour bar.
///
/// ```swift
/// var c = Chart(title: "a · silu(b)", x: Axis("b"), y: Axis("a"))
/// c.heatMap = HeatMap(x: -4...4, y: -4...4, columns: 160, rows: 160, label: "f(a, b)",
///                     contours: [-2, -1, 0, 1, 2]) { b, a in a * b / (1 + exp(-b)) }
/// ```
public struct HeatMap: Sendable, Hashable {
  /// The extents the grid covers (cell edges), in data units.
  public var x: ClosedRange<Double>
  public var y: ClosedRange<Double>
  /// Cells across and up.
  public var columns: Int
  public var rows: Int
  /// Values row by row from the bottom (`y.lowerBound`) up, each row left
  /// to right; `columns * rows` of them.
  public var values: [Double]
  /// The colour map (default viridis).
  public var colorMap: ColorMap
  /// The values at the two ends of the map, or nil for the least and
  /// greatest finite value.
  public var range: ClosedRange<Double>?
  /// The colour bar's title ("" for none).
  public var label: String
  /// Values at which contour lines are drawn (none by default).
  public var contours: [Double]

  /// A heat map of given values.
  public init(
    x: ClosedRange<Double>, y: ClosedRange<Double>, columns: Int, rows: Int, values: [Double], label: String = "",
    colorMap: ColorMap = .viridis, range: ClosedRange<Double>? = nil, contours: [Double] = []
  ) {
    self.x = x
    self.y = y
    self.columns = columns
    self.rows = rows
    self.values = values
    self.label = label
    self.colorMap = colorMap
    self.range = range
    self.contours = contours
  }

  /// A heat map of `f(x, y)` sampled at the centre of each cell:
  /// `x_i = x.lower + (i + ½)(x.upper − x.lower) / columns`, likewise y.
  public init(
    x: ClosedRange<Double>, y: ClosedRange<Double>, columns: Int, rows: Int, label: String = "",
    colorMap: ColorMap = .viridis, range: ClosedRange<Double>? = nil, contours: [Double] = [],
    sampling f: (Double, Double) -> Double
  ) {
    let c = max(columns, 1)
    let r = max(rows, 1)
    var v: [Double] = []
    v.reserveCapacity(c * r)
    for j in 0..<r {
      let yj = y.lowerBound + (Double(j) + 0.5) * (y.upperBound - y.lowerBound) / Double(r)
      for i in 0..<c {
        v.append(f(x.lowerBound + (Double(i) + 0.5) * (x.upperBound - x.lowerBound) / Double(c), yj))
      }
    }
    self.init(x: x, y: y, columns: c, rows: r, values: v, label: label, colorMap: colorMap, range: range, contours: contours)
  }

  /// The values mapped to the ends of the colour map.
  public var valueRange: ClosedRange<Double> {
    if let range { return range }
    let finite = values.filter(\.isFinite)
    guard let lo = finite.min(), let hi = finite.max() else { return 0...1 }
    return lo < hi ? lo...hi : (lo - 1)...(hi + 1)
  }

  /// The colour of a value (nil for a non-finite one).
  public func color(of v: Double) -> ChartColor? {
    guard v.isFinite else { return nil }
    let r = valueRange
    return colorMap.color(at: (v - r.lowerBound) / (r.upperBound - r.lowerBound))
  }
}
