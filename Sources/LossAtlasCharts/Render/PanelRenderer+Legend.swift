// MARK: - Legend

extension PanelRenderer {
  /// One line of the legend: a sample of a line (or a thick swatch for a
  /// shaded region) and a name.
  struct LegendEntry {
    var name: String
    var color: ChartColor
    /// Line width in points.
    var width: Double
    var style: LineStyle
  }

  /// What the legend lists: the named series, or a ternary plot's named
  /// curves and regions.
  var legendEntries: [LegendEntry] {
    guard chart.legend != .none else { return [] }
    if let t = chart.ternary {
      let curves = t.curves.enumerated().filter { !$0.element.name.isEmpty }.map { i, c in
        LegendEntry(name: c.name, color: c.color ?? ChartColor.series(i), width: c.width, style: c.style)
      }
      let regions = t.regions.filter { !$0.name.isEmpty }.map { LegendEntry(name: $0.name, color: $0.color, width: 8, style: .solid) }
      return curves + regions
    }
    return chart.series.indices.filter { !chart.series[$0].name.isEmpty }.map { i in
      let s = chart.series[i]
      return LegendEntry(name: s.name, color: seriesColor(i), width: s.width, style: s.style)
    }
  }

  /// Sizes shared by the boxed legend and the row above the plot.
  struct LegendMetrics {
    var ascent: Int
    var rowHeight: Int
    var sample: Int
    var gap: Int
    var inner: Int
    var widths: [Int]
  }

  func legendMetrics() throws -> LegendMetrics {
    let m = try metrics(.legend)
    return LegendMetrics(
      ascent: m.ascent, rowHeight: m.ascent + m.descent + ipx(4), sample: ipx(26), gap: ipx(6), inner: ipx(7),
      widths: try legendEntries.map { try box($0.name, .legend).width })
  }

  /// The legend inside the plot: a fixed corner when the chart names one;
  /// else the free place (no curve or marker pixel under it) nearest the
  /// preferred corners, trying the four corners, the edge centres, then
  /// positions sliding along each edge. Returns false, drawing nothing,
  /// when the placement is automatic and no place is free: the panel is
  /// then laid out again with the legend above the plot.
  mutating func drawLegendInside(plot: PixelRect, occupancy: [UInt8]) throws -> Bool {
    let entries = legendEntries
    guard !entries.isEmpty else { return true }
    let lm = try legendMetrics()
    let width = lm.inner + lm.sample + lm.gap + (lm.widths.max() ?? 0) + lm.inner
    let height = lm.inner + lm.rowHeight * entries.count - ipx(4) + lm.inner
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
      // Corners and edge centres first (fewest covered data pixels wins;
      // ties keep this order), then every position along the edges.
      var candidates = [
        (right, topY), (left, topY), (right, bottomY), (left, bottomY), (midX, topY), (midX, bottomY),
        (right, midY), (left, midY),
      ]
      let step = ipx(8)
      if right > left {
        for x in stride(from: right, through: left, by: -step) { candidates += [(x, topY), (x, bottomY)] }
      }
      if bottomY > topY {
        for y in stride(from: topY, through: bottomY, by: step) { candidates += [(right, y), (left, y)] }
      }
      var best: (Int, Int)? = nil
      for c in candidates {
        let r = PixelRect(x: c.0, y: c.1, width: width, height: height)
        guard plot.contains(r), !occupied.contains(where: { $0.intersects(r) }) else { continue }
        if PanelRenderer.covered(r, occupancy, plot: plot) == 0 {
          best = c
          break
        }
      }
      guard let best else { return false }
      origin = best
    }
    let rect = PixelRect(x: origin.0, y: origin.1, width: width, height: height)
    guard plot.contains(rect) else {
      diagnostics.dropped.append("legend")
      return true
    }
    canvas.fill(rect, ChartColor(hex: 0xBBBBBB), .legendBox)
    canvas.fill(rect.insetBy(u), .white, .legendBox)
    for (row, e) in entries.enumerated() {
      let baseline = rect.minY + lm.inner + row * lm.rowHeight + lm.ascent
      try drawLegendEntry(e, x: rect.minX + lm.inner, baseline: baseline, metrics: lm)
    }
    occupied.append(rect)
    diagnostics.legend = rect
    return true
  }

  /// The entries laid out in rows above the plot, centred on it, each row
  /// as wide as fits in `width`: the rows' widths and entry indices.
  func legendRows(width: Int) throws -> [(width: Int, entries: [Int])] {
    let lm = try legendMetrics()
    let spacing = ipx(14)
    var rows: [(width: Int, entries: [Int])] = []
    for k in legendEntries.indices {
      let w = lm.sample + lm.gap + lm.widths[k]
      if var last = rows.last, last.width + spacing + w <= width {
        last.width += spacing + w
        last.entries.append(k)
        rows[rows.count - 1] = last
      } else {
        rows.append((w, [k]))
      }
    }
    return rows
  }

  /// Height of the legend rows above the plot, for the vertical layout.
  func legendRowsHeight(width: Int) throws -> Int {
    let rows = try legendRows(width: width)
    guard !rows.isEmpty else { return 0 }
    return try legendMetrics().rowHeight * rows.count
  }

  /// Draws the legend as rows of entries in `area` (above the plot, below
  /// the titles), centred on the plot.
  mutating func drawLegendAbove(area: PixelRect, plot: PixelRect) throws {
    let lm = try legendMetrics()
    let rows = try legendRows(width: cell.width - 2 * ipx(10))
    let spacing = ipx(14)
    for (r, row) in rows.enumerated() {
      var x = min(max((plot.minX + plot.maxX - row.width) / 2, cell.minX + ipx(2)), cell.maxX - ipx(2) - row.width)
      let baseline = area.minY + r * lm.rowHeight + lm.ascent
      let entries = legendEntries
      for k in row.entries {
        try drawLegendEntry(entries[k], x: x, baseline: baseline, metrics: lm)
        x += lm.sample + lm.gap + lm.widths[k] + spacing
      }
    }
    occupied.append(area)
    diagnostics.legend = area
  }

  /// One entry: a sample of the series' line, then its name.
  mutating func drawLegendEntry(_ e: LegendEntry, x: Int, baseline: Int, metrics lm: LegendMetrics) throws {
    let midline = Double(baseline) - Double(lm.ascent) * 0.35
    let x0 = Double(x)
    // The sample is stroked through a mask of its own (an entry above the
    // plot lies outside the plot's mask), just larger than the stroke.
    let reach = Int((px(e.width) / 2).rounded(.up)) + 2
    let clip = PixelRect(
      minX: x - reach, minY: Int(midline.rounded(.down)) - reach, maxX: x + lm.sample + reach,
      maxY: Int(midline.rounded(.up)) + reach)
    var sampleMask = CoverageMask(clip: clip, levels: levels)
    var scratch = [UInt8](repeating: 0, count: clip.width * clip.height)
    canvas.stroke(
      [[Point(x: x0, y: midline), Point(x: x0 + Double(lm.sample), y: midline)]], halfWidth: px(e.width) / 2,
      dash: dashPattern(width: e.width, style: e.style), color: e.color, role: .legendSample, mask: &sampleMask,
      occupancy: &scratch)
    try draw(e.name, .legend, baseline: x + lm.sample + lm.gap, baseline, role: .legendText)
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
}
