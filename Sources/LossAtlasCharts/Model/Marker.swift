// MARK: - Marker

/// A dot at a data point with an optional label: a minimum, where zero is attained.
public struct Marker: Sendable, Hashable {
  /// Abscissa in data units.
  public var x: Double
  /// Ordinate in data units.
  public var y: Double
  /// Short text placed next to the dot where it overlaps nothing ("" for none).
  public var label: String
  /// Dot colour.
  public var color: ChartColor
  /// Dot radius in points.
  public var radius: Double

  /// Creates a marker.
  public init(
    x: Double, y: Double, label: String = "", color: ChartColor = .ink, radius: Double = 4
  ) {
    self.x = x
    self.y = y
    self.label = label
    self.color = color
    self.radius = radius
  }
}
