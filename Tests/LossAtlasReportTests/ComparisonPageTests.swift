import Foundation
import LossAtlasAnalysis
import LossAtlasCharts
import LossAtlasCore
@testable import LossAtlasReport
import TestSupport
import Testing

/// The comparison pages of issue 10 section 2 (shrink functions, GLU
/// variants, softmax against sparsemax, cross-entropy and its variants),
/// read from the manual ManualTests generated. Each key fact the pages print
/// is recomputed here independently: from the catalog's definitions written
/// out in the test, by bisection on representable numbers, or by direct
/// evaluation; none is copied from the code's output.
@Suite(.serialized) struct ComparisonPageTests {
  static let pages = [
    (ShrinkComparison.page, ShrinkComparison.members), (GLUComparison.page, GLUComparison.members),
    (SoftmaxSparsemaxComparison.page, SoftmaxSparsemaxComparison.members),
    (CrossEntropyComparison.page, CrossEntropyComparison.members),
  ]

  static func markdown(_ page: String) throws -> String { try #require(ManualTests.text("markdown/\(page).md"), "\(page).md") }

  /// A number as ``Readable/number(_:digits:)`` prints it: a real minus,
  /// `m×10ⁿ` or `10ⁿ` for small and large magnitudes, `∞`.
  static func parse(_ text: String) -> Double? {
    var t = text.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "−", with: "-")
    if t == "∞" { return .infinity }
    if t == "-∞" { return -.infinity }
    let superscripts: [Character: Character] = [
      "⁰": "0", "¹": "1", "²": "2", "³": "3", "⁴": "4", "⁵": "5", "⁶": "6", "⁷": "7", "⁸": "8", "⁹": "9", "⁻": "-",
    ]
    guard let ten = t.range(of: "10", options: .backwards), t[ten.upperBound...].allSatisfy({ superscripts[$0] != nil }),
      !t[ten.upperBound...].isEmpty
    else { return Double(t) }
    let exponent = Int(String(t[ten.upperBound...].map { superscripts[$0]! }))!
    t = String(t[..<ten.lowerBound])
    var mantissa = 1.0
    if t.hasSuffix("×") { mantissa = Double(String(t.dropLast()))! } else if t == "-" { mantissa = -1 }
    return mantissa * pow(10, Double(exponent))
  }

  /// The cells of the first Markdown table row whose first cell starts
  /// with `first` followed by a space.
  static func row(_ markdown: String, _ first: String) -> [String]? {
    for line in markdown.split(separator: "\n") where line.hasPrefix("| \(first) ") {
      return line.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }
    return nil
  }

  @Test("the new pages exist in both formats, are in the navigation, the index and the search, and each member's page links to them")
  func pagesAreReachable() throws {
    let index = try #require(ManualTests.text("html/index.html"))
    let search = try #require(ManualTests.text(SearchIndex.path))
    for (page, members) in Self.pages {
      #expect(ManualTests.byPath["markdown/\(page).md"] != nil && ManualTests.byPath["html/\(page).html"] != nil, "\(page)")
      #expect(index.contains("href=\"\(page).html\""), "\(page): not linked from the index")
      #expect(search.contains("\"url\": \"\(page).html\""), "\(page): not in the search index")
      let own = try #require(ManualTests.text("html/\(page).html"))
      #expect(own.contains("<a href=\"\(page).html\" aria-current=\"page\">"), "\(page): navigation does not mark it")
      #expect(own.contains("<figure>"), "\(page): no figure")
      for id in members {
        #expect(ManualTests.text("html/\(id).html")?.contains("<li><a href=\"\(page).html\">") == true, "\(id) does not link to \(page)")
        #expect(ManualTests.text("markdown/\(id).md")?.contains("](\(page).md)") == true, "\(id).md does not link to \(page)")
      }
    }
    // A function on no comparison page has no such list.
    #expect(ManualTests.text("html/dice.html")?.contains("class=\"compared\"") == false)
  }

  @Test("comparisons.json holds every comparison page's tables, cell for cell as the Markdown prints them, and each page links to it")
  func dataExport() throws {
    let file = try #require(ManualTests.byPath["html/data/comparisons.json"])
    let json = try #require(try JSONSerialization.jsonObject(with: Data(file.bytes)) as? [String: Any])
    let pages = try #require(json["pages"] as? [[String: Any]])
    let ids = pages.compactMap { $0["page"] as? String }
    for (page, _) in Self.pages { #expect(ids.contains(page), "\(page) not exported") }
    for p in pages {
      let id = try #require(p["page"] as? String)
      let md = try Self.markdown(id)
      #expect(md.contains("](../html/data/comparisons.json)"), "\(id).md does not link the data")
      #expect(ManualTests.text("html/\(id).html")?.contains("<a href=\"data/comparisons.json\">") == true, "\(id).html")
      for table in p["tables"] as? [[String: Any]] ?? [] {
        let rows = try #require(table["rows"] as? [[String]])
        #expect(!rows.isEmpty, "\(id): an empty table")
        // The first row's first cell starts a Markdown row of the page.
        if let first = rows.first?.first { #expect(md.contains("| \(first) |"), "\(id): \(first)") }
      }
    }
  }

  @Test("shrink: dead zones, jumps and tanhshrink's soft dead zone, from the definitions")
  func shrink() throws {
    let md = try Self.markdown(ShrinkComparison.page)
    let lambda = try Catalog.function(named: "hardshrink").parameters[0].defaultValue
    #expect(try Catalog.function(named: "softshrink").parameters[0].defaultValue == lambda)
    let t = try Catalog.function(named: "threshold").parameters.first { $0.name == "threshold" }!.defaultValue
    let v = try Catalog.function(named: "threshold").parameters.first { $0.name == "value" }!.defaultValue
    // hardshrink and softshrink are 0 exactly on |x| <= lambda (CATALOG.md);
    // the catalog agrees at the band's ends and just outside.
    for id in ["hardshrink", "softshrink"] {
      let spec = try Catalog.function(named: id)
      func f(_ x: Double) throws -> Double { try spec.evaluate(arguments: ["x": .real(x)]).value.scalarValue! }
      #expect(try f(lambda) == 0 && f(-lambda) == 0 && f(lambda.nextUp) != 0 && f((-lambda).nextDown) != 0, "\(id)")
      let cells = try #require(Self.row(md, id), "\(id) row")
      #expect(cells[1] == "\\[−\(Readable.number(lambda)), \(Readable.number(lambda))\\]", "\(id): \(cells[1])")
    }
    // hardshrink jumps from 0 to ±lambda at ±lambda: by lambda at both ends.
    let hard = try #require(Self.row(md, "hardshrink"))
    #expect(hard[3] == "\(Readable.number(lambda)) at x = −\(Readable.number(lambda)); \(Readable.number(lambda)) at x = \(Readable.number(lambda))")
    // threshold: v on (−∞, t], x above: dead on (−∞, t], a jump of t − v at t.
    let thr = try #require(Self.row(md, "threshold"))
    #expect(thr[1] == "(−∞, \(Readable.number(t))\\]")
    #expect(thr[3] == "\(Readable.number(t - v)) at x = \(Readable.number(t))")
    // softshrink is continuous, so no jump of f.
    #expect(try #require(Self.row(md, "softshrink"))[3] == "none")
    // tanhshrink: f' = tanh² x < τ · max f' (max 1 as x → ±∞) for |x| < atanh(√τ), τ = 1%.
    let edge = atanh(0.01.squareRoot())
    #expect(md.contains("\(Readable.number(-edge)), \(Readable.number(edge))"), "tanhshrink's flat zone ±\(edge)")
  }

  @Test("GLU variants: the negative dips of geglu and swiglu and reglu's dead zone, from the gates")
  func glu() throws {
    let md = try Self.markdown(GLUComparison.page)
    /// The minimum of g on [−3, 0] where g' changes sign once, by bisection on g'.
    func minimum(_ g: (Double) -> Double, _ dg: (Double) -> Double) -> (x: Double, value: Double) {
      var lo = -3.0
      var hi = 0.0
      while lo.nextUp < hi {
        let mid = lo + (hi - lo) / 2
        if mid == lo || mid == hi { break }
        if dg(mid) < 0 { lo = mid } else { hi = mid }
      }
      return (lo, g(lo))
    }
    func sigma(_ x: Double) -> Double { 1 / (1 + exp(-x)) }
    let silu = minimum({ $0 * sigma($0) }, { sigma($0) * (1 + $0 * (1 - sigma($0))) })
    let gelu = minimum(
      { $0 * IndependentNumerics.cdf($0) }, { IndependentNumerics.cdf($0) + $0 * IndependentNumerics.density($0) })
    for (id, m) in [("swiglu", silu), ("geglu", gelu)] {
      let cells = try #require(Self.row(md, id), "\(id) row")
      let printed = try #require(Self.parse(String(cells[3].prefix { $0 != " " })), "\(id): \(cells[3])")
      // Six significant digits printed.
      #expect(abs(printed - m.value) <= 5e-6 * abs(m.value), "\(id): dip \(printed), recomputed \(m.value)")
      #expect(cells[3].contains("b = \(Readable.number(m.x))"), "\(id): \(cells[3]) is not at b = \(m.x)")
    }
    #expect(try #require(Self.row(md, "glu"))[3] == "none")
    let reglu = try #require(Self.row(md, "reglu"))
    #expect(reglu[3] == "none" && reglu[5] == "(−∞, 0\\]", "\(reglu)")
  }

  /// sparsemax of z, written out (Martins & Astudillo 2016, algorithm 1).
  static func sparsemax(_ z: [Double]) -> [Double] {
    let sorted = z.sorted(by: >)
    var sum = 0.0
    var tau = 0.0
    for (i, v) in sorted.enumerated() {
      sum += v
      if 1 + Double(i + 1) * v > sum { tau = (sum - 1) / Double(i + 1) }
    }
    return z.map { max($0 - tau, 0) }
  }

  @Test("softmax vs sparsemax: where the slice reaches 0 and 1 exactly, Float32 rounding and sparsity, recomputed")
  func softmaxSparsemax() throws {
    let md = try Self.markdown(SoftmaxSparsemaxComparison.page)
    let catalog = try Catalog.function(named: "sparsemax")
    func p0(_ x: Double) -> Double { Self.sparsemax([x, 0])[0] }
    func catalogP0(_ x: Double) throws -> Double { try catalog.evaluate(arguments: ["z": .vector([x, 0])]).value.flattened[0] }
    /// The first representable x in [lo, hi] where `holds` starts to hold for good.
    func first(_ lo: Double, _ hi: Double, _ holds: (Double) -> Bool) -> Double {
      var (a, b) = (lo, hi)  // !holds(a), holds(b)
      while a.nextUp < b {
        let m = a + (b - a) / 2
        if m == a || m == b { break }
        if holds(m) { b = m } else { a = m }
      }
      return b
    }
    let one = first(0, 4) { p0($0) == 1 }
    let zero = -first(0, 4) { p0(-$0) == 0 }
    #expect(try catalogP0(one) == 1 && catalogP0(one.nextDown) < 1 && catalogP0(zero) == 0 && catalogP0(zero.nextUp) > 0)
    let cells = try #require(Self.row(md, "sparsemax"))
    #expect(cells[2] == "exactly 0 for x ≤ \(Readable.number(zero))", "\(cells[2])")
    #expect(cells[3] == "exactly 1 for x ≥ \(Readable.number(one))", "\(cells[3])")
    // Softmax's p0 = σ(x) rounds to 1 in Float32 where 1 − σ(x) ≤ 2⁻²⁵ (half
    // an ulp below 1, the tie to even): x ≥ log(2²⁵ − 1); the first Float32 there.
    let edge = log(33_554_431.0)
    var f = Float(edge)
    if Double(f) < edge { f = f.nextUp }
    let soft = try #require(Self.row(md, "softmax"))
    #expect(soft[2] == "never" && soft[3] == "never")
    #expect(soft[6] == FloatingPointText.input(Double(f), .float32), "\(soft[6]) vs \(f)")
    // Three classes: directions of the score circle with an exact zero.
    for r in SoftmaxSparsemaxComparison.radii {
      let n = (0..<720).filter { k in
        let th = 2 * Double.pi * Double(k) / 720
        return Self.sparsemax([r * cos(th), r * cos(th - 2 * Double.pi / 3), r * cos(th + 2 * Double.pi / 3)]).contains(0)
      }.count
      #expect(md.contains("\(n) at r = \(Readable.number(r))"), "sparsemax at r = \(r): \(n)")
    }
    // Softmax's probabilities are all positive: no exact zero at any spread.
    let softRows = md.split(separator: "\n").filter { $0.hasPrefix("| softmax |") }
    #expect(softRows.count == 2 && softRows[1].hasSuffix("| 0 of 720 | 0 of 720 |"), "\(softRows)")
  }

  @Test("cross-entropy variants: every value and gradient of the table from the closed forms in p_t")
  func crossEntropy() throws {
    let md = try Self.markdown(CrossEntropyComparison.page)
    func param(_ id: String, _ name: String) throws -> Double {
      try Catalog.function(named: id).parameters.first { $0.name == name }!.defaultValue
    }
    let eps = try param("poly-cross-entropy", "epsilon")
    let (gamma, alpha) = (try param("focal", "gamma"), try param("focal", "alpha"))
    let tau = try param("info-nce", "tau")
    func logit(_ p: Double) -> Double { log(p / (1 - p)) }
    func infoNCE(_ t: Double) -> (Double) -> (Double, Double) {
      { p in
        let m = logit(p) / t
        return (log1p(exp(-m)), -1 / (1 + exp(m)) / t)
      }
    }
    // Loss and ∂L/∂s_k (s_k the true class's score, ∂p/∂s_k = p(1 − p)).
    let closed: [(String, (Double) -> (Double, Double))] = [
      ("cross-entropy", { p in (-log(p), p - 1) }),
      ("poly-cross-entropy", { p in (-log(p) + eps * (1 - p), p - 1 - eps * p * (1 - p)) }),
      (
        "focal",
        { p in (-alpha * pow(1 - p, gamma) * log(p), alpha * pow(1 - p, gamma) * (gamma * p * log(p) - (1 - p))) }
      ),
      ("info-nce (τ = 0.5)", infoNCE(0.5)),
      ("info-nce (τ = \(FigureText.parameter(tau)))", infoNCE(tau)),
    ]
    let ps = CrossEntropyComparison.probabilities
    for (name, f) in closed {
      let cells = try #require(Self.row(md, name), "\(name) row")
      #expect(cells.count == 1 + 2 * ps.count + 1, "\(cells)")
      for (i, p) in ps.enumerated() {
        let (loss, gradient) = f(p)
        for (printed, expected) in [(cells[1 + i], loss), (cells[1 + ps.count + i], gradient)] {
          let v = try #require(Self.parse(printed), "\(name): \(printed)")
          // Four significant digits printed: within half a unit of the fourth.
          #expect(abs(v - expected) <= 5e-4 * abs(expected), "\(name) at p = \(p): printed \(printed), recomputed \(expected)")
        }
      }
      // The sentence's ratios to cross-entropy's gradient (p − 1) at p = 0.9 and 0.1.
      if name != "cross-entropy" {
        let r9 = Readable.number(f(0.9).1 / (0.9 - 1), digits: 3)
        let r1 = Readable.number(f(0.1).1 / (0.1 - 1), digits: 3)
        #expect(md.contains("\(cells[0]) \(r9) and \(r1) times"), "\(name): ratios \(r9), \(r1)")
      }
      let ratio = try #require(Self.parse(cells.last!))
      let expected = abs(f(0.1).1) / abs(f(0.9).1)
      #expect(abs(ratio - expected) <= 5e-4 * expected, "\(name): ratio \(ratio) vs \(expected)")
    }
  }
}

/// The new comparison figures alone (the whole manual's figures are checked
/// by FigureLayoutTests): clean layout at scale 1 and 2 and on a phone, and
/// drawn through the curves' computed values.
@Suite("Manual figures: the comparison pages' figures")
struct ComparisonFigureTests {
  static let index = AnalysisIndex(
    CatalogAnalysis.run(
      ids: ShrinkComparison.members + GLUComparison.members + SoftmaxSparsemaxComparison.members
        + CrossEntropyComparison.members, primarySamples: 20_001, threads: 2, facts: false))

  static var figures: [ManualFigure] {
    let shared: [ManualFigure?] = ["shrink", "glu-variants", "softmax-sparsemax-slice"].map { topic in
      ComparisonFigures.definitions.first { $0.topic == topic }.flatMap { ComparisonFigures.build($0, index) }
    }
    return (shared + [SoftmaxSparsemaxComparison.simplexFigure(index), CrossEntropyComparison.figure(index)]).compactMap { $0 }
  }

  @Test("every new comparison figure is built and lays out cleanly at scale 1, 2 and in the phone layout")
  func layout() throws {
    let figures = Self.figures
    #expect(
      figures.map(\.path) == [
        "figures/compare-shrink.png", "figures/compare-glu-variants.png", "figures/compare-softmax-sparsemax-slice.png",
        "figures/compare-softmax-sparsemax.png", "figures/compare-cross-entropy-variants.png",
      ])
    let renderer = ChartRenderer()
    for f in figures {
      for scale in [1, 2] {
        for issue in try renderer.layoutIssues(f.scaled(scale).figure) { Issue.record("\(f.path) at scale \(scale): \(issue)") }
      }
      for issue in try renderer.layoutIssues(f.narrowFigure) { Issue.record("\(f.narrowSVGPath): \(issue)") }
    }
  }

  @Test("the cross-entropy figure draws −log pₜ and pₜ − 1 for cross-entropy, through the pixels of its colour")
  func crossEntropyPixels() throws {
    let f = try #require(CrossEntropyComparison.figure(Self.index))
    let drawn = try Drawn(f.figure)
    let color = FigureStyle.seriesStyle(0).color
    // (Not at pₜ = 0.5, where every InfoNCE curve meets cross-entropy at log 2.)
    for p in [0.2, 0.35, 0.8] {
      #expect(drawn.touches(panel: 0, x: p, y: -log(p), color: color, radius: 2), "loss at pₜ = \(p)")
      #expect(drawn.touches(panel: 1, x: p, y: p - 1, color: color, radius: 2), "gradient at pₜ = \(p)")
    }
  }
}
