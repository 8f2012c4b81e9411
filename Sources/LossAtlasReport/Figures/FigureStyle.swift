import LossAtlasCharts

// MARK: - FigureStyle

/// Colours and sizes shared by the manual's figures.
///
/// Series take the Okabe-Ito palette of the charts layer in order; the
/// shaded regions use two fills that stay distinct from every series colour
/// and from each other in grey scale: saturation a pale orange, dead regions
/// a mid-light grey (darker than the grid lines, which stay visible on it).
enum FigureStyle {
  /// Fill of a saturation interval (|f′| < 1% of max |f′|).
  static let saturation = ChartColor.series(3).tint(0.22)
  /// Fill of a dead region (f′ exactly 0).
  static let dead = ChartColor(hex: 0xD9D9D9)
  /// The narrowest shaded region drawn, as a fraction of the x range: a
  /// half-width panel's plot is about 330 px wide at scale 1, so 0.5% is
  /// about 1.6 px, the least that reads as a band (huber at δ = 0.5 is
  /// saturated only for |r| < 0.005, 0.1% of its range).
  static let visibleBandFraction = 0.005
  /// Line width of a legend swatch that stands for a shaded region.
  static let swatchWidth = 8.0
  /// Points sampled per curve (plus two at each breakpoint).
  static let samples = 1201
  /// Palette indices for up to 14 series: the 7 strong Okabe-Ito colours
  /// solid, then again dashed (the yellow is too weak on white for a curve).
  static func seriesStyle(_ i: Int) -> (color: ChartColor, style: LineStyle) {
    (ChartColor.series(i % 7), i < 7 ? .solid : .dashed)
  }

  /// Width in points of a figure laid out for phones.
  static let narrowWidth = 480

  /// A figure laid out again for a phone: its panels stacked in one
  /// column, 480 points wide (about 300 per panel, 340 for a lone panel).
  ///
  /// An 800-point figure shown 358 CSS pixels wide (a 390-pixel phone less
  /// the page's margins) is scaled by 0.45, so 12-pixel tick labels read
  /// at 5.4 pixels; stacked at 480 points they read at 9 (× 0.75).
  static func narrow(_ f: Figure) -> Figure {
    let perPanel = f.panels.count == 1 ? 340 : 300
    let title = f.title.isEmpty ? 0 : 26
    return Figure(
      panels: f.panels, columns: 1, size: ChartSize(width: narrowWidth, height: title + perPanel * f.panels.count),
      scale: 1, title: f.title)
  }

  /// The line y = 0 (solid, light grey), when 0 lies strictly inside `range`.
  static func zeroLine(_ range: ClosedRange<Double>?) -> [ReferenceLine] {
    guard let r = range, r.lowerBound < 0, r.upperBound > 0 else { return [] }
    return [.horizontal(0, dashed: false, color: ChartColor(hex: 0xAAAAAA))]
  }

  /// A legend entry that shows a filled swatch instead of a line: an empty
  /// series drawn nowhere, listed with a thick stroke in the fill colour.
  static func swatch(_ name: String, _ color: ChartColor) -> Series {
    Series(name, x: [], y: [], color: color, width: swatchWidth)
  }
}
