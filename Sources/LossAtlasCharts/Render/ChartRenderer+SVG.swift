// MARK: - SVG output and the layout of a figure

/// A figure rendered in both formats from one layout.
public struct RenderedFigure: Sendable {
  /// The PNG bytes (light theme unless another was asked for).
  public var png: [UInt8]
  /// The SVG document (UTF-8), with both colour schemes.
  public var svg: String
}

extension ChartRenderer {
  /// Renders a figure as an SVG 1.1 document (see ``SVGWriter``): the
  /// layout of the PNG, as vector elements, following the reader's colour
  /// scheme. `title` and `description` become its `<title>` and `<desc>`
  /// (default: the figure's title, none).
  public func renderSVG(_ figure: Figure, title: String? = nil, description: String = "") throws -> String {
    let (_, scene) = try renderScene(figure, paint: false)
    return svg(scene, figure: figure, title: title, description: description)
  }

  /// Renders a figure as PNG and SVG from a single layout (the PNG in
  /// `theme`; the SVG carries both themes).
  public func render(
    _ figure: Figure, theme: ChartTheme = .light, title: String? = nil, description: String = ""
  ) throws -> RenderedFigure {
    let (image, scene) = try renderScene(figure, paint: true, theme: theme)
    let png = try image!.png(level: compressionLevel, palette: usePalette, encoder: .rowMatch)
    return RenderedFigure(png: png, svg: svg(scene, figure: figure, title: title, description: description))
  }

  /// Renders many figures in both formats on `threads` threads, in input order.
  public func renderAllFormats(_ figures: [Figure], threads: Int) throws -> [RenderedFigure] {
    try parallelMap(figures, threads: threads) { try render($0) }
  }

  private func svg(_ scene: Scene, figure: Figure, title: String?, description: String) -> String {
    let panelTitles = figure.panels.map(\.title).filter { !$0.isEmpty }.joined(separator: ", ")
    let fallbackTitle = figure.title.isEmpty ? panelTitles : figure.title
    var texts: (regular: [String], bold: [String]) = ([], [])
    for case .text(let t) in scene.items {
      if t.bold { texts.bold.append(t.text) } else { texts.regular.append(t.text) }
    }
    let families = (fonts.families(bold: false, drawing: texts.regular), fonts.families(bold: true, drawing: texts.bold))
    return SVGWriter(
      scene: scene, families: families, title: title ?? fallbackTitle,
      description: description
    ).write()
  }
}

/// Renders a figure as SVG with the default ``ChartRenderer``.
public func renderSVG(_ figure: Figure) throws -> String {
  try ChartRenderer().renderSVG(figure)
}

// MARK: - Layout checks

/// A text a figure draws, with its face.
public struct DrawnText: Sendable, Hashable {
  public var text: String
  public var bold: Bool
}

extension ChartRenderer {
  /// What is wrong with the figure's layout (see ``LayoutCheck``): texts
  /// overlapping each other or a legend, texts or legends covering a curve
  /// by more than `tolerance` points or touching a marker, in-plot labels
  /// crossed by a reference line, texts leaving the image, labels left out.
  /// Empty when the layout is clean.
  public func layoutIssues(_ figure: Figure, tolerance: Double = 2) throws -> [LayoutIssue] {
    let (_, scene) = try renderScene(figure, paint: false)
    return LayoutCheck.issues(scene, tolerance: tolerance)
  }

  /// Every text the figure draws (titles, tick labels, legend entries,
  /// notes), in drawing order, as laid out: the strings a font must cover.
  public func drawnTexts(_ figure: Figure) throws -> [DrawnText] {
    let (_, scene) = try renderScene(figure, paint: false)
    return scene.items.compactMap { item in
      if case .text(let t) = item { return DrawnText(text: t.text, bold: t.bold) }
      return nil
    }
  }
}
