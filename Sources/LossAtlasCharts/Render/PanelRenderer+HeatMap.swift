// MARK: - Heat map and colour bar

extension PanelRenderer {
  /// Sizes of the colour bar right of the plot.
  struct ColorBarLayout {
    var gap: Int
    var width: Int
    var tickLength: Int
    var labelGap: Int
    var ticks: [Tick]
    var tickLabelWidth: Int
    var titleWidth: Int
  }

  func colorBarLayout(_ h: HeatMap) throws -> ColorBarLayout {
    let ticks = Ticks.linear(h.valueRange, target: 5)
    let widths = try ticks.map { try box($0.label, .tickLabel).width }
    let title = h.label.isEmpty ? 0 : try box(h.label, .axisLabel, angle: Double.pi / 2).width
    return ColorBarLayout(
      gap: ipx(14), width: ipx(14), tickLength: ipx(4), labelGap: ipx(3), ticks: ticks,
      tickLabelWidth: widths.max() ?? 0, titleWidth: title)
  }

  /// The room the colour bar takes right of the plot (beyond the usual margin).
  func colorBarSpace(_ h: HeatMap) throws -> Int {
    let l = try colorBarLayout(h)
    return l.gap + l.width + l.tickLength + l.labelGap + l.tickLabelWidth + (l.titleWidth > 0 ? ipx(6) + l.titleWidth : 0)
  }

  /// The grid's colours stretched over its extents (nearest cell), cut at the plot.
  func drawHeatMap(_ h: HeatMap, plot: PixelRect, xScale: Scale, yScale: Scale) {
    let rect = PixelRect(
      minX: Int(xScale.pixel(h.x.lowerBound).rounded()), minY: Int(yScale.pixel(h.y.upperBound).rounded()),
      maxX: Int(xScale.pixel(h.x.upperBound).rounded()), maxY: Int(yScale.pixel(h.y.lowerBound).rounded()))
    guard !rect.isEmpty else { return }
    // Raster row 0 is the top: the grid's last row.
    var colors: [ChartColor] = []
    colors.reserveCapacity(h.values.count)
    for j in stride(from: h.rows - 1, through: 0, by: -1) {
      for i in 0..<h.columns { colors.append(h.color(of: h.values[j * h.columns + i]) ?? .white) }
    }
    canvas.raster(SceneRaster(rect: rect, clip: plot, columns: h.columns, rows: h.rows, colors: colors, role: .heatMap))
  }

  /// Contour lines at each level: a paper-coloured halo under a thin ink
  /// line, so that they read on the dark and the light end of the map.
  func drawContours(_ h: HeatMap, xScale: Scale, yScale: Scale, mask: inout CoverageMask, occupancy: inout [UInt8]) {
    let dx = (h.x.upperBound - h.x.lowerBound) / Double(h.columns)
    let dy = (h.y.upperBound - h.y.lowerBound) / Double(h.rows)
    var scratch = [UInt8](repeating: 0, count: mask.clip.width * mask.clip.height)
    for level in h.contours {
      let lines = Contours.lines(values: h.values, columns: h.columns, rows: h.rows, level: level)
      let runs = lines.map { line in
        line.map { p in
          Point(
            x: xScale.pixel(h.x.lowerBound + (p.x + 0.5) * dx), y: yScale.pixel(h.y.lowerBound + (p.y + 0.5) * dy))
        }
      }
      guard !runs.isEmpty else { continue }
      canvas.stroke(runs, halfWidth: px(1.3), dash: nil, color: .white, role: .contourHalo, mask: &mask, occupancy: &scratch)
      canvas.stroke(runs, halfWidth: px(0.5), dash: nil, color: .ink, role: .contour, mask: &mask, occupancy: &occupancy)
    }
  }

  /// The colour bar: the map from the lowest value (bottom) to the highest,
  /// framed, with nice ticks and their labels on its right, a line across
  /// it at each contour level, and its title turned upwards beyond.
  mutating func drawColorBar(_ h: HeatMap, plot: PixelRect) throws {
    let l = try colorBarLayout(h)
    let bar = PixelRect(minX: plot.maxX + l.gap, minY: plot.minY, maxX: plot.maxX + l.gap + l.width, maxY: plot.maxY)
    let colors = h.colorMap.colors.reversed().map { $0 }
    canvas.raster(SceneRaster(rect: bar, clip: bar, columns: 1, rows: colors.count, colors: colors, role: .colorBar))
    let range = h.valueRange
    let scale = Scale(kind: .linear, range: range, start: Double(bar.maxY), end: Double(bar.minY))
    for level in h.contours where range.contains(level) {
      let y = min(max(lineStart(scale.pixel(level)), bar.minY), bar.maxY - u)
      canvas.fill(PixelRect(minX: bar.minX, minY: y, maxX: bar.maxX, maxY: y + u), .ink, .tick)
    }
    let f = bar.insetBy(-u)
    canvas.fill(PixelRect(minX: f.minX, minY: f.minY, maxX: f.maxX, maxY: bar.minY), .ink, .frame)
    canvas.fill(PixelRect(minX: f.minX, minY: bar.maxY, maxX: f.maxX, maxY: f.maxY), .ink, .frame)
    canvas.fill(PixelRect(minX: f.minX, minY: bar.minY, maxX: bar.minX, maxY: bar.maxY), .ink, .frame)
    canvas.fill(PixelRect(minX: bar.maxX, minY: bar.minY, maxX: f.maxX, maxY: bar.maxY), .ink, .frame)
    let digitAscent = -(try box("0123456789", .tickLabel).minY)
    var lastTop = Int.max
    for t in l.ticks where range.contains(t.value) {
      // Bottom to top; a label that would touch the one below is left out.
      let y = Int(scale.pixel(t.value).rounded())
      canvas.fill(PixelRect(minX: f.maxX, minY: y, maxX: f.maxX + l.tickLength, maxY: y + u), .ink, .tick)
      let b = try box(t.label, .tickLabel)
      let baseline = y + digitAscent / 2
      let boxTop = baseline + b.minY
      guard baseline + b.maxY + ipx(2) <= lastTop, boxTop >= cell.minY, baseline + b.maxY <= cell.maxY else { continue }
      let x = f.maxX + l.tickLength + l.labelGap
      occupied.append(try draw(t.label, .tickLabel, baseline: x - b.minX, baseline, role: .colorBarLabel))
      lastTop = boxTop
    }
    if !h.label.isEmpty {
      let b = try box(h.label, .axisLabel, angle: Double.pi / 2)
      let x = f.maxX + l.tickLength + l.labelGap + l.tickLabelWidth + ipx(6)
      let y = max(cell.minY, (bar.minY + bar.maxY) / 2 - b.height / 2)
      occupied.append(
        try draw(h.label, .axisLabel, boxOrigin: (x, y), angle: Double.pi / 2, alignment: .middle, role: .colorBarLabel))
    }
    diagnostics.colorBar = bar
  }
}
