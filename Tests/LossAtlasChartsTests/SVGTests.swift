import Foundation
import Testing

@testable import LossAtlasCharts

#if canImport(FoundationXML)
  import FoundationXML
#endif

// MARK: - Parsing helpers

/// One element of a parsed SVG: its name, attributes and text.
struct XMLElement {
  var name: String
  var attributes: [String: String]
  var text = ""
  var depth: Int
}

/// Parses XML with Foundation's XMLParser (a validating reader of
/// well-formedness: a malformed document fails here).
final class ElementCollector: NSObject, XMLParserDelegate {
  var elements: [XMLElement] = []
  private var stack: [Int] = []
  var error: Error?

  func parser(
    _ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
    attributes: [String: String] = [:]
  ) {
    elements.append(XMLElement(name: name, attributes: attributes, depth: stack.count))
    stack.append(elements.count - 1)
  }

  func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
    stack.removeLast()
  }

  func parser(_ parser: XMLParser, foundCharacters string: String) {
    if let i = stack.last { elements[i].text += string }
  }

  func parser(_ parser: XMLParser, foundCDATA block: Data) {
    if let i = stack.last { elements[i].text += String(decoding: block, as: UTF8.self) }
  }

  func parser(_ parser: XMLParser, parseErrorOccurred error: Error) { self.error = error }

  static func parse(_ svg: String) throws -> [XMLElement] {
    let parser = XMLParser(data: Data(svg.utf8))
    let collector = ElementCollector()
    parser.delegate = collector
    let ok = parser.parse()
    if let e = collector.error ?? parser.parserError { throw e }
    #expect(ok)
    return collector.elements
  }
}

/// The numbers of an SVG path's `d` (M x,y x,y ... M ...), as points per subpath.
func subpaths(_ d: String) -> [[(Double, Double)]] {
  d.split(separator: "M").map { sub in
    sub.split(separator: " ").map { pair in
      let xy = pair.split(separator: ",").map { Double($0)! }
      return (xy[0], xy[1])
    }
  }
}

func sampleChart() -> Chart {
  var c = Chart(title: "sample", subtitle: "a subtitle", x: Axis("x", range: -3...3), y: Axis("f(x)"))
  c.series = [
    Series("tanh", sampling: { tanh($0) }, over: -3...3),
    Series("x/3", sampling: { $0 / 3 }, over: -3...3, style: .dashed),
  ]
  c.referenceLines = [.vertical(0, label: "x = 0"), .horizontal(0)]
  c.markers = [Marker(x: 0, y: 0, label: "origin")]
  c.bands = [Band(2, .infinity, label: "flat", color: ChartColor.series(3).tint(0.2))]
  return c
}

// MARK: - SVG

@Suite("SVG output")
struct SVGTests {
  @Test("an SVG 1.1 document: root attributes, style with both schemes, clip paths, one element per drawn thing")
  func structure() throws {
    let figure = Figure(sampleChart())
    let renderer = ChartRenderer()
    let svg = try renderer.renderSVG(figure, description: "tanh and x/3")
    let elements = try ElementCollector.parse(svg)
    let root = try #require(elements.first)
    #expect(root.name == "svg")
    #expect(root.attributes["xmlns"] == "http://www.w3.org/2000/svg")
    #expect(root.attributes["version"] == "1.1")
    #expect(root.attributes["width"] == "800" && root.attributes["height"] == "500")
    #expect(root.attributes["viewBox"] == "0 0 800 500")
    #expect(elements.first { $0.name == "title" }?.text == "sample")
    #expect(elements.first { $0.name == "desc" }?.text == "tanh and x/3")
    let style = try #require(elements.first { $0.name == "style" }).text
    #expect(style.contains("@media (prefers-color-scheme:dark)"))
    #expect(style.contains("--la-ink:#222222") && style.contains("--la-ink:\(ChartTheme.dark.map(.ink).hexString)"))
    #expect(style.contains("'DejaVu Sans'"))

    // Every text of the layout is a <text> element with its string.
    let (_, scene) = try renderer.renderScene(figure, paint: false)
    let sceneTexts = scene.items.compactMap { item -> String? in
      if case .text(let t) = item { return t.text }
      return nil
    }
    let svgTexts = elements.filter { $0.name == "text" }
    #expect(svgTexts.map(\.text) == sceneTexts)
    #expect(svgTexts.contains { $0.text == "origin" } && svgTexts.contains { $0.text == "x = 0" })
    // Two series paths, the second dashed; two marker circles (ring and dot).
    let series = elements.filter { $0.name == "path" && ($0.attributes["class"] ?? "").hasPrefix("la-series") }
    #expect(series.count == 2)
    #expect(series[0].attributes["stroke-dasharray"] == nil && series[1].attributes["stroke-dasharray"] != nil)
    #expect(elements.filter { $0.name == "circle" }.count == 2)
    // Clip paths are defined before use, and every reference resolves.
    let ids = Set(elements.filter { $0.name == "clipPath" }.compactMap { $0.attributes["id"] })
    for e in elements {
      if let ref = e.attributes["clip-path"] {
        #expect(ids.contains(String(ref.dropFirst(5).dropLast())), "\(ref)")
      }
    }
    // Reference lines: one dashed vertical line, one solid horizontal.
    let lines = elements.filter { $0.name == "line" }
    #expect(lines.count == 2)
    #expect(lines.contains { $0.attributes["x1"] == $0.attributes["x2"] && $0.attributes["stroke-dasharray"] != nil })
  }

  @Test("deterministic bytes, also across threads; render() gives the same SVG as renderSVG()")
  func deterministic() throws {
    let figures = (0..<4).map { k -> Figure in
      var c = sampleChart()
      c.title = "k = \(k)"
      return Figure(c)
    }
    let renderer = ChartRenderer()
    let a = try figures.map { try renderer.renderSVG($0) }
    let b = try renderer.renderAllFormats(figures, threads: 2)
    #expect(a == b.map(\.svg))
    #expect(try renderer.renderSVG(figures[0]) == a[0])
    #expect(b[1].png == (try renderer.renderPNG(figures[1])))
  }

  /// The SVG is drawn from the PNG's layout: frame and tick rectangles land
  /// on pixels of their colour in the PNG, every point of a curve's path
  /// inside the plot lies on inked pixels of the curve, and each centred
  /// tick label's ink is centred on the SVG's anchor.
  @Test("SVG and PNG agree in every position")
  func agreesWithThePNG() throws {
    let figure = Figure(panels: [sampleChart(), sampleChart()], columns: 2)
    let renderer = ChartRenderer()
    let rendered = try renderer.render(figure)
    let png = try decodePNG(rendered.png)
    let elements = try ElementCollector.parse(rendered.svg)
    func pixel(_ x: Int, _ y: Int) -> UInt32 { png.pixels[y * png.width + x] }
    func int(_ e: XMLElement, _ name: String) -> Int { Int(Double(e.attributes[name]!)!) }

    for e in elements where e.name == "rect" && ["la-frame f-ink", "la-tick f-ink"].contains(e.attributes["class"]) {
      let x = int(e, "x") + int(e, "width") / 2
      let y = int(e, "y") + int(e, "height") / 2
      #expect(pixel(x, y) == rgb(.ink), "\(e.attributes)")
    }
    let (_, scene) = try renderer.renderScene(figure, paint: false)
    let plots = scene.panels.map(\.plot)
    var checked = 0
    for e in elements where e.name == "path" && e.attributes["class"] == "la-series s-s0" {
      for run in subpaths(e.attributes["d"]!) {
        for (x, y) in run {
          let (px, py) = (Int(x), Int(y))
          guard plots.contains(where: { $0.insetBy(3).contains(PixelRect(x: px, y: py, width: 1, height: 1)) }) else { continue }
          // Within one pixel of the centre line the stroke (2 px) covers
          // more than half of a pixel: its red channel is well below white's.
          let inked = (-1...1).contains { dy in (-1...1).contains { dx in (pixel(px + dx, py + dy) >> 16) & 0xFF < 128 } }
          #expect(inked, "no ink at (\(x), \(y))")
          checked += 1
        }
      }
    }
    #expect(checked > 20)
    // Tick labels of the x axis: the ink's horizontal centre is the anchor.
    for e in elements where e.name == "text" && e.attributes["class"] == "la-tick-label f-ink"
      && e.attributes["text-anchor"] == "middle"
    {
      let ax = Double(e.attributes["x"]!)!
      let ay = Int(Double(e.attributes["y"]!)!)
      var xs: [Int] = []
      for y in (ay - 12)...(ay + 3) {
        for x in Int(ax) - 20...Int(ax) + 20 where pixel(x, y) != rgb(.white) && (pixel(x, y) >> 16) & 0xFF < 160 {
          xs.append(x)
        }
      }
      guard let lo = xs.min(), let hi = xs.max() else {
        Issue.record("no ink under tick label \(e.text)")
        continue
      }
      #expect(abs(Double(lo + hi + 1) / 2 - ax) <= 1.5, "label \(e.text): ink \(lo)...\(hi), anchor \(ax)")
    }
  }

  @Test("texts are escaped; a scale-2 layout keeps the size in points")
  func escapingAndScale() throws {
    var c = Chart(title: "a < b & \"c\"", x: Axis("x", range: 0...1), y: Axis("y", range: 0...1))
    c.series = [Series("p > q", x: [0, 1], y: [0, 1])]
    c.scale = 2
    let elements = try ElementCollector.parse(try renderSVG(Figure(c)))
    #expect(elements.contains { $0.name == "text" && $0.text == "a < b & \"c\"" })
    #expect(elements.contains { $0.name == "text" && $0.text == "p > q" })
    #expect(elements[0].attributes["width"] == "800" && elements[0].attributes["viewBox"] == "0 0 1600 1000")
  }

  @Test("curves are thinned to within 0.1 px and written with one decimal")
  func thinnedCurves() throws {
    var c = Chart(x: Axis("x", range: -6...6), y: Axis("y"))
    c.series = [Series("", sampling: { 1 / (1 + exp(-$0)) }, over: -6...6, count: 5001)]
    let svg = try renderSVG(Figure(c))
    let d = try #require(try ElementCollector.parse(svg).first { $0.name == "path" }?.attributes["d"])
    let points = subpaths(d).flatMap { $0 }
    #expect(points.count < 200, "\(points.count) points for a sigmoid")
    #expect(!d.contains("e") && d.split(whereSeparator: { " ,M".contains($0) }).allSatisfy { part in
      !part.contains(".") || part.split(separator: ".")[1].count == 1
    })
  }
}

// MARK: - Helpers of the writer

@Suite("SVG writer helpers")
struct SVGHelperTests {
  @Test func numbers() {
    #expect(SVGNumber.format(12) == "12")
    #expect(SVGNumber.format(12.04) == "12")
    #expect(SVGNumber.format(12.06) == "12.1")
    #expect(SVGNumber.format(-0.04) == "0")
    #expect(SVGNumber.format(-3.25, decimals: 2) == "-3.25")
    #expect(SVGNumber.format(0.5, decimals: 2) == "0.5")
    #expect(SVGNumber.format(-1e-9) == "0")
    #expect(SVGNumber.format(.nan) == "0")
  }

  /// RFC 4648, section 10 test vectors.
  @Test func base64() {
    let vectors = ["": "", "f": "Zg==", "fo": "Zm8=", "foo": "Zm9v", "foob": "Zm9vYg==", "fooba": "Zm9vYmE=", "foobar": "Zm9vYmFy"]
    for (plain, encoded) in vectors { #expect(Base64.encode(Array(plain.utf8)) == encoded, "\(plain)") }
  }

  @Test("Ramer-Douglas-Peucker keeps the ends and stays within the tolerance")
  func simplify() {
    let line = (0...100).map { Point(x: Double($0), y: 2 * Double($0)) }
    #expect(Simplify.polyline(line, tolerance: 0.1).count == 2)
    let wave = (0...2000).map { i -> Point in
      let x = Double(i) / 10
      return Point(x: x, y: 40 * sin(x / 7))
    }
    let thin = Simplify.polyline(wave, tolerance: 0.1)
    #expect(thin.first == wave.first && thin.last == wave.last)
    #expect(thin.count < wave.count / 5)
    // Every input point lies within the tolerance of the thinned polyline.
    for p in wave {
      let d = zip(thin, thin.dropFirst()).map { Simplify.distance2(p, $0, $1) }.min()!
      #expect(d <= 0.01 + 1e-12)
    }
  }

  @Test func escaping() {
    #expect(SVGWriter.escape("a<b>&\"c\"\u{1}") == "a&lt;b&gt;&amp;&quot;c&quot;")
    // The Latin generic families right after the chart's own, the others (CJK) after them.
    #expect(SVGWriter.familyList(["DejaVu Sans", "O'Font"]) == "'DejaVu Sans','Verdana','Geneva','OFont',sans-serif")
    #expect(SVGWriter.familyList(["DejaVu Sans"]) == "'DejaVu Sans','Verdana','Geneva',sans-serif")
  }
}
