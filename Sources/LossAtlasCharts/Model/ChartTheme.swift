#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

// MARK: - ChartTheme

/// The colours a chart is painted in. Charts are described in light-theme
/// colours (``ChartColor``); a theme maps each of them to the colour drawn.
///
/// - ``light`` draws the model's colours as they are.
/// - ``dark`` draws on the manual's dark page colour (#16171A): the
///   neutrals are inverted (ink becomes light grey, the white paper dark),
///   the Okabe-Ito palette is lightened a quarter of the way to white so each
///   colour keeps its hue and has at least 4.5:1 contrast on the dark paper
///   (plain Okabe-Ito blue has 3.46:1, lightened 5.4:1), and any other colour is mapped by
///   ``darkVariant(of:)``.
///
/// The SVG writer writes both themes into every SVG (the dark one under
/// `@media (prefers-color-scheme: dark)`); the PNG renderer paints one.
/// Data colours of a colour map (heat maps, colour bars) are never mapped:
/// they encode values.
public struct ChartTheme: Sendable, Hashable {
  /// A short name (`light`, `dark`).
  public var name: String
  /// Colours mapped explicitly; every other colour goes through `fallback`.
  var table: [ChartColor: ChartColor]
  var isDark: Bool

  /// The model's colours, unchanged.
  public static let light = ChartTheme(name: "light", table: [:], isDark: false)

  /// Light-on-dark colours for pages in dark mode.
  public static let dark: ChartTheme = {
    var t: [ChartColor: ChartColor] = [
      .white: ChartTheme.darkPaper,
      .ink: ChartColor(hex: 0xE8E8EA),
      .gray: ChartColor(hex: 0xA6A6AE),
      .grid: ChartColor(hex: 0x2E2F34),
      ChartColor(hex: 0x444444): ChartColor(hex: 0xC9C9CF),  // notes
      ChartColor(hex: 0xBBBBBB): ChartColor(hex: 0x5A5B61),  // legend border
      ChartColor(hex: 0xAAAAAA): ChartColor(hex: 0x62636A),  // the y = 0 line
      ChartColor(hex: 0xD9D9D9): ChartColor(hex: 0x3B3C42),  // dead regions
      ChartColor(hex: 0xEDEDED): ChartColor(hex: 0x2A2B30),  // default band
    ]
    for c in ChartColor.palette where c != ChartColor(hex: 0x000000) {
      t[c] = c.mixed(with: .white, 0.25)
    }
    t[ChartColor(hex: 0x000000)] = ChartColor(hex: 0xE8E8EA)
    return ChartTheme(name: "dark", table: t, isDark: true)
  }()

  /// The dark theme's paper: the manual's dark page background.
  public static let darkPaper = ChartColor(hex: 0x16171A)

  /// The colour drawn for `c`.
  public func map(_ c: ChartColor) -> ChartColor {
    guard isDark else { return c }
    return table[c] ?? ChartTheme.darkVariant(of: c)
  }

  /// A colour for dark pages that plays the role `c` plays on white:
  /// lightness (HSL) is mirrored for near-white fills and near-black ink
  /// (a pale band becomes a dark tint of the same hue, dark text light),
  /// and colours in between (lines, markers) are lightened a quarter of the
  /// way to white, never darkened.
  public static func darkVariant(of c: ChartColor) -> ChartColor {
    let (h, s, l) = c.hsl
    if l >= 0.75 {
      // A tint of `hue` at (1 − l) of full strength over white becomes the
      // same strength over the dark paper.
      let strength = (1 - l) / 0.5
      let full = ChartColor(hue: h, saturation: s, lightness: 0.5)
      return darkPaper.mixed(with: full, min(1, strength))
    }
    if l <= 0.25 { return ChartColor(hue: h, saturation: s, lightness: 1 - l) }
    return c.mixed(with: .white, 0.25)
  }
}

// MARK: - Colour arithmetic

extension ChartColor {
  /// This colour moved `fraction` of the way to `other` (in sRGB, rounded).
  public func mixed(with other: ChartColor, _ fraction: Double) -> ChartColor {
    let f = min(max(fraction, 0), 1)
    func mix(_ a: UInt8, _ b: UInt8) -> UInt8 { UInt8((Double(a) + f * (Double(b) - Double(a))).rounded()) }
    return ChartColor(red: mix(red, other.red), green: mix(green, other.green), blue: mix(blue, other.blue))
  }

  /// Hue (0..<360), saturation and lightness (0...1) of the HSL model.
  var hsl: (hue: Double, saturation: Double, lightness: Double) {
    let r = Double(red) / 255
    let g = Double(green) / 255
    let b = Double(blue) / 255
    let hi = max(r, g, b)
    let lo = min(r, g, b)
    let l = (hi + lo) / 2
    let d = hi - lo
    guard d > 0 else { return (0, 0, l) }
    let s = d / (1 - abs(2 * l - 1))
    var h: Double
    if hi == r {
      h = ((g - b) / d).truncatingRemainder(dividingBy: 6)
    } else if hi == g {
      h = (b - r) / d + 2
    } else {
      h = (r - g) / d + 4
    }
    h *= 60
    if h < 0 { h += 360 }
    return (h, s, l)
  }

  /// The colour with the given HSL coordinates (hue in degrees).
  init(hue: Double, saturation: Double, lightness: Double) {
    let c = (1 - abs(2 * lightness - 1)) * saturation
    let hp = hue / 60
    let x = c * (1 - abs(hp.truncatingRemainder(dividingBy: 2) - 1))
    let (r1, g1, b1): (Double, Double, Double)
    switch hp {
    case ..<1: (r1, g1, b1) = (c, x, 0)
    case ..<2: (r1, g1, b1) = (x, c, 0)
    case ..<3: (r1, g1, b1) = (0, c, x)
    case ..<4: (r1, g1, b1) = (0, x, c)
    case ..<5: (r1, g1, b1) = (x, 0, c)
    default: (r1, g1, b1) = (c, 0, x)
    }
    let m = lightness - c / 2
    func byte(_ v: Double) -> UInt8 { UInt8(min(max(((v + m) * 255).rounded(), 0), 255)) }
    self.init(red: byte(r1), green: byte(g1), blue: byte(b1))
  }

  /// Relative luminance (WCAG 2.x): the sRGB channels linearised and weighted.
  public var luminance: Double {
    func linear(_ c: UInt8) -> Double {
      let v = Double(c) / 255
      return v <= 0.04045 ? v / 12.92 : pow((v + 0.055) / 1.055, 2.4)
    }
    return 0.2126 * linear(red) + 0.7152 * linear(green) + 0.0722 * linear(blue)
  }

  /// WCAG contrast ratio between two colours, 1...21.
  public func contrast(with other: ChartColor) -> Double {
    let a = luminance
    let b = other.luminance
    return (max(a, b) + 0.05) / (min(a, b) + 0.05)
  }

  /// `#rrggbb`.
  public var hexString: String {
    let digits = Array("0123456789abcdef")
    var s = "#"
    for c in [red, green, blue] {
      s.append(digits[Int(c >> 4)])
      s.append(digits[Int(c & 15)])
    }
    return s
  }
}
