import Testing

@testable import LossAtlasCharts

@Suite("Scale and clipping")
struct ScaleTests {
  @Test func linearMapsEndsToPixels() {
    let s = Scale(kind: .linear, range: -1...3, start: 100, end: 500)
    #expect(s.pixel(-1) == 100)
    #expect(s.pixel(3) == 500)
    #expect(s.pixel(1) == 300)
    #expect(s.pixel(5) == 700)  // outside values map outside; segments are clipped later
    #expect(s.value(atPixel: 300) == 1)
  }

  @Test func yAxisGrowsUpwards() {
    let s = Scale(kind: .linear, range: 0...1, start: 400, end: 0)
    #expect(s.pixel(0) == 400)
    #expect(s.pixel(0.25) == 300)
  }

  @Test func logScale() {
    let s = Scale(kind: .log10, range: 1e-30...1, start: 0, end: 300)
    #expect(abs(s.pixel(1e-20) - 100) < 1e-9)
    #expect(abs(s.value(atPixel: 200) - 1e-10) < 1e-22)
  }

  @Test func undrawableValuesAreNaN() {
    let lin = Scale(kind: .linear, range: 0...1, start: 0, end: 100)
    #expect(lin.pixel(.nan).isNaN)
    #expect(lin.pixel(.infinity).isNaN)
    let log = Scale(kind: .log10, range: 1...10, start: 0, end: 100)
    #expect(log.pixel(0).isNaN)
    #expect(log.pixel(-1).isNaN)
  }

  @Test func segmentsAreClippedNotDropped() {
    // From inside to far above: cut exactly at the top edge.
    let cut = clipSegment(Point(x: 0, y: 50), Point(x: 100, y: -50), x0: 0, y0: 0, x1: 100, y1: 100)
    #expect(cut?.1 == Point(x: 50, y: 0))
    // Both ends outside, crossing the box: both ends moved onto edges.
    let across = clipSegment(Point(x: -50, y: 50), Point(x: 150, y: 50), x0: 0, y0: 0, x1: 100, y1: 100)
    #expect(across?.0 == Point(x: 0, y: 50) && across?.1 == Point(x: 100, y: 50))
    // Entirely outside.
    #expect(clipSegment(Point(x: -5, y: -5), Point(x: -1, y: 200), x0: 0, y0: 0, x1: 100, y1: 100) == nil)
  }

  @Test func runsBreakAtNonFinitePoints() {
    let s = Series("", x: [0, 1, 2, 3, 4, 5], y: [0, 1, .nan, 3, .infinity, 5])
    let scale = Scale(kind: .linear, range: 0...5, start: 0, end: 100)
    let runs = PanelRenderer.runs(s, xScale: scale, yScale: scale)
    #expect(runs.map(\.count) == [2, 1, 1])
  }

  @Test func stepRunsAddCorners() {
    let s = Series("", x: [0, 1, 2], y: [0, 1, 0], style: .step)
    let scale = Scale(kind: .linear, range: 0...2, start: 0, end: 2)
    let run = PanelRenderer.runs(s, xScale: scale, yScale: scale)[0]
    #expect(run == [Point(x: 0, y: 0), Point(x: 1, y: 0), Point(x: 1, y: 1), Point(x: 2, y: 1), Point(x: 2, y: 0)])
  }
}
