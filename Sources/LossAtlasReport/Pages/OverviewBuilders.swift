import LossAtlasAnalysis
import LossAtlasCore
import LossAtlasVerification

/// The index, comparison and methods pages.
enum OverviewBuilders {
  static func index(_ analyses: [FunctionAnalysis], accuracy: [String: AccuracySummary]) -> IndexPage {
    var families: [FamilyTable] = []
    for family in Family.allCases {
      let rows = analyses.compactMap { a -> IndexRow? in
        guard let spec = try? Catalog.function(named: a.id), spec.family == family else { return nil }
        let p = a.primary
        return IndexRow(
          id: spec.id, name: spec.name, range: Phrasing.range(p), monotonic: Phrasing.monotonic(p.monotonic),
          continuity: p.continuity == .cInfinity ? "C∞" : p.continuity.rawValue,
          saturatesLeft: Phrasing.yesNo(p.saturatesLeft), saturatesRight: Phrasing.yesNo(p.saturatesRight),
          convex: Phrasing.yesNo(p.convex), zeroAtCorrect: family.isLoss ? p.zeroAtCorrect.rawValue : "—",
          gradient: family.isLoss ? p.gradientGrowth.rawValue : "—",
          maxSlope: Readable.number(p.maxAbsDerivative.value))
      }
      if !rows.isEmpty { families.append(FamilyTable(title: family.title, rows: rows)) }
    }
    let lines = accuracy.values.reduce(0) { $0 + $1.lines }
    let components = accuracy.values.reduce(0) { $0 + $1.components }
    let failures = accuracy.values.reduce(0) { $0 + $1.failures.count }
    let worst = accuracy.values.map(\.worstUlp).max() ?? 0
    let settings = analyses.reduce(0) { $0 + $1.settings.reduce(0) { $0 + $1.views.count } }
    return IndexPage(
      site: SitePages.site(current: "index", title: "All functions"),
      heading: "LossAtlas: a verified reference of loss and activation functions",
      intro: [
        "This manual describes \(analyses.count) deep-learning loss and activation functions: for each, its exact definition, its derivative and second derivative, the properties that matter in training (range, monotonicity, smoothness, saturation, dead regions, convexity, how the gradient behaves), its behaviour at extreme inputs and in low precision, and how PyTorch, Keras, optax and jax.nn differ from it.",
        "It replaces a widely read article that printed no formulas and many wrong claims; the errata page corrects each claim with numbers computed here.",
      ],
      howMade: [
        "Every value and derivative comes from a numerically stable implementation held against 50-digit golden vectors: \(components) components of \(lines) vectors, worst error \(Readable.number(worst, digits: 3)) ulp, \(failures) outside the accuracy rule.",
        "Every property in the tables was computed by the property engine in the run that wrote this page, over \(settings) views and parameter settings; every formula is printed from the same expression the tests evaluate against the code.",
      ],
      families: families,
      pages: SitePages.main.dropFirst().map { NavLink(page: $0.page, title: $0.title, current: false) })
  }

  // MARK: - Comparisons

  static func activations(_ analyses: [String: FunctionAnalysis], figures: [FigureInfo]) -> ComparisonPage {
    let ids = Catalog.all.filter { $0.family == .activation }.map(\.id)
    var rows: [SettingsRow] = []
    for id in ids {
      guard let a = analyses[id] else { continue }
      let p = a.primary
      let f32 = a.facts.precision.first { $0.format == .float32 && $0.direction == 1 && $0.kind == .valueReachesLimit }?.x
      rows.append(
        SettingsRow(cells: [
          id, Phrasing.range(p), Phrasing.monotonic(p.monotonic), Phrasing.yesNo(p.zeroCentered),
          Readable.number(p.maxAbsDerivative.value), Phrasing.saturation(p), Phrasing.intervals(p.deadRegions),
          a.facts.depth?.depthToVanish.map(String.init) ?? "> 100", f32.map { Readable.number($0, digits: 4) } ?? "—",
        ]))
    }
    return ComparisonPage(
      site: SitePages.site(current: "compare-activations", title: "Activations compared"), id: "compare-activations", title: "Activations compared",
      intro: [
        "The scalar activations side by side, at their default parameters. Depth to vanish is the first depth at which the median of |∏ f′(x_l)| over 10,000 standard-normal draws per layer falls below 10⁻⁶; the Float32 column is where the value rounds to its limit toward +∞ (— when it has no finite limit there).",
      ],
      figures: figures.filter { f in
        f.key.hasPrefix("compare-")
          && f.functions.contains { id in Catalog.all.contains { $0.id == id && ($0.family == .activation || $0.family == .gatedUnit) } }
      }.map(\.ref),
      tables: [
        DataTable(
          caption: "Scalar activations at their default parameters",
          header: ["id", "range", "monotonic", "zero-centred", "max |f′|", "saturates", "dead regions", "depth to vanish", "Float32 value → limit from x ="],
          rows: rows)
      ])
  }

  static func losses(
    page: String, title: String, family: Family, intro: [String], _ analyses: [String: FunctionAnalysis], figures: [FigureInfo], figureKey: String
  ) -> ComparisonPage {
    var rows: [SettingsRow] = []
    for spec in Catalog.all where spec.family == family {
      guard let a = analyses[spec.id] else { continue }
      let p = a.primary
      var cells = [
        spec.id, p.viewLabel, Phrasing.range(p), p.continuity.rawValue, Phrasing.yesNo(p.convex), p.zeroAtCorrect.rawValue,
        Readable.number(p.maxAbsDerivative.value), p.gradientGrowth.rawValue,
      ]
      if family == .regressionLoss {
        cells.append(a.facts.minimiser.map { Readable.number($0.minimiser, digits: 6) } ?? "—")
      }
      rows.append(SettingsRow(cells: cells))
    }
    var header = ["id", "view", "range", "continuity", "convex", "zero at correct", "max |f′|", "gradient"]
    if family == .regressionLoss { header.append("minimiser over 0…9, 30") }
    return ComparisonPage(
      site: SitePages.site(current: page, title: title), id: page, title: title, intro: intro,
      figures: figures.filter { $0.key == figureKey || ($0.key.hasPrefix("family-") && $0.functions.contains { id in Catalog.all.contains { $0.id == id && $0.family == family } }) }.map(\.ref),
      tables: [DataTable(caption: title + " at their default parameters (primary view)", header: header, rows: rows)])
  }

  static func depth(_ analyses: [String: FunctionAnalysis], figures: [FigureInfo]) -> ComparisonPage {
    var rows: [SettingsRow] = []
    for spec in Catalog.all where spec.family == .activation {
      guard let d = analyses[spec.id]?.facts.depth else { continue }
      let at = { (l: Int) in Readable.number(d.median[l - 1], digits: 3) }
      rows.append(
        SettingsRow(cells: [
          spec.id, at(1), at(5), at(10), at(20), at(50), at(100), Readable.number(d.mean[9], digits: 3),
          d.depthToVanish.map(String.init) ?? "> 100",
        ]))
    }
    return ComparisonPage(
      site: SitePages.site(current: "gradient-depth", title: "Gradient through depth"), id: "gradient-depth", title: "Gradient through depth",
      intro: [
        "The gradient that reaches the first layer of an L-layer chain of one activation, weights set aside, is the product of the activation's derivative at each layer: |∏ f′(x_l)|. With x_l drawn from N(0, 1) independently per layer (10,000 draws, antithetic pairs, fixed seed), the table gives the median of that product at several depths, its mean at L = 10, and the first depth where the median is below 10⁻⁶.",
        "A sigmoid layer multiplies the gradient by at most 1/4; ReLU by exactly 1 or 0, so its median is 0 from the first layer (half the units are dead) while a surviving path keeps the gradient whole.",
      ],
      figures: figures.filter { $0.key == "depth" }.map(\.ref),
      tables: [
        DataTable(
          caption: "Median |∏ f′(x_l)| by depth L",
          header: ["activation", "L = 1", "L = 5", "L = 10", "L = 20", "L = 50", "L = 100", "mean at L = 10", "depth to vanish"],
          rows: rows)
      ])
  }

  // MARK: - Methods

  static func methods(accuracy: [AccuracySummary], tau: Double) -> MethodsPage {
    let rows = accuracy.map { s in
      SettingsRow(cells: [
        s.id, String(s.lines), String(s.components), Readable.number(s.worstUlp, digits: 3), String(s.neededSens),
        s.failures.isEmpty ? "0" : "\(s.failures.count) (FAIL)",
      ])
    }
    return MethodsPage(
      site: SitePages.site(current: "methods", title: "Methods"),
      intro: [
        "How every property in this manual is computed. The engine works on scalar views: an activation in x; a loss in its prediction argument with the other arguments fixed at representative values; a vector function through a documented 1-D slice. Mathematical properties are about exact arithmetic; floating-point facts (extreme inputs, the naive formula, precision) are reported separately.",
      ],
      properties: PropertyDefinitions.all(tau: tau).map { Fact(name: $0.name, value: $0.definition) },
      thresholds: [
        Fact(name: "Saturation threshold τ", value: Readable.number(tau)),
        Fact(name: "Interval ends (saturation)", value: "bisection to 10⁻⁹ relative"),
        Fact(name: "Jump at a breakpoint", value: "one-sided limits differ by more than 10⁻⁶ of their size"),
        Fact(name: "Depth to vanish", value: "median below 10⁻⁶; 10,000 draws; L ≤ 100"),
        Fact(name: "Naive formula failure", value: "overflow, NaN, 0 instead of a nonzero value, or more than 1% off"),
        Fact(name: "Limits", value: "values at 10²⁹⁰ and 10³⁰⁰ (or 10⁻²⁹⁰, 10⁻³⁰⁰ from a finite end) agree to 10⁻⁹"),
      ],
      accuracyIntro: [
        "The accuracy rule: a computed component passes when |computed − exact| ≤ max(4 ulp(exact), 2 sens), where sens is how much the exact result moves when the inputs move by one ulp (the backward-stable bound, which only matters where the function itself is that sensitive). ±∞ must match exactly and NaN never passes. The table is computed in this run from the public golden vectors (50-digit references), deciding each component in exact rational arithmetic.",
      ],
      accuracy: DataTable(
        caption: "Accuracy against the golden vectors",
        header: ["id", "vectors", "components", "worst ulp", "by the sens bound", "failures"], rows: rows))
  }
}
