extension CompiledFormula {
  /// Resolves the names of an ``Expr`` the way ``Expr/evaluate(_:)`` looks
  /// them up: an index bound by an enclosing sum (the innermost of that
  /// name) first, then a scalar; a vector for an element, a count or
  /// logsumexp. A name that resolves to nothing becomes a ``Node/failure``
  /// with the interpreter's message, thrown only if evaluation reaches it.
  struct Compiler {
    let scalarSlots: [String: Int]
    let vectorSlots: [String: Int]
    /// The index names of the enclosing loops, outermost first: a loop's
    /// depth is its position.
    var scope: [String] = []
    var maxDepth = 0
    /// Memo slots of named quantities, by name and compiled definition.
    var memo: [MemoKey: Int] = [:]

    struct MemoKey: Hashable {
      let name: String
      let definition: Node
    }

    init(scalars: [String], vectors: [String]) {
      scalarSlots = Dictionary(scalars.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
      vectorSlots = Dictionary(vectors.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
    }

    /// `FormulaEnvironment.index(_:)`, resolved.
    func index(_ s: Symbol) -> IndexSource {
      if let d = scope.lastIndex(of: s.name) { return .loop(d) }
      if let slot = scalarSlots[s.name] { return .scalar(slot) }
      return .unbound
    }

    func skip(_ excluding: Symbol?) -> Skip? {
      excluding.map { Skip(source: index($0), name: $0.name) }
    }

    /// Compiles the body of a loop over `j` one level deeper.
    mutating func loopBody(_ j: Symbol, _ body: Expr) -> (depth: Int, body: Node) {
      let depth = scope.count
      scope.append(j.name)
      maxDepth = Swift.max(maxDepth, scope.count)
      let node = node(body)
      scope.removeLast()
      return (depth, node)
    }

    mutating func node(_ e: Expr) -> Node {
      switch e {
      case .symbol(let s):
        if let d = scope.lastIndex(of: s.name) { return .loopIndex(d) }
        if let slot = scalarSlots[s.name] { return .scalar(slot) }
        return .failure("unbound symbol \(s.name)")
      case .element(let s, let index):
        guard let slot = vectorSlots[s.name] else { return .failure("unbound vector \(s.name)") }
        return .element(vector: slot, index: self.index(index), message: "index \(index.name) out of range for \(s.name)")
      case .number(let v), .constant(_, let v):
        return .number(Constant(value: v))
      case .sum(let terms):
        return .sum(terms.map { node($0) })
      case .product(let factors):
        return .product(factors.map { node($0) })
      case .negate(let a):
        return .negate(node(a))
      case .difference(let a, let b):
        return .difference(node(a), node(b))
      case .fraction(let a, let b):
        return .fraction(node(a), node(b))
      case .power(let a, let b):
        return .power(node(a), node(b))
      case .apply(let f, let args):
        switch f {
        case .logSumExp:
          // Only the first argument is read (the interpreter's rule).
          return .logSumExp(args.first.map { vector($0) } ?? .notVector)
        case .max:
          return .maximum(args.map { node($0) })
        case .min:
          return .minimum(args.map { node($0) })
        default:
          let nodes = args.map { node($0) }
          return nodes.count == 1 ? .unary(f, nodes[0]) : .apply(f, nodes)
        }
      case .cases(let list):
        return .cases(list.map { node($0.0) }, list.map { test($0.1) })
      case .sumOver(let j, let excluding, let body):
        let skipped = skip(excluding)
        let (depth, b) = loopBody(j, body)
        return .sumOver(depth: depth, skip: skipped, b)
      case .maxOver(let j, let excluding, let body):
        let skipped = skip(excluding)
        let (depth, b) = loopBody(j, body)
        return .maxOver(depth: depth, skip: skipped, b)
      case .argmaxOver(let j, let excluding, let body):
        let skipped = skip(excluding)
        let (depth, b) = loopBody(j, body)
        return .argmaxOver(depth: depth, skip: skipped, b)
      case .kronecker(let a, let b):
        return .kronecker(index(a), index(b))
      case .named(let s, let definition):
        let d = node(definition)
        // Remembered only when it reads no index of an enclosing loop
        // (softmax's p_j inside a sum over j changes with j).
        guard !d.readsLoop(below: scope.count) else { return d }
        let key = MemoKey(name: s.name, definition: d)
        let slot = memo[key] ?? memo.count
        memo[key] = slot
        return .remembered(slot: slot, d)
      case .count(let s):
        guard let slot = vectorSlots[s.name] else { return .failure("unbound vector \(s.name)") }
        return .count(slot)
      case .indicator(let c):
        return .indicator(test(c))
      }
    }

    /// `Expr.vectorValues(_:)`, resolved.
    mutating func vector(_ e: Expr) -> VectorNode {
      switch e {
      case .symbol(let s):
        return vectorSlots[s.name].map { .vector($0) } ?? .notVector
      case .negate(let a):
        return .negate(vector(a))
      case .fraction(let a, let b):
        return .divide(vector(a), node(b))
      case .product(let factors) where factors.count == 2:
        return .scale(vector(factors[0]), node(factors[1]))
      default:
        return .notVector
      }
    }

    mutating func test(_ c: Condition) -> Test {
      switch c {
      case .less(let a, let b): return .compare(.less, node(a), node(b))
      case .lessOrEqual(let a, let b): return .compare(.lessOrEqual, node(a), node(b))
      case .greater(let a, let b): return .compare(.greater, node(a), node(b))
      case .greaterOrEqual(let a, let b): return .compare(.greaterOrEqual, node(a), node(b))
      case .equal(let a, let b): return .compare(.equal, node(a), node(b))
      case .notEqual(let a, let b): return .compare(.notEqual, node(a), node(b))
      case .between(let a, let x, let b, let cl, let cu):
        return .between(node(a), node(x), node(b), closedLower: cl, closedUpper: cu)
      case .and(let list): return .and(list.map { test($0) })
      case .otherwise: return .always
      }
    }
  }
}

extension CompiledFormula.Node {
  /// Whether the node reads the index of a loop at a depth below `depth`
  /// (one enclosing the node).
  func readsLoop(below depth: Int) -> Bool {
    switch self {
    case .number, .scalar, .count, .failure:
      return false
    case .loopIndex(let d):
      return d < depth
    case .element(_, let index, _):
      return index.isLoop(below: depth)
    case .sum(let xs), .product(let xs), .maximum(let xs), .minimum(let xs), .apply(_, let xs):
      return xs.contains { $0.readsLoop(below: depth) }
    case .negate(let a), .unary(_, let a), .remembered(_, let a):
      return a.readsLoop(below: depth)
    case .difference(let a, let b), .fraction(let a, let b), .power(let a, let b):
      return a.readsLoop(below: depth) || b.readsLoop(below: depth)
    case .logSumExp(let v):
      return v.readsLoop(below: depth)
    case .cases(let values, let tests):
      return values.contains { $0.readsLoop(below: depth) } || tests.contains { $0.readsLoop(below: depth) }
    case .sumOver(_, let skip, let body), .maxOver(_, let skip, let body), .argmaxOver(_, let skip, let body):
      return (skip?.source.isLoop(below: depth) ?? false) || body.readsLoop(below: depth)
    case .kronecker(let a, let b):
      return a.isLoop(below: depth) || b.isLoop(below: depth)
    case .indicator(let t):
      return t.readsLoop(below: depth)
    }
  }
}

extension CompiledFormula.IndexSource {
  func isLoop(below depth: Int) -> Bool {
    if case .loop(let d) = self { return d < depth }
    return false
  }
}

extension CompiledFormula.VectorNode {
  func readsLoop(below depth: Int) -> Bool {
    switch self {
    case .vector, .notVector: return false
    case .negate(let a): return a.readsLoop(below: depth)
    case .divide(let a, let b), .scale(let a, let b): return a.readsLoop(below: depth) || b.readsLoop(below: depth)
    }
  }
}

extension CompiledFormula.Test {
  func readsLoop(below depth: Int) -> Bool {
    switch self {
    case .compare(_, let a, let b): return a.readsLoop(below: depth) || b.readsLoop(below: depth)
    case .between(let a, let x, let b, _, _):
      return a.readsLoop(below: depth) || x.readsLoop(below: depth) || b.readsLoop(below: depth)
    case .and(let list): return list.contains { $0.readsLoop(below: depth) }
    case .always: return false
    }
  }
}
