import Foundation
import LossAtlasAnalysis
import LossAtlasCore
@testable import LossAtlasReport
import Testing

/// The shrink comparison figure's caption prints the λ the figure draws
/// hardshrink and softshrink at (their catalog defaults), in both editions:
/// the strings tables hold a placeholder, never a typed number.
@Suite struct ShrinkCaptionTests {
  static let shrink = ComparisonFigures.definitions.first { $0.topic == "shrink" }!
  static let analyses = CatalogAnalysis.run(ids: shrink.ids, primarySamples: 20_001, threads: 2)

  /// The number after "λ = " in `text`.
  static func lambda(in text: String) -> Double? {
    guard let r = text.range(of: "λ = ") else { return nil }
    return Double(String(text[r.upperBound...].prefix { $0.isNumber || $0 == "." }))
  }

  @Test("the caption's λ is the parameter both shrink functions are drawn at, in English and Chinese", arguments: Language.allCases)
  func captionLambda(language: Language) throws {
    // One λ in the caption describes both: the catalog gives them the same default.
    let hard = try Catalog.function(named: "hardshrink").defaultParameters["lambda"]
    let soft = try Catalog.function(named: "softshrink").defaultParameters["lambda"]
    #expect(hard == soft)
    let strings = try Strings.edition(language)
    let figure = try #require(ComparisonFigures.build(Self.shrink, AnalysisIndex(Self.analyses), words: FigureWords(strings)))
    #expect(Self.lambda(in: figure.caption) == soft, "\(figure.caption)")
    #expect(!figure.caption.contains("{"), "\(figure.caption)")
  }

  @Test("the strings tables hold the caption's λ as a placeholder filled from the figure's parameter", arguments: Language.allCases)
  func noTypedLambda(language: Language) throws {
    let template = try #require(Strings.edition(language).table["figure.compare.shrink.caption"])
    #expect(template.contains("λ = {lambda}"), "\(template)")
    #expect(Self.lambda(in: template) == nil, "\(template)")
  }
}
