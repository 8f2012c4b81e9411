// MARK: - PanelRenderer

/// Lays out and draws one ``Chart`` into a cell of a ``GDImage``.
///
/// Order: background, bands, grid, reference lines, series, markers, frame
/// and ticks, tick and axis labels, title, legend, then the in-plot labels
/// (bands, reference lines, markers, annotations), each placed where it
/// overlaps no other text, the legend or the frame, or left out.
struct PanelRenderer {
  let chart: Chart
  let cell: PixelRect
  let u: Int  // pixels per point (the figure's scale)
  let fonts: ChartFonts
  let canvas: Canvas
  let levels: Int
  let cachesText: Bool
  let memo: TextMemo
  var diagnostics: PanelDiagnostics

  /// Text already drawn or reserved; later labels must avoid these.
  var occupied: [PixelRect] = []
  /// Reference lines drawn; in-plot labels must not be crossed by them.
  var rules: [PixelRect] = []
  /// Whether the legend goes in rows above the plot (the second layout of
  /// a panel whose plot had no free place for it).
  let legendAbove: Bool
  /// Set by ``draw()`` when the automatic legend found no free place in
  /// the plot: the caller lays the panel out again with `legendAbove`.
  private(set) var needsLegendAbove = false

  init(
    chart: Chart, cell: PixelRect, scale: Int, fonts: ChartFonts, canvas: Canvas, levels: Int,
    cachesText: Bool, memo: TextMemo, legendAbove: Bool = false
  ) {
    self.legendAbove = legendAbove
    self.cachesText = cachesText
    self.memo = memo
    self.chart = chart
    self.cell = cell
    self.u = scale
    self.fonts = fonts
    self.canvas = canvas
    self.levels = levels
    let dummy = Scale(kind: .linear, range: 0...1, start: 0, end: 1)
    diagnostics = PanelDiagnostics(cell: cell, plot: cell, xScale: dummy, yScale: dummy)
  }

  func px(_ points: Double) -> Double { points * Double(u) }
  func ipx(_ points: Double) -> Int { Int((points * Double(u)).rounded()) }

  // MARK: Text helpers

  func mask(_ text: String, _ style: TextStyle, angle: Double = 0) throws -> TextMask {
    try TextShaper.mask(
      text, chain: fonts.chain(bold: style.bold), pixelSize: px(style.size), angle: angle, cached: cachesText, memo: memo)
  }

  /// Box of `text` relative to its baseline origin.
  func box(_ text: String, _ style: TextStyle, angle: Double = 0) throws -> PixelRect {
    try mask(text, style, angle: angle).bounds
  }

  /// Box of `text` relative to its baseline origin, measured without
  /// drawing it (the same box as ``box(_:_:angle:)``): for texts that may
  /// never be drawn, like a title's candidate lines.
  func extent(_ text: String, _ style: TextStyle) throws -> PixelRect {
    try TextShaper.metrics(
      text, chain: fonts.chain(bold: style.bold), pixelSize: px(style.size), angle: 0, cached: cachesText, memo: memo
    ).bounds
  }

  /// Ascent and descent of a style (from "Hg", so every label of a style
  /// shares one baseline grid whatever its letters).
  func metrics(_ style: TextStyle) throws -> (ascent: Int, descent: Int) {
    // A CJK glyph reaches higher than H and lower than g in WenQuanYi Micro
    // Hei: a chart with Chinese text sizes its lines for both.
    guard let cjk = cjkText else {
      let b = try box("Hg", style)
      return (-b.minY, b.maxY)
    }
    do {
      let b = try box("Hg\u{4E2D}", style)  // 中
      return (-b.minY, b.maxY)
    } catch ChartError.cjkFontNotFound(_, let tried) {
      // Name the chart's own text, not the probe.
      throw ChartError.cjkFontNotFound(text: cjk, tried: tried)
    }
  }

  /// The first text of the chart with CJK characters, if any.
  var cjkText: String? {
    let texts = [chart.title, chart.subtitle, chart.x.label, chart.y.label] + chart.series.map(\.name)
      + chart.bands.map(\.label) + chart.referenceLines.map(\.label) + chart.markers.map(\.label)
      + chart.annotations.map(\.text)
    return texts.first(where: CJK.contains)
  }

  /// Draws `text` so that its measured box has its top-left corner at `at`;
  /// returns the box in image pixels.
  @discardableResult
  mutating func draw(
    _ text: String, _ style: TextStyle, boxOrigin at: (x: Int, y: Int), angle: Double = 0,
    alignment: TextAlignment = .start, role: SceneRole
  ) throws -> PixelRect {
    let m = try mask(text, style, angle: angle)
    let placed = canvas.text(
      text, mask: m, origin: (at.x - m.bounds.minX, at.y - m.bounds.minY), size: px(style.size), bold: style.bold,
      color: style.color, angle: angle, alignment: alignment, role: role)
    diagnostics.textBoxes.append(placed)
    return placed
  }

  /// Draws `text` with its baseline origin at (x, y); returns the box.
  @discardableResult
  mutating func draw(
    _ text: String, _ style: TextStyle, baseline x: Int, _ y: Int, alignment: TextAlignment = .start, role: SceneRole
  ) throws -> PixelRect {
    let m = try mask(text, style)
    let placed = canvas.text(
      text, mask: m, origin: (x, y), size: px(style.size), bold: style.bold, color: style.color, angle: 0,
      alignment: alignment, role: role)
    diagnostics.textBoxes.append(placed)
    return placed
  }

  // MARK: Draw

  /// Lays out and draws the whole panel.
  mutating func draw() throws {
    try validate()
    if let t = chart.ternary {
      try drawTernary(t)
      return
    }
    let pad = ipx(10)
    let tickLength = ipx(5)
    let tickGap = ipx(3)

    // Vertical layout: title, subtitle, plot, x tick labels, x label.
    var top = cell.minY + pad
    let headerBoxes = try layoutHeader(top: &top)
    var legendArea: PixelRect? = nil
    if legendAbove {
      let h = try legendRowsHeight(width: cell.width - 2 * pad)
      legendArea = PixelRect(minX: cell.minX + pad, minY: top + ipx(2), maxX: cell.maxX - pad, maxY: top + ipx(2) + h)
      top += h + ipx(2)
    }
    let tickMetrics = try metrics(.tickLabel)
    let digitsBox = try box("0123456789", .tickLabel)
    let digitAscent = -digitsBox.minY
    var bottom = cell.maxY - pad
    var xLabelBaseline: Int? = nil
    if !chart.x.label.isEmpty {
      let m = try metrics(.axisLabel)
      xLabelBaseline = bottom - m.descent
      bottom -= m.ascent + m.descent + ipx(6)
    }
    let plotTop = top + ipx(headerBoxes.isEmpty && legendArea == nil ? 6 : 8)
    let plotBottom = bottom - (tickMetrics.ascent + tickMetrics.descent) - tickLength - tickGap
    guard plotBottom - plotTop >= ipx(40) else {
      throw ChartError.invalidFigure("panel '\(chart.title)' is too small for its text (\(cell.width)x\(cell.height) px)")
    }

    // Y axis: range and ticks depend on the plot height only.
    let yRange = try chart.heatMap.flatMap { chart.y.range == nil ? $0.y : nil } ?? resolvedRange(chart.y, values: yData())
    let yTarget = max(2, min(12, (plotBottom - plotTop) / ipx(48)))
    let yTicks = ticks(for: chart.y, range: yRange, target: yTarget)
    let yLabelWidth = try yTicks.filter(\.isMajor).map { try box($0.label, .tickLabel).width }.max() ?? 0

    var left = cell.minX + pad
    var yLabelBox: PixelRect? = nil
    if !chart.y.label.isEmpty {
      let b = try box(chart.y.label, .axisLabel, angle: Double.pi / 2)
      yLabelBox = b
      left += b.width + ipx(6)
    }
    let plotLeft = left + yLabelWidth + tickGap + tickLength
    let plotRight = cell.maxX - pad - ipx(14) - (try chart.heatMap.map(colorBarSpace) ?? 0)
    guard plotRight - plotLeft >= ipx(60) else {
      throw ChartError.invalidFigure("panel '\(chart.title)' is too narrow for its labels (\(cell.width) px)")
    }
    let plot = PixelRect(minX: plotLeft, minY: plotTop, maxX: plotRight, maxY: plotBottom)
    diagnostics.plot = plot

    // A heat map with an automatic axis fills the plot exactly.
    let xRange = try chart.heatMap.flatMap { chart.x.range == nil ? $0.x : nil } ?? resolvedRange(chart.x, values: xData())
    let xTarget = max(2, min(12, plot.width / ipx(64)))
    let xTicks = ticks(for: chart.x, range: xRange, target: xTarget)
    let xScale = Scale(kind: chart.x.scale, range: xRange, start: Double(plot.minX), end: Double(plot.maxX))
    let yScale = Scale(kind: chart.y.scale, range: yRange, start: Double(plot.maxY), end: Double(plot.minY))
    diagnostics.xScale = xScale
    diagnostics.yScale = yScale

    // Plot contents, back to front.
    var occupancy = [UInt8](repeating: 0, count: plot.width * plot.height)
    var mask = CoverageMask(clip: plot, levels: levels)
    if let h = chart.heatMap { drawHeatMap(h, plot: plot, xScale: xScale, yScale: yScale) }
    drawBands(plot: plot, xScale: xScale)
    // Grid lines over a heat map would only add noise to its colours.
    if chart.heatMap == nil { drawGrid(plot: plot, xTicks: xTicks, yTicks: yTicks, xScale: xScale, yScale: yScale) }
    drawReferenceLines(plot: plot, xScale: xScale, yScale: yScale)
    if let h = chart.heatMap {
      drawContours(h, xScale: xScale, yScale: yScale, mask: &mask, occupancy: &occupancy)
    }
    drawSeries(mask: &mask, occupancy: &occupancy, xScale: xScale, yScale: yScale)
    drawMarkers(mask: &mask, occupancy: &occupancy, xScale: xScale, yScale: yScale)
    drawFrame(plot: plot, xTicks: xTicks, yTicks: yTicks, xScale: xScale, yScale: yScale, tickLength: tickLength)
    if let h = chart.heatMap { try drawColorBar(h, plot: plot) }

    // Tick labels (thinned so none collide), axis labels, title.
    let xLabelTop = plot.maxY + ipx(1) + tickLength + tickGap
    try drawXTickLabels(xTicks, scale: xScale, top: xLabelTop, baseline: xLabelTop + digitAscent)
    try drawYTickLabels(yTicks, scale: yScale, right: plot.minX - ipx(1) - tickLength - tickGap, digitAscent: digitAscent)
    if let baseline = xLabelBaseline {
      let b = try box(chart.x.label, .axisLabel)
      let x = clampStart((plot.minX + plot.maxX) / 2 - b.width / 2, width: b.width)
      occupied.append(try draw(chart.x.label, .axisLabel, baseline: x - b.minX, baseline, alignment: .middle, role: .axisLabel))
    }
    if let b = yLabelBox {
      let y = (plot.minY + plot.maxY) / 2 - b.height / 2
      occupied.append(
        try draw(
          chart.y.label, .axisLabel, boxOrigin: (cell.minX + pad, max(cell.minY, y)), angle: Double.pi / 2,
          alignment: .middle, role: .axisLabel))
    }
    try drawHeader(headerBoxes, centre: (plot.minX + plot.maxX) / 2)

    // Legend, then labels inside the plot (a legend box would hide a
    // heat map's colours: there it goes above the plot).
    if let area = legendArea {
      try drawLegendAbove(area: area, plot: plot)
    } else if chart.heatMap != nil && chart.legend == .automatic && !legendEntries.isEmpty {
      needsLegendAbove = true
      return
    } else if try !drawLegendInside(plot: plot, occupancy: occupancy) {
      needsLegendAbove = true
      return
    }
    try drawInPlotLabels(plot: plot, xScale: xScale, yScale: yScale, occupancy: occupancy)
  }

  /// The title and subtitle lines (a header wider than the cell is broken
  /// into lines that fit) with their baselines, from `top` down; `top`
  /// moves below them.
  func layoutHeader(top: inout Int) throws -> [(String, TextStyle, Int)] {
    var lines: [(String, TextStyle, Int)] = []
    for (text, style) in [(chart.title, TextStyle.title), (chart.subtitle, TextStyle.subtitle)] where !text.isEmpty {
      let m = try metrics(style)
      for line in try TextWrap.lines(text, maxWidth: cell.width - 2 * ipx(4), width: { try extent($0, style).width }) {
        lines.append((line, style, top + m.ascent))
        top += m.ascent + m.descent + ipx(4)
      }
    }
    return lines
  }

  /// Draws the header lines centred on `centre` (kept inside the cell).
  mutating func drawHeader(_ lines: [(String, TextStyle, Int)], centre: Int) throws {
    for (text, style, baseline) in lines {
      let b = try box(text, style)
      let x = clampStart(centre - b.width / 2, width: b.width)
      occupied.append(
        try draw(text, style, baseline: x - b.minX, baseline, alignment: .middle, role: style.bold ? .title : .subtitle))
    }
  }

  /// A left edge for a box of `width` centred text that keeps it inside the cell.
  func clampStart(_ x: Int, width: Int) -> Int {
    min(max(x, cell.minX + ipx(2)), cell.maxX - ipx(2) - width)
  }

  // MARK: Validation and ranges

  func validate() throws {
    for s in chart.series {
      guard s.x.count == s.y.count else {
        throw ChartError.invalidFigure("series '\(s.name)' has \(s.x.count) x values but \(s.y.count) y values")
      }
      guard s.width > 0, s.width.isFinite else {
        throw ChartError.invalidFigure("series '\(s.name)' has width \(s.width); it must be positive")
      }
    }
    for (axis, name) in [(chart.x, "x"), (chart.y, "y")] {
      if let r = axis.range {
        guard r.lowerBound.isFinite, r.upperBound.isFinite, r.lowerBound < r.upperBound else {
          throw ChartError.invalidFigure("\(name) range \(r) must be finite and non-empty")
        }
        if axis.scale == .log10 && r.lowerBound <= 0 {
          throw ChartError.invalidFigure("\(name) axis is log10 but its range \(r) includes values <= 0")
        }
      }
    }
    if let h = chart.heatMap {
      guard h.columns >= 1, h.rows >= 1, h.values.count == h.columns * h.rows else {
        throw ChartError.invalidFigure("heat map '\(h.label)' has \(h.values.count) values for \(h.columns)x\(h.rows) cells")
      }
      guard [h.x, h.y].allSatisfy({ $0.lowerBound.isFinite && $0.upperBound.isFinite && $0.lowerBound < $0.upperBound }),
        chart.x.scale == .linear, chart.y.scale == .linear
      else {
        throw ChartError.invalidFigure("heat map '\(h.label)' needs finite, non-empty extents on linear axes")
      }
      let r = h.valueRange
      guard r.lowerBound.isFinite, r.upperBound.isFinite, r.lowerBound < r.upperBound else {
        throw ChartError.invalidFigure("heat map '\(h.label)' has the value range \(r); it must be finite and non-empty")
      }
    }
    if let t = chart.ternary {
      guard t.vertexLabels.count == 3 else {
        throw ChartError.invalidFigure("a ternary plot names its 3 vertices, not \(t.vertexLabels.count)")
      }
      guard t.gridStep >= 0 && t.gridStep < 1 else {
        throw ChartError.invalidFigure("a ternary plot's grid step must be in [0, 1), not \(t.gridStep)")
      }
      for c in t.curves where !(c.width > 0 && c.width.isFinite) {
        throw ChartError.invalidFigure("ternary curve '\(c.name)' has width \(c.width); it must be positive")
      }
    }
  }

  func xData() -> [Double] {
    chart.series.flatMap(\.x) + chart.markers.map(\.x)
      + chart.referenceLines.filter { $0.orientation == .vertical }.map(\.value)
  }

  func yData() -> [Double] {
    chart.series.flatMap(\.y) + chart.markers.map(\.y)
      + chart.referenceLines.filter { $0.orientation == .horizontal }.map(\.value)
  }

  /// The axis range: the explicit one, or the data's extent with a 4%
  /// margin on each side, moved out to Heckbert's nice bound when that bound
  /// lies within the margin (so 0.02...0.98 shows as 0...1, but a curve
  /// dipping to -0.17 does not get an axis down to -1).
  func resolvedRange(_ axis: Axis, values: [Double]) throws -> ClosedRange<Double> {
    if let r = axis.range { return r }
    let usable = values.filter { $0.isFinite && (axis.scale == .linear || $0 > 0) }
    guard let dataLo = usable.min(), let dataHi = usable.max() else {
      return axis.scale == .linear ? 0...1 : 1...10
    }
    switch axis.scale {
    case .log10:
      let a = floorLog10(dataLo)
      var b = floorLog10(dataHi)
      if TickFormatter.scaled(1, b) < dataHi || a == b { b += 1 }
      return TickFormatter.scaled(1, a)...TickFormatter.scaled(1, b)
    case .linear:
      let (lo, hi) = Ticks.widenDegenerate(dataLo, dataHi)
      let loose = Ticks.looseRange(lo, hi, target: 6)
      let margin = 0.04 * (hi - lo)
      let gapLo = lo - loose.lowerBound
      let gapHi = loose.upperBound - hi
      let lower = gapLo >= 0.25 * margin && gapLo <= margin ? loose.lowerBound : lo - margin
      let upper = gapHi >= 0.25 * margin && gapHi <= margin ? loose.upperBound : hi + margin
      return lower...upper
    }
  }

  func ticks(for axis: Axis, range: ClosedRange<Double>, target: Int) -> [Tick] {
    if let fixed = axis.ticks { return Ticks.fixed(fixed, in: range) }
    switch axis.scale {
    case .linear: return Ticks.linear(range, target: target)
    case .log10: return Ticks.log10(range, target: target)
    }
  }

  // MARK: Plot contents

  /// Column span `[x, x + u)` of a 1-point-wide line centred at pixel position `p`.
  func lineStart(_ p: Double) -> Int { Int((p - Double(u) / 2).rounded()) }

  func drawBands(plot: PixelRect, xScale: Scale) {
    for band in chart.bands {
      guard let (a, b) = bandColumns(band, plot: plot, xScale: xScale) else { continue }
      canvas.fill(PixelRect(minX: a, minY: plot.minY, maxX: b, maxY: plot.maxY), band.color, .band)
    }
  }

  func bandColumns(_ band: Band, plot: PixelRect, xScale: Scale) -> (Int, Int)? {
    func edge(_ v: Double) -> Double? {
      if v == -.infinity { return Double(plot.minX) }
      if v == .infinity { return Double(plot.maxX) }
      let p = xScale.pixel(v)
      return p.isFinite ? min(max(p, Double(plot.minX)), Double(plot.maxX)) : nil
    }
    guard let l = edge(band.lower), let r = edge(band.upper) else { return nil }
    let a = Int(l.rounded())
    let b = Int(r.rounded())
    return b > a ? (a, b) : nil
  }

  func drawGrid(plot: PixelRect, xTicks: [Tick], yTicks: [Tick], xScale: Scale, yScale: Scale) {
    if chart.x.grid {
      for t in xTicks where t.isMajor {
        let x = lineStart(xScale.pixel(t.value))
        guard x > plot.minX + u, x + u < plot.maxX - u else { continue }  // not against the frame
        canvas.fill(PixelRect(minX: x, minY: plot.minY, maxX: x + u, maxY: plot.maxY), .grid, .grid)
      }
    }
    if chart.y.grid {
      for t in yTicks where t.isMajor {
        let y = lineStart(yScale.pixel(t.value))
        guard y > plot.minY + u, y + u < plot.maxY - u else { continue }
        canvas.fill(PixelRect(minX: plot.minX, minY: y, maxX: plot.maxX, maxY: y + u), .grid, .grid)
      }
    }
  }

  mutating func drawReferenceLines(plot: PixelRect, xScale: Scale, yScale: Scale) {
    let dash = ipx(6)
    let gap = ipx(4)
    for line in chart.referenceLines {
      switch line.orientation {
      case .vertical:
        let p = xScale.pixel(line.value)
        guard p.isFinite, p >= Double(plot.minX), p <= Double(plot.maxX) else { continue }
        let x = min(max(lineStart(p), plot.minX), plot.maxX - u)
        rules.append(PixelRect(minX: x, minY: plot.minY, maxX: x + u, maxY: plot.maxY))
        canvas.rule(
          SceneRule(
            vertical: true, position: x, thickness: u, start: plot.minY, end: plot.maxY,
            dash: line.dashed ? (dash, gap) : nil, color: line.color))
      case .horizontal:
        let p = yScale.pixel(line.value)
        guard p.isFinite, p >= Double(plot.minY), p <= Double(plot.maxY) else { continue }
        let y = min(max(lineStart(p), plot.minY), plot.maxY - u)
        rules.append(PixelRect(minX: plot.minX, minY: y, maxX: plot.maxX, maxY: y + u))
        canvas.rule(
          SceneRule(
            vertical: false, position: y, thickness: u, start: plot.minX, end: plot.maxX,
            dash: line.dashed ? (dash, gap) : nil, color: line.color))
      }
    }
  }

  /// Pixel coordinates of a series, split into unbroken runs at non-finite
  /// points (and, on log axes, values <= 0). Coordinates farther than 10⁷ px
  /// from the plot are clamped there: this keeps the clipping arithmetic
  /// finite for values like 1e300, and moves a frame crossing by at most
  /// (plot size)² / 10⁷ < 0.1 px.
  static func runs(_ s: Series, xScale: Scale, yScale: Scale) -> [[Point]] {
    var runs: [[Point]] = []
    var current: [Point] = []
    let limit = 1e7
    for i in 0..<s.x.count {
      let x = xScale.pixel(s.x[i])
      let y = yScale.pixel(s.y[i])
      if x.isFinite && y.isFinite {
        let p = Point(x: min(max(x, -limit), limit), y: min(max(y, -limit), limit))
        if s.style == .step, let last = current.last {
          current.append(Point(x: p.x, y: last.y))
        }
        current.append(p)
      } else if !current.isEmpty {
        runs.append(current)
        current = []
      }
    }
    if !current.isEmpty { runs.append(current) }
    return runs
  }

  func seriesColor(_ index: Int) -> ChartColor {
    chart.series[index].color ?? ChartColor.series(index)
  }

  func dashPattern(_ s: Series) -> (on: Double, off: Double)? { dashPattern(width: s.width, style: s.style) }

  func dashPattern(width: Double, style: LineStyle) -> (on: Double, off: Double)? {
    style == .dashed ? (on: px(3 * width + 2), off: px(2 * width + 1)) : nil
  }

  func drawSeries(mask: inout CoverageMask, occupancy: inout [UInt8], xScale: Scale, yScale: Scale) {
    for (i, s) in chart.series.enumerated() {
      canvas.stroke(
        PanelRenderer.runs(s, xScale: xScale, yScale: yScale), halfWidth: px(s.width) / 2, dash: dashPattern(s),
        color: seriesColor(i), role: .series(i), mask: &mask, occupancy: &occupancy)
    }
  }

  func drawMarkers(mask: inout CoverageMask, occupancy: inout [UInt8], xScale: Scale, yScale: Scale) {
    for m in chart.markers {
      let p = Point(x: xScale.pixel(m.x), y: yScale.pixel(m.y))
      guard p.x.isFinite, p.y.isFinite else { continue }
      // A white ring first keeps the dot visible on a curve of the same colour.
      canvas.disc(p, radius: px(m.radius + 1.5), color: .white, role: .marker, mask: &mask, occupancy: &occupancy)
      canvas.disc(p, radius: px(m.radius), color: m.color, role: .marker, mask: &mask, occupancy: &occupancy)
    }
  }

  func drawFrame(
    plot: PixelRect, xTicks: [Tick], yTicks: [Tick], xScale: Scale, yScale: Scale, tickLength: Int
  ) {
    let f = plot.insetBy(-u)  // the frame is the 1-point ring just outside the plot
    canvas.fill(PixelRect(minX: f.minX, minY: f.minY, maxX: f.maxX, maxY: plot.minY), .ink, .frame)
    canvas.fill(PixelRect(minX: f.minX, minY: plot.maxY, maxX: f.maxX, maxY: f.maxY), .ink, .frame)
    canvas.fill(PixelRect(minX: f.minX, minY: plot.minY, maxX: plot.minX, maxY: plot.maxY), .ink, .frame)
    canvas.fill(PixelRect(minX: plot.maxX, minY: plot.minY, maxX: f.maxX, maxY: plot.maxY), .ink, .frame)
    for t in xTicks {
      let p = xScale.pixel(t.value)
      guard p.isFinite else { continue }
      let x = min(max(lineStart(p), f.minX), f.maxX - u)
      let length = t.isMajor ? tickLength : tickLength * 3 / 5
      canvas.fill(PixelRect(minX: x, minY: f.maxY, maxX: x + u, maxY: f.maxY + length), .ink, .tick)
    }
    for t in yTicks {
      let p = yScale.pixel(t.value)
      guard p.isFinite else { continue }
      let y = min(max(lineStart(p), f.minY), f.maxY - u)
      let length = t.isMajor ? tickLength : tickLength * 3 / 5
      canvas.fill(PixelRect(minX: f.minX - length, minY: y, maxX: f.minX, maxY: y + u), .ink, .tick)
    }
  }

  // MARK: Tick labels

  /// The smallest stride `k` (keep every k-th label, keeping the label of 0
  /// when there is one) for which `fits` accepts the kept labels.
  func thinned(_ count: Int, zeroIndex: Int?, fits: ([Int]) -> Bool) -> [Int] {
    guard count > 0 else { return [] }
    for k in 1...count {
      let offset = (zeroIndex ?? 0) % k
      let kept = Array(stride(from: offset, to: count, by: k))
      if fits(kept) { return kept }
    }
    return [zeroIndex ?? 0]
  }

  mutating func drawXTickLabels(_ ticks: [Tick], scale: Scale, top: Int, baseline: Int) throws {
    let majors = ticks.filter { $0.isMajor && !$0.label.isEmpty }
    let boxes = try majors.map { t -> PixelRect in
      let b = try box(t.label, .tickLabel)
      let x = Int(scale.pixel(t.value).rounded()) - b.width / 2
      return PixelRect(x: x, y: baseline + b.minY, width: b.width, height: b.height)
    }
    // Labels that would leave the cell are never drawn; the rest are thinned.
    let inCell = boxes.indices.filter { boxes[$0].minX >= cell.minX + u && boxes[$0].maxX <= cell.maxX - u }
    let gap = ipx(8)
    let zero = inCell.firstIndex { majors[$0].value == 0 }
    let kept = thinned(inCell.count, zeroIndex: zero) { kept in
      zip(kept, kept.dropFirst()).allSatisfy { boxes[inCell[$0]].maxX + gap <= boxes[inCell[$1]].minX }
    }.map { inCell[$0] }
    for i in kept {
      let b = try box(majors[i].label, .tickLabel)
      occupied.append(
        try draw(majors[i].label, .tickLabel, baseline: boxes[i].minX - b.minX, baseline, alignment: .middle, role: .tickLabel))
      diagnostics.xLabels.append(majors[i])
    }
  }

  mutating func drawYTickLabels(_ ticks: [Tick], scale: Scale, right: Int, digitAscent: Int) throws {
    let majors = ticks.filter { $0.isMajor && !$0.label.isEmpty }
    let boxes = try majors.map { t -> PixelRect in
      let b = try box(t.label, .tickLabel)
      let baseline = Int(scale.pixel(t.value).rounded()) + digitAscent / 2
      return PixelRect(minX: right - b.width, minY: baseline + b.minY, maxX: right, maxY: baseline + b.maxY)
    }
    let inCell = boxes.indices.filter { boxes[$0].minY >= cell.minY && boxes[$0].maxY <= cell.maxY }
    let gap = ipx(4)
    let zero = inCell.firstIndex { majors[$0].value == 0 }
    // Ticks run bottom to top, so label i + 1 sits above label i.
    let kept = thinned(inCell.count, zeroIndex: zero) { kept in
      zip(kept, kept.dropFirst()).allSatisfy { boxes[inCell[$1]].maxY + gap <= boxes[inCell[$0]].minY }
    }.map { inCell[$0] }
    for i in kept {
      let b = try box(majors[i].label, .tickLabel)
      let baseline = Int(scale.pixel(majors[i].value).rounded()) + digitAscent / 2
      occupied.append(
        try draw(majors[i].label, .tickLabel, baseline: boxes[i].minX - b.minX, baseline, alignment: .end, role: .tickLabel))
      diagnostics.yLabels.append(majors[i])
    }
  }
}
