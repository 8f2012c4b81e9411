// MARK: - ChartError

/// Why a chart could not be rendered. Every message names what to fix.
public enum ChartError: Error, Equatable, CustomStringConvertible {
  /// A font file is missing or unreadable.
  case fontNotFound(path: String)
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
      return "font file not found or unreadable: \(path) (install fonts-dejavu-core or set ChartFonts)"
    case .text(let message, let font):
      return "cannot draw text with font \(font): \(message)"
    case .gd(let operation):
      return "libgd failed in \(operation)"
    case .invalidFigure(let reason):
      return "invalid figure: \(reason)"
    }
  }
}
