import LossAtlasCore

/// The formulas printed in the manual, evaluated against the implementation
/// in the run that prints them: every catalog function, every component
/// (a vector value element by element, a Jacobian entry by entry, the
/// gradient in every differentiable argument) and f'' where the catalog
/// prints one. The errata (LossAtlasReport) prints the result.
public struct FormulaCheck: Sendable {
  /// Where a difference was measured: a golden line's component, or f''
  /// at a point of a scalar view.
  public enum Place: Sendable {
    /// No component compared yet.
    case none
    /// The component `path` ("value", "grad.z[1]") of function `id` at a
    /// golden line's parameters and arguments.
    case component(id: String, path: String, parameters: [String: Double], arguments: [String: ArgumentValue])
    /// f'' of function `id` at `argument` = `x`.
    case secondDerivative(id: String, argument: String, x: Double)
  }

  /// Functions with at least one component compared, of all in the catalog.
  public let functions: Int
  public let catalog: Int
  /// Functions whose f'' formula was compared.
  public let secondDerivatives: Int
  /// Argument points and components compared.
  public let points: Int
  public let components: Int
  /// The largest difference relative to max(|formula|, |implementation|, 1).
  public let worst: Double
  public let worstAt: Place
  /// Functions none of whose components could be compared.
  public let missing: [String]

  /// The agreement the errata requires: 1e-9 of max(|value|, 1), the
  /// textbook evaluation's accuracy at moderate inputs.
  public static let tolerance = 1e-9

  public var holds: Bool { worst <= Self.tolerance && missing.isEmpty }

  /// Compares at the golden vectors' argument points where every real input
  /// is 0 or between 10⁻³ and 15 in magnitude (where the textbook
  /// evaluation of a formula is accurate to about 10⁻¹³), and along each
  /// scalar view's plot range (201 points) for f''.
  public static func run(lines: [GoldenLine], specs: [FunctionSpec] = Catalog.all) -> FormulaCheck {
    var compared = Set<String>()
    var withSecond = Set<String>()
    var points = 0
    var components = 0
    var worst = 0.0
    var worstAt = Place.none
    func record(_ formula: Double, _ implementation: Double, _ where: @autoclosure () -> Place) {
      guard formula.isFinite && implementation.isFinite else {
        if formula != implementation {
          worst = .infinity
          worstAt = `where`()
        }
        components += 1
        return
      }
      components += 1
      let dev = formula == implementation ? 0 : abs(formula - implementation) / max(abs(formula), abs(implementation), 1)
      if dev > worst {
        worst = dev
        worstAt = `where`()
      }
    }
    for spec in specs {
      let f = spec.formula
      var compiled = CompiledParts()
      for line in lines where line.id == spec.id && isModerate(line) {
        guard let e = try? spec.evaluate(parameters: line.parameters, arguments: line.arguments) else { continue }
        points += 1
        let env = environment(line)
        for c in line.components {
          // At a kink the exact component jumps within the inputs' rounding,
          // and the golden sens is then of the order of the component itself
          // (cosine-embedding at c = m exactly: sens 0.5 to 2 against an exact
          // 0). Which piece the printed formula, evaluated in Double, picks
          // there is decided by its rounding, not by the formula; the
          // implementation's own choice is pinned by the golden value, so such
          // components are not compared here.
          if let sens = Double(c.sens), let exact = Double(c.exact), sens >= 1e-3 * max(abs(exact), 1) { continue }
          guard let (part, expr, bound) = resolve(c.path, f, env), let mine = GoldenVectors.component(c.path, of: e),
            let printed = try? compiled.evaluate(part, expr, bound)
          else { continue }
          compared.insert(spec.id)
          record(printed, mine, .component(id: spec.id, path: c.path, parameters: line.parameters, arguments: line.arguments))
        }
      }
      // f'' along the scalar views (the golden vectors hold no f'').
      guard let second = f.secondDerivative, spec.arguments.allSatisfy({ $0.kind == .real }) else { continue }
      let params = spec.defaultParameters
      for view in spec.views(params) where view.argument == spec.predictionArgument {
        var compiledSecond: CompiledFormula?
        let lo = view.plotRange.lowerBound
        let hi = view.plotRange.upperBound
        for i in 0...200 {
          let x = lo + (hi - lo) * Double(i) / 200
          // Breakpoints: the implementation's f'' belongs to one piece.
          guard view.domain.contains(x), !view.breakpoints.contains(x) else { continue }
          var scalars = params.values
          for fixed in view.fixed { if case .real(let v) = fixed.value { scalars[fixed.name] = v } }
          scalars[view.argument] = x
          let env = FormulaEnvironment(scalars: scalars)
          if compiledSecond == nil { compiledSecond = CompiledFormula(second, namesOf: env) }
          guard let printed = try? compiledSecond!.evaluate(env) else { continue }
          points += 1
          withSecond.insert(spec.id)
          record(printed, view.evaluate(x).d2, .secondDerivative(id: spec.id, argument: view.argument, x: x))
        }
      }
    }
    let missing = specs.filter { !compared.contains($0.id) }.map(\.id)
    return FormulaCheck(
      functions: compared.count, catalog: specs.count, secondDerivatives: withSecond.count, points: points,
      components: components, worst: worst, worstAt: worstAt, missing: missing)
  }

  static func isModerate(_ line: GoldenLine) -> Bool {
    func ok(_ v: Double) -> Bool { v == 0 || (abs(v) >= 1e-3 && abs(v) <= 15) }
    return line.arguments.values.allSatisfy { value in
      switch value {
      case .real(let v): return ok(v)
      case .integer: return true
      case .vector(let v): return v.allSatisfy(ok)
      }
    }
  }

  static func environment(_ line: GoldenLine) -> FormulaEnvironment {
    var env = FormulaEnvironment(scalars: line.parameters)
    for (name, value) in line.arguments {
      switch value {
      case .real(let v): env.scalars[name] = v
      case .integer(let k): env.scalars[name] = Double(k)
      case .vector(let v): env.vectors[name] = v
      }
    }
    return env
  }

  /// The formula expression of a component path ("value", "value[1]",
  /// "grad.var", "grad.z[1][0]") with its indices bound, and the name of
  /// the part ("value", "grad.var") it belongs to.
  static func resolve(_ path: String, _ f: FunctionFormula, _ env: FormulaEnvironment)
    -> (part: String, expr: Expr, env: FormulaEnvironment)?
  {
    var name = path
    var indices: [Int] = []
    while name.hasSuffix("]"), let open = name.lastIndex(of: "[") {
      guard let i = Int(name[name.index(after: open)..<name.index(before: name.endIndex)]) else { return nil }
      indices.insert(i, at: 0)
      name = String(name[..<open])
    }
    var env = env
    if name == "value" {
      if let i = f.valueIndex, let first = indices.first { env.scalars[i.name] = Double(first) }
      return (name, f.value, env)
    }
    guard name.hasPrefix("grad."), let d = f.derivatives.first(where: { $0.argument == name.dropFirst(5) }),
      indices.count == f.derivativeIndices.count
    else { return nil }
    for (symbol, i) in zip(f.derivativeIndices, indices) { env.scalars[symbol.name] = Double(i) }
    return (name, d.expr, env)
  }

  /// One function's formula parts, each compiled once per set of names
  /// (every golden line of a function has the same names, so once): a
  /// compiled formula is the interpreter's arithmetic, bit for bit
  /// (``CompiledFormula``), without its look-ups by name.
  struct CompiledParts {
    struct Key: Hashable {
      let part: String
      let scalars: [String]
      let vectors: [String]
    }

    var compiled: [Key: CompiledFormula] = [:]

    mutating func evaluate(_ part: String, _ expr: Expr, _ env: FormulaEnvironment) throws(FormulaError) -> Double {
      let key = Key(part: part, scalars: env.scalars.keys.sorted(), vectors: env.vectors.keys.sorted())
      if let c = compiled[key] { return try c.evaluate(env) }
      let c = CompiledFormula(expr, scalars: key.scalars, vectors: key.vectors)
      compiled[key] = c
      return try c.evaluate(env)
    }
  }
}
