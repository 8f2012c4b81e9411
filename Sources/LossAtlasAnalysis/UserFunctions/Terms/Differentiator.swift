/// Symbolic differentiation of a ``TermGraph`` in one argument, with the
/// simplifying constructors (so no `0 *` or `1 *` is left).
///
/// Rules (u' the derivative of the operand):
/// ```
/// (a ± b)' = a' ± b'             (a b)' = a' b + a b'
/// (a / b)' = (a' b - a b') / b^2  (a' / b when b is constant)
/// (a^c)'   = c a^(c-1) a'         (c constant; else a^b (b' log a + b a'/a))
/// exp' = exp    expm1' = exp      log' = 1/u      log1p' = 1/(1 + u)
/// sqrt' = 1/(2 sqrt u)            sin' = cos      cos' = -sin
/// tan' = 1/cos^2    tanh' = 1/cosh^2    sinh' = cosh    cosh' = sinh
/// atan' = 1/(1 + u^2)    erf' = 2/sqrt(pi) e^(-u^2) = -erfc'
/// ```
/// tanh' is written 1/cosh^2 u rather than 1 - tanh^2 u, which is 0 in
/// Double beyond |u| = 19 where the exact value is about 4 e^(-2|u|): the
/// derivative formulas LossAtlas derives should not add a cancellation the
/// user did not write.
///
/// Kinks use the catalog's conventions (the subgradient the catalog names,
/// and the second derivative of the piece that owns the point):
/// - abs'(u) = sign(u) (0 at u = 0, as mae and softsign); sign'(u) = 0.
/// - where(c, a, b)' = where(c, a', b'): the branch the condition selects
///   owns its boundary point.
/// - max(a, b)' = a' where a > b, b' where a < b, and at a tie the element
///   of least magnitude of the subgradient hull [min(a', b'), max(a', b')]:
///   0 when a' and b' have opposite signs (or one is 0), else the one smaller
///   in magnitude. This is relu'(0) = 0 (max(x, 0)), hinge's 0 at y s = 1
///   (max(0, 1 - y s)), and hard-tanh's and relu6's 0 at their corners
///   (min(max(x, -1), 1)); min likewise. Differentiating the tie rule again
///   keeps the same choice, so f'' is that of the piece whose f' is reported.
/// - A catalog call contributes the catalog's own exact derivatives by the
///   chain rule: f(u)' = f'(u) u' (gelu'(u), printed with a prime), and for
///   a derivative node f'(u)' = f''(u) u'.
struct Differentiator {
  private(set) var graph: TermGraph
  let variable: Int
  let source: ExpressionSource
  let argumentNames: [String]
  private var memo: [TermID: TermID] = [:]

  init(graph: TermGraph, variable: Int, source: ExpressionSource, argumentNames: [String]) {
    self.graph = graph
    self.variable = variable
    self.source = source
    self.argumentNames = argumentNames
  }

  /// d root / d argument[variable].
  mutating func derivative(_ root: TermID) throws(ExpressionError) -> TermID {
    // Children have smaller ids: one pass in id order, no recursion.
    for n in graph.topologicalOrder([root]) where memo[n] == nil {
      if graph.isCondition(n) { continue }
      let before = graph.count
      let d = try rule(n)
      memo[n] = d
      for new in before..<graph.count where graph.derivedFrom[new] == nil && graph.sourceRanges[new] == nil {
        graph.derivedFrom[new] = n
      }
      if graph.count > TermGraph.maximumNodes {
        throw source.error(
          "the derivatives of this expression need more than \(TermGraph.maximumNodes) nodes", at: range(root))
      }
    }
    return memo[root]!
  }

  private func range(_ n: TermID) -> SourceRange {
    graph.sourceRanges[n] ?? graph.derivedFrom[n].flatMap { graph.sourceRanges[$0] } ?? SourceRange(0, source.text.unicodeScalars.count)
  }

  private mutating func rule(_ n: TermID) throws(ExpressionError) -> TermID {
    let node = graph[n]
    let c = node.children
    func d(_ i: Int) -> TermID { memo[c[i]]! }
    switch node.op {
    case .constant, .literal, .pi, .euler, .infinity, .parameter:
      return graph.constant(0)
    case .argument(let i):
      return graph.constant(i == variable ? 1 : 0)
    case .boolean, .compare, .and, .or, .not:
      preconditionFailure("conditions have no derivative")
    case .add:
      return graph.add(d(0), d(1))
    case .subtract:
      return graph.subtract(d(0), d(1))
    case .negate:
      return graph.negate(d(0))
    case .multiply:
      return graph.add(graph.multiply(d(0), c[1]), graph.multiply(c[0], d(1)))
    case .divide:
      let (a, b, da, db) = (c[0], c[1], d(0), d(1))
      if graph.isConstant(db, 0) { return graph.divide(da, b) }
      let b2 = graph.power(b, graph.constant(2))
      if graph.isConstant(da, 0) { return graph.negate(graph.divide(graph.multiply(a, db), b2)) }
      return graph.divide(graph.subtract(graph.multiply(da, b), graph.multiply(a, db)), b2)
    case .power:
      let (a, b, da, db) = (c[0], c[1], d(0), d(1))
      if graph.isConstant(db, 0) {
        let lowered = graph.power(a, graph.subtract(b, graph.constant(1)))
        return graph.multiply(graph.multiply(b, lowered), da)
      }
      let logA = graph.apply(.log, a)
      if graph.isConstant(da, 0) { return graph.multiply(graph.multiply(n, logA), db) }
      let inner = graph.add(graph.multiply(db, logA), graph.divide(graph.multiply(b, da), a))
      return graph.multiply(n, inner)
    case .function(let f):
      return chain(functionDerivative(f, c[0], n), d(0))
    case .minimum, .maximum:
      let (a, b, da, db) = (c[0], c[1], d(0), d(1))
      let isMax = node.op == .maximum
      let aWins = graph.compare(isMax ? .greater : .less, a, b)
      let bWins = graph.compare(isMax ? .less : .greater, a, b)
      return graph.select(aWins, da, graph.select(bWins, db, tieRule(da, db)))
    case .select:
      return graph.select(c[0], d(1), d(2))
    case .catalog(let k, let output):
      return try catalogDerivative(n, k, output)
    }
  }

  /// The element of least magnitude of the hull [min(p, q), max(p, q)]:
  /// where(p q <= 0, 0, where(abs(p) <= abs(q), p, q)).
  private mutating func tieRule(_ p: TermID, _ q: TermID) -> TermID {
    if p == q { return p }
    let opposite = graph.compare(.lessOrEqual, graph.multiply(p, q), graph.constant(0))
    let pSmaller = graph.compare(.lessOrEqual, graph.apply(.abs, p), graph.apply(.abs, q))
    return graph.select(opposite, graph.constant(0), graph.select(pSmaller, p, q))
  }

  /// f'(u) u', written u' / v when f'(u) = 1 / v (log' = 1/u gives u'/u).
  private mutating func chain(_ outer: TermID, _ inner: TermID) -> TermID {
    if case .divide = graph[outer].op, graph.isConstant(graph[outer].children[0], 1) {
      return graph.divide(inner, graph[outer].children[1])
    }
    return graph.multiply(inner, outer)
  }

  /// f'(u) for a built-in f, `fu` the node f(u) itself.
  private mutating func functionDerivative(_ f: UnaryFunction, _ u: TermID, _ fu: TermID) -> TermID {
    let one = graph.constant(1)
    let two = graph.constant(2)
    switch f {
    case .exp: return fu
    case .expm1: return graph.apply(.exp, u)
    case .log: return graph.divide(one, u)
    case .log1p: return graph.divide(one, graph.add(one, u))
    case .sqrt: return graph.divide(one, graph.multiply(two, fu))
    case .abs: return graph.apply(.sign, u)
    case .sign: return graph.constant(0)
    case .sin: return graph.apply(.cos, u)
    case .cos: return graph.negate(graph.apply(.sin, u))
    case .tan: return graph.divide(one, graph.power(graph.apply(.cos, u), two))
    case .tanh: return graph.divide(one, graph.power(graph.apply(.cosh, u), two))
    case .sinh: return graph.apply(.cosh, u)
    case .cosh: return graph.apply(.sinh, u)
    case .atan: return graph.divide(one, graph.add(one, graph.power(u, two)))
    case .erf, .erfc:
      let gauss = graph.apply(.exp, graph.negate(graph.power(u, two)))
      let scale = graph.divide(two, graph.apply(.sqrt, graph.node(.pi)))
      let d = graph.multiply(scale, gauss)
      return f == .erf ? d : graph.negate(d)
    }
  }

  private mutating func catalogDerivative(_ n: TermID, _ k: Int, _ output: CatalogOutput) throws(ExpressionError) -> TermID {
    let callee = graph.callees[k]
    let children = graph[n].children
    let argumentCount = callee.argumentNames.count
    var total = graph.constant(0)
    for j in 0..<argumentCount {
      let dj = memo[children[j]]!
      if graph.isConstant(dj, 0) { continue }
      let name = callee.argumentNames[j]
      let partial: TermID
      switch output {
      case .value:
        guard callee.differentiablePositions.contains(j) else {
          throw source.error(
            "\(callee.callName) is differentiated only in \(callee.spec.differentiable.joined(separator: ", ")); its argument \(name) must not depend on \(argumentNames[variable])",
            at: range(n))
        }
        partial = graph.node(.catalog(callee: k, .gradient(j)), children)
      case .gradient(let i):
        guard callee.hasSecondDerivative(i, j) else {
          throw source.error(
            "the catalog gives no second derivative of \(callee.callName) in \(callee.argumentNames[i]) and \(name); its argument \(name) must not depend on \(argumentNames[variable])",
            at: range(n))
        }
        partial = graph.node(.catalog(callee: k, .hessian(min(i, j), max(i, j))), children)
      case .hessian:
        throw source.error("third derivatives of catalog functions are not available", at: range(n))
      }
      total = graph.add(total, graph.multiply(dj, partial))
    }
    return total
  }
}
