import LossAtlasAnalysis
import LossAtlasCore

/// How the manual words each computed property (one place, so every page
/// says the same thing the same way), in the edition's language.
///
/// The words and the sentences around the facts live in the strings
/// tables (`templates/strings/<lang>/phrasing.yaml`, keys `phrasing.*`);
/// a sentence names its facts (`{value}`, `{locations}`), so each language
/// orders them its own way ("increasing on (0, ∞)", "在(0, ∞)上单调递增").
/// Numbers and intervals are formatted once, by ``Readable``, and inserted
/// unchanged.
struct Phrasing {
  let strings: Strings

  init(_ strings: Strings) { self.strings = strings }

  /// The table entry `phrasing.<key>` with its facts filled in.
  func say(_ key: String, _ values: [String: String] = [:]) -> String { strings("phrasing." + key, values) }

  static func number(_ v: Double) -> String { Readable.number(v) }

  /// A function's own text in the edition's words: `function.<id>.<field>`
  /// (``FunctionText``), or `fallback`, the spec's English, for a function
  /// the tables do not know (a user function of `--functions`).
  func catalog(_ key: String, _ fallback: String) -> String { strings.has(key) ? strings(key) : fallback }

  /// The function's name in the edition's words.
  func name(_ spec: FunctionSpec) -> String { catalog(FunctionText.key(spec.id, "name"), spec.name) }

  /// The view's variable as the page and the figure write it: `ŷ` for
  /// the argument `yhat`, `x` for a slice `z = [x, 0]`.
  static func variable(_ p: ViewProperties) -> String { ViewNaming.variable(argument: p.argument, label: p.viewLabel) }

  /// `(0, 1)`, `[−0.169971, ∞)`: the range with attained ends closed.
  static func range(_ p: ViewProperties) -> String {
    "\(p.infimum.attained ? "[" : "(")\(number(p.infimum.value)), \(number(p.supremum.value))\(p.supremum.attained ? "]" : ")")"
  }

  /// `at x = 0`, `on (0, ∞)`, `approached as x → ∞`.
  func location(_ l: Location, _ v: String = "x") -> String {
    switch l {
    case .point(let x): return say("location.point", ["variable": v, "x": Self.number(x)])
    case .interval(let i): return say("location.interval", ["interval": Readable.interval(i)])
    case .approached(let x): return say("location.approached", ["variable": v, "x": Self.number(x)])
    }
  }

  /// Every location of an extremum, joined: `on (−∞, −1) and on (1, ∞)`.
  func locations(_ e: Extremum, _ v: String = "x") -> String {
    e.locations.map { location($0, v) }.joined(separator: say("location.separator"))
  }

  /// `0.25 at x = 0`, `1 on (0, ∞)`, `1, approached as x → ∞`, `∞ (unbounded)`.
  func extremum(_ e: Extremum, _ v: String = "x") -> String {
    let value = Self.number(e.value)
    if e.value.isInfinite { return say("extremum.unbounded", ["value": value]) }
    return say(e.attained ? "extremum.attained" : "extremum.notAttained", ["value": value, "locations": locations(e, v)])
  }

  func monotonic(_ m: Monotonicity) -> String { say("monotonic.\(m.rawValue)") }

  /// A smoothness class as a table cell: `C∞`, `C1`, or the word for discontinuous.
  func smoothness(_ c: Smoothness) -> String {
    c == .discontinuous ? say("continuity.discontinuous") : Readable.smoothness(c)
  }

  func continuity(_ p: ViewProperties) -> String {
    let name: String
    switch p.continuity {
    case .discontinuous: name = say("continuity.discontinuous")
    case .cInfinity: name = say("continuity.smooth")
    default: name = Readable.smoothness(p.continuity)
    }
    let notes = p.breakpoints.compactMap { b -> String? in
      guard let k = b.firstJumpOrder else { return nil }
      let what = ["f", "f′", "f″", "f‴"][k]
      return say("continuity.jump", ["what": what, "variable": Self.variable(p), "x": Self.number(b.x)])
    }
    return notes.isEmpty ? name : say("continuity.withJumps", ["class": name, "jumps": notes.joined(separator: say("separator.clauses"))])
  }

  func intervals(_ list: [FoundInterval]) -> String {
    list.isEmpty ? say("none") : list.map { Readable.interval($0.interval) }.joined(separator: " ∪ ")
  }

  func saturation(_ p: ViewProperties) -> String {
    let v = ["variable": Self.variable(p)]
    switch (p.saturatesLeft, p.saturatesRight) {
    case (true, true): return say("saturation.both")
    case (true, false): return say("saturation.left", v)
    case (false, true): return say("saturation.right", v)
    case (false, false): return say("saturation.neither")
    }
  }

  /// `[−0.778602, −0.726217] near the minimum at x = −0.751792`, or `none`.
  func flatZones(_ p: ViewProperties) -> String {
    guard !p.flatZones.isEmpty else { return say("none") }
    return p.flatZones.map { z in
      let place = ["interval": Readable.interval(z.interval), "variable": Self.variable(p), "x": Self.number(z.at ?? 0)]
      switch z.kind {
      case .nearMinimum: return say("flatZone.nearMinimum", place)
      case .nearMaximum: return say("flatZone.nearMaximum", place)
      case .lowSlope: return say("flatZone.lowSlope", place)
      }
    }.joined(separator: say("separator.clauses"))
  }

  /// `yes (mean output 0)`, `no (mean output 0.398942)`.
  func zeroCentred(_ p: ViewProperties) -> String {
    guard let z = p.zeroCentered, let m = p.meanOutput else { return "—" }
    let mean = Self.number(abs(m) <= PropertyEngine.zeroCenteredTolerance ? 0 : m)
    return say("zeroCentred", ["answer": yesNo(z), "mean": mean])
  }

  /// A whole-domain bound: `−∞ (as var → 0)`, `0`, `≤ −13.0259 (found at …)`.
  func domainBound(_ b: DomainBound) -> String {
    switch b.kind {
    case .unbounded:
      guard let t = b.toward else { return Self.number(b.value) }
      return say(
        "domainBound.toward",
        ["value": Self.number(b.value), "variable": ViewNaming.pretty(t.argument), "end": Self.number(t.end)])
    case .searched:
      return "\(b.lower ? "≤" : "≥") \(Self.number(b.value))"
    case .exact:
      return Self.number(b.value)
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
  func domainNonNegative(_ d: DomainProperties) -> String {
    guard !d.nonNegative else { return yesNo(true) }
    guard let w = d.negativeWitness else { return yesNo(false) }
    return say("nonNegative.witness", ["call": "\(d.functionID)(\(Self.point(w.point)))", "value": Self.number(w.value)])
  }

  func convexity(_ p: ViewProperties) -> String {
    switch (p.convex, p.concave) {
    case (true, true): return say("convexity.linear")
    case (true, false): return say("convexity.convex")
    case (false, true): return say("convexity.concave")
    case (false, false): return say("convexity.neither")
    }
  }

  func zeroAtCorrect(_ p: ViewProperties) -> String {
    switch p.zeroAtCorrect {
    case .attained:
      return say(
        p.gradientZeroAtMinimum ? "zeroAtCorrect.attainedFlat" : "zeroAtCorrect.attainedSloped",
        ["locations": locations(p.infimum, Self.variable(p))])
    case .limit:
      return say("zeroAtCorrect.limit", ["locations": locations(p.infimum, Self.variable(p))])
    case .never:
      return say("zeroAtCorrect.never", ["minimum": extremum(p.infimum, Self.variable(p))])
    }
  }

  /// The one-word verdict of a table cell: `attained`, `limit`, `never`.
  func zeroAtCorrectWord(_ z: ZeroAtCorrect) -> String { say("zeroAtCorrectWord.\(z.rawValue)") }

  func growth(_ g: GradientGrowth) -> String { say("growth.\(g.rawValue)") }

  /// The one-word verdict of a table cell: `bounded`, `unbounded`, `redescending`.
  func growthWord(_ g: GradientGrowth) -> String { say("growthWord.\(g.rawValue)") }

  func yesNo(_ b: Bool?) -> String {
    switch b {
    case true?: return say("yes")
    case false?: return say("no")
    case nil: return "—"
    }
  }

  /// Where the gain model's pre-activation variance comes from.
  func varianceSource(_ s: GradientGain.VarianceSource) -> String {
    switch s {
    case .fixedPoint: return say("varianceSource.fixedPoint")
    case .everyVariance: return say("varianceSource.everyVariance")
    case .noFixedPoint: return say("varianceSource.noFixedPoint")
    }
  }

  /// An initialisation of the gain model: `He (σ_w² = 2)`.
  func initialization(_ i: WeightInit) -> String { say("initialization.\(i.rawValue)") }

  /// A family's heading: `Scalar activations`.
  func family(_ f: Family) -> String { say("family.\(f.rawValue)") }

  /// Items joined as prose: "a", "a and b", "a, b and c" (English); "a、b和c".
  func list(_ items: [String]) -> String {
    switch items.count {
    case 0: return ""
    case 1: return items[0]
    default:
      return say("list.last", ["rest": items.dropLast().joined(separator: say("list.separator")), "last": items.last!])
    }
  }

  /// Clauses joined as one sentence: "a, b and c" (English); "a；b；c".
  func clauses(_ items: [String]) -> String {
    switch items.count {
    case 0: return ""
    case 1: return items[0]
    default:
      return say("clauses.last", ["rest": items.dropLast().joined(separator: say("clauses.separator")), "last": items.last!])
    }
  }

  static func direction(_ d: Int, variable: String = "x") -> String { d < 0 ? "\(variable) → −∞" : "\(variable) → ∞" }

  /// `δ = 0.5`, `α = 1, c = 1`: parameters by their symbols, readable numbers.
  static func parameters(_ p: ParameterValues, spec: FunctionSpec) -> String {
    spec.parameters.map { "\(ViewNaming.symbol($0)) = \(number(p[$0.name]))" }.joined(separator: ", ")
  }
}
