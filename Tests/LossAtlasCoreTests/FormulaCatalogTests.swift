import LossAtlasCore
import TestSupport
import Testing

/// The formulas against the catalog itself, for every catalog id: every
/// formula equals the 50-digit golden vectors at moderate inputs, and every derivative formula is the
/// derivative of the value formula (f'' of f'), by one-sided differences.
@Suite struct FormulaCatalogTests {
  static let lines: [GoldenLine] = GoldenFixtures.lines

  /// Every catalog id, in catalog order (the golden vectors hold every one).
  static let ids: [String] = Catalog.ids

  /// The formula environment of a golden line: parameters, real and
  /// integer arguments as scalars, arrays as vectors.
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

  /// Whether every real input is 0 or of moderate size, where the textbook
  /// evaluation of a formula is accurate to about 1e-10 or better (at
  /// subnormal, huge or saturating inputs it is not: that is why the
  /// implementations are stable forms; focal's 1 - sigma(z) at z = 20, for
  /// one, has lost 8 digits).
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

  /// The expression and environment of a component path ("value",
  /// "value[1]", "grad.var", "grad.z[1][0]").
  static func resolve(_ path: String, _ f: FunctionFormula, _ env: FormulaEnvironment) -> (Expr, FormulaEnvironment)? {
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
      return (f.value, env)
    }
    guard name.hasPrefix("grad."), let d = f.derivatives.first(where: { $0.argument == name.dropFirst(5) }),
      indices.count == f.derivativeIndices.count
    else { return nil }
    for (symbol, i) in zip(f.derivativeIndices, indices) { env.scalars[symbol.name] = Double(i) }
    return (d.expr, env)
  }

  /// Every spec carries its formula (a stored, non-optional property: a
  /// function without one does not compile); its derivatives are taken in
  /// exactly the spec's differentiable arguments, in the same order.
  @Test("each formula differentiates in the spec's differentiable arguments", arguments: Catalog.ids)
  func formulaArgumentsMatchTheSpec(id: String) throws {
    let spec = try Catalog.function(named: id)
    #expect(spec.formula.derivatives.map(\.argument) == spec.differentiable)
    let scalarArguments = spec.arguments.allSatisfy { $0.kind != .vector }
    let second = spec.formula.secondDerivative != nil || spec.formula.hessian != nil
    #expect(second == scalarArguments, "\(id): f'' (or the Hessian) exactly when no argument is a vector")
    if let h = spec.formula.hessian {
      // A Hessian is for several differentiated arguments, one row and column each.
      #expect(spec.differentiable.count >= 2 && h.count == spec.differentiable.count)
      #expect(h.allSatisfy { $0.count == spec.differentiable.count })
      #expect(spec.formula.secondDerivative == nil, "\(id): f'' or the Hessian, not both")
    }
  }

  /// Points where the catalog's rule names a value other than the
  /// derivative: hardshrink and softshrink at lambda = 0 are the identity,
  /// but "1 if |x| > lambda else 0" gives 0 at x = 0 (the golden vectors
  /// say 0 there too, as PyTorch's backward does).
  static func catalogRuleAtPoint(_ line: GoldenLine) -> Bool {
    guard ["hardshrink", "softshrink"].contains(line.id), line.parameters["lambda"] == 0,
      case .real(let x)? = line.arguments["x"]
    else { return false }
    return x == 0
  }

  @Test("each formula equals the golden vectors at moderate inputs", arguments: ids)
  func formulaEqualsGoldenVectors(id: String) throws {
    let f = try Catalog.function(named: id).formula
    var checked = 0
    var failures: [String] = []
    for line in Self.lines where line.id == id && Self.isModerate(line) {
      for c in line.components where !(c.path.hasPrefix("grad.") && Self.kinkBelowResolution(line, f)) {
        guard let (expr, env) = Self.resolve(c.path, f, Self.environment(line)) else {
          failures.append("\(line.coordinates): no formula for \(c.path)")
          continue
        }
        // The decimal string parses to the exact value's nearest Double.
        let exact = try #require(Double(c.exact))
        let got = try expr.evaluate(env)
        checked += 1
        // 1e-9 relative, or 1e-12 absolute where the exact value is tiny:
        // the textbook evaluation at these inputs is good to about 1e-13.
        let agrees = got == exact || (got.isFinite && exact.isFinite && abs(got - exact) <= max(1e-9 * abs(exact), 1e-12))
        if !agrees { failures.append("\(line.coordinates) \(c.path): formula \(got), exact \(c.exact)") }
      }
    }
    #expect(checked >= 20, "\(id): only \(checked) components checked")
    #expect(failures.isEmpty, Comment(rawValue: "\(id): \(failures.count) disagreements:\n" + failures.prefix(10).joined(separator: "\n")))
  }

  /// How a claimed derivative compares with one-sided difference quotients.
  enum Agreement { case agrees, differs([Double]), notComparable }

  /// Compares `claimed` with the one-sided difference quotients of
  /// `g(t) = f(x + t)` at steps 1e-4 ... 1e-9 (relative to x) on each side.
  ///
  /// It agrees where a quotient on either side matches (the piece that owns
  /// a kink may lie on either side; small steps reach steep functions such
  /// as bce near p = 1), or where it lies between the two sides' quotients
  /// (a subgradient at a kink: sign(0) = 0, the hinge counts). Where g jumps
  /// on both sides (f' of mae at r = 0) nothing can be compared.
  static func compare(_ claimed: Double, at x: Double, _ g: (Double) -> Double?) -> Agreement {
    guard claimed.isFinite, let g0 = g(0), g0.isFinite else { return .notComparable }
    let scale = max(1, abs(x))
    let tolerance = 1e-5 * max(1, abs(claimed))
    var smallest: [Double] = []
    for side in [1.0, -1.0] {
      var quotients: [Double] = []
      for e in 4...9 {
        let step = side * scale / pow10(e)
        // A quotient whose rounding noise |g(0)| 2^-52 / |step| exceeds the
        // tolerance cannot decide (squareplus with b = 1e300 is 5e149 at x = 1).
        guard abs(g0) * 0x1p-52 / abs(step) <= tolerance / 4 else { continue }
        guard let g1 = g(step), g1.isFinite else { continue }
        let q = (g1 - g0) / step
        if abs(q - claimed) <= tolerance { return .agrees }
        quotients.append(q)
      }
      // A side counts once its quotients settle (not within ulps of a
      // domain edge, as bce at p = 1 - 2^-52) and stay bounded (no jump).
      guard let last = quotients.last, quotients.count >= 2 else { continue }
      let previous = quotients[quotients.count - 2]
      if abs(last - previous) <= 0.1 * max(abs(last), tolerance), abs(last) < 1e4 * max(1, abs(claimed)) {
        smallest.append(last)
      }
    }
    if smallest.count == 2, smallest.min()! - tolerance <= claimed, claimed <= smallest.max()! + tolerance {
      return .agrees
    }
    return smallest.isEmpty ? .notComparable : .differs(smallest)
  }

  static func pow10(_ e: Int) -> Double { (0..<e).reduce(1.0) { a, _ in a * 10 } }

  @Test("each derivative formula differentiates the value formula, and f'' the derivative", arguments: ids)
  func derivativesAreDerivatives(id: String) throws {
    let f = try Catalog.function(named: id).formula
    var checked = 0
    var failures: [String] = []
    func check(_ what: String, _ claimed: Double, at x: Double, _ line: GoldenLine, _ g: (Double) -> Double?) {
      switch Self.compare(claimed, at: x, g) {
      case .agrees: checked += 1
      case .differs(let quotients):
        checked += 1
        failures.append("\(line.coordinates) \(what): formula \(claimed), difference quotients \(quotients)")
      case .notComparable: break
      }
    }
    // Difference quotients cannot resolve a derivative ulps away from a
    // singularity (bce's f'' at p = 1 - 2^-52 is 8e31): such points are left
    // to the value test.
    // Nor can they resolve a piecewise vector function at a near-tie (two
    // entries of a vector argument within 1e-12 relative but not equal):
    // sparsemax's support at z = [1.5, 0.5 + 2^-53, 0.5] changes within an
    // ulp on both sides of the point, far inside the smallest step.
    func nearSingularity(_ line: GoldenLine) -> Bool {
      line.arguments.values.contains { value in
        switch value {
        case .real(let v):
          return abs(abs(v) - 1) < 1e-9 && abs(v) != 1
        case .vector(let v):
          return v.indices.contains { i in
            v.indices.contains { j in v[i] != v[j] && abs(v[i] - v[j]) <= 1e-12 * max(abs(v[i]), abs(v[j])) }
          }
        case .integer:
          return false
        }
      }
    }
    for line in Self.lines where line.id == id && Self.isModerate(line) && !nearSingularity(line) && !Self.catalogRuleAtPoint(line) {
      let env = Self.environment(line)
      if f.derivativeIndices.isEmpty {
        // A real argument: move it by t.
        func along(_ expr: Expr, _ argument: String) -> (Double) -> Double? {
          { t in
            var moved = env
            moved.scalars[argument]! += t
            return try? expr.evaluate(moved)
          }
        }
        for (argument, expr) in f.derivatives {
          guard let x = env.scalars[argument] else { continue }
          check("d/d\(argument)", try expr.evaluate(env), at: x, line, along(f.value, argument))
        }
        if let second = f.secondDerivative, let (argument, first) = f.derivatives.first, let x = env.scalars[argument] {
          check("f''", try second.evaluate(env), at: x, line, along(first, argument))
        }
        // The Hessian: entry (i, j) is derivative i moved in argument j.
        if let h = f.hessian {
          for (i, (_, first)) in f.derivatives.enumerated() {
            for (j, (argument, _)) in f.derivatives.enumerated() {
              guard let x = env.scalars[argument] else { continue }
              check("H[\(i)][\(j)]", try h[i][j].evaluate(env), at: x, line, along(first, argument))
            }
          }
        }
        continue
      }
      // A vector argument: entry j of the gradient (row i of a Jacobian)
      // against the value moved in its j-th element.
      guard let (argument, expr) = f.derivatives.first, let v = env.vectors[argument] else { continue }
      for i in f.valueIndex == nil ? [0] : Array(v.indices) {
        for j in v.indices {
          var at = env
          if let index = f.valueIndex { at.scalars[index.name] = Double(i) }
          let indices = f.derivativeIndices.count == 2 ? [i, j] : [j]
          for (symbol, n) in zip(f.derivativeIndices, indices) { at.scalars[symbol.name] = Double(n) }
          check("d/d\(argument)[\(j)] of [\(i)]", try expr.evaluate(at), at: v[j], line) { t in
            var moved = at
            moved.vectors[argument]![j] += t
            return try? f.value.evaluate(moved)
          }
        }
      }
    }
    #expect(checked >= 10, "\(id): only \(checked) derivatives checked")
    #expect(failures.isEmpty, Comment(rawValue: "\(id): \(failures.count) disagreements:\n" + failures.prefix(10).joined(separator: "\n")))
  }
}

extension FormulaCatalogTests {
  /// Golden lines of cosine-embedding (y = -1) whose cosine c lies within
  /// 1e-12 of the margin m: which piece owns them (c > m or not) is decided
  /// by bits the textbook evaluation of c in Double does not have (the
  /// golden vectors put c 1.4e-17 above m = 0.5 on purpose); the code
  /// decides them exactly (a Gram-determinant numerator), and the golden
  /// test holds its gradient there. The value is still compared.
  static func kinkBelowResolution(_ line: GoldenLine, _ f: FunctionFormula) -> Bool {
    guard line.id == "cosine-embedding", case .real(-1)? = line.arguments["y"], let m = line.parameters["margin"],
      case .vector(let a)? = line.arguments["a"], case .vector(let b)? = line.arguments["b"]
    else { return false }
    let dot = zip(a, b).reduce(0) { $0 + $1.0 * $1.1 }
    let c = dot / (a.reduce(0) { $0 + $1 * $1 }.squareRoot() * b.reduce(0) { $0 + $1 * $1 }.squareRoot())
    return abs(c - m) <= 1e-12
  }
}
