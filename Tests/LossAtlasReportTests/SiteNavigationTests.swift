import Foundation
import LossAtlasAnalysis
import LossAtlasCore
@testable import LossAtlasReport
import Testing

/// The published site as a reader moves around it (issue 12, items 7, 8, 9
/// and 11), checked by parsing what the generator wrote (the manual of
/// ManualTests): every heading has an id and links to itself, every
/// internal link lands on a page and an id that exist, the long pages have
/// a table of contents, the search index lists every function, alias,
/// property and erratum and points at real places, the data files are
/// written and linked, and the Markdown folder has a README.
@Suite(.serialized) struct SiteNavigationTests {
  static let htmlPages = ManualTests.files.filter { $0.path.hasSuffix(".html") }
    .map { (path: $0.path, text: String(decoding: $0.bytes, as: UTF8.self)) }

  static func matches(_ pattern: String, in text: String, group: Int = 1) -> [String] {
    let re = try! NSRegularExpression(pattern: pattern, options: [.dotMatchesLineSeparators])
    return re.matches(in: text, range: NSRange(text.startIndex..., in: text)).compactMap {
      Range($0.range(at: group), in: text).map { String(text[$0]) }
    }
  }

  /// Every id="..." of a page.
  static func ids(_ text: String) -> [String] { matches(#"\sid="([^"]*)""#, in: text) }

  @Test("every heading has an id, unique on its page, and every section heading links to itself")
  func headingsHaveAnchors() {
    var headings = 0
    for page in Self.htmlPages {
      let ids = Self.ids(page.text)
      #expect(Set(ids).count == ids.count, "\(page.path): duplicate ids \(Dictionary(grouping: ids, by: { $0 }).filter { $1.count > 1 }.keys.sorted())")
      let heading = try! NSRegularExpression(pattern: #"<h([1-6])([^>]*)>(.*?)</h\1>"#, options: [.dotMatchesLineSeparators])
      let text = page.text
      for m in heading.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
        let level = Int(text[Range(m.range(at: 1), in: text)!])!
        let attributes = String(text[Range(m.range(at: 2), in: text)!])
        let content = String(text[Range(m.range(at: 3), in: text)!])
        let id = Self.matches(#"id="([^"]+)""#, in: attributes).first
        #expect(id != nil, "\(page.path): <h\(level)> without an id: \(content.prefix(60))")
        guard let id, level >= 2 else { continue }
        // The table of contents' own label is a <summary>, not a heading.
        headings += 1
        #expect(
          content.hasPrefix("<a class=\"anchor\" href=\"#\(id)\">") && content.hasSuffix("</a>"),
          "\(page.path): <h\(level) id=\"\(id)\"> does not link to itself: \(content.prefix(80))")
      }
    }
    // 48 function pages with at least 8 sections each.
    #expect(headings > 48 * 8)
  }

  @Test("every internal link lands on a generated page and, with a #fragment, on an id of that page")
  func internalLinksResolve() throws {
    let idsByPage = Dictionary(uniqueKeysWithValues: Self.htmlPages.map { ($0.path, Set(Self.ids($0.text))) })
    var fragments = 0
    for page in Self.htmlPages {
      for target in Self.matches(#"<a\s[^>]*?href="([^"]*)""#, in: page.text) {
        if target.contains("://") { continue }
        let parts = target.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
        let file = parts[0].isEmpty ? page.path : ManualTests.resolve(parts[0], from: page.path)
        #expect(ManualTests.byPath[file] != nil, "\(page.path) links to \(target): no such file")
        guard parts.count == 2 else { continue }
        fragments += 1
        #expect(idsByPage[file]?.contains(parts[1]) == true, "\(page.path) links to \(target): no id \(parts[1]) there")
      }
    }
    #expect(fragments > 1000)
  }

  @Test("the long pages have a table of contents listing their sections; short pages have none")
  func tableOfContents() throws {
    for page in Self.htmlPages {
      let sections = Self.matches(#"<h2 id="([^"]+)">"#, in: page.text)
      let toc = Self.matches(#"<nav class="toc"[^>]*>(.*?)</nav>"#, in: page.text).first
      #expect(!page.text.contains("<!--toc"), "\(page.path): a table-of-contents marker was left")
      if sections.count >= PageOutline.minimumSections {
        let block = try #require(toc, "\(page.path): \(sections.count) sections and no table of contents")
        let listed = Self.matches(##"<li><a href="#([^"]+)">"##, in: block)
        for id in sections { #expect(listed.contains(id), "\(page.path): section \(id) is not in the table of contents") }
      } else {
        #expect(toc == nil, "\(page.path): a table of contents for \(sections.count) sections")
      }
    }
    for path in ["html/index.html", "html/methods.html", "html/errata.html", "html/huber.html"] {
      #expect(ManualTests.text(path)?.contains("<nav class=\"toc\"") == true, "\(path) has no table of contents")
    }
  }

  @Test("the errata's verdict table links each of A01-A27 to its section")
  func errataVerdictLinks() throws {
    let html = try #require(ManualTests.text("html/errata.html"))
    let md = try #require(ManualTests.text("markdown/errata.md"))
    for i in 1...27 {
      let id = String(format: "A%02d", i)
      #expect(html.contains("<tr><th scope=\"row\"><a href=\"#\(id)\">\(id)</a></th>"), "\(id): HTML verdict row")
      #expect(html.contains("<h2 id=\"\(id)\">"), "\(id): HTML section")
      #expect(md.contains("| [\(id)](#\(id)) |"), "\(id): Markdown verdict row")
      #expect(md.contains("<a id=\"\(id)\"></a>\n\n## \(id) · "), "\(id): Markdown anchor")
    }
  }

  @Test("every page has the search box, loads the index and search.js, and links to the repository")
  func searchBoxAndRepository() {
    for page in Self.htmlPages {
      #expect(page.text.contains("<form class=\"search\" id=\"search\" role=\"search\" hidden"), "\(page.path): search form")
      #expect(page.text.contains("<input id=\"search-input\" type=\"search\""), "\(page.path): search input")
      #expect(page.text.contains("<script src=\"search-index.js\" defer></script>"), "\(page.path): search index")
      #expect(page.text.contains("<script src=\"search.js\" defer></script>"), "\(page.path): search script")
      #expect(page.text.contains("<a class=\"repo\" href=\"\(SitePages.repository)\">"), "\(page.path): repository link")
    }
    #expect(ManualTests.byPath["html/search.js"] != nil)
    // search.js fetches nothing (file:// forbids it) and every word it shows
    // comes from the form's data attributes.
    let script = ManualTests.text("html/search.js") ?? ""
    for call in ["fetch(", "XMLHttpRequest", "import("] { #expect(!script.contains(call), "search.js uses \(call)") }
  }

  /// The search index as search.js reads it: the array after
  /// `window.lossAtlasSearch =`, parsed as JSON.
  static func searchIndex() throws -> [[String: Any]] {
    let text = try #require(ManualTests.text(SearchIndex.path))
    let start = try #require(text.range(of: "window.lossAtlasSearch = "))
    var json = String(text[start.upperBound...]).trimmingCharacters(in: .whitespacesAndNewlines)
    #expect(json.hasSuffix(";"))
    json.removeLast()
    return try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[String: Any]])
  }

  @Test("the search index lists every function id and alias, every property, page and erratum, each at a real place")
  func searchIndexIsComplete() throws {
    let entries = try Self.searchIndex()
    func terms(_ kind: String) -> [String: String] {
      var out: [String: String] = [:]
      for e in entries where e["kind"] as? String == kind {
        for t in e["terms"] as? [String] ?? [] { out[t] = e["url"] as? String }
      }
      return out
    }
    let functions = terms("function")
    for spec in Catalog.all {
      #expect(functions[spec.id] == "\(spec.id).html", "\(spec.id)")
      #expect(functions[spec.name] == "\(spec.id).html", "\(spec.name)")
      for alias in spec.aliases { #expect(functions[alias] == "\(spec.id).html", "\(spec.id): alias \(alias)") }
    }
    let properties = terms("property")
    for d in PropertyDefinitions.all(tau: 1e-6) {
      #expect(properties[d.name] == "methods.html#property-\(d.name)", "property \(d.name)")
    }
    let errata = terms("erratum")
    for i in 1...27 {
      let id = String(format: "A%02d", i)
      #expect(errata[id] == "errata.html#\(id)", "\(id)")
    }
    #expect(Set(terms("page").values) == Set(SitePages.main.map { "\($0.page).html" }))
    // Every place the index opens exists: the page, and its id.
    let idsByPage = Dictionary(uniqueKeysWithValues: Self.htmlPages.map { ($0.path, Set(Self.ids($0.text))) })
    for e in entries {
      let url = try #require(e["url"] as? String)
      let parts = url.split(separator: "#", maxSplits: 1).map(String.init)
      let ids = idsByPage["html/" + parts[0]]
      #expect(ids != nil, "search index: \(url) is not a page")
      if parts.count == 2 { #expect(ids?.contains(parts[1]) == true, "search index: \(url) has no such id") }
    }
  }

  @Test("html/data holds catalog.json, properties.json and every sweep, linked from the index and each function page")
  func dataShipsWithTheSite() throws {
    for path in ["html/data/catalog.json", "html/data/properties.json"] {
      let file = try #require(ManualTests.byPath[path], "\(path)")
      #expect(try JSONSerialization.jsonObject(with: Data(file.bytes)) is [String: Any], "\(path) parses")
    }
    let index = try #require(ManualTests.text("html/index.html"))
    let indexMD = try #require(ManualTests.text("markdown/index.md"))
    for name in ["catalog.json", "properties.json"] {
      #expect(index.contains("<a href=\"data/\(name)\">"), "index.html links \(name)")
      #expect(indexMD.contains("(../html/data/\(name))"), "index.md links \(name)")
    }
    for id in Catalog.ids {
      let csv = try #require(ManualTests.text("html/data/sweeps/\(id).csv"), "\(id).csv")
      #expect(csv.split(separator: "\n").count > 100, "\(id).csv: a header and the points")
      let page = try #require(ManualTests.text("html/\(id).html"))
      #expect(page.contains("<a href=\"data/sweeps/\(id).csv\" download>"), "\(id).html links its sweep")
      #expect(page.contains("<a href=\"data/catalog.json\">") && page.contains("<a href=\"data/properties.json\">"), "\(id).html")
      let md = try #require(ManualTests.text("markdown/\(id).md"))
      #expect(md.contains("(../html/data/sweeps/\(id).csv)"), "\(id).md links its sweep")
    }
    // Nothing is written to the old place.
    #expect(!ManualTests.files.contains { $0.path.hasPrefix("data/") })
  }

  @Test("the index tables name the view and parameters they show and keep no column that is always —")
  func indexTables() throws {
    let html = try #require(ManualTests.text("html/index.html"))
    let tables = Self.matches(#"<table>(.*?)</table>"#, in: html)
    #expect(tables.count == Family.allCases.count)
    for table in tables {
      let header = Self.matches(#"<th scope="col">(.*?)</th>"#, in: table)
      let rows = Self.matches(#"<tr><th scope="row">(.*?)</tr>"#, in: table)
      #expect(!rows.isEmpty)
      let cells = rows.map { Self.matches(#"<td>(.*?)</td>"#, in: $0) }
      for row in cells { #expect(row.count == header.count - 1, "a row has \(row.count) cells for \(header.count - 1) columns") }
      for j in 0..<(header.count - 1) {
        #expect(cells.contains { $0[j] != "—" }, "column \(header[j + 1]) is — in every row")
      }
    }
    // A loss table says which view it shows; the activations say they are
    // the whole function.
    #expect(html.contains("<th scope=\"col\">view shown</th>"))
    #expect(html.contains("Each activation has one argument, so these are properties of the whole function"))
    // Every family heading is a target (the table of contents links it).
    for family in Family.allCases { #expect(html.contains("<h2 id=\"\(family.rawValue)\">"), "\(family.rawValue)") }
  }

  @Test("the Markdown folder's README.md is its front page")
  func markdownReadme() throws {
    let readme = try #require(ManualTests.byPath["markdown/README.md"])
    let index = try #require(ManualTests.byPath["markdown/index.md"])
    #expect(readme.bytes == index.bytes)
  }

  @Test("the stylesheet: tables scroll, piecewise braces stretch, cases align left, dark mode has its colours")
  func stylesheet() throws {
    let css = try #require(ManualTests.text("html/style.css"))
    #expect(css.contains(".table-wrap {\n  overflow-x: auto;"))
    #expect(css.contains("\"DejaVu Math TeX Gyre\""))
    #expect(css.range(of: #"math \{[^}]*, math;\s*\}"#, options: .regularExpression) != nil, "math falls back to the system's math font")
    #expect(css.contains("mtd { text-align: left; }"))
    #expect(css.contains("@media (prefers-color-scheme: dark)"))
    // Every piecewise formula is a left-aligned table the rule selects.
    let huber = try #require(ManualTests.text("html/huber.html"))
    #expect(huber.contains("<mtable columnalign=\"left"))
  }
}

/// The outline pass on small pages written for the test.
@Suite struct PageOutlineTests {
  static func page(_ body: String) -> String {
    "<h1 id=\"title\">T</h1>\n<!--toc-->\n<nav class=\"toc\"><!--toc-entries--></nav>\n<!--/toc-->\n" + body
  }

  @Test("a heading without an id gets one from its text, unique on the page")
  func slugs() {
    let out = PageOutline.apply(Self.page("<h2>Edge cases</h2>\n<h2>Edge cases</h2>\n<h3>f′ &amp; f″</h3>"))
    #expect(out.contains("<h2 id=\"edge-cases\"><a class=\"anchor\" href=\"#edge-cases\">Edge cases</a></h2>"))
    #expect(out.contains("<h2 id=\"edge-cases-2\">"))
    #expect(out.contains("<h3 id=\"f-f\">"))
    #expect(PageOutline.slug("Précision: Float16") == "précision-float16")
    #expect(PageOutline.slug("——") == "section")
  }

  @Test("three sections get a nested table of contents; two get none and no marker is left")
  func toc() {
    let long = PageOutline.apply(Self.page("<h2 id=\"a\">A</h2>\n<h3 id=\"a1\">A1</h3>\n<h2 id=\"b\">B</h2>\n<h2 id=\"c\">C <code>x</code></h2>"))
    #expect(long.contains("<nav class=\"toc\"><ol>\n<li><a href=\"#a\">A</a>\n<ol>\n<li><a href=\"#a1\">A1</a></li>\n</ol></li>\n<li><a href=\"#b\">B</a></li>\n<li><a href=\"#c\">C x</a></li>\n</ol></nav>"))
    #expect(!long.contains("<!--"))
    let short = PageOutline.apply(Self.page("<h2 id=\"a\">A</h2>\n<h2 id=\"b\">B</h2>"))
    #expect(!short.contains("toc"))
    #expect(short.hasPrefix("<h1 id=\"title\">T</h1>\n<h2 id=\"a\">"))
  }

  @Test("a heading that holds a link keeps it (links do not nest); h1 is not linked")
  func existingLinks() {
    let out = PageOutline.apply("<h1 id=\"t\">T</h1>\n<h2 id=\"x\"><a href=\"y.html\">Y</a></h2>")
    #expect(out == "<h1 id=\"t\">T</h1>\n<h2 id=\"x\"><a href=\"y.html\">Y</a></h2>")
  }
}
