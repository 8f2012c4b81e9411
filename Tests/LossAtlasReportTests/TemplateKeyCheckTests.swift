import Foundation
import LossAtlasAnalysis
import LossAtlasCore
import Testing

@testable import LossAtlasReport

/// The template check of `generate` (session 25, perf-pages):
/// ``ManualGenerator/checkTemplates(_:models:)`` first checks against the
/// keys near the top of the page models and gives the answer and the error
/// of the old check (kept below as ``LegacyTemplateKeys``, copied from
/// commit fd2c868), which walked every value; ``mirrorKeys(_:maxDepth:)``,
/// which no longer reflects strings and numbers, finds the old keys.
@Suite("Template keys: the near-first check equals the full walk")
struct TemplateKeyCheckTests {
  struct Item { let deepKey: String; let count: Int }
  struct Middle { let items: [Item]; let note: String? }
  struct Outer { let middle: Middle; let flag: Bool }
  struct Deep { let outer: Outer; let title: String }
  struct Chain { let level: String; let next: [Chain] }
  enum Choice { case plain, payload(label: String, inner: Item) }
  final class Box { let boxed: String = ""; let inner: Item? = Item(deepKey: "", count: 1) }
  struct Mixed {
    let choice: Choice
    let choices: [Choice]
    let box: Box
    let set: Set<String>
    let optionalItems: [Item]?
    let nothing: Item?
    let anyValues: [Any]
    let numbers: [Double]
  }

  static func chain(_ depth: Int) -> Chain { depth == 0 ? Chain(level: "l0", next: []) : Chain(level: "l\(depth)", next: [chain(depth - 1)]) }

  static let deep = Deep(
    outer: Outer(middle: Middle(items: [Item(deepKey: "x", count: 1)], note: nil), flag: true), title: "t")

  /// Values built to trip a shallower or leaf-skipping walk.
  static var hostile: [Any] {
    [
      deep, chain(3), chain(11), chain(12), chain(13), chain(20), "text", 1, 2.5, true, [String](), ["a", "b"], Optional<Item>.none,
      Optional(Item(deepKey: "", count: 0)), Optional(Optional(Item(deepKey: "", count: 0))),
      Mixed(
        choice: .payload(label: "p", inner: Item(deepKey: "", count: 0)), choices: [.plain, .payload(label: "", inner: Item(deepKey: "", count: 2))],
        box: Box(), set: ["s"], optionalItems: [Item(deepKey: "", count: 3)], nothing: nil,
        anyValues: ["a", 1, Item(deepKey: "", count: 4), Optional<String>.none as Any, [deep] as [Any]], numbers: [1, 2]),
    ]
  }

  static func templates(_ files: [String: String]) throws -> TemplateSet { try TemplateSet(files: files, origin: "T") }

  /// Both checks' outcomes: nil when they pass, else the error.
  static func outcomes(_ set: TemplateSet, _ models: [Any]) -> (new: String?, old: String?, nearSufficed: Bool?) {
    var nearSufficed: Bool?
    var new: String?
    do { nearSufficed = try ManualGenerator.checkTemplates(set, models: models) } catch { new = "\(error)" }
    var old: String?
    do { try LegacyTemplateKeys.check(set, models: models) } catch { old = "\(error)" }
    return (new, old, nearSufficed)
  }

  @Test func mirrorKeysAsBefore() {
    for value in Self.hostile + modelKeySamples() {
      #expect(mirrorKeys(value) == LegacyTemplateKeys.mirrorKeys(value), "\(type(of: value))")
      #expect(mirrorKeys(value, maxDepth: 3).isSubset(of: mirrorKeys(value)), "\(type(of: value))")
    }
    #expect(mirrorKeys(Self.deep, maxDepth: 3) == ["outer", "title", "middle", "flag", "items", "note"])
  }

  @Test func constructedModels() throws {
    let cases: [(template: String, nearSuffices: Bool?)] = [
      ("{{title}}{{#outer}}{{flag}}{{/outer}}", true),
      // Only the full walk finds `deepKey`: four levels down.
      ("{{#outer}}{{#middle}}{{#items}}{{deepKey}}{{/items}}{{/middle}}{{/outer}}", false),
      ("{{#outer.middle.items}}{{count}}{{/outer.middle.items}}", false),
      ("{{level}}{{#next}}{{#next}}{{level}}{{/next}}{{/next}}", true),
      // In no model: both fail, with the same error.
      ("{{title}}\n{{#outer}}{{nokey}}{{/outer}}", nil),
      ("{{deepKey2}}", nil),
      ("{{latex}}{{mathml}}{{first()}}{{.}}", true),
    ]
    for (template, nearSuffices) in cases {
      let set = try Self.templates(["html/page.mustache": template, "markdown/page.mustache": "{{title}}"])
      let (new, old, near) = Self.outcomes(set, [Self.deep, Self.chain(2)])
      #expect(new == old, "\(template)")
      #expect(near == nearSuffices, "\(template)")
    }
    // The keys of the hostile values, as a template names them.
    for value in Self.hostile {
      let keys = LegacyTemplateKeys.mirrorKeys(value).sorted()
      let set = try Self.templates(["html/page.mustache": keys.map { "{{\($0)}}" }.joined(separator: "\n") + "{{missing}}"])
      let (new, old, _) = Self.outcomes(set, [value])
      #expect(new == old && old != nil, "\(type(of: value))")
      let passing = try Self.templates(["html/page.mustache": keys.map { "{{\($0)}}" }.joined(separator: "\n")])
      let (newPass, oldPass, _) = Self.outcomes(passing, [value])
      #expect(newPass == nil && oldPass == nil, "\(type(of: value))")
    }
  }

  /// Real function and methods pages of both editions with the project's
  /// templates for them: the near keys suffice (the speed-up), and both
  /// checks pass.
  @Test(arguments: [Language.en, .zh]) func realPages(_ language: Language) throws {
    let strings = try Strings.embedded(language)
    let measurements = try FrameworkMeasurements.embedded()
    var models: [Any] = try Self.analyses.map { a in
      try FunctionPageBuilder.build(
        try Catalog.function(named: a.id), a, figures: [], accuracy: nil, measurements: measurements, strings: strings)
    }
    models.append(OverviewBuilders.methods(accuracy: [], tau: 0.01, strings: strings))
    let embedded = try TemplateSet.embedded(language)
    var files: [String: String] = embedded.assets
    let pageTemplates = ["index", "comparison", "errata", "glossary"]
    for (name, text) in embedded.sources where !pageTemplates.contains(String(name.split(separator: "/").last ?? "")) {
      files[name + ".mustache"] = text
    }
    let set = try Self.templates(files)
    #expect(set.sources.keys.contains("html/function") && set.sources.keys.contains("markdown/methods"))
    let (new, old, near) = Self.outcomes(set, models)
    #expect(new == nil && old == nil)
    #expect(near == true)
  }

  static let analyses = CatalogAnalysis.run(ids: ["relu", "focal", "cross-entropy"], primarySamples: 4001, threads: 2)
}

/// The template check of `generate` as of commit fd2c868 (the
/// `.validate` job of `ManualGenerator.renderAndExport` and `mirrorKeys`
/// in Templates.swift), verbatim but for the names.
enum LegacyTemplateKeys {
  static func check(_ templates: TemplateSet, models: [Any]) throws {
    var keys = Set<String>()
    for p in models { keys.formUnion(mirrorKeys(p)) }
    for sample in modelKeySamples() { keys.formUnion(mirrorKeys(sample)) }
    try templates.validate(knownKeys: keys)
  }

  static func mirrorKeys(_ value: Any) -> Set<String> {
    var keys = Set<String>()
    func walk(_ v: Any, depth: Int) {
      guard depth < 12 else { return }
      let m = Mirror(reflecting: v)
      switch m.displayStyle {
      case .optional:
        if let child = m.children.first { walk(child.value, depth: depth) }
      case .collection, .set:
        for child in m.children { walk(child.value, depth: depth + 1) }
      default:
        for child in m.children {
          if let label = child.label { keys.insert(label) }
          walk(child.value, depth: depth + 1)
        }
      }
    }
    walk(value, depth: 0)
    return keys
  }
}
