import LossAtlasCore
import TestSupport
import Testing

/// The printed formulas are the implementation: each function's formula
/// tree is evaluated at hundreds of points and must equal the stable
/// implementation there (value, every derivative component, f'').
@Suite struct FormulaTests {
  static let ids = Catalog.ids

  /// One input: parameters, arguments, and the formula environment.
  struct Point {
    let parameters: ParameterValues
    let arguments: [String: ArgumentValue]
    let environment: FormulaEnvironment
    let label: String
  }

  /// Inputs for `spec`: for real-argument functions, 301 points of each
  /// view's plot range plus its breakpoints, at every parameter setting;
  /// for vector functions, 300 seeded random vectors (C = 2...6).
  static func points(_ spec: FunctionSpec) -> [Point] {
    var out: [Point] = []
    let hasVector = spec.arguments.contains { $0.kind == .vector }
    for params in parameterSettings(spec) {
      if hasVector {
        var rng = SplitMix64(seed: 0xF0F0 + UInt64(spec.id.count))
        for n in 0..<300 {
          let c = 2 + n % 5
          var args: [String: ArgumentValue] = [:]
          var vectors: [String: [Double]] = [:]
          var scalars = params.values
          for a in spec.arguments {
            switch (a.kind, a.name) {
            case (.vector, "q"):
              var q = (0..<c).map { _ in Double(rng.next() % 1000) }
              if n % 3 == 0 { q[Int(rng.next() % UInt64(c))] = 0 }
              let total = q.reduce(0, +)
              q = total > 0 ? q.map { $0 / total } : [1] + Array(repeating: 0, count: c - 1)
              let fixed = 1 - q.dropFirst().reduce(0, +)
              q[0] = max(0, fixed)
              args["q"] = .vector(q)
              vectors["q"] = q
            case (.vector, _):
              let v = (0..<c).map { _ in Self.sample(a.domain, spread: 12, &rng) }
              args[a.name] = .vector(v)
              vectors[a.name] = v
            case (.integer, _):
              let k = Int(rng.next() % UInt64(c))
              args[a.name] = .integer(k)
              scalars[a.name] = Double(k)
            case (.real, _):
              let v = Self.sample(a.domain, spread: 4, &rng)
              args[a.name] = .real(v)
              scalars[a.name] = v
            }
          }
          out.append(Point(parameters: params, arguments: args, environment: FormulaEnvironment(scalars: scalars, vectors: vectors), label: "\(args)"))
        }
        continue
      }
      for view in spec.views(params) {
        let lo = view.plotRange.lowerBound
        let hi = view.plotRange.upperBound
        let xs = (0...300).map { lo + (hi - lo) * Double($0) / 300 } + view.breakpoints
        for x in xs where view.domain.contains(x) {
          var args = Dictionary(uniqueKeysWithValues: view.fixed.map { ($0.name, $0.value) })
          args[view.argument] = .real(x)
          var scalars = params.values
          for (k, v) in args {
            if case .real(let r) = v { scalars[k] = r }
          }
          out.append(Point(parameters: params, arguments: args, environment: FormulaEnvironment(scalars: scalars), label: "\(params) \(view.label) x = \(x)"))
        }
      }
    }
    return out
  }

  /// One seeded value inside `domain` (one draw): a label (the label of
  /// cosine-embedding), a point of a bounded interval (the masks of dice),
  /// or spread * (u - 1/2) for an unbounded one.
  static func sample(_ domain: ArgumentDomain, spread: Double, _ rng: inout SplitMix64) -> Double {
    let u = Double(rng.next() % 10_000) / 10_000
    switch domain {
    case .labels(let values):
      return values[Int(u * Double(values.count))]
    case .interval(let lo, _, let hi, _) where lo.isFinite && hi.isFinite:
      return lo + (hi - lo) * (u + 0.5 / 10_000)
    default:
      return spread * (u - 0.5)
    }
  }

  /// Agreement to 1e-9 of the larger magnitude, with an absolute floor of
  /// 1e-12 of the scale (the textbook evaluation of the formula is accurate
  /// to about 1e-13 at these moderate inputs).
  static func agree(_ formula: Double, _ code: Double, scale: Double) -> Bool {
    if formula == code { return true }
    if formula.isNaN || code.isNaN { return false }
    if formula.isInfinite || code.isInfinite { return formula == code }
    return abs(formula - code) <= max(1e-9 * max(abs(formula), abs(code)), 1e-12 * scale)
  }

  @Test("every function has a formula that equals its implementation", arguments: ids)
  func formulaEqualsCode(id: String) throws {
    let spec = try Catalog.function(named: id)
    let formula = spec.formula
    var checked = 0
    var failures: [String] = []
    for p in Self.points(spec) {
      let e = try spec.evaluate(parameters: p.parameters.values, arguments: p.arguments)
      var env = p.environment
      // Value: scalar, or each component with the output index bound.
      let values = e.value.flattened
      let scale = values.map(abs).max() ?? 1
      for (i, v) in values.enumerated() {
        if let index = formula.valueIndex { env.scalars[index.name] = Double(i) }
        let f = try formula.value.evaluate(env)
        checked += 1
        if !Self.agree(f, v, scale: max(1, scale)) { failures.append("\(p.label) value[\(i)]: formula \(f), code \(v)") }
      }
      // Derivatives: each argument's tensor, entry by entry.
      for (argument, expr) in formula.derivatives {
        guard let tensor = e.gradient(argument) else {
          failures.append("\(p.label): no gradient in \(argument)")
          continue
        }
        switch tensor {
        case .scalar(let g):
          let f = try expr.evaluate(env)
          checked += 1
          if !Self.agree(f, g, scale: max(1, abs(g))) { failures.append("\(p.label) d/d\(argument): formula \(f), code \(g)") }
        case .vector(let g):
          for (j, gj) in g.enumerated() {
            env.scalars[formula.derivativeIndices[0].name] = Double(j)
            let f = try expr.evaluate(env)
            checked += 1
            if !Self.agree(f, gj, scale: max(1, g.map(abs).max()!)) { failures.append("\(p.label) d/d\(argument)[\(j)]: formula \(f), code \(gj)") }
          }
        case .matrix(let m):
          for (i, row) in m.enumerated() {
            for (j, mij) in row.enumerated() {
              env.scalars[formula.derivativeIndices[0].name] = Double(i)
              env.scalars[formula.derivativeIndices[1].name] = Double(j)
              let f = try expr.evaluate(env)
              checked += 1
              if !Self.agree(f, mij, scale: 1) { failures.append("\(p.label) J[\(i)][\(j)]: formula \(f), code \(mij)") }
            }
          }
        }
      }
      if let second = formula.secondDerivative, let d2 = e.secondDerivative {
        let f = try second.evaluate(env)
        checked += 1
        if !Self.agree(f, d2, scale: max(1, abs(d2))) { failures.append("\(p.label) f'': formula \(f), code \(d2)") }
      }
      // The Hessian, entry by entry, when the formula states one.
      if let h = formula.hessian {
        guard case .matrix(let m)? = e.hessian, m.count == h.count else {
          failures.append("\(p.label): the formula states a Hessian, the code gives \(String(describing: e.hessian))")
          continue
        }
        for (i, row) in h.enumerated() {
          for (j, entry) in row.enumerated() where j < m[i].count {
            let f = try entry.evaluate(env)
            checked += 1
            if !Self.agree(f, m[i][j], scale: max(1, abs(m[i][j]))) {
              failures.append("\(p.label) H[\(i)][\(j)]: formula \(f), code \(m[i][j])")
            }
          }
        }
      }
    }
    #expect(checked >= 200, "\(id): only \(checked) components checked")
    #expect(failures.count == 0, Comment(rawValue: "\(id): \(failures.count) disagreements:\n" + failures.prefix(10).joined(separator: "\n")))
    #expect(spec.differentiable == formula.derivatives.map(\.argument), "\(id): one derivative formula per differentiable argument")
  }

  @Test func latexAndMathMLOfSigmoid() throws {
    let f = try Catalog.function(named: "sigmoid").formula
    #expect(f.value.latex == "\\frac{1}{1 + e^{-x}}")
    #expect(f.value.mathml == "<mfrac><mrow><mn>1</mn></mrow><mrow><mrow><mn>1</mn><mo>+</mo><msup><mi>e</mi><mrow><mrow><mo>−</mo><mi>x</mi></mrow></mrow></msup></mrow></mrow></mfrac>")
    #expect(f.derivatives[0].expr.latex == "\\sigma(x) \\sigma(-x)")
  }

  @Test func printingParenthesisesByPrecedence() {
    let x = Expr.x
    #expect(((x + .n(1)) * x).latex == "\\left(x + 1\\right) x")
    #expect((.n(2) * .n(3)).latex == "2 \\cdot 3")
    #expect((x - (x + .n(1))).latex == "x - \\left(x + 1\\right)")
    #expect(Expr.power(x + .n(1), .n(2)).latex == "\\left(x + 1\\right)^{2}")
    #expect(Expr.power(.tanh(x), .n(2)).latex == "\\tanh^{2}(x)")
    #expect((-(x * x)).latex == "-x x")
  }

  @Test func evaluationFollowsCasesInOrder() throws {
    let relu = Expr.cases([(.x, .greater(.x, .n(0))), (.n(0), .otherwise)])
    #expect(try relu.evaluate(FormulaEnvironment(scalars: ["x": 2])) == 2)
    #expect(try relu.evaluate(FormulaEnvironment(scalars: ["x": -2])) == 0)
    #expect(relu.latex == "\\begin{cases} x & \\text{if } x > 0 \\\\ 0 & \\text{otherwise} \\end{cases}")
    #expect(throws: FormulaError.self) { try Expr.x.evaluate(FormulaEnvironment()) }
  }
}
