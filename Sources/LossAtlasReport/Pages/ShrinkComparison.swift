import LossAtlasAnalysis
import LossAtlasCore

/// The page `compare-shrink`: hardshrink, softshrink, tanhshrink and
/// threshold side by side. Its words (intro, table, the sentences around
/// the computed facts) are the strings tables' `page.compare.shrink.*`
/// (`templates/strings/<lang>/comparisons.yaml`), in the edition's
/// language; every number is the property engine's, from this run.
enum ShrinkComparison {
  static let page = "compare-shrink"
  /// The navigation's English title (`site.page.compare-shrink`).
  static let title = "Shrink functions compared"
  static let members = ["hardshrink", "softshrink", "tanhshrink", "threshold"]

  static func build(_ analyses: [String: FunctionAnalysis], figures: [FigureInfo], strings: Strings) -> ComparisonPage {
    let ph = Phrasing(strings)
    func say(_ key: String, _ values: [String: String] = [:]) -> String { strings("page.compare.shrink." + key, values) }
    let present = members.compactMap { id in
      analyses[id].flatMap { a in (try? Catalog.function(named: id)).map { (spec: $0, p: a.primary) } }
    }
    func name(_ m: (spec: FunctionSpec, p: ViewProperties)) -> String {
      let params = Phrasing.parameters(m.p.parameters, spec: m.spec)
      return params.isEmpty ? m.spec.id : strings("page.index.nameWithParameters", ["name": m.spec.id, "parameters": params])
    }
    let rows = present.map { m in
      SettingsRow(cells: [
        name(m), ph.intervals(m.p.deadRegions), ph.smoothness(m.p.continuity),
        jumps(m.p).map { j in say("jumpCell", ["size": Readable.number(j.size), "x": Readable.number(j.x)]) }
          .joined(separator: ph.say("separator.clauses")).ifEmpty(ph.say("none")),
        Phrasing.range(m.p), ph.monotonic(m.p.monotonic), ph.yesNo(m.p.passesThroughOrigin),
        Readable.number(m.p.maxAbsDerivative.value), ph.flatZones(m.p),
      ])
    }
    let title = strings("site.page.\(page)")
    func column(_ key: String) -> String { strings("page.compare.column." + key) }
    return ComparisonPage(
      site: SitePages.site(current: page, title: title), id: page, title: title,
      intro: [say("intro")] + sentences(present.map { (name($0), $0.spec.id, $0.p) }, strings: strings),
      figures: figures.filter { $0.key == "compare-shrink" }.map(\.ref),
      tables: [
        DataTable(
          caption: say("caption"),
          header: [
            column("id"), say("column.deadZone"), column("continuity"), say("column.jumps"), column("range"),
            column("monotonic"), column("passesThroughZero"), column("maxAbsDerivative"),
            say("column.flatZones", ["percent": Readable.percent(present.first?.p.saturationThreshold ?? 0)]),
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
  static func sentences(_ members: [(name: String, id: String, p: ViewProperties)], strings: Strings) -> [String] {
    let ph = Phrasing(strings)
    func say(_ key: String, _ values: [String: String] = [:]) -> String { strings("page.compare.shrink." + key, values) }
    var out: [String] = []
    // Dead zones, grouped by the band (hardshrink and softshrink share one).
    var bands: [(band: String, names: [String])] = []
    for m in members where !m.p.deadRegions.isEmpty {
      let band = ph.intervals(m.p.deadRegions)
      if let k = bands.firstIndex(where: { $0.band == band }) { bands[k].names.append(m.name) } else { bands.append((band, [m.name])) }
    }
    let alive = members.filter { $0.p.deadRegions.isEmpty }.map(\.id)
    if !bands.isEmpty {
      // Clauses: each band names its functions as a list.
      let listed = ph.clauses(bands.map { say("dead.band", ["names": ph.list($0.names), "band": $0.band]) })
      out.append(
        alive.isEmpty
          ? say("dead.sentence", ["bands": listed]) : say("dead.sentenceAlive", ["bands": listed, "alive": ph.list(alive)]))
    }
    // Jumps of f, and the continuous ones' smoothness.
    let jumping = members.filter { !jumps($0.p).isEmpty }.map { m in
      say(
        "jumps.member",
        [
          "id": m.id,
          "jumps": ph.list(jumps(m.p).map { say("jumpBy", ["size": Readable.number($0.size), "x": Readable.number($0.x)]) }),
        ])
    }
    let continuous = members.filter { jumps($0.p).isEmpty }.map {
      say("continuous.member", ["id": $0.id, "class": ph.smoothness($0.p.continuity)])
    }
    let parts = [
      jumping.isEmpty ? nil : say("jumps.sentence", ["list": ph.clauses(jumping)]),
      continuous.isEmpty ? nil : say("continuous.sentence", ["list": ph.list(continuous)]),
    ].compactMap { $0 }
    if !parts.isEmpty { out.append(parts.joined(separator: say("sentenceSeparator"))) }
    // The smooth function's soft dead zone.
    for m in members where m.p.deadRegions.isEmpty && !m.p.flatZones.isEmpty {
      out.append(
        say(
          "softDeadZone",
          [
            "id": m.id, "percent": Readable.percent(m.p.saturationThreshold), "max": Readable.number(m.p.maxAbsDerivative.value),
            "intervals": m.p.flatZones.map { Readable.interval($0.interval) }.joined(separator: ph.say("location.separator")),
          ]))
    }
    return out
  }
}

extension String {
  /// The string, or `replacement` when it is empty.
  func ifEmpty(_ replacement: String) -> String { isEmpty ? replacement : self }
}
