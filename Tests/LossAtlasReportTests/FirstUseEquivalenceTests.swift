import Foundation
import LossAtlasCore
import Testing
import TestSupport

@testable import LossAtlasReport

/// ``FirstUse`` was sped up in session 21 (pages-fast): the marker copies
/// the text in runs instead of character by character, skips a character
/// that is one ASCII or CJK-ideograph scalar beginning no term without
/// hashing it, counts each term once to sort the terms, and reads an
/// element's name without Unicode property look-ups for ASCII. It must
/// give the bytes of the implementation before (kept verbatim below as
/// ``LegacyFirstUse``, from commit 8fe79c5) on every committed Chinese page,
/// on those pages without their glosses (so every term's first use is
/// marked again), and on hostile texts and glossaries: combining marks on
/// a term's first character, characters canonically equivalent to a
/// term's first character (U+212A KELVIN SIGN for K, the compatibility
/// ideograph U+F907 for U+9F9C), a glossary whose first characters are
/// not all single ASCII or CJK scalars, non-ASCII letters and digits in
/// element names, CRLF.
@Suite("FirstUse: the fast marker equals the old one")
struct FirstUseEquivalenceTests {
  static let glossary: [FirstUse.Term] = {
    (try? Glossary.load())?.filter(\.gloss).map { FirstUse.Term(chinese: $0.zh, english: $0.en) } ?? []
  }()

  /// The committed Chinese pages: (is HTML, text).
  static let pages: [(html: Bool, text: String)] = {
    let root = Fixtures.repositoryRoot.appendingPathComponent("output/zh")
    var out: [(Bool, String)] = []
    for folder in ["html", "markdown"] {
      let dir = root.appendingPathComponent(folder)
      for name in ((try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []).sorted()
      where name.hasSuffix(".html") || name.hasSuffix(".md") {
        if let text = try? String(contentsOf: dir.appendingPathComponent(name), encoding: .utf8) { out.append((folder == "html", text)) }
      }
    }
    return out
  }()

  /// A committed page without the glosses the generator added (the text
  /// the templates rendered, near enough): every term is marked again.
  static func unglossed(_ text: String, html: Bool) -> String {
    if html {
      let span = try! NSRegularExpression(pattern: #"（<span lang="en">[^<]*</span>）"#)
      return span.stringByReplacingMatches(in: text, range: NSRange(text.startIndex..., in: text), withTemplate: "")
    }
    var out = text
    for t in glossary { out = out.replacingOccurrences(of: "（\(MarkdownContentType().escapeText(t.english))）", with: "") }
    return out
  }

  /// Texts built to trip a scalar-level shortcut.
  static let hostile: [String] = [
    "", "a", "交", "交叉熵", "交\u{301}叉熵交叉熵", "\u{301}交叉熵", "交叉熵\u{301}", "e\u{301}交叉熵",
    "\u{212A}L散度与KL散度", "KL散度", "\u{F907}龜\u{9F9C}", "\u{1F600}交叉熵\u{1F600}", "交叉熵（cross-entropy）交叉熵",
    "交叉熵\r\n交叉熵", "\r\n交叉熵", "ｓｉｇｍｏｉｄ函数 sigmoid函数", "logit（对数几率）与logit",
    "<p>交叉熵</p><h2>交叉熵</h2><p>KL散度</p>", "<H2>交叉熵</H2><p>交叉熵</p>", "<h２>交叉熵</h２><p>交叉熵</p>",
    "<h٢>交叉熵</h٢><p>交叉熵</p>", "<h2\r\n>交叉熵</h2><p>交叉熵</p>", "<ｈ2>交叉熵</ｈ2>", "<table\u{301}>交叉熵</table>交叉熵",
    "<code>交叉熵</code>交叉熵", "<br/>交叉熵<br/>", "<p>交叉熵 <", "<", ">交叉熵<", "交叉熵`交叉熵`交叉熵$交叉熵$交叉熵",
    "[交叉熵](交叉熵.html)交叉熵", "# 交叉熵\n交叉熵\n| 交叉熵 |\n> 交叉熵\n```\n交叉熵\n```\n交叉熵",
    // The byte-wise path (session 23): a name running into a CJK letter,
    // glosses already there in three spellings, operators that decompose
    // (≠ is = and U+0338) or carry a combining mark, the Ohm sign (Ω
    // canonically), a variation selector, odd tags and an unclosed one.
    "<h2中>交叉熵</h2中><p>交叉熵</p>", "<p>交叉熵 (cross)</p><p>KL散度(x)</p><p>熵（entropy）</p>",
    "<p>σ≠交叉熵≤ × ÷ ′ “交叉熵” ŷ y\u{302}交叉熵</p>", "ŷ交叉熵\u{37E}交叉熵;", "y\u{302}值ŷ值≠号", "ŷ值y\u{302}值=\u{338}号", "<p>ŷ值</p><p>ŷ值（y-hat）</p>", "a\n\u{301}交叉熵\n\n", "\r\r\n\n交叉熵\n\r", "\n", "交叉熵`x\n`交叉熵 $ ](交叉熵", "](", "[a](b)交叉熵 `交叉熵` $交叉熵$ ]( 交叉熵", "<p>=\u{338}交叉熵</p>", "<p>\u{2126}交叉熵Ω</p>", "交叉熵\u{FE0F}交叉熵",
    "<h2/>交叉熵", "<//h2>交叉熵</h2>交叉熵", "<h2 class=\"a\">交叉熵</h2 >交叉熵", "<p>交叉熵<h2", "<p>交叉熵</p><TABLE>交叉熵",
    "\u{3000}交叉熵\u{302A}交叉熵", "<p>\u{20000}交叉熵</p>", "\t交叉熵\u{7F}交叉熵",
  ]

  /// Glossaries: the manual's; one with a first character that is not a
  /// single ASCII or CJK scalar (the shortcut is off); one with a term
  /// beginning with a decomposed letter and one with a compatibility ideograph.
  static var glossaries: [[FirstUse.Term]] {
    [
      glossary,
      glossary + [FirstUse.Term(chinese: "é散度", english: "e-divergence")],
      glossary + [FirstUse.Term(chinese: "e\u{301}散度", english: "e-divergence"), FirstUse.Term(chinese: "\u{F907}", english: "turtle")],
      glossary + [FirstUse.Term(chinese: "\u{212A}散度", english: "kelvin")],
      glossary + [FirstUse.Term(chinese: "ŷ值", english: "y-hat"), FirstUse.Term(chinese: "≠号", english: "not-equal")],
      [FirstUse.Term(chinese: "交叉熵", english: "cross-entropy"), FirstUse.Term(chinese: "", english: "x"), FirstUse.Term(chinese: "熵", english: "")],
      [],
    ]
  }

  @Test("the manual's glossary and pages are there to compare")
  func inputsFound() {
    #expect(Self.glossary.count > 50)
    #expect(Self.pages.filter(\.html).count > 40 && Self.pages.filter { !$0.html }.count > 40)
  }

  @Test("html and markdown: every committed Chinese page (as committed and without glosses) and the hostile texts")
  func sameBytes() {
    var checked = 0
    var differing = 0
    var marked = 0
    for (g, terms) in Self.glossaries.enumerated() {
      // The pages with the real glossary (and one other); the hostile texts with every glossary.
      let pages = g < 2 ? Self.pages.flatMap { [($0.html, $0.text), ($0.html, Self.unglossed($0.text, html: $0.html))] } : []
      let inputs = pages + Self.hostile.flatMap { [(true, $0), (false, $0)] }
      for (html, input) in inputs {
        let got = html ? FirstUse.html(input, terms: terms) : FirstUse.markdown(input, terms: terms)
        let want = html ? LegacyFirstUse.html(input, terms: terms) : LegacyFirstUse.markdown(input, terms: terms)
        checked += 1
        if got != input { marked += 1 }
        // Bytes, not String equality (which equates canonically equivalent text).
        guard Array(got.utf8) != Array(want.utf8) else { continue }
        differing += 1
        if differing <= 3 { Issue.record("glossary \(g) differs on: \(input.prefix(200).debugDescription)") }
      }
    }
    #expect(differing == 0, "\(differing) of \(checked) differ")
    #expect(marked > 150, "the inputs get glosses (\(marked) of \(checked))")
    // The canonically equivalent first character is matched, as before.
    #expect(FirstUse.html("<p>\u{212A}L散度</p>", terms: Self.glossary).contains("Kullback"))
  }

  @Test("the byte-wise path (inert text) is the one taken on the committed pages, and not on text that is not inert")
  func inertPathTaken() {
    var inert = 0
    for page in Self.pages where page.html {
      var marker = FirstUse.Marker(Self.glossary)
      if FirstUse.htmlInert(page.text, &marker) != nil { inert += 1 }
    }
    let html = Self.pages.filter(\.html).count
    #expect(inert * 10 >= html * 9, "\(inert) of \(html) committed HTML pages are inert text")
    var marker = FirstUse.Marker(Self.glossary)
    #expect(FirstUse.htmlInert("<p>交叉熵\u{301}</p>", &marker) == nil)
    #expect(FirstUse.htmlInert("<p>交叉熵\r\n</p>", &marker) == nil)
    #expect(marker.used.isEmpty, "a refused page leaves the marker as it was")
    var withDecomposed = FirstUse.Marker(Self.glossary + [FirstUse.Term(chinese: "e\u{301}散度", english: "e")])
    let termsRefused = withDecomposed.inert == nil
    #expect(termsRefused, "a term that is not inert text turns the byte-wise path off")
    #expect(FirstUse.htmlInert("<p>交叉熵</p>", &withDecomposed) == nil)
  }

  @Test("lines are split at the line feeds the character-wise split finds")
  func linesAsSplit() {
    let texts = Self.hostile + Self.pages.prefix(5).map(\.text) + ["", "\n\n", "\r\n\r\n", "a\r", "\r", "\n\u{301}\n"]
    for text in texts {
      let want = text.split(separator: "\n", omittingEmptySubsequences: false)
      #expect(FirstUse.lines(text).map { Array($0.utf8) } == want.map { Array($0.utf8) }, "\(text.prefix(80).debugDescription)")
    }
  }

  @Test("the terms are sorted as before: longest first, then by text, descending")
  func sortedTerms() {
    for terms in Self.glossaries {
      #expect(FirstUse.Marker(terms).terms == LegacyFirstUse.Marker(terms).terms)
    }
  }
}

/// ``FirstUse`` as it was before session 21 (commit 8fe79c5), verbatim:
/// the reference of ``FirstUseEquivalenceTests``.
enum LegacyFirstUse {
  typealias Term = FirstUse.Term

  /// The HTML elements whose text is not prose for this purpose.
  static let skippedElements: Set<String> = [
    "h1", "h2", "h3", "h4", "h5", "h6", "table", "code", "pre", "math", "script", "style", "title", "header", "footer",
    "nav", "blockquote", "summary", "figcaption", "dt",
  ]

  /// `html` with the English of each term's first use added after it, as
  /// `（<span lang="en">english</span>）`.
  static func html(_ html: String, terms: [Term]) -> String {
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
  static func markdown(_ markdown: String, terms: [Term]) -> String {
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
