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
