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
    // The same answer byte by byte where the page and the terms are inert
    // text (every scalar its own character and its own canonical form).
    if let inert = htmlInert(html, &marker) { return inert }
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
      let name = String(body.prefix(while: isNameCharacter)).lowercased()
      guard skippedElements.contains(name), !tag.hasSuffix("/>") else { continue }
      skipDepth[name, default: 0] += tag.hasPrefix("</") ? -1 : 1
      if skipDepth[name]! < 0 { skipDepth[name] = 0 }
    }
    return out
  }

  /// Whether `c` continues an element's name: a letter or a number
  /// (`isLetter || isNumber`), decided without Unicode property look-ups
  /// for a one-byte (ASCII) character.
  static func isNameCharacter(_ c: Character) -> Bool {
    guard c.utf8.count == 1, let byte = c.utf8.first else { return c.isLetter || c.isNumber }
    switch byte {
    case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"): return true
    default: return false
    }
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
    for line in lines(markdown) {
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
    if marker.inert != nil, let marked = markLineInert(line, &marker) { return marked }
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
      // Longest first, then by the Chinese text (descending); each term's
      // character count is counted once, not at every comparison.
      self.terms = terms.filter { !$0.chinese.isEmpty && !$0.english.isEmpty }
        .map { (count: $0.chinese.count, term: $0) }
        .sorted { ($0.count, $0.term.chinese) > ($1.count, $1.term.chinese) }
        .map(\.term)
      var byFirst: [Character: [Term]] = [:]
      for t in self.terms { if let c = t.chinese.first { byFirst[c, default: []].append(t) } }
      self.byFirst = byFirst
      let firsts = byFirst.keys.map(\.unicodeScalars)
      firstScalars =
        firsts.allSatisfy { $0.count == 1 && Self.isInert($0.first!) } ? Set(firsts.map { $0.first!.value }) : nil
      inert = InertTerms(self.terms)
    }

    /// The terms as UTF-8 for ``markInert(_:_:into:_:)``, when every term
    /// is inert text (nil otherwise: then every text is marked by characters).
    let inert: InertTerms?

    /// The terms' first characters as scalars, when each is one inert
    /// scalar (``isInert(_:)``); nil otherwise (then every character is
    /// looked up in ``byFirst``).
    let firstScalars: Set<UInt32>?

    /// A scalar without a canonical decomposition (ASCII, the CJK Unified
    /// Ideographs U+4E00...U+9FFF): a character made of it alone is its own
    /// normal form, so two such characters are equal (`==` is canonical
    /// equivalence) exactly when their scalars are. (Other scalars may
    /// decompose to these, U+212A KELVIN SIGN to K, U+F907 to U+9F9C: such a
    /// character is not inert and is looked up in ``byFirst`` as before.)
    static func isInert(_ s: Unicode.Scalar) -> Bool { s.isASCII || (0x4E00...0x9FFF).contains(s.value) }

    /// Whether no term can start with the character at `i` (whose end is
    /// `next`): it is one inert scalar that begins no term. Answers without
    /// making and hashing a `Character`; false when unsure.
    func startsNoTerm(_ text: Substring, at i: Substring.Index, next: Substring.Index) -> Bool {
      guard let firstScalars else { return false }
      let s = text.unicodeScalars[i]
      return Self.isInert(s) && !firstScalars.contains(s.value) && text.unicodeScalars.index(after: i) == next
    }

    /// `text` with `format(english)` after the first use of each unused term.
    mutating func mark(_ text: Substring, _ format: (String) -> String) -> String {
      // A character is ASCII exactly when its bytes are (CR LF included).
      guard !text.isEmpty, used.count < terms.count, text.utf8.contains(where: { $0 >= 0x80 }) else { return String(text) }
      if inert != nil, let marked = markInertText(text, format) { return marked }
      // The text is copied in runs up to each gloss (`copied` is where the
      // next run starts), not character by character.
      var out = ""
      var copied = text.startIndex
      var i = text.startIndex
      while i < text.endIndex {
        let next = text.index(after: i)
        if startsNoTerm(text, at: i, next: next) {
          i = next
          continue
        }
        guard let term = byFirst[text[i]]?.first(where: { text[i...].hasPrefix($0.chinese) }) else {
          i = next
          continue
        }
        let end = text.index(i, offsetBy: term.chinese.count)
        i = end
        guard !used.contains(term.chinese) else { continue }
        used.insert(term.chinese)
        // Already glossed by the text itself: “交叉熵（cross-entropy）”.
        let after = text[end...]
        if after.hasPrefix("（") || after.hasPrefix("(") || after.hasPrefix(" (") { continue }
        out += text[copied..<end]
        copied = end
        out += format(term.english)
      }
      out += text[copied...]
      return out
    }
  }
}
