extension CompiledFormula {
  /// The value of a compiled node: each case the arithmetic of the same
  /// case of ``Expr/evaluate(_:)``, its operands in the same order.
  static func value(_ node: Node, _ f: inout Frame) throws(FormulaError) -> Double {
    switch node {
    case .number(let c):
      return c.value
    case .scalar(let slot):
      return f.scalars[slot]
    case .loopIndex(let depth):
      return Double(f.indices[depth])
    case .element(let slot, let source, let message):
      guard let i = index(source, f), f.vectors[slot].indices.contains(i) else {
        throw FormulaError(description: message)
      }
      return f.vectors[slot][i]
    case .count(let slot):
      return Double(f.vectors[slot].count)
    case .sum(let terms):
      var total = 0.0
      for t in terms { total += try value(t, &f) }
      return total
    case .product(let factors):
      var total = 1.0
      for x in factors { total *= try value(x, &f) }
      return total
    case .negate(let a):
      return -(try value(a, &f))
    case .difference(let a, let b):
      let va = try value(a, &f)
      return va - (try value(b, &f))
    case .fraction(let a, let b):
      let va = try value(a, &f)
      return va / (try value(b, &f))
    case .power(let a, let b):
      let va = try value(a, &f)
      let vb = try value(b, &f)
      return LossAtlasCore.pow(va, vb)
    case .unary(let fn, let a):
      return Expr.unary(fn, try value(a, &f))
    case .maximum(let args):
      // Sequence.max(): the first, replaced by each later one it is less than.
      guard !args.isEmpty else { return .nan }
      var result = try value(args[0], &f)
      for k in args.indices.dropFirst() {
        let v = try value(args[k], &f)
        if result < v { result = v }
      }
      return result
    case .minimum(let args):
      // Sequence.min(): the first, replaced by each later one less than it.
      guard !args.isEmpty else { return .nan }
      var result = try value(args[0], &f)
      for k in args.indices.dropFirst() {
        let v = try value(args[k], &f)
        if v < result { result = v }
      }
      return result
    case .apply(let fn, let args):
      var values: [Double] = []
      for a in args { values.append(try value(a, &f)) }
      return try Expr.apply(fn, values)
    case .logSumExp(let v):
      guard let values = try vector(v, &f) else {
        throw FormulaError(description: "logsumexp needs a vector symbol (or one scaled by a scalar)")
      }
      return StableMath.logSumExp(values)
    case .cases(let values, let tests):
      for k in tests.indices where try holds(tests[k], &f) {
        return try value(values[k], &f)
      }
      throw FormulaError(description: "no case covers the input")
    case .sumOver(let depth, let skip, let body):
      var total = 0.0
      let excluded = try skipped(skip, f)
      for i in 0..<f.count where i != excluded {
        f.indices[depth] = i
        total += try value(body, &f)
      }
      return total
    case .maxOver(let depth, let skip, let body):
      var best = -Double.infinity
      let excluded = try skipped(skip, f)
      for i in 0..<f.count where i != excluded {
        f.indices[depth] = i
        best = Swift.max(best, try value(body, &f))
      }
      return best
    case .argmaxOver(let depth, let skip, let body):
      // Strictly greater: the first index wins a tie.
      var best: (index: Int, value: Double)?
      let excluded = try skipped(skip, f)
      for i in 0..<f.count where i != excluded {
        f.indices[depth] = i
        let v = try value(body, &f)
        if best == nil || v > best!.value { best = (i, v) }
      }
      guard let best else { throw FormulaError(description: "argmax over no index") }
      return Double(best.index)
    case .kronecker(let a, let b):
      guard let i = index(a, f), let k = index(b, f) else { throw FormulaError(description: "unbound index") }
      return i == k ? 1 : 0
    case .remembered(let slot, let definition):
      if f.known[slot] { return f.memo[slot] }
      let v = try value(definition, &f)
      f.memo[slot] = v
      f.known[slot] = true
      return v
    case .indicator(let t):
      return try holds(t, &f) ? 1 : 0
    case .failure(let message):
      throw FormulaError(description: message)
    }
  }

  /// `FormulaEnvironment.index(_:)`: a loop's index, or a scalar that is a
  /// whole number below 1e9 in magnitude.
  static func index(_ source: IndexSource, _ f: Frame) -> Int? {
    switch source {
    case .loop(let depth):
      return f.indices[depth]
    case .scalar(let slot):
      let v = f.scalars[slot]
      if v == v.rounded(), Swift.abs(v) < 1e9 { return Int(v) }
      return nil
    case .unbound:
      return nil
    }
  }

  /// `FormulaEnvironment.skipped(_:)`.
  static func skipped(_ skip: Skip?, _ f: Frame) throws(FormulaError) -> Int? {
    guard let skip else { return nil }
    guard let k = index(skip.source, f) else { throw FormulaError(description: "unbound index \(skip.name)") }
    return k
  }

  /// `Expr.vectorValues(_:)`.
  static func vector(_ node: VectorNode, _ f: inout Frame) throws(FormulaError) -> [Double]? {
    switch node {
    case .vector(let slot):
      return f.vectors[slot]
    case .notVector:
      return nil
    case .negate(let a):
      return try vector(a, &f)?.map { -$0 }
    case .divide(let a, let b):
      guard let v = try vector(a, &f) else { return nil }
      let d = try value(b, &f)
      return v.map { $0 / d }
    case .scale(let a, let c):
      guard let v = try vector(a, &f) else { return nil }
      let s = try value(c, &f)
      return v.map { $0 * s }
    }
  }

  /// `Condition.holds(_:)`.
  static func holds(_ test: Test, _ f: inout Frame) throws(FormulaError) -> Bool {
    switch test {
    case .compare(let comparison, let a, let b):
      let va = try value(a, &f)
      let vb = try value(b, &f)
      switch comparison {
      case .less: return va < vb
      case .lessOrEqual: return va <= vb
      case .greater: return va > vb
      case .greaterOrEqual: return va >= vb
      case .equal: return va == vb
      case .notEqual: return va != vb
      }
    case .between(let a, let x, let b, let cl, let cu):
      let va = try value(a, &f)
      let vx = try value(x, &f)
      let vb = try value(b, &f)
      return (cl ? va <= vx : va < vx) && (cu ? vx <= vb : vx < vb)
    case .and(let list):
      for t in list where !(try holds(t, &f)) { return false }
      return true
    case .always:
      return true
    }
  }
}
