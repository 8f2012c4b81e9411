import LossAtlasAnalysis
import LossAtlasCore

/// The page `compare-softmax-sparsemax`: softmax against sparsemax on the
/// two-class slice z = [x, 0] and on the three-class simplex. Its words
/// are the strings tables' `page.compare.softmaxSparsemax.*`
/// (`templates/strings/<lang>/comparisons.yaml`), in the edition's
/// language; the slice figure's title, axis and caption are
/// `figure.compare.softmax-sparsemax-slice.*`, the simplex figure's
/// `figure.compare.softmax-sparsemax.title` and ``SimplexFigure``'s
/// `figure.compare.simplex.*`. Every number is the property engine's or an
/// evaluation of the catalog's functions, from this run.
enum SoftmaxSparsemaxComparison {
  static let page = "compare-softmax-sparsemax"
  /// The navigation's English title (`site.page.compare-softmax-sparsemax`).
  static let title = "Softmax and sparsemax compared"
  static let members = ["softmax", "sparsemax"]

  /// The spreads of the simplex figure's score circles.
  static let radii: [Double] = [0.5, 2]

  /// The two-class slice: p₀ against x = z₀ − z₁
  /// (`figures/compare-softmax-sparsemax-slice.png`).
  static let sliceFigure = ComparisonFigures.Definition(
    topic: "softmax-sparsemax-slice", rows: [("", members, -4...4)], variable: "x", valueLabel: "p₀",
    derivativeLabel: "∂p₀/∂x")

  /// The catalog's map (softmax or sparsemax of three scores), for the
  /// simplex figure and the sparsity counts.
  static func map(_ spec: FunctionSpec) -> SimplexFigure.Map {
    SimplexFigure.Map(name: spec.id) { z in
      (try? spec.evaluate(arguments: ["z": .vector(z)]).value.flattened) ?? []
    }
  }

  /// The simplex figure's topic (`figures/compare-softmax-sparsemax.png`).
  static let simplexTopic = "softmax-sparsemax"

  /// The three-class simplex figure (`figures/compare-softmax-sparsemax.png`),
  /// in the words of `words`' edition.
  static func simplexFigure(_ index: AnalysisIndex, words: FigureWords = FigureWords(.english)) -> ManualFigure? {
    let specs = members.compactMap { index.spec($0) }
    guard specs.count == members.count else { return nil }
    return try? SimplexFigure.build(
      topic: simplexTopic, title: words.say("compare.softmax-sparsemax.title"), maps: specs.map(map), radii: radii,
      ids: members, words: words)
  }

  /// Where the value equals its limit exactly on a half-line (the engine's
  /// exact tails): `exactly 1 for x ≥ 1`.
  static func exactly(_ a: FunctionAnalysis, direction: Int, strings: Strings) -> String? {
    guard let t = a.facts.exactTails.first(where: { $0.direction == direction && $0.kind == .valueReachesLimit }) else {
      return nil
    }
    let limit = Readable.number(t.limit)
    guard let b = t.boundary else { return strings("page.compare.softmaxSparsemax.exactlyEverywhere", ["limit": limit]) }
    let relation = direction > 0 ? (t.closed ? "≥" : ">") : (t.closed ? "≤" : "<")
    return strings(
      "page.compare.softmaxSparsemax.exactlyFor", ["limit": limit, "relation": relation, "boundary": Readable.number(b)])
  }

  /// The first Float32 input toward +∞ from which the value rounds to its
  /// limit (the precision study).
  static func float32(_ a: FunctionAnalysis) -> Double? {
    a.facts.precision.first { $0.format == .float32 && $0.direction == 1 && $0.kind == .valueReachesLimit }?.x
  }

  static func build(_ analyses: [String: FunctionAnalysis], figures: [FigureInfo], strings: Strings) -> ComparisonPage {
    let ph = Phrasing(strings)
    func say(_ key: String, _ values: [String: String] = [:]) -> String { strings("page.compare.softmaxSparsemax." + key, values) }
    let present = members.compactMap { id in
      analyses[id].flatMap { a in (try? Catalog.function(named: id)).map { (spec: $0, a: a) } }
    }
    let sliceRows = present.map { m in
      let p = m.a.primary
      let left = exactly(m.a, direction: -1, strings: strings)
      let right = exactly(m.a, direction: 1, strings: strings)
      return SettingsRow(cells: [
        m.spec.id, Phrasing.range(p), left ?? say("never"), right ?? say("never"),
        ph.smoothness(p.continuity), ph.extremum(p.maxAbsDerivative),
        right != nil ? say("exactlySeeLeft") : float32(m.a).map { FloatingPointText.input($0, .float32) } ?? "—",
      ])
    }
    let counts = present.map { m in (m.spec.id, radii.map { SimplexFigure.boundaryCount(map(m.spec), radius: $0) }) }
    let simplexRows = counts.map { id, n in
      SettingsRow(cells: [id] + n.map { say("countOf", ["count": String($0), "total": String(SimplexFigure.samples)]) })
    }
    let title = strings("site.page.\(page)")
    let id = strings("page.compare.column.id")
    return ComparisonPage(
      site: SitePages.site(current: page, title: title), id: page, title: title,
      intro: [say("intro")] + sentences(present.map { ($0.spec.id, $0.a) }, counts: counts, strings: strings),
      figures: ["compare-" + sliceFigure.topic, "compare-softmax-sparsemax"].compactMap { key in
        figures.first { $0.key == key }?.ref
      },
      tables: [
        DataTable(
          caption: say("slice.caption"),
          header: [
            id, say("slice.column.range"), say("slice.column.left"), say("slice.column.right"),
            strings("page.compare.column.continuity"), say("slice.column.maxSlope"), say("slice.column.float32"),
          ],
          rows: sliceRows),
        DataTable(
          caption: say("simplex.caption"),
          header: [id] + radii.map { say("simplex.column.atSpread", ["r": Readable.number($0)]) }, rows: simplexRows),
      ])
  }

  /// The page's computed sentences: where sparsemax decides exactly, how
  /// steep each is, and how sparse sparsemax is on three classes.
  static func sentences(_ members: [(id: String, a: FunctionAnalysis)], counts: [(String, [Int])], strings: Strings) -> [String] {
    let ph = Phrasing(strings)
    func say(_ key: String, _ values: [String: String] = [:]) -> String { strings("page.compare.softmaxSparsemax." + key, values) }
    var out: [String] = []
    let exact = members.compactMap { m -> String? in
      let ends = [exactly(m.a, direction: -1, strings: strings), exactly(m.a, direction: 1, strings: strings)].compactMap { $0 }
      switch ends.count {
      case 0: return nil
      case 1: return say("exact.one", ["id": m.id, "end": ends[0]])
      default: return say("exact.two", ["id": m.id, "first": ends[0], "second": ends[1]])
      }
    }
    let never = members.filter {
      exactly($0.a, direction: -1, strings: strings) == nil && exactly($0.a, direction: 1, strings: strings) == nil
    }.map { m in
      let range = Phrasing.range(m.a.primary)
      return float32(m.a).map { say("staysFloat32", ["id": m.id, "range": range, "x": FloatingPointText.input($0, .float32)]) }
        ?? say("stays", ["id": m.id, "range": range])
    }
    if !exact.isEmpty || !never.isEmpty {
      out.append(say("twoClasses", ["clauses": (exact + never).joined(separator: ph.say("separator.clauses"))]))
    }
    let slopes = members.map { say("slope.member", ["id": $0.id, "extremum": ph.extremum($0.a.primary.maxAbsDerivative)]) }
    if !slopes.isEmpty { out.append(say("slope.sentence", ["list": ph.clauses(slopes)])) }
    let sparse = counts.map { id, n in
      say(
        "sparse.member",
        ["id": id, "counts": ph.list(zip(radii, n).map { say("sparse.count", ["count": String($1), "r": Readable.number($0)]) })])
    }
    if !sparse.isEmpty {
      out.append(
        say(
          "sparse.sentence",
          ["samples": String(SimplexFigure.samples), "members": sparse.joined(separator: ph.say("separator.clauses"))]))
    }
    return out
  }
}
