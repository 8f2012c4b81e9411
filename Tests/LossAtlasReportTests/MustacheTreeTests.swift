import Testing

@testable import LossAtlasReport

/// The page models are rendered through `MustacheTree`; a template must
/// render the same text from the tree as from the model itself.
@Suite struct MustacheTreeTests {
  struct Row {
    let name: String
    let note: String?
    let flag: Bool
  }

  struct Model {
    let title: String
    let subtitle: String?
    let rows: [Row]
    let empty: [Row]
    let site: Site
  }

  struct Site {
    let title: String
    let year: Int
  }

  static let model = Model(
    title: "Sigmoid <σ>", subtitle: nil,
    rows: [Row(name: "a", note: "first", flag: true), Row(name: "b", note: nil, flag: false)], empty: [],
    site: Site(title: "LossAtlas", year: 2026))

  static let template = """
    {{title}}|{{#subtitle}}has {{subtitle}}{{/subtitle}}{{^subtitle}}no subtitle{{/subtitle}}
    {{#rows}}{{name}}:{{#note}}{{note}}{{/note}}{{^note}}-{{/note}}:{{#flag}}on{{/flag}}{{^flag}}off{{/flag}}:{{title}};{{/rows}}
    {{^empty}}none{{/empty}}
    {{#site}}{{title}} {{year}}{{/site}}
    {{site}}
    """

  func render(_ model: Any) throws -> String {
    let set = try TemplateSet(files: ["html/t.mustache": Self.template], origin: "test")
    return try set.render(model, format: "html", name: "t")
  }

  @Test("a tree renders exactly as its model: nil optionals, sections, arrays, outer keys, a printed struct")
  func sameText() throws {
    let direct = try render(Self.model)
    let tree = try render(MustacheTree.make(Self.model))
    #expect(tree == direct)
    #expect(direct.contains("Sigmoid &lt;σ&gt;|no subtitle"))
    #expect(direct.contains("a:first:on:Sigmoid &lt;σ&gt;;b:-:off:Sigmoid &lt;σ&gt;;"))
    #expect(direct.contains("none"))
    #expect(direct.contains("LossAtlas 2026"))
    #expect(direct.contains("Site(title: &quot;LossAtlas&quot;, year: 2026)"), "a printed struct")
  }

  @Test("a struct printed by a template prints as the struct, not as a dictionary (whose order varies by process)")
  func printedStructIsStable() throws {
    let texts = try (0..<5).map { _ in try render(MustacheTree.make(Self.model)) }
    #expect(Set(texts).count == 1)
    #expect(String(describing: MustacheTree.make(Self.model.site)) == String(describing: Self.model.site))
  }
}
