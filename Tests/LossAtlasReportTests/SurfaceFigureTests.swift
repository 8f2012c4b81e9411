import Foundation
import LossAtlasCharts
import Testing

@testable import LossAtlasReport

/// The heat-map figure of a function of two arguments, on a surface shaped
/// like swiglu's f(a, b) = a · b σ(b) (written out here, not taken from the
/// catalog, so that the figure's numbers can be recomputed independently).
@Suite("Manual figures: surfaces")
struct SurfaceFigureTests {
  static func swishGate(_ b: Double) -> Double { b / (1 + exp(-b)) }

  static let surface = SurfaceFigure.Surface(
    label: "f(a, b)", x: "b", y: "a", xRange: -6...6, yRange: -3...3, xBreakpoints: [0],
    value: { b, a in a * swishGate(b) })

  @Test("colours from the cell centres' values; the colour range and the caption's numbers recomputed; contours at nice levels")
  func values() throws {
    let f = try SurfaceFigure.build(id: "swiglu", surface: Self.surface)
    #expect(f.path == "figures/swiglu-surface.png" && f.kind == .surface && f.functionIDs == ["swiglu"])
    let heat = try #require(f.figure.panels.first?.heatMap)
    #expect(heat.columns == 200 && heat.rows == 200)
    // Cell (i, j) has its centre at b = -6 + (i + ½)·12/200, a = -3 + (j + ½)·6/200.
    for (i, j) in [(0, 0), (57, 131), (199, 199), (100, 3)] {
      let b = -6 + (Double(i) + 0.5) * 0.06
      let a = -3 + (Double(j) + 0.5) * 0.03
      #expect(abs(heat.values[j * 200 + i] - a * Self.swishGate(b)) <= 1e-12 * abs(a * Self.swishGate(b)))
    }
    // f = a·g(b) with g increasing for b > −1.28 and |g(−5.97)| < g(5.97):
    // the extremes are at the corners b = 5.97, a = ±2.985.
    let hi = 2.985 * Self.swishGate(5.97)
    let range = try #require(heat.range)
    #expect(abs(range.upperBound - hi) < 1e-12 && abs(range.lowerBound + hi) < 1e-12)
    #expect(f.caption.contains("(" + FigureText.number(hi) + ")"))
    #expect(f.caption.contains("(" + FigureText.number(-hi) + ")"))
    // hi = 17.8...: nice steps of 5 from −15 to 15, 0 among them, all inside the range.
    #expect(heat.contours == [-15, -10, -5, 0, 5, 10, 15])
    #expect(f.caption.contains("f(a, b) = −15, −10, −5, 0, 5, 10 and 15"))
    // The kink b = 0 is a dashed vertical line, named in caption and alt text.
    let lines = f.figure.panels[0].referenceLines
    #expect(lines.count == 1 && lines[0].orientation == .vertical && lines[0].value == 0 && lines[0].dashed)
    #expect(f.caption.contains("dashed: b = 0") && f.altText.contains("dashed: b = 0"))
    #expect(f.altText.contains("200 by 200"))
  }

  @Test("clean layout at scale 1 and 2 and in the phone layout; light and dark PNGs differ only outside the data colours")
  func layout() throws {
    let f = try SurfaceFigure.build(id: "swiglu", surface: Self.surface)
    let renderer = ChartRenderer()
    for scale in [1, 2] { #expect(try renderer.layoutIssues(f.scaled(scale).figure) == []) }
    #expect(try renderer.layoutIssues(f.narrowFigure) == [])
    let texts = try renderer.drawnTexts(f.figure).map(\.text)
    for t in ["swiglu: f(a, b)", "b", "a", "f(a, b)", "0", "10"] { #expect(texts.contains(t), "\(t)") }
    #expect(try renderer.renderPNG(f.figure) != renderer.renderPNG(f.figure, theme: .dark))
  }

  @Test("a second surface gets its own file, a title can be given; an empty box or a constant surface is refused with the id named")
  func namesAndErrors() throws {
    let second = try SurfaceFigure.build(id: "glu", title: "GLU: f(a, b)", surface: Self.surface, index: 2)
    #expect(second.path == "figures/glu-surface-2.png" && second.figure.title == "GLU: f(a, b)")
    var flat = Self.surface
    flat.value = { _, _ in 1 }
    #expect(throws: FigureError.self) { try SurfaceFigure.build(id: "glu", surface: flat) }
    var empty = Self.surface
    empty.xRange = 1...1
    #expect { try SurfaceFigure.build(id: "glu", surface: empty) } throws: { ($0 as? FigureError)?.description.contains("glu") == true }
    var nan = Self.surface
    nan.value = { _, _ in .nan }
    #expect(throws: FigureError.self) { try SurfaceFigure.build(id: "glu", surface: nan) }
  }
}
