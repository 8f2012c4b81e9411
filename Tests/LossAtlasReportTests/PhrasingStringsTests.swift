import Foundation
import LossAtlasAnalysis
import LossAtlasCharts
import LossAtlasCore
@testable import LossAtlasReport
import LossAtlasResources
import Testing

/// The page and figure words of both editions (issue 13): the tables
/// `templates/strings/{en,zh}/{phrasing,pages,figures}.yaml` are twins, and
/// the Chinese edition's function pages and figures, composed from them,
/// hold no missing entry and no English sentence.
@Suite struct PhrasingStringsTests {
  /// The tables this suite owns (zh-phrasing's part of issue 13).
  static let tables = ["phrasing", "pages", "figures", "errata-page", "methods"]

  static func table(_ language: Language, _ name: String) throws -> [String: String] {
    let path = "templates/strings/\(language.rawValue)/\(name).yaml"
    let text = try #require(ProjectFiles.text(path), "\(path) is embedded")
    return Dictionary(try Strings.flatten(yaml: text, file: path)) { a, _ in a }
  }

  /// The `{name}` placeholders of a table entry.
  static func placeholders(_ s: String) -> Set<String> {
    let regex = try! NSRegularExpression(pattern: "\\{([A-Za-z][A-Za-z0-9_.]*)\\}")
    let ns = s as NSString
    return Set(regex.matches(in: s, range: NSRange(location: 0, length: ns.length)).map { ns.substring(with: $0.range(at: 1)) })
  }

  @Test(arguments: tables) func everyKeyHasATwinWithTheSamePlaceholders(_ name: String) throws {
    let en = try Self.table(.en, name)
    let zh = try Self.table(.zh, name)
    #expect(!en.isEmpty, "templates/strings/en/\(name).yaml has entries")
    for key in en.keys.sorted() where zh[key] == nil {
      Issue.record("templates/strings/zh/\(name).yaml lacks '\(key)' (present in en/\(name).yaml)")
    }
    for key in zh.keys.sorted() where en[key] == nil {
      Issue.record("templates/strings/en/\(name).yaml lacks '\(key)' (present in zh/\(name).yaml)")
    }
    for key in en.keys.sorted() {
      guard let z = zh[key] else { continue }
      #expect(
        Self.placeholders(en[key]!) == Self.placeholders(z),
        "'\(key)' in \(name).yaml: en has \(Self.placeholders(en[key]!).sorted()), zh has \(Self.placeholders(z).sorted())")
    }
  }

  /// Chinese prose in the tables: full-width punctuation, never an ASCII
  /// comma, colon or semicolon after a Chinese character.
  @Test(arguments: tables) func chineseEntriesUseFullWidthPunctuation(_ name: String) throws {
    for (key, value) in try Self.table(.zh, name) {
      let chars = Array(value)
      for (i, c) in chars.enumerated() where [",", ";", ":", "."].contains(c) && i > 0 && Self.isCJK(chars[i - 1]) {
        Issue.record("zh/\(name).yaml '\(key)': half-width '\(c)' after a Chinese character in “\(value)”")
      }
    }
  }

  static func isCJK(_ c: Character) -> Bool {
    c.unicodeScalars.contains { (0x4E00...0x9FFF).contains($0.value) || (0x3000...0x303F).contains($0.value) || (0xFF00...0xFFEF).contains($0.value) }
  }

  /// An English sentence: no Chinese character and two English words of
  /// three letters or more in a row ("value rounds", "not attained").
  /// Formulas, intervals, numbers, function ids and view labels pass.
  static func englishSentence(_ text: String) -> String? {
    let regex = try! NSRegularExpression(pattern: "[A-Za-z]{3,}[ ,]+[A-Za-z]{3,}")
    for piece in text.split(whereSeparator: { "。；：，\n".contains($0) }) {
      let s = String(piece)
      if s.contains(where: isCJK) { continue }
      if regex.firstMatch(in: s, range: NSRange(location: 0, length: (s as NSString).length)) != nil { return s }
    }
    return nil
  }

  /// The analyses of the functions the Chinese pages are read for (issue
  /// 13: gelu, relu, cross-entropy, focal), primary views at 20,001 points.
  static let ids = ["gelu", "relu", "cross-entropy", "focal"]
  static let analyses = CatalogAnalysis.run(ids: ids, primarySamples: 20_001, threads: 2)

  /// The texts of a function page that zh-phrasing composes: the property
  /// tables, facts, the parameter grid, edge cases, the precision study,
  /// the textbook formula's failures, the accuracy sentence (not the
  /// catalog's own texts: summary, notes, argument and parameter meanings).
  static func composedTexts(_ page: FunctionPage) -> [String] {
    var out = [page.family, page.accuracy] + page.precisionExact + (page.precisionNone.map { [$0] } ?? [])
    for v in page.views {
      out.append(v.label)
      for r in v.rows { out += [r.name, r.value] }
    }
    for f in page.facts + page.naiveFailures { out += [f.name, f.value] }
    if let s = page.settings { out += s.header + s.rows.flatMap(\.cells) }
    out += page.edgeCases.map(\.note)
    for r in page.precision { out += [r.what, r.float16, r.float32, r.float64] }
    out += page.parameters.map(\.range)
    out += page.arguments.map(\.name)
    return out
  }

  /// Every text a figure draws or says: title, panel titles, axis labels,
  /// legends, marker and line labels, band labels, caption, alt text.
  static func figureTexts(_ f: ManualFigure) -> [String] {
    var out = [f.caption, f.altText, f.figure.title]
    for c in f.figure.panels {
      out += [c.title, c.subtitle, c.x.label, c.y.label]
      out += c.series.map(\.name) + c.markers.map(\.label) + c.referenceLines.map(\.label) + c.bands.map(\.label)
    }
    return out.filter { !$0.isEmpty }
  }

  @Test(arguments: ids) func chinesePageAndFigureTextIsComplete(_ id: String) throws {
    let zh = try Strings.embedded(.zh)
    let spec = try Catalog.function(named: id)
    let analysis = try #require(Self.analyses.first { $0.id == id })
    let page = try FunctionPageBuilder.build(
      spec, analysis, figures: [], accuracy: nil, measurements: try FrameworkMeasurements.embedded(), strings: zh)
    let figure = try ManualFigures.function(spec, analysis, strings: zh)
    let texts = Self.composedTexts(page) + Self.figureTexts(figure)
    #expect(texts.count > 30, "\(id): the page and figure give their texts")
    for t in texts {
      #expect(!t.contains(Strings.missingMarker), "\(id): a missing strings entry in “\(t)”")
      if let s = Self.englishSentence(t) { Issue.record("\(id): English in the Chinese edition: “\(s)” (in “\(t)”)") }
    }
    // The facts are the same in both editions: every number of the English
    // property table appears in the Chinese one.
    let en = try FunctionPageBuilder.build(
      spec, analysis, figures: [], accuracy: nil, measurements: try FrameworkMeasurements.embedded(), strings: .english)
    #expect(en.views.map(\.rows.count) == page.views.map(\.rows.count))
    for (e, z) in zip(en.views.flatMap(\.rows), page.views.flatMap(\.rows)) {
      // Sorted: word order differs ("0 attained at ŷ = 1", "在ŷ = 1处取到0").
      #expect(
        Self.numbers(e.value).sorted() == Self.numbers(z.value).sorted(),
        "\(id): “\(e.value)” and “\(z.value)” give the same numbers")
    }
  }

  /// The numbers of a text (with their minus signs and
  /// exponents), which the tables never reword.
  static func numbers(_ s: String) -> [String] {
    let regex = try! NSRegularExpression(pattern: "−?[0-9][0-9.]*(×10[⁻⁰¹²³⁴⁵⁶⁷⁸⁹]+)?")
    let ns = s as NSString
    return regex.matches(in: s, range: NSRange(location: 0, length: ns.length)).map { ns.substring(with: $0.range) }
  }

  @Test func englishWordsReadAsBefore() throws {
    // Hand-written from the English edition before the extraction (output/
    // of main at 566038c): the tables must give the same sentences.
    let ph = Phrasing(.english)
    #expect(ph.list(["a", "b", "c"]) == "a, b and c")
    #expect(ph.say("extremum.notAttained", ["value": "1", "locations": "approached as x → ∞"]) == "1 (not attained), approached as x → ∞")
    #expect(ph.monotonic(.neither) == "not monotonic")
    let zh = Phrasing(try Strings.embedded(.zh))
    #expect(zh.list(["a", "b", "c"]) == "a、b和c")
    #expect(zh.monotonic(.increasing) == "单调递增")
  }
}
