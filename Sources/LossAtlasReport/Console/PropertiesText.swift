import LossAtlasAnalysis
import LossAtlasCore

/// The human-readable report of `lossatlas properties`, in the words of one
/// edition (issue 13, item 6: `properties --lang zh`).
///
/// Every label, verdict word and sentence comes from the strings tables
/// (`templates/strings/<lang>/cli.yaml`, keys `cli.*`; the one-word
/// verdicts the manual's tables print, `phrasing.zeroAtCorrectWord.*` and
/// `phrasing.growthWord.*`, are shared with the manual). Numbers are
/// formatted once, by ``Format/number(_:)`` (shortest round trip), and are
/// the same characters in every language; so are intervals, formulas,
/// function ids and view coordinates. The English tables reproduce the
/// command's English output byte for byte.
public struct PropertiesText: Sendable {
  public let strings: Strings

  public init(_ strings: Strings) { self.strings = strings }

  /// The entry `cli.<key>` with its facts filled in.
  func say(_ key: String, _ values: [String: String] = [:]) -> String { strings("cli." + key, values) }

  /// A table row: two spaces, the row's template, a newline.
  func row(_ key: String, _ values: [String: String] = [:]) -> String { "  " + say("properties.row." + key, values) + "\n" }

  static func number(_ v: Double) -> String { Format.number(v) }

  /// `true` / `false` in the edition's words (是 / 否).
  func bool(_ b: Bool) -> String { say("word.bool.\(b)") }

  /// An optional yes/no; the edition's mark for "not computed" when nil.
  func bool(_ b: Bool?) -> String { b.map(bool) ?? say("word.missing") }

  func monotonic(_ m: Monotonicity) -> String { say("word.monotonic.\(m.rawValue)") }

  func smoothness(_ c: Smoothness) -> String { say("word.smoothness.\(c.rawValue)") }

  /// The manual's one-word verdict of a table cell (`attained`, 取到).
  func zeroAtCorrect(_ z: ZeroAtCorrect) -> String { strings("phrasing.zeroAtCorrectWord.\(z.rawValue)") }

  /// The manual's one-word verdict of a table cell (`bounded`, 有界).
  func growth(_ g: GradientGrowth) -> String { strings("phrasing.growthWord.\(g.rawValue)") }

  /// Intervals joined by ∪, or the edition's word for none.
  func intervals(_ list: [FoundInterval], none: String = "word.none") -> String {
    list.isEmpty ? say(none) : list.map(\.interval.description).joined(separator: " ∪ ")
  }

  /// `1.0 (attained, on (-inf, -1] and on [1, inf))`: an extremum with
  /// every place it is attained or approached (``Format/extremum(_:)`` in
  /// English).
  func extremum(_ e: Extremum) -> String { strings.text(ClaimNote.extremum(e)) }

  /// The heading of the report: the function's name (in the edition's
  /// words when the tables know it) and its id.
  public func heading(_ spec: FunctionSpec) -> String {
    let key = FunctionText.key(spec.id, "name")
    let name = strings.has(key) ? strings(key) : spec.name
    return say("properties.heading", ["name": name, "id": spec.id]) + "\n"
  }

  /// Where a user function is defined, and its formula as written.
  public func userDefined(file: String, line: Int, source: String) -> String {
    say("properties.userDefined", ["file": file, "line": String(line), "source": source]) + "\n"
  }

  /// The heading of a view chosen with --param, --view, --arg or --over:
  /// `huber {delta=0.3} x (catalog view 0)`.
  public func chosenHeading(_ r: ChosenViewAnalysis, id: String) -> String {
    let p = r.parameters.values.isEmpty ? "" : " {\(r.parameters)}"
    let origin =
      r.resolved.catalogIndex.map { say("properties.origin.catalog", ["index": String($0)]) }
      ?? say("properties.origin.requested", ["source": say("word.breakpointSource.\(r.resolved.breakpoints.rawValue)")])
    return "\n\(id)\(p) \(r.resolved.view.label) (\(origin))\n"
  }

  /// The properties of one view, one line each.
  public func view(_ v: ViewProperties, _ spec: FunctionSpec) -> String {
    var out = ""
    out += row("range", ["low": extremum(v.infimum), "high": extremum(v.supremum)])
    out += row("monotonic", ["function": monotonic(v.monotonic), "derivative": monotonic(v.derivativeMonotonic)])
    out += row("continuity", ["class": smoothness(v.continuity)])
    out += row("maxAbsDerivative", ["extremum": extremum(v.maxAbsDerivative)])
    out += row("saturates", ["left": bool(v.saturatesLeft), "right": bool(v.saturatesRight)])
    out += row("saturation", ["intervals": intervals(v.saturationIntervals)])
    if !v.flatZones.isEmpty {
      let zones = v.flatZones.map { z in
        let values = ["interval": z.interval.description, "kind": say("word.flatZone.\(Self.flatZoneKey(z.kind))")]
        return z.at.map { say("flatZone.at", values.merging(["x": Self.number($0)]) { $1 }) } ?? say("flatZone.plain", values)
      }
      out += row("flatZones", ["zones": zones.joined(separator: say("separator.clauses"))])
    }
    out += row("deadRegions", ["intervals": intervals(v.deadRegions, none: "word.noDeadRegion")])
    out += row(
      "convexity",
      [
        "convex": bool(v.convex), "concave": bool(v.concave),
        "check": say(v.convexityCrossCheck ? "word.crossCheck.agrees" : "word.crossCheck.disagrees"),
      ])
    if spec.family.isLoss {
      out += row("zeroAtCorrect", ["verdict": zeroAtCorrect(v.zeroAtCorrect), "flat": bool(v.gradientZeroAtMinimum)])
      out += row("gradient", ["growth": growth(v.gradientGrowth)])
    } else {
      out += row("meanOutput", ["mean": v.meanOutput.map(Self.number) ?? say("word.missing"), "centred": bool(v.zeroCentered)])
      out += row("origin", ["passes": bool(v.passesThroughOrigin), "identity": bool(v.identityNearOrigin)])
    }
    out += row(
      "gradcheck",
      [
        "d1": Self.number(v.gradientCheck.maxRelativeErrorD1), "d2": Self.number(v.gradientCheck.maxRelativeErrorD2),
        "points": String(v.gradientCheck.points),
      ])
    out += row("extremes", ["points": v.extremes.map { "\(Self.number($0.x)): \(Self.number($0.jet.value))" }.joined(separator: ", ")])
    let offending = v.extremes.filter { !$0.honest }
    if !offending.isEmpty {
      let points = offending.map { p in
        say(
          "notFinite.at",
          [
            "x": Self.number(p.x),
            "components": p.offending.map { "\($0.rawValue) = \(Self.number(p.number($0)))" }.joined(separator: ", "),
          ])
      }
      out += row("notFinite", ["points": points.joined(separator: say("separator.clauses"))])
    }
    return out
  }

  static func flatZoneKey(_ k: FlatZone.Kind) -> String {
    switch k {
    case .nearMinimum: return "nearMinimum"
    case .nearMaximum: return "nearMaximum"
    case .lowSlope: return "lowSlope"
    }
  }

  /// The breakpoints of a chosen view.
  public func breakpoints(_ xs: [Double]) -> String {
    row("breakpoints", ["points": xs.map(Self.number).joined(separator: ", ")])
  }

  /// A declared property the engine contradicts (the declared and computed
  /// texts are the catalog's own notation).
  public func declaredMismatch(_ o: PropertyOutcome) -> String {
    row("declared", ["property": o.property, "declared": o.declared, "computed": o.computed])
  }

  /// A user function's extremes twice: the formula as written in Double
  /// and the exact value (wide arithmetic) rounded to Double.
  public func formula(_ points: [FormulaPoint]) -> String {
    guard !points.isEmpty else { return "" }
    var out = "  " + say("properties.formula.heading") + "\n"
    let width = points.map { Self.number($0.x).count }.max() ?? 0
    for p in points {
      let x = Self.number(p.x)
      let doubles = [p.double.value, p.double.d1, p.double.d2]
      let parts = zip(ExtremePoint.Component.allCases, zip(doubles, p.exact)).map { c, pair in
        "\(c.rawValue) \(Self.number(pair.0)) | \(pair.1.map(Self.number) ?? say("word.undecided"))"
      }
      out += "    x = \(x)\(String(repeating: " ", count: width - x.count))  " + parts.joined(separator: "; ") + "\n"
    }
    if points.contains(where: { $0.exact.contains(nil) }) {
      out += "    " + say("properties.formula.undecided") + "\n"
    }
    return out
  }

  /// The properties of a function of several arguments over its whole
  /// domain, at one parameter setting.
  public func domain(_ d: DomainProperties, _ spec: FunctionSpec, parameters: ParameterValues) -> String {
    let p = parameters.values.isEmpty ? "" : " {\(parameters)}"
    var out = "\n" + say("properties.domain.heading", ["call": "\(spec.id)\(p)"]) + "\n"
    out += row("domainInfimum", ["bound": domainBound(d.infimum)])
    out += row("domainSupremum", ["bound": domainBound(d.supremum)])
    let witness = d.negativeWitness.map {
      say("domain.negativeWitness", ["call": "\(spec.id)(\($0.point))", "value": Self.number($0.value)])
    }
    out += row("domainNonNegative", ["answer": bool(d.nonNegative), "witness": witness ?? ""])
    out += row("domainConvex", ["answer": bool(d.convex), "prediction": spec.predictionArgument])
    if let m = d.monotonic { out += row("domainMonotonic", ["answer": monotonic(m)]) }
    if let g = d.maxAbsDerivative {
      out += row(
        "domainMaxAbsDerivative", ["value": Self.number(g), "atLeast": d.maxAbsDerivativeExact ? "" : say("domain.atLeast")])
    }
    return out
  }

  /// A whole-domain bound (``Format/domainBound(_:)`` in English).
  func domainBound(_ b: DomainBound) -> String { strings.text(ClaimNote.bound(b)) }

  /// The line that introduces the facts at the default parameters.
  public var defaultsHeading: String { "\n" + say("properties.defaults") + "\n" }
}
