import Foundation
import LossAtlasCore
@testable import LossAtlasReport
import Testing

/// The glossary: the Chinese edition's single list of term choices, and its
/// use: the required terms are there, and no Chinese text uses a variant
/// the glossary avoids.
@Suite struct GlossaryTests {
  /// The terms issue 13 and the team's contract (zh-common.md) fix.
  static let required = [
    "激活函数", "损失函数", "交叉熵", "梯度消失", "梯度爆炸", "饱和", "凸函数", "次梯度", "导数", "二阶导数",
    "单调", "连续", "有界", "值域", "死区", "数值稳定", "溢出", "下溢", "抵消", "逐元素", "批量",
  ]

  @Test func loadsWithTheRequiredTerms() throws {
    let glossary = try Glossary.load()
    #expect((50...120).contains(glossary.count), "\(glossary.count) entries")
    let zh = Set(glossary.map(\.zh))
    for term in Self.required { #expect(zh.contains(term), "the glossary has no \(term)") }
    #expect(glossary.contains { $0.en == "unit in the last place" && $0.symbol == "ulp" })
    #expect(glossary.first { $0.zh == "激活函数" }?.avoid.contains("激励函数") == true)
  }

  @Test func chineseTermsAreChinese() throws {
    for entry in try Glossary.load() {
      #expect(entry.zh.contains(where: ZhTextCheck.isHan), "\(entry.zh) (\(entry.en)) has no Chinese")
      #expect(!entry.en.contains(where: ZhTextCheck.isHan), "\(entry.en) is not English")
    }
  }

  @Test func badFilesAreRefusedWithTheEntry() {
    let cases: [(String, String)] = [
      ("glossary:\n  - zh: 导数\n", "entry 1 has no 'en'"),
      ("glossary:\n  - {zh: 导数, en: derivative}\n  - {zh: 导数, en: slope}\n", "entry 2 repeats the Chinese term '导数'"),
      ("glossary:\n  - {zh: 导数, en: derivative}\n  - {zh: 斜率, en: Derivative}\n", "entry 2 repeats the English term"),
      ("glossary:\n  - {zh: 导数, en: derivative, colour: red}\n", "unknown field 'colour'"),
      ("terms: []\n", "expected one key, 'glossary'"),
      ("glossary:\n  - {zh: 导数, en: derivative, avoid: [斜率]}\n  - {zh: 斜率, en: slope}\n", "'斜率' is avoided"),
      ("glossary:\n  - {zh: 导数, en: derivative, gloss: maybe}\n", "'gloss' must be true or false"),
    ]
    for (yaml, message) in cases {
      do {
        _ = try Glossary.parse(yaml: yaml, file: "g.yaml")
        Issue.record("accepted: \(yaml)")
      } catch {
        #expect("\(error)".contains(message) && "\(error)".contains("g.yaml"), "\(error)")
      }
    }
  }

  /// `gloss: false` marks an everyday word: listed on the glossary page, not
  /// glossed in the pages' prose; a term without the field is glossed.
  @Test func everydayWordsAreListedButNotGlossed() throws {
    let yaml = "glossary:\n  - {zh: 导数, en: derivative, gloss: false}\n  - {zh: 次梯度, en: subgradient}\n"
    let entries = try Glossary.parse(yaml: yaml, file: "g.yaml")
    #expect(entries.map(\.gloss) == [false, true])
    let rows = entries.map { GlossaryRow(zh: $0.zh, en: $0.en, symbol: $0.symbol, gloss: $0.gloss) }
    #expect(GlossaryPage.firstUseTerms(rows) == [FirstUse.Term(chinese: "次梯度", english: "subgradient")])
    let page = FirstUse.markdown("导数与次梯度。", terms: GlossaryPage.firstUseTerms(rows))
    #expect(page == "导数与次梯度（subgradient）。")
    // The shipped glossary glosses the field's own terms and not its everyday words.
    let shipped = try Glossary.load()
    #expect(shipped.first { $0.zh == "次梯度" }?.gloss == true)
    #expect(shipped.first { $0.zh == "交叉熵" }?.gloss == true)
    #expect(shipped.first { $0.zh == "概率" }?.gloss == false)
  }

  /// No Chinese strings entry (any file) contains a variant the glossary avoids.
  @Test func noChineseTextUsesAnAvoidedTerm() throws {
    let glossary = try Glossary.load()
    let zh = try Strings.embedded(.zh)
    for (key, text) in zh.table where !key.hasPrefix("glossary.") {
      for entry in glossary {
        for word in entry.avoid where text.contains(word) {
          Issue.record("\(key) (\(zh.origin[key] ?? "?")) writes “\(word)”; the glossary uses “\(entry.zh)”")
        }
      }
    }
  }

  /// Both editions carry the same glossary entries (one bilingual list).
  @Test func bothEditionsHaveTheGlossary() throws {
    let en = try Strings.edition(.en)
    let zh = try Strings.edition(.zh)
    let enKeys = Set(en.table.keys.filter { $0.hasPrefix("glossary.") })
    let zhKeys = Set(zh.table.keys.filter { $0.hasPrefix("glossary.") })
    #expect(!zhKeys.isEmpty && enKeys == zhKeys)
    for key in zhKeys { #expect(en.table[key] == zh.table[key], "\(key)") }
  }
}
