import LossAtlasCharts

// MARK: - FigureFiles

/// The files of one figure: the PNG (Markdown and the HTML's fallback),
/// and for the HTML the SVG of the same layout and the narrow SVG for
/// phones (``FigureStyle/narrow(_:)``).
///
/// Why SVG for the web: one file serves every screen density and both
/// colour schemes (it carries the dark theme under `prefers-color-scheme`),
/// and the manual's SVGs are smaller than its PNGs (917 kB against 1.1 MB
/// for the 74 figures; a 2x PNG would be about 2.5 times the 1x bytes, and
/// a light/dark pair at 1x and 2x four files per figure).
struct FigureFiles: Sendable {
  var png: [UInt8]
  var svg: String?
  var narrowSVG: String?

  /// Renders `figure` (the PNG and SVG from one layout); `svg` false
  /// renders the PNG alone. The SVGs' `<desc>` is the figure's alt text.
  init(_ figure: ManualFigure, svg: Bool, renderer: ChartRenderer) throws {
    guard svg else {
      png = try renderer.renderPNG(figure.figure)
      return
    }
    let both = try renderer.render(figure.figure, description: figure.altText)
    png = both.png
    self.svg = both.svg
    narrowSVG = try renderer.renderSVG(figure.narrowFigure, description: figure.altText)
  }
}
