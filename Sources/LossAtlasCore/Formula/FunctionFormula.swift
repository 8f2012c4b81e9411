/// The documented mathematics of one catalog function: its value, its
/// derivative in each differentiable argument and its second derivative in
/// the prediction argument (or, for a function of several real arguments,
/// its Hessian), as expression trees.
///
/// Free index symbols: a vector-valued function's value has a free output
/// index (softmax's p_i: `i`), a Jacobian two (`i`, `j`), a gradient in a
/// vector argument one (`j`). Tests evaluate every part at hundreds of
/// points and compare with the implementation component by component.
public struct FunctionFormula: Sendable {
  public let value: Expr
  /// Derivatives in the catalog's order of differentiable arguments.
  public let derivatives: [(argument: String, expr: Expr)]
  /// f'' in the prediction argument, where the function has one.
  public let secondDerivative: Expr?
  /// The Hessian in the differentiable arguments (rows and columns in the
  /// order of ``derivatives``), for a function of several real arguments
  /// that states it instead of ``secondDerivative`` (the gated units).
  public let hessian: [[Expr]]?
  /// The output index of a vector value (softmax: `i`).
  public let valueIndex: Symbol?
  /// The indices of a derivative entry: [i, j] for a Jacobian, [j] for a
  /// gradient in a vector argument, [] for a scalar derivative.
  public let derivativeIndices: [Symbol]
  /// Definitions the formulas use, printed under them ("k = sqrt(2/pi)"),
  /// each as the two sides of one equation: first every named quantity of
  /// the formulas (`Expr.named`) in order of first appearance, the very
  /// tree that is evaluated, then the given ones.
  public let definitionEquations: [(lhs: Expr, rhs: Expr)]

  /// The definitions as (LaTeX, MathML) of one equation each, the cases of
  /// a piecewise definition in English.
  public var definitions: [(latex: String, mathml: String)] { definitions(.english) }

  /// The definitions as (LaTeX, MathML) of one equation each, the cases of
  /// a piecewise definition (focal's p_t) in `words`.
  public func definitions(_ words: CaseWords) -> [(latex: String, mathml: String)] {
    definitionEquations.map { d in
      ("\(d.lhs.latex(words)) = \(d.rhs.latex(words))", "<mrow>\(d.lhs.mathml(words))<mo>=</mo>\(d.rhs.mathml(words))</mrow>")
    }
  }

  public init(
    value: Expr, derivatives: [(argument: String, expr: Expr)], secondDerivative: Expr? = nil,
    hessian: [[Expr]]? = nil,
    valueIndex: Symbol? = nil, derivativeIndices: [Symbol] = [], definitions: [(lhs: Expr, rhs: Expr)] = []
  ) {
    precondition(
      hessian.map { h in h.count == derivatives.count && h.allSatisfy { $0.count == derivatives.count } } ?? true,
      "a Hessian has one row and one column per differentiable argument")
    self.value = value
    self.derivatives = derivatives
    self.secondDerivative = secondDerivative
    self.hessian = hessian
    self.valueIndex = valueIndex
    self.derivativeIndices = derivativeIndices
    var parts = [value] + derivatives.map(\.expr)
    if let secondDerivative { parts.append(secondDerivative) }
    if let hessian { parts += hessian.flatMap { $0 } }
    let named = Expr.namedQuantities(in: parts).map { (lhs: Expr.symbol($0.symbol), rhs: $0.definition) }
    self.definitionEquations = named + definitions
  }
}

extension Expr {
  /// The named quantities of `exprs` (and of their definitions), each once
  /// by name, in order of first appearance.
  static func namedQuantities(in exprs: [Expr]) -> [(symbol: Symbol, definition: Expr)] {
    var found: [(symbol: Symbol, definition: Expr)] = []
    var queue = exprs
    while !queue.isEmpty {
      let e = queue.removeFirst()
      if case .named(let s, let definition) = e, !found.contains(where: { $0.symbol.name == s.name }) {
        found.append((s, definition))
        // Quantities its definition uses come after the ones already waiting.
        queue.append(definition)
        continue
      }
      queue.insert(contentsOf: e.children, at: 0)
    }
    return found
  }

  /// The subexpressions of this node (those of its conditions included).
  var children: [Expr] {
    switch self {
    case .symbol, .element, .number, .constant, .kronecker, .count, .named: return []
    case .sum(let xs), .product(let xs), .apply(_, let xs): return xs
    case .negate(let a), .sumOver(_, _, let a), .maxOver(_, _, let a), .argmaxOver(_, _, let a): return [a]
    case .difference(let a, let b), .fraction(let a, let b), .power(let a, let b): return [a, b]
    case .cases(let list): return list.flatMap { [$0.0] + $0.1.operands }
    case .indicator(let c): return c.operands
    }
  }
}

extension Condition {
  /// The expressions the condition compares.
  var operands: [Expr] {
    switch self {
    case .less(let a, let b), .lessOrEqual(let a, let b), .greater(let a, let b), .greaterOrEqual(let a, let b),
      .equal(let a, let b), .notEqual(let a, let b):
      return [a, b]
    case .between(let a, let x, let b, _, _): return [a, x, b]
    case .and(let list): return list.flatMap(\.operands)
    case .otherwise: return []
    }
  }
}
