import LossAtlasAnalysis
import LossAtlasCore

/// The page `compare-glu-variants`: glu, reglu, geglu and swiglu, the gated
/// linear units a·g(b), side by side through their gates. Every English
/// word of the page is in this file; every number is the property
/// engine's, from this run.
enum GLUComparison {
  /// The page's shared phrasing (ranges, intervals, yes/no), in English like its prose.
  static let ph = Phrasing(Strings.english)

  static let page = "compare-glu-variants"
  static let title = "GLU variants compared"
  static let members = ["glu", "reglu", "geglu", "swiglu"]

  /// Each unit's gate g in f(a, b) = a·g(b), as the catalog defines it.
  static let gates = ["glu": "sigmoid σ(b)", "reglu": "relu(b)", "geglu": "gelu(b), erf form", "swiglu": "silu(b) = b σ(βb)"]

  /// One unit: its entry, its view in b at a = 1 (the primary view) and at
  /// a = 2, when analysed.
  struct Member {
    let spec: FunctionSpec
    let atOne: ViewProperties
    let atTwo: ViewProperties?
  }

  static func members(_ analyses: [String: FunctionAnalysis]) -> [Member] {
    members.compactMap { id in
      guard let a = analyses[id], let spec = try? Catalog.function(named: id) else { return nil }
      let setting = a.settings[a.defaultIndex]
      let views = spec.views(setting.parameters)
      let two = views.indices.first { k in views[k].argument == "b" && views[k].fixed.contains { $0.name == "a" && $0.value == .real(2) } }
      return Member(spec: spec, atOne: a.primary, atTwo: two.map { setting.views[$0] })
    }
  }

  static func build(_ analyses: [String: FunctionAnalysis], figures: [FigureInfo]) -> ComparisonPage {
    let present = members(analyses)
    let rows = present.map { m in
      let p = m.atOne
      let params = Phrasing.parameters(p.parameters, spec: m.spec)
      return SettingsRow(cells: [
        m.spec.id + (params.isEmpty ? "" : " (\(params))"), gates[m.spec.id] ?? "—", Phrasing.range(p), dip(p) ?? "none",
        Readable.smoothness(p.continuity), ph.intervals(p.deadRegions), ph.monotonic(p.monotonic),
        ph.extremum(p.maxAbsDerivative, "b"), m.atTwo.map { Readable.number($0.maxAbsDerivative.value) } ?? "—",
      ])
    }
    return ComparisonPage(
      site: SitePages.site(current: page, title: title), id: page, title: title,
      intro: [
        "The gated linear units multiply a value half a by a gate g computed from the other half b: f(a, b) = a·g(b), with ∂f/∂a = g(b) and ∂f/∂b = a·g′(b). At a = 1 each unit is its gate, so the differences between the variants are the differences between their gates: where the gate is bounded, where it dips below 0, where it is flat and where it has a kink. The columns below are the property engine's, on each unit's view in b at a = 1 (and the steepest slope again at a = 2), at the default parameters.",
      ] + sentences(present),
      figures: figures.filter { $0.key == "compare-glu-variants" }.map(\.ref),
      tables: [
        DataTable(
          caption: "The GLU variants in their gate b at a = 1, default parameters",
          header: [
            "id", "gate g", "range of f(1, b) = g(b)", "negative dip (minimum below 0)", "continuity",
            "dead zone (∂f/∂b exactly 0)", "monotonic in b", "max |∂f/∂b| at a = 1", "max |∂f/∂b| at a = 2",
          ],
          rows: rows)
      ])
  }

  /// The minimum below 0 and where, or nil when the gate never goes below 0.
  static func dip(_ p: ViewProperties) -> String? {
    guard p.infimum.value < 0, p.infimum.value.isFinite else { return nil }
    return ph.extremum(p.infimum, "b")
  }

  /// The page's computed sentences: which gates dip below 0, which have a
  /// dead zone or a kink, and how steep each gets.
  static func sentences(_ members: [Member]) -> [String] {
    var out: [String] = []
    let nonNegative = members.filter { dip($0.atOne) == nil }.map { "\($0.spec.id) in \(Phrasing.range($0.atOne))" }
    let dipping = members.filter { dip($0.atOne) != nil }.map { m in
      "\(m.spec.id) to \(Readable.number(m.atOne.infimum.value)) \(ph.locations(m.atOne.infimum, "b"))"
    }
    if !nonNegative.isEmpty || !dipping.isEmpty {
      out.append(
        "At a = 1: " + (nonNegative.isEmpty ? "" : "\(FigureText.list(nonNegative)) never go below 0")
          + (nonNegative.isEmpty || dipping.isEmpty ? "" : "; ")
          + (dipping.isEmpty ? "" : "\(FigureText.list(dipping)) dip below 0, so a negative b can pass a small signal of the opposite sign")
          + ".")
    }
    let dead = members.filter { !$0.atOne.deadRegions.isEmpty }.map {
      "\($0.spec.id) on \(ph.intervals($0.atOne.deadRegions)) (\(Readable.smoothness($0.atOne.continuity)))"
    }
    let alive = members.filter { $0.atOne.deadRegions.isEmpty }.map { "\($0.spec.id) (\(Readable.smoothness($0.atOne.continuity)))" }
    if !dead.isEmpty {
      out.append(
        "A dead zone in b (∂f/∂b exactly 0 at a = 1): \(FigureText.list(dead)); "
          + (alive.isEmpty ? "every unit has one." : "none in \(FigureText.list(alive))."))
    }
    let slopes = members.map { m in
      "\(m.spec.id) \(Readable.number(m.atOne.maxAbsDerivative.value, digits: 4))"
        + (m.atTwo.map { " (\(Readable.number($0.maxAbsDerivative.value, digits: 4)) at a = 2)" } ?? "")
    }
    if !slopes.isEmpty { out.append("The steepest ∂f/∂b at a = 1: \(FigureText.list(slopes)).") }
    return out
  }
}
