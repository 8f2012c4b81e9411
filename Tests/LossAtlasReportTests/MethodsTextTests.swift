import Foundation
import LossAtlasAnalysis
import LossAtlasCore
@testable import LossAtlasReport
import Testing

/// The methods page's reference texts in both editions (issue 13): the
/// claim-file reference (English: ``ClaimReference``, which `lossatlas help
/// claims` prints) and the section on functions defined by a formula
/// (English: ``MethodsUserFunctions``), Chinese in
/// templates/strings/zh/methods-extra.yaml under the keys of ``MethodsText``.
@Suite struct MethodsTextTests {
  static let file = "templates/strings/zh/methods-extra.yaml"

  /// The `{name}` placeholders of a text (not `{NAME: V}`, `{y: 0.7}`).
  static func placeholders(_ s: String) -> Set<String> { PhrasingStringsTests.placeholders(s) }

  @Test func slugsAreKeys() {
    #expect(MethodsText.slug("format, kind, direction") == "format-kind-direction")
    #expect(MethodsText.slug("{approx: V, tol: T}") == "approx-v-tol-t")
    #expect(MethodsText.slug("[A, B]") == "a-b")
    #expect(MethodsText.slug("max-abs-derivative") == "max-abs-derivative")
    let keys = MethodsText.english().map(\.key)
    #expect(Set(keys).count == keys.count, "two texts share a key")
  }

  /// Every English text has its Chinese twin in methods-extra.yaml, whose
  /// placeholders are exactly the numbers the page fills in; the file
  /// holds nothing else. A new claim property, key or identity without a
  /// Chinese meaning fails here, naming it.
  @Test func everyTextHasAChineseTwin() throws {
    let zh = try Strings.embedded(.zh)
    let english = MethodsText.english()
    #expect(english.count == 1 + ClaimReference.keys.count + ClaimProperty.allCases.count + ClaimReference.expectations.count
      + Identity.all.count + MethodsUserFunctions.english.count)
    let avoid = (try? Glossary.load())?.flatMap(\.avoid) ?? []
    for (key, text) in english {
      guard let chinese = zh.table[key] else {
        Issue.record("\(key) has no Chinese entry in \(Self.file)")
        continue
      }
      #expect(zh.origin[key] == Self.file, "\(key) is in \(zh.origin[key] ?? "?")")
      #expect(Self.placeholders(chinese) == MethodsText.placeholders(key), "\(key): \(Self.placeholders(chinese).sorted())")
      #expect(Self.placeholders(text).isEmpty, "\(key): the English is filled in Swift")
      // Prose is Chinese; a formula (an identity, `computed <= V`) stays one.
      let prose = PhrasingStringsTests.englishSentence(text) != nil
      for problem in ZhTextCheck.typographyProblems(chinese, mustBeChinese: prose, avoid: avoid) { Issue.record("\(key): \(problem)") }
    }
    let keys = Set(english.map(\.key))
    for (key, origin) in zh.origin where origin == Self.file {
      #expect(keys.contains(key), "\(key) in \(Self.file) translates no English text")
    }
  }

  /// The page model in each edition: English is ClaimReference's and
  /// MethodsUserFunctions' own text (so the English page is unchanged);
  /// Chinese fills the same numbers and holds no English sentence.
  @Test func methodsPageInBothEditions() throws {
    let en = OverviewBuilders.methods(accuracy: [], tau: 0.01, strings: .english)
    #expect(en.claimIntro.last?.before == ClaimReference.wholeDomain)
    // The YAML example is code in both editions' text (the Chinese page marks it).
    #expect(en.claimIntro.first?.hasCode == true && en.claimIntro.first?.code == MethodsText.claimExample)
    #expect(en.claimKeys.map(\.value) == ClaimReference.keys.map(\.meaning))
    #expect(en.claimProperties.map(\.value) == ClaimReference.properties.map { $0.meaning.replacingOccurrences(of: "Cinf", with: "C∞") })
    #expect(en.userFunctionSafety.map(\.name) == MethodsUserFunctions.safety.map(\.name))
    #expect(en.userFunctionSafety.map(\.value) == MethodsUserFunctions.safety.map(\.value))
    #expect(en.userFunctionGrammar.map(\.value) == MethodsUserFunctions.grammar.map(\.value))

    let zh = OverviewBuilders.methods(accuracy: [], tau: 0.01, strings: try Strings.edition(.zh))
    let texts =
      zh.claimIntro.flatMap { [$0.before, $0.after] } + (zh.claimKeys + zh.claimProperties + zh.claimExpectations + zh.claimIdentities).map(\.value)
      + zh.userFunctionIntro + zh.userFunctionGrammar.map(\.value) + zh.userFunctionDerivatives
      + zh.userFunctionSafety.flatMap { [$0.name, $0.value] }
    #expect(zh.claimIntro.first?.hasCode == true, "the Chinese claim intro quotes the example claim")
    let filled = Set(MethodsText.english().flatMap { MethodsText.placeholders($0.key) })
    #expect(filled.count >= 9)
    for text in texts {
      #expect(!text.contains("⟦"), "\(text)")
      #expect(Self.placeholders(text).isDisjoint(with: filled), "a placeholder left unfilled in “\(text)”")
      #expect(EnglishProse.runs(in: text).isEmpty, "English in “\(text)”")
    }
    // The numbers are the code's: the catalog callees and the parser's limits.
    let grammar = Dictionary(uniqueKeysWithValues: zip(MethodsUserFunctions.grammarKeys, zh.userFunctionGrammar.map(\.value)))
    #expect(grammar["catalog"]?.contains("共\(Readable.count(CatalogCallee.byName.count))个") == true)
    #expect(grammar["limits"]?.contains("至多\(Readable.count(Parser.maximumNodes))个节点") == true)
    let safety = Dictionary(uniqueKeysWithValues: zip(MethodsUserFunctions.safetyKeys, zh.userFunctionSafety.map(\.value)))
    #expect(safety["twoEvaluations"]?.contains("±2^(2^\(SafetyCriteria.exponentBits))") == true)
    #expect(safety["inputsChecked"]?.contains("\(SafetyCriteria.sweepPoints)个等距点") == true)
  }
}
