import Testing

@testable import LossAtlasCharts

#if canImport(Glibc)
  import Glibc
#endif

// MARK: - The check itself

@Suite("Layout check")
struct LayoutCheckTests {
  func text(_ s: String, _ box: PixelRect, role: SceneRole = .note) -> SceneItem {
    .text(
      SceneText(
        text: s, size: 12, bold: false, color: .ink, origin: (box.minX, box.maxY), angle: 0, box: box,
        advance: box.width, alignment: .start, role: role))
  }

  func scene(_ items: [SceneItem], legend: PixelRect? = nil) -> Scene {
    var s = Scene(width: 400, height: 300, scale: 1, items: items)
    var p = PanelDiagnostics(
      cell: PixelRect(x: 0, y: 0, width: 400, height: 300), plot: PixelRect(minX: 50, minY: 20, maxX: 380, maxY: 260),
      xScale: Scale(kind: .linear, range: 0...1, start: 50, end: 380), yScale: Scale(kind: .linear, range: 0...1, start: 260, end: 20))
    p.legend = legend
    s.panels = [p]
    return s
  }

  let plot = PixelRect(minX: 50, minY: 20, maxX: 380, maxY: 260)

  func curve(_ points: [Point]) -> SceneItem {
    .stroke(SceneStroke(runs: [points], halfWidth: 1, dash: nil, color: .ink, clip: plot, role: .series(0)))
  }

  @Test("two overlapping texts are reported with both boxes; touching ones are not")
  func overlap() {
    let a = text("f″ jumps", PixelRect(x: 100, y: 40, width: 50, height: 12))
    let b = text("kink", PixelRect(x: 140, y: 44, width: 30, height: 12))
    let c = text("apart", PixelRect(x: 150, y: 40, width: 30, height: 12))  // starts where a ends
    let issues = LayoutCheck.issues(scene([a, b, c]))
    #expect(issues.count == 2)  // a-b and b-c
    #expect(issues.allSatisfy { $0.kind == .overlap })
    #expect(issues[0].description.contains("'f″ jumps' [x 100..<150, y 40..<52]"))
    #expect(issues[0].description.contains("'kink' [x 140..<170, y 44..<56]"))
  }

  @Test("a label covering more than the tolerance of a curve is reported; a touch is not")
  func coversCurve() {
    let label = text("min", PixelRect(x: 100, y: 100, width: 40, height: 12))
    // A horizontal curve through the middle of the label: 40 px + 2 half widths inside.
    let through = curve([Point(x: 60, y: 106), Point(x: 300, y: 106)])
    let issues = LayoutCheck.issues(scene([label, through]))
    #expect(issues.count == 1 && issues[0].kind == .coversData)
    #expect(issues[0].second.contains("series 1 (42 px of it)"))
    // A curve ending 1.5 px inside the widened box: under the 2 px tolerance.
    let corner = curve([Point(x: 120, y: 60), Point(x: 120, y: 100.5)])
    #expect(LayoutCheck.issues(scene([label, corner])).isEmpty)
    // The part of a curve outside its plot (the clip) does not count.
    let outside = text("tick", PixelRect(x: 10, y: 270, width: 30, height: 12))
    #expect(LayoutCheck.issues(scene([outside, curve([Point(x: 0, y: 276), Point(x: 100, y: 276)])])).isEmpty)
  }

  @Test("a legend over a curve, a text over a marker, a label crossed by a reference line, a text out of the image")
  func otherKinds() {
    let legend = PixelRect(x: 280, y: 30, width: 90, height: 40)
    let entry = text("a", PixelRect(x: 300, y: 40, width: 20, height: 12), role: .legendText)
    let diagonal = curve([Point(x: 260, y: 20), Point(x: 380, y: 120)])
    let marker = SceneItem.stroke(
      SceneStroke(runs: [[Point(x: 200, y: 200)]], halfWidth: 5.5, dash: nil, color: .white, clip: plot, role: .marker, isDisc: true))
    let onMarker = text("max", PixelRect(x: 204, y: 190, width: 40, height: 12))
    let rule = SceneItem.rule(
      SceneRule(vertical: true, position: 120, thickness: 1, start: 20, end: 260, dash: (6, 4), color: .gray))
    let crossed = text("f″ jumps", PixelRect(x: 100, y: 30, width: 50, height: 12))
    let out = text("too far", PixelRect(x: 380, y: 290, width: 40, height: 12), role: .axisLabel)
    let issues = LayoutCheck.issues(scene([entry, diagonal, marker, onMarker, rule, crossed, out], legend: legend))
    #expect(issues.contains { $0.kind == .coversData && $0.first.hasPrefix("the legend") && $0.second.hasPrefix("series 1") })
    #expect(issues.contains { $0.kind == .coversData && $0.first.contains("'max'") && $0.second.contains("marker at (200, 200)") })
    #expect(issues.contains { $0.kind == .coversData && $0.first.contains("'f″ jumps'") && $0.second.contains("reference line x = 120") })
    #expect(issues.contains { $0.kind == .outsideImage && $0.first.contains("'too far'") })
    // The legend's own entry is not an overlap with the legend.
    #expect(!issues.contains { $0.first.contains("legend entry 'a'") })
    #expect(issues.count == 4)
  }

  @Test("dropped labels are issues")
  func dropped() {
    var s = scene([])
    s.panels[0].dropped = ["min 0 at x = 0"]
    #expect(LayoutCheck.issues(s) == [LayoutIssue(kind: .dropped, panel: 0, first: "'min 0 at x = 0'", second: "")])
  }
}

// MARK: - Layouts that pass it

@Suite("Layout fixes")
struct LayoutFixTests {
  let renderer = ChartRenderer()

  /// Two labelled lines closer together than a label is wide: the labels
  /// go on the outer sides instead of one across the other's line.
  @Test("labels of neighbouring reference lines are not crossed by the other line")
  func neighbouringLines() throws {
    var c = Chart(x: Axis("r", range: -3...3), y: Axis("L", range: -0.2...1.4))
    c.series = [Series("", sampling: { abs($0) <= 0.5 ? 0.5 * $0 * $0 : 0.5 * (abs($0) - 0.25) }, over: -3...3)]
    c.referenceLines = [.vertical(-0.5, label: "f″ jumps"), .vertical(0.5, label: "f″ jumps"), .horizontal(0)]
    let figure = Figure(panels: [c, c])
    #expect(try renderer.layoutIssues(figure) == [])
    let (_, scene) = try renderer.renderScene(figure, paint: false)
    let d = scene.panels[0]
    let notes = scene.items.compactMap { item -> SceneText? in
      if case .text(let t) = item, t.role == .note, d.cell.contains(t.box) { return t }
      return nil
    }
    #expect(notes.count == 2)
    let left = Int(d.xScale.pixel(-0.5))
    let right = Int(d.xScale.pixel(0.5))
    #expect(notes.contains { $0.box.maxX <= left } && notes.contains { $0.box.minX > right })
  }

  /// Curves everywhere: no corner is free, so the automatic legend goes in
  /// a row above the plot, and nothing covers a curve.
  @Test("an automatic legend with no free place goes above the plot")
  func legendAbove() throws {
    var c = Chart(title: "busy", x: Axis("x", range: 0...1), y: Axis("y", range: 0...1))
    c.series = (0..<6).map { k in
      Series("curve \(k)", sampling: { x in 0.5 + 0.45 * sin(12 * x + Double(k)) }, over: 0...1)
    }
    let (_, scene) = try renderer.renderScene(Figure(c), paint: false)
    let d = scene.panels[0]
    let legend = try #require(d.legend)
    #expect(legend.maxY <= d.plot.minY)
    #expect(LayoutCheck.issues(scene) == [])
    // A fixed corner is honoured even there (and the check says so).
    c.legend = .topRight
    let issues = try renderer.layoutIssues(Figure(c))
    #expect(issues.contains { $0.kind == .coversData && $0.first.hasPrefix("the legend") })
  }

  @Test("a marker label on a busy curve moves to the nearest free place")
  func markerLabelFindsRoom() throws {
    var c = Chart(x: Axis("x", range: -2...2), y: Axis("y", range: -0.5...4.5))
    c.series = (0..<4).map { k in Series("", sampling: { $0 * $0 + Double(k) * 0.15 }, over: -2...2) }
    c.markers = [Marker(x: 0, y: 0, label: "min 0 at x = 0")]
    #expect(try renderer.layoutIssues(Figure(panels: [c, c])) == [])
  }
}
