import Foundation
@testable import LossAtlasReport
import Testing

/// The errata's words in both editions: the English from claims/article.yaml
/// (ErrataText), the Chinese from templates/strings/zh/errata.yaml; the
/// article's quote is never translated.
@Suite struct ErrataTextTests {
  static let zhFile = "templates/strings/zh/errata.yaml"

  @Test func englishHasFourFieldsPerEntryAndNeverTheQuote() throws {
    let yaml = """
      claims: []
      errata:
        - id: A98
          section: CE
          quote: "原文"
          gloss: "the gloss"
          verdict: "false"
          correction: "what is right"
          evidence: [x]
      """
    let entries = try ErrataText.english(yaml: yaml, file: "t.yaml")
    #expect(entries.map(\.key) == ["errata.A98.section", "errata.A98.gloss", "errata.A98.verdict", "errata.A98.correction"])
    #expect(entries.map(\.text) == ["CE", "the gloss", "false", "what is right"])
    let real = try ErrataText.english()
    #expect(real.count % 4 == 0 && real.count >= 4 * 27, "A01...A27, four fields each")
    #expect(!real.contains { $0.key.hasSuffix(".quote") })
  }

  /// Every English errata field has its Chinese entry in zh/errata.yaml with
  /// the same brace groups, and the file has nothing else.
  @Test func chineseErrataCoverEveryEntry() throws {
    let zh = try Strings.embedded(.zh)
    let english = try ErrataText.english()
    for (key, text) in english {
      guard let chinese = zh.table[key] else {
        Issue.record("\(key) has no Chinese entry in \(Self.zhFile)")
        continue
      }
      #expect(zh.origin[key] == Self.zhFile, "\(key) is in \(zh.origin[key] ?? "?")")
      #expect(
        ZhTextCheck.placeholders(chinese) == ZhTextCheck.placeholders(text),
        "\(key): brace groups \(ZhTextCheck.placeholders(chinese).sorted()) vs English \(ZhTextCheck.placeholders(text).sorted())")
    }
    let englishKeys = Set(english.map(\.key))
    let ids = Set(english.map { $0.key.split(separator: ".")[1] })
    for (key, origin) in zh.origin {
      let parts = key.split(separator: ".")
      let underEntry = parts.count >= 2 && parts[0] == "errata" && ids.contains(parts[1])
      guard origin == Self.zhFile || underEntry else { continue }
      #expect(englishKeys.contains(key), "\(key) (\(origin)) is no English errata field (the quote is never translated)")
    }
  }

  /// The Chinese errata read as Chinese (sections may be the article's own
  /// Latin headings: CE, MSE, ReLU).
  @Test func chineseErrataAreChineseProse() throws {
    let zh = try Strings.embedded(.zh)
    let avoid = (try? Glossary.load())?.flatMap(\.avoid) ?? []
    for (key, origin) in zh.origin where origin == Self.zhFile {
      for problem in ZhTextCheck.typographyProblems(zh.table[key]!, mustBeChinese: !key.hasSuffix(".section"), avoid: avoid) {
        Issue.record("\(key): \(problem)")
      }
    }
  }

  @Test func editionsAnswerErrataKeys() throws {
    let en = try Strings.edition(.en)
    let first = try #require(ErrataText.english().first { $0.key == "errata.A04.correction" })
    #expect(en.text("errata.A04.correction") == first.text)
    #expect(en.origin["errata.A04.correction"] == "claims/article.yaml")
  }
}
