/// The English term in parentheses at the first use of each glossary term on
/// a Chinese page (issue 13, item 2): “交叉熵（cross-entropy）”, once per page,
/// in prose only (link texts included): never in headings, tables, figure
/// captions, code, formulas, the site's navigation and footer, or the seed
/// article's quotes.
///
/// A term is found where the page's text holds its Chinese word; at each
/// position the longest term wins, so 二阶导数 is one use of “second
/// derivative”, not a use of 导数. A term already followed by its English
/// in parentheses is counted as used and left alone.
public enum FirstUse {
  /// One glossary entry: the Chinese word the pages use and its English.
  public struct Term: Sendable, Equatable {
    public let chinese: String
    public let english: String

    public init(chinese: String, english: String) {
      self.chinese = chinese
      self.english = english
    }
  }

  /// The HTML elements whose text is not prose for this purpose.
  static let skippedElements: Set<String> = [
    "h1", "h2", "h3", "h4", "h5", "h6", "table", "code", "pre", "math", "script", "style", "title", "header", "footer",
    "nav", "blockquote", "summary", "figcaption", "dt",
  ]

  /// `html` with the English of each term's first use added after it, as
  /// `（<span lang="en">english</span>）`.
  public static func html(_ html: String, terms: [Term]) -> String {
    var marker = Marker(terms)
    var out = ""
    out.reserveCapacity(html.utf8.count + 512)
    var skipDepth: [String: Int] = [:]
    var rest = html[...]
    while !rest.isEmpty {
      // The glossary's English is text: escaped, like every text the
      // templates insert ("<" or "&" in a term must not become markup).
      guard let open = rest.firstIndex(of: "<") else {
        out += skipDepth.values.contains(where: { $0 > 0 }) ? String(rest) : marker.mark(rest) { "（<span lang=\"en\">\(escapedHTML($0))</span>）" }
        break
      }
      let text = rest[..<open]
      out += skipDepth.values.contains(where: { $0 > 0 }) ? String(text) : marker.mark(text) { "（<span lang=\"en\">\(escapedHTML($0))</span>）" }
      let close = rest[open...].firstIndex(of: ">") ?? rest.index(before: rest.endIndex)
      let tag = rest[open...close]
      out += tag
      rest = rest[rest.index(after: close)...]
      // The element's name: <h2 ...>, </h2>, <br/>.
      let body = tag.dropFirst().drop { $0 == "/" }
      let name = String(body.prefix { $0.isLetter || $0.isNumber }).lowercased()
      guard skippedElements.contains(name), !tag.hasSuffix("/>") else { continue }
      skipDepth[name, default: 0] += tag.hasPrefix("</") ? -1 : 1
      if skipDepth[name]! < 0 { skipDepth[name] = 0 }
    }
    return out
  }

  /// `markdown` with the English of each term's first use added after it,
  /// as `（english）`, in paragraphs and list items: not in headings, table
  /// rows, quotes, code (fenced or inline), formulas, link targets, the
  /// navigation line or the footer.
  public static func markdown(_ markdown: String, terms: [Term]) -> String {
    var marker = Marker(terms)
    var out: [String] = []
    var inFence = false
    var inMath = false
    var inFooter = false
    for line in markdown.split(separator: "\n", omittingEmptySubsequences: false) {
      let trimmed = line.drop { $0 == " " }
      if trimmed.hasPrefix("```") { inFence.toggle() }
      if trimmed == "$$" { inMath.toggle() }
      if line == "---" { inFooter = true }
      let skip =
        inFence || inMath || inFooter || trimmed.hasPrefix("```") || trimmed == "$$" || trimmed.hasPrefix("#")
        || trimmed.hasPrefix("|") || trimmed.hasPrefix(">") || trimmed.hasPrefix("[LossAtlas]") || trimmed.hasPrefix("![")
        || trimmed.hasPrefix("<") || (trimmed.hasPrefix("*") && !trimmed.hasPrefix("**"))
      out.append(skip ? String(line) : markLine(line, &marker))
    }
    return out.joined(separator: "\n")
  }

  /// One Markdown line: text outside inline code, `$…$` and `](target)`.
  static func markLine(_ line: Substring, _ marker: inout Marker) -> String {
    var out = ""
    var plain = ""
    var i = line.startIndex
    func flush() {
      // Escaped as the Markdown templates escape text (`*`, `_`, `|`, `<` ...).
      out += marker.mark(plain[...]) { "（\(MarkdownContentType().escapeText($0))）" }
      plain = ""
    }
    while i < line.endIndex {
      let c = line[i]
      var end: String.Index?
      if c == "`" || c == "$" {
        end = line[line.index(after: i)...].firstIndex(of: c).map { line.index(after: $0) }
      } else if c == "]", line.index(after: i) < line.endIndex, line[line.index(after: i)] == "(" {
        end = line[i...].firstIndex(of: ")").map { line.index(after: $0) }
      }
      if let end {
        flush()
        out += line[i..<end]
        i = end
      } else {
        plain.append(c)
        i = line.index(after: i)
      }
    }
    flush()
    return out
  }

  /// `text` for HTML: `&`, `<`, `>` and `"` as entities.
  static func escapedHTML(_ text: String) -> String {
    var out = ""
    for c in text {
      switch c {
      case "&": out += "&amp;"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "\"": out += "&quot;"
      default: out.append(c)
      }
    }
    return out
  }

  /// The terms not yet used on the page, matched longest first.
  struct Marker {
    let terms: [Term]
    /// The terms by their first character, each list in the order of
    /// `terms` (longest first): only these can start at a character, so a
    /// position is tried against a handful of terms instead of all of them
    /// (trying every term at every character was 2.7 s of CPU, an eighth
    /// of `generate --lang all`). The first match is the same term.
    let byFirst: [Character: [Term]]
    var used: Set<String> = []

    init(_ terms: [Term]) {
      self.terms = terms.filter { !$0.chinese.isEmpty && !$0.english.isEmpty }
        .sorted { ($0.chinese.count, $0.chinese) > ($1.chinese.count, $1.chinese) }
      var byFirst: [Character: [Term]] = [:]
      for t in self.terms { if let c = t.chinese.first { byFirst[c, default: []].append(t) } }
      self.byFirst = byFirst
    }

    /// `text` with `format(english)` after the first use of each unused term.
    mutating func mark(_ text: Substring, _ format: (String) -> String) -> String {
      guard !text.isEmpty, used.count < terms.count, text.contains(where: { !$0.isASCII }) else { return String(text) }
      var out = ""
      var i = text.startIndex
      while i < text.endIndex {
        guard let term = byFirst[text[i]]?.first(where: { text[i...].hasPrefix($0.chinese) }) else {
          out.append(text[i])
          i = text.index(after: i)
          continue
        }
        let end = text.index(i, offsetBy: term.chinese.count)
        out += text[i..<end]
        i = end
        guard !used.contains(term.chinese) else { continue }
        used.insert(term.chinese)
        // Already glossed by the text itself: “交叉熵（cross-entropy）”.
        let after = text[end...]
        if after.hasPrefix("（") || after.hasPrefix("(") || after.hasPrefix(" (") { continue }
        out += format(term.english)
      }
      return out
    }
  }
}
