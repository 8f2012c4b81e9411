import LossAtlasCore

/// One declared property compared with what the engine computed.
public struct PropertyOutcome: Sendable, Equatable {
  /// The property name as claim files spell it (`range`, `monotonic`, ...).
  public let property: String
  public let declared: String
  public let computed: String
  public let passes: Bool
}

/// Compares a view's declared properties with the computed ones. Every
/// declared (non-nil) field is checked; a disagreement is a failure.
public enum DeclaredCheck {
  public static func compare(_ d: DeclaredProperties, _ p: ViewProperties) -> [PropertyOutcome] {
    var out: [PropertyOutcome] = []
    func add(_ name: String, _ declared: String, _ computed: String, _ passes: Bool) {
      out.append(PropertyOutcome(property: name, declared: declared, computed: computed, passes: passes))
    }
    if let b = d.infimum {
      add("infimum", Format.bound(b.value, attained: b.attained), Format.extremum(p.infimum),
        Format.sameNumber(b.value, p.infimum.value) && b.attained == p.infimum.attained)
    }
    if let b = d.supremum {
      add("supremum", Format.bound(b.value, attained: b.attained), Format.extremum(p.supremum),
        Format.sameNumber(b.value, p.supremum.value) && b.attained == p.supremum.attained)
    }
    if let m = d.monotonic { add("monotonic", m.rawValue, p.monotonic.rawValue, m == p.monotonic) }
    if let m = d.derivativeMonotonic {
      add("derivative-monotonic", m.rawValue, p.derivativeMonotonic.rawValue, m == p.derivativeMonotonic)
    }
    if let c = d.continuity { add("continuity", c.rawValue, p.continuity.rawValue, c == p.continuity) }
    if let z = d.zeroCentered {
      let computed = p.meanOutput.map { "\(String(p.zeroCentered!)) (mean output \(Format.number($0)))" } ?? "undefined"
      add("zero-centered", String(z), computed, z == p.zeroCentered)
    }
    if let z = d.passesThroughOrigin {
      add(
        "passes-through-origin", String(z), p.passesThroughOrigin.map(String.init) ?? "undefined",
        z == p.passesThroughOrigin)
    }
    if let z = d.identityNearOrigin {
      add("identity-near-origin", String(z), p.identityNearOrigin.map(String.init) ?? "undefined", z == p.identityNearOrigin)
    }
    if let m = d.maxAbsDerivative {
      add("max-abs-derivative", Format.number(m), Format.extremum(p.maxAbsDerivative), Format.sameNumber(m, p.maxAbsDerivative.value))
    }
    if let s = d.saturatesLeft { add("saturates-left", String(s), String(p.saturatesLeft), s == p.saturatesLeft) }
    if let s = d.saturatesRight { add("saturates-right", String(s), String(p.saturatesRight), s == p.saturatesRight) }
    if let c = d.convex { add("convex", String(c), String(p.convex), c == p.convex && p.convexityCrossCheck) }
    if let c = d.concave { add("concave", String(c), String(p.concave), c == p.concave && p.convexityCrossCheck) }
    if let n = d.nonNegative { add("non-negative", String(n), String(p.nonNegative), n == p.nonNegative) }
    if let z = d.zeroAtCorrect { add("zero-at-correct", z.rawValue, p.zeroAtCorrect.rawValue, z == p.zeroAtCorrect) }
    if let g = d.gradientGrowth { add("gradient-bounded", g.rawValue, p.gradientGrowth.rawValue, g == p.gradientGrowth) }
    return out
  }
}

extension DeclaredCheck {
  /// Compares the declared whole-domain properties with the computed ones
  /// (property names prefixed `domain`).
  public static func compare(_ d: DeclaredDomainProperties, _ p: DomainProperties) -> [PropertyOutcome] {
    var out: [PropertyOutcome] = []
    func add(_ name: String, _ declared: String, _ computed: String, _ passes: Bool) {
      out.append(PropertyOutcome(property: "domain " + name, declared: declared, computed: computed, passes: passes))
    }
    if let b = d.infimum {
      add("infimum", Format.bound(b.value, attained: b.attained), Format.domainBound(p.infimum),
        Format.sameNumber(b.value, p.infimum.value) && b.attained == p.infimum.attained && p.infimum.kind != .searched)
    }
    if let b = d.supremum {
      add("supremum", Format.bound(b.value, attained: b.attained), Format.domainBound(p.supremum),
        Format.sameNumber(b.value, p.supremum.value) && b.attained == p.supremum.attained && p.supremum.kind != .searched)
    }
    if let n = d.nonNegative {
      let computed = String(p.nonNegative) + (p.negativeWitness.map { " (\(p.functionID)(\($0.point)) = \(Format.number($0.value)))" } ?? "")
      add("non-negative", String(n), computed, n == p.nonNegative)
    }
    if let c = d.convex { add("convex", String(c), String(p.convex), c == p.convex) }
    return out
  }
}

/// The engine's number formatting for reports (the manual formats for
/// readers separately).
public enum Format {
  /// Shortest round-trip text, `inf` / `-inf` spelled out.
  public static func number(_ v: Double) -> String { formatValue(v) }

  public static func bound(_ v: Double, attained: Bool) -> String {
    "\(number(v)) (\(attained ? "attained" : "not attained"))"
  }

  /// `1.0 (attained, on (-inf, -1] and on [1, inf))`: every place an
  /// extremum is attained or approached, not just the first.
  public static func extremum(_ e: Extremum) -> String {
    let places = e.locations.map { l -> String in
      switch l {
      case .point(let x): return "at x = \(number(x))"
      case .interval(let i): return "on \(i)"
      case .approached(let x): return "as x -> \(number(x))"
      }
    }
    return "\(number(e.value)) (\(e.attained ? "attained" : "not attained"), \(places.joined(separator: " and ")))"
  }

  /// A whole-domain bound: `-inf (unbounded as var -> 0, e.g. ...)`,
  /// `0 (attained; view yhat (y = 0))`, `<= -13.03 (found at ...)`.
  public static func domainBound(_ b: DomainBound) -> String {
    switch b.kind {
    case .unbounded:
      let w = b.witness.map { ": \($0.point) gives \(number($0.value))" } ?? ""
      return "\(number(b.value)) (unbounded as \(b.toward?.argument ?? "?") -> \(number(b.toward?.end ?? 0))\(w))"
    case .searched:
      let w = b.witness.map { " at \($0.point)" } ?? ""
      return "\(b.lower ? "<=" : ">=") \(number(b.value)) (found by the search\(w))"
    case .exact:
      return "\(number(b.value)) (\(b.attained ? "attained" : "not attained")\(b.view.map { "; view \($0)" } ?? ""))"
    }
  }

  /// Equal as extended reals, or within 1e-9 relative (declared constants
  /// such as 0.25 against a value found by bisection).
  public static func sameNumber(_ a: Double, _ b: Double) -> Bool {
    if a == b { return true }
    guard a.isFinite && b.isFinite else { return false }
    return abs(a - b) <= 1e-9 * max(abs(a), abs(b), 1e-300)
  }
}
