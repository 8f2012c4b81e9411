// MARK: - ChartError

/// Why a chart could not be rendered. Every message names what to fix.
public enum ChartError: Error, Equatable, CustomStringConvertible {
  /// A font file is missing or unreadable.
  case fontNotFound(path: String)
  /// No DejaVu Sans was found where ``ChartFonts/located(_:isReadable:)`` looked.
  case fontsNotFound(searched: [String])
  /// A chart text has Chinese (CJK) characters and no CJK font was found
  /// (`tried`: the fallback files that were named or found, unreadable or
  /// without CJK glyphs; empty when none was).
  case cjkFontNotFound(text: String, tried: [String])
  /// Characters of a chart text that none of the fonts has a glyph for.
  case missingGlyphs(text: String, characters: [Unicode.Scalar], fonts: [String])
  /// FreeType (through libgd) could not draw or measure a text.
  case text(message: String, font: String)
  /// libgd returned NULL or failed (out of memory, bad size).
  case gd(operation: String)
  /// The chart or figure describes something that cannot be drawn.
  case invalidFigure(String)

  /// A one-sentence description.
  public var description: String {
    switch self {
    case .fontNotFound(let path):
      return "font file not found or unreadable: \(path) (\(ChartFonts.environmentVariable) names a folder holding "
        + "DejaVuSans.ttf and DejaVuSans-Bold.ttf, or a .ttf file; unset, the usual font folders are searched)"
    case .fontsNotFound(let searched):
      return "DejaVu Sans (DejaVuSans.ttf and DejaVuSans-Bold.ttf) not found; looked in "
        + searched.joined(separator: ", ")
        + ". Install it (Debian/Ubuntu: apt-get install fonts-dejavu-core; Fedora: dnf install dejavu-sans-fonts; "
        + "Alpine: apk add font-dejavu; Arch: pacman -S ttf-dejavu; macOS: brew install --cask font-dejavu) "
        + "or set \(ChartFonts.environmentVariable) to a folder holding both files or to a .ttf file"
    case .cjkFontNotFound(let text, let tried):
      let looked = tried.isEmpty
        ? "looked for " + ChartFonts.knownFallbacks.joined(separator: ", ")
          + " (\(ChartFonts.cjkVariable) not set)"
        : "tried " + tried.joined(separator: ", ") + " (unreadable or without CJK glyphs)"
      return "the chart text '\(text)' has Chinese characters and no CJK font was found; \(looked). "
        + "Install WenQuanYi Micro Hei (Debian/Ubuntu: apt-get install fonts-wqy-microhei, which `make deps` does; "
        + "Fedora: dnf install wqy-microhei-fonts; Arch: pacman -S wqy-microhei) "
        + "or set \(ChartFonts.cjkVariable) to a .ttf, .otf or .ttc file with CJK glyphs"
    case .missingGlyphs(let text, let characters, let fonts):
      let named = characters.map { "'\($0)' (U+" + String($0.value, radix: 16, uppercase: true) + ")" }
      return "no chart font has a glyph for " + named.joined(separator: ", ") + " in the chart text '\(text)'; fonts: "
        + fonts.joined(separator: ", ") + " (\(ChartFonts.cjkVariable) names another CJK font)"
    case .text(let message, let font):
      return "cannot draw text with font \(font): \(message)"
    case .gd(let operation):
      return "libgd failed in \(operation)"
    case .invalidFigure(let reason):
      return "invalid figure: \(reason)"
    }
  }
}
