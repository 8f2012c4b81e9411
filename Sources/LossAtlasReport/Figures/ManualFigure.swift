import LossAtlasCharts

// MARK: - ManualFigure

/// One figure of the manual: where it goes, what it says, and what to draw.
///
/// Built by ``ManualFigures`` from the catalog and the analyses of the same
/// run; every number in `caption` and `altText` comes from those analyses
/// (or from evaluating the catalog), none is typed.
public struct ManualFigure: Sendable, Hashable {
  /// What kind of figure this is (the manual groups them by kind).
  public enum Kind: String, Sendable, Hashable, CaseIterable {
    /// One function's value and derivative (`figures/<id>.png`).
    case function
    /// One parameter of one function swept (`figures/family-<id>-<param>.png`).
    case family
    /// Several functions on shared axes (`figures/compare-<topic>.png`).
    case comparison
    /// Gradient through depth (`figures/depth.png`).
    case depth
    /// Where a function's value rounds to its limit (`figures/precision-<id>.png`).
    case precision
    /// A function of two arguments as a heat map (`figures/<id>-surface.png`).
    case surface
  }

  /// The PNG's path relative to the manual's root, e.g. `figures/sigmoid.png`.
  public let path: String
  public let kind: Kind
  /// The catalog ids the figure draws, in drawing order.
  public let functionIDs: [String]
  /// One or two sentences for under the figure.
  public let caption: String
  /// A description of what the figure shows, with its key numbers, for
  /// readers who cannot see it (the HTML `alt`, the Markdown image text).
  public let altText: String
  /// The figure to render.
  public let figure: Figure

  public init(
    path: String, kind: Kind, functionIDs: [String], caption: String, altText: String, figure: Figure
  ) {
    self.path = path
    self.kind = kind
    self.functionIDs = functionIDs
    self.caption = caption
    self.altText = altText
    self.figure = figure
  }

  /// The PNG bytes (deterministic: the same figure gives the same bytes).
  public func png(renderer: ChartRenderer = ChartRenderer()) throws -> [UInt8] {
    try renderer.renderPNG(figure)
  }

  /// The SVG's path beside the PNG (`figures/<stem>.svg`): the same
  /// layout as vectors, following the reader's light or dark scheme; the
  /// HTML shows it and keeps the PNG as the fallback.
  public var svgPath: String { String(path.dropLast(4)) + ".svg" }

  /// The path of the narrow SVG for phones (`figures/<stem>-narrow.svg`).
  public var narrowSVGPath: String { String(path.dropLast(4)) + "-narrow.svg" }

  /// The figure laid out for a phone (see ``FigureStyle/narrow(_:)``).
  public var narrowFigure: Figure { FigureStyle.narrow(figure) }

  /// This figure drawn at another scale (1, or 2 for high-DPI).
  public func scaled(_ scale: Int) -> ManualFigure {
    var f = figure
    f.scale = scale
    return ManualFigure(path: path, kind: kind, functionIDs: functionIDs, caption: caption, altText: altText, figure: f)
  }
}

// MARK: - FigureError

/// Why a figure cannot be built.
public struct FigureError: Error, Sendable, Equatable, CustomStringConvertible {
  public let description: String

  public init(_ description: String) { self.description = description }
}
