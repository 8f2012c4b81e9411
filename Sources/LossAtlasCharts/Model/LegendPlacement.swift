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
