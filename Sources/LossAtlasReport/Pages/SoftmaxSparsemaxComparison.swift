import LossAtlasAnalysis
import LossAtlasCore

/// The page `compare-softmax-sparsemax`: softmax against sparsemax on the
/// two-class slice z = [x, 0] and on the three-class simplex. Every English
/// word of the page (intro, tables, the computed sentences) is in this
/// file; the slice figure's title, axis and caption are the strings
/// tables' (`figure.compare.softmax-sparsemax-slice`), the simplex
/// figure's caption is ``SimplexFigure``'s. Every number is the property engine's or an
/// evaluation of the catalog's functions, from this run.
enum SoftmaxSparsemaxComparison {
  /// The page's shared phrasing (ranges, intervals, yes/no), in English like its prose.
  static let ph = Phrasing(Strings.english)

  static let page = "compare-softmax-sparsemax"
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

  /// The three-class simplex figure (`figures/compare-softmax-sparsemax.png`).
  static func simplexFigure(_ index: AnalysisIndex) -> ManualFigure? {
    let specs = members.compactMap { index.spec($0) }
    guard specs.count == members.count else { return nil }
    return try? SimplexFigure.build(
      topic: "softmax-sparsemax", title: "Softmax and sparsemax on three classes", maps: specs.map(map), radii: radii,
      ids: members)
  }

  /// Where the value equals its limit exactly on a half-line (the engine's
  /// exact tails): `exactly 1 for x ≥ 1`.
  static func exactly(_ a: FunctionAnalysis, direction: Int) -> String? {
    guard let t = a.facts.exactTails.first(where: { $0.direction == direction && $0.kind == .valueReachesLimit }) else {
      return nil
    }
    guard let b = t.boundary else { return "exactly \(Readable.number(t.limit)) everywhere" }
    let relation = direction > 0 ? (t.closed ? "≥" : ">") : (t.closed ? "≤" : "<")
    return "exactly \(Readable.number(t.limit)) for x \(relation) \(Readable.number(b))"
  }

  /// The first Float32 input toward +∞ from which the value rounds to its
  /// limit (the precision study).
  static func float32(_ a: FunctionAnalysis) -> Double? {
    a.facts.precision.first { $0.format == .float32 && $0.direction == 1 && $0.kind == .valueReachesLimit }?.x
  }

  static func build(_ analyses: [String: FunctionAnalysis], figures: [FigureInfo]) -> ComparisonPage {
    let present = members.compactMap { id in
      analyses[id].flatMap { a in (try? Catalog.function(named: id)).map { (spec: $0, a: a) } }
    }
    let sliceRows = present.map { m in
      let p = m.a.primary
      return SettingsRow(cells: [
        m.spec.id, Phrasing.range(p), exactly(m.a, direction: -1) ?? "never", exactly(m.a, direction: 1) ?? "never",
        Readable.smoothness(p.continuity), ph.extremum(p.maxAbsDerivative),
        exactly(m.a, direction: 1) != nil ? "exactly (see left)" : float32(m.a).map { FloatingPointText.input($0, .float32) } ?? "—",
      ])
    }
    let counts = present.map { m in (m.spec.id, radii.map { SimplexFigure.boundaryCount(map(m.spec), radius: $0) }) }
    let simplexRows = counts.map { id, n in SettingsRow(cells: [id] + n.map { "\($0) of \(SimplexFigure.samples)" }) }
    return ComparisonPage(
      site: SitePages.site(current: page, title: title), id: page, title: title,
      intro: [
        "Both map a vector of scores z to probabilities. Softmax exponentiates and normalises, so every class keeps a positive probability; sparsemax projects z onto the probability simplex, p_i = max(z_i − τ, 0), so classes whose score is far enough below the best get exactly 0. On two classes both depend only on the difference of the scores, and the slice z = [x, 0] shows all of it; on three classes the simplex shows where each map puts every direction of scores.",
      ] + sentences(present.map { ($0.spec.id, $0.a) }, counts: counts),
      figures: ["compare-" + sliceFigure.topic, "compare-softmax-sparsemax"].compactMap { key in
        figures.first { $0.key == key }?.ref
      },
      tables: [
        DataTable(
          caption: "Two classes, z = [x, 0]: the probability p₀ of the first class against x",
          header: [
            "id", "range of p₀", "p₀ toward x → −∞", "p₀ toward x → ∞", "continuity", "max |∂p₀/∂x|",
            "Float32 p₀ rounds to 1 from x =",
          ],
          rows: sliceRows),
        DataTable(
          caption: "Three classes: score vectors z = r·(cos θ, cos(θ − 120°), cos(θ + 120°)) with some probability exactly 0",
          header: ["id"] + radii.map { "at spread r = \(Readable.number($0))" }, rows: simplexRows),
      ])
  }

  /// The page's computed sentences: where sparsemax decides exactly, how
  /// steep each is, and how sparse sparsemax is on three classes.
  static func sentences(_ members: [(id: String, a: FunctionAnalysis)], counts: [(String, [Int])]) -> [String] {
    var out: [String] = []
    let exact = members.compactMap { m -> String? in
      let ends = [exactly(m.a, direction: -1), exactly(m.a, direction: 1)].compactMap { $0 }
      return ends.isEmpty ? nil : "\(m.id)'s p₀ is " + FigureText.list(ends)
    }
    let never = members.filter { exactly($0.a, direction: -1) == nil && exactly($0.a, direction: 1) == nil }.map { m in
      "\(m.id)'s stays in \(Phrasing.range(m.a.primary))"
        + (float32(m.a).map { " (Float32 rounds it to 1 only from x = \(FloatingPointText.input($0, .float32)))" } ?? "")
    }
    if !exact.isEmpty || !never.isEmpty {
      out.append("On two classes, " + (exact + never).joined(separator: "; ") + " (the property engine's exact tails and precision study).")
    }
    let slopes = members.map { "\($0.id) \(ph.extremum($0.a.primary.maxAbsDerivative))" }
    if !slopes.isEmpty { out.append("The steepest ∂p₀/∂x: \(FigureText.list(slopes)).") }
    let sparse = counts.map { id, n in
      "\(id) " + FigureText.list(zip(radii, n).map { "\($1) at r = \(Readable.number($0))" })
    }
    if !sparse.isEmpty {
      out.append(
        "On three classes, how many of the \(SimplexFigure.samples) directions of scores at each spread r give some class probability exactly 0: "
          + sparse.joined(separator: "; ") + ".")
    }
    return out
  }
}
