import LossAtlasAnalysis
import LossAtlasCore

/// How the manual words each computed property (one place, so every page
/// says the same thing the same way).
enum Phrasing {
  static func number(_ v: Double) -> String { Readable.number(v) }

  /// `(0, 1)`, `[−0.169971, ∞)`: the range with attained ends closed.
  static func range(_ p: ViewProperties) -> String {
    "\(p.infimum.attained ? "[" : "(")\(number(p.infimum.value)), \(number(p.supremum.value))\(p.supremum.attained ? "]" : ")")"
  }

  static func location(_ l: Location, _ v: String = "x") -> String {
    switch l {
    case .point(let x): return "at \(v) = \(number(x))"
    case .interval(let i): return "on \(Readable.interval(i))"
    case .approached(let x): return "approached as \(v) → \(number(x))"
    }
  }

  /// Every location of an extremum, joined: `on (−∞, −1) and on (1, ∞)`.
  static func locations(_ e: Extremum, _ v: String = "x") -> String {
    e.locations.map { location($0, v) }.joined(separator: " and ")
  }

  /// `0.25 at x = 0`, `1 on (0, ∞)`, `1, approached as x → ∞`, `∞ (unbounded)`.
  static func extremum(_ e: Extremum, _ v: String = "x") -> String {
    if e.value.isInfinite { return "\(number(e.value)) (unbounded)" }
    return "\(number(e.value)) \(e.attained ? "" : "(not attained), ")\(locations(e, v))"
  }

  static func monotonic(_ m: Monotonicity) -> String {
    switch m {
    case .increasing: return "increasing"
    case .decreasing: return "decreasing"
    case .constant: return "constant"
    case .neither: return "not monotonic"
    }
  }

  static func continuity(_ p: ViewProperties) -> String {
    let name: String
    switch p.continuity {
    case .discontinuous: name = "discontinuous"
    case .cInfinity: name = "C∞ (smooth)"
    default: name = Readable.smoothness(p.continuity)
    }
    let notes = p.breakpoints.compactMap { b -> String? in
      guard let k = b.firstJumpOrder else { return nil }
      let what = ["f", "f′", "f″", "f‴"][k]
      return "\(what) jumps at \(p.argument) = \(number(b.x))"
    }
    return notes.isEmpty ? name : "\(name): " + notes.joined(separator: "; ")
  }

  static func intervals(_ list: [FoundInterval]) -> String {
    list.isEmpty ? "none" : list.map { Readable.interval($0.interval) }.joined(separator: " ∪ ")
  }

  static func saturation(_ p: ViewProperties) -> String {
    let v = p.argument
    switch (p.saturatesLeft, p.saturatesRight) {
    case (true, true): return "both ends"
    case (true, false): return "left (\(v) → −∞) only"
    case (false, true): return "right (\(v) → ∞) only"
    case (false, false): return "neither end"
    }
  }

  /// `[−0.778602, −0.726217] near the minimum at x = −0.751792`, or `none`.
  static func flatZones(_ p: ViewProperties) -> String {
    guard !p.flatZones.isEmpty else { return "none" }
    return p.flatZones.map { z in
      let place = Readable.interval(z.interval)
      switch z.kind {
      case .nearMinimum: return "\(place) around the minimum at \(p.argument) = \(number(z.at ?? 0))"
      case .nearMaximum: return "\(place) around the maximum at \(p.argument) = \(number(z.at ?? 0))"
      case .lowSlope: return "\(place) (no stationary point)"
      }
    }.joined(separator: "; ")
  }

  /// `yes (mean output 0)`, `no (mean output 0.398942)`.
  static func zeroCentred(_ p: ViewProperties) -> String {
    guard let z = p.zeroCentered, let m = p.meanOutput else { return "—" }
    return "\(yesNo(z)) (mean output \(number(abs(m) <= PropertyEngine.zeroCenteredTolerance ? 0 : m)))"
  }

  /// A whole-domain bound: `−∞ (as var → 0)`, `0`, `≤ −13.0259 (found at …)`.
  static func domainBound(_ b: DomainBound) -> String {
    switch b.kind {
    case .unbounded:
      let toward = b.toward.map { " (as \(ViewNaming.pretty($0.argument)) → \(number($0.end)))" } ?? ""
      return number(b.value) + toward
    case .searched:
      return "\(b.lower ? "≤" : "≥") \(number(b.value))"
    case .exact:
      return number(b.value)
    }
  }

  /// `(−∞, ∞)`, `[0, ∞)`: the range over the whole domain.
  static func domainRange(_ d: DomainProperties) -> String {
    let lo = d.infimum.kind == .exact && d.infimum.attained ? "[" : "("
    let hi = d.supremum.kind == .exact && d.supremum.attained ? "]" : ")"
    return "\(lo)\(number(d.infimum.value)), \(number(d.supremum.value))\(hi)"
  }

  /// A point of the argument space with readable numbers: `ŷ = 0, y = 0, var = 0.5`.
  static func point(_ p: ArgumentPoint) -> String {
    zip(p.names, p.values).map { name, value in
      let shown = ViewNaming.pretty(name)
      switch value {
      case .real(let v): return "\(shown) = \(number(v))"
      case .integer(let k): return "\(shown) = \(k)"
      case .vector(let v): return "\(shown) = [" + v.map { number($0) }.joined(separator: ", ") + "]"
      }
    }.joined(separator: ", ")
  }

  /// `no: gaussian-nll(ŷ = 0, y = 0, var = 0.5) = −0.346574`.
  static func domainNonNegative(_ d: DomainProperties) -> String {
    guard !d.nonNegative else { return "yes" }
    guard let w = d.negativeWitness else { return "no" }
    return "no: \(d.functionID)(\(point(w.point))) = \(number(w.value))"
  }

  static func convexity(_ p: ViewProperties) -> String {
    switch (p.convex, p.concave) {
    case (true, true): return "convex and concave (linear)"
    case (true, false): return "convex"
    case (false, true): return "concave"
    case (false, false): return "neither convex nor concave"
    }
  }

  static func zeroAtCorrect(_ p: ViewProperties) -> String {
    switch p.zeroAtCorrect {
    case .attained:
      return "0 attained \(locations(p.infimum, p.argument)); f′ there: \(p.gradientZeroAtMinimum ? "0" : "not 0")"
    case .limit:
      return "0 only in the limit (\(locations(p.infimum, p.argument)))"
    case .never:
      return "never 0: minimum \(extremum(p.infimum, p.argument))"
    }
  }

  static func growth(_ g: GradientGrowth) -> String {
    switch g {
    case .bounded: return "bounded"
    case .unbounded: return "unbounded"
    case .redescending: return "redescending (bounded, → 0 far out)"
    }
  }

  static func yesNo(_ b: Bool?) -> String {
    switch b {
    case true?: return "yes"
    case false?: return "no"
    case nil: return "—"
    }
  }

  /// Where the gain model's pre-activation variance comes from.
  static func varianceSource(_ s: GradientGain.VarianceSource) -> String {
    switch s {
    case .fixedPoint: return "the fixed point of the variance map"
    case .everyVariance: return "every q is a fixed point of the variance map; q = 1"
    case .noFixedPoint: return "the variance map has no nonzero fixed point; q = 1"
    }
  }

  static func direction(_ d: Int) -> String { d < 0 ? "x → −∞" : "x → ∞" }

  /// `δ = 0.5`, `α = 1, c = 1`: parameters by their symbols, readable numbers.
  static func parameters(_ p: ParameterValues, spec: FunctionSpec) -> String {
    spec.parameters.map { "\(ViewNaming.symbol($0)) = \(number(p[$0.name]))" }.joined(separator: ", ")
  }
}
