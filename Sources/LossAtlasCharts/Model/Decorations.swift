// MARK: - Band

/// A shaded vertical strip over an x-interval: a saturation region, a dead
/// region, the margin of a margin loss.
///
/// Either bound may be infinite: the band then runs to the frame.
public struct Band: Sendable, Hashable {
  /// Left end in data units.
  public var lower: Double
  /// Right end in data units.
  public var upper: Double
  /// Short text drawn at the top of the band, if it fits ("" for none).
  public var label: String
  /// Fill colour, used as is (choose a pale one, e.g. `ChartColor.series(1).tint(0.15)`).
  public var color: ChartColor

  /// Creates a band over `lower...upper`.
  public init(
    _ lower: Double, _ upper: Double, label: String = "",
    color: ChartColor = ChartColor(hex: 0xEDEDED)
  ) {
    self.lower = min(lower, upper)
    self.upper = max(lower, upper)
    self.label = label
    self.color = color
  }
}

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

// MARK: - Legend

/// Where the legend box goes.
public enum LegendPlacement: Sendable, Hashable {
  /// Inside the plot where it covers the least drawn data (ties: top right,
  /// top left, bottom right, bottom left, then the edge centres).
  case automatic
  /// Inside the plot, top-left corner.
  case topLeft
  /// Inside the plot, top-right corner.
  case topRight
  /// Inside the plot, bottom-left corner.
  case bottomLeft
  /// Inside the plot, bottom-right corner.
  case bottomRight
  /// No legend.
  case none
}
