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

  // MARK: One mirror per value (session 22)

  final class Box {
    let value: Int?? = .some(nil)
    let label = "box"
  }

  enum Kind { case a, b(Int) }

  struct Hostile {
    let nestedNil: String?? = .some(nil)
    let nestedSome: String?? = .some(.some("x"))
    let none: String?? = nil
    let list: [Int?] = [1, nil, 3]
    let optionalList: [Row]? = [Row(name: "r", note: nil, flag: true)]
    let emptyOptionalList: [Row]? = []
    let nilList: [Row]? = nil
    let box = Box()
    let optionalBox: Box? = Box()
    let kind = Kind.b(2)
    let kinds: [Kind?] = [.a, nil]
    let tuple = (1, "t")
    let empty = Empty()
    let text = "σ <&> \u{1F600}"
    let number = -0.0
    let count = Int.min
    let flag = false
    let substring: Substring = "sub"
    let float: Float = 1.5
    let optionalText: String? = "o"
    let optionalNumber: Double? = .nan
    let anyText: Any = "any"
    let hashable = AnyHashable("h")
    let texts = ["a", "", "\u{301}"]
    let site = Site(title: "S", year: 1)
  }

  struct Empty {}

  /// A tree as text: each node's fields sorted by name, arrays in order,
  /// every other value with its type and its printed form.
  static func shape(_ tree: Any) -> String {
    if let node = tree as? MustacheTree.Node {
      let fields = node.fields.sorted { $0.key < $1.key }.map { "\($0.key)=\(shape($0.value))" }
      return "{\(fields.joined(separator: ","))|\(node.description)}"
    }
    if let list = tree as? [Any] { return "[\(list.map(shape).joined(separator: ","))]" }
    return "\(type(of: tree)):\(String(reflecting: tree))"
  }

  @Test("the tree is the one the previous two-mirror construction made (kept verbatim below)")
  func sameTreeAsBefore() throws {
    let models: [Any] = [Self.model, Hostile(), Box(), [Hostile(), Hostile()], Optional(Hostile()) as Any, Kind.a, "text", 3]
    for model in models {
      #expect(Self.shape(MustacheTree.make(model)) == Self.shape(LegacyMustacheTree.make(model, budget: RenderBudget())))
      let replaced = MustacheTree.make(model, replacing: ["site": Self.model.site])
      let legacy = LegacyMustacheTree.make(model, budget: RenderBudget())
      if let node = legacy as? MustacheTree.Node {
        var fields = node.fields
        fields["site"] = LegacyMustacheTree.make(Self.model.site, budget: RenderBudget())
        #expect(Self.shape(replaced) == Self.shape(MustacheTree.Node(fields: fields, original: model, budget: RenderBudget())))
      }
    }
    #expect(Self.shape(MustacheTree.make(Hostile())).contains("nestedSome=Optional<Any>:Optional(\"x\")"))
    #expect(!Self.shape(MustacheTree.make(Hostile())).contains("nilList="))
  }
}

/// ``MustacheTree``'s construction before session 22 (commit ec97eb9): a
/// field reflected once to unwrap it and again to make its tree.
enum LegacyMustacheTree {
  static func make(_ model: Any, budget: RenderBudget) -> Any {
    let mirror = Mirror(reflecting: model)
    switch mirror.displayStyle {
    case .struct, .class:
      var fields: [String: Any] = [:]
      for child in mirror.children {
        guard let label = child.label, let value = unwrap(child.value) else { continue }
        fields[label] = make(value, budget: budget)
      }
      return MustacheTree.Node(fields: fields, original: model, budget: budget)
    case .collection:
      return mirror.children.map { make($0.value, budget: budget) }
    case .optional:
      return unwrap(model).map { make($0, budget: budget) } as Any
    default:
      return model
    }
  }

  static func unwrap(_ value: Any) -> Any? {
    let mirror = Mirror(reflecting: value)
    guard mirror.displayStyle == .optional else { return value }
    return mirror.children.first?.value
  }
}
