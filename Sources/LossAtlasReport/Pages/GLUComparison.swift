import LossAtlasAnalysis
import LossAtlasCore

/// The page `compare-glu-variants`: glu, reglu, geglu and swiglu, the gated
/// linear units a·g(b), side by side through their gates. Its words are
/// the strings tables' `page.compare.glu.*` (`templates/strings/<lang>/comparisons.yaml`),
/// in the edition's language; every number is the property engine's,
/// from this run.
enum GLUComparison {
  static let page = "compare-glu-variants"
  /// The navigation's English title (`site.page.compare-glu-variants`).
  static let title = "GLU variants compared"
  static let members = ["glu", "reglu", "geglu", "swiglu"]

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

  static func build(_ analyses: [String: FunctionAnalysis], figures: [FigureInfo], strings: Strings) -> ComparisonPage {
    let ph = Phrasing(strings)
    func say(_ key: String, _ values: [String: String] = [:]) -> String { strings("page.compare.glu." + key, values) }
    let present = members(analyses)
    let rows = present.map { m in
      let p = m.atOne
      let params = Phrasing.parameters(p.parameters, spec: m.spec)
      // Each unit's gate g in f(a, b) = a·g(b), as the catalog defines it.
      let gate = "page.compare.glu.gate.\(m.spec.id)"
      return SettingsRow(cells: [
        params.isEmpty ? m.spec.id : strings("page.index.nameWithParameters", ["name": m.spec.id, "parameters": params]),
        strings.has(gate) ? strings(gate) : "—", Phrasing.range(p), dip(p, ph) ?? ph.say("none"),
        ph.smoothness(p.continuity), ph.intervals(p.deadRegions), ph.monotonic(p.monotonic),
        ph.extremum(p.maxAbsDerivative, "b"), m.atTwo.map { Readable.number($0.maxAbsDerivative.value) } ?? "—",
      ])
    }
    let title = strings("site.page.\(page)")
    return ComparisonPage(
      site: SitePages.site(current: page, title: title), id: page, title: title,
      intro: [say("intro")] + sentences(present, strings: strings),
      figures: figures.filter { $0.key == "compare-glu-variants" }.map(\.ref),
      tables: [
        DataTable(
          caption: say("caption"),
          header: [
            strings("page.compare.column.id"), say("column.gate"), say("column.range"), say("column.dip"),
            strings("page.compare.column.continuity"), say("column.deadZone"), say("column.monotonic"),
            say("column.maxSlopeAt", ["a": "1"]), say("column.maxSlopeAt", ["a": "2"]),
          ],
          rows: rows)
      ])
  }

  /// The minimum below 0 and where, or nil when the gate never goes below 0.
  static func dip(_ p: ViewProperties, _ ph: Phrasing) -> String? {
    guard p.infimum.value < 0, p.infimum.value.isFinite else { return nil }
    return ph.extremum(p.infimum, "b")
  }

  /// The page's computed sentences: which gates dip below 0, which have a
  /// dead zone or a kink, and how steep each gets.
  static func sentences(_ members: [Member], strings: Strings) -> [String] {
    let ph = Phrasing(strings)
    func say(_ key: String, _ values: [String: String] = [:]) -> String { strings("page.compare.glu." + key, values) }
    var out: [String] = []
    let nonNegative = members.filter { dip($0.atOne, ph) == nil }.map {
      say("sign.nonNegativeMember", ["id": $0.spec.id, "range": Phrasing.range($0.atOne)])
    }
    let dipping = members.filter { dip($0.atOne, ph) != nil }.map { m in
      say(
        "sign.dipMember",
        ["id": m.spec.id, "value": Readable.number(m.atOne.infimum.value), "locations": ph.locations(m.atOne.infimum, "b")])
    }
    let signs = [
      nonNegative.isEmpty ? nil : say("sign.nonNegative", ["list": ph.list(nonNegative)]),
      dipping.isEmpty ? nil : say("sign.dipping", ["list": ph.list(dipping)]),
    ].compactMap { $0 }
    if !signs.isEmpty { out.append(say("sign.sentence", ["clauses": signs.joined(separator: ph.say("separator.clauses"))])) }
    let dead = members.filter { !$0.atOne.deadRegions.isEmpty }.map {
      say("dead.member", ["id": $0.spec.id, "intervals": ph.intervals($0.atOne.deadRegions), "class": ph.smoothness($0.atOne.continuity)])
    }
    let alive = members.filter { $0.atOne.deadRegions.isEmpty }.map {
      say("dead.alive", ["id": $0.spec.id, "class": ph.smoothness($0.atOne.continuity)])
    }
    if !dead.isEmpty {
      out.append(
        alive.isEmpty
          ? say("dead.sentenceAll", ["dead": ph.list(dead)]) : say("dead.sentence", ["dead": ph.list(dead), "alive": ph.list(alive)]))
    }
    let slopes = members.map { m in
      let value = Readable.number(m.atOne.maxAbsDerivative.value, digits: 4)
      return m.atTwo.map {
        say("slope.memberWithTwo", ["id": m.spec.id, "value": value, "atTwo": Readable.number($0.maxAbsDerivative.value, digits: 4)])
      } ?? say("slope.member", ["id": m.spec.id, "value": value])
    }
    if !slopes.isEmpty { out.append(say("slope.sentence", ["list": ph.list(slopes)])) }
    return out
  }
}
