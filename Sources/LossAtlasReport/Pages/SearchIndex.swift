import LossAtlasCore
import LossAtlasIO

/// The site's search index, `html/search-index.js`: every function (id,
/// name, aliases), every property defined on the methods page, every page
/// of the navigation and every erratum, each with the page (and anchor) it
/// opens. `search.js` reads it from a `<script>` (no fetch, so it works from
/// `file://`) and matches what the reader types against each entry's terms.
///
/// The index holds data only, in the order of the catalog, the methods page,
/// the navigation and the errata: its words are the models' (function names,
/// property names, page titles), and the words around them (“function”,
/// “no match”) are the template's, so another edition builds its own index
/// from its own models with this same code.
enum SearchIndex {
  /// The file's path in the output.
  static let path = "html/search-index.js"

  struct Entry {
    /// `function`, `property`, `page` or `erratum`: search.js shows the
    /// template's word for it.
    let kind: String
    let title: String
    /// The page, relative to the HTML folder, with an anchor if any.
    let url: String
    /// A second line: the id and family, the start of a definition, ...
    let detail: String
    /// What the reader may type: id, aliases, names.
    let terms: [String]
  }

  ///
  /// `strings` is a non-English edition's table: a function whose name it
  /// translates (`function.<id>.name`) is listed under that name, and the
  /// English name, the id, the aliases and its translated summary stay
  /// searchable, so a reader finds 交叉熵 by “交叉”, by “cross” or by a
  /// phrase of its summary.
  static func entries(
    functions: [FunctionSpec], properties: [DefinitionEntry], pages: [NavLink], errata: [ErrataSummaryRow],
    strings: Strings? = nil
  ) -> [Entry] {
    var out: [Entry] = []
    let localized = strings.flatMap { $0.language == .en ? nil : $0 }
    for spec in functions {
      let name = localized.flatMap { $0.has("function.\(spec.id).name") ? $0("function.\(spec.id).name") : nil }
      let summary = localized.flatMap { $0.has("function.\(spec.id).summary") ? $0("function.\(spec.id).summary") : nil }
      out.append(
        Entry(
          kind: "function", title: name ?? spec.name, url: "\(spec.id).html",
          detail: ([spec.id, spec.family.title] + (spec.aliases.isEmpty ? [] : [spec.aliases.joined(separator: ", ")]))
            .joined(separator: " · "),
          terms: [spec.id] + spec.aliases + [spec.name] + [name, summary].compactMap { $0 }))
    }
    for p in properties {
      out.append(
        Entry(kind: "property", title: p.name, url: "methods.html#\(p.anchor)", detail: opening(p.value), terms: [p.name]))
    }
    for page in pages {
      // A translated page stays findable by its English title too.
      let english = SitePages.main.first { $0.page == page.page }?.title
      let terms = [page.title] + (english.map { $0 == page.title ? [] : [$0] } ?? [])
      out.append(Entry(kind: "page", title: page.title, url: "\(page.page).html", detail: "", terms: terms))
    }
    for e in errata {
      out.append(
        Entry(
          kind: "erratum", title: "\(e.id) · \(e.section)", url: "errata.html#\(e.id)", detail: e.verdict,
          terms: [e.id, e.section]))
    }
    return out
  }

  /// The JavaScript file: one entry a line, in the order given.
  static func script(_ entries: [Entry]) -> String {
    var lines = ["// LossAtlas search index, generated with the manual (read by search.js).", "window.lossAtlasSearch = ["]
    for (i, e) in entries.enumerated() {
      let json = JSONValue.object([
        ("kind", .string(e.kind)), ("title", .string(e.title)), ("url", .string(e.url)), ("detail", .string(e.detail)),
        ("terms", .array(e.terms.map(JSONValue.string))),
      ])
      lines.append(json.lineText + (i == entries.count - 1 ? "" : ","))
    }
    lines.append("];")
    return lines.joined(separator: "\n") + "\n"
  }

  /// The first words of a definition, cut at a space after at most 90
  /// characters (with an ellipsis when cut).
  static func opening(_ text: String, limit: Int = 90) -> String {
    guard text.count > limit else { return text }
    let head = text.prefix(limit)
    var cut = String(head.lastIndex(of: " ").map { head[..<$0] } ?? head)
    while let last = cut.last, ",;:.( ".contains(last) { cut.removeLast() }
    return cut + "…"
  }
}
