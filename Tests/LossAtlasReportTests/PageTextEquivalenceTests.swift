import Foundation
import Testing
import TestSupport

@testable import LossAtlasReport

/// The page post-processing steps rewritten for speed (session 18,
/// perf-render): ``PageOutline/apply(_:)``, ``AdjacentParentheses/merge(_:)``
/// and ``ManualGenerator/tidy(_:)`` give exactly the text of their previous
/// implementations (kept below as ``LegacyPageText``, copied from commit
/// cca7f35) on every page of the committed manual of both editions, on
/// those pages turned back into what the templates render (table of
/// contents markers, headings without anchors or ids), and on hostile
/// texts (combining marks next to the matched characters, CRLF line ends,
/// characters beyond the BMP, empty and blank texts).
@Suite("Page text: the fast post-processing equals the old one")
struct PageTextEquivalenceTests {
  /// Every Markdown and HTML page of the committed manual (output/), both editions.
  static let pages: [(path: String, text: String)] = {
    let root = Fixtures.repositoryRoot.appendingPathComponent("output")
    var out: [(String, String)] = []
    for folder in ["markdown", "html", "zh/markdown", "zh/html"] {
      let dir = root.appendingPathComponent(folder)
      let names = (try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []
      for name in names.sorted() where name.hasSuffix(".md") || name.hasSuffix(".html") {
        if let text = try? String(contentsOf: dir.appendingPathComponent(name), encoding: .utf8) {
          out.append(("\(folder)/\(name)", text))
        }
      }
    }
    return out
  }()

  /// A committed HTML page as the templates render it, before the outline:
  /// the table of contents back to the `toc` partial's markers, the
  /// headings' anchor links unwrapped; `dropIDs` also removes the
  /// headings' ids (so the outline makes them from the text).
  static func unOutlined(_ html: String, dropIDs: Bool) -> String {
    var text = html
    if let start = text.range(of: "<nav class=\"toc\""), let end = text.range(of: "</nav>", range: start.upperBound..<text.endIndex) {
      let block = "<!--toc-->\n<nav class=\"toc\" aria-labelledby=\"toc-label\">\n<details open>\n<summary id=\"toc-label\">目录 On this page</summary>\n<!--toc-entries-->\n</details>\n</nav>\n<!--/toc-->"
      text.replaceSubrange(start.lowerBound..<end.upperBound, with: block)
    }
    let anchor = try! NSRegularExpression(pattern: ##"<a class="anchor" href="#[^"]*">(.*?)</a>(</h[2-6]>)"##)
    text = anchor.stringByReplacingMatches(in: text, range: NSRange(text.startIndex..., in: text), withTemplate: "$1$2")
    if dropIDs {
      let id = try! NSRegularExpression(pattern: #"(<h[1-6]) id="[^"]*""#)
      text = id.stringByReplacingMatches(in: text, range: NSRange(text.startIndex..., in: text), withTemplate: "$1")
    }
    return text
  }

  /// Texts built to trip a byte-level rewrite.
  static let hostile: [String] = [
    "", "\n", "\n\n\n", "  \n\t\n \t \n", "a", "a\n", "a\n\n\nb\n\n", "\r\n\r\n\r\n", "a\r\n\r\n\r\nb", "a\r\n  \r\n\n\n b",
    " \u{301}\n\n\n\t\u{301}\n\n", "\n\u{301}\n\n\n", "x\n\n\n\n", "\u{1F600}\n\n\n\u{1F600}",
    "（a）（b）", "（a）（b）（c）（d）", "）（", "）（）（", "x）（\u{301}y", "x\u{301}）（y", "\u{0600}）（x", "x）（\u{200D}y",
    "x）（\u{FE0F}", "x）（\u{FF9E}", "你）（好", "（a（b））（c）（d）", "e\u{301}）（e\u{301}", "\u{1F600}）（\u{1F600}", "）（\u{302A}",
    "Leaky ReLU（带泄漏的ReLU）（a = 0.01）", "）\u{301}（", "）\r\n（",
    "<h2>\u{301}x</h2>\u{301}", "<h2 id=\"a\">\u{1F600}</h2>\n<h2>\u{1F600}</h2>\n<h2>B\u{301}</h2>\n<h3>f′ &amp; f″</h3>",
    "<!--toc-->\n<nav><!--toc-entries--></nav>\n<!--/toc-->\n<h2>A</h2><h2>A</h2><h2>\u{301}A</h2><h3>你好</h3>",
    "<!--toc-->\u{301}\n<!--toc-entries-->\n<!--/toc-->\u{301}\n<h2>A</h2>",
    "<!--toc-->\n<!--toc-entries-->\n<!--/toc-->\n<h2>A</h2>\r\n<h2 class=\"x\">B</h2>\n<h2>C <a href=\"#c\">c</a></h2>",
    "<h1>T</h1>\n<!--toc-->\n<!--toc-entries-->\n<!--/toc-->\n<h2>一</h2>\n<h3>一.1</h3>\n<h2>二</h2>\n<h2>三（3）</h2>\n<h4>deep</h4>",
    // The byte scanners of the outline (session 22): every kind of white
    // space before an attribute, scalars that are not white space, broken
    // and nested tags, ids left open, colliding ids, astral text.
    "<h2\u{A0}id=\"nb\">x</h2><h2\u{85}>y</h2><h2\u{0B}class=a>z</h2><h2\u{3000}id=\"w\">w</h2><h2\u{2028}>ls</h2>",
    "<h2\u{200B}>zw</h2><h2\u{180E}>mv</h2><h2\u{FEFF}>bom</h2><h2\u{1C}>fs</h2><h2\u{1680}>og</h2><h2\u{205F}>mm</h2>",
    "<h7>no</h7><h0>x</h0><h2>open", "<h2 id=\"a>b</h2>", "<h2 x>a</h3></h2>", "<h2><h3>in</h3></h2>", "<h2>a</h2 >",
    "<H2>up</H2>", "<h2", "<h", "<", "<h2 >", "<h2>", "</h2>", "<h2></h2>", "<h2>\u{1F600}</h2>", "<h2>a</h2><h2>a</h2>",
    "<h2\n>n</h2>\n<h3\t\n id=\"t\">tab</h3>", "<h2>line\nbreak\r\n</h2>", "<h2>a <em>b</em>\u{A0}c\u{3000}d</h2>",
    "<h2 id=\"\u{1F600}\">e</h2><h2>\u{1F600}</h2>", "<p\u{A0}id=\"a\" \u{3000}id=\"a-2\"></p><h2>A</h2><h2>a</h2>",
    "<p id=\"unterminated><h2>u</h2>", "<p id=\"\" id=\"x\"><h2>x</h2>", "<h2 class=\"c\" id=\"c\">C</h2><h2>C</h2><h2>c</h2>",
    "<h2 data-id=\"q\">q</h2><h2 xid=\"r\">r</h2><h2 id='s'>s</h2><h2 ID=\"t\">t</h2>", "<h2>x<y</h2><h2>x>y</h2>",
    "<h3>\u{301}<i>\u{301}</i></h3><h2><<>></h2><h2>a<b</h2><h2>&lt;tag&gt; &amp; &quot;q&quot;</h2>",
    "é<h2>e\u{301}</h2>é<h5>é</h5>\u{10FFFF}<h6>\u{10000}</h6>",
  ]

  @Test("the committed pages are there to compare")
  func pagesFound() {
    #expect(Self.pages.count > 300, "output/ has \(Self.pages.count) pages")
    #expect(Self.pages.contains { $0.path.hasPrefix("zh/html/") })
  }

  @Test("PageOutline.apply: every HTML page (as committed, un-outlined, without ids) and the hostile texts")
  func outline() {
    var inputs = Self.hostile
    for (path, text) in Self.pages where path.hasSuffix(".html") {
      let raw = Self.unOutlined(text, dropIDs: false)
      // The same page with its sections demoted below h3: too short for a
      // table of contents, which is then removed.
      let short = raw.replacingOccurrences(of: "<h2", with: "<h5").replacingOccurrences(of: "</h2>", with: "</h5>")
      inputs += [text, raw, Self.unOutlined(text, dropIDs: true), short]
    }
    var differing = 0
    // Bytes, not String equality (which equates canonically equivalent text):
    // the pages are written as bytes.
    for input in inputs where Array(PageOutline.apply(input).utf8) != Array(LegacyPageText.outline(input).utf8) {
      differing += 1
      if differing <= 3 { Issue.record("differs on: \(input.prefix(200))") }
    }
    #expect(differing == 0)
    // The inputs exercise both outcomes: a table of contents filled in and one removed.
    let filled = inputs.filter { $0.contains("<!--toc-entries-->") && PageOutline.apply($0).contains("<ol>") }
    let removed = inputs.filter { $0.contains("<!--toc-entries-->") && !PageOutline.apply($0).contains("toc-label") }
    #expect(filled.count > 50 && removed.count > 50, "filled \(filled.count), removed \(removed.count)")
  }

  @Test("PageOutline.plainText: the tag scanner equals the regular expression on every heading and hostile texts")
  func plainText() {
    var inputs = Self.hostile + [
      "a <b>c</b> d", "<unterminated", "x<y>z<", "<<>>", "\u{301}<i>\u{301}</i>", "<a\n href=\"#x\">x</a>", ">", "a>b<c",
      "\u{1F600}<\u{1F600}>\u{1F600}", "  spaced \u{A0} out\u{3000} ", "",
    ]
    for (path, text) in Self.pages where path.hasSuffix(".html") {
      inputs += text.components(separatedBy: "<h").map { String($0.prefix(300)) }
    }
    var differing = 0
    for input in inputs where Array(PageOutline.plainText(input).utf8) != Array(LegacyPageText.plainText(input).utf8) {
      differing += 1
      if differing <= 3 { Issue.record("differs on: \(input.prefix(200).debugDescription)") }
    }
    #expect(differing == 0)
    #expect(inputs.count > 1000)
  }

  @Test("AdjacentParentheses.merge: Foundation's replacement on every page and the hostile texts")
  func merge() {
    let inputs = Self.hostile + Self.pages.map(\.text) + Self.pages.map { $0.text.replacingOccurrences(of: "；", with: "）（") }
    var differing = 0
    for input in inputs where Array(AdjacentParentheses.merge(input).utf8) != Array(AdjacentParentheses.foundationMerge(input).utf8) {
      differing += 1
      if differing <= 3 { Issue.record("differs on: \(input.prefix(200))") }
    }
    #expect(differing == 0)
    // The pages with pairs took the byte path (pairs found, every neighbour plain).
    let bytePath = inputs.filter { input in
      let bytes = Array(input.utf8)
      let pairs = AdjacentParentheses.pairOffsets(bytes)
      return !pairs.isEmpty && pairs.allSatisfy { AdjacentParentheses.standsAlone(bytes, at: $0) }
    }
    #expect(bytePath.count > 100)
    // A pair carrying a combining mark is not a pair: Foundation leaves it.
    #expect(Array(AdjacentParentheses.merge("x）（\u{301}y").utf8) == Array("x）（\u{301}y".utf8))
    #expect(AdjacentParentheses.merge("（a）（b）") == "（a；b）")
  }

  @Test("tidy: every page, every page with CRLF line ends and runs of blank lines, and the hostile texts")
  func tidy() {
    var inputs = Self.hostile
    for (_, text) in Self.pages {
      inputs += [text, text.replacingOccurrences(of: "\n", with: "\n\n \n\t\n"), text.replacingOccurrences(of: "\n", with: "\r\n")]
    }
    var differing = 0
    // The bytes the writer receives (`tidyBytes`), against the old tidy's UTF-8.
    for input in inputs where ManualGenerator.tidyBytes(input) != Array(LegacyPageText.tidy(input).utf8) {
      differing += 1
      if differing <= 3 { Issue.record("differs on: \(input.prefix(200).debugDescription)") }
    }
    #expect(differing == 0)
    #expect(ManualGenerator.tidyBytes("a\n\n\n\nb\n\n") == Array("a\n\nb\n".utf8))
  }
}

/// The page post-processing as it was before session 18 (commit cca7f35),
/// the reference of ``PageTextEquivalenceTests``.
enum LegacyPageText {
  static func tidy(_ text: String) -> String {
    var out: [Substring] = []
    var blank = 0
    for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
      let isBlank = line.allSatisfy { $0 == " " || $0 == "\t" }
      blank = isBlank ? blank + 1 : 0
      if blank > 1 { continue }
      out.append(isBlank ? "" : line)
    }
    while out.last == "" { out.removeLast() }
    return out.joined(separator: "\n") + "\n"
  }

  // The regular expressions PageOutline used until session 22 (commit
  // ec97eb9), now found by its byte scanners.
  static let headingPattern = try! NSRegularExpression(
    pattern: #"<h([1-6])((?:\s[^>]*)?)>(.*?)</h\1>"#, options: [.dotMatchesLineSeparators])
  static let idPattern = try! NSRegularExpression(pattern: #"\sid="([^"]*)""#)
  static let tagPattern = try! NSRegularExpression(pattern: #"<[^>]*>"#)

  static func plainText(_ html: String) -> String {
    let stripped = tagPattern.stringByReplacingMatches(
      in: html, range: NSRange(location: 0, length: (html as NSString).length), withTemplate: "")
    return stripped.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
  }

  static func outline(_ html: String) -> String {
    let text = html as NSString
    let block = PageOutline.tocBlock(in: text)
    var used = Set(
      idPattern.matches(in: html, range: NSRange(location: 0, length: text.length)).map {
        text.substring(with: $0.range(at: 1))
      })
    var headings: [PageOutline.Heading] = []
    var out = ""
    var cursor = 0
    for m in headingPattern.matches(in: html, range: NSRange(location: 0, length: text.length)) {
      let level = Int(text.substring(with: m.range(at: 1)))!
      var attributes = text.substring(with: m.range(at: 2))
      let content = text.substring(with: m.range(at: 3))
      let id: String
      if let found = idPattern.firstMatch(
        in: attributes, range: NSRange(location: 0, length: (attributes as NSString).length))
      {
        id = (attributes as NSString).substring(with: found.range(at: 1))
      } else {
        id = PageOutline.unique(PageOutline.slug(plainText(content)), among: &used)
        attributes = " id=\"\(id)\"" + attributes
      }
      let inTOC = block.map { NSLocationInRange(m.range.location, $0) } ?? false
      let afterTOC = block.map { m.range.location >= $0.location + $0.length } ?? false
      headings.append(PageOutline.Heading(level: level, id: id, content: content, inTOC: inTOC, afterTOC: afterTOC))
      out += text.substring(with: NSRange(location: cursor, length: m.range.location - cursor))
      let linked = level >= 2 && !content.contains("<a ") && !inTOC
      out += "<h\(level)\(attributes)>" + (linked ? "<a class=\"anchor\" href=\"#\(id)\">\(content)</a>" : content) + "</h\(level)>"
      cursor = m.range.location + m.range.length
    }
    out += text.substring(from: cursor)
    return fillTOC(out, sections: headings.filter(\.afterTOC))
  }

  static func fillTOC(_ html: String, sections after: [PageOutline.Heading]) -> String {
    let text = html as NSString
    guard let block = PageOutline.tocBlock(in: text) else { return html }
    let sections = after.filter { $0.level == 2 }.count
    guard sections >= PageOutline.minimumSections else {
      var end = block.location + block.length
      if end < text.length && text.character(at: end) == 10 { end += 1 }
      return text.replacingCharacters(in: NSRange(location: block.location, length: end - block.location), with: "")
    }
    var list = "<ol>\n"
    var openSub = false
    var openItem = false
    for h in after where h.level == 2 || h.level == 3 {
      let link = "<a href=\"#\(h.id)\">\(plainText(h.content))</a>"
      if h.level == 2 {
        if openSub { list += "</ol>"; openSub = false }
        if openItem { list += "</li>\n" }
        list += "<li>" + link
        openItem = true
      } else if openItem {
        if !openSub { list += "\n<ol>\n"; openSub = true }
        list += "<li>" + link + "</li>\n"
      }
    }
    if openSub { list += "</ol>" }
    if openItem { list += "</li>\n" }
    list += "</ol>"
    let inner = text.substring(with: block)
      .replacingOccurrences(of: PageOutline.tocStart + "\n", with: "").replacingOccurrences(of: PageOutline.tocStart, with: "")
      .replacingOccurrences(of: "\n" + PageOutline.tocEnd, with: "").replacingOccurrences(of: PageOutline.tocEnd, with: "")
      .replacingOccurrences(of: PageOutline.tocEntries, with: list)
    return text.replacingCharacters(in: block, with: inner)
  }
}
