import LossAtlasCore
@testable import LossAtlasReport
import Testing

/// The names of the manual's own files, known before any analysis
/// (``ManualNames``): what a user function's id may not be. The expected
/// paths follow the manual's layout (ManualGenerator.render, assemble):
/// README.md only in the Markdown folder, SVGs only in the HTML folder, the
/// Chinese edition under zh/. That every name the generator writes is known
/// here is ManualTests' `ownNamesKnown`, over a generated manual.
@Suite struct ManualNamesTests {
  let both: [ManualFormat] = [.markdown, .html]

  @Test("a page's name is refused in the first path of the run's formats and editions, without case")
  func pages() {
    #expect(ManualNames.clash(id: "methods", formats: both, languages: [.en])?.path == "html/methods.html")
    #expect(ManualNames.clash(id: "Methods", formats: [.html], languages: [.zh])?.path == "zh/html/methods.html")
    #expect(ManualNames.clash(id: "index", formats: [.markdown], languages: [.en])?.path == "markdown/index.md")
    #expect(ManualNames.clash(id: "gradient-depth", formats: [.markdown], languages: [.zh])?.path == "zh/markdown/gradient-depth.md")
    #expect(ManualNames.clash(id: "readme", formats: [.markdown], languages: [.en])?.path == "markdown/README.md")
    // The HTML folder has no README: an id 'README' writes html/README.html, no file of the manual's.
    #expect(ManualNames.clash(id: "README", formats: [.html], languages: Language.allCases) == nil)
  }

  @Test("a figure's name, its narrow SVG (HTML only) and the precision figures' names are refused")
  func figures() {
    #expect(ManualNames.clash(id: "gain", formats: [.markdown], languages: [.en]) == .init(path: "markdown/figures/gain.png", precisionOf: nil))
    #expect(ManualNames.clash(id: "swiglu-surface", formats: both, languages: [.en])?.path == "html/figures/swiglu-surface.png")
    #expect(ManualNames.clash(id: "family-focal-gamma", formats: both, languages: [.en])?.path == "html/figures/family-focal-gamma.png")
    #expect(ManualNames.clash(id: "compare-gelu-gelu-tanh", formats: both, languages: [.en])?.path == "html/figures/compare-gelu-gelu-tanh.png")
    #expect(ManualNames.clash(id: "sigmoid-narrow", formats: [.markdown], languages: [.en]) == nil)
    #expect(ManualNames.clash(id: "sigmoid-narrow", formats: both, languages: [.en])?.path == "html/figures/sigmoid-narrow.svg")
    #expect(ManualNames.clash(id: "compare-shrink-narrow", formats: [.html], languages: [.zh])?.path == "zh/html/figures/compare-shrink-narrow.svg")
    #expect(
      ManualNames.clash(id: "precision-relu", formats: [.markdown], languages: [.en])
        == .init(path: "markdown/figures/precision-relu.png", precisionOf: "relu"))
  }

  @Test("names the manual does not write are free")
  func free() {
    for id in ["my-loss", "relu-like", "precision", "surface", "narrow", "depth-2", "family-elu", "compare", "style", "search", "data", "figures"] {
      #expect(ManualNames.clash(id: id, formats: both, languages: Language.allCases) == nil, "\(id)")
    }
  }
}
