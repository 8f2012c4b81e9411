import Foundation

/// Section anchors and a table of contents for a rendered HTML page.
///
/// The templates give every heading its id (language-neutral: `definition`,
/// `view-1`, `A05`, the same in every edition); a heading without one (a
/// user's template) gets one made from its text. Each heading from h2 down
/// then links to itself (`<h2 id="x"><a class="anchor" href="#x">…</a></h2>`,
/// MDN's pattern: the link is the heading's own text, so it adds no words
/// for a screen reader and no string to translate).
///
/// The table of contents is the template's: the `toc` partial marks where
/// it goes (`<!--toc-->` … `<!--toc-entries-->` … `<!--/toc-->`) and holds
/// its label; this fills in a list of the h2 sections after it, each with
/// its h3 subsections, when the page has at least ``minimumSections``
/// sections, and removes the block otherwise. Everything is derived from the
/// page itself, in document order, so the output is deterministic.
enum PageOutline {
  /// A page with fewer h2 sections than this is short: no table of contents.
  static let minimumSections = 3

  static let tocStart = "<!--toc-->"
  static let tocEntries = "<!--toc-entries-->"
  static let tocEnd = "<!--/toc-->"

  struct Heading {
    let level: Int
    let id: String
    /// The heading's content as HTML (already escaped by the template).
    let content: String
    /// Inside the table of contents' own block.
    let inTOC: Bool
    /// After the table of contents' block (what it lists).
    let afterTOC: Bool
  }

  /// The page with every heading anchored and its table of contents filled
  /// in (or removed when the page is short).
  ///
  /// The headings and ids are found in the page's UTF-8 bytes
  /// (`PageOutline+Scan.swift`), and the text between and inside them is
  /// copied from the Swift string itself. The table of contents' markers
  /// are found as `NSString` finds them (``tocBlock(in:)``), whose search
  /// is not literal: in the bytes when that gives the same answer
  /// (``tocBounds(_:)``).
  static func apply(_ html: String) -> String {
    var bytesOf = html
    let (headingMatches, idValues) = bytesOf.withUTF8 { (PageOutline.headings($0), ids($0)) }
    let utf8 = html.utf8
    func at(_ offset: Int) -> String.Index { utf8.index(utf8.startIndex, offsetBy: offset) }
    func text(_ range: Range<Int>) -> Substring { html[at(range.lowerBound)..<at(range.upperBound)] }
    let block = tocBounds(html)
    var used = Set(idValues.map { String(text($0)) })
    var headings: [Heading] = []
    var out = ""
    out.reserveCapacity(html.utf8.count + 4096)
    var cursor = html.startIndex
    for m in headingMatches {
      let level = m.level
      var attributes = String(text(m.attributes))
      let content = String(text(m.content))
      let id: String
      if let found = attributes.withUTF8({ ids($0, firstOnly: true).first }) {
        id = String(decoding: attributes.utf8.dropFirst(found.lowerBound).prefix(found.count), as: UTF8.self)
      } else {
        id = unique(slug(plainText(content)), among: &used)
        attributes = " id=\"\(id)\"" + attributes
      }
      let start = at(m.whole.lowerBound)
      let inTOC = block.map { $0.contains(start) } ?? false
      let afterTOC = block.map { start >= $0.upperBound } ?? false
      headings.append(Heading(level: level, id: id, content: content, inTOC: inTOC, afterTOC: afterTOC))
      out += html[cursor..<start]
      // h1 is the page's title; a heading that already holds a link is left
      // as it is (links do not nest).
      let linked = level >= 2 && !content.contains("<a ") && !inTOC
      out += "<h\(level)\(attributes)>" + (linked ? "<a class=\"anchor\" href=\"#\(id)\">\(content)</a>" : content) + "</h\(level)>"
      cursor = at(m.whole.upperBound)
    }
    out += html[cursor...]
    return fillTOC(out, sections: headings.filter(\.afterTOC))
  }

  /// The string indices of a UTF-16 range (the table of contents' block).
  /// Not `Range(_:in:)`: that one is nil where a bound is not a character
  /// boundary (a marker next to a combining mark), while these are the
  /// exact code unit positions `NSString` uses.
  static func bounds(_ string: String, _ range: NSRange) -> Range<String.Index> {
    let lower = String.Index(utf16Offset: range.location, in: string)
    let upper = string.utf16.index(lower, offsetBy: range.length)
    return lower..<upper
  }

  /// The range of the table of contents' block, if the page has one.
  static func tocBlock(in text: NSString) -> NSRange? {
    let start = text.range(of: tocStart)
    guard start.location != NSNotFound else { return nil }
    let end = text.range(of: tocEnd, range: NSRange(location: start.location, length: text.length - start.location))
    guard end.location != NSNotFound else { return nil }
    return NSRange(location: start.location, length: end.location + end.length - start.location)
  }

  /// Puts the list of sections (the headings after the block) in the
  /// block, or removes the block.
  static func fillTOC(_ html: String, sections after: [Heading]) -> String {
    guard let range = tocBounds(html) else { return html }
    let sections = after.filter { $0.level == 2 }.count
    guard sections >= minimumSections else {
      // The block and the line break after it.
      var end = range.upperBound
      if end < html.endIndex && html.utf8[end] == 10 { end = html.utf8.index(after: end) }
      return String(html[..<range.lowerBound]) + html[end...]
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
    let inner = String(html[range])
      .replacingOccurrences(of: tocStart + "\n", with: "").replacingOccurrences(of: tocStart, with: "")
      .replacingOccurrences(of: "\n" + tocEnd, with: "").replacingOccurrences(of: tocEnd, with: "")
      .replacingOccurrences(of: tocEntries, with: list)
    return String(html[..<range.lowerBound]) + inner + html[range.upperBound...]
  }

  /// The heading's text without tags, spaces collapsed (entities kept: the
  /// result goes back into HTML).
  static func plainText(_ html: String) -> String {
    let stripped = withoutTags(html)
    return stripped.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
  }

  /// An id from a heading's text: letters and digits kept (any script),
  /// lower-cased; every other run of characters becomes one hyphen.
  static func slug(_ text: String) -> String {
    var out = ""
    var pendingHyphen = false
    for c in decodedEntities(text).lowercased() {
      if c.isLetter || c.isNumber {
        if pendingHyphen && !out.isEmpty { out += "-" }
        out.append(c)
        pendingHyphen = false
      } else {
        pendingHyphen = true
      }
    }
    return out.isEmpty ? "section" : out
  }

  /// `base`, or `base-2`, `base-3`, … when taken; the result is recorded.
  static func unique(_ base: String, among used: inout Set<String>) -> String {
    var candidate = base
    var n = 1
    while used.contains(candidate) {
      n += 1
      candidate = "\(base)-\(n)"
    }
    used.insert(candidate)
    return candidate
  }

  /// The few entities the HTML escaper writes, decoded for slugs.
  static func decodedEntities(_ s: String) -> String {
    s.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
      .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'")
      .replacingOccurrences(of: "&amp;", with: "&")
  }
}
