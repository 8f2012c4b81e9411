import Testing

@testable import LossAtlasCharts
@testable import LossAtlasReport

/// The text metrics that layout measures without drawing (session 18,
/// perf-render: a title's candidate lines are measured, not rendered, and
/// FreeType's box of each text is cached for the process) are the box and
/// advance of the rendered, uncached text: ``TextShaper/metrics(_:chain:pixelSize:angle:cached:memo:)``
/// (first call and cache hit) equals ``TextShaper/mask(_:chain:pixelSize:angle:cached:memo:)``
/// with every cache off, for every text every manual figure of both
/// editions draws (at its size, weight and angle), every prefix of their
/// titles (the candidates a wrap measures), and every line of both
/// editions' strings tables as a title and as an axis label (turned axis
/// labels are among the figures' texts).
@Suite("Text metrics: cached measurements equal uncached renders", .serialized)
struct TextMetricsCacheTests {
  static let fonts = ChartRenderer().fonts

  struct Probe: Hashable {
    var text: String
    var bold: Bool
    var size: Double
    var angle: Double
  }

  /// Metrics (first measured, then from the cache) against the uncached mask.
  static func check(_ p: Probe) throws -> Bool {
    let chain = fonts.chain(bold: p.bold)
    let uncached = try TextShaper.mask(p.text, chain: chain, pixelSize: p.size, angle: p.angle, cached: false, memo: TextMemo())
    let expected = TextMetrics(bounds: uncached.bounds, advance: uncached.advance)
    let first = try TextShaper.metrics(p.text, chain: chain, pixelSize: p.size, angle: p.angle, cached: true, memo: TextMemo())
    let again = try TextShaper.metrics(p.text, chain: chain, pixelSize: p.size, angle: p.angle, cached: true, memo: TextMemo())
    // The mask path's own measurement goes through the metrics cache too.
    let cachedMask = try TextShaper.mask(p.text, chain: chain, pixelSize: p.size, angle: p.angle, cached: true, memo: TextMemo())
    return first == expected && again == expected && cachedMask.bounds == uncached.bounds
      && cachedMask.advance == uncached.advance && cachedMask.coverage == uncached.coverage
  }

  /// Every text drawn by the figures (and the narrow figures) of an edition,
  /// and every prefix of its bold texts and of its texts with Chinese.
  static func probes(_ language: Language) throws -> Set<Probe> {
    let figures = ManualFigures.all(analyses: FigureFixture.analyses, strings: try Strings.edition(language))
    let renderer = ChartRenderer()
    var probes = Set<Probe>()
    for f in figures {
      for figure in [f.figure, f.narrowFigure] {
        let (_, scene) = try renderer.renderScene(figure, paint: false)
        for case .text(let t) in scene.items {
          probes.insert(Probe(text: t.text, bold: t.bold, size: t.size, angle: t.angle))
          guard t.bold || CJK.contains(t.text) else { continue }
          var prefix = ""
          for c in t.text {
            prefix.append(c)
            probes.insert(Probe(text: prefix, bold: t.bold, size: t.size, angle: 0))
          }
        }
      }
    }
    return probes
  }

  @Test("every text of every manual figure, and its titles' prefixes", arguments: Language.allCases)
  func figureTexts(language: Language) throws {
    let probes = try Self.probes(language)
    #expect(probes.count > 500, "\(probes.count) texts")
    if language == .zh { #expect(probes.contains { CJK.contains($0.text) && $0.bold }) }
    #expect(probes.contains { $0.angle != 0 })
    var wrong: [Probe] = []
    for p in probes where try !Self.check(p) { wrong.append(p) }
    #expect(wrong.isEmpty, "\(wrong.prefix(5))")
  }

  @Test("every line of the strings tables, as a bold title and as an axis label", arguments: Language.allCases)
  func stringsTables(language: Language) throws {
    let strings = try Strings.edition(language)
    var probes = Set<Probe>()
    for value in strings.table.values {
      for line in value.split(whereSeparator: \.isNewline) where !line.allSatisfy(\.isWhitespace) {
        probes.insert(Probe(text: String(line), bold: true, size: 16, angle: 0))
        probes.insert(Probe(text: String(line), bold: false, size: 13.5, angle: 0))
      }
    }
    #expect(probes.count > 200)
    var wrong: [Probe] = []
    for p in probes where try !Self.check(p) { wrong.append(p) }
    #expect(wrong.isEmpty, "\(wrong.prefix(5))")
  }
}
