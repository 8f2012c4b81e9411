import LossAtlasAnalysis
import LossAtlasCore
import LossAtlasVerification

/// The index, comparison and methods pages.
enum OverviewBuilders {
  static func index(_ analyses: [FunctionAnalysis], accuracy: [String: AccuracySummary], strings: Strings) -> IndexPage {
    var families: [FamilyTable] = []
    for family in Family.allCases {
      let members = analyses.compactMap { a -> (FunctionSpec, FunctionAnalysis)? in
        guard let spec = try? Catalog.function(named: a.id), spec.family == family else { return nil }
        return (spec, a)
      }
      if let table = indexTable(family, members, Phrasing(strings)) { families.append(table.droppingUnusedColumns()) }
    }
    let lines = accuracy.values.reduce(0) { $0 + $1.lines }
    let components = accuracy.values.reduce(0) { $0 + $1.components }
    let failures = accuracy.values.reduce(0) { $0 + $1.failures.count }
    let worst = accuracy.values.map(\.worstUlp).max() ?? 0
    let settings = analyses.reduce(0) { $0 + $1.settings.reduce(0) { $0 + $1.views.count } }
    return IndexPage(
      site: SitePages.site(current: "index", title: "All functions"),
      heading: strings("page.index.heading"),
      intro: [
        strings("page.index.intro.describes", ["count": String(analyses.count)]),
        strings("page.index.intro.replaces"),
      ],
      howMade: [
        strings(
          "page.index.howMade.accuracy",
          [
            "components": String(components), "lines": String(lines), "worst": Readable.number(worst, digits: 3),
            "failures": String(failures),
          ]),
        strings("page.index.howMade.properties", ["settings": String(settings)]),
      ],
      families: families,
      pages: SitePages.main.dropFirst().map { NavLink(page: $0.page, title: $0.title, current: false) })
  }

  /// One family's table. Activations: one argument, so the view is the
  /// function. Losses (and the vector activations): the view each row
  /// shows is named with its parameters, and the range, non-negativity and
  /// convexity over the whole domain (every argument free) stand beside it.
  static func indexTable(_ family: Family, _ members: [(FunctionSpec, FunctionAnalysis)], _ ph: Phrasing) -> FamilyTable? {
    guard !members.isEmpty else { return nil }
    func continuity(_ p: ViewProperties) -> String { ph.smoothness(p.continuity) }
    if family == .activation {
      let header = [
        "range", "monotonic", "continuity", "saturatesLeft", "saturatesRight", "convex", "zeroCentred", "passesThroughZero",
        "maxAbsDerivative",
      ].map { ph.strings("page.index.column." + $0) }
      let rows = members.map { spec, a -> IndexRow in
        let p = a.primary
        let params = Phrasing.parameters(p.parameters, spec: spec)
        return IndexRow(
          id: spec.id,
          name: params.isEmpty ? ph.name(spec) : ph.strings("page.index.nameWithParameters", ["name": ph.name(spec), "parameters": params]),
          cells: [
            Phrasing.range(p), ph.monotonic(p.monotonic), continuity(p), ph.yesNo(p.saturatesLeft),
            ph.yesNo(p.saturatesRight), ph.yesNo(p.convex), ph.zeroCentred(p),
            ph.yesNo(p.passesThroughOrigin), Readable.number(p.maxAbsDerivative.value),
          ])
      }
      return FamilyTable(
        title: ph.family(family),
        note: ph.strings("page.index.activationNote"),
        anchor: family.rawValue, header: header, rows: rows)
    }
    let header = [
      "viewShown", "rangeInView", "monotonic", "continuity", "saturatesLeft", "saturatesRight", "zeroAtCorrect", "gradient",
      "maxAbsDerivative", "rangeWholeDomain", "nonNegativeWholeDomain", "convexWholeDomain",
    ].map { ph.strings("page.index.column." + $0) }
    let rows = members.map { spec, a -> IndexRow in
      let p = a.primary
      let d = a.domain
      let params = Phrasing.parameters(p.parameters, spec: spec)
      let shown = ViewNaming.label(p.viewLabel, ph) + (params.isEmpty ? "" : "; \(params)")
      return IndexRow(
        id: spec.id, name: ph.name(spec),
        cells: [
          shown, Phrasing.range(p), ph.monotonic(p.monotonic), continuity(p), ph.yesNo(p.saturatesLeft),
          ph.yesNo(p.saturatesRight), family.isLoss ? ph.zeroAtCorrectWord(p.zeroAtCorrect) : "—",
          family.isLoss ? ph.growthWord(p.gradientGrowth) : "—", Readable.number(p.maxAbsDerivative.value),
          Phrasing.domainRange(d), ph.yesNo(d.nonNegative), ph.yesNo(d.convex),
        ])
    }
    return FamilyTable(
      title: ph.family(family),
      note: ph.strings("page.index.lossNote"),
      anchor: family.rawValue, header: header, rows: rows)
  }

  // MARK: - Comparisons

  static func activations(_ analyses: [String: FunctionAnalysis], figures: [FigureInfo], strings: Strings) -> ComparisonPage {
    let ph = Phrasing(strings)
    // The shrink and GLU comparisons have their own pages.
    let ownPage: Set<String> = ["compare-shrink", "compare-glu-variants"]
    let ids = Catalog.all.filter { $0.family == .activation }.map(\.id)
    var rows: [SettingsRow] = []
    for id in ids {
      guard let a = analyses[id] else { continue }
      let p = a.primary
      let f32 = a.facts.precision.first { $0.format == .float32 && $0.direction == 1 && $0.kind == .valueReachesLimit }?.x
      let exact = a.facts.exactTails.first { $0.direction == 1 && $0.kind == .valueReachesLimit }
      let f32Text = exact.map { t in
        t.boundary.map { strings("page.compare.activations.exactlyFrom", ["x": Readable.number($0)]) }
          ?? strings("page.compare.activations.exactly")
      }
        ?? f32.map { FloatingPointText.input($0, .float32) } ?? "—"
      rows.append(
        SettingsRow(cells: [
          id, Phrasing.range(p), ph.monotonic(p.monotonic), ph.zeroCentred(p), ph.yesNo(p.passesThroughOrigin),
          Readable.number(p.maxAbsDerivative.value), ph.saturation(p), ph.intervals(p.deadRegions),
          a.facts.depth?.depthToVanish.map(String.init) ?? strings("page.compare.beyond100"), f32Text,
        ]))
    }
    return ComparisonPage(
      site: SitePages.site(current: "compare-activations", title: "Activations compared"), id: "compare-activations",
      title: strings("page.compare.activations.title"),
      intro: [strings("page.compare.activations.intro")],
      figures: figures.filter { f in
        f.key.hasPrefix("compare-") && !ownPage.contains(f.key)
          && f.functions.contains { id in Catalog.all.contains { $0.id == id && ($0.family == .activation || $0.family == .gatedUnit) } }
      }.map(\.ref),
      tables: [
        DataTable(
          caption: strings("page.compare.activations.caption"),
          header: [
            "id", "range", "monotonic", "zeroCentred", "passesThroughZero", "maxAbsDerivative", "saturates", "deadRegions",
            "depthToVanish", "float32Limit",
          ].map { strings("page.compare.column." + $0) },
          rows: rows)
      ])
  }

  static func losses(
    page: String, title: String, family: Family, intro: [String], _ analyses: [String: FunctionAnalysis], figures: [FigureInfo], figureKey: String,
    strings: Strings
  ) -> ComparisonPage {
    let ph = Phrasing(strings)
    var rows: [SettingsRow] = []
    for spec in Catalog.all where spec.family == family {
      guard let a = analyses[spec.id] else { continue }
      let p = a.primary
      let params = Phrasing.parameters(p.parameters, spec: spec)
      var cells = [
        spec.id, ViewNaming.label(p.viewLabel, ph) + (params.isEmpty ? "" : "; \(params)"), Phrasing.range(p), ph.smoothness(p.continuity),
        ph.yesNo(p.convex), ph.zeroAtCorrectWord(p.zeroAtCorrect), Readable.number(p.maxAbsDerivative.value), ph.growthWord(p.gradientGrowth),
        Phrasing.domainRange(a.domain), ph.yesNo(a.domain.nonNegative),
      ]
      if family == .regressionLoss {
        cells.append(a.facts.minimiser.map { Readable.number($0.minimiser, digits: 6) } ?? "—")
      }
      rows.append(SettingsRow(cells: cells))
    }
    var header = [
      "id", "viewShown", "rangeInView", "continuity", "convex", "zeroAtCorrect", "maxAbsDerivative", "gradient",
      "rangeWholeDomain", "nonNegativeWholeDomain",
    ].map { strings("page.compare.column." + $0) }
    if family == .regressionLoss { header.append(strings("page.compare.column.minimiser")) }
    return ComparisonPage(
      site: SitePages.site(current: page, title: title), id: page, title: title, intro: intro,
      figures: figures.filter { $0.key == figureKey || ($0.key.hasPrefix("family-") && $0.functions.contains { id in Catalog.all.contains { $0.id == id && $0.family == family } }) }.map(\.ref),
      tables: [DataTable(caption: strings("page.compare.losses.caption", ["title": title]), header: header, rows: rows)])
  }

  static func depth(_ analyses: [String: FunctionAnalysis], figures: [FigureInfo], strings: Strings) -> ComparisonPage {
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
            return r.isFinite ? strings("page.depth.noBand", ["ratio": Readable.number(r, digits: 3)]) : "—"
          }
          let off = !wide.contains(g.depthRatio[k - 1])
          if off { modelOff.insert(strings(g.initialization == .he ? "page.depth.offHe" : "page.depth.offXavier", ["id": spec.id])) }
          let cell = strings(
            "page.depth.simulated",
            [
              "ratio": Readable.number(sim.depthRatio[k - 1], digits: 3), "low": Readable.number(band.lowerBound, digits: 2),
              "high": Readable.number(band.upperBound, digits: 2),
            ])
          return off ? cell + " †" : cell
        }
        let q = g.source == .fixedPoint
          ? Readable.number(g.q, digits: 4) : strings(g.source == .everyVariance ? "page.depth.qEvery" : "page.depth.qNone")
        gainRows.append(
          SettingsRow(cells: [
            spec.id, strings(g.initialization == .he ? "page.depth.he" : "page.depth.xavier"), q, Readable.number(g.gain, digits: 4),
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
          d.depthToVanish.map(String.init) ?? strings("page.compare.beyond100"),
        ]))
    }
    let offList = modelOff.sorted()
    let simText = simulation.map {
      strings("page.depth.simulation", ["width": String($0.width), "depth": String($0.depth), "seeds": String($0.seeds.count)])
        + (offList.isEmpty
          ? strings("page.depth.modelAgrees") : strings("page.depth.modelOff", ["list": offList.joined(separator: strings("page.depth.listSeparator"))]))
    } ?? strings("page.depth.notRun")
    return ComparisonPage(
      site: SitePages.site(current: "gradient-depth", title: "Gradient through depth"), id: "gradient-depth",
      title: strings("page.depth.title"),
      intro: [
        strings("page.depth.introModel"),
        strings("page.depth.introColumns", ["simulation": simText]),
        strings("page.depth.introChain", ["misleading": misleading(analyses, strings)]),
      ],
      figures: ["gain", "depth"].compactMap { key in figures.first { $0.key == key }?.ref },
      tables: [
        DataTable(
          caption: strings("page.depth.gainCaption"),
          header: [
            strings("page.depth.column.activation"), strings("page.depth.column.initialisation"), strings("page.depth.column.q"),
            strings("page.depth.column.gain"), strings("page.depth.column.model", ["k": "10"]),
            strings("page.depth.column.simulated", ["k": "10"]), strings("page.depth.column.model", ["k": String(GradientGain.maxDepth)]),
            strings("page.depth.column.simulated", ["k": String(GradientGain.maxDepth)]),
          ],
          rows: gainRows),
        DataTable(
          caption: strings("page.depth.chainCaption"),
          header: [strings("page.depth.column.activation"), "L = 1", "L = 5", "L = 10", "L = 20", "L = 50", "L = 100"]
            + [strings("page.depth.column.meanAt10"), strings("page.depth.column.depthToVanish")],
          rows: rows),
      ])
  }

  /// What the weights-aside chain gets backwards, from this run's numbers:
  /// the activations whose median vanishes before sigmoid's although their
  /// gain with He weights is larger.
  static func misleading(_ analyses: [String: FunctionAnalysis], _ strings: Strings) -> String {
    guard let sigmoid = analyses["sigmoid"]?.facts, let sigmoidDepth = sigmoid.depth?.depthToVanish,
      let sigmoidGain = sigmoid.gains.first(where: { $0.initialization == .he })?.gain
    else { return strings("page.depth.readFirst") }
    var cases: [String] = []
    for spec in Catalog.all where spec.family == .activation && spec.id != "sigmoid" {
      guard let f = analyses[spec.id]?.facts, let d = f.depth?.depthToVanish, d < sigmoidDepth,
        let g = f.gains.first(where: { $0.initialization == .he })?.gain, g > sigmoidGain
      else { continue }
      cases.append(strings("page.depth.misleadingCase", ["id": spec.id, "depth": String(d), "gain": Readable.number(g, digits: 4)]))
    }
    guard !cases.isEmpty else { return strings("page.depth.readFirst") }
    return strings(
      "page.depth.misleading",
      [
        "cases": Phrasing(strings).list(cases), "sigmoidDepth": String(sigmoidDepth),
        "sigmoidGain": Readable.number(sigmoidGain, digits: 3),
      ])
  }

  // MARK: - Methods

  /// The id of a property's definition on the methods page: `property-`
  /// and its name as claim files spell it (`property-convex`).
  static func propertyAnchor(_ name: String) -> String { "property-" + name }

  static func methods(
    accuracy: [AccuracySummary], tau: Double, analyses: [FunctionAnalysis] = [], strings: Strings = .english
  ) -> MethodsPage {
    func say(_ key: String, _ values: [String: String] = [:]) -> String { strings("page.methods." + key, values) }
    let thresholds = analyses.flatMap(\.facts.precision)
    let ties = thresholds.reduce(0) { $0 + $1.ties }
    let uncertain = thresholds.reduce(0) { $0 + $1.uncertain }
    let rows = accuracy.map { s in
      SettingsRow(cells: [
        s.id, String(s.lines), String(s.components), Readable.number(s.worstUlp, digits: 3), String(s.neededSens),
        s.failures.isEmpty ? "0" : say("failures", ["count": String(s.failures.count)]),
      ])
    }
    return MethodsPage(
      site: SitePages.site(current: "methods", title: "Methods"),
      intro: [
        say("intro"),
      ],
      properties: PropertyDefinitions.all(tau: tau, strings: strings).map {
        DefinitionEntry(anchor: propertyAnchor($0.name), name: $0.name, value: $0.definition)
      },
      thresholds: [
        Fact(name: say("threshold.saturationThreshold.name"), value: Readable.number(tau)),
        Fact(name: say("threshold.intervalEnds.name"), value: say("threshold.intervalEnds.value")),
        Fact(name: say("threshold.jump.name"), value: say("threshold.jump.value")),
        Fact(name: say("threshold.zeroCentred.name"), value: say("threshold.zeroCentred.value")),
        Fact(name: say("threshold.depthToVanish.name"), value: say("threshold.depthToVanish.value")),
        Fact(name: say("threshold.gain.name"), value: say("threshold.gain.value")),
        Fact(name: say("threshold.naive.name"), value: say("threshold.naive.value")),
        Fact(
          name: say("threshold.precision.name"),
          value: say(
            "threshold.precision.value",
            ["thresholds": Readable.count(thresholds.count), "ties": Readable.count(ties), "uncertain": Readable.count(uncertain)])),
        Fact(name: say("threshold.limits.name"), value: say("threshold.limits.value")),
      ],
      accuracyIntro: [
        say("accuracyIntro"),
      ],
      accuracy: DataTable(
        caption: say("accuracy.caption"),
        header: ["id", "vectors", "components", "worstUlp", "sensBound", "failures"].map { say("accuracy.column." + $0) }, rows: rows),
      claimIntro: [say("claimIntro"), strings(MethodsText.wholeDomainKey)].map { CodeParagraph($0, code: MethodsText.claimExample) },
      claimKeys: ClaimReference.keys.map { claimFact($0, MethodsText.keyKey, strings) },
      claimProperties: ClaimReference.properties.map { claimFact($0, MethodsText.propertyKey, strings) },
      claimExpectations: ClaimReference.expectations.map { claimFact($0, MethodsText.expectationKey, strings) },
      claimIdentities: ClaimReference.identities.map { claimFact($0, MethodsText.identityKey, strings) },
      userFunctionIntro: MethodsUserFunctions.intro(strings),
      userFunctionGrammar: MethodsUserFunctions.grammar(strings),
      userFunctionDerivatives: MethodsUserFunctions.derivatives(strings),
      userFunctionSafety: MethodsUserFunctions.safety(strings))
  }

  /// An entry of the claim reference for a page, its meaning in `strings`'s
  /// edition (``MethodsText``; English: ``ClaimReference``'s own): the
  /// reader's C∞ where the terminal help writes Cinf (a claim file accepts
  /// both spellings).
  static func claimFact(_ e: ClaimReference.Entry, _ key: (String) -> String, _ strings: Strings) -> Fact {
    let meaning = strings(key(e.name))
    return Fact(name: e.name, value: meaning.split(separator: "Cinf", omittingEmptySubsequences: false).joined(separator: "C∞"))
  }
}
