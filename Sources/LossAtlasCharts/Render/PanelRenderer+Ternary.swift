// MARK: - Ternary plot

extension PanelRenderer {
  /// Draws a ``TernaryPlot``: the equilateral triangle as large as the
  /// panel allows under its title and legend, vertex A bottom-left, B
  /// bottom-right, C on top, so that the point (a, b, c) is
  /// `a·A + b·B + c·C`. Back to front: regions, grid lines (parallel to
  /// each side at every `gridStep`), the triangle's sides, curves, points;
  /// then the vertex names, the legend above the triangle, and the labels
  /// of regions (at their centre) and points (where they cover nothing).
  mutating func drawTernary(_ t: TernaryPlot) throws {
    let pad = ipx(10)
    var top = cell.minY + pad
    let header = try layoutHeader(top: &top)
    var legendArea: PixelRect? = nil
    if !legendEntries.isEmpty {
      let h = try legendRowsHeight(width: cell.width - 2 * pad)
      legendArea = PixelRect(minX: cell.minX + pad, minY: top + ipx(2), maxX: cell.maxX - pad, maxY: top + ipx(2) + h)
      top += h + ipx(2)
    }
    let label = try metrics(.axisLabel)
    let labelRow = label.ascent + label.descent + ipx(6)
    // Room for the top vertex's name above the apex, the others below the base.
    let available = PixelRect(
      minX: cell.minX + pad, minY: top + ipx(6) + labelRow, maxX: cell.maxX - pad, maxY: cell.maxY - pad - labelRow)
    guard available.width >= ipx(60), available.height >= ipx(52) else {
      throw ChartError.invalidFigure("panel '\(chart.title)' is too small for a ternary plot (\(cell.width)x\(cell.height) px)")
    }
    let root3 = 3.0.squareRoot()
    let side = min(Double(available.width), Double(available.height) * 2 / root3)
    let height = side * root3 / 2
    let cx = Double(available.minX + available.maxX) / 2
    let base = Double(available.minY) + (Double(available.height) + height) / 2
    let a = Point(x: cx - side / 2, y: base)
    let b = Point(x: cx + side / 2, y: base)
    let c = Point(x: cx, y: base - height)
    func pixel(_ p: Barycentric) -> Point {
      Point(x: p.a * a.x + p.b * b.x + p.c * c.x, y: p.a * a.y + p.b * b.y + p.c * c.y)
    }
    // The triangle's bounding box plays the plot: labels stay inside it,
    // strokes are cut at it (widened by a point for the sides' width).
    let plot = PixelRect(
      minX: Int(a.x.rounded(.down)) - u, minY: Int(c.y.rounded(.down)) - u, maxX: Int(b.x.rounded(.up)) + u,
      maxY: Int(base.rounded(.up)) + u)
    diagnostics.plot = plot
    diagnostics.triangle = [a, b, c]
    var occupancy = [UInt8](repeating: 0, count: plot.width * plot.height)
    var scratch = [UInt8](repeating: 0, count: plot.width * plot.height)
    var mask = CoverageMask(clip: plot, levels: levels)

    for r in t.regions {
      let corners = r.corners.filter(\.isDrawable).map(pixel)
      guard corners.count >= 3 else { continue }
      canvas.polygon(corners, color: r.color, role: .region, mask: &mask, occupancy: &scratch)
    }
    if t.gridStep > 0 {
      var lines: [[Point]] = []
      var k = t.gridStep
      while k < 1 - 1e-9 {
        lines.append([pixel(Barycentric(k, 1 - k, 0)), pixel(Barycentric(k, 0, 1 - k))])  // a = k
        lines.append([pixel(Barycentric(1 - k, k, 0)), pixel(Barycentric(0, k, 1 - k))])  // b = k
        lines.append([pixel(Barycentric(1 - k, 0, k)), pixel(Barycentric(0, 1 - k, k))])  // c = k
        k += t.gridStep
      }
      canvas.stroke(lines, halfWidth: px(0.5), dash: nil, color: .grid, role: .grid, mask: &mask, occupancy: &scratch)
    }
    canvas.stroke([[a, b, c, a]], halfWidth: px(0.5), dash: nil, color: .ink, role: .frame, mask: &mask, occupancy: &scratch)
    for (i, curve) in t.curves.enumerated() {
      var runs: [[Point]] = []
      var run: [Point] = []
      for p in curve.points {
        if p.isDrawable {
          run.append(pixel(p))
        } else if !run.isEmpty {
          runs.append(run)
          run = []
        }
      }
      if !run.isEmpty { runs.append(run) }
      canvas.stroke(
        runs, halfWidth: px(curve.width) / 2, dash: dashPattern(width: curve.width, style: curve.style),
        color: curve.color ?? ChartColor.series(i), role: .series(i), mask: &mask, occupancy: &occupancy)
    }
    for p in t.points where p.at.isDrawable {
      let q = pixel(p.at)
      canvas.disc(q, radius: px(p.radius + 1.5), color: .white, role: .marker, mask: &mask, occupancy: &occupancy)
      canvas.disc(q, radius: px(p.radius), color: p.color, role: .marker, mask: &mask, occupancy: &occupancy)
    }

    // Vertex names: A and B under their corners (kept inside the cell), C above the apex.
    let gap = ipx(6)
    for (k, name) in t.vertexLabels.enumerated() where !name.isEmpty {
      let bx = try box(name, .axisLabel)
      let corner = [a, b, c][k]
      let baseline = k == 2 ? Int(corner.y.rounded()) - gap - label.descent : Int(corner.y.rounded()) + gap + label.ascent
      let x = clampStart(Int(corner.x.rounded()) - bx.width / 2, width: bx.width)
      occupied.append(try draw(name, .axisLabel, baseline: x - bx.minX, baseline, alignment: .middle, role: .axisLabel))
    }
    try drawHeader(header, centre: Int(cx.rounded()))
    if let area = legendArea { try drawLegendAbove(area: area, plot: plot) }

    for r in t.regions where !r.label.isEmpty {
      let corners = r.corners.filter(\.isDrawable).map(pixel)
      guard !corners.isEmpty else { continue }
      let centre = (
        Int((corners.map(\.x).reduce(0, +) / Double(corners.count)).rounded()),
        Int((corners.map(\.y).reduce(0, +) / Double(corners.count)).rounded())
      )
      let bx = try box(r.label, .note)
      try place(
        r.label, .note, plot: plot, occupancy: occupancy,
        candidates: [(centre.0 - bx.width / 2, centre.1 - bx.height / 2)],
        more: rings(around: centre, size: (bx.width, bx.height)))
    }
    for p in t.points where p.at.isDrawable && !p.label.isEmpty {
      let q = pixel(p.at)
      let bx = try box(p.label, .note)
      let (x, y) = (Int(q.x.rounded()), Int(q.y.rounded()))
      let d = ipx(p.radius) + gap
      try place(
        p.label, .note, plot: plot, occupancy: occupancy,
        candidates: [(x + d, y - d - bx.height), (x - d - bx.width, y - d - bx.height), (x + d, y + d), (x - d - bx.width, y + d)],
        more: rings(around: (x, y), size: (bx.width, bx.height)))
    }
  }
}
