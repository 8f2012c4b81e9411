import LossAtlasAnalysis
import LossAtlasCharts
import LossAtlasCore
import Testing

@testable import LossAtlasReport

/// The layout of every figure of the manual, checked on the boxes the
/// charts layer drew (``ChartRenderer/layoutIssues(_:tolerance:)``): no
/// text over another text, a legend, a curve or a marker; no legend over
/// the data; no in-plot label crossed by a reference line; nothing outside
/// the image; no label left out. Each failure names the figure, the panel
/// and the two boxes.
@Suite("Manual figures: layout")
struct FigureLayoutTests {
  static let renderer = ChartRenderer()

  @Test("no collisions in any figure of the manual", arguments: [1, 2])
  func noCollisions(scale: Int) throws {
    for f in FigureFixture.figures {
      let issues = try Self.renderer.layoutIssues(f.scaled(scale).figure)
      for issue in issues { Issue.record("\(f.path) at scale \(scale): \(issue)") }
    }
  }

  /// The phone layout of every figure (panels stacked, 480 points wide).
  @Test("no collisions in the narrow (phone) layout of any figure")
  func noCollisionsNarrow() throws {
    for f in FigureFixture.figures {
      let narrow = f.narrowFigure
      #expect(narrow.size.width == 480 && narrow.columns == 1)
      for issue in try Self.renderer.layoutIssues(narrow) { Issue.record("\(f.narrowSVGPath): \(issue)") }
    }
  }

  /// Every string a chart of the manual draws, checked against the cmap of
  /// the fonts that draw it (the regular or bold face, then the fallbacks):
  /// no character may fall back to the .notdef box.
  @Test("every character of every chart text has a glyph in the chart fonts")
  func noMissingGlyphs() throws {
    let fonts = Self.renderer.fonts
    var strings = Set<DrawnText>()
    for f in FigureFixture.figures {
      for t in try Self.renderer.drawnTexts(f.figure) where !strings.contains(t) {
        strings.insert(t)
        let missing = try fonts.missingCharacters(in: t.text, bold: t.bold)
        if !missing.isEmpty {
          Issue.record("\(f.path): '\(t.text)' has no glyph for \(missing.map { "U+" + String($0.value, radix: 16, uppercase: true) })")
        }
      }
    }
    #expect(strings.count > 300)  // titles, labels, ticks and legends of ~74 figures
  }

  /// The issue's cases, checked directly.
  @Test("huber at δ = 0.5: the two f″-jump labels apart, no 'saturated' entry for an invisible band")
  func huberHalf() throws {
    let spec = try Catalog.function(named: "huber")
    let p = try spec.validateParameters(["delta": 0.5])
    let properties = spec.views(p).indices.map { PropertyEngine.analyze(spec, parameters: p, viewIndex: $0) }
    let figure = try ManualFigures.function(spec, properties: properties, parameters: p)
    #expect(try Self.renderer.layoutIssues(figure.figure) == [])
    let texts = try Self.renderer.drawnTexts(figure.figure).map(\.text)
    #expect(texts.filter { $0 == "f″ jumps" }.count == 2)
    #expect(!texts.contains { $0.hasPrefix("saturated") })
    #expect(!figure.caption.contains("shaded orange"))
  }

  @Test("focal: the y = 0 derivative is drawn whole (peak 0.847), not cut at 0.282")
  func focalDerivativeWhole() throws {
    let f = FigureFixture.function("focal").figure
    let derivative = f.panels[1]
    let peak = derivative.series.filter { !$0.x.isEmpty }.flatMap(\.y).filter(\.isFinite).max()!
    #expect(peak > 0.84 && peak < 0.85)
    #expect(try #require(derivative.y.range).upperBound >= peak)
  }
}
