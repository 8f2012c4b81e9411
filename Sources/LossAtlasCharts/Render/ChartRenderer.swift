import Dispatch
import LossAtlasParallel
import Synchronization

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

// MARK: - ChartFonts

/// The TrueType files used for text (regular for everything, bold for titles).
public struct ChartFonts: Sendable, Hashable {
  /// Path of the regular face.
  public var regular: String
  /// Path of the bold face (titles).
  public var bold: String

  /// When the fonts were looked for and not found: the places searched
  /// (``check()`` then throws ``ChartError/fontsNotFound(searched:)``).
  var searched: [String]? = nil

  /// Creates a font set from two file paths.
  public init(regular: String, bold: String) {
    self.regular = regular
    self.bold = bold
  }

  /// Fonts for the characters the regular or bold face lacks, tried in
  /// order for each character (see ``FontChain``); by default the fallback
  /// fonts found on this system (``systemFallbacks``).
  public var fallbacks: [String] = ChartFonts.systemFallbacks

  /// DejaVu Sans from a directory (default: Debian's `fonts-dejavu-core` location).
  public static func dejaVu(directory: String = "/usr/share/fonts/truetype/dejavu") -> ChartFonts {
    ChartFonts(regular: directory + "/DejaVuSans.ttf", bold: directory + "/DejaVuSans-Bold.ttf")
  }

  /// Throws ``ChartError/fontsNotFound(searched:)`` when ``located(_:isReadable:)``
  /// found nothing, else ``ChartError/fontNotFound(path:)`` naming the first
  /// unreadable file.
  public func check() throws {
    if let searched { throw ChartError.fontsNotFound(searched: searched) }
    for path in [regular, bold] where access(path, R_OK) != 0 {
      throw ChartError.fontNotFound(path: path)
    }
  }
}

// MARK: - ChartRenderer

/// Turns ``Figure`` values into PNG bytes with libgd.
///
/// Output is deterministic: the same figure gives byte-identical PNG bytes
/// on every run and on any thread (no time stamps, fixed zlib level, fixed
/// palette order). Each render owns its libgd image from start to end on
/// the calling thread; ``renderAll(_:threads:)`` renders figures in parallel
/// and returns them in input order.
///
/// ```swift
/// let renderer = ChartRenderer()
/// let png = try renderer.renderPNG(Figure(panels: [value, derivative]))
/// ```
public struct ChartRenderer: Sendable {
  /// Font files for all text.
  public var fonts: ChartFonts
  /// zlib level of the PNG encoder (0...9, or -1 for zlib's default 6; see
  /// `GDImage.PNGEncoder.compact`); at 6 palette images are deflated by the
  /// charts' own row matcher instead (`GDImage.PNGEncoder.rowMatch`).
  public var compressionLevel: Int
  /// Write an exact palette PNG when the image has at most 256 colours
  /// (same pixels, several times faster to encode and smaller).
  public var usePalette: Bool
  /// Reuse rendered texts across renders (see `TextCache`; output is the same
  /// either way, only faster). Off only to measure the uncached cost.
  public var cachesText: Bool

  /// Coverage steps for anti-aliased curves and text (see `CoverageMask`).
  static let coverageLevels = 8

  /// Creates a renderer. The defaults are measured in BENCHMARKS.md.
  public init(
    fonts: ChartFonts = .located(), compressionLevel: Int = 6, usePalette: Bool = true,
    cachesText: Bool = true
  ) {
    self.fonts = fonts
    self.cachesText = cachesText
    self.compressionLevel = compressionLevel
    self.usePalette = usePalette
  }

  // MARK: Rendering

  /// Renders a figure to PNG bytes.
  public func renderPNG(_ figure: Figure, theme: ChartTheme = .light) throws -> [UInt8] {
    let (image, _) = try renderImage(figure, theme: theme)
    return try image.png(level: compressionLevel, palette: usePalette, encoder: .rowMatch)
  }

  /// Renders a single chart (at its own size and scale) to PNG bytes.
  public func renderPNG(_ chart: Chart) throws -> [UInt8] {
    try renderPNG(Figure(chart))
  }

  /// Renders many figures on `threads` threads (at least 1); the result is
  /// in input order and identical to rendering them one by one. If any
  /// figure fails, the error of the first failing figure (by index) is thrown.
  public func renderAll(_ figures: [Figure], threads: Int) throws -> [[UInt8]] {
    try parallelMap(figures, threads: threads) { try renderPNG($0) }
  }

  /// Maps `body` over `items` on up to `threads` threads, results in input
  /// order (LossAtlasParallel's ``parallelMap(_:threads:_:)``: workers take
  /// the next index from a shared counter, so a slow figure does not hold up
  /// the others; each result lands in its own slot).
  func parallelMap<T: Sendable, R: Sendable>(
    _ items: [T], threads: Int, _ body: @Sendable (T) throws -> R
  ) throws -> [R] {
    try LossAtlasParallel.parallelMap(items.count, threads: threads) { i throws(any Error) in try body(items[i]) }
  }

  // MARK: Internal (shared by PNG output and tests)

  /// Lays out a figure and paints it into a new truecolor image (or, when
  /// `paint` is false, only records it); returns the image and the scene.
  /// Tests read pixels from the image directly.
  func renderScene(_ figure: Figure, paint: Bool = true, theme: ChartTheme = .light) throws -> (GDImage?, Scene) {
    guard !figure.panels.isEmpty else { throw ChartError.invalidFigure("a figure needs at least one panel") }
    guard figure.scale == 1 || figure.scale == 2 else {
      throw ChartError.invalidFigure("scale must be 1 or 2, not \(figure.scale)")
    }
    let u = figure.scale
    let width = figure.size.width * u
    let height = figure.size.height * u
    guard figure.size.width >= 100, figure.size.height >= 80, width <= 8000, height <= 8000 else {
      throw ChartError.invalidFigure("size \(figure.size.width)x\(figure.size.height) must be within 100x80...8000x8000 px")
    }
    try fonts.check()
    guard FontCache.ready else { throw ChartError.gd(operation: "gdFontCacheSetup") }

    let image = paint ? try GDImage(width: width, height: height, background: theme.map(.white)) : nil
    let canvas = Canvas(width: width, height: height, scale: u, image: image, theme: theme, levels: ChartRenderer.coverageLevels)
    canvas.recordBackground(PixelRect(x: 0, y: 0, width: width, height: height))
    let memo = TextMemo()
    var top = 0
    if !figure.title.isEmpty {
      let size = TextStyle.title.size * Double(u)
      func mask(_ s: String) throws -> TextMask {
        try TextShaper.mask(s, chain: fonts.chain(bold: true), pixelSize: size, angle: 0, cached: cachesText, memo: memo)
      }
      // A title wider than the figure is broken into lines that fit; the
      // lines share the first line's baseline spacing.
      // Candidate lines are measured, not drawn (most are never drawn).
      let lines = try TextWrap.lines(
        figure.title, maxWidth: width - 8 * u,
        width: {
          try TextShaper.metrics($0, chain: fonts.chain(bold: true), pixelSize: size, angle: 0, cached: cachesText, memo: memo)
            .bounds.width
        })
      var baseline = 10 * u - (try mask(lines[0]).bounds.minY)
      for (k, line) in lines.enumerated() {
        let m = try mask(line)
        if k > 0 { baseline += Int((size * 1.25).rounded()) }
        _ = canvas.text(
          line, mask: m, origin: ((width - m.bounds.width) / 2 - m.bounds.minX, baseline), size: size, bold: true,
          color: .ink, angle: 0, alignment: .middle, role: .title)
        top = baseline + m.bounds.maxY + 2 * u
      }
    }
    let rows = figure.rows
    for (i, chart) in figure.panels.enumerated() {
      let col = i % figure.columns
      let row = i / figure.columns
      // Integer cell edges from proportional positions: cells tile the image exactly.
      let cell = PixelRect(
        minX: width * col / figure.columns, minY: top + (height - top) * row / rows,
        maxX: width * (col + 1) / figure.columns, maxY: top + (height - top) * (row + 1) / rows)
      let mark = canvas.mark
      var panel = PanelRenderer(
        chart: chart, cell: cell, scale: u, fonts: fonts, canvas: canvas,
        levels: ChartRenderer.coverageLevels, cachesText: cachesText, memo: memo)
      try panel.draw()
      if panel.needsLegendAbove {
        // No free place for the legend in the plot: again, legend above.
        canvas.rollBack(to: mark, cell: cell)
        panel = PanelRenderer(
          chart: chart, cell: cell, scale: u, fonts: fonts, canvas: canvas,
          levels: ChartRenderer.coverageLevels, cachesText: cachesText, memo: memo, legendAbove: true)
        try panel.draw()
      }
      canvas.addPanel(panel.diagnostics)
    }
    return (image, canvas.scene)
  }

  /// Draws a figure into a new truecolor image; also returns what each
  /// panel's layout decided. Tests read pixels from the image directly.
  func renderImage(_ figure: Figure, theme: ChartTheme = .light) throws -> (GDImage, [PanelDiagnostics]) {
    let (image, scene) = try renderScene(figure, paint: true, theme: theme)
    return (image!, scene.panels)
  }
}

// MARK: - Free functions

/// Renders a figure to PNG bytes with the default ``ChartRenderer``.
public func renderPNG(_ figure: Figure) throws -> [UInt8] {
  try ChartRenderer().renderPNG(figure)
}

/// Renders figures in parallel on `threads` threads with the default
/// ``ChartRenderer``; results are in input order.
public func renderAll(_ figures: [Figure], threads: Int) throws -> [[UInt8]] {
  try ChartRenderer().renderAll(figures, threads: threads)
}
