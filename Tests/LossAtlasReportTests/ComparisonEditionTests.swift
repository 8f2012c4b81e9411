import Foundation
import LossAtlasAnalysis
import LossAtlasCharts
import LossAtlasCore
@testable import LossAtlasReport
import LossAtlasResources
import Testing

/// The four comparison pages of issue 10 section 2 (shrink, GLU variants,
/// softmax against sparsemax, cross-entropy and its variants) and their own
/// figures in the Chinese edition (issue 13): their words live in
/// `templates/strings/{en,zh}/comparisons.yaml`, twins with the same
/// placeholders; the Chinese pages and figures hold no English sentence
/// and print the same facts as the English ones.
@Suite(.serialized) struct ComparisonEditionTests {
  static let pages = [ShrinkComparison.page, GLUComparison.page, SoftmaxSparsemaxComparison.page, CrossEntropyComparison.page]

  /// Both editions of the manual restricted to the four pages' functions
  /// (every fact of the four pages present), by path.
  static let files: [String: String] = {
    let files = SmallManual.generate(
      only: ShrinkComparison.members + GLUComparison.members + SoftmaxSparsemaxComparison.members
        + CrossEntropyComparison.members,
      languages: [.en, .zh])
    return Dictionary(
      uniqueKeysWithValues: files.filter { $0.path.hasSuffix(".md") || $0.path.hasSuffix(".html") }.map {
        ($0.path, String(decoding: $0.bytes, as: UTF8.self))
      })
  }()

  static func table(_ language: Language) throws -> [String: String] {
    let path = "templates/strings/\(language.rawValue)/comparisons.yaml"
    let text = try #require(ProjectFiles.text(path), "\(path) is embedded")
    return Dictionary(try Strings.flatten(yaml: text, file: path)) { a, _ in a }
  }

  @Test("comparisons.yaml: every key in both languages, with the same placeholders; the Chinese is typeset as Chinese")
  func tablesAreTwins() throws {
    let en = try Self.table(.en)
    let zh = try Self.table(.zh)
    #expect(en.count > 50, "en/comparisons.yaml has the four pages' words")
    for key in en.keys.sorted() where zh[key] == nil { Issue.record("zh/comparisons.yaml lacks '\(key)'") }
    for key in zh.keys.sorted() where en[key] == nil { Issue.record("en/comparisons.yaml lacks '\(key)'") }
    let avoid = ((try? Glossary.load()) ?? []).flatMap(\.avoid)
    for (key, value) in zh.sorted(by: { $0.key < $1.key }) {
      if let e = en[key] {
        #expect(
          PhrasingStringsTests.placeholders(e) == PhrasingStringsTests.placeholders(value),
          "'\(key)': en has \(PhrasingStringsTests.placeholders(e).sorted()), zh \(PhrasingStringsTests.placeholders(value).sorted())")
      }
      // An entry whose English has words is Chinese; formulas, names and
      // pure arrangements of facts (`{id} ({class})`) need not be.
      let english = PhrasingStringsTests.placeholders(en[key] ?? "").reduce(en[key] ?? "") {
        $0.replacingOccurrences(of: "{\($1)}", with: " ")
      }
      let chinese = en[key] != value && !EnglishProse.matches("[A-Za-z]{3,}", in: english).isEmpty
      for problem in ZhTextCheck.typographyProblems(value, mustBeChinese: chinese, avoid: avoid) {
        Issue.record("zh/comparisons.yaml '\(key)': \(problem)")
      }
    }
    // No key of this file is defined by another table as well (the loader
    // would refuse it; this names the file).
    let all = try Strings.embedded(.zh)
    for key in zh.keys { #expect(all.origin[key] == "templates/strings/zh/comparisons.yaml", "\(key): \(all.origin[key] ?? "?")") }
  }

  @Test("the four Chinese comparison pages hold no English sentence and no missing entry", arguments: pages)
  func chinesePagesAreChinese(_ page: String) throws {
    for format in ["markdown", "html"] {
      let ext = format == "markdown" ? "md" : "html"
      let zh = try #require(Self.files["zh/\(format)/\(page).\(ext)"], "zh/\(format)/\(page).\(ext)")
      let runs = format == "html" ? EnglishProse.inHTML(zh) : EnglishProse.inMarkdown(zh)
      #expect(runs.isEmpty, "zh/\(format)/\(page).\(ext): \(runs)")
      #expect(!zh.contains(Strings.missingMarker), "zh/\(format)/\(page).\(ext) has a missing entry")
    }
    // The detector is not blind on these pages: the English twin has runs
    // (in Markdown: an English HTML page is one element marked lang="en",
    // which the detector skips whole).
    let en = try #require(Self.files["markdown/\(page).md"])
    #expect(EnglishProse.inMarkdown(en).count > 3, "\(page): the English twin")
  }

  /// The numbers a page prints (Readable's forms: `−0.169971`, `2.868×10⁻¹⁰`,
  /// `10⁹`, `1/3`'s digits) in its content, the footer's version and hash left out.
  static func numbers(_ page: String) -> Set<String> {
    let content = page.components(separatedBy: "\n---\n").first ?? page
    let pattern = #"−?[0-9]+(?:\.[0-9]+)?(?:×10[⁻⁰¹²³⁴⁵⁶⁷⁸⁹]+)?"#
    return Set(EnglishProse.matches(pattern, in: content))
  }

  /// The Markdown tables of a page: rows of cells.
  static func tables(_ page: String) -> [[String]] {
    // An escaped bar (`\|`, as in `max \|f′\|`) is inside a cell.
    page.split(separator: "\n").filter { $0.hasPrefix("| ") && !$0.hasPrefix("| ---") }.map {
      $0.replacingOccurrences(of: "\\|", with: "¦").split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
        .filter { !$0.isEmpty }
    }
  }

  @Test("each Chinese comparison page prints the English page's numbers and no others; number cells identical", arguments: pages)
  func sameFacts(_ page: String) throws {
    let en = try #require(Self.files["markdown/\(page).md"])
    let zh = try #require(Self.files["zh/markdown/\(page).md"])
    let (a, b) = (Self.numbers(en), Self.numbers(zh))
    #expect(a.count > 5, "\(page): \(a.sorted())")
    #expect(a == b, "\(page): only in English \(a.subtracting(b).sorted()), only in Chinese \(b.subtracting(a).sorted())")
    let (te, tz) = (Self.tables(en), Self.tables(zh))
    #expect(te.count == tz.count && te.count > 2, "\(page): \(te.count) table rows in English, \(tz.count) in Chinese")
    for (re, rz) in zip(te, tz) {
      #expect(re.count == rz.count, "\(page): \(re) vs \(rz)")
      // A cell without words (a number, an interval, an id) is the same fact in the same notation.
      for (ce, cz) in zip(re, rz) where !ce.contains(where: { $0.isLetter && $0.isASCII }) {
        #expect(ce == cz, "\(page): “\(ce)” in English, “\(cz)” in Chinese")
      }
    }
  }

  /// Every text a figure draws.
  static func drawn(_ f: ManualFigure) throws -> [String] { try ChartRenderer().drawnTexts(f.figure).map(\.text) }

  /// The English words of a drawn text, less the catalog's ids and the
  /// number formats: what a Chinese figure must not draw.
  static func englishWords(_ text: String) -> [String] {
    var t = text
    for id in Catalog.ids.sorted(by: { $0.count > $1.count }) { t = t.replacingOccurrences(of: id, with: " ") }
    return EnglishProse.matches("[A-Za-z]{3,}", in: t).filter { !["Float", "log", "tanh", "cos"].contains($0) }
  }

  @Test("the simplex and cross-entropy figures in Chinese: every drawn text, caption and alt text, with the English figure's numbers")
  func chineseFigures() throws {
    let zh = FigureWords(try Strings.edition(.zh))
    let index = ComparisonFigureTests.index
    let pairs: [(ManualFigure?, ManualFigure?)] = [
      (SoftmaxSparsemaxComparison.simplexFigure(index), SoftmaxSparsemaxComparison.simplexFigure(index, words: zh)),
      (CrossEntropyComparison.figure(index), CrossEntropyComparison.figure(index, words: zh)),
    ]
    for (e, z) in pairs {
      let en = try #require(e)
      let cn = try #require(z)
      #expect(en.path == cn.path)
      // The English figure draws English words, so the check below can fail.
      #expect(try Self.drawn(en).contains { !Self.englishWords($0).isEmpty }, "\(en.path)")
      for text in try Self.drawn(cn) {
        #expect(Self.englishWords(text).isEmpty, "\(cn.path) draws “\(text)”")
      }
      for text in [cn.caption, cn.altText] {
        #expect(EnglishProse.runs(in: text).isEmpty, "\(cn.path): \(EnglishProse.runs(in: text))")
        #expect(!text.contains(Strings.missingMarker))
        #expect(text.unicodeScalars.contains { (0x4E00...0x9FFF).contains($0.value) })
      }
      for (a, b) in [(en.caption, cn.caption), (en.altText, cn.altText)] {
        #expect(Self.numbers(a) == Self.numbers(b), "\(cn.path): “\(a)” against “\(b)”")
      }
    }
  }
}
