// MARK: - CoverageMask

/// Anti-aliased thick strokes, computed as a coverage mask and then blended
/// over the image in one colour.
///
/// Why not libgd's own lines: `gdAntiAliased` lines are 1 px wide whatever
/// `gdImageSetThickness` says, and thick non-anti-aliased lines are jagged.
/// The usual work-arounds (drawing at 2x and downsampling with
/// `gdImageCopyResampled`, or stroking parallel 1 px anti-aliased lines)
/// are either slow or blend the same pixel several times where segments
/// meet, darkening every joint of a 2001-point curve. Here a pixel's
/// coverage is the distance from its centre to the nearest segment
/// (`halfWidth + 0.5 - d`, clamped to 0...1, the usual area estimate for a
/// round-capped line), and overlapping segments of one series combine by
/// `max`, so joints are seamless and a curve is blended exactly once.
///
/// Coverage is stored rounded to `levels` steps. Fewer steps mean fewer
/// distinct colours (each series adds at most `levels` tints per colour it
/// crosses), which lets most charts be written as exact palette PNGs; 16
/// steps are visually indistinguishable from 256 on a 2 px line.
struct CoverageMask {
  /// Image pixels the mask covers; nothing outside is ever drawn (the plot frame).
  let clip: PixelRect
  /// Number of coverage steps (level `levels` = fully covered).
  let levels: Int
  private var cells: [UInt8]
  private var dirty: PixelRect?

  init(clip: PixelRect, levels: Int) {
    self.clip = clip
    self.levels = levels
    cells = [UInt8](repeating: 0, count: max(clip.width, 0) * max(clip.height, 0))
  }

  // MARK: Shapes

  /// Adds a round-capped segment of width `2 * halfWidth` from `a` to `b`.
  mutating func stroke(_ a: Point, _ b: Point, halfWidth: Double) {
    let reach = halfWidth + 0.5  // beyond this distance coverage is 0
    let dx = b.x - a.x
    let dy = b.y - a.y
    let length2 = dx * dx + dy * dy
    let yLo = max(clip.minY, Int((min(a.y, b.y) - reach).rounded(.down)))
    let yHi = min(clip.maxY - 1, Int((max(a.y, b.y) + reach).rounded(.up)))
    guard yLo <= yHi else { return }
    var touched = false
    for py in yLo...yHi {
      let cy = Double(py) + 0.5
      // The part of the segment within `reach` of this row, as parameters t.
      var tLo = 0.0
      var tHi = 1.0
      if abs(dy) > 1e-12 {
        let t0 = (cy - reach - a.y) / dy
        let t1 = (cy + reach - a.y) / dy
        tLo = min(max(min(t0, t1), 0), 1)
        tHi = min(max(max(t0, t1), 0), 1)
      }
      let xA = a.x + tLo * dx
      let xB = a.x + tHi * dx
      let xLo = max(clip.minX, Int((min(xA, xB) - reach).rounded(.down)))
      let xHi = min(clip.maxX - 1, Int((max(xA, xB) + reach).rounded(.up)))
      guard xLo <= xHi else { continue }
      let rowBase = (py - clip.minY) * clip.width - clip.minX
      for px in xLo...xHi {
        let cx = Double(px) + 0.5
        // Distance from the pixel centre to the segment.
        var t = length2 > 0 ? ((cx - a.x) * dx + (cy - a.y) * dy) / length2 : 0
        t = min(max(t, 0), 1)
        let ex = cx - (a.x + t * dx)
        let ey = cy - (a.y + t * dy)
        let coverage = halfWidth + 0.5 - (ex * ex + ey * ey).squareRoot()
        guard coverage > 0 else { continue }
        let level = UInt8(min(Int(coverage * Double(levels) + 0.5), levels))
        if level > cells[rowBase + px] {
          cells[rowBase + px] = level
          touched = true
        }
      }
    }
    if touched {
      let box = PixelRect(
        minX: max(clip.minX, Int((min(a.x, b.x) - reach).rounded(.down))), minY: yLo,
        maxX: min(clip.maxX, Int((max(a.x, b.x) + reach).rounded(.up)) + 1), maxY: yHi + 1)
      markDirty(box)
    }
  }

  /// Adds a filled disc (a marker).
  mutating func disc(_ centre: Point, radius: Double) {
    stroke(centre, centre, halfWidth: radius)
  }

  /// Adds a polyline (one unbroken run of points), optionally dashed with a
  /// pattern `(on, off)` in pixels that continues across the run's segments.
  /// Segments are first clipped to the mask's clip rectangle widened by the
  /// stroke's reach, so far-off points cost nothing and a curve leaving the
  /// range is cut cleanly at the frame.
  mutating func polyline(_ run: [Point], halfWidth: Double, dash: (on: Double, off: Double)? = nil) {
    guard run.count >= 2 else {
      if let p = run.first { stroke(p, p, halfWidth: halfWidth) }
      return
    }
    let margin = halfWidth + 2
    let x0 = Double(clip.minX) - margin
    let y0 = Double(clip.minY) - margin
    let x1 = Double(clip.maxX) + margin
    let y1 = Double(clip.maxY) + margin
    var phase = 0.0  // position in the dash period at the start of the current segment
    for i in 1..<run.count {
      let a = run[i - 1]
      let b = run[i]
      let length = ((b.x - a.x) * (b.x - a.x) + (b.y - a.y) * (b.y - a.y)).squareRoot()
      if let (t0, t1) = clipParameters(a, b, x0: x0, y0: y0, x1: x1, y1: y1) {
        if let dash, length > 0 {
          dashed(a, b, from: t0 * length, to: t1 * length, length: length, phase: phase, dash: dash, halfWidth: halfWidth)
        } else {
          stroke(point(a, b, t0), point(a, b, t1), halfWidth: halfWidth)
        }
      }
      if let dash { phase = (phase + length).truncatingRemainder(dividingBy: dash.on + dash.off) }
    }
  }

  /// Strokes the "on" parts of the dash pattern between arc lengths `s0` and
  /// `s1` of the segment `a`-`b` whose start sits at `phase` in the pattern.
  private mutating func dashed(
    _ a: Point, _ b: Point, from s0: Double, to s1: Double, length: Double, phase: Double,
    dash: (on: Double, off: Double), halfWidth: Double
  ) {
    let period = dash.on + dash.off
    // Start of the first period that can overlap [s0, s1], in segment arc length.
    var start = ((s0 + phase) / period).rounded(.down) * period - phase
    while start < s1 {
      let lo = max(start, s0)
      let hi = min(start + dash.on, s1)
      if hi > lo { stroke(point(a, b, lo / length), point(a, b, hi / length), halfWidth: halfWidth) }
      start += period
    }
  }

  /// Adds a filled polygon (even-odd rule). Coverage is exact across each
  /// pixel row (spans are summed by their length) and sampled on 4
  /// sub-rows down it.
  mutating func polygon(_ points: [Point]) {
    guard points.count >= 3 else { return }
    let ys = points.map(\.y)
    let xs = points.map(\.x)
    let yLo = max(clip.minY, Int(ys.min()!.rounded(.down)))
    let yHi = min(clip.maxY - 1, Int(ys.max()!.rounded(.up)))
    let xLo = max(clip.minX, Int(xs.min()!.rounded(.down)))
    let xHi = min(clip.maxX - 1, Int(xs.max()!.rounded(.up)))
    guard yLo <= yHi, xLo <= xHi else { return }
    let subRows = 4
    var row = [Double](repeating: 0, count: xHi - xLo + 2)
    for py in yLo...yHi {
      for k in 0..<row.count { row[k] = 0 }
      for s in 0..<subRows {
        let y = Double(py) + (Double(s) + 0.5) / Double(subRows)
        var crossings: [Double] = []
        for i in points.indices {
          let a = points[i]
          let b = points[(i + 1) % points.count]
          if (a.y <= y) != (b.y <= y) {
            crossings.append(a.x + (y - a.y) / (b.y - a.y) * (b.x - a.x))
          }
        }
        crossings.sort()
        var i = 0
        while i + 1 < crossings.count {
          let x0 = max(crossings[i], Double(xLo))
          let x1 = min(crossings[i + 1], Double(xHi + 1))
          if x1 > x0 {
            // Each pixel column c covers [c, c + 1).
            var c = Int(x0.rounded(.down))
            while Double(c) < x1 {
              let overlap = min(x1, Double(c + 1)) - max(x0, Double(c))
              if overlap > 0 { row[c - xLo] += overlap / Double(subRows) }
              c += 1
            }
          }
          i += 2
        }
      }
      let rowBase = (py - clip.minY) * clip.width - clip.minX
      for px in xLo...xHi {
        let level = UInt8(min(Int(row[px - xLo] * Double(levels) + 0.5), levels))
        if level > cells[rowBase + px] { cells[rowBase + px] = level }
      }
    }
    markDirty(PixelRect(minX: xLo, minY: yLo, maxX: xHi + 1, maxY: yHi + 1))
  }

  private func point(_ a: Point, _ b: Point, _ t: Double) -> Point {
    Point(x: a.x + t * (b.x - a.x), y: a.y + t * (b.y - a.y))
  }

  private mutating func markDirty(_ box: PixelRect) {
    guard let d = dirty else {
      dirty = box
      return
    }
    dirty = PixelRect(
      minX: min(d.minX, box.minX), minY: min(d.minY, box.minY), maxX: max(d.maxX, box.maxX),
      maxY: max(d.maxY, box.maxY))
  }

  // MARK: Output

  /// Marks every covered pixel in `occupancy` and clears the mask, drawing
  /// nothing (the layout of an SVG, or a check, needs only where data lies).
  mutating func composite(occupancy: inout [UInt8]) {
    guard let box = dirty?.intersection(clip), !box.isEmpty else {
      dirty = nil
      return
    }
    for py in box.minY..<box.maxY {
      let rowBase = (py - clip.minY) * clip.width - clip.minX
      for px in box.minX..<box.maxX where cells[rowBase + px] > 0 {
        occupancy[rowBase + px] = 1
        cells[rowBase + px] = 0
      }
    }
    dirty = nil
  }

  /// Blends the accumulated coverage over `image` in `color`, marks every
  /// covered pixel in `occupancy` (a plot-sized grid used to place the
  /// legend), and clears the mask for the next shape.
  mutating func composite(onto image: GDImage, color: ChartColor, occupancy: inout [UInt8]) {
    guard let box = dirty?.intersection(clip), !box.isEmpty else {
      dirty = nil
      return
    }
    for py in box.minY..<box.maxY {
      let rowBase = (py - clip.minY) * clip.width - clip.minX
      for px in box.minX..<box.maxX {
        let level = Int(cells[rowBase + px])
        guard level > 0 else { continue }
        image.blend(px, py, color, level: level, levels: levels)
        occupancy[rowBase + px] = 1
        cells[rowBase + px] = 0
      }
    }
    dirty = nil
  }
}
