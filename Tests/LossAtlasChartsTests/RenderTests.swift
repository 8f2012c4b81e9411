import Testing

@testable import LossAtlasCharts

#if canImport(Glibc)
  import Glibc
#endif

// MARK: - Helpers

/// Renders a chart to pixels through the same code as PNG output.
func draw(_ chart: Chart, renderer: ChartRenderer = ChartRenderer()) throws -> (GDImage, PanelDiagnostics) {
  let (image, panels) = try renderer.renderImage(Figure(chart))
  return (image, panels[0])
}

func rgb(_ c: ChartColor) -> UInt32 { UInt32(c.red) << 16 | UInt32(c.green) << 8 | UInt32(c.blue) }

/// Big-endian UInt32 at `offset`.
func be32(_ bytes: [UInt8], _ offset: Int) -> Int {
  bytes[offset..<offset + 4].reduce(0) { $0 << 8 | Int($1) }
}

func line(_ name: String = "", _ f: @escaping (Double) -> Double, count: Int = 501) -> Series {
  Series(name, sampling: f, over: 0...1, count: count)
}

let unitAxes = (x: Axis("x", range: 0...1), y: Axis("y", range: 0...1))

// MARK: - PNG output

@Suite("PNG output")
struct PNGTests {
  @Test func signatureAndSize() throws {
    let chart = Chart(title: "t", x: unitAxes.x, y: unitAxes.y, series: [line { $0 }])
    let png = try renderPNG(Figure(chart))
    #expect(Array(png.prefix(8)) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
    #expect(String(decoding: png[12..<16], as: UTF8.self) == "IHDR")
    #expect(be32(png, 16) == 800 && be32(png, 20) == 500)
    var hiDPI = chart
    hiDPI.scale = 2
    let big = try renderPNG(Figure(hiDPI))
    #expect(be32(big, 16) == 1600 && be32(big, 20) == 1000)
  }

  /// The PNG bytes decode (through libgd) to exactly the pixels drawn, both
  /// on the exact-palette path and the truecolor path.
  @Test(arguments: [true, false])
  func pngDecodesToTheDrawnPixels(palette: Bool) throws {
    var chart = Chart(title: "decode", x: unitAxes.x, y: Axis("y"), series: [line("a") { $0 * $0 }, line("b") { 1 - $0 }])
    chart.bands = [Band(0.2, 0.4, label: "band", color: ChartColor.series(2).tint(0.15))]
    let renderer = ChartRenderer(usePalette: palette)
    let (image, _) = try renderer.renderImage(Figure(chart))
    let png = try renderer.renderPNG(Figure(chart))
    #expect(png[25] == (palette ? 3 : 2))  // IHDR colour type: 3 palette, 2 truecolor
    let decoded = try decodePNG(png)
    #expect(decoded.width == image.width && decoded.height == image.height)
    var mismatches = 0
    for y in 0..<image.height {
      for x in 0..<image.width where decoded.pixels[y * image.width + x] != image.pixel(x, y) {
        mismatches += 1
      }
    }
    #expect(mismatches == 0)
  }

  @Test func deterministicBytes() throws {
    var chart = Chart(title: "same", subtitle: "every time", x: Axis("x"), y: Axis("y", scale: .log10))
    chart.series = [Series("decay", sampling: { exp(-$0 * 30) }, over: 0...1)]
    let a = try renderPNG(Figure(chart))
    let b = try renderPNG(Figure(chart))
    #expect(a == b)
    // The text cache changes speed, never bytes.
    let uncached = try ChartRenderer(cachesText: false).renderPNG(Figure(chart))
    #expect(uncached == a)
  }

  @Test func renderAllIsOrderedAndThreadIndependent() throws {
    let figures = (1...6).map { k in
      Figure(Chart(title: "k = \(k)", x: unitAxes.x, y: Axis("y"), series: [line { pow($0, Double(k)) }]))
    }
    let one = try renderAll(figures, threads: 1)
    let two = try renderAll(figures, threads: 2)
    #expect(one == two)
    #expect(one == figures.map { try! renderPNG($0) })
  }

  @Test func renderAllReportsTheFirstFailureByIndex() throws {
    let good = Figure(Chart(series: [line { $0 }]))
    let bad = Figure(Chart(series: [Series("broken", x: [0, 1], y: [0])]))
    #expect(throws: ChartError.invalidFigure("series 'broken' has 2 x values but 1 y values")) {
      try renderAll([good, bad, good, bad], threads: 2)
    }
  }
}

// MARK: - Errors

@Suite("Errors")
struct ErrorTests {
  @Test func missingFontNamesThePath() throws {
    let renderer = ChartRenderer(fonts: ChartFonts(regular: "/nonexistent/Font.ttf", bold: "/nonexistent/Bold.ttf"))
    #expect(throws: ChartError.fontNotFound(path: "/nonexistent/Font.ttf")) {
      try renderer.renderPNG(Chart())
    }
    #expect(ChartError.fontNotFound(path: "/x.ttf").description.contains("/x.ttf"))
  }

  @Test func invalidFigures() {
    #expect(throws: ChartError.self) { try renderPNG(Figure(panels: [])) }
    #expect(throws: ChartError.self) { try renderPNG(Figure(Chart(scale: 3))) }
    #expect(throws: ChartError.self) { try renderPNG(Figure(Chart(y: Axis(range: -1...1, scale: .log10)))) }
  }
}

// MARK: - Pixels

@Suite("Pixels")
struct PixelTests {
  @Test func backgroundAtTheCorners() throws {
    let (image, _) = try draw(Chart(title: "corners", x: unitAxes.x, y: unitAxes.y, series: [line { $0 }]))
    for (x, y) in [(0, 0), (image.width - 1, 0), (0, image.height - 1), (image.width - 1, image.height - 1)] {
      #expect(image.pixel(x, y) == rgb(.white))
    }
  }

  /// A horizontal line at y = 0.3 (no grid line there) must paint the pixel
  /// whose centre it passes through in exactly the series colour.
  @Test func curveCrossesItsPixel() throws {
    let (image, d) = try draw(Chart(x: unitAxes.x, y: unitAxes.y, series: [line { _ in 0.3 }]))
    let y = Int(d.yScale.pixel(0.3))
    let x = Int(d.xScale.pixel(0.55))
    #expect(image.pixel(x, y) == rgb(ChartColor.series(0)))
    // The stroke is 2 px wide: its column carries at least 2 px of ink in
    // total (1 full pixel and two half-covered ones when centred on a pixel).
    let blue = ChartColor.series(0)
    let ink = (y - 3...y + 3).map { row -> Double in
      let p = image.pixel(x, row)
      return (255 - Double(p >> 16 & 0xFF)) / (255 - Double(blue.red))  // coverage from the red channel
    }
    #expect(ink.reduce(0, +) >= 1.9)
  }

  @Test func bandColourInsideTheBand() throws {
    let fill = ChartColor.series(1).tint(0.15)
    var chart = Chart(x: unitAxes.x, y: unitAxes.y)
    chart.bands = [Band(0.6, .infinity, label: "saturated", color: fill)]
    let (image, d) = try draw(chart)
    let y = Int(d.yScale.pixel(0.45))  // between grid lines
    #expect(image.pixel(Int(d.xScale.pixel(0.75)), y) == rgb(fill))
    #expect(image.pixel(Int(d.xScale.pixel(0.99)), y) == rgb(fill))  // runs to the frame
    #expect(image.pixel(Int(d.xScale.pixel(0.5)) + 2, y) == rgb(.white))  // beside the x = 0.5 grid line
  }

  /// NaN and infinite values break the line: nothing is drawn across the gap.
  @Test func nonFiniteDataLeaveAGap() throws {
    let xs = [0, 0.25, 0.5, 0.75, 1.0]
    let chart = Chart(
      x: unitAxes.x, y: unitAxes.y, series: [Series("", x: xs, y: [0.2, 0.2, .infinity, 0.8, 0.8])])
    let (image, d) = try draw(chart)
    let colour = rgb(ChartColor.series(0))
    let column = Int(d.xScale.pixel(0.5))
    let hits = (d.plot.minY..<d.plot.maxY).filter { image.pixel(column, $0) == colour }
    #expect(hits.isEmpty)
    // The finite parts are drawn.
    #expect(image.pixel(Int(d.xScale.pixel(0.1)), Int(d.yScale.pixel(0.2))) == colour)
    #expect(image.pixel(Int(d.xScale.pixel(0.9)), Int(d.yScale.pixel(0.8))) == colour)
  }

  /// y = 2x on a 0...1 y-range: drawn up to the frame at x = 0.5 and never above it.
  @Test func valuesBeyondTheRangeAreClippedAtTheFrame() throws {
    let (image, d) = try draw(Chart(x: unitAxes.x, y: unitAxes.y, series: [line { 2 * $0 }]))
    let colour = rgb(ChartColor.series(0))
    let top = d.plot.minY
    let nearHalf = (Int(d.xScale.pixel(0.5)) - 3)...(Int(d.xScale.pixel(0.5)) + 3)
    #expect(nearHalf.contains { image.pixel($0, top) == colour })
    for y in 0..<top {
      #expect(!(d.plot.minX..<d.plot.maxX).contains { image.pixel($0, y) == colour })
    }
    // Right of the crossing the plot's top rows stay clear (the curve left the range).
    #expect(image.pixel(Int(d.xScale.pixel(0.8)), top + 2) != colour)
  }

  /// Many curves crowd the top right: the automatic legend goes elsewhere and
  /// covers none of their pixels.
  @Test func legendAvoidsTheDensestSeries() throws {
    var chart = Chart(x: unitAxes.x, y: unitAxes.y)
    chart.series = (0..<5).map { k in
      Series("curve \(k)", sampling: { x in x < 0.5 ? .nan : 0.6 + 0.08 * Double(k) + 0.2 * (x - 0.5) }, over: 0...1)
    }
    let (image, d) = try draw(chart)
    let legend = try #require(d.legend)
    let midX = (d.plot.minX + d.plot.maxX) / 2
    let midY = (d.plot.minY + d.plot.maxY) / 2
    #expect(!(legend.maxX > midX && legend.minY < midY))  // not in the top-right quadrant
    _ = image
    // Fixed corners are honoured.
    chart.legend = .topRight
    let (_, fixed) = try draw(chart)
    #expect(try #require(fixed.legend).maxX > midX)
  }

  @Test func noLegendWhenAskedOrNoNames() throws {
    var chart = Chart(x: unitAxes.x, y: unitAxes.y, series: [line("named") { $0 }])
    chart.legend = .none
    #expect(try draw(chart).1.legend == nil)
    chart.legend = .automatic
    chart.series[0].name = ""
    #expect(try draw(chart).1.legend == nil)
  }
}

// MARK: - Layout

@Suite("Layout")
struct LayoutTests {
  /// No text box overlaps another, and all stay inside the image.
  static func assertNoOverlaps(_ figure: Figure) throws {
    let (image, panels) = try ChartRenderer().renderImage(figure)
    let boxes = panels.flatMap(\.textBoxes)
    let frame = PixelRect(x: 0, y: 0, width: image.width, height: image.height)
    for (i, a) in boxes.enumerated() {
      #expect(frame.contains(a), "text box \(a) leaves the image")
      for b in boxes[(i + 1)...] {
        #expect(!a.intersects(b), "text boxes \(a) and \(b) overlap")
      }
    }
    // In-plot labels never cross the frame.
    for p in panels {
      for b in p.textBoxes where b.intersects(p.plot) {
        #expect(p.plot.contains(b), "label \(b) crosses the frame of \(p.plot)")
      }
    }
  }

  @Test func labelsDoNotOverlap() throws {
    var a = Chart(title: "a long title for a narrow panel", subtitle: "subtitle", x: Axis("x", range: -1e6...1e6), y: Axis("y"))
    a.series = [Series("s", x: [-1e6, 1e6], y: [-3, 3])]
    a.referenceLines = [.vertical(0, label: "kink"), .horizontal(0, label: "y = 0")]
    a.markers = [Marker(x: 0, y: 0, label: "zero")]
    a.bands = [Band(-2e5, 2e5, label: "a band label")]
    var b = Chart(title: "tiny", x: Axis("x", range: (1 - 1e-12)...(1 + 1e-12)), y: Axis("y", scale: .log10))
    b.series = [Series("decay", x: [1 - 1e-12, 1 + 1e-12], y: [1, 1e-30])]
    try Self.assertNoOverlaps(Figure(panels: [a, b]))
    try Self.assertNoOverlaps(Figure(panels: [a, b, a], columns: 2, size: ChartSize(width: 600, height: 500)))
  }

  @Test func thinnedLabelsKeepZero() throws {
    let chart = Chart(x: Axis("x", range: -12345678...12345678, ticks: (-12...12).map { Double($0) * 1e6 }), y: unitAxes.y)
    let (_, d) = try draw(chart)
    #expect(d.xLabels.count < 25)
    #expect(d.xLabels.contains { $0.value == 0 })
  }

  @Test func constantAndEmptySeriesStillRender() throws {
    let (_, d) = try draw(Chart(series: [Series("c", x: [0, 1, 2], y: [5, 5, 5])]))
    #expect(d.yScale.range.contains(5) && d.yScale.range.lowerBound < 5)
    let (_, e) = try draw(Chart(series: [Series("nan", x: [0, 1], y: [.nan, .nan])]))
    #expect(e.yScale.range == 0...1)
    // NaN and infinities are ignored when fitting the range to the data.
    let mixed = Series("mixed", x: [0, 1, 2, 3], y: [.nan, 2, .infinity, 4])
    let (_, m) = try draw(Chart(series: [mixed]))
    #expect(m.yScale.range.lowerBound < 2 && m.yScale.range.upperBound > 4)
    #expect(m.yScale.range.upperBound - m.yScale.range.lowerBound < 4)
    // On a log axis, values <= 0 are ignored as well.
    let (_, l) = try draw(Chart(y: Axis(scale: .log10), series: [Series("", x: [0, 1, 2], y: [-1, 1e-3, 10])]))
    #expect(l.yScale.range == 1e-3...10)  // whole decades around the data
  }

  @Test func figurePanelsTileTheImage() throws {
    let c = Chart(x: unitAxes.x, y: unitAxes.y, series: [line { $0 }])
    let (image, panels) = try ChartRenderer().renderImage(Figure(panels: [c, c, c], columns: 2, title: "grid"))
    #expect(image.width == 800 && image.height == 500)
    #expect(panels.count == 3)
    #expect(panels[0].plot.maxX < panels[1].plot.minX)
    #expect(panels[0].plot.maxY < panels[2].plot.minY)
  }
}
