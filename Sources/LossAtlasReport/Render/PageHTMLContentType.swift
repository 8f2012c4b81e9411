import Mustache

/// swift-mustache's HTML escaping (`{{% CONTENT_TYPE: HTML }}`): `<`, `>`,
/// `&`, `"` and `'` as entities, decided per `Character` as the library's
/// `String.htmlEscape()` decides, with the byte path of ``ByteEscape`` for
/// texts where that gives the same text. Registered under the library's
/// own name, so the templates are unchanged; `ContentTypeEquivalenceTests`
/// pins it against the library's escaping.
struct PageHTMLContentType: MustacheContentType {
  static let replacements: [Character: String] = ["<": "&lt;", ">": "&gt;", "&": "&amp;", "\"": "&quot;", "'": "&#39;"]
  static let table = ByteEscape.table(replacements)

  func escapeText(_ text: String) -> String {
    if let fast = ByteEscape.escaped(text, Self.table) { return fast }
    var out = ""
    out.reserveCapacity(text.utf8.count + 16)
    for c in text {
      if let r = Self.replacements[c] { out += r } else { out.append(c) }
    }
    return out
  }
}
