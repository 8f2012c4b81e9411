import Foundation
import LossAtlasAnalysis
import LossAtlasCore
@testable import LossAtlasReport
import Testing

/// Notation in the text of both editions (issue 13, quality): the pages
/// write a view's label, a variable and the math of a summary as the
/// figures and formulas do (ŷ, p₀, −, ≤, δ), never as raw ASCII (`yhat`,
/// `p_0`, `-1`, `<=`, `delta`).
///
/// Three checks: every view of every catalog function has one label,
/// which is what its figure's axis or legend says (model level, both
/// editions); the generated pages' view headings are exactly their
/// figures' axis labels, and no heading or table cell holds `yhat`, `p_0`
/// or an ASCII `<=` (page level, both editions, Markdown and HTML); and the
/// catalog's prose in both strings tables (summaries, parameter and
/// argument texts, figure notes) holds no ASCII math.
@Suite(.serialized) struct NotationInProseTests {
  /// Functions whose pages the issue quoted (softmax, gaussian-nll, huber)
  /// and one of each other kind of view label: several views of one
  /// argument told apart by a legend (hinge, `s (y = +1)`, `s (y = -1)`),
  /// the slices of vector functions (sparsemax, log-softmax), fixed
  /// vectors (triplet-margin, info-nce) and an indexed argument (dice,
  /// `p[0]`).
  static let only = [
    "softmax", "gaussian-nll", "huber", "hinge", "sparsemax", "log-softmax", "triplet-margin", "info-nce", "dice",
  ]

  static let files: [OutputFile] = SmallManual.generate(only: only, languages: [.en, .zh])

  static let byPath = Dictionary(uniqueKeysWithValues: files.map { ($0.path, String(decoding: $0.bytes, as: UTF8.self)) })

  static func prefix(_ language: Language) -> String { language.outputPrefix.isEmpty ? "" : language.outputPrefix + "/" }

  // MARK: Text extraction

  static func matches(_ pattern: String, in text: String) -> [[String]] {
    let re = try! NSRegularExpression(pattern: pattern, options: [.dotMatchesLineSeparators, .anchorsMatchLines])
    return re.matches(in: text, range: NSRange(text.startIndex..., in: text)).map { m in
      (0..<m.numberOfRanges).map { i in Range(m.range(at: i), in: text).map { String(text[$0]) } ?? "" }
    }
  }

  static func unescapeHTML(_ s: String) -> String {
    s.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
      .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'")
      .replacingOccurrences(of: "&amp;", with: "&")
  }

  /// Markdown text as read: backslash escapes dropped, entities decoded.
  static func unescapeMarkdown(_ s: String) -> String {
    var out = ""
    var escaped = false
    for c in s {
      if !escaped && c == "\\" {
        escaped = true
        continue
      }
      escaped = false
      out.append(c)
    }
    return unescapeHTML(out)
  }

  /// The view headings of a function page, in order, without the
  /// edition's "In " / "视图：" around them.
  static func viewHeadings(_ page: String, html: Bool, _ ph: Phrasing) -> [String] {
    let marker = "\u{1}"
    let parts = ph.strings("page.function.view.label", ["view": marker]).components(separatedBy: marker)
    guard parts.count == 2 else { return [] }
    let headings =
      html
      ? matches(#"<h3 id="view-\d+"><a [^>]*>(.*?)</a></h3>"#, in: page).map { unescapeHTML($0[1]) }
      : matches(#"^### (.*?)$"#, in: page).map { unescapeMarkdown($0[1]) }
    return headings.compactMap { h in
      guard h.hasPrefix(parts[0]), h.hasSuffix(parts[1]), h.count >= parts[0].count + parts[1].count else { return nil }
      return String(h.dropFirst(parts[0].count).dropLast(parts[1].count))
    }
  }

  /// What a figure says about its views: each x-axis title read as a view
  /// label ("ŷ   (y = 0)" → "ŷ (y = 0)", "x   (z = [x, 0], …)" → the
  /// slice's label, a bare variable as itself) and, for a bare variable
  /// beside a legend, the variable with each legend entry ("s (y = +1)").
  static func figureLabels(_ svg: String) -> Set<String> {
    let axes = matches(#"<text class="la-axis-label[^"]*"(?![^>]*transform)[^>]*>([^<]*)</text>"#, in: svg).map { unescapeHTML($0[1]) }
    let legends = matches(#"<text class="la-legend-text[^"]*"[^>]*>([^<]*)</text>"#, in: svg).map { unescapeHTML($0[1]) }
    var out: Set<String> = []
    for axis in axes {
      if let r = axis.range(of: "   (") {
        let variable = String(axis[..<r.lowerBound])
        let inside = String(axis[r.upperBound...].dropLast())
        out.insert(variable == "x" && inside.contains("[x") ? inside : "\(variable) (\(inside))")
      } else {
        out.insert(axis)
        // A slice's legend entry is its whole label (the axis says x).
        for legend in legends { out.insert(legend.contains("[x") ? legend : "\(axis) (\(legend))") }
      }
    }
    return out
  }

  /// The headings and table cells of a page, as read (HTML: `<code>`
  /// dropped, since it is a framework's API; Markdown: the conventions
  /// table's call column dropped for the same reason).
  static func headingsAndCells(_ page: String, html: Bool) -> [String] {
    if html {
      let text = page.replacingOccurrences(of: #"<code>.*?</code>"#, with: " ", options: .regularExpression)
      return matches(#"<(h[1-6]|td|th)\b[^>]*>(.*?)</\1>"#, in: text).map {
        unescapeHTML($0[2].replacingOccurrences(of: #"<[^>]*>"#, with: " ", options: .regularExpression))
      }
    }
    var out: [String] = []
    var callColumn = false
    for line in page.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
      if line.hasPrefix("#") { out.append(unescapeMarkdown(line)) }
      guard line.hasPrefix("| ") else {
        callColumn = false
        continue
      }
      var cells = line.dropFirst(2).dropLast(2).components(separatedBy: " | ")
      if cells.count >= 2 && ["call", "调用"].contains(cells[1]) { callColumn = true }
      if callColumn && cells.count >= 2 { cells.remove(at: 1) }
      out += cells.map(unescapeMarkdown)
    }
    return out
  }

  // MARK: Tests

  /// Every view of every catalog function, both editions: the label the
  /// pages print (``ViewNaming/label(_:_:)``) is what the figure's x axis
  /// says (one view of its argument) or the axis's variable with the
  /// view's legend entry (several), and it is typeset.
  @Test func everyViewLabelIsItsFiguresLabel() throws {
    var views = 0
    for language in [Language.en, .zh] {
      let ph = Phrasing(try Strings.edition(language))
      for spec in Catalog.all {
        let all = spec.views(spec.defaultParameters)
        for argument in Set(all.map(\.argument)) {
          let group = all.filter { $0.argument == argument }
          let axis = ViewNaming.axisLabel(group, ph)
          for v in group {
            views += 1
            let label = ViewNaming.label(v.label, ph)
            let fromFigure: String
            if group.count > 1 {
              // Told apart by the legend: a slice's entry is its whole label.
              let legend = ViewNaming.shortLabel(v, ph)
              fromFigure = legend.isEmpty ? axis : (v.label.contains("[x") ? legend : "\(axis) (\(legend))")
            } else if let r = axis.range(of: "   (") {
              let inside = String(axis[r.upperBound...].dropLast())
              fromFigure = v.label.contains("[x") ? inside : "\(axis[..<r.lowerBound]) (\(inside))"
            } else {
              fromFigure = axis
            }
            #expect(label == fromFigure, "\(language) \(spec.id): page “\(label)”, figure “\(axis)”")
            for ascii in ["yhat", "p_0", "<=", ">=", " - ", "(-", "[-", "= -"] {
              #expect(!label.contains(ascii), "\(language) \(spec.id): “\(label)” holds “\(ascii)”")
            }
          }
        }
      }
    }
    #expect(views >= 2 * 70)
    // The issue's examples, by hand from the catalog's labels.
    let en = Phrasing(try Strings.edition(.en))
    let zh = Phrasing(try Strings.edition(.zh))
    #expect(ViewNaming.label("yhat (y = 0)", en) == "ŷ (y = 0)")
    #expect(ViewNaming.label("var (yhat - y = 1)", zh) == "var (ŷ − y = 1)")
    #expect(ViewNaming.label("z = [x, 0], output p_0", en) == "z = [x, 0], output p₀")
    #expect(ViewNaming.label("z = [x, 0], output p_0", zh) == "z = [x, 0]，输出p₀")
    #expect(ViewNaming.label("s (y = -1)", zh) == "s (y = −1)")
  }

  /// The pages of both editions: each view heading is one of its figure's
  /// labels (the same text as the PNG/SVG axis), and no heading or table
  /// cell holds `yhat`, `p_0` or an ASCII `<=`.
  @Test func pagesWriteViewLabelsAsTheirFigures() throws {
    var headings = 0
    var slices = 0
    for language in [Language.en, .zh] {
      let ph = Phrasing(try Strings.edition(language))
      let prefix = Self.prefix(language)
      for id in Self.only {
        let svg = try #require(Self.byPath["\(prefix)html/figures/\(id).svg"], "\(prefix)\(id).svg")
        let labels = Self.figureLabels(svg)
        let spec = try #require(Catalog.all.first { $0.id == id })
        let viewCount = spec.views(spec.defaultParameters).count
        for (path, html) in [("\(prefix)markdown/\(id).md", false), ("\(prefix)html/\(id).html", true)] {
          let page = try #require(Self.byPath[path], "\(path)")
          let found = Self.viewHeadings(page, html: html, ph)
          #expect(found.count == viewCount, "\(path): \(found.count) view headings, \(viewCount) views")
          for h in found {
            headings += 1
            if h.contains("[x") { slices += 1 }
            #expect(labels.contains(h), "\(path): heading “\(h)” is not a label of figures/\(id).svg: \(labels.sorted())")
          }
          for cell in Self.headingsAndCells(page, html: html) {
            for ascii in ["yhat", "p_0", "<="] {
              #expect(!cell.contains(ascii), "\(path): “\(cell.prefix(120))” holds “\(ascii)”")
            }
          }
        }
      }
    }
    #expect(headings >= 2 * 2 * Self.only.count && slices >= 2 * 2 * 2)
    // The headings the issue quoted, now as the figures write them.
    #expect(Self.byPath["markdown/huber.md"]?.contains("### In ŷ (y = 0)\n") == true)
    #expect(Self.byPath["zh/markdown/gaussian-nll.md"]?.contains("### 视图：var (ŷ − y = 1)\n") == true)
    #expect(Self.byPath["zh/markdown/softmax.md"]?.contains("### 视图：z = \\[x, 0\\]，输出p₀\n") == true)
    #expect(Self.byPath["zh/html/hinge.html"]?.contains(">视图：s (y = −1)</a></h3>") == true)
  }

  /// The precision table and the textbook-formula bullets speak of the
  /// primary view's variable as its figure's x axis names it ("ŷ → ∞",
  /// "from ŷ = 256", "first at s = 17.34"), not of an x the figure does not
  /// have; both editions, Markdown.
  @Test func precisionAndNaiveTextUseTheFiguresVariable() throws {
    var checked = 0
    var notX = 0
    for language in [Language.en, .zh] {
      let prefix = Self.prefix(language)
      for id in Self.only {
        let svg = try #require(Self.byPath["\(prefix)html/figures/\(id).svg"], "\(prefix)\(id).svg")
        let axis = try #require(
          Self.matches(#"<text class="la-axis-label[^"]*"(?![^>]*transform)[^>]*>([^<]*)</text>"#, in: svg).first)[1]
        let variable = Self.unescapeHTML(axis).components(separatedBy: "   (")[0]
        let path = "\(prefix)markdown/\(id).md"
        let page = try #require(Self.byPath[path], "\(path)")
        var inPrecision = false
        for line in page.split(separator: "\n").map({ Self.unescapeMarkdown(String($0)) }) {
          if line.hasPrefix("## ") { inPrecision = line.contains("Float16") }
          // The precision section's table rows and "from ŷ = …" cells, and
          // the textbook-formula bullets ("…, toward ŷ → ∞: overflows first
          // at ŷ = …"), wherever they stand.
          var named: [String] = []
          if inPrecision && line.hasPrefix("| ") {
            named += Self.matches(#"^\| ([^\s|]+) → "#, in: line).map { $0[1] }
            named += Self.matches(#"(?:from |从)([^\s=]+) = "#, in: line).map { $0[1] }
          }
          if line.hasPrefix("- ") {
            named += Self.matches(#"(?:, toward |，趋向)([^\s]+) → "#, in: line).map { $0[1] }
            named += Self.matches(#"(?:first at |首次在)([^\s=]+) = "#, in: line).map { $0[1] }
          }
          for v in named {
            checked += 1
            if v != "x" { notX += 1 }
            #expect(v == variable, "\(path): “\(line.prefix(160))” names \(v), the figure's axis \(variable)")
          }
        }
      }
    }
    // Enough statements read, and some in a variable other than x
    // (gaussian-nll and huber in ŷ, hinge in s).
    #expect(checked >= 40 && notX >= 10, "\(checked) statements, \(notX) not in x")
  }

  /// ASCII math in catalog prose, with what to write instead.
  static let asciiMath: [(pattern: String, instead: String)] = [
    (#"<=|>=|!=|->"#, "≤, ≥, ≠, →"),
    (#"(?<![A-Za-z])yhat(?![A-Za-z])"#, "ŷ"),
    (#"(?<![A-Za-z])(alpha|beta|gamma|delta|epsilon|eps|lambda|tau|mu|sigma|phi|Phi|pi)(?![A-Za-z])"#, "the Greek letter"),
    (#"sqrt"#, "√"),
    (#"\^"#, "a superscript or exp(…)"),
    (#" \* "#, "·"),
    (#"(?<![A-Za-z])-?inf(?![A-Za-z])"#, "∞"),
    (#"[A-Za-z]_[0-9ijkt](?![A-Za-z0-9])|sum_"#, "a subscript (p₀, zᵢ, Σⱼ)"),
    (#" - |(^|[\s(\[,=：，；（])-(?=[0-9(])"#, "the minus sign −"),
  ]

  /// The catalog's prose in both editions: every function's summary,
  /// parameter and argument texts and figure notes (not its implementation
  /// note or framework conventions, which quote code).
  @Test func catalogProseHoldsNoASCIIMath() throws {
    var checked = 0
    for language in [Language.en, .zh] {
      let strings = try Strings.edition(language)
      for spec in Catalog.all {
        let keys = [FunctionText.key(spec.id, "summary")]
          + spec.parameters.map { FunctionText.parameterKey(spec.id, $0.name) }
          + spec.arguments.map { FunctionText.argumentKey(spec.id, $0.name) }
          + strings.table.keys.filter { $0.hasPrefix(FunctionText.key(spec.id, "figure.")) }.sorted()
        for key in keys {
          guard let text = strings.table[key] else { continue }
          checked += 1
          for (pattern, instead) in Self.asciiMath where text.range(of: pattern, options: .regularExpression) != nil {
            Issue.record("\(language) \(key): “\(text)” holds ASCII math /\(pattern)/: write \(instead)")
          }
        }
      }
    }
    #expect(checked >= 2 * 70 * 2)
  }

  /// The detector finds each kind of fragment and passes typeset text,
  /// names and identifiers.
  @Test func detectorWorks() {
    func flagged(_ s: String) -> Bool { Self.asciiMath.contains { s.range(of: $0.pattern, options: .regularExpression) != nil } }
    for bad in [
      "|r| <= delta", "x >= 0", "j != k", "beta -> inf", "yhat - y", "sqrt(b)", "x^2", "lambda * elu", "p_0", "sum_j",
      "(-1, 1)", "1 - p", "-inf", "sigma(b)",
    ] {
      #expect(flagged(bad), "\(bad)")
    }
    for good in [
      "|r| ≤ δ", "x ≥ 0", "j ≠ k", "β → ∞", "ŷ − y", "√b", "x²", "λ · elu", "p₀", "Σⱼ", "(−1, 1)", "1 − p", "−∞", "σ(b)",
      "Geman-McClure", "gelu-tanh", "poly_loss_cross_entropy", "sigmoid", "Fast R-CNN", "5×10⁻⁴", "exp(−ys)",
    ] {
      #expect(!flagged(good), "\(good)")
    }
  }
}
