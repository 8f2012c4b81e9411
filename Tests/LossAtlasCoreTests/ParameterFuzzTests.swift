import LossAtlasCore
import TestSupport
import Testing

/// Every function of the catalog over the whole allowed range of its
/// parameters, the extremes included, combined with extreme arguments: no
/// crash (a trap ends the test run), no NaN for an input the domain allows,
/// and an error only as a ``CatalogError`` whose message names the input.
///
/// Parameter values: the range's ends (and the first representable numbers
/// inside an open end), 0 and -0, ±5e-324, ±2.2e-308, ±1e-300, ±1e-8, ±1,
/// ±2, ±1e8, ±1e300, ±1e306, ±max, -inf, integers near 2^53, the grid, and
/// 40 values from a fixed seed spread over every binade; each kept if the
/// range allows it. Every value is tried with the other parameters at their
/// defaults, and 120 seeded random combinations mix extremes of several
/// parameters. Arguments: the domain's ends, 0, -0, subnormals, ±1e-300,
/// ±1, ±1e300, ±max and seeded random values, every combination for scalar
/// arguments; extreme vectors for vector arguments.
@Suite struct ParameterFuzzTests {
  /// Candidate parameter values before filtering by the range.
  static func parameterCandidates(_ p: ParameterSpec, seed: UInt64) -> [Double] {
    let r = p.range
    var v: [Double] = [
      0, -0.0, 5e-324, -5e-324, 2.2250738585072014e-308, -2.2250738585072014e-308, 1e-300, -1e-300, 1e-8, -1e-8,
      0.5, 1, -1, 2, -2, 1e8, -1e8, 1e300, -1e300, 1e306, -1e306, .greatestFiniteMagnitude,
      -.greatestFiniteMagnitude, -.infinity, .infinity, 0x1p53, 0x1p53 - 1, 0x1p53 + 2, -0x1p53, p.defaultValue,
    ]
    v += p.grid
    for end in [r.lower, r.upper] where end.isFinite {
      v += [end, end.nextUp, end.nextDown, end.nextUp.nextUp, end.nextDown.nextDown]
    }
    var rng = SplitMix64(seed: seed)
    for _ in 0..<40 {
      // A random binade from 2^-1074 to 2^1023, a random significand and sign.
      let e = Int(rng.next() % 2098) - 1074
      let m = 1 + rng.nextUnit()
      let x = Double(sign: rng.next() & 1 == 0 ? .plus : .minus, exponent: e, significand: m)
      v.append(x)
      // Values near the typical ones too (within [-20, 20]).
      v.append(40 * rng.nextUnit() - 20)
    }
    var seen = Set<UInt64>()
    return v.filter { r.contains($0) && seen.insert($0.bitPattern).inserted }
  }

  /// Every parameter setting to try: each candidate with the others at
  /// their defaults, then seeded random combinations.
  static func parameterSettings(_ spec: FunctionSpec) -> [[String: Double]] {
    let candidates = spec.parameters.enumerated().map { i, p in
      (p.name, parameterCandidates(p, seed: 0xFA22 &+ UInt64(i) &* 7919 &+ UInt64(spec.id.utf8.count)))
    }
    var settings: [[String: Double]] = [[:]]
    for (name, values) in candidates {
      for v in values { settings.append([name: v]) }
    }
    if candidates.count > 1 {
      var rng = SplitMix64(seed: 0xC0FFEE &+ UInt64(spec.id.utf8.count))
      for _ in 0..<120 {
        var s: [String: Double] = [:]
        for (name, values) in candidates { s[name] = values[Int(rng.next() % UInt64(values.count))] }
        settings.append(s)
      }
    }
    return settings
  }

  /// Candidate values of a real argument, those the domain allows.
  static func realCandidates(_ a: ArgumentSpec) -> [Double] {
    var v: [Double] = [
      0, -0.0, 5e-324, -5e-324, 1e-300, -1e-300, 1e-8, -1e-8, 0.5, 1, -1, 3, -3, 40, -40, 745, -745, 1e300, -1e300,
      .greatestFiniteMagnitude, -.greatestFiniteMagnitude,
    ]
    switch a.domain {
    case .interval(let lo, _, let hi, _):
      for end in [lo, hi] where end.isFinite { v += [end, end.nextUp, end.nextDown] }
    case .labels(let labels):
      v += labels
    case .finite, .nonZero:
      break
    }
    var seen = Set<UInt64>()
    return v.filter { a.domain.contains($0) && seen.insert($0.bitPattern).inserted }
  }

  /// Vector arguments: extreme score vectors, and target distributions.
  static func vectorCandidates(_ a: ArgumentSpec) -> [[Double]] {
    if a.name == "q" {
      return [[1, 0], [0, 1], [0.5, 0.5], [0.75, 0.25], [5e-324, 1], [1e-300, 1], [1, 0, 0], [0.25, 0.25, 0.5]]
    }
    let big = Double.greatestFiniteMagnitude
    return [
      [0, 0], [1, -1], [1e300, -1e300], [big, -big], [big, big], [-big, -big], [5e-324, -5e-324], [745, -745],
      [-1e300, 0, 1e300], [1, 1.0000000000000002, 0.9999999999999999], [0, 0, 0], [-0.0, 0.0, -0.0],
    ]
  }

  /// Every argument combination of `spec` (scalars: all combinations;
  /// vectors: each candidate with compatible lengths).
  static func argumentSettings(_ spec: FunctionSpec) -> [[String: ArgumentValue]] {
    var settings: [[String: ArgumentValue]] = [[:]]
    for a in spec.arguments {
      switch a.kind {
      case .real:
        settings = settings.flatMap { s in realCandidates(a).map { s.merging([a.name: .real($0)]) { $1 } } }
      case .integer:
        settings = settings.flatMap { s in [0, 1].map { s.merging([a.name: .integer($0)]) { $1 } } }
      case .vector:
        settings = settings.flatMap { s in vectorCandidates(a).map { s.merging([a.name: .vector($0)]) { $1 } } }
      }
    }
    // Vectors of different lengths (s against q) and class indices beyond a
    // vector are caught by the evaluator with a message; keep those too, a
    // few of them, to check that message.
    return settings
  }

  /// `name=value, ...` for a failure message.
  static func describe(_ params: [String: Double], _ args: [String: ArgumentValue]) -> String {
    let p = params.sorted { $0.key < $1.key }.map { "\($0.key)=\(formatValue($0.value))" }
    let a = args.sorted { $0.key < $1.key }.map { key, value -> String in
      switch value {
      case .real(let v): return "\(key)=\(formatValue(v))"
      case .integer(let k): return "\(key)=\(k)"
      case .vector(let v): return "\(key)=[" + v.map(formatValue).joined(separator: ", ") + "]"
      }
    }
    return (p + a).joined(separator: ", ")
  }

  /// Every component of an evaluation.
  static func components(_ e: Evaluation) -> [Double] {
    var all = e.value.flattened
    for g in e.gradient { all += g.tensor.flattened }
    if let d2 = e.secondDerivative { all.append(d2) }
    return all
  }

  @Test("no crash and no NaN over every parameter's whole range, at extreme arguments", arguments: Catalog.ids)
  func extremes(id: String) throws {
    let spec = try Catalog.function(named: id)
    let argumentSettings = Self.argumentSettings(spec)
    var evaluations = 0
    var failures: [String] = []
    for params in Self.parameterSettings(spec) {
      for args in argumentSettings {
        do {
          let e = try spec.evaluate(parameters: params, arguments: args)
          evaluations += 1
          if Self.components(e).contains(where: \.isNaN) {
            failures.append("\(id) \(Self.describe(params, args)): NaN in \(Self.components(e))")
          }
        } catch {
          // Only conditions that involve several arguments may throw here
          // (a class index beyond s, q of another length or not summing
          // to 1); the message names the argument and the function.
          let named = spec.arguments.contains { error.message.contains("argument \($0.name)") }
          if error.kind != .badArgument || !named || !error.message.contains(id) {
            failures.append("\(id) \(Self.describe(params, args)): unexpected error \(error.message)")
          }
        }
      }
    }
    #expect(evaluations > 0)
    #expect(failures.isEmpty, Comment(rawValue: "\(failures.count) failures:\n" + failures.prefix(20).joined(separator: "\n")))
  }

  /// barron at the largest shapes alpha (issue 9, item 7: alpha = ±1e306 at
  /// yhat = 1e300 trapped on Int(NaN)). Expected values: mpmath at 4000 bits
  /// of (|alpha - 2|/alpha) expm1((alpha/2) log1p(s)), r/c^2 (1 + s)^(alpha/2 - 1)
  /// and (1/c^2) (1 + s)^(alpha/2 - 2) (1 + (alpha - 1) s), s = x^2 / |alpha - 2|,
  /// rounded to Double (inf where the exact value is beyond the range).
  static let barronExtremes: [(alpha: Double, yhat: Double, expected: [Double])] = [
    (1e306, 1e300, [Double.infinity, .infinity, .infinity]),
    (-1e306, 1e300, [1.0, 0, 0]),
    (1e306, 1e-300, [0.0, 1e-300, 1]),
    (-1e306, 1e-300, [0.0, 1e-300, 1]),
    (1e300, 1e-300, [0.0, 1e-300, 1]),
    (1e154, 1e-100, [5e-201, 1e-100, 1]),
    (1e306, 1, [0.6487212707001282, 1.6487212707001282, 3.2974425414002564]),
    (Double.greatestFiniteMagnitude, 3, [89.01713130052181, 270.05139390156546, 900.1713130052182]),
    (-Double.greatestFiniteMagnitude, 3, [0.9888910034617577, 0.033326989614726917, -0.08887197230593845]),
  ]

  @Test(
    "barron at |alpha| up to the largest Double: mpmath's values, inf where the exact value overflows",
    arguments: barronExtremes)
  func barronAtExtremeShapes(alpha: Double, yhat: Double, expected: [Double]) throws {
    let e = try Catalog.function(named: "barron").evaluate(
      parameters: ["alpha": alpha], arguments: ["yhat": .real(yhat), "y": .real(0)])
    let got = [e.value.scalarValue ?? .nan, e.gradient("yhat")?.scalarValue ?? .nan, e.secondDerivative ?? .nan]
    for (g, x) in zip(got, expected) {
      // The accuracy rule's 4 ulp (0 and the infinities exactly).
      let ulps = g == x ? 0 : abs(g - x) / max(x.ulp, Double.leastNonzeroMagnitude)
      #expect(ulps <= 4, "alpha = \(alpha), yhat = \(yhat): \(got) vs \(expected)")
    }
  }

  /// The bit patterns of every component.
  static func bits(_ e: Evaluation) -> [UInt64] { components(e).map(\.bitPattern) }

  /// Issue 9, item 20: bce at p = -0, y = 1 gave d/dp = +inf (at +0: -inf).
  /// Where 0 is an end of a domain or a range, -0 is that end: for every
  /// function, every argument and parameter with 0 as an end, the result at
  /// -0 is bit for bit the result at +0 (through `evaluate` and through
  /// each view's own jet, which the sweeps and figures call directly).
  @Test("-0 at an end 0 of a domain or range gives bit for bit the result at +0", arguments: Catalog.ids)
  func negativeZeroAtAnEnd(id: String) throws {
    let spec = try Catalog.function(named: id)
    let settings = Self.argumentSettings(spec)
    var checked = 0
    for a in spec.arguments where a.kind != .integer && a.domain.canonical(-0.0).sign == .plus {
      for args in settings {
        var flipped = args
        switch args[a.name] {
        case .real(let v)? where v == 0:
          flipped[a.name] = .real(v.sign == .plus ? -0.0 : 0)
        case .vector(let v)? where v.contains(0):
          flipped[a.name] = .vector(v.map { $0 == 0 ? -$0 : $0 })
        default:
          continue
        }
        // (kl-div's q of another length than s is an error either way.)
        let e0 = try? spec.evaluate(arguments: args)
        let e1 = try? spec.evaluate(arguments: flipped)
        #expect(e0.map(Self.bits) == e1.map(Self.bits), "\(id) \(Self.describe([:], args)) vs -0: \(String(describing: e0)) vs \(String(describing: e1))")
        checked += 1
      }
    }
    for p in spec.parameters where p.range.contains(0) && p.range.canonical(-0.0).sign == .plus {
      for args in settings.prefix(200) {
        let e0 = try? spec.evaluate(parameters: [p.name: 0], arguments: args)
        let e1 = try? spec.evaluate(parameters: [p.name: -0.0], arguments: args)
        #expect(e0.map(Self.bits) == e1.map(Self.bits), "\(id) \(p.name) = -0 at \(Self.describe([:], args))")
        checked += 1
      }
    }
    for view in spec.views(spec.defaultParameters) where view.domain.lower == 0 && view.domain.lowerClosed {
      let j0 = view.evaluate(0)
      let j1 = view.evaluate(-0.0)
      #expect(
        [j0.value, j0.d1, j0.d2].map(\.bitPattern) == [j1.value, j1.d1, j1.d2].map(\.bitPattern),
        "\(id) \(view.label): \(j0) at +0, \(j1) at -0")
      checked += 1
    }
    if ["bce", "bce-logits", "poisson-nll", "kl-div", "focal", "leaky-relu", "smooth-l1", "cross-entropy"].contains(id) {
      #expect(checked > 0, "\(id) has an end 0 to check")
    }
  }

  @Test("bce at p = ±0: the catalog's one-sided limits, +0 not -0")
  func bceAtZero() throws {
    let bce = try Catalog.function(named: "bce")
    for p in [0.0, -0.0] {
      // y = 1: -log p = +inf, d/dp = -1/p -> -inf, 1/p^2 = +inf (CATALOG.md: -inf at p = 0).
      let one = try bce.evaluate(arguments: ["p": .real(p), "y": .real(1)])
      #expect(one.value == .scalar(.infinity) && one.gradient("p") == .scalar(-.infinity) && one.secondDerivative == .infinity)
      // y = 0: -log(1 - 0) = +0, d/dp = 1/(1 - p) = 1, 1/(1 - p)^2 = 1.
      let zero = try bce.evaluate(arguments: ["p": .real(p), "y": .real(0)])
      #expect(zero.value.scalarValue?.bitPattern == 0.0.bitPattern && zero.gradient("p") == .scalar(1))
      // The views call the jet directly.
      for view in bce.views(bce.defaultParameters) {
        #expect(view.evaluate(p) == view.evaluate(0), "\(view.label) at \(p)")
      }
      #expect(bce.views(bce.defaultParameters)[0].evaluate(p).d1 == -.infinity)
    }
  }

  @Test("poisson-nll far left with y = 0: e^z - 0 z and e^z - 0 round to +0, not -0")
  func poissonFarLeftIsPositiveZero() throws {
    let poisson = try Catalog.function(named: "poisson-nll")
    for z in [-1000.0, -1e300, -.greatestFiniteMagnitude] {
      let e = try poisson.evaluate(arguments: ["z": .real(z), "y": .real(0)])
      // The exact values e^z > 0 are below half the smallest subnormal.
      #expect(Self.bits(e) == [0, 0, 0], "z = \(z): \(e)")
    }
  }

  @Test("a parameter outside its range is an error naming it, its value and the range", arguments: Catalog.ids)
  func outsideTheRange(id: String) throws {
    let spec = try Catalog.function(named: id)
    let arguments = Self.argumentSettings(spec)[0]
    for p in spec.parameters {
      let r = p.range
      var outside: [Double] = [.nan, .infinity]
      if !r.allowsNegativeInfinity { outside.append(-.infinity) }
      if r.lower.isFinite { outside.append(r.lowerInclusive ? r.lower.nextDown : r.lower) }
      if r.upper.isFinite { outside.append(r.upperInclusive ? r.upper.nextUp : r.upper) }
      for v in outside where !r.contains(v) {
        #expect(throws: CatalogError.self, "\(id).\(p.name) = \(v)") {
          try spec.evaluate(parameters: [p.name: v], arguments: arguments)
        }
        do {
          _ = try spec.evaluate(parameters: [p.name: v], arguments: arguments)
        } catch {
          #expect(error.kind == .badParameter)
          #expect(
            error.message == "parameter \(p.name) = \(formatValue(v)) of \(id) is outside its range: allowed \(r)",
            "\(error.message)")
        }
      }
    }
  }
}
