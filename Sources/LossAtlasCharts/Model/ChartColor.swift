// MARK: - ChartColor

/// An opaque sRGB colour, 8 bits per channel.
///
/// Charts are drawn on a light background with opaque colours only: a shaded
/// band is a pale tint computed once (``tint(_:)``), not a translucent fill,
/// so every pixel of a chart is one of a small, known set of colours.
public struct ChartColor: Sendable, Hashable {
  /// Red channel, 0...255.
  public var red: UInt8
  /// Green channel, 0...255.
  public var green: UInt8
  /// Blue channel, 0...255.
  public var blue: UInt8

  /// Creates a colour from its three 8-bit channels.
  public init(red: UInt8, green: UInt8, blue: UInt8) {
    self.red = red
    self.green = green
    self.blue = blue
  }

  /// Creates a colour from a 24-bit `0xRRGGBB` literal.
  public init(hex: UInt32) {
    self.init(
      red: UInt8((hex >> 16) & 0xFF), green: UInt8((hex >> 8) & 0xFF), blue: UInt8(hex & 0xFF))
  }

  /// This colour mixed with white: `fraction` 0 gives white, 1 the colour itself.
  ///
  /// Used for band fills, which must stay light enough for curves and text
  /// drawn over them to keep their contrast.
  public func tint(_ fraction: Double) -> ChartColor {
    let f = min(max(fraction, 0), 1)
    func mix(_ c: UInt8) -> UInt8 { UInt8((255 - f * (255 - Double(c))).rounded()) }
    return ChartColor(red: mix(red), green: mix(green), blue: mix(blue))
  }
}

// MARK: - Palette

extension ChartColor {
  /// The Okabe-Ito colour-blind-safe palette (Okabe & Ito 2008), reordered so
  /// the first colours have the most contrast on white: blue, vermillion,
  /// bluish green, orange, reddish purple, sky blue, black, yellow.
  ///
  /// Series take `palette[index % palette.count]` unless they name a colour.
  ///
  /// [Okabe-Ito]: https://jfly.uni-koeln.de/color/
  public static let palette: [ChartColor] = [
    ChartColor(hex: 0x0072B2),  // blue
    ChartColor(hex: 0xD55E00),  // vermillion
    ChartColor(hex: 0x009E73),  // bluish green
    ChartColor(hex: 0xE69F00),  // orange
    ChartColor(hex: 0xCC79A7),  // reddish purple
    ChartColor(hex: 0x56B4E9),  // sky blue
    ChartColor(hex: 0x000000),  // black
    ChartColor(hex: 0xF0E442),  // yellow (weak on white: last on purpose)
  ]

  /// The palette colour for a series index (wraps around).
  public static func series(_ index: Int) -> ChartColor {
    let n = palette.count
    return palette[((index % n) + n) % n]
  }

  /// White, the background.
  public static let white = ChartColor(hex: 0xFFFFFF)
  /// Near-black used for text, the frame and markers.
  public static let ink = ChartColor(hex: 0x222222)
  /// Mid grey used for reference lines and secondary text.
  public static let gray = ChartColor(hex: 0x666666)
  /// Light grey used for grid lines.
  public static let grid = ChartColor(hex: 0xE6E6E6)
}
