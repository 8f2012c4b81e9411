import LossAtlasAnalysis
import LossAtlasCore
import LossAtlasVerification

/// The index, comparison and methods pages.
enum OverviewBuilders {
  static func index(_ analyses: [FunctionAnalysis], accuracy: [String: AccuracySummary]) -> IndexPage {
    var families: [FamilyTable] = []
    for family in Family.allCases {
      let members = analyses.compactMap { a -> (FunctionSpec, FunctionAnalysis)? in
        guard let spec = try? Catalog.function(named: a.id), spec.family == family else { return nil }
        return (spec, a)
      }
      if let table = indexTable(family, members) { families.append(table.droppingUnusedColumns()) }
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

  /// One family's table. Activations: one argument, so the view is the
  /// function. Losses (and the vector activations): the view each row
  /// shows is named with its parameters, and the range, non-negativity and
  /// convexity over the whole domain (every argument free) stand beside it.
  static func indexTable(_ family: Family, _ members: [(FunctionSpec, FunctionAnalysis)]) -> FamilyTable? {
    guard !members.isEmpty else { return nil }
    func continuity(_ p: ViewProperties) -> String { Readable.smoothness(p.continuity) }
    if family == .activation {
      let header = [
        "range", "monotonic", "continuity", "saturates left", "saturates right", "convex", "zero-centred (mean output)",
        "passes through 0", "max |f′|",
      ]
      let rows = members.map { spec, a -> IndexRow in
        let p = a.primary
        let params = Phrasing.parameters(p.parameters, spec: spec)
        return IndexRow(
          id: spec.id, name: spec.name + (params.isEmpty ? "" : " (\(params))"),
          cells: [
            Phrasing.range(p), Phrasing.monotonic(p.monotonic), continuity(p), Phrasing.yesNo(p.saturatesLeft),
            Phrasing.yesNo(p.saturatesRight), Phrasing.yesNo(p.convex), Phrasing.zeroCentred(p),
            Phrasing.yesNo(p.passesThroughOrigin), Readable.number(p.maxAbsDerivative.value),
          ])
      }
      return FamilyTable(
        title: family.title,
        note: "Each activation has one argument, so these are properties of the whole function, at its default parameters (named where it has any). Zero-centred: the mean output E[f(X)] for X ~ N(0, 1) is 0 (within 10⁻¹²); passes through 0: f(0) = 0.",
        anchor: family.rawValue, header: header, rows: rows)
    }
    let header = [
      "view shown", "range in that view", "monotonic", "continuity", "saturates left", "saturates right",
      "zero at correct", "gradient", "max |f′|", "range over the whole domain", "non-negative (whole domain)",
      "convex in the prediction (whole domain)",
    ]
    let rows = members.map { spec, a -> IndexRow in
      let p = a.primary
      let d = a.domain
      let params = Phrasing.parameters(p.parameters, spec: spec)
      let shown = ViewNaming.pretty(p.viewLabel) + (params.isEmpty ? "" : "; \(params)")
      return IndexRow(
        id: spec.id, name: spec.name,
        cells: [
          shown, Phrasing.range(p), Phrasing.monotonic(p.monotonic), continuity(p), Phrasing.yesNo(p.saturatesLeft),
          Phrasing.yesNo(p.saturatesRight), family.isLoss ? p.zeroAtCorrect.rawValue : "—",
          family.isLoss ? p.gradientGrowth.rawValue : "—", Readable.number(p.maxAbsDerivative.value),
          Phrasing.domainRange(d), d.nonNegative ? "yes" : "no", Phrasing.yesNo(d.convex),
        ])
    }
    return FamilyTable(
      title: family.title,
      note: "The first columns describe one view, the one named in “view shown”, with its parameters (the defaults): the swept argument, the others fixed at the values given. The last three describe the whole function at those parameters, every argument free (see each page and the methods): a function can be non-negative in the view shown and not over its whole domain.",
      anchor: family.rawValue, header: header, rows: rows)
  }

  // MARK: - Comparisons

  static func activations(_ analyses: [String: FunctionAnalysis], figures: [FigureInfo]) -> ComparisonPage {
    let ids = Catalog.all.filter { $0.family == .activation }.map(\.id)
    var rows: [SettingsRow] = []
    for id in ids {
      guard let a = analyses[id] else { continue }
      let p = a.primary
      let f32 = a.facts.precision.first { $0.format == .float32 && $0.direction == 1 && $0.kind == .valueReachesLimit }?.x
      let exact = a.facts.exactTails.first { $0.direction == 1 && $0.kind == .valueReachesLimit }
      let f32Text = exact.map { t in t.boundary.map { "exactly, from \(Readable.number($0))" } ?? "exactly" }
        ?? f32.map { FloatingPointText.input($0, .float32) } ?? "—"
      rows.append(
        SettingsRow(cells: [
          id, Phrasing.range(p), Phrasing.monotonic(p.monotonic), Phrasing.zeroCentred(p), Phrasing.yesNo(p.passesThroughOrigin),
          Readable.number(p.maxAbsDerivative.value), Phrasing.saturation(p), Phrasing.intervals(p.deadRegions),
          a.facts.depth?.depthToVanish.map(String.init) ?? "> 100", f32Text,
        ]))
    }
    return ComparisonPage(
      site: SitePages.site(current: "compare-activations", title: "Activations compared"), id: "compare-activations", title: "Activations compared",
      intro: [
        "The scalar activations side by side, at their default parameters. Zero-centred: the mean output E[f(X)] for X ~ N(0, 1) is 0 (within 10⁻¹²); passes through 0: f(0) = 0, a different property (relu passes through 0 and is not zero-centred). Depth to vanish is the first depth at which the ordinary median of |∏ f′(x_l)| over 10,000 standard-normal draws per layer falls below 10⁻⁶ — activation derivatives alone, weights set aside (the gradient-depth page gives the gain with weights); the Float32 column is the first Float32 input from which the value rounds to its limit toward +∞ (“exactly” where it equals the limit on a half-line, — when it has no finite limit there).",
      ],
      figures: figures.filter { f in
        f.key.hasPrefix("compare-")
          && f.functions.contains { id in Catalog.all.contains { $0.id == id && ($0.family == .activation || $0.family == .gatedUnit) } }
      }.map(\.ref),
      tables: [
        DataTable(
          caption: "Scalar activations at their default parameters",
          header: [
            "id", "range", "monotonic", "zero-centred (mean output)", "passes through 0", "max |f′|", "saturates", "dead regions",
            "depth to vanish (weights set aside)", "Float32 value → limit from x =",
          ],
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
      let params = Phrasing.parameters(p.parameters, spec: spec)
      var cells = [
        spec.id, ViewNaming.pretty(p.viewLabel) + (params.isEmpty ? "" : "; \(params)"), Phrasing.range(p), Readable.smoothness(p.continuity),
        Phrasing.yesNo(p.convex), p.zeroAtCorrect.rawValue, Readable.number(p.maxAbsDerivative.value), p.gradientGrowth.rawValue,
        Phrasing.domainRange(a.domain), Phrasing.yesNo(a.domain.nonNegative),
      ]
      if family == .regressionLoss {
        cells.append(a.facts.minimiser.map { Readable.number($0.minimiser, digits: 6) } ?? "—")
      }
      rows.append(SettingsRow(cells: cells))
    }
    var header = [
      "id", "view shown", "range in that view", "continuity", "convex", "zero at correct", "max |f′|", "gradient",
      "range over the whole domain", "non-negative (whole domain)",
    ]
    if family == .regressionLoss { header.append("minimiser over 0…9, 30") }
    return ComparisonPage(
      site: SitePages.site(current: page, title: title), id: page, title: title, intro: intro,
      figures: figures.filter { $0.key == figureKey || ($0.key.hasPrefix("family-") && $0.functions.contains { id in Catalog.all.contains { $0.id == id && $0.family == family } }) }.map(\.ref),
      tables: [DataTable(caption: title + " at their default parameters (primary view)", header: header, rows: rows)])
  }

  static func depth(_ analyses: [String: FunctionAnalysis], figures: [FigureInfo]) -> ComparisonPage {
    var gainRows: [SettingsRow] = []
    var simulation: GainSimulation.Settings?
    var modelOff: Set<String> = []
    for spec in Catalog.all where spec.family == .activation {
      guard let facts = analyses[spec.id]?.facts else { continue }
      for (i, g) in facts.gains.enumerated() {
        let sim = i < facts.gainSimulations.count ? facts.gainSimulations[i] : nil
        simulation = simulation ?? sim?.settings
        func model(_ k: Int) -> String { k <= g.depthRatio.count ? Readable.number(g.depthRatio[k - 1], digits: 3) : "—" }
        func simulated(_ k: Int) -> String {
          guard let sim, k <= sim.depthRatio.count, k <= g.depthRatio.count else { return "—" }
          guard let band = sim.band(k), let wide = sim.band(k, sigmas: 3) else {
            // No band: the simulated ratio is 0 or not finite (a dead zone
            // zeroed the gradient in a seed); printed as it is, unmarked.
            let r = sim.depthRatio[k - 1]
            return r.isFinite ? Readable.number(r, digits: 3) + " (no band)" : "—"
          }
          let off = !wide.contains(g.depthRatio[k - 1])
          if off { modelOff.insert(spec.id + (g.initialization == .he ? " at He" : " at Xavier")) }
          return Readable.number(sim.depthRatio[k - 1], digits: 3)
            + " (\(Readable.number(band.lowerBound, digits: 2)) to \(Readable.number(band.upperBound, digits: 2)))" + (off ? " †" : "")
        }
        let q = g.source == .fixedPoint ? Readable.number(g.q, digits: 4) : "1 (\(g.source == .everyVariance ? "every q fixed" : "no fixed point"))"
        gainRows.append(
          SettingsRow(cells: [
            spec.id, g.initialization == .he ? "He, σ_w² = 2" : "Xavier, σ_w² = 1", q, Readable.number(g.gain, digits: 4),
            model(10), simulated(10), model(GradientGain.maxDepth), simulated(GradientGain.maxDepth),
          ]))
      }
    }
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
    let offList = modelOff.sorted()
    let simText = simulation.map {
      "The model is checked against finite networks: width \($0.width), depth \($0.depth), weights drawn from N(0, σ_w²/\($0.width)), layer 1's pre-activations from N(0, q), \($0.seeds.count) fixed seeds (SplitMix64), the same weights for every activation. The simulated column is the product over layers l = 1…k of |δ^l|² / |δ^(l+1)|² (δ the gradient with respect to the pre-activations), each averaged over the seeds, and in brackets the range of one standard error (from how far the seeds' own products spread: one network's gradient after many layers varies a lot from draw to draw). "
        + (offList.isEmpty
          ? "The model lies within three standard errors of the simulation everywhere."
          : "† marks where the model lies more than three standard errors from the simulation (\(offList.joined(separator: ", "))): there the mean-field model, which treats each layer's weights as independent of the gradient that reaches them and follows the variance map exactly, is only a rough guide at this width and depth.")
    } ?? "The finite-network check was not run."
    return ComparisonPage(
      site: SitePages.site(current: "gradient-depth", title: "Gradient through depth"), id: "gradient-depth", title: "Gradient through depth",
      intro: [
        "What a deep network does to its gradient at initialisation depends on the weights as much as on the activation. In the standard mean-field model (Poole et al. 2016, Schoenholz et al. 2017) a wide layer with weights W_ij ~ N(0, σ_w²/fan-in) and no bias multiplies the expected squared gradient by the gain χ = σ_w² E[f′(h)²], where h ~ N(0, q) is the layer's pre-activation. σ_w² = 2 is He initialisation, σ_w² = 1 Xavier (LeCun's fan-in form). q is the stable nonzero fixed point of the variance map q ↦ σ_w² E[f(h)²] — the variance a deep network settles at — or q = 1, the variance of standardised inputs, where the map has no nonzero fixed point or where every q is one (relu at He, identity at Xavier; then χ does not depend on q). χ below 1 shrinks the gradient layer by layer, above 1 grows it: relu at He has χ = 2 · P(h > 0) = 1 exactly, and sigmoid, whose derivative is at most 1/4, at most σ_w²/16.",
        "The columns “after k layers” give the model's expected squared gradient that reaches layer 1 from layer k + 1, relative to what left it: the product of χ(q_l) along the variance recursion q_(l+1) = σ_w² E[f(h_l)²] from q_1 = q (χ^k at a fixed point). " + simText,
        "The second table sets the weights aside: it is the chain of activation derivatives alone, |∏ f′(x_l)| with x_l drawn from N(0, 1) independently per layer (10,000 draws in antithetic pairs x, −x, fixed seed): its ordinary median (with 10,000 draws, the mean of the 5,000th and 5,001st smallest) at several depths, its mean at L = 10, and the first depth where the median is below 10⁻⁶. "
          + misleading(analyses),
      ],
      figures: ["gain", "depth"].compactMap { key in figures.first { $0.key == key }?.ref },
      tables: [
        DataTable(
          caption: "Gradient gain per layer with weights at initialisation: the mean-field model and a finite network",
          header: [
            "activation", "initialisation", "q (pre-activation variance)", "gain χ per layer", "after 10 layers: model",
            "after 10 layers: simulated (±1 s.e.)", "after \(GradientGain.maxDepth) layers: model",
            "after \(GradientGain.maxDepth) layers: simulated (±1 s.e.)",
          ],
          rows: gainRows),
        DataTable(
          caption: "Activation derivatives alone, weights set aside: median |∏ f′(x_l)| by depth L",
          header: ["activation", "L = 1", "L = 5", "L = 10", "L = 20", "L = 50", "L = 100", "mean at L = 10", "depth to vanish"],
          rows: rows),
      ])
  }

  /// What the weights-aside chain gets backwards, from this run's numbers:
  /// the activations whose median vanishes before sigmoid's although their
  /// gain with He weights is larger.
  static func misleading(_ analyses: [String: FunctionAnalysis]) -> String {
    guard let sigmoid = analyses["sigmoid"]?.facts, let sigmoidDepth = sigmoid.depth?.depthToVanish,
      let sigmoidGain = sigmoid.gains.first(where: { $0.initialization == .he })?.gain
    else { return "Read the first table for what happens in a network." }
    var cases: [String] = []
    for spec in Catalog.all where spec.family == .activation && spec.id != "sigmoid" {
      guard let f = analyses[spec.id]?.facts, let d = f.depth?.depthToVanish, d < sigmoidDepth,
        let g = f.gains.first(where: { $0.initialization == .he })?.gain, g > sigmoidGain
      else { continue }
      cases.append("\(spec.id) (L = \(d); gain at He \(Readable.number(g, digits: 4)))")
    }
    guard !cases.isEmpty else { return "Read the first table for what happens in a network." }
    return "Without the weights, the median of " + FigureText.list(cases)
      + " falls below 10⁻⁶ before sigmoid's (L = \(sigmoidDepth)), although with He weights sigmoid's gain is "
      + "\(Readable.number(sigmoidGain, digits: 3)) a layer: the chain alone gets the comparison backwards. Read the first table for what happens in a network."
  }

  // MARK: - Methods

  /// The id of a property's definition on the methods page: `property-`
  /// and its name as claim files spell it (`property-convex`).
  static func propertyAnchor(_ name: String) -> String { "property-" + name }

  static func methods(accuracy: [AccuracySummary], tau: Double, analyses: [FunctionAnalysis] = []) -> MethodsPage {
    let thresholds = analyses.flatMap(\.facts.precision)
    let ties = thresholds.reduce(0) { $0 + $1.ties }
    let uncertain = thresholds.reduce(0) { $0 + $1.uncertain }
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
      properties: PropertyDefinitions.all(tau: tau).map {
        DefinitionEntry(anchor: propertyAnchor($0.name), name: $0.name, value: $0.definition)
      },
      thresholds: [
        Fact(name: "Saturation threshold τ", value: Readable.number(tau)),
        Fact(name: "Interval ends (saturation)", value: "bisection to 10⁻⁹ relative"),
        Fact(name: "Jump at a breakpoint", value: "one-sided limits differ by more than 10⁻⁶ of their size"),
        Fact(name: "Zero-centred", value: "|E[f(X)]| ≤ 10⁻¹², X ~ N(0, 1), by quadrature accurate to about 10⁻¹⁵"),
        Fact(name: "Depth to vanish (weights set aside)", value: "ordinary median below 10⁻⁶; 10,000 draws; L ≤ 100"),
        Fact(name: "Gradient gain (with weights)", value: "σ_w² = 2 (He) or 1 (Xavier); fixed point q on 10⁻⁸…10⁸, bisected; check: width 256, depth 50, 6 seeds"),
        Fact(name: "Naive formula failure", value: "overflow, NaN, 0 instead of a nonzero value, or more than 1% off"),
        Fact(
          name: "Precision study, this run",
          value: "\(Readable.count(thresholds.count)) thresholds; \(Readable.count(ties)) inputs whose result was a tie, decided as exact (a Double on a Float16 or Float32 rounding boundary, to even, unless the view gives its value more accurately than a Double, which then decides; or x + c with c half the spacing, by the sign of f(x) − x − c); \(Readable.count(uncertain)) within 4 ulp of a boundary without being on it (undecidable from the Double)"),
        Fact(name: "Limits", value: "values at 10²⁹⁰ and 10³⁰⁰ (or 10⁻²⁹⁰, 10⁻³⁰⁰ from a finite end) agree to 10⁻⁹"),
      ],
      accuracyIntro: [
        "The accuracy rule: a computed component passes when |computed − exact| ≤ max(4 ulp(exact), 2 sens), where sens is how much the exact result moves when the inputs move by one ulp (the backward-stable bound, which only matters where the function itself is that sensitive). ±∞ must match exactly and NaN never passes. The table is computed in this run from the public golden vectors (50-digit references), deciding each component in exact rational arithmetic.",
      ],
      accuracy: DataTable(
        caption: "Accuracy against the golden vectors",
        header: ["id", "vectors", "components", "worst ulp", "by the sens bound", "failures"], rows: rows),
      claimIntro: [
        "lossatlas check FILE.yaml decides statements about these functions with the same engine, for code review and CI (--format github annotates a pull request, --format junit feeds a test report, --format json gives each computed value as data). A claim file is YAML with a top-level claims: list; each claim names a function, a property and what it expects, for example {id: sigmoid-max-slope, function: sigmoid, property: max-abs-derivative, expect: {at-most: 0.25}}. The same reference is printed by lossatlas help claims.",
        ClaimReference.wholeDomain,
      ],
      claimKeys: ClaimReference.keys.map(claimFact),
      claimProperties: ClaimReference.properties.map(claimFact),
      claimExpectations: ClaimReference.expectations.map(claimFact),
      claimIdentities: ClaimReference.identities.map(claimFact),
      userFunctionIntro: MethodsUserFunctions.intro,
      userFunctionGrammar: MethodsUserFunctions.grammar,
      userFunctionDerivatives: MethodsUserFunctions.derivatives,
      userFunctionSafety: MethodsUserFunctions.safety)
  }

  /// An entry of the claim reference for a page: the reader's C∞ where the
  /// terminal help writes Cinf (a claim file accepts both spellings).
  static func claimFact(_ e: ClaimReference.Entry) -> Fact {
    Fact(name: e.name, value: e.meaning.split(separator: "Cinf", omittingEmptySubsequences: false).joined(separator: "C∞"))
  }
}
