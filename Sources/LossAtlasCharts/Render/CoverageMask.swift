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

  /// The cells and the dirty box (what the equivalence tests compare).
  var state: (cells: [UInt8], dirty: PixelRect?) { (cells, dirty) }

  // MARK: Shapes

  /// Adds a round-capped segment of width `2 * halfWidth` from `a` to `b`.
  ///
  /// A pixel's coverage is `reach - d` with `reach = halfWidth + 0.5` and
  /// `d` the distance from its centre to the segment, `d = |c - (a + t (b - a))|`,
  /// `t = clamp(((c - a) · (b - a)) / |b - a|², 0, 1)`, stored as the level
  /// `min(Int(coverage * levels + 0.5), levels)` when it beats the cell's.
  ///
  /// The arithmetic of every level that is stored is exactly the one above
  /// (the same operations in the same order, so the same bits); the work
  /// saved is only work whose result cannot be stored:
  /// - a full cell is never revisited (no level exceeds `levels`);
  /// - a pixel whose squared distance is safely above what its cell's next
  ///   level needs is rejected before the square root (``rejectBound``);
  /// - `t` is 0 or 1 without the division when the projection's numerator
  ///   is `<= 0` or `>= |b - a|²` (the quotient would be clamped to that);
  /// - the row's term `(c.y - a.y) (b.y - a.y)` is computed once per row;
  /// - cells are addressed through one unsafe buffer (no per-pixel bounds
  ///   or uniqueness check).
  /// `CoverageMaskEquivalenceTests` pins the mask against the previous
  /// implementation, kept verbatim in the test.
  mutating func stroke(_ a: Point, _ b: Point, halfWidth: Double) {
    stroke(a, b, halfWidth: halfWidth, rejectAbove: rejectBounds(halfWidth: halfWidth))
  }

  /// The ``rejectBounds(reach:scale:into:)`` of a stroke of `halfWidth`:
  /// a polyline's segments share them (computing them for each segment of
  /// a dense curve was a tenth of the stroking).
  func rejectBounds(halfWidth: Double) -> [Double] {
    [Double](unsafeUninitializedCapacity: max(levels, 0)) { buffer, count in
      CoverageMask.rejectBounds(reach: halfWidth + 0.5, scale: Double(levels), into: buffer)
      count = buffer.count
    }
  }

  /// ``stroke(_:_:halfWidth:)`` with its reject bounds (``rejectBounds(halfWidth:)``).
  private mutating func stroke(_ a: Point, _ b: Point, halfWidth: Double, rejectAbove bounds: [Double]) {
    let reach = halfWidth + 0.5  // beyond this distance coverage is 0
    let dx = b.x - a.x
    let dy = b.y - a.y
    let length2 = dx * dx + dy * dy
    let yLo = max(clip.minY, Int((min(a.y, b.y) - reach).rounded(.down)))
    let yHi = min(clip.maxY - 1, Int((max(a.y, b.y) + reach).rounded(.up)))
    guard yLo <= yHi else { return }
    let levels = self.levels
    let scale = Double(levels)
    let clip = self.clip
    let touched = bounds.withUnsafeBufferPointer { rejectAbove -> Bool in
      cells.withUnsafeMutableBufferPointer { cells -> Bool in
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
          let rowTerm = (cy - a.y) * dy
          for px in xLo...xHi {
            let old = Int(cells[rowBase + px])
            guard old < levels else { continue }  // full: nothing can beat it
            let cx = Double(px) + 0.5
            // Distance from the pixel centre to the segment.
            var t = 0.0
            if length2 > 0 {
              let numerator = (cx - a.x) * dx + rowTerm
              // numerator / length2 clamped to 0...1: 0 for numerator <= 0 (the
              // quotient is <= 0), 1 for numerator >= length2 (it is >= 1).
              t = numerator <= 0 ? 0 : numerator >= length2 ? 1 : min(max(numerator / length2, 0), 1)
            }
            let ex = cx - (a.x + t * dx)
            let ey = cy - (a.y + t * dy)
            let distance2 = ex * ex + ey * ey
            if distance2 > rejectAbove[old] { continue }  // cannot beat `old`
            let coverage = halfWidth + 0.5 - distance2.squareRoot()
            guard coverage > 0 else { continue }
            let level = min(Int(coverage * scale + 0.5), levels)
            if level > old {
              cells[rowBase + px] = UInt8(level)
              touched = true
            }
          }
        }
        return touched
      }
    }
    if touched {
      let box = PixelRect(
        minX: max(clip.minX, Int((min(a.x, b.x) - reach).rounded(.down))), minY: yLo,
        maxX: min(clip.maxX, Int((max(a.x, b.x) + reach).rounded(.up)) + 1), maxY: yHi + 1)
      markDirty(box)
    }
  }

  /// `bounds[k]`: a squared distance above which a pixel's level cannot
  /// exceed `k`, so the pixel can be skipped when its cell already holds `k`
  /// (`k` in `0..<levels`; `bounds[0]` also rejects zero coverage).
  ///
  /// Level `k + 1` needs `coverage * levels + 0.5 >= k + 1`, i.e. a coverage
  /// of at least `c = (k + 0.5) / levels`, i.e. `d <= reach - c`. The bound
  /// is `r² (1 + 1e-9)` with `r = reach - c + m`, `m = 1e-9 (1 + |reach|)`:
  /// far above the rounding of every step (`r`, `r²`, the square root,
  /// `reach - d`, the scaling: each within a few units in the last place,
  /// relative to `reach` or to `levels`), so `d² > bound` implies the
  /// computed level is `<= k`. When `r <= 0`, or anything overflows or is
  /// NaN, the bound is infinite: nothing is skipped, the full computation decides.
  static func rejectBounds(reach: Double, scale: Double, into bounds: UnsafeMutableBufferPointer<Double>) {
    let margin = 1e-9 * (1 + abs(reach))
    for k in bounds.indices {
      let r = reach + margin - (Double(k) + 0.5) / scale
      let bound = r * r * (1 + 1e-9)
      bounds[k] = r > 0 && bound.isFinite ? bound : .infinity
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
    let bounds = rejectBounds(halfWidth: halfWidth)
    for i in 1..<run.count {
      let a = run[i - 1]
      let b = run[i]
      let length = ((b.x - a.x) * (b.x - a.x) + (b.y - a.y) * (b.y - a.y)).squareRoot()
      if let (t0, t1) = clipParameters(a, b, x0: x0, y0: y0, x1: x1, y1: y1) {
        if let dash, length > 0 {
          dashed(
            a, b, from: t0 * length, to: t1 * length, length: length, phase: phase, dash: dash, halfWidth: halfWidth,
            rejectAbove: bounds)
        } else {
          stroke(point(a, b, t0), point(a, b, t1), halfWidth: halfWidth, rejectAbove: bounds)
        }
      }
      if let dash { phase = (phase + length).truncatingRemainder(dividingBy: dash.on + dash.off) }
    }
  }

  /// Strokes the "on" parts of the dash pattern between arc lengths `s0` and
  /// `s1` of the segment `a`-`b` whose start sits at `phase` in the pattern.
  private mutating func dashed(
    _ a: Point, _ b: Point, from s0: Double, to s1: Double, length: Double, phase: Double,
    dash: (on: Double, off: Double), halfWidth: Double, rejectAbove bounds: [Double]
  ) {
    let period = dash.on + dash.off
    // Start of the first period that can overlap [s0, s1], in segment arc length.
    var start = ((s0 + phase) / period).rounded(.down) * period - phase
    while start < s1 {
      let lo = max(start, s0)
      let hi = min(start + dash.on, s1)
      if hi > lo { stroke(point(a, b, lo / length), point(a, b, hi / length), halfWidth: halfWidth, rejectAbove: bounds) }
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
    drain { _, _, index, _ in occupancy[index] = 1 }
  }

  /// Blends the accumulated coverage over `image` in `color`, marks every
  /// covered pixel in `occupancy` (a plot-sized grid used to place the
  /// legend), and clears the mask for the next shape.
  mutating func composite(onto image: GDImage, color: ChartColor, occupancy: inout [UInt8]) {
    let levels = self.levels
    drain { px, py, index, level in
      image.blend(px, py, color, level: level, levels: levels)
      occupancy[index] = 1
    }
  }

  /// Calls `body(px, py, index, level)` for every covered cell of the dirty
  /// box (row by row, left to right; `index` is the cell's index, the same
  /// in `occupancy`), clears those cells and forgets the dirty box.
  ///
  /// A curve's box is mostly empty cells: they are skipped eight at a time.
  private mutating func drain(_ body: (Int, Int, Int, Int) -> Void) {
    guard let box = dirty?.intersection(clip), !box.isEmpty else {
      dirty = nil
      return
    }
    let clip = self.clip
    cells.withUnsafeMutableBufferPointer { cells in
      let bytes = UnsafeRawPointer(cells.baseAddress!)
      for py in box.minY..<box.maxY {
        let rowBase = (py - clip.minY) * clip.width - clip.minX
        var px = box.minX
        while px < box.maxX {
          if px + 8 <= box.maxX && bytes.loadUnaligned(fromByteOffset: rowBase + px, as: UInt64.self) == 0 {
            px += 8
            continue
          }
          let level = Int(cells[rowBase + px])
          if level > 0 {
            body(px, py, rowBase + px, level)
            cells[rowBase + px] = 0
          }
          px += 1
        }
      }
    }
    dirty = nil
  }
}
