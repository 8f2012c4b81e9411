import Foundation
#if canImport(FoundationXML)
  import FoundationXML
#endif
import LossAtlasAnalysis
import LossAtlasCore
@testable import LossAtlasReport
import TestSupport
import Testing

/// The generated manual, parsed: every page exists, every link and image
/// resolves, the HTML is balanced and accessible, and the errata covers
/// A01...A27. The manual is generated once for the suite.
@Suite(.serialized) struct ManualTests {
  /// Every function's pages, English (SmallManual's coarser sampling).
  static let files: [OutputFile] = SmallManual.generate()

  static let byPath: [String: OutputFile] = Dictionary(uniqueKeysWithValues: files.map { ($0.path, $0) })

  static func text(_ path: String) -> String? { byPath[path].map { String(decoding: $0.bytes, as: UTF8.self) } }

  /// A relative link's target as an output path: `../html/data/x.json`
  /// from `markdown/index.md` is `html/data/x.json`.
  static func resolve(_ target: String, from page: String) -> String {
    var parts = page.split(separator: "/").dropLast().map(String.init)
    for part in target.split(separator: "/") {
      if part == ".." { if !parts.isEmpty { parts.removeLast() } } else if part != "." { parts.append(String(part)) }
    }
    return parts.joined(separator: "/")
  }

  @Test("every function has its Markdown and HTML page and its sweep")
  func everyFunctionHasPages() {
    for id in Catalog.ids {
      #expect(Self.byPath["markdown/\(id).md"] != nil, "\(id).md")
      #expect(Self.byPath["html/\(id).html"] != nil, "\(id).html")
      #expect(Self.byPath["html/data/sweeps/\(id).csv"] != nil, "\(id).csv")
    }
    for page in [
      "index", "methods", "errata", "compare-activations", "compare-margin-losses", "compare-regression-losses", "gradient-depth",
      "compare-shrink", "compare-glu-variants", "compare-softmax-sparsemax", "compare-cross-entropy-variants",
    ] {
      #expect(Self.byPath["markdown/\(page).md"] != nil && Self.byPath["html/\(page).html"] != nil, "\(page)")
    }
    #expect(Self.byPath["html/style.css"] != nil)
  }

  @Test("every Markdown link and image resolves to a generated file")
  func markdownLinks() throws {
    let pattern = try NSRegularExpression(pattern: #"!?\[[^\]]*\]\(([^)\s]+)\)"#)
    var checked = 0
    for f in Self.files where f.path.hasSuffix(".md") {
      let text = String(decoding: f.bytes, as: UTF8.self)
      for m in pattern.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
        let target = String(text[Range(m.range(at: 1), in: text)!])
        if target.hasPrefix("http://") || target.hasPrefix("https://") || target.hasPrefix("#") { continue }
        let path = Self.resolve(target.split(separator: "#").first.map(String.init) ?? target, from: f.path)
        checked += 1
        #expect(Self.byPath[path] != nil, "\(f.path) links to \(target), which was not generated")
      }
    }
    #expect(checked > 400)
  }

  @Test("every HTML href and src resolves; nothing is fetched from the network")
  func htmlLinks() throws {
    let attribute = try NSRegularExpression(pattern: #"<(\w+)[^>]*?\s(href|src|srcset)="([^"]*)""#)
    var checked = 0
    for f in Self.files where f.path.hasSuffix(".html") {
      let text = String(decoding: f.bytes, as: UTF8.self)
      for m in attribute.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
        let tag = String(text[Range(m.range(at: 1), in: text)!])
        let kind = String(text[Range(m.range(at: 2), in: text)!])
        let target = String(text[Range(m.range(at: 3), in: text)!])
        if target.hasPrefix("http://") || target.hasPrefix("https://") || target.hasPrefix("//") {
          // Only plain links to cited works may leave the manual.
          #expect(tag == "a" && kind == "href", "\(f.path): <\(tag) \(kind)=\"\(target)\"> loads a network resource")
          continue
        }
        if target.hasPrefix("#") { continue }
        let path = "html/" + (target.split(separator: "#").first.map(String.init) ?? target)
        checked += 1
        #expect(Self.byPath[path] != nil, "\(f.path) refers to \(target), which was not generated")
      }
    }
    #expect(checked > 500)
  }

  /// Charts on the web: each figure is a <picture> whose sources are the
  /// narrow SVG for phones (max-width 40rem) and the SVG, with the PNG as
  /// the <img> fallback; every SVG is XML with the dark scheme in it, the
  /// narrow one 480 points wide; Markdown keeps the PNG.
  @Test("HTML figures: <picture> with narrow and wide SVG sources and the PNG fallback; the SVGs parse")
  func htmlFigures() throws {
    let picture = try NSRegularExpression(
      pattern: #"<picture>\n<source media="\(max-width: 40rem\)" srcset="(figures/[a-z0-9-]+)-narrow\.svg" type="image/svg\+xml">\n<source srcset="(figures/[a-z0-9-]+)\.svg" type="image/svg\+xml">\n<img src="(figures/[a-z0-9-]+)\.png" alt="[^"]+" width="800" height="(500|620|860)" loading="lazy">\n</picture>"#)
    var stems = Set<String>()
    for f in Self.files where f.path.hasSuffix(".html") {
      let text = String(decoding: f.bytes, as: UTF8.self)
      let matches = picture.matches(in: text, range: NSRange(text.startIndex..., in: text))
      #expect(matches.count == text.components(separatedBy: "<figure>").count - 1, "\(f.path): every figure is a <picture>")
      for m in matches {
        let parts = (1...3).map { String(text[Range(m.range(at: $0), in: text)!]) }
        #expect(Set(parts).count == 1, "\(f.path): \(parts)")
        stems.insert(parts[0])
      }
    }
    #expect(stems.count > 70)
    for stem in stems.sorted() {
      for (suffix, width) in [(".svg", "width=\"800\""), ("-narrow.svg", "width=\"480\"")] {
        guard let svg = Self.text("html/\(stem)\(suffix)") else {
          Issue.record("html/\(stem)\(suffix) was not generated")
          continue
        }
        #expect(svg.hasPrefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg "), "\(stem)\(suffix)")
        #expect(svg.contains(width) && svg.contains("@media (prefers-color-scheme:dark)"), "\(stem)\(suffix)")
        let parser = XMLParser(data: Data(svg.utf8))
        #expect(parser.parse(), "\(stem)\(suffix): \(String(describing: parser.parserError))")
      }
      #expect(Self.byPath["markdown/\(stem).svg"] == nil, "Markdown keeps the PNG alone")
    }
  }

  @Test("HTML is balanced, headings are in order, images have alt text, tables have headers")
  func htmlStructure() throws {
    let void: Set<String> = ["meta", "link", "img", "br", "hr", "input", "mspace", "col", "source"]
    let tagPattern = try NSRegularExpression(pattern: #"<(/?)([a-zA-Z][a-zA-Z0-9]*)([^>]*?)(/?)>"#)
    for f in Self.files where f.path.hasSuffix(".html") {
      let text = String(decoding: f.bytes, as: UTF8.self)
      #expect(text.hasPrefix("<!DOCTYPE html>\n<html lang=\"en\">"), "\(f.path): doctype and lang")
      var stack: [String] = []
      var headings: [Int] = []
      var problems: [String] = []
      for m in tagPattern.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
        let closing = !(Range(m.range(at: 1), in: text).map { text[$0].isEmpty } ?? true)
        let name = text[Range(m.range(at: 2), in: text)!].lowercased()
        let attributes = String(text[Range(m.range(at: 3), in: text)!])
        let selfClosing = !(Range(m.range(at: 4), in: text).map { text[$0].isEmpty } ?? true)
        if name.count == 2, name.hasPrefix("h"), let level = Int(name.dropFirst()), !closing { headings.append(level) }
        if name == "img" {
          let alt = attributes.range(of: #"alt="[^"]+""#, options: .regularExpression)
          if alt == nil { problems.append("img without alt text: \(attributes)") }
        }
        if void.contains(name) || selfClosing { continue }
        if closing {
          guard stack.last == name else {
            problems.append("</\(name)> closes <\(stack.last ?? "nothing")>")
            break
          }
          stack.removeLast()
        } else {
          stack.append(name)
        }
      }
      #expect(stack.isEmpty, "\(f.path): unclosed \(stack)")
      #expect(problems.isEmpty, "\(f.path): \(problems.prefix(3))")
      #expect(headings.first == 1 && headings.filter { $0 == 1 }.count == 1, "\(f.path): one h1, first")
      for (a, b) in zip(headings, headings.dropFirst()) where b > a + 1 {
        Issue.record("\(f.path): heading level jumps from h\(a) to h\(b)")
      }
      let tables = text.components(separatedBy: "<table").count - 1
      let headed = text.components(separatedBy: "<thead>").count - 1
      #expect(tables == headed, "\(f.path): \(tables - headed) tables without a header row")
    }
  }

  @Test("the errata covers A01 to A27, each with a verdict and a correction")
  func errataCoverage() throws {
    let html = try #require(Self.text("html/errata.html"))
    let md = try #require(Self.text("markdown/errata.md"))
    for i in 1...27 {
      let id = String(format: "A%02d", i)
      #expect(html.contains("<section class=\"erratum\" aria-labelledby=\"\(id)\">\n<h2 id=\"\(id)\">"), "\(id) in HTML")
      #expect(md.contains("## \(id) · "), "\(id) in Markdown")
    }
    #expect(html.components(separatedBy: "<strong>What is right.</strong>").count - 1 == 27)
    // Evidence rows carry numbers computed in the run, e.g. bce(0.9) =
    // -ln 0.9 = 0.1053605..., printed by the reader formatter.
    #expect(html.contains("0.105361"))
  }

  @Test("formulas: LaTeX in Markdown, MathML in HTML, from the same tree")
  func formulas() throws {
    let md = try #require(Self.text("markdown/sigmoid.md"))
    let html = try #require(Self.text("html/sigmoid.html"))
    let f = try Catalog.function(named: "sigmoid").formula
    #expect(md.contains("$$\nf(x) = \(f.value.latex)\n$$"))
    #expect(html.contains(f.value.mathml))
    #expect(!html.contains("$$"))
  }

  @Test("a gated unit's page prints f(a, b), both partial derivatives and the Hessian matrix from its tree")
  func hessianOnThePage() throws {
    let md = try #require(Self.text("markdown/glu.md"))
    let html = try #require(Self.text("html/glu.html"))
    let f = try Catalog.function(named: "glu").formula
    let h = try #require(f.hessian)
    #expect(md.contains("$$\nf(a, b) = \(f.value.latex)\n$$"))
    #expect(md.contains("$$\n\\frac{\\partial f}{\\partial b} = \(f.derivatives[1].expr.latex)\n$$"))
    let rows = h.map { $0.map(\.latex).joined(separator: " & ") }.joined(separator: " \\\\ ")
    #expect(md.contains("$$\n\\nabla^2 f(a, b) = \\begin{pmatrix} \(rows) \\end{pmatrix}\n$$"))
    #expect(html.contains("<mtable><mtr><mtd>\(h[0][0].mathml)</mtd><mtd>\(h[0][1].mathml)</mtd></mtr>"))
    // A property section per view: in b at a = 1, -1, 2 and in a at b = 1, -1
    // (headed as the figure's axis and legend write them: the minus sign).
    #expect(md.contains("In a (b = −1)") && md.contains("In b (a = 2)"))
  }

  /// The render budget (issue 9: a template that loops for ever is
  /// stopped) is at least 100 times what the manual's pages use.
  @Test func renderBudgetIsFarAboveTheManual() {
    _ = Self.files
    let peak = RenderBudget.peak
    #expect(peak.lookups > 0)
    #expect(peak.lookups * 100 < RenderBudget.maxLookups, "\(peak)")
    #expect(peak.bytes * 100 < RenderBudget.maxBytes, "\(peak)")
  }

  /// Every page and figure of the manual that is not a function's own is
  /// known to ManualNames (the early check of `--functions` ids): a user
  /// function named after it is refused before any analysis. A precision
  /// figure is known as that function's.
  @Test("every page and figure name that is not a function id is one ManualNames refuses")
  func ownNamesKnown() {
    let ids = Set(Catalog.ids)
    var checked = 0
    for file in Self.files where !file.path.hasPrefix("html/data/") {
      let name = String(file.path.split(separator: "/").last ?? "")
      guard [".md", ".html", ".png", ".svg"].contains(where: { name.hasSuffix($0) }) else { continue }
      let stem = String(name.prefix { $0 != "." })
      guard !ids.contains(stem) else { continue }
      checked += 1
      guard let clash = ManualNames.clash(id: stem, formats: ManualFormat.allCases, languages: [.en]) else {
        Issue.record("\(file.path): the id '\(stem)' is not refused before the analysis")
        continue
      }
      if stem.hasPrefix("precision-") {
        // figures/precision-<id>.png, .svg and -narrow.svg.
        let figure = stem.hasSuffix("-narrow") ? String(stem.dropLast("-narrow".count)) : stem
        #expect(clash.precisionOf == String(figure.dropFirst("precision-".count)), "\(file.path)")
      }
      #expect(Self.byPath[clash.path] != nil, "\(file.path): the clash names \(clash.path), which the manual does not write")
    }
    // The fixed pages (12 in each format, README), the comparison, family,
    // surface, depth, gain and precision figures (PNG in both folders, SVG
    // in html/) and every figure's narrow SVG: 289 files in the committed
    // output/ (47 such figures of 123).
    #expect(checked >= 250, "\(checked)")
  }

  @Test("user text is escaped: Markdown table cells and HTML")
  func escaping() {
    #expect(MarkdownContentType().escapeText("a|b *c* <d>") == "a\\|b \\*c\\* &lt;d&gt;")
    let md = Self.text("markdown/index.md") ?? ""
    #expect(md.contains("max \\|f′\\|"))
  }

  @Test("two runs give byte-identical files")
  func deterministic() throws {
    var options = ManualOptions(templates: try TemplateSet.embedded())
    options.only = ["sigmoid", "hinge", "huber"]
    options.samples = 4001
    options.primarySamples = 20_001
    // Two seeds on one thread or two: the simulation must not depend on it.
    options.gainSimulation = GainSimulation.Settings(width: 32, depth: 10, seeds: [1, 2])
    let a = try ManualGenerator.generate(options, figures: ManualFigureSource.build)
    options.jobs = 1
    let b = try ManualGenerator.generate(options, figures: ManualFigureSource.build)
    #expect(a.map(\.path) == b.map(\.path))
    for (x, y) in zip(a, b) where x.bytes != y.bytes {
      Issue.record("\(x.path) differs between runs")
    }
  }
}
