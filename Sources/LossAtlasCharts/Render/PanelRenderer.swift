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
  let image: GDImage
  let levels: Int
  let cachesText: Bool
  let memo: TextMemo
  var diagnostics: PanelDiagnostics

  /// Text already drawn or reserved; later labels must avoid these.
  private var occupied: [PixelRect] = []

  init(
    chart: Chart, cell: PixelRect, scale: Int, fonts: ChartFonts, image: GDImage, levels: Int,
    cachesText: Bool, memo: TextMemo
  ) {
    self.cachesText = cachesText
    self.memo = memo
    self.chart = chart
    self.cell = cell
    self.u = scale
    self.fonts = fonts
    self.image = image
    self.levels = levels
    let dummy = Scale(kind: .linear, range: 0...1, start: 0, end: 1)
    diagnostics = PanelDiagnostics(plot: cell, xScale: dummy, yScale: dummy)
  }

  private func px(_ points: Double) -> Double { points * Double(u) }
  private func ipx(_ points: Double) -> Int { Int((points * Double(u)).rounded()) }

  // MARK: Text helpers

  private func font(_ style: TextStyle) -> String { style.bold ? fonts.bold : fonts.regular }

  private func mask(_ text: String, _ style: TextStyle, angle: Double = 0) throws -> TextMask {
    try GDImage.textMask(text, font: font(style), pixelSize: px(style.size), angle: angle, cached: cachesText, memo: memo)
  }

  /// Box of `text` relative to its baseline origin.
  private func box(_ text: String, _ style: TextStyle, angle: Double = 0) throws -> PixelRect {
    try mask(text, style, angle: angle).bounds
  }

  /// Ascent and descent of a style (from "Hg", so every label of a style
  /// shares one baseline grid whatever its letters).
  private func metrics(_ style: TextStyle) throws -> (ascent: Int, descent: Int) {
    let b = try box("Hg", style)
    return (-b.minY, b.maxY)
  }

  /// Draws `text` so that its measured box has its top-left corner at `at`;
  /// returns the box in image pixels.
  @discardableResult
  private mutating func draw(
    _ text: String, _ style: TextStyle, boxOrigin at: (x: Int, y: Int), angle: Double = 0
  ) throws -> PixelRect {
    let m = try mask(text, style, angle: angle)
    image.draw(m, x: at.x - m.bounds.minX, y: at.y - m.bounds.minY, color: style.color, levels: levels)
    let placed = PixelRect(x: at.x, y: at.y, width: m.bounds.width, height: m.bounds.height)
    diagnostics.textBoxes.append(placed)
    return placed
  }

  /// Draws `text` with its baseline origin at (x, y); returns the box.
  @discardableResult
  private mutating func draw(_ text: String, _ style: TextStyle, baseline x: Int, _ y: Int) throws -> PixelRect {
    let m = try mask(text, style)
    image.draw(m, x: x, y: y, color: style.color, levels: levels)
    let b = m.bounds
    let placed = PixelRect(minX: x + b.minX, minY: y + b.minY, maxX: x + b.maxX, maxY: y + b.maxY)
    diagnostics.textBoxes.append(placed)
    return placed
  }

  // MARK: Draw

  /// Lays out and draws the whole panel.
  mutating func draw() throws {
    try validate()
    let pad = ipx(10)
    let tickLength = ipx(5)
    let tickGap = ipx(3)

    // Vertical layout: title, subtitle, plot, x tick labels, x label.
    var top = cell.minY + pad
    var headerBoxes: [(String, TextStyle, Int)] = []
    for (text, style) in [(chart.title, TextStyle.title), (chart.subtitle, TextStyle.subtitle)]
    where !text.isEmpty {
      let m = try metrics(style)
      headerBoxes.append((text, style, top + m.ascent))
      top += m.ascent + m.descent + ipx(4)
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
    let plotTop = top + ipx(headerBoxes.isEmpty ? 6 : 8)
    let plotBottom = bottom - (tickMetrics.ascent + tickMetrics.descent) - tickLength - tickGap
    guard plotBottom - plotTop >= ipx(40) else {
      throw ChartError.invalidFigure("panel '\(chart.title)' is too small for its text (\(cell.width)x\(cell.height) px)")
    }

    // Y axis: range and ticks depend on the plot height only.
    let yRange = try resolvedRange(chart.y, values: yData())
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
    let plotRight = cell.maxX - pad - ipx(14)
    guard plotRight - plotLeft >= ipx(60) else {
      throw ChartError.invalidFigure("panel '\(chart.title)' is too narrow for its labels (\(cell.width) px)")
    }
    let plot = PixelRect(minX: plotLeft, minY: plotTop, maxX: plotRight, maxY: plotBottom)
    diagnostics.plot = plot

    let xRange = try resolvedRange(chart.x, values: xData())
    let xTarget = max(2, min(12, plot.width / ipx(64)))
    let xTicks = ticks(for: chart.x, range: xRange, target: xTarget)
    let xScale = Scale(kind: chart.x.scale, range: xRange, start: Double(plot.minX), end: Double(plot.maxX))
    let yScale = Scale(kind: chart.y.scale, range: yRange, start: Double(plot.maxY), end: Double(plot.minY))
    diagnostics.xScale = xScale
    diagnostics.yScale = yScale

    // Plot contents, back to front.
    var occupancy = [UInt8](repeating: 0, count: plot.width * plot.height)
    var mask = CoverageMask(clip: plot, levels: levels)
    drawBands(plot: plot, xScale: xScale)
    drawGrid(plot: plot, xTicks: xTicks, yTicks: yTicks, xScale: xScale, yScale: yScale)
    drawReferenceLines(plot: plot, xScale: xScale, yScale: yScale)
    drawSeries(mask: &mask, occupancy: &occupancy, xScale: xScale, yScale: yScale)
    drawMarkers(mask: &mask, occupancy: &occupancy, xScale: xScale, yScale: yScale)
    drawFrame(plot: plot, xTicks: xTicks, yTicks: yTicks, xScale: xScale, yScale: yScale, tickLength: tickLength)

    // Tick labels (thinned so none collide), axis labels, title.
    let xLabelTop = plot.maxY + ipx(1) + tickLength + tickGap
    try drawXTickLabels(xTicks, scale: xScale, top: xLabelTop, baseline: xLabelTop + digitAscent)
    try drawYTickLabels(yTicks, scale: yScale, right: plot.minX - ipx(1) - tickLength - tickGap, digitAscent: digitAscent)
    if let baseline = xLabelBaseline {
      let b = try box(chart.x.label, .axisLabel)
      let x = clampStart((plot.minX + plot.maxX) / 2 - b.width / 2, width: b.width)
      occupied.append(try draw(chart.x.label, .axisLabel, baseline: x - b.minX, baseline))
    }
    if let b = yLabelBox {
      let y = (plot.minY + plot.maxY) / 2 - b.height / 2
      occupied.append(try draw(chart.y.label, .axisLabel, boxOrigin: (cell.minX + pad, max(cell.minY, y)), angle: Double.pi / 2))
    }
    for (text, style, baseline) in headerBoxes {
      let b = try box(text, style)
      let x = clampStart((plot.minX + plot.maxX) / 2 - b.width / 2, width: b.width)
      occupied.append(try draw(text, style, baseline: x - b.minX, baseline))
    }

    // Legend, then labels inside the plot.
    try drawLegend(plot: plot, occupancy: occupancy, mask: &mask)
    try drawInPlotLabels(plot: plot, xScale: xScale, yScale: yScale, occupancy: occupancy)
  }

  /// A left edge for a box of `width` centred text that keeps it inside the cell.
  private func clampStart(_ x: Int, width: Int) -> Int {
    min(max(x, cell.minX + ipx(2)), cell.maxX - ipx(2) - width)
  }

  // MARK: Validation and ranges

  private func validate() throws {
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
  }

  private func xData() -> [Double] {
    chart.series.flatMap(\.x) + chart.markers.map(\.x)
      + chart.referenceLines.filter { $0.orientation == .vertical }.map(\.value)
  }

  private func yData() -> [Double] {
    chart.series.flatMap(\.y) + chart.markers.map(\.y)
      + chart.referenceLines.filter { $0.orientation == .horizontal }.map(\.value)
  }

  /// The axis range: the explicit one, or the data's extent with a 4%
  /// margin on each side, moved out to Heckbert's nice bound when that bound
  /// lies within the margin (so 0.02...0.98 shows as 0...1, but a curve
  /// dipping to -0.17 does not get an axis down to -1).
  private func resolvedRange(_ axis: Axis, values: [Double]) throws -> ClosedRange<Double> {
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

  private func ticks(for axis: Axis, range: ClosedRange<Double>, target: Int) -> [Tick] {
    if let fixed = axis.ticks { return Ticks.fixed(fixed, in: range) }
    switch axis.scale {
    case .linear: return Ticks.linear(range, target: target)
    case .log10: return Ticks.log10(range, target: target)
    }
  }

  // MARK: Plot contents

  /// Column span `[x, x + u)` of a 1-point-wide line centred at pixel position `p`.
  private func lineStart(_ p: Double) -> Int { Int((p - Double(u) / 2).rounded()) }

  private func drawBands(plot: PixelRect, xScale: Scale) {
    for band in chart.bands {
      guard let (a, b) = bandColumns(band, plot: plot, xScale: xScale) else { continue }
      image.fill(PixelRect(minX: a, minY: plot.minY, maxX: b, maxY: plot.maxY), band.color)
    }
  }

  private func bandColumns(_ band: Band, plot: PixelRect, xScale: Scale) -> (Int, Int)? {
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

  private func drawGrid(plot: PixelRect, xTicks: [Tick], yTicks: [Tick], xScale: Scale, yScale: Scale) {
    if chart.x.grid {
      for t in xTicks where t.isMajor {
        let x = lineStart(xScale.pixel(t.value))
        guard x > plot.minX + u, x + u < plot.maxX - u else { continue }  // not against the frame
        image.fill(PixelRect(minX: x, minY: plot.minY, maxX: x + u, maxY: plot.maxY), .grid)
      }
    }
    if chart.y.grid {
      for t in yTicks where t.isMajor {
        let y = lineStart(yScale.pixel(t.value))
        guard y > plot.minY + u, y + u < plot.maxY - u else { continue }
        image.fill(PixelRect(minX: plot.minX, minY: y, maxX: plot.maxX, maxY: y + u), .grid)
      }
    }
  }

  private func drawReferenceLines(plot: PixelRect, xScale: Scale, yScale: Scale) {
    let dash = ipx(6)
    let gap = ipx(4)
    for line in chart.referenceLines {
      switch line.orientation {
      case .vertical:
        let p = xScale.pixel(line.value)
        guard p.isFinite, p >= Double(plot.minX), p <= Double(plot.maxX) else { continue }
        let x = min(max(lineStart(p), plot.minX), plot.maxX - u)
        var y = plot.minY
        while y < plot.maxY {
          let end = line.dashed ? min(y + dash, plot.maxY) : plot.maxY
          image.fill(PixelRect(minX: x, minY: y, maxX: x + u, maxY: end), line.color)
          y = end + gap
        }
      case .horizontal:
        let p = yScale.pixel(line.value)
        guard p.isFinite, p >= Double(plot.minY), p <= Double(plot.maxY) else { continue }
        let y = min(max(lineStart(p), plot.minY), plot.maxY - u)
        var x = plot.minX
        while x < plot.maxX {
          let end = line.dashed ? min(x + dash, plot.maxX) : plot.maxX
          image.fill(PixelRect(minX: x, minY: y, maxX: end, maxY: y + u), line.color)
          x = end + gap
        }
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

  private func seriesColor(_ index: Int) -> ChartColor {
    chart.series[index].color ?? ChartColor.series(index)
  }

  private func dashPattern(_ s: Series) -> (on: Double, off: Double)? {
    s.style == .dashed ? (on: px(3 * s.width + 2), off: px(2 * s.width + 1)) : nil
  }

  private func drawSeries(mask: inout CoverageMask, occupancy: inout [UInt8], xScale: Scale, yScale: Scale) {
    for (i, s) in chart.series.enumerated() {
      let halfWidth = px(s.width) / 2
      for run in PanelRenderer.runs(s, xScale: xScale, yScale: yScale) {
        mask.polyline(run, halfWidth: halfWidth, dash: dashPattern(s))
      }
      mask.composite(onto: image, color: seriesColor(i), occupancy: &occupancy)
    }
  }

  private func drawMarkers(mask: inout CoverageMask, occupancy: inout [UInt8], xScale: Scale, yScale: Scale) {
    for m in chart.markers {
      let p = Point(x: xScale.pixel(m.x), y: yScale.pixel(m.y))
      guard p.x.isFinite, p.y.isFinite else { continue }
      // A white ring first keeps the dot visible on a curve of the same colour.
      mask.disc(p, radius: px(m.radius + 1.5))
      mask.composite(onto: image, color: .white, occupancy: &occupancy)
      mask.disc(p, radius: px(m.radius))
      mask.composite(onto: image, color: m.color, occupancy: &occupancy)
    }
  }

  private func drawFrame(
    plot: PixelRect, xTicks: [Tick], yTicks: [Tick], xScale: Scale, yScale: Scale, tickLength: Int
  ) {
    let f = plot.insetBy(-u)  // the frame is the 1-point ring just outside the plot
    image.fill(PixelRect(minX: f.minX, minY: f.minY, maxX: f.maxX, maxY: plot.minY), .ink)
    image.fill(PixelRect(minX: f.minX, minY: plot.maxY, maxX: f.maxX, maxY: f.maxY), .ink)
    image.fill(PixelRect(minX: f.minX, minY: plot.minY, maxX: plot.minX, maxY: plot.maxY), .ink)
    image.fill(PixelRect(minX: plot.maxX, minY: plot.minY, maxX: f.maxX, maxY: plot.maxY), .ink)
    for t in xTicks {
      let p = xScale.pixel(t.value)
      guard p.isFinite else { continue }
      let x = min(max(lineStart(p), f.minX), f.maxX - u)
      let length = t.isMajor ? tickLength : tickLength * 3 / 5
      image.fill(PixelRect(minX: x, minY: f.maxY, maxX: x + u, maxY: f.maxY + length), .ink)
    }
    for t in yTicks {
      let p = yScale.pixel(t.value)
      guard p.isFinite else { continue }
      let y = min(max(lineStart(p), f.minY), f.maxY - u)
      let length = t.isMajor ? tickLength : tickLength * 3 / 5
      image.fill(PixelRect(minX: f.minX - length, minY: y, maxX: f.minX, maxY: y + u), .ink)
    }
  }

  // MARK: Tick labels

  /// The smallest stride `k` (keep every k-th label, keeping the label of 0
  /// when there is one) for which `fits` accepts the kept labels.
  private func thinned(_ count: Int, zeroIndex: Int?, fits: ([Int]) -> Bool) -> [Int] {
    guard count > 0 else { return [] }
    for k in 1...count {
      let offset = (zeroIndex ?? 0) % k
      let kept = Array(stride(from: offset, to: count, by: k))
      if fits(kept) { return kept }
    }
    return [zeroIndex ?? 0]
  }

  private mutating func drawXTickLabels(_ ticks: [Tick], scale: Scale, top: Int, baseline: Int) throws {
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
      occupied.append(try draw(majors[i].label, .tickLabel, baseline: boxes[i].minX - b.minX, baseline))
      diagnostics.xLabels.append(majors[i])
    }
  }

  private mutating func drawYTickLabels(_ ticks: [Tick], scale: Scale, right: Int, digitAscent: Int) throws {
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
      occupied.append(try draw(majors[i].label, .tickLabel, baseline: boxes[i].minX - b.minX, baseline))
      diagnostics.yLabels.append(majors[i])
    }
  }

  // MARK: Legend

  private mutating func drawLegend(plot: PixelRect, occupancy: [UInt8], mask: inout CoverageMask) throws {
    let entries = chart.series.indices.filter { !chart.series[$0].name.isEmpty }
    guard chart.legend != .none, !entries.isEmpty else { return }
    let m = try metrics(.legend)
    let rowHeight = m.ascent + m.descent + ipx(4)
    let sample = ipx(26)
    let inner = ipx(7)
    let textWidth = try entries.map { try box(chart.series[$0].name, .legend).width }.max() ?? 0
    let width = inner + sample + ipx(6) + textWidth + inner
    let height = inner + rowHeight * entries.count - ipx(4) + inner
    let inset = ipx(8)
    let left = plot.minX + inset
    let right = plot.maxX - inset - width
    let topY = plot.minY + inset
    let bottomY = plot.maxY - inset - height
    let midX = (plot.minX + plot.maxX - width) / 2
    let midY = (plot.minY + plot.maxY - height) / 2
    let corners: [LegendPlacement: (Int, Int)] = [
      .topRight: (right, topY), .topLeft: (left, topY), .bottomRight: (right, bottomY),
      .bottomLeft: (left, bottomY),
    ]
    let origin: (Int, Int)
    if let fixed = corners[chart.legend] {
      origin = fixed
    } else {
      // Fewest covered data pixels wins; ties keep this order.
      let candidates = [
        (right, topY), (left, topY), (right, bottomY), (left, bottomY), (midX, topY), (midX, bottomY),
        (right, midY), (left, midY),
      ]
      func cost(_ c: (Int, Int)) -> Int {
        PanelRenderer.covered(PixelRect(x: c.0, y: c.1, width: width, height: height), occupancy, plot: plot)
      }
      var best = candidates[0]
      var bestCost = Int.max
      for c in candidates {
        let k = cost(c)
        if k < bestCost {
          best = c
          bestCost = k
        }
      }
      origin = best
    }
    let rect = PixelRect(x: origin.0, y: origin.1, width: width, height: height)
    guard plot.contains(rect) else {
      diagnostics.dropped.append("legend")
      return
    }
    image.fill(rect, ChartColor(hex: 0xBBBBBB))
    image.fill(rect.insetBy(u), .white)
    var scratchOccupancy = [UInt8](repeating: 0, count: plot.width * plot.height)
    for (row, i) in entries.enumerated() {
      let s = chart.series[i]
      let baseline = rect.minY + inner + row * rowHeight + m.ascent
      let midline = Double(baseline) - Double(m.ascent) * 0.35
      let x0 = Double(rect.minX + inner)
      mask.polyline(
        [Point(x: x0, y: midline), Point(x: x0 + Double(sample), y: midline)],
        halfWidth: px(s.width) / 2, dash: dashPattern(s))
      mask.composite(onto: image, color: seriesColor(i), occupancy: &scratchOccupancy)
      try draw(s.name, .legend, baseline: rect.minX + inner + sample + ipx(6), baseline)
    }
    occupied.append(rect)
    diagnostics.legend = rect
  }

  /// How many data pixels (curves, markers) of `occupancy` lie in `rect`.
  static func covered(_ rect: PixelRect, _ occupancy: [UInt8], plot: PixelRect) -> Int {
    let r = rect.intersection(plot)
    guard !r.isEmpty else { return 0 }
    var n = 0
    for y in r.minY..<r.maxY {
      let base = (y - plot.minY) * plot.width - plot.minX
      for x in r.minX..<r.maxX { n += Int(occupancy[base + x]) }
    }
    return n
  }

  // MARK: In-plot labels

  /// Draws `text` at the candidate top-left corner whose box stays inside
  /// the plot, overlaps no other text or the legend, and covers the fewest
  /// curve pixels (ties: the earlier candidate); records it as dropped when
  /// no candidate qualifies.
  private mutating func place(
    _ text: String, _ style: TextStyle, plot: PixelRect, occupancy: [UInt8], candidates: [(Int, Int)]
  ) throws {
    guard !text.isEmpty else { return }
    let b = try box(text, style)
    let inside = plot.insetBy(ipx(2))
    var best: (Int, Int)? = nil
    var bestCost = Int.max
    for c in candidates {
      let r = PixelRect(x: c.0, y: c.1, width: b.width, height: b.height)
      guard inside.contains(r), !occupied.contains(where: { $0.intersects(r.insetBy(-ipx(2))) }) else { continue }
      let cost = PanelRenderer.covered(r.insetBy(-ipx(1)), occupancy, plot: plot)
      if cost < bestCost {
        best = c
        bestCost = cost
      }
    }
    guard let best else {
      diagnostics.dropped.append(text)
      return
    }
    occupied.append(try draw(text, style, boxOrigin: best))
  }

  private mutating func drawInPlotLabels(
    plot: PixelRect, xScale: Scale, yScale: Scale, occupancy: [UInt8]
  ) throws {
    let gap = ipx(5)
    for band in chart.bands where !band.label.isEmpty {
      guard let (a, b) = bandColumns(band, plot: plot, xScale: xScale) else { continue }
      let w = try box(band.label, .note).width
      let h = try box(band.label, .note).height
      let x = (a + b) / 2 - w / 2
      try place(band.label, .note, plot: plot, occupancy: occupancy, candidates: [
        (x, plot.minY + gap), (x, plot.maxY - gap - h), (a + gap, plot.minY + gap), (b - gap - w, plot.minY + gap),
      ])
    }
    for line in chart.referenceLines where !line.label.isEmpty {
      let b = try box(line.label, .note)
      switch line.orientation {
      case .vertical:
        let p = xScale.pixel(line.value)
        guard p.isFinite else { continue }
        let x = Int(p.rounded())
        try place(line.label, .note, plot: plot, occupancy: occupancy, candidates: [
          (x + gap, plot.minY + gap), (x - gap - b.width, plot.minY + gap),
          (x + gap, plot.maxY - gap - b.height), (x - gap - b.width, plot.maxY - gap - b.height),
        ])
      case .horizontal:
        let p = yScale.pixel(line.value)
        guard p.isFinite else { continue }
        let y = Int(p.rounded())
        try place(line.label, .note, plot: plot, occupancy: occupancy, candidates: [
          (plot.maxX - gap - b.width, y - gap - b.height), (plot.minX + gap, y - gap - b.height),
          (plot.maxX - gap - b.width, y + gap), (plot.minX + gap, y + gap),
        ])
      }
    }
    for m in chart.markers where !m.label.isEmpty {
      let x = xScale.pixel(m.x)
      let y = yScale.pixel(m.y)
      guard x.isFinite, y.isFinite else { continue }
      let b = try box(m.label, .note)
      let cx = Int(x.rounded())
      let cy = Int(y.rounded())
      let d = ipx(m.radius) + gap
      try place(m.label, .note, plot: plot, occupancy: occupancy, candidates: [
        (cx + d, cy - d - b.height), (cx + d, cy + d), (cx - d - b.width, cy - d - b.height),
        (cx - d - b.width, cy + d), (cx - b.width / 2, cy - d - b.height), (cx - b.width / 2, cy + d),
      ])
    }
    for a in chart.annotations {
      let x = xScale.pixel(a.x)
      let y = yScale.pixel(a.y)
      guard x.isFinite, y.isFinite else { continue }
      let style = TextStyle(size: TextStyle.note.size, color: a.color)
      let b = try box(a.text, style)
      let cx = Int(x.rounded())
      let cy = Int(y.rounded())
      let left = (cx + gap, cy - b.height / 2)
      let right = (cx - gap - b.width, cy - b.height / 2)
      let center = (cx - b.width / 2, cy - b.height / 2)
      let above = (cx - b.width / 2, cy - gap - b.height)
      let below = (cx - b.width / 2, cy + gap)
      let order: [(Int, Int)]
      switch a.anchor {
      case .left: order = [left, above, below, right]
      case .right: order = [right, above, below, left]
      case .center: order = [center, above, below]
      case .above: order = [above, below, left, right]
      case .below: order = [below, above, left, right]
      }
      try place(a.text, style, plot: plot, occupancy: occupancy, candidates: order)
    }
  }
}
