import LossAtlasAnalysis
import LossAtlasCore

/// The page `compare-shrink`: hardshrink, softshrink, tanhshrink and
/// threshold side by side. Every English word of the page (figure caption,
/// intro, table, the computed sentences) is in this file; every number is
/// the property engine's, from this run.
enum ShrinkComparison {
  /// The page's shared phrasing (ranges, intervals, yes/no), in English like its prose.
  static let ph = Phrasing(Strings.english)

  static let page = "compare-shrink"
  static let title = "Shrink functions compared"
  static let members = ["hardshrink", "softshrink", "tanhshrink", "threshold"]

  static func build(_ analyses: [String: FunctionAnalysis], figures: [FigureInfo]) -> ComparisonPage {
    let present = members.compactMap { id in
      analyses[id].flatMap { a in (try? Catalog.function(named: id)).map { (spec: $0, p: a.primary) } }
    }
    func name(_ m: (spec: FunctionSpec, p: ViewProperties)) -> String {
      let params = Phrasing.parameters(m.p.parameters, spec: m.spec)
      return m.spec.id + (params.isEmpty ? "" : " (\(params))")
    }
    let rows = present.map { m in
      SettingsRow(cells: [
        name(m), ph.intervals(m.p.deadRegions), Readable.smoothness(m.p.continuity), jumps(m.p).map { j in
          "\(Readable.number(j.size)) at x = \(Readable.number(j.x))"
        }.joined(separator: "; ").ifEmpty("none"),
        Phrasing.range(m.p), ph.monotonic(m.p.monotonic), ph.yesNo(m.p.passesThroughOrigin),
        Readable.number(m.p.maxAbsDerivative.value), ph.flatZones(m.p),
      ])
    }
    return ComparisonPage(
      site: SitePages.site(current: page, title: title), id: page, title: title,
      intro: [
        "Activations that set small inputs to exactly 0, at their default parameters: hardshrink keeps x outside a band, softshrink also moves it toward 0 by the band's half-width (soft thresholding, the lasso's proximal step), tanhshrink x − tanh x is a smooth relative without a dead zone, and threshold is the one-sided version (x above t, the constant v at and below it). The band where the output is exactly 0, the jumps and the slopes are the property engine's, computed in this run.",
      ] + sentences(present.map { (name($0), $0.spec.id, $0.p) }),
      figures: figures.filter { $0.key == "compare-shrink" }.map(\.ref),
      tables: [
        DataTable(
          caption: "The shrink functions and threshold at their default parameters",
          header: [
            "id", "dead zone (f′ exactly 0)", "continuity", "jumps of f (right minus left limit)", "range", "monotonic",
            "passes through 0", "max |f′|",
            "flat zones (|f′| below \(Readable.percent(present.first?.p.saturationThreshold ?? 0)) of its max)",
          ],
          rows: rows)
      ])
  }

  /// The jumps of f itself, from the engine's breakpoints.
  static func jumps(_ p: ViewProperties) -> [(x: Double, size: Double)] {
    p.breakpoints.filter { $0.firstJumpOrder == 0 }.map { ($0.x, $0.jumps[0]) }
  }

  /// The page's computed sentences: the dead zones, the jumps, and the flat
  /// zone of the function without a dead zone.
  static func sentences(_ members: [(name: String, id: String, p: ViewProperties)]) -> [String] {
    var out: [String] = []
    // Dead zones, grouped by the band (hardshrink and softshrink share one).
    var bands: [(band: String, names: [String])] = []
    for m in members where !m.p.deadRegions.isEmpty {
      let band = ph.intervals(m.p.deadRegions)
      if let k = bands.firstIndex(where: { $0.band == band }) { bands[k].names.append(m.name) } else { bands.append((band, [m.name])) }
    }
    let alive = members.filter { $0.p.deadRegions.isEmpty }.map(\.id)
    if !bands.isEmpty {
      out.append(
        "Exactly 0, with f′ exactly 0: " + FigureText.list(bands.map { "\(FigureText.list($0.names)) on \($0.band)" })
          + (alive.isEmpty ? "." : "; \(FigureText.list(alive)) nowhere (no dead zone)."))
    }
    // Jumps of f, and the continuous ones' smoothness.
    let jumping = members.filter { !jumps($0.p).isEmpty }.map { m in
      "\(m.id) " + FigureText.list(jumps(m.p).map { "by \(Readable.number($0.size)) at x = \(Readable.number($0.x))" })
    }
    let continuous = members.filter { jumps($0.p).isEmpty }.map { "\($0.id) is \(Readable.smoothness($0.p.continuity))" }
    if !jumping.isEmpty || !continuous.isEmpty {
      out.append(
        (jumping.isEmpty ? "" : "The output jumps: \(FigureText.list(jumping)). ")
          + (continuous.isEmpty ? "" : "Continuous: \(FigureText.list(continuous)).").trimmingSpace())
    }
    // The smooth function's soft dead zone.
    for m in members where m.p.deadRegions.isEmpty && !m.p.flatZones.isEmpty {
      out.append(
        "\(m.id) has no dead zone, but its slope stays below \(Readable.percent(m.p.saturationThreshold)) of its maximum (\(Readable.number(m.p.maxAbsDerivative.value))) on "
          + m.p.flatZones.map { Readable.interval($0.interval) }.joined(separator: " and ") + ": a soft dead zone.")
    }
    return out
  }
}

extension String {
  /// The string, or `replacement` when it is empty.
  func ifEmpty(_ replacement: String) -> String { isEmpty ? replacement : self }

  /// Without trailing spaces.
  func trimmingSpace() -> String {
    var s = self
    while s.last == " " { s.removeLast() }
    return s
  }
}
