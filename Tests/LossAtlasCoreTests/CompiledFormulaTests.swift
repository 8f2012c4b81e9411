import LossAtlasCore
import TestSupport
import Testing

/// ``CompiledFormula`` against the interpreter ``Expr/evaluate(_:)`` it
/// replaces in the formula check: the same bits (NaN payload and the sign
/// of zero included) or the same error message, on every part of every
/// catalog formula (value, derivatives, f'', Hessian entries) at every
/// golden line, at hostile inputs (0, -0, subnormals, overflow of exp,
/// ±1e300, ±inf, NaN), at ties and thresholds (each input set to another
/// input or a parameter, and one ulp either side: the conditions of the
/// piecewise formulas at their boundaries), at the catalog views'
/// breakpoints and one ulp either side, and with output indices in and out
/// of range. One compiled formula per part and set of names serves every
/// point, as in the formula check (a remembered named quantity must not
/// leak from one point to the next).
@Suite struct CompiledFormulaTests {
  /// What an evaluation gives: the value's bits, or the error's message.
  enum Outcome: Equatable, CustomStringConvertible {
    case bits(UInt64)
    case error(String)

    init(_ body: () throws(FormulaError) -> Double) {
      do {
        self = .bits(try body().bitPattern)
      } catch {
        self = .error(error.description)
      }
    }

    var isNaN: Bool {
      if case .bits(let b) = self { return Double(bitPattern: b).isNaN }
      return false
    }

    var description: String {
      switch self {
      case .bits(let b): return "\(Double(bitPattern: b)) (0x\(String(b, radix: 16)))"
      case .error(let m): return "error: \(m)"
      }
    }
  }

  /// Tallies of one comparison run.
  struct Tally {
    var compared = 0
    var nonFinite = 0
    var errors = 0
    var mismatches: [String] = []
  }

  /// Compiled parts, one per part and set of names, reused across points.
  struct Cache {
    var compiled: [String: CompiledFormula] = [:]

    mutating func formula(_ part: String, _ expr: Expr, _ env: FormulaEnvironment) -> CompiledFormula {
      let key = part + "|" + env.scalars.keys.sorted().joined(separator: ",") + "|"
        + env.vectors.keys.sorted().joined(separator: ",")
      if let c = compiled[key] { return c }
      let c = CompiledFormula(expr, namesOf: env)
      compiled[key] = c
      return c
    }
  }

  /// The parts of a formula, each with the index symbols it leaves free.
  static func parts(_ f: FunctionFormula) -> [(name: String, expr: Expr, indices: [Symbol])] {
    var out: [(String, Expr, [Symbol])] = [("value", f.value, f.valueIndex.map { [$0] } ?? [])]
    for d in f.derivatives { out.append(("grad." + d.argument, d.expr, f.derivativeIndices)) }
    if let s = f.secondDerivative { out.append(("second", s, [])) }
    for (r, row) in (f.hessian ?? []).enumerated() {
      for (c, e) in row.enumerated() { out.append(("hessian[\(r)][\(c)]", e, [])) }
    }
    return out
  }

  /// The formula environment of a golden line (FormulaCatalogTests' rule).
  static func environment(_ line: GoldenLine) -> FormulaEnvironment {
    FormulaCatalogTests.environment(line)
  }

  /// Values that break textbook formulas: signed zeros, subnormals, the
  /// edges of exp's range, huge and infinite inputs, NaN, and numbers a
  /// rounding away from 1.
  static let hostile: [Double] = [
    0, -0.0, 1, -1, 0.5, -0.5, 2, 1e-3, -1e-3, 15, -15, 36.8, 709.7, 710, -745.1, -746, 1e154, -1e154, 1e300, -1e300,
    .greatestFiniteMagnitude, -.greatestFiniteMagnitude, .leastNonzeroMagnitude, -.leastNonzeroMagnitude,
    .leastNormalMagnitude, 1e-310, .infinity, -.infinity, .nan, 1.0.nextDown, 1.0.nextUp,
  ]

  /// A number and its two neighbours.
  static func aroundBoundary(_ v: Double) -> [Double] { [v, v.nextDown, v.nextUp] }

  /// Environments derived from `base` by replacing one input (a scalar, or
  /// one of the first three elements of a vector) with each hostile value,
  /// each other input's value and each parameter's value (a tie, a
  /// threshold), those two a ulp either side.
  static func variants(of base: FormulaEnvironment) -> [FormulaEnvironment] {
    var present: [Double] = base.scalars.values.sorted()
    for v in base.vectors.values { present += v.prefix(3) }
    var thresholds: [Double] = []
    for v in present where v.isFinite { thresholds += aroundBoundary(v) + aroundBoundary(-v) }
    let replacements = hostile + thresholds
    var out: [FormulaEnvironment] = []
    for name in base.scalars.keys.sorted() {
      for r in replacements {
        var env = base
        env.scalars[name] = r
        out.append(env)
      }
    }
    for name in base.vectors.keys.sorted() {
      for position in base.vectors[name]!.indices.prefix(3) {
        for r in replacements {
          var env = base
          env.vectors[name]![position] = r
          out.append(env)
        }
      }
    }
    return out
  }

  /// Index bindings for a part's free indices over vectors of length `c`:
  /// every pair (every index) in range when `all`, else a few, and always
  /// indices out of range, negative, fractional and NaN (errors).
  static func bindings(_ indices: [Symbol], count c: Int, all: Bool) -> [[Double]] {
    guard !indices.isEmpty else { return [[]] }
    let inRange = (0..<max(c, 1)).map(Double.init)
    let chosen = all ? inRange : Array(Set([0, 1, inRange.last!].filter { $0 < Double(max(c, 1)) })).sorted()
    let odd: [Double] = [Double(c), -1, 0.5, .nan, 1e12]
    var out: [[Double]] = [[]]
    for _ in indices {
      out = out.flatMap { prefix in chosen.map { prefix + [$0] } }
    }
    for bad in odd { out.append([bad] + Array(repeating: 0, count: indices.count - 1)) }
    return out
  }

  /// Compares the compiled and interpreted evaluations of every part at `env`.
  static func compare(
    _ f: FunctionFormula, at env: FormulaEnvironment, allIndices: Bool, cache: inout Cache, tally: inout Tally,
    label: @autoclosure () -> String
  ) {
    let c = env.vectors.values.first?.count ?? 0
    for part in parts(f) {
      for binding in bindings(part.indices, count: c, all: allIndices) {
        var bound = env
        for (symbol, v) in zip(part.indices, binding) { bound.scalars[symbol.name] = v }
        let compiled = cache.formula(part.name, part.expr, bound)
        let interpreted = Outcome { () throws(FormulaError) in try part.expr.evaluate(bound) }
        let fast = Outcome { () throws(FormulaError) in try compiled.evaluate(bound) }
        tally.compared += 1
        switch interpreted {
        case .bits(let b): if !Double(bitPattern: b).isFinite { tally.nonFinite += 1 }
        case .error: tally.errors += 1
        }
        if interpreted != fast, tally.mismatches.count < 10 {
          tally.mismatches.append("\(label()) \(part.name) \(binding): interpreter \(interpreted), compiled \(fast)")
        }
      }
    }
  }

  @Test("the compiled formula gives the interpreter's bits or error on every catalog formula", arguments: Catalog.ids)
  func sameAsInterpreter(id: String) throws {
    let spec = try Catalog.function(named: id)
    let f = spec.formula
    var cache = Cache()
    var tally = Tally()
    let lines = GoldenFixtures.lines.filter { $0.id == id }
    // Every golden line (not only the moderate ones), every index binding.
    for line in lines {
      Self.compare(f, at: Self.environment(line), allIndices: true, cache: &cache, tally: &tally, label: line.coordinates)
    }
    // Hostile inputs, ties and thresholds around the first three lines.
    for line in lines.prefix(3) {
      for env in Self.variants(of: Self.environment(line)) {
        Self.compare(f, at: env, allIndices: false, cache: &cache, tally: &tally, label: "\(line.coordinates) varied")
      }
    }
    // The catalog views' breakpoints (the piecewise conditions' boundaries)
    // and plot ranges, a ulp either side, at the default parameters.
    let params = spec.defaultParameters
    for view in spec.views(params) where !view.argument.contains("[") {
      var env = FormulaEnvironment(scalars: params.values)
      for fixed in view.fixed {
        switch fixed.value {
        case .real(let v): env.scalars[fixed.name] = v
        case .integer(let k): env.scalars[fixed.name] = Double(k)
        case .vector(let v): env.vectors[fixed.name] = v
        }
      }
      let xs = view.breakpoints.flatMap(Self.aroundBoundary)
        + Self.aroundBoundary(view.plotRange.lowerBound) + Self.aroundBoundary(view.plotRange.upperBound)
      for x in xs {
        var at = env
        at.scalars[view.argument] = x
        Self.compare(f, at: at, allIndices: true, cache: &cache, tally: &tally, label: "\(view.label) at \(x)")
      }
    }
    #expect(tally.mismatches.isEmpty, Comment(rawValue: "\(id):\n" + tally.mismatches.joined(separator: "\n")))
    #expect(tally.compared >= 500, "\(id): only \(tally.compared) evaluations compared")
  }

  /// Across the catalog the comparison reaches the error paths (an index
  /// out of range, fractional or NaN; no case covering a NaN input) and
  /// non-finite values (each input of a golden line set to ±inf or NaN;
  /// the bounded piecewise-linear functions, relu6 or hard-sigmoid, give
  /// none, so this is counted over the catalog, not per function).
  @Test("the comparison reaches errors, non-finite values and breakpoints across the catalog")
  func reachesErrorsAndBreakpoints() throws {
    var errors = 0
    var nonFinite = 0
    var compared = 0
    var breakpoints = 0
    for spec in Catalog.all {
      breakpoints += spec.views(spec.defaultParameters).map(\.breakpoints.count).reduce(0, +)
      var cache = Cache()
      var tally = Tally()
      guard let line = GoldenFixtures.lines.first(where: { $0.id == spec.id }) else { continue }
      let base = Self.environment(line)
      var envs = [base]
      for bad in [Double.infinity, -.infinity, .nan] {
        for name in base.scalars.keys.sorted() {
          var env = base
          env.scalars[name] = bad
          envs.append(env)
        }
        for name in base.vectors.keys.sorted() {
          var env = base
          env.vectors[name]![0] = bad
          envs.append(env)
        }
      }
      for env in envs {
        Self.compare(spec.formula, at: env, allIndices: true, cache: &cache, tally: &tally, label: spec.id)
      }
      errors += tally.errors
      nonFinite += tally.nonFinite
      compared += tally.compared
      #expect(tally.mismatches.isEmpty, Comment(rawValue: tally.mismatches.joined(separator: "\n")))
    }
    #expect(errors > 0)
    #expect(nonFinite >= 100, "\(nonFinite) non-finite values in \(compared) evaluations")
    #expect(breakpoints >= 20)
  }

  // MARK: - The interpreter's rules, one by one

  static let x = Symbol.latin("x")
  static let j = Symbol.latin("j")
  static let z = Symbol.latin("z")
  static let p = Symbol.latin("p")

  /// Evaluates both ways and requires the same outcome; returns it.
  @discardableResult
  static func both(_ e: Expr, _ env: FormulaEnvironment, sourceLocation: SourceLocation = #_sourceLocation) -> Outcome {
    let interpreted = Outcome { () throws(FormulaError) in try e.evaluate(env) }
    let compiled = CompiledFormula(e, namesOf: env)
    let fast = Outcome { () throws(FormulaError) in try compiled.evaluate(env) }
    #expect(interpreted == fast, sourceLocation: sourceLocation)
    return fast
  }

  static func bits(_ v: Double) -> Outcome { .bits(v.bitPattern) }

  @Test("max and min keep the standard library's rule on NaN and signed zeros")
  func extremaOnNaNAndZeros() {
    let env = FormulaEnvironment()
    // Sequence.max(): a later element replaces the first only if the first
    // is less than it, so NaN first stays, NaN later is skipped, -0 stays.
    #expect(Self.both(.max(.n(.nan), .n(1)), env) == .bits(Double.nan.bitPattern))
    #expect(Self.both(.max(.n(1), .n(.nan)), env) == Self.bits(1))
    #expect(Self.both(.max(.n(-0.0), .n(0)), env) == Self.bits(-0.0))
    #expect(Self.both(.max(.n(0), .n(-0.0)), env) == Self.bits(0))
    #expect(Self.both(.min(.n(0), .n(-0.0)), env) == Self.bits(0))
    #expect(Self.both(.min(.n(-0.0), .n(0)), env) == Self.bits(-0.0))
    #expect(Self.both(.min(.n(2), .n(.nan)), env) == Self.bits(2))
    #expect(Self.both(.apply(.max, [.n(1), .n(3), .n(2)]), env) == Self.bits(3))
    #expect(Self.both(.apply(.max, []), env) == .bits(Double.nan.bitPattern))
    // A sum starts from +0: -0 + (-0) would be -0, 0.0 + (-0) is +0.
    #expect(Self.both(.sum([.n(-0.0)]), env) == Self.bits(0))
    #expect(Self.both(.product([.n(-0.0)]), env) == Self.bits(-0.0))
  }

  @Test("an index bound by a sum shadows a scalar of the same name; nested sums of one name shadow the outer")
  func indexShadowing() {
    let env = FormulaEnvironment(scalars: ["j": 10], vectors: ["z": [1, 2, 4]])
    // sum_j (j + sum_j j) = (0+1+2) + 3 (0+1+2) = 12; outside the sum j = 10.
    let inner = Expr.sumOver(Self.j, excluding: nil, .symbol(Self.j))
    let e = Expr.sumOver(Self.j, excluding: nil, .symbol(Self.j) + inner) + .symbol(Self.j)
    #expect(Self.both(e, env) == Self.bits(22))
    // z_j with j the scalar 10: out of range (an error, not a value).
    #expect(Self.both(.element(Self.z, index: Self.j), env) == .error("index j out of range for z"))
    // A sum excluding the scalar j = 1 of z_j: 1 + 4.
    let k = Symbol.latin("k")
    let skipping = FormulaEnvironment(scalars: ["k": 1], vectors: ["z": [1, 2, 4]])
    #expect(Self.both(.sumOver(Self.j, excluding: k, .element(Self.z, index: Self.j)), skipping) == Self.bits(5))
    // An unbound excluded index is an error even before the loop.
    #expect(Self.both(.sumOver(Self.j, excluding: k, .n(1)), FormulaEnvironment()) == .error("unbound index k"))
    // Argmax over no index; a tie goes to the first.
    #expect(Self.both(.argmaxOver(Self.j, excluding: nil, .n(1)), FormulaEnvironment()) == .error("argmax over no index"))
    #expect(Self.both(.argmaxOver(Self.j, excluding: nil, .n(1)), env) == Self.bits(0))
    #expect(Self.both(.kronecker(Self.j, k), env) == .error("unbound index"))
  }

  @Test("a named quantity is remembered only where it reads no enclosing index, and only under its own definition")
  func namedQuantities() {
    let env = FormulaEnvironment(scalars: ["x": 3], vectors: ["z": [1, 2, 4]])
    // p = z_j inside a sum over j changes with j: 1 + 2 + 4 = 7, not 3 z_0.
    let pj = Expr.named(Self.p, .element(Self.z, index: Self.j))
    #expect(Self.both(.sumOver(Self.j, excluding: nil, pj), env) == Self.bits(7))
    // Two quantities named p with different definitions: x + 2x = 9.
    #expect(Self.both(.named(Self.p, .x) + .named(Self.p, .n(2) * .x), env) == Self.bits(9))
    // Definitions that differ only in the sign of a zero: 1/0 + 1/(-0) = NaN
    // (one remembered value for both would give inf).
    let e: Expr = .n(1) / .named(Self.p, .n(0)) + .n(1) / .named(Self.p, .n(-0.0))
    #expect(Self.both(e, env).isNaN)
    // Remembered inside a sum (x x is the same at every j): (9 + 1) + (9 + 2) + (9 + 4) = 34.
    let q = Expr.named(Symbol.latin("q"), .x * .x)
    #expect(Self.both(.sumOver(Self.j, excluding: nil, q + .element(Self.z, index: Self.j)), env) == Self.bits(34))
    // The same compiled formula at two points: nothing remembered leaks.
    let compiled = CompiledFormula(q + q, namesOf: env)
    #expect(Outcome { () throws(FormulaError) in try compiled.evaluate(env) } == Self.bits(18))
    let other = FormulaEnvironment(scalars: ["x": 5], vectors: ["z": [1, 2, 4]])
    #expect(Outcome { () throws(FormulaError) in try compiled.evaluate(other) } == Self.bits(50))
  }

  @Test("errors come where the interpreter's come: an unbound name only when its case is taken")
  func errorsWhereTheInterpreterThrows() {
    let y = Symbol.latin("y")
    let e = Expr.cases([(.x, .greater(.x, .n(0))), (.symbol(y), .otherwise)])
    #expect(Self.both(e, FormulaEnvironment(scalars: ["x": 2])) == Self.bits(2))
    #expect(Self.both(e, FormulaEnvironment(scalars: ["x": -2])) == .error("unbound symbol y"))
    // NaN takes no case of a list without `otherwise`.
    let partial = Expr.cases([(.x, .greater(.x, .n(0))), (.n(0), .lessOrEqual(.x, .n(0)))])
    #expect(Self.both(partial, FormulaEnvironment(scalars: ["x": .nan])) == .error("no case covers the input"))
    // between, closed and open ends, at its ends.
    for v in [1.0, 1.0.nextDown, 2.0, 2.0.nextUp] {
      let env = FormulaEnvironment(scalars: ["x": v])
      Self.both(.indicator(.between(.n(1), .x, .n(2), closedLower: true, closedUpper: false)), env)
      Self.both(.indicator(.and([.greaterOrEqual(.x, .n(1)), .notEqual(.x, .n(2)), .equal(.x, .x)])), env)
    }
    // An element of a missing vector; a count of one; logsumexp of a
    // vector scaled, negated and divided, and of a non-vector.
    let env = FormulaEnvironment(scalars: ["x": 2], vectors: ["z": [1, 800, -3]])
    #expect(Self.both(.element(Symbol.latin("w"), index: Self.j), env) == .error("unbound vector w"))
    #expect(Self.both(.count(Self.z), env) == Self.bits(3))
    Self.both(.apply(.logSumExp, [.symbol(Self.z) / .x]), env)
    Self.both(.apply(.logSumExp, [-(.symbol(Self.z) * .x)]), env)
    #expect(
      Self.both(.apply(.logSumExp, [.x]), env)
        == .error("logsumexp needs a vector symbol (or one scaled by a scalar)"))
    // A compiled formula at an environment with other names falls back to
    // the interpreter: the missing x is an error there too.
    let compiled = CompiledFormula(.x + .n(1), namesOf: env)
    let without = FormulaEnvironment(scalars: ["y": 1])
    #expect(Outcome { () throws(FormulaError) in try compiled.evaluate(without) } == .error("unbound symbol x"))
  }
}
