import Foundation
import LossAtlasCore
@testable import LossAtlasReport
import Testing

/// The per-function prose of both editions: the English keys come from the
/// catalog's specs (FunctionText), the Chinese from
/// templates/strings/zh/functions/<id>.yaml; the two must cover the same
/// keys with the same `{placeholders}`, and the Chinese must read as Chinese.
@Suite struct FunctionTextTests {
  static let zh: Strings = try! Strings.embedded(.zh)
  static let functionsFolder = "templates/strings/zh/functions/"
  /// The variants the glossary rules out.
  static let avoided: [String] = ((try? Glossary.load()) ?? []).flatMap(\.avoid)

  /// The Chinese file a function's keys belong in.
  static func file(_ id: String) -> String { "\(functionsFolder)\(id).yaml" }

  @Test func englishKeysAreUniqueAndTextsNonEmpty() {
    var seen: [String: String] = [:]
    for spec in Catalog.all {
      for (key, text) in FunctionText.english(spec) {
        #expect(seen[key] == nil, "\(key) is listed twice (\(spec.id), \(seen[key] ?? ""))")
        seen[key] = spec.id
        #expect(!text.trimmingCharacters(in: .whitespaces).isEmpty, "\(key) is empty")
        #expect(key.hasPrefix("function.\(spec.id)."), "\(key) is not under function.\(spec.id).")
      }
    }
  }

  /// The fields the doc comment promises, read straight off a spec with
  /// every kind of field (focal: parameters, arguments, conventions, a
  /// true-class-probability figure; gelu: a naive intermediate; softplus:
  /// a family figure with a limit curve).
  @Test func englishListsEveryField() throws {
    let focal = try #require(Catalog.all.first { $0.id == "focal" })
    let keys = Dictionary(FunctionText.english(focal).map { ($0.key, $0.text) }, uniquingKeysWith: { a, _ in a })
    #expect(keys["function.focal.summary"] == focal.summary)
    #expect(keys["function.focal.parameter.gamma"] == focal.parameters.first { $0.name == "gamma" }?.summary)
    #expect(keys["function.focal.argument.y"] == "the label, 0 or 1")
    #expect(keys["function.focal.convention.jax.nn"] == focal.conventions.first { $0.framework == .jaxnn }?.note)
    #expect(keys["function.focal.figure.trueClassProbability.valueName.0"] == "cross-entropy")
    #expect(keys["function.focal.figure.trueClassProbability.caption"] == focal.figures.trueClassProbability?.caption)
    let gelu = try #require(Catalog.all.first { $0.id == "gelu" })
    let geluKeys = Set(FunctionText.english(gelu).map(\.key))
    #expect(geluKeys.contains("function.gelu.naive.0.within"))
    #expect(!geluKeys.contains { $0.contains(".figure.") }, "gelu has no figure hints")
    // Every family figure's note, limit legend and sentence has its key.
    for spec in Catalog.all {
      let k = Set(FunctionText.english(spec).map(\.key))
      if let family = spec.figures.family {
        #expect(k.contains("function.\(spec.id).figure.family.note"))
        #expect(k.contains("function.\(spec.id).figure.family.limit.legend") == (family.limit != nil))
      }
      #expect(k.count == 3 + spec.parameters.count + spec.arguments.count + spec.conventions.count
        + (spec.naive?.intermediates.count ?? 0)
        + (spec.figures.family.map { $0.limit == nil ? 1 : 3 } ?? 0)
        + (spec.figures.trueClassProbability.map { 3 + $0.valueNames.count } ?? 0), "\(spec.id)")
    }
  }

  /// A Chinese entry for every English field of a function whose Chinese
  /// file exists, with the same placeholders and brace groups.
  @Test func chineseFilesCoverTheirFunctions() {
    for spec in Catalog.all where ProjectFilesProbe.exists(Self.file(spec.id)) {
      for (key, english) in FunctionText.english(spec) {
        guard let chinese = Self.zh.table[key] else {
          Issue.record("\(key) has no Chinese entry in \(Self.file(spec.id))")
          continue
        }
        #expect(
          ZhTextCheck.placeholders(chinese) == ZhTextCheck.placeholders(english),
          "\(key): the Chinese placeholders \(ZhTextCheck.placeholders(chinese).sorted()) differ from the English \(ZhTextCheck.placeholders(english).sorted())")
        #expect(Self.zh.origin[key] == Self.file(spec.id), "\(key) is in \(Self.zh.origin[key] ?? "?"), not \(Self.file(spec.id))")
      }
    }
  }

  /// Every catalog function has its Chinese file.
  @Test func everyCatalogFunctionHasAChineseFile() {
    let missing = Catalog.all.map(\.id).filter { !ProjectFilesProbe.exists(Self.file($0)) }
    #expect(missing.isEmpty, "no Chinese file for \(missing.count) functions: \(missing.joined(separator: ", "))")
  }

  /// No Chinese function key without an English field: not in a function's
  /// file, not under a catalog id's prefix anywhere in the Chinese tables.
  @Test func noStrayChineseFunctionKeys() {
    let english = Set(Catalog.all.flatMap { FunctionText.english($0).map(\.key) })
    let ids = Set(Catalog.all.map(\.id))
    for (key, origin) in Self.zh.origin {
      let inFunctionsFolder = origin.hasPrefix(Self.functionsFolder)
      let parts = key.split(separator: ".", maxSplits: 2)
      let underCatalogID = parts.count == 3 && parts[0] == "function" && ids.contains(String(parts[1]))
      guard inFunctionsFolder || underCatalogID else { continue }
      #expect(english.contains(key), "\(key) (\(origin)) is no English field of a catalog function")
      if inFunctionsFolder {
        let id = String(origin.dropFirst(Self.functionsFolder.count).dropLast(".yaml".count))
        #expect(ids.contains(id), "\(origin) names no catalog function")
        #expect(key.hasPrefix("function.\(id)."), "\(key) is in \(origin), the file of another function")
      }
    }
  }

  /// The Chinese reads as Chinese and follows the edition's typography.
  @Test func chineseFunctionTextIsChineseProse() {
    let names = Set(Catalog.all.map { FunctionText.key($0.id, "name") })
    for (key, origin) in Self.zh.origin where origin.hasPrefix(Self.functionsFolder) {
      let text = Self.zh.table[key]!
      // Names (Softplus, ReLU6) and legends (relu（β → ∞）) may be notation alone.
      let notation = names.contains(key) || key.contains(".valueName.") || key.hasSuffix(".limit.legend")
      for problem in ZhTextCheck.typographyProblems(text, mustBeChinese: !notation, avoid: Self.avoided) {
        Issue.record("\(key) (\(origin)): \(problem)")
      }
    }
  }

  /// `Strings.edition(.en)` answers function keys with the spec's English;
  /// the Chinese edition with the Chinese file's.
  @Test func editionsAnswerFunctionKeys() throws {
    let en = try Strings.edition(.en)
    let gelu = try #require(Catalog.all.first { $0.id == "gelu" })
    #expect(en.text("function.gelu.summary") == gelu.summary)
    #expect(en.text("function.gelu.convention.PyTorch") == gelu.conventions[0].note)
    #expect(en.origin["function.gelu.summary"] == "the FunctionSpec of gelu")
    #expect(en.has("errata.A01.correction"))
    #expect(en.has("language.name"), "the embedded table is kept")
    if ProjectFilesProbe.exists(Self.file("gelu")) {
      let zh = try Strings.edition(.zh)
      #expect(zh.text("function.gelu.summary") != gelu.summary)
      #expect(!zh.text("function.gelu.summary").contains(Strings.missingMarker))
    }
  }

  /// A key the embedded tables define and a spec defines too is an error
  /// naming both sources.
  @Test func aKeyClashIsAnError() {
    let base = Strings(language: .en, table: ["function.relu.name": "x"], origin: ["function.relu.name": "en/extra.yaml"])
    #expect(throws: StringsError.self) {
      _ = try Strings.adding([(key: "function.relu.name", text: "ReLU")], from: "the FunctionSpec of relu", to: base)
    }
    do {
      _ = try Strings.adding([(key: "function.relu.name", text: "ReLU")], from: "the FunctionSpec of relu", to: base)
    } catch {
      #expect("\(error)".contains("en/extra.yaml") && "\(error)".contains("the FunctionSpec of relu"))
    }
  }

  /// The braces `{...}` of a text, the placeholders the tests compare.
  @Test func placeholdersAreTheBraceGroups() {
    #expect(ZhTextCheck.placeholders("off by {a.b} ulp at x = {c.d}; γ ∈ {0, 1}") == ["{a.b}", "{c.d}", "{0, 1}"])
    #expect(ZhTextCheck.placeholders("no braces") == [])
  }

  @Test func typographyProblemsAreFound() {
    #expect(ZhTextCheck.typographyProblems("这是中文,不对", mustBeChinese: true).count == 1)
    #expect(ZhTextCheck.typographyProblems("当 x < 0 时", mustBeChinese: true).count == 2)
    #expect(ZhTextCheck.typographyProblems("only English here", mustBeChinese: true).count == 1)
    #expect(ZhTextCheck.typographyProblems("当x < 0时，f(x) = 0。", mustBeChinese: true).isEmpty)
    #expect(ZhTextCheck.typographyProblems("使用激励函数。", mustBeChinese: true, avoid: ["激励函数"]).count == 1)
  }

  /// Writes the English of every function as a YAML skeleton to the folder
  /// named by LOSSATLAS_DUMP_FUNCTION_TEXT (a translator's aid; off unless set).
  @Test(.enabled(if: ProcessInfo.processInfo.environment["LOSSATLAS_DUMP_FUNCTION_TEXT"] != nil))
  func dumpEnglishSkeletons() throws {
    let folder = ProcessInfo.processInfo.environment["LOSSATLAS_DUMP_FUNCTION_TEXT"]!
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    for spec in Catalog.all {
      let lines = FunctionText.english(spec).map { "\($0.key): \($0.text)" }
      try (lines.joined(separator: "\n") + "\n").write(toFile: "\(folder)/\(spec.id).txt", atomically: true, encoding: .utf8)
    }
    let errata = try ErrataText.english().map { "\($0.key): \($0.text)" }
    try (errata.joined(separator: "\n") + "\n").write(toFile: "\(folder)/errata.txt", atomically: true, encoding: .utf8)
  }
}

/// Whether an embedded Chinese strings file has entries.
enum ProjectFilesProbe {
  static func exists(_ path: String) -> Bool { FunctionTextTests.zh.origin.values.contains(path) }
}
