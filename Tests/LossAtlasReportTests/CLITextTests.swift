import Foundation
import LossAtlasAnalysis
@testable import LossAtlasCore
@testable import LossAtlasReport
import LossAtlasResources
import TestSupport
import Testing

/// `lossatlas properties --lang zh` and `check --lang zh` (issue 13, item 6):
/// the English words of templates/strings/en/cli.yaml print exactly what
/// the commands printed before (``LegacyCLIText``, main's code, frozen),
/// the Chinese ones hold no English sentence, the same numbers, and the
/// verdicts the engine computed, in the manual's words.
@Suite struct CLITextTests {
  static let english = Strings.english
  static let chinese: Strings = (try? Strings.edition(.zh)) ?? Strings(language: .zh, table: [:])
  /// Every catalog function at every setting of its grid (fewer samples
  /// than `properties` uses: both renderers print the same analysis).
  static let analyses = CatalogAnalysis.run(primarySamples: 20_001, threads: 2)
  static let userFile = "claims/examples/user-functions.yaml"

  static func spec(_ id: String) throws -> FunctionSpec { try FunctionRegistry.catalog.function(named: id) }

  static func userRegistry() throws -> FunctionRegistry {
    let text = try #require(ProjectFiles.text(userFile))
    return try FunctionRegistry.catalog.adding(files: [(userFile, text)], claimFiles: true)
  }

  /// The first line where two texts differ, for a readable failure.
  static func firstDifference(_ a: String, _ b: String) -> String {
    let la = a.split(separator: "\n", omittingEmptySubsequences: false)
    let lb = b.split(separator: "\n", omittingEmptySubsequences: false)
    for i in 0..<max(la.count, lb.count) where i >= la.count || i >= lb.count || la[i] != lb[i] {
      return "line \(i + 1): “\(i < la.count ? String(la[i]) : "<end>")” vs “\(i < lb.count ? String(lb[i]) : "<end>")”"
    }
    return "equal"
  }

  // MARK: - English: byte for byte what main printed

  @Test("properties ID in English is main's text, byte for byte, for every catalog function")
  func englishPropertiesReadAsBefore() throws {
    #expect(Self.analyses.count == Catalog.all.count)
    for a in Self.analyses {
      let spec = try Self.spec(a.id)
      let now = PropertiesText(Self.english).report(spec, a, definition: nil, safety: nil)
      let before = LegacyCLIText.report(spec, a, registry: .catalog, safety: nil)
      #expect(now == before, "\(a.id): \(Self.firstDifference(now, before))")
    }
  }

  @Test("properties of a user function in English (formula at the extremes, safety report) is main's text")
  func englishUserFunctionsReadAsBefore() throws {
    let registry = try Self.userRegistry()
    for id in ["naive-softplus", "my-cauchy"] {
      let spec = try registry.function(named: id)
      let definition = try #require(registry.definition(id))
      let a = CatalogAnalysis.run(ids: [id], primarySamples: 20_001, catalog: registry.all)[0]
      let safety = definition.safetyReport()
      let now = PropertiesText(Self.english).report(spec, a, definition: definition, safety: safety)
      let before = LegacyCLIText.report(spec, a, registry: registry, safety: safety)
      #expect(now == before, "\(id): \(Self.firstDifference(now, before))")
      // The safety report alone is the engine's own English text.
      #expect(PropertiesText(Self.english).safety(safety) == safety.readable)
    }
    // naive-softplus overflows (log(1 + exp(x)), exp(x) > max Double for
    // x > 709.78): the report has a finding, so its sentence was compared.
    let naive = try #require(registry.definition("naive-softplus")).safetyReport()
    #expect(!naive.findings.isEmpty)
  }

  @Test("properties with --param and a view built on request in English is main's text")
  func englishChosenViewsReadAsBefore() throws {
    for id in ["huber", "gaussian-nll", "relu"] {
      let spec = try Self.spec(id)
      var chosen: [(parameters: ParameterValues, view: ResolvedView)] = []
      let p = spec.defaultParameters
      for (i, v) in spec.views(p).enumerated() { chosen.append((p, ResolvedView.catalog(v, index: i))) }
      chosen.append((p, ResolvedView(view: spec.views(p)[0], catalogIndex: nil, breakpoints: .formula)))
      let results = CatalogAnalysis.run(spec, chosen: chosen, options: AnalysisOptions(samples: 20_001))
      let now = PropertiesText(Self.english).report(spec, chosen: results)
      let before = LegacyCLIText.chosen(spec, results)
      #expect(now == before, "\(id): \(Self.firstDifference(now, before))")
      #expect(now.contains("built on request, breakpoints from the formula"))
    }
  }

  // MARK: - Chinese: no English sentence, the same numbers

  /// The report less what is not prose: code spans (a user's formula).
  static func prose(_ text: String) -> String { EnglishProse.replace(#"`[^`\n]*`"#, in: text, with: " ") }

  @Test("properties ID in Chinese holds no English sentence and no missing entry, for every catalog function")
  func chinesePropertiesHoldNoEnglish() throws {
    for a in Self.analyses {
      let spec = try Self.spec(a.id)
      let zh = PropertiesText(Self.chinese).report(spec, a, definition: nil, safety: nil)
      #expect(!zh.contains(Strings.missingMarker), "\(a.id): a missing entry in “\(zh.prefix(300))”")
      let runs = EnglishProse.runs(in: Self.prose(zh))
      #expect(runs.isEmpty, "\(a.id): English in the Chinese report: \(runs.prefix(5))")
    }
  }

  @Test("a user function's report in Chinese (safety findings, formula headings) holds no English sentence")
  func chineseUserFunctionsHoldNoEnglish() throws {
    let registry = try Self.userRegistry()
    for id in ["naive-softplus", "my-cauchy"] {
      let spec = try registry.function(named: id)
      let definition = try #require(registry.definition(id))
      let a = CatalogAnalysis.run(ids: [id], primarySamples: 20_001, catalog: registry.all)[0]
      let zh = PropertiesText(Self.chinese).report(spec, a, definition: definition, safety: definition.safetyReport())
      #expect(!zh.contains(Strings.missingMarker), "\(id): a missing entry")
      let runs = EnglishProse.runs(in: Self.prose(zh))
      #expect(runs.isEmpty, "\(id): English in the Chinese report: \(runs.prefix(5))")
      #expect(zh.contains("按书写的公式求值的数值安全性"), "\(id): the safety report's heading")
    }
  }

  /// The numbers of a report: every token with a decimal point or an
  /// exponent (Format.number's output: `0.0`, `-0.16997120747990366`,
  /// `1e+300`).
  static func numbers(_ text: String) -> [String] {
    EnglishProse.matches(#"-?[0-9]+(?:\.[0-9]+)?e[-+]?[0-9]+|-?[0-9]+\.[0-9]+"#, in: text).sorted()
  }

  @Test("the Chinese report prints the English report's numbers, the same characters")
  func numbersAreTheSameInBothLanguages() throws {
    for a in Self.analyses {
      let spec = try Self.spec(a.id)
      let en = PropertiesText(Self.english).report(spec, a, definition: nil, safety: nil)
      let zh = PropertiesText(Self.chinese).report(spec, a, definition: nil, safety: nil)
      #expect(Self.numbers(en) == Self.numbers(zh), "\(a.id): numbers differ")
      #expect(!Self.numbers(en).isEmpty)
    }
  }

  // MARK: - Chinese verdicts are the computed facts, in the manual's words

  /// The row of a report whose label is `label`, less the label.
  static func row(_ label: String, in text: String) -> [String] {
    text.split(separator: "\n").map(String.init).filter { $0.hasPrefix("  " + label + " ") }
      .map { $0.dropFirst(2 + label.count).trimmingCharacters(in: .whitespaces) }
  }

  @Test("sigmoid, relu and cross-entropy: the Chinese verdicts are the facts the engine computed (and hand-known)")
  func chineseVerdictsAreTheFacts() throws {
    func analysis(_ id: String) throws -> FunctionAnalysis { try #require(Self.analyses.first { $0.id == id }) }
    let zh = Self.chinese
    // sigmoid: σ' = σ(1 − σ) > 0, so increasing; σ' rises to 1/4 at 0 and
    // falls, so the derivative is not monotonic; both tails saturate.
    let sigmoid = try analysis("sigmoid")
    let sv = sigmoid.settings[0].views[0]
    #expect(sv.monotonic == .increasing && sv.derivativeMonotonic == .neither && sv.saturatesLeft && sv.saturatesRight)
    let s = PropertiesText(zh).report(try Self.spec("sigmoid"), sigmoid, definition: nil, safety: nil)
    #expect(Self.row("单调性", in: s) == ["函数\(zh("phrasing.monotonic.increasing"))；导数\(zh("phrasing.monotonic.neither"))"])
    #expect(Self.row("饱和", in: s) == ["左端：是；右端：是"])
    // relu: f' = 0 exactly on (−∞, 0): a dead region; convex (max(x, 0)).
    let relu = try analysis("relu")
    let rv = relu.settings[0].views[0]
    #expect(!rv.deadRegions.isEmpty && rv.convex)
    let r = PropertiesText(zh).report(try Self.spec("relu"), relu, definition: nil, safety: nil)
    #expect(Self.row("死区", in: r) == [rv.deadRegions.map(\.interval.description).joined(separator: " ∪ ")])
    #expect(Self.row("凸/凹", in: r).first?.hasPrefix("是/否") == true)
    // Softmax cross-entropy without smoothing: −log σ(x) → 0 only as x → ∞
    // (zero at the correct class only in the limit), gradient bounded by 1.
    let ce = try analysis("cross-entropy")
    let cv = ce.settings[0].views[0]
    #expect(cv.zeroAtCorrect == .limit && cv.gradientGrowth == .bounded)
    let c = PropertiesText(zh).report(try Self.spec("cross-entropy"), ce, definition: nil, safety: nil)
    #expect(Self.row("正确处为0", in: c).first?.hasPrefix(zh("phrasing.zeroAtCorrectWord.limit") + "；") == true)
    #expect(Self.row("梯度", in: c).first == zh("phrasing.growthWord.bounded"))
  }

  @Test("the CLI's Chinese verdict words are the manual's (phrasing.yaml, pages.yaml)")
  func cliWordsAreTheManualWords() {
    let zh = Self.chinese
    for m in Monotonicity.allCases {
      #expect(zh("cli.word.monotonic.\(m.rawValue)") == zh("phrasing.monotonic.\(m.rawValue)"), "\(m)")
    }
    #expect(zh("cli.word.smoothness.discontinuous") == zh("phrasing.continuity.discontinuous"))
    #expect(zh("cli.word.smoothness.Cinf") == zh("phrasing.continuity.smooth"))
    #expect(zh("cli.word.bool.true") == zh("phrasing.yes") && zh("cli.word.bool.false") == zh("phrasing.no"))
    #expect(zh("cli.word.none") == zh("phrasing.none"))
    for mode in ["overflow", "nan", "zero", "inaccurate"] {
      #expect(zh("cli.word.naiveMode.\(mode)") == zh("page.naive.mode.\(mode)"), "\(mode)")
    }
    #expect(zh("cli.word.naiveComponent.within", ["within": "w"]) == zh("page.naive.within", ["within": "w"]))
  }

  // MARK: - The strings tables

  static func table(_ language: Language) throws -> [String: String] {
    let path = "templates/strings/\(language.rawValue)/cli.yaml"
    let text = try #require(ProjectFiles.text(path), "\(path) is embedded")
    return Dictionary(try Strings.flatten(yaml: text, file: path)) { a, _ in a }
  }

  @Test("cli.yaml: every key in both languages, with the same placeholders (the cause sentences excepted)")
  func tablesAreTwins() throws {
    let en = try Self.table(.en)
    let zh = try Self.table(.zh)
    #expect(en.count > 100)
    #expect(Set(en.keys).subtracting(zh.keys).isEmpty, "only in en/cli.yaml: \(Set(en.keys).subtracting(zh.keys).sorted())")
    #expect(Set(zh.keys).subtracting(en.keys).isEmpty, "only in zh/cli.yaml: \(Set(zh.keys).subtracting(en.keys).sorted())")
    for key in en.keys.sorted() {
      guard let z = zh[key] else { continue }
      if key.hasPrefix("cli.safety.explanation.") {
        // English quotes the engine's sentence, Chinese words the cause
        // from the subexpression.
        #expect(en[key] == "{explanation}" && ZhTextCheck.placeholders(z) == ["{culprit}"], "\(key)")
        continue
      }
      #expect(ZhTextCheck.placeholders(en[key]!) == ZhTextCheck.placeholders(z), "\(key): en \(en[key]!) zh \(z)")
    }
  }

  @Test("zh/cli.yaml is Chinese with full-width punctuation (row labels are padded for the terminal's columns)")
  func chineseTableTypography() throws {
    for (key, value) in try Self.table(.zh) {
      // The padding after a row's label lines the values up; the rest is prose.
      let text = key.hasPrefix("cli.properties.row.") ? EnglishProse.replace(#"^(\S+) +"#, in: value, with: "$1") : value
      let problems = ZhTextCheck.typographyProblems(text, mustBeChinese: false).filter { !$0.hasPrefix("space in") || !key.hasPrefix("cli.check.row") }
      #expect(problems.isEmpty, "zh/cli.yaml \(key): \(problems)")
    }
  }

  // MARK: - check

  static func rows(_ path: String, _ text: String) throws -> [CheckRow] {
    let registry = try FunctionRegistry.catalog.adding(files: [(path, text)], claimFiles: true)
    let claims = try ClaimFile.parse(text, file: path, registry: registry)
    return try ClaimEvaluator(options: AnalysisOptions(samples: 20_001)).evaluate(claims).map(CheckRow.init)
  }

  /// Claims that fail (Tests/TestSupport/Fixtures/claims/wrong.yaml), the
  /// article's claims and the user-function examples.
  static func claimRows() throws -> [CheckRow] {
    let wrong = Fixtures.url("claims/wrong.yaml")
    var rows = try Self.rows(wrong.path, String(contentsOf: wrong, encoding: .utf8))
    for path in ["claims/article.yaml", userFile] { rows += try Self.rows(path, try #require(ProjectFiles.text(path))) }
    return rows
  }

  @Test("check's table in English is main's text, byte for byte (passes, failures, declared properties)")
  func englishCheckTableReadsAsBefore() throws {
    var rows = try Self.claimRows()
    #expect(rows.contains { !$0.passes } && rows.contains(where: \.passes))
    rows += CheckRow.declared(Array(Self.analyses.prefix(8)))
    let now = CheckText(Self.english).table(rows)
    let before = LegacyCLIText.table(rows)
    #expect(now == before, Comment(rawValue: Self.firstDifference(now, before)))
    #expect(CheckText(Self.english).summary(rows) == LegacyCLIText.summary(rows))
    #expect(CheckText(Self.english).summary([rows[0]]) == LegacyCLIText.summary([rows[0]]))
  }

  @Test("every computed value's note, worded by the English tables, is the engine's English text")
  func englishNotesAreTheEngineText() throws {
    let rows = try Self.claimRows()
    var notes = 0
    for r in rows {
      #expect(r.notes.count == r.prefixes.count && !r.notes.isEmpty, "\(r.id)")
      for note in r.notes {
        #expect(Self.english.text(note) == note.english, "\(r.id): “\(Self.english.text(note))” vs “\(note.english)”")
        notes += 1
      }
    }
    #expect(notes >= rows.count)
  }

  @Test("check's table in Chinese: marks, expected and computed lines, summary; no English but the claims' own text")
  func chineseCheckTable() throws {
    let rows = try Self.claimRows()
    let zh = CheckText(Self.chinese).table(rows)
    #expect(!zh.contains(Strings.missingMarker))
    let failed = rows.filter { !$0.passes }.count
    #expect(zh.hasSuffix("共检查\(rows.count)条陈述：\(rows.count - failed)条通过，\(failed)条失败\n"))
    let lines = zh.split(separator: "\n").map(String.init)
    #expect(lines.filter { $0.hasPrefix("失败  ") }.count == failed)
    #expect(lines.filter { $0.hasPrefix("通过  ") }.count == rows.count - failed)
    #expect(lines.filter { $0.hasPrefix("      预期：") }.count == failed)
    #expect(lines.filter { $0.hasPrefix("      计算结果：") }.count == failed)
    // A claim's text is its author's words, printed as written.
    let texts = Set(rows.map { "      " + $0.text })
    let ours = lines.filter { !texts.contains($0) }.joined(separator: "\n")
    // Known-wrong statements and yes/no verdicts in Chinese.
    for r in rows where !r.passes {
      if case .bool(let b)? = r.expectation {
        #expect(zh.contains("预期：\(b ? "是" : "否")"), "\(r.id)")
      }
    }
    let runs = EnglishProse.runs(in: Self.prose(ours))
    #expect(runs.isEmpty, "English in the Chinese table: \(runs.prefix(8))")
    // Every claim's computed values (the table shows a failure's), worded
    // in Chinese: identities, gains, precision thresholds, naive failures,
    // whole-domain bounds, a user function's evaluation-stable.
    for r in rows {
      for note in r.notes {
        let zh = Self.chinese.text(note)
        #expect(!zh.contains(Strings.missingMarker), "\(r.id): \(zh)")
        #expect(EnglishProse.runs(in: Self.prose(zh)).isEmpty, "\(r.id): \(zh)")
      }
    }
  }
}
