// MARK: - Text styles

/// A text role: pixel size at scale 1, weight and colour.
struct TextStyle {
  var size: Double
  var bold: Bool = false
  var color: ChartColor = .ink

  static let title = TextStyle(size: 16, bold: true)
  static let subtitle = TextStyle(size: 12.5, color: .gray)
  static let axisLabel = TextStyle(size: 13.5)
  static let tickLabel = TextStyle(size: 12)
  static let legend = TextStyle(size: 12.5)
  static let note = TextStyle(size: 12, color: ChartColor(hex: 0x444444))
}
