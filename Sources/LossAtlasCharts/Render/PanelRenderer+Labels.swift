#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

// MARK: - In-plot labels

extension PanelRenderer {
  /// Draws `text` at the first candidate top-left corner whose box stays
  /// inside the plot, overlaps no other text or the legend, is crossed by
  /// no reference line and covers no curve or marker pixel; then the first
  /// such place of `more` (wider searches, nearest first). When no place is
  /// free, the allowed candidate covering the fewest data pixels is used;
  /// when none is allowed at all, the label is recorded as dropped.
  mutating func place(
    _ text: String, _ style: TextStyle, plot: PixelRect, occupancy: [UInt8], candidates: [(Int, Int)],
    more: [(Int, Int)] = []
  ) throws {
    guard !text.isEmpty else { return }
    let b = try box(text, style)
    let inside = plot.insetBy(ipx(2))
    var best: (Int, Int)? = nil
    var bestCost = Int.max
    for c in candidates + more {
      let r = PixelRect(x: c.0, y: c.1, width: b.width, height: b.height)
      guard inside.contains(r), !occupied.contains(where: { $0.intersects(r.insetBy(-ipx(2))) }),
        !rules.contains(where: { $0.intersects(r.insetBy(-ipx(1))) })
      else { continue }
      let cost = PanelRenderer.covered(r.insetBy(-ipx(1)), occupancy, plot: plot)
      if cost < bestCost {
        best = c
        bestCost = cost
        if cost == 0 { break }
      }
    }
    guard let best else {
      diagnostics.dropped.append(text)
      return
    }
    occupied.append(try draw(text, style, boxOrigin: best, role: .note))
  }

  /// Top-left corners for a box of `size` centred on rings around
  /// `centre`, nearest ring first: radius 4, 8, ... 200 points, 32 directions.
  func rings(around centre: (Int, Int), size: (Int, Int)) -> [(Int, Int)] {
    var out: [(Int, Int)] = []
    for r in stride(from: 4, through: 200, by: 4) {
      for k in 0..<32 {
        let a = Double(k) * Double.pi / 16
        let x = Double(centre.0) + px(Double(r)) * cos(a)
        let y = Double(centre.1) - px(Double(r)) * sin(a)
        out.append((Int(x.rounded()) - size.0 / 2, Int(y.rounded()) - size.1 / 2))
      }
    }
    return out
  }

  mutating func drawInPlotLabels(plot: PixelRect, xScale: Scale, yScale: Scale, occupancy: [UInt8]) throws {
    let gap = ipx(5)
    let step = ipx(6)
    for band in chart.bands where !band.label.isEmpty {
      guard let (a, b) = bandColumns(band, plot: plot, xScale: xScale) else { continue }
      let size = try box(band.label, .note)
      let (w, h) = (size.width, size.height)
      let x = (a + b) / 2 - w / 2
      // Further down the band, then anywhere near its top.
      let down = stride(from: plot.minY + gap + step, to: plot.maxY - gap - h, by: step).map { (x, $0) }
      try place(band.label, .note, plot: plot, occupancy: occupancy, candidates: [
        (x, plot.minY + gap), (x, plot.maxY - gap - h), (a + gap, plot.minY + gap), (b - gap - w, plot.minY + gap),
      ], more: down + rings(around: ((a + b) / 2, plot.minY + gap + h / 2), size: (w, h)))
    }
    for line in chart.referenceLines where !line.label.isEmpty {
      let b = try box(line.label, .note)
      switch line.orientation {
      case .vertical:
        let p = xScale.pixel(line.value)
        guard p.isFinite else { continue }
        let x = Int(p.rounded())
        // Beside the line at the top or bottom, then further along it.
        let along = stride(from: plot.minY + gap + step, to: plot.maxY - gap - b.height, by: step).flatMap {
          [(x + gap, $0), (x - gap - b.width, $0)]
        }
        try place(line.label, .note, plot: plot, occupancy: occupancy, candidates: [
          (x + gap, plot.minY + gap), (x - gap - b.width, plot.minY + gap),
          (x + gap, plot.maxY - gap - b.height), (x - gap - b.width, plot.maxY - gap - b.height),
        ], more: along)
      case .horizontal:
        let p = yScale.pixel(line.value)
        guard p.isFinite else { continue }
        let y = Int(p.rounded())
        let along = stride(from: plot.maxX - gap - b.width - step, to: plot.minX + gap, by: -step).flatMap {
          [($0, y - gap - b.height), ($0, y + gap)]
        }
        try place(line.label, .note, plot: plot, occupancy: occupancy, candidates: [
          (plot.maxX - gap - b.width, y - gap - b.height), (plot.minX + gap, y - gap - b.height),
          (plot.maxX - gap - b.width, y + gap), (plot.minX + gap, y + gap),
        ], more: along)
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
      ], more: [(cx - d - b.width, cy - b.height / 2), (cx + d, cy - b.height / 2)] + rings(around: (cx, cy), size: (b.width, b.height)))
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
      try place(a.text, style, plot: plot, occupancy: occupancy, candidates: order,
        more: rings(around: (cx, cy), size: (b.width, b.height)))
    }
  }
}
