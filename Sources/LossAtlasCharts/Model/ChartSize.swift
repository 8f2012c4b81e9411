// MARK: - ChartSize

/// A size in points; pixels are points times the figure's scale.
public struct ChartSize: Sendable, Hashable {
  /// Width in points.
  public var width: Int
  /// Height in points.
  public var height: Int

  /// Creates a size.
  public init(width: Int, height: Int) {
    self.width = width
    self.height = height
  }

  /// 800 x 500, the manual's chart size.
  public static let standard = ChartSize(width: 800, height: 500)
}
