// MARK: - Annotation

/// A short text placed at data coordinates.
public struct Annotation: Sendable, Hashable {
  /// Where the text sits relative to its point.
  public enum Anchor: Sendable, Hashable {
    /// Text starts just right of the point.
    case left
    /// Text ends just left of the point.
    case right
    /// Text is centred on the point.
    case center
    /// Text is centred just above the point.
    case above
    /// Text is centred just below the point.
    case below
  }

  /// The text (one line).
  public var text: String
  /// Abscissa in data units.
  public var x: Double
  /// Ordinate in data units.
  public var y: Double
  /// Placement relative to the point.
  public var anchor: Anchor
  /// Text colour.
  public var color: ChartColor

  /// Creates an annotation.
  public init(
    _ text: String, x: Double, y: Double, anchor: Anchor = .left, color: ChartColor = .ink
  ) {
    self.text = text
    self.x = x
    self.y = y
    self.anchor = anchor
    self.color = color
  }
}
