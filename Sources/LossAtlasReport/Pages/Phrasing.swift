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
    switch (p.saturatesLeft, p.saturatesRight) {
    case (true, true): return "both ends"
    case (true, false): return "left (x → −∞) only"
    case (false, true): return "right (x → ∞) only"
    case (false, false): return "neither end"
    }
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

  static func direction(_ d: Int) -> String { d < 0 ? "x → −∞" : "x → ∞" }

  /// `{delta = 0.5}`-style parameter text with readable numbers.
  static func parameters(_ p: ParameterValues, spec: FunctionSpec) -> String {
    spec.parameters.map { "\($0.name) = \(number(p[$0.name]))" }.joined(separator: ", ")
  }
}
