import Foundation
import LossAtlasAnalysis
import LossAtlasCore
@testable import LossAtlasReport
import LossAtlasResources
import LossAtlasVerification
import Testing

/// The errata's evidence in both editions (issue 13): each article claim's
/// statement (English: its `text` in claims/article.yaml; Chinese:
/// templates/strings/zh/errata-claims.yaml) and what the engine computed
/// for it, phrased from the same data (``ClaimNote``, as `check --lang`
/// words it) by ``EvidencePhrasing``.
@Suite(.serialized) struct ErrataEvidenceTests {
  static let claimsFile = "templates/strings/zh/errata-claims.yaml"

  /// The article's claims, decided once for the suite (as the manual does,
  /// at the manual's default settings).
  static let results: [ClaimResult] = {
    do {
      let yaml = ProjectFiles.text("claims/article.yaml")!
      return try ClaimEvaluator().evaluate(try ClaimFile.parse(yaml, file: "claims/article.yaml"), threads: 2)
    } catch {
      fatalError("claims/article.yaml: \(error)")
    }
  }()

  static let english = EvidencePhrasing(strings: .english)
  static let chinese = EvidencePhrasing(strings: try! Strings.edition(.zh))

  @Test func claimStatementsComeFromTheClaimsFile() throws {
    let yaml = """
      claims:
        - id: c1
          text: "sigmoid's derivative never exceeds 1/4"
          function: sigmoid
        - id: c2
          function: relu
      errata: []
      """
    let entries = try ClaimText.english(yaml: yaml, file: "t.yaml")
    #expect(entries.map(\.key) == ["claim.c1.text"], "a claim without a statement has no entry")
    #expect(entries.map(\.text) == ["sigmoid's derivative never exceeds 1/4"])
    let en = try Strings.edition(.en)
    #expect(en.origin["claim.a25-sigmoid-max-slope.text"] == "claims/article.yaml")
    #expect(en.text("claim.a25-sigmoid-max-slope.text") == "sigmoid's derivative is at most 1/4")
  }

  /// The completeness test the issue asks for: an article claim without a
  /// Chinese statement fails, naming it; a Chinese statement of no claim
  /// (a renamed or removed one) fails too.
  @Test func everyArticleClaimHasAChineseStatement() throws {
    let zh = try Strings.embedded(.zh)
    let english = try ClaimText.english()
    #expect(english.count == Self.results.count, "every claim of the article states something")
    let avoid = (try? Glossary.load())?.flatMap(\.avoid) ?? []
    for (key, text) in english {
      guard let chinese = zh.table[key] else {
        Issue.record("\(key) has no Chinese statement in \(Self.claimsFile)")
        continue
      }
      #expect(zh.origin[key] == Self.claimsFile, "\(key) is in \(zh.origin[key] ?? "?")")
      // A statement in words is Chinese; a formula (relu(3) = 3) stays one.
      let words = PhrasingStringsTests.englishSentence(text) != nil
      for problem in ZhTextCheck.typographyProblems(chinese, mustBeChinese: words, avoid: avoid) {
        Issue.record("\(key): \(problem)")
      }
      #expect(EnglishProse.runs(in: chinese).isEmpty, "\(key): English in “\(chinese)”")
    }
    let keys = Set(english.map(\.key))
    for (key, origin) in zh.origin where origin == Self.claimsFile {
      #expect(keys.contains(key), "\(key) in \(Self.claimsFile) states no claim of claims/article.yaml")
    }
  }

  /// The engine's text made readable as the errata page made it before it
  /// was phrased from data, with a view's label and a setting written as
  /// the pages write them (`yhat (y = 0)` → `ŷ (y = 0)`, `{delta=0.5}` →
  /// `δ = 0.5`): the labels of the function's views at its defaults and at
  /// each grid value, the settings by the parameters' symbols.
  static func typesetEngineText(_ r: ClaimResult) -> String {
    var text = Readable.text(r.computed.joined(separator: "; "))
    let spec = r.claim.function
    var settings = [spec.defaultParameters]
    for p in spec.parameters {
      for g in p.grid {
        var values = spec.defaultParameters.values
        values[p.name] = g
        settings.append(ParameterValues(values))
      }
    }
    let ph = Phrasing(.english)
    let labels = Set(settings.flatMap { spec.views($0).map(\.label) }).sorted { ($0.count, $0) > ($1.count, $1) }
    for label in labels { text = text.replacingOccurrences(of: Readable.text(label), with: ViewNaming.label(label, ph)) }
    for p in spec.parameters {
      let pattern = "\\{\(p.name)=([^}]*)\\}"
      text = text.replacingOccurrences(of: pattern, with: "\(ViewNaming.symbol(p)) = $1", options: .regularExpression)
    }
    return text
  }

  /// Both editions phrase the same data; the English phrasing is the
  /// engine's own text (what `lossatlas check` prints), typeset
  /// (``typesetEngineText(_:)``).
  @Test func englishPhrasingIsTheEnginesText() {
    #expect(Self.results.count >= 50)
    var typeset = 0
    for r in Self.results {
      #expect(r.notes.count == r.computed.count, "\(r.claim.id): one note per setting")
      let expected = Self.typesetEngineText(r)
      if expected != Readable.text(r.computed.joined(separator: "; ")) { typeset += 1 }
      #expect(Self.english.computed(r) == expected, "\(r.claim.id): “\(Self.english.computed(r))” vs the engine's “\(expected)”")
    }
    // mse, mae and huber's claims name the view yhat (y = 0), a16 its settings.
    #expect(typeset >= 5)
  }

  /// Every article claim's reading is data the Chinese edition phrases:
  /// none falls back to the engine's English, none misses a key, none
  /// holds an English sentence.
  @Test func chinesePhrasingHasNoEnglish() {
    for r in Self.results {
      let zh = Self.chinese.computed(r)
      #expect(!zh.contains("⟦"), "\(r.claim.id): \(zh)")
      #expect(EnglishProse.runs(in: zh).isEmpty, "\(r.claim.id): English in “\(zh)”")
      // No word of the engine's English survives (bounded, attained, ...).
      let words = Set(zh.split { !$0.isASCII || !$0.isLetter }.map(String.init).filter { $0.count >= 4 })
      let englishWords = Set(r.computed.joined(separator: " ").split { !$0.isLetter }.map(String.init)).filter { $0.count >= 4 }
      // Names are not words: the function's parameters and arguments (delta, yhat).
      let names = r.claim.function.parameters.map(\.name) + r.claim.function.arguments.map(\.name)
      let left = words.intersection(englishWords).subtracting(names)
      #expect(left.isEmpty, "\(r.claim.id): English words \(left.sorted()) in “\(zh)”")
    }
  }

  /// Facts known without the engine, in Chinese: σ′ = σ(1 − σ) is largest
  /// at 0, where it is 1/4; relu's dead region is (−∞, 0]; binary CE with
  /// label 1 is −log p, decreasing in p; hinge(s, −1) = max(0, 1 + s) =
  /// hinge(−s, +1) exactly at every grid point.
  @Test func chinesePhrasingStatesTheFacts() throws {
    func result(_ id: String) throws -> ClaimResult { try #require(Self.results.first { $0.claim.id == id }) }
    func zh(_ id: String) throws -> String { Self.chinese.computed(try result(id)) }
    let slope = try zh("a25-sigmoid-max-slope")
    #expect(slope.hasPrefix("0.25") && slope.contains("x = 0"), "\(slope)")
    #expect(try zh("a24-relu-dead-region") == "(−∞, 0]")
    #expect(try zh("a05-bce-decreasing-in-p") == "单调递减")
    let symmetric = try result("a10-hinge-symmetric")
    let points = try #require(symmetric.computed.first?.split(separator: " ").dropFirst(2).first)
    #expect(try zh("a10-hinge-symmetric") == "在\(points)个点上成立：两边完全相等")
    // Huber's |∂L/∂ŷ| is min(|r|, δ): each δ of the claim is named with its value.
    let huber = try result("a16-huber-max-gradient-is-delta")
    let text = Self.chinese.computed(huber)
    #expect(text.components(separatedBy: "；δ = ").count == huber.notes.count, "\(text)")
    for delta in ["0.5", "1", "2", "4"] { #expect(text.contains("δ = \(delta)："), "\(text)") }
    #expect(text.contains("在视图ŷ (y = 0)中"), "\(text)")
  }

  /// The formula check's sentence: the English is the sentence the errata
  /// printed before it was phrased from the strings tables.
  @Test func formulaCheckPhrasing() throws {
    let check = FormulaCheck.run(lines: [], specs: [try Catalog.function(named: "sigmoid"), try Catalog.function(named: "huber")])
    #expect(check.components > 0)
    #expect(Self.english.formulas(check) == check.summary)
    let zh = Self.chinese.formulas(check)
    #expect(zh.hasPrefix("本次运行在\(Readable.count(check.points))个自变量取值点上比较了\(Readable.count(check.components))个分量"), "\(zh)")
    #expect(EnglishProse.runs(in: zh).isEmpty, "\(zh)")
  }

  /// The evidence tables are twins: the same keys and placeholders.
  @Test func evidenceTablesAreTwins() throws {
    func table(_ language: Language) throws -> [String: String] {
      let path = "templates/strings/\(language.rawValue)/errata-evidence.yaml"
      return Dictionary(try Strings.flatten(yaml: try #require(ProjectFiles.text(path)), file: path)) { a, _ in a }
    }
    let en = try table(.en)
    let zh = try table(.zh)
    #expect(Set(en.keys) == Set(zh.keys), "only en: \(Set(en.keys).subtracting(zh.keys).sorted()); only zh: \(Set(zh.keys).subtracting(en.keys).sorted())")
    for (key, value) in en {
      guard let z = zh[key] else { continue }
      #expect(PhrasingStringsTests.placeholders(value) == PhrasingStringsTests.placeholders(z), "\(key)")
      for problem in ZhTextCheck.typographyProblems(z, mustBeChinese: false) { Issue.record("zh \(key): \(problem)") }
    }
  }
}
