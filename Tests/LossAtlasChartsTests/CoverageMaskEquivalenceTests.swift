import Foundation
import Testing

@testable import LossAtlasCharts

// MARK: - The stroker before session 19, verbatim

/// `CoverageMask`'s shapes as they were before the session-19 speed-up
/// (main at 37efac3), copied verbatim: the reference the faster stroker
/// must reproduce cell for cell. Only the type's name, the `cells` and
/// `dirty` access and the lack of `polygon` / `composite` differ.
struct ReferenceCoverageMask {
  let clip: PixelRect
  let levels: Int
  var cells: [UInt8]
  var dirty: PixelRect?

  init(clip: PixelRect, levels: Int) {
    self.clip = clip
    self.levels = levels
    cells = [UInt8](repeating: 0, count: max(clip.width, 0) * max(clip.height, 0))
  }

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
}

// MARK: - Tests

/// The faster `CoverageMask` stroker against the verbatim reference above:
/// the same cells (every coverage level) and the same dirty box after every
/// shape, on the polylines real charts draw and on hostile ones. The mask
/// decides every anti-aliased pixel of the PNGs, so equal cells mean equal
/// images.
@Suite("CoverageMask equivalence")
struct CoverageMaskEquivalenceTests {
  /// Both masks after the same shapes.
  struct Pair {
    var fast: CoverageMask
    var reference: ReferenceCoverageMask

    init(clip: PixelRect, levels: Int) {
      fast = CoverageMask(clip: clip, levels: levels)
      reference = ReferenceCoverageMask(clip: clip, levels: levels)
    }

    mutating func polyline(_ run: [Point], halfWidth: Double, dash: (on: Double, off: Double)? = nil) {
      fast.polyline(run, halfWidth: halfWidth, dash: dash)
      reference.polyline(run, halfWidth: halfWidth, dash: dash)
    }

    mutating func disc(_ centre: Point, radius: Double) {
      fast.disc(centre, radius: radius)
      reference.disc(centre, radius: radius)
    }

    mutating func stroke(_ a: Point, _ b: Point, halfWidth: Double) {
      fast.stroke(a, b, halfWidth: halfWidth)
      reference.stroke(a, b, halfWidth: halfWidth)
    }

    /// Number of cells that differ (0 when equal) and whether the dirty boxes agree.
    var mismatch: (cells: Int, dirtyAgrees: Bool) {
      let state = fast.state
      let differing = zip(state.cells, reference.cells).filter { $0 != $1 }.count
      return (differing + abs(state.cells.count - reference.cells.count), state.dirty == reference.dirty)
    }

    /// Cells at a level strictly between empty and full: the anti-aliased edge.
    var partialCells: Int { reference.cells.filter { $0 > 0 && Int($0) < reference.levels }.count }
  }

  /// A small deterministic generator (64-bit LCG, Knuth's MMIX constants):
  /// the hostile cases are the same on every run.
  struct Generator {
    var state: UInt64
    mutating func next() -> Double {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return Double(state >> 11) / Double(1 << 53)
    }
    mutating func uniform(_ lo: Double, _ hi: Double) -> Double { lo + (hi - lo) * next() }
  }

  /// Figures like the manual's: smooth, kinked, steep, leaving the range,
  /// dashed, stepped, thin and thick lines, markers (through reference lines
  /// and legends the renderer also strokes).
  static var realFigures: [Figure] {
    let x = Axis("x", range: -4...4)
    let y = Axis("y", range: -1.5...3)
    let curves = Chart(
      title: "activations", x: x, y: y,
      series: [
        Series("tanh", sampling: tanh, over: -4...4, count: 2001),
        Series("relu", sampling: { max($0, 0) }, over: -4...4, count: 2001, style: .dashed),
        Series("gelu", sampling: { $0 * 0.5 * (1 + erf($0 / 2.0.squareRoot())) }, over: -4...4, count: 2001, width: 3),
        Series("steep", sampling: { 50 * $0 }, over: -4...4, count: 801, width: 1),
        Series("step", sampling: { $0.rounded(.down) / 2 }, over: -4...4, count: 17, style: .step, width: 1.5),
        Series("wiggle", sampling: { sin(40 * $0) }, over: -4...4, count: 3001, width: 0.75),
      ])
    let losses = Chart(
      title: "losses", x: Axis("p", range: 0...1), y: Axis("loss", range: 0...5),
      series: [
        Series("ce", sampling: { -log($0) }, over: 0.001...1, count: 1001),
        Series("focal", sampling: { -(1 - $0) * (1 - $0) * log($0) }, over: 0.001...1, count: 1001, style: .dashed),
        Series("sparse", x: [0, 0.2, 0.2, 0.5, 0.9, 1], y: [4, 4, 1, 1, 0.5, 6], width: 0.5),
      ])
    let logScale = Chart(
      title: "log", x: Axis("x", range: 0...10), y: Axis("y", range: 1e-6...1e3, scale: .log10),
      series: [Series("exp", sampling: { exp($0) - 0.999 }, over: 0...10, count: 1001)])
    return [Figure(curves), Figure(losses), Figure(logScale), Figure(panels: [curves, losses])]
  }

  @Test func realChartPolylinesGiveTheSameCells() throws {
    var strokes = 0
    var edgeCells = 0
    for figure in Self.realFigures {
      let (_, scene) = try ChartRenderer().renderScene(figure, paint: false)
      for case .stroke(let s) in scene.items {
        var pair = Pair(clip: s.clip, levels: ChartRenderer.coverageLevels)
        if s.isDisc {
          pair.disc(s.runs[0][0], radius: s.halfWidth)
        } else {
          for run in s.runs { pair.polyline(run, halfWidth: s.halfWidth, dash: s.dash) }
        }
        let mismatch = pair.mismatch
        #expect(mismatch.cells == 0, "stroke \(strokes) (\(s.role)): \(mismatch.cells) cells differ")
        #expect(mismatch.dirtyAgrees, "stroke \(strokes) (\(s.role)): dirty boxes differ")
        edgeCells += pair.partialCells
        strokes += 1
      }
    }
    // The figures really stroke curves with anti-aliased edges (not a vacuous comparison).
    #expect(strokes >= 20)
    #expect(edgeCells >= 10_000)
  }

  @Test func hostileSegmentsGiveTheSameCells() {
    let clip = PixelRect(x: 5, y: 7, width: 64, height: 40)
    let cases: [(name: String, run: [Point], halfWidth: Double, dash: (on: Double, off: Double)?)] = [
      ("zero-length", [Point(x: 20.3, y: 20.7), Point(x: 20.3, y: 20.7)], 1, nil),
      ("repeated points", [Point(x: 10, y: 10), Point(x: 10, y: 10), Point(x: 30, y: 12), Point(x: 30, y: 12)], 1.5, nil),
      ("vertical on centres", [Point(x: 20.5, y: 8), Point(x: 20.5, y: 45)], 1, nil),
      ("vertical on edges", [Point(x: 21, y: 8), Point(x: 21, y: 45)], 0.5, nil),
      ("horizontal on centres", [Point(x: 6, y: 20.5), Point(x: 66, y: 20.5)], 1, nil),
      ("horizontal on edges", [Point(x: 6, y: 21), Point(x: 66, y: 21)], 1.25, nil),
      ("almost vertical", [Point(x: 30, y: 8), Point(x: 30 + 1e-13, y: 45)], 1, nil),
      ("almost horizontal", [Point(x: 6, y: 30), Point(x: 66, y: 30 + 1e-13)], 1, nil),
      ("tiny length", [Point(x: 33, y: 33), Point(x: 33 + 1e-160, y: 33 - 1e-160)], 2, nil),
      ("huge coordinates", [Point(x: -1e300, y: -1e300), Point(x: 1e300, y: 1e300)], 1, nil),
      ("huge and back", [Point(x: 10, y: 10), Point(x: 1e18, y: 25), Point(x: 40, y: 40)], 1, nil),
      ("off canvas", [Point(x: -100, y: -50), Point(x: -80, y: 200), Point(x: 300, y: 3)], 1, nil),
      ("grazing the clip", [Point(x: 3, y: 0), Point(x: 75, y: 5.5), Point(x: 70, y: 50)], 1, nil),
      ("width below a pixel", [Point(x: 6, y: 8), Point(x: 60, y: 44), Point(x: 61, y: 9)], 0.2, nil),
      ("width zero", [Point(x: 6, y: 40), Point(x: 66, y: 9)], 0, nil),
      ("dashed", [Point(x: 6, y: 8), Point(x: 66, y: 44), Point(x: 8, y: 40)], 1, (on: 6, off: 4)),
      ("dashed thin", [Point(x: 6, y: 30), Point(x: 66, y: 31)], 0.3, (on: 1.5, off: 0.5)),
      ("overlapping back and forth", [Point(x: 10, y: 20), Point(x: 50, y: 22), Point(x: 10, y: 20.4), Point(x: 50, y: 21.6)], 1.5, nil),
    ]
    for levels in [8, 16, 3, 1] {
      for c in cases {
        var pair = Pair(clip: clip, levels: levels)
        pair.polyline(c.run, halfWidth: c.halfWidth, dash: c.dash)
        let mismatch = pair.mismatch
        #expect(mismatch.cells == 0, "\(c.name), \(levels) levels: \(mismatch.cells) cells differ")
        #expect(mismatch.dirtyAgrees, "\(c.name), \(levels) levels: dirty boxes differ")
      }
    }
    // Discs and single segments straight into the stroker, including a disc
    // off the clip and radii below a pixel.
    var pair = Pair(clip: clip, levels: 8)
    for (centre, radius) in [(Point(x: 20.5, y: 20.5), 0.3), (Point(x: 40, y: 30), 3.0), (Point(x: 2, y: 3), 4.0), (Point(x: 68.9, y: 46.9), 0.0)] {
      pair.disc(centre, radius: radius)
    }
    pair.stroke(Point(x: 12, y: 44), Point(x: 12, y: 44), halfWidth: 0.1)
    pair.stroke(Point(x: -30, y: 30), Point(x: 100, y: 31), halfWidth: 0.7)
    let mismatch = pair.mismatch
    #expect(mismatch.cells == 0)
    #expect(mismatch.dirtyAgrees)
  }

  /// Random polylines over and around the clip, random widths (0 to 4 px,
  /// half of them below 1 px), some dashed, accumulated in one mask so later
  /// shapes land on partly covered cells (the case the level test skips).
  @Test func randomPolylinesGiveTheSameCells() {
    var random = Generator(state: 19)
    for levels in [8, 5] {
      var pair = Pair(clip: PixelRect(x: 0, y: 0, width: 90, height: 70), levels: levels)
      for shape in 0..<400 {
        let count = 1 + Int(random.next() * 12)
        let jitter = random.next() < 0.5 ? 2.0 : 40.0  // short segments like a dense curve, or long ones
        var p = Point(x: random.uniform(-10, 100), y: random.uniform(-10, 80))
        var run = [p]
        for _ in 1..<max(count, 2) {
          p = Point(x: p.x + random.uniform(-jitter, jitter), y: p.y + random.uniform(-jitter, jitter))
          run.append(p)
        }
        let halfWidth = random.next() < 0.5 ? random.uniform(0, 0.5) : random.uniform(0.5, 2)
        let dash: (on: Double, off: Double)? = random.next() < 0.25 ? (random.uniform(0.5, 8), random.uniform(0.5, 5)) : nil
        pair.polyline(run, halfWidth: halfWidth, dash: dash)
        let mismatch = pair.mismatch
        #expect(mismatch.cells == 0, "shape \(shape), \(levels) levels: \(mismatch.cells) cells differ")
        #expect(mismatch.dirtyAgrees, "shape \(shape), \(levels) levels")
        if mismatch.cells != 0 { return }
      }
      #expect(pair.partialCells > 500)
    }
  }

  /// `composite` clears exactly the covered cells and marks the same
  /// occupancy as a per-cell loop (the eight-at-a-time skip loses nothing,
  /// also at the box's ragged right end).
  @Test func compositeMarksEveryCoveredCell() {
    let clip = PixelRect(x: 3, y: 2, width: 37, height: 23)
    var random = Generator(state: 7)
    var mask = CoverageMask(clip: clip, levels: 8)
    var expected = [UInt8](repeating: 0, count: clip.width * clip.height)
    for _ in 0..<30 {
      let a = Point(x: random.uniform(0, 42), y: random.uniform(0, 27))
      let b = Point(x: a.x + random.uniform(-6, 6), y: a.y + random.uniform(-6, 6))
      mask.polyline([a, b], halfWidth: random.uniform(0.1, 1.5))
    }
    for (i, level) in mask.state.cells.enumerated() where level > 0 { expected[i] = 1 }
    var occupancy = [UInt8](repeating: 0, count: clip.width * clip.height)
    mask.composite(occupancy: &occupancy)
    #expect(expected.contains(1))
    #expect(occupancy == expected)
    #expect(mask.state.cells.allSatisfy { $0 == 0 })
    #expect(mask.state.dirty == nil)
  }
}
