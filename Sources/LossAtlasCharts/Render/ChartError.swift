// MARK: - ChartError

/// Why a chart could not be rendered. Every message names what to fix.
public enum ChartError: Error, Equatable, CustomStringConvertible {
  /// A font file is missing or unreadable.
  case fontNotFound(path: String)
  /// No DejaVu Sans was found where ``ChartFonts/located(_:isReadable:)`` looked.
  case fontsNotFound(searched: [String])
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
    case .text(let message, let font):
      return "cannot draw text with font \(font): \(message)"
    case .gd(let operation):
      return "libgd failed in \(operation)"
    case .invalidFigure(let reason):
      return "invalid figure: \(reason)"
    }
  }
}
