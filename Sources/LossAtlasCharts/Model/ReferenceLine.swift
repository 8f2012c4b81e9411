// MARK: - ReferenceLine

/// A thin straight line across the plot: a kink (vertical) or y = 0 (horizontal).
public struct ReferenceLine: Sendable, Hashable {
  /// Which way the line runs.
  public enum Orientation: Sendable, Hashable {
    /// The line x = value.
    case vertical
    /// The line y = value.
    case horizontal
  }

  /// Vertical or horizontal.
  public var orientation: Orientation
  /// Position in data units on the crossing axis.
  public var value: Double
  /// Short text drawn beside the line near the frame ("" for none).
  public var label: String
  /// Dashed (the default) or solid.
  public var dashed: Bool
  /// Line colour.
  public var color: ChartColor

  /// The vertical line `x = value`.
  public static func vertical(
    _ value: Double, label: String = "", dashed: Bool = true, color: ChartColor = .gray
  ) -> ReferenceLine {
    ReferenceLine(orientation: .vertical, value: value, label: label, dashed: dashed, color: color)
  }

  /// The horizontal line `y = value`.
  public static func horizontal(
    _ value: Double, label: String = "", dashed: Bool = true, color: ChartColor = .gray
  ) -> ReferenceLine {
    ReferenceLine(orientation: .horizontal, value: value, label: label, dashed: dashed, color: color)
  }
}
