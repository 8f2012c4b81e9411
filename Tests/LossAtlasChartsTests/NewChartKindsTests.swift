import Foundation
import Testing

@testable import LossAtlasCharts

#if canImport(FoundationXML)
  import FoundationXML
#endif

/// CIE L* (D65) of an sRGB colour: 116 f(Y) − 16, from the WCAG luminance.
func lightness(_ c: ChartColor) -> Double {
  let y = c.luminance
  return y > 216.0 / 24389 ? 116 * pow(y, 1.0 / 3) - 16 : y * 24389 / 27
}

/// How far CIE L* can move when each 8-bit channel of `c` is off by half a
/// unit (its rounding): half the sum over channels of |L* change per unit|.
func roundingSlack(_ c: ChartColor) -> Double {
  let l = lightness(c)
  func moved(_ v: UInt8) -> UInt8 { v < 255 ? v + 1 : v - 1 }
  let neighbours = [
    ChartColor(red: moved(c.red), green: c.green, blue: c.blue),
    ChartColor(red: c.red, green: moved(c.green), blue: c.blue),
    ChartColor(red: c.red, green: c.green, blue: moved(c.blue)),
  ]
  return neighbours.map { abs(lightness($0) - l) }.reduce(0, +) / 2
}

func unpack(_ p: UInt32) -> ChartColor {
  ChartColor(red: UInt8(p >> 16 & 255), green: UInt8(p >> 8 & 255), blue: UInt8(p & 255))
}

// MARK: - Colour maps

@Suite("Colour maps")
struct ColorMapTests {
  /// Both maps are sequential: lightness rises at every one of the 255
  /// steps, so they read the same in grey scale and to colour-blind eyes.
  /// The ends are the published ones (viridis #440154 to #FDE725, cividis
  /// #00224E to #FEE838).
  @Test("viridis and cividis: 256 entries, the published ends, lightness strictly increasing", arguments: ["viridis", "cividis"])
  func monotoneLightness(name: String) {
    let map = name == "viridis" ? ColorMap.viridis : ColorMap.cividis
    #expect(map.colors.count == 256)
    let ends = name == "viridis" ? (0x440154, 0xFDE725) : (0x00224E, 0xFEE838)
    #expect(map.colors.first == ChartColor(hex: UInt32(ends.0)) && map.colors.last == ChartColor(hex: UInt32(ends.1)))
    // The maps rise in CAM02-UCS lightness J'; rounded to 8 bits per channel
    // a step of CIE L* may go back by as much as the rounding can move it
    // (half a unit in each channel, ``roundingSlack``). Over 8 steps L*
    // rises strictly.
    let l = map.colors.map(lightness)
    let slack = map.colors.map(roundingSlack)
    for i in 1..<l.count {
      #expect(l[i] > l[i - 1] - slack[i] - slack[i - 1], "\(name) step \(i): L* \(l[i - 1]) -> \(l[i])")
    }
    for i in 8..<l.count { #expect(l[i] > l[i - 8], "\(name) steps \(i - 8)...\(i): L* \(l[i - 8]) -> \(l[i])") }
    // Roughly uniform: no step is more than 3 times the mean step.
    let mean = (l.last! - l.first!) / 255
    for i in 1..<l.count { #expect(l[i] - l[i - 1] < 3 * mean) }
    #expect(map.color(at: 0) == map.colors[0] && map.color(at: 1) == map.colors[255] && map.color(at: 7) == map.colors[255])
    #expect(map.color(at: .nan) == map.colors[0])
  }
}

// MARK: - Heat maps

@Suite("Heat maps")
struct HeatMapTests {
  /// f(x, y) = x + y over [0, 1]²: colours grow to the upper right, the
  /// colour bar grows upwards, and the contour f = 1 is the anti-diagonal.
  func chart(contours: [Double] = [1]) -> Chart {
    var c = Chart(title: "x + y", x: Axis("x"), y: Axis("y"))
    c.heatMap = HeatMap(x: 0...1, y: 0...1, columns: 50, rows: 50, label: "x + y", contours: contours) { $0 + $1 }
    return c
  }

  @Test("pixels: cells in their map colour, lighter to the upper right; the plot spans the grid exactly")
  func pixels() throws {
    let (image, panels) = try ChartRenderer().renderImage(Figure(chart(contours: [])))
    let d = panels[0]
    #expect(d.xScale.range == 0...1 && d.yScale.range == 0...1)
    let map = ColorMap.viridis
    // The cell at (0.31, 0.05): centre (0.31, 0.05), value 0.36 of the range 0.02...1.98.
    let v = 0.31 + 0.05
    let expected = map.color(at: (v - 0.02) / 1.96)
    #expect(image.pixel(Int(d.xScale.pixel(0.31)), Int(d.yScale.pixel(0.05))) == rgb(expected))
    let low = unpack(image.pixel(Int(d.xScale.pixel(0.1)), Int(d.yScale.pixel(0.1))))
    let high = unpack(image.pixel(Int(d.xScale.pixel(0.9)), Int(d.yScale.pixel(0.9))))
    #expect(lightness(high) > lightness(low) + 40)
  }

  @Test("the colour bar: beside the plot, the map bottom to top (lightness increasing), ticks labelled")
  func colorBar() throws {
    let (image, panels) = try ChartRenderer().renderImage(Figure(chart(contours: [])))
    let d = panels[0]
    let bar = try #require(d.colorBar)
    #expect(bar.minX > d.plot.maxX && bar.height == d.plot.height)
    let x = (bar.minX + bar.maxX) / 2
    let column = (bar.minY..<bar.maxY).map { lightness(unpack(image.pixel(x, $0))) }
    // Down the bar lightness falls (within the 8-bit rounding of the map, see above).
    let slack = (bar.minY..<bar.maxY).map { roundingSlack(unpack(image.pixel(x, $0))) }
    for i in 1..<column.count { #expect(column[i] <= column[i - 1] + slack[i] + slack[i - 1], "row \(bar.minY + i)") }
    for i in 16..<column.count { #expect(column[i] < column[i - 16], "rows \(bar.minY + i - 16)...\(bar.minY + i)") }
    #expect(column.first! - column.last! > 60)
    let texts = try ChartRenderer().drawnTexts(Figure(chart()))
    for label in ["0.5", "1.0", "1.5"] { #expect(texts.contains { $0.text == label }, "\(label)") }
  }

  @Test("contours: marching squares puts x + y = 1 on the anti-diagonal, within the interpolation error")
  func contourLine() throws {
    let n = 21
    let values = (0..<n).flatMap { j in (0..<n).map { i in Double(i + j) / Double(n - 1) } }
    let lines = Contours.lines(values: values, columns: n, rows: n, level: 1)
    #expect(lines.count == 1)
    let line = try #require(lines.first)
    #expect(line.count == n)  // one crossing per diagonal step, joined into one polyline
    for p in line { #expect(abs(p.x + p.y - Double(n - 1)) < 1e-9) }
    // A closed contour (a bowl) comes back as one closed polyline.
    let bowl = (0..<n).flatMap { j in (0..<n).map { i in pow(Double(i) - 10, 2) + pow(Double(j) - 10, 2) } }
    let ring = Contours.lines(values: bowl, columns: n, rows: n, level: 25)
    #expect(ring.count == 1 && ring[0].first! == ring[0].last!)
    for p in ring[0] { #expect(abs(((p.x - 10) * (p.x - 10) + (p.y - 10) * (p.y - 10)).squareRoot() - 5) < 0.1) }
    // Non-finite corners are skipped, not crossed.
    var holed = values
    holed[10 * n + 10] = .nan
    #expect(Contours.lines(values: holed, columns: n, rows: n, level: 1).count == 2)
  }

  @Test("the contour is drawn where the field crosses the level; the layout is clean; the SVG holds the raster and paths")
  func drawnAndWritten() throws {
    let renderer = ChartRenderer()
    let figure = Figure(chart(contours: [0.5, 1, 1.5]))
    let (image, panels) = try renderer.renderImage(figure)
    let d = panels[0]
    // On the anti-diagonal x + y = 1 (between cell centres) the ink line passes.
    let inked = (0..<5).map { k -> Bool in
      let x = 0.3 + 0.1 * Double(k)
      let (px, py) = (Int(d.xScale.pixel(x)), Int(d.yScale.pixel(1 - x)))
      // A 1-point ink line (0x222222, L* 13.8) over a paper halo: near the
      // line some pixel is darker than the map's colour there (viridis at
      // x + y = 1, the middle of the range: L* about 53) and some is lighter.
      let around = (-3...3).flatMap { dy in (-3...3).map { dx in lightness(unpack(image.pixel(px + dx, py + dy))) } }
      return around.min()! < 40 && around.max()! > 75
    }
    #expect(inked.allSatisfy { $0 })
    #expect(try renderer.layoutIssues(figure) == [])
    let svg = try renderer.renderSVG(figure)
    let elements = try ElementCollector.parse(svg)
    let images = elements.filter { $0.name == "image" }
    #expect(images.count == 2)  // the map and the colour bar
    #expect(images.allSatisfy { ($0.attributes["xlink:href"] ?? "").hasPrefix("data:image/png;base64,") })
    #expect(elements.filter { $0.name == "path" && $0.attributes["class"] == "la-contour s-ink" }.count == 3)
    // The embedded raster decodes to the grid, top row first.
    let href = images[0].attributes["xlink:href"]!
    let png = [UInt8](Data(base64Encoded: String(href.dropFirst("data:image/png;base64,".count)))!)
    let grid = try decodePNG(png)
    #expect(grid.width == 50 && grid.height == 50)
    #expect(grid.pixels[0] == rgb(ColorMap.viridis.color(at: (0.01 + 0.99 - 0.02) / 1.96)))  // cell (0, top row)
  }

  @Test("a legend over a heat map goes above it; bad heat maps are refused")
  func legendAndErrors() throws {
    var c = chart()
    c.series = [Series("x = y", x: [0, 1], y: [0, 1], color: .white)]
    let (_, panels) = try ChartRenderer().renderImage(Figure(c))
    #expect(try #require(panels[0].legend).maxY <= panels[0].plot.minY)
    var bad = chart()
    bad.heatMap?.values.removeLast()
    #expect(throws: ChartError.self) { try renderPNG(Figure(bad)) }
    var flat = chart()
    flat.heatMap?.range = 1...1
    #expect(throws: ChartError.self) { try renderPNG(Figure(flat)) }
  }
}

// MARK: - Ternary plots

@Suite("Ternary plots")
struct TernaryTests {
  func plot() -> Chart {
    var t = TernaryPlot(vertexLabels: ["class 1", "class 2", "class 3"])
    t.regions = [
      TernaryPlot.Region("near class 3", corners: [Barycentric(0, 0, 1), Barycentric(0.5, 0, 0.5), Barycentric(0, 0.5, 0.5)],
        color: ChartColor.series(2).tint(0.25), label: "c > ½")
    ]
    t.curves = [
      TernaryPlot.Curve("path", points: (0...50).map { k in let s = Double(k) / 50; return Barycentric(1 - s, s * 0.7, s * 0.3) })
    ]
    t.points = [TernaryPlot.Point(Barycentric(1, 1, 1), label: "uniform")]
    var c = Chart(title: "simplex")
    c.ternary = t
    return c
  }

  @Test("vertices where expected: an equilateral triangle, base horizontal, apex up, centred in the panel")
  func geometry() throws {
    let (image, panels) = try ChartRenderer().renderImage(Figure(plot()))
    let tri = try #require(panels[0].triangle)
    let (a, b, c) = (tri[0], tri[1], tri[2])
    #expect(abs(a.y - b.y) < 1e-9 && c.y < a.y)
    let side = b.x - a.x
    #expect(abs((c.x - a.x) - side / 2) < 1e-9)
    #expect(abs((a.y - c.y) - side * 3.0.squareRoot() / 2) < 1e-9)
    #expect(abs((a.x + b.x) / 2 - 400) < 12)  // centred in the 800-point panel
    // The sides are ink: the middle of the base, of the left side.
    // A side is a 1-point ink line centred on the exact edge: the pixel row
    // or column it straddles is at least half covered (L* 63 at half, against the
    // paper's 100).
    let dark = { (p: Point) in
      (-1...1).contains { d in
        [(0, d), (d, 0)].contains { lightness(unpack(image.pixel(Int(p.x) + $0.0, Int(p.y) + $0.1))) <= 65 }
      }
    }
    #expect(dark(Point(x: (a.x + b.x) / 2, y: a.y)))
    #expect(dark(Point(x: (a.x + c.x) / 2, y: (a.y + c.y) / 2)))
    // Inside the region (c > ½, off the grid lines and the label) the fill;
    // outside it (c < ½) the paper.
    func pixel(_ p: (Double, Double, Double)) -> UInt32 {
      image.pixel(Int(p.0 * a.x + p.1 * b.x + p.2 * c.x), Int(p.0 * a.y + p.1 * b.y + p.2 * c.y))
    }
    #expect(pixel((0.15, 0.1, 0.75)) == rgb(ChartColor.series(2).tint(0.25)))
    #expect(pixel((0.5, 0.3, 0.2 - 0.05)) == rgb(.white) || pixel((0.45, 0.3, 0.25)) == rgb(.white))
  }

  @Test("the uniform point sits at the centroid; labels and legend are clean; the SVG has the region, curve, point and names")
  func structure() throws {
    let renderer = ChartRenderer()
    let figure = Figure(plot())
    let (image, panels) = try renderer.renderImage(figure)
    let tri = try #require(panels[0].triangle)
    let centroid = Point(x: (tri[0].x + tri[1].x + tri[2].x) / 3, y: (tri[0].y + tri[1].y + tri[2].y) / 3)
    #expect(image.pixel(Int(centroid.x), Int(centroid.y)) == rgb(.ink))
    #expect(try renderer.layoutIssues(figure) == [])
    let elements = try ElementCollector.parse(try renderer.renderSVG(figure))
    #expect(elements.contains { $0.name == "path" && ($0.attributes["class"] ?? "").hasPrefix("la-region") })
    #expect(elements.contains { $0.name == "path" && ($0.attributes["class"] ?? "").hasPrefix("la-series") })
    #expect(elements.filter { $0.name == "circle" }.count == 2)
    let texts = elements.filter { $0.name == "text" }.map(\.text)
    for t in ["class 1", "class 2", "class 3", "c > ½", "uniform", "path", "near class 3", "simplex"] {
      #expect(texts.contains(t), "\(t)")
    }
  }

  @Test("a ternary plot needs three vertex names")
  func errors() {
    var c = plot()
    c.ternary?.vertexLabels = ["a", "b"]
    #expect(throws: ChartError.self) { try renderPNG(Figure(c)) }
  }
}
