/// The documented mathematics of one catalog function: its value, its
/// derivative in each differentiable argument and its second derivative in
/// the prediction argument, as expression trees.
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
  /// The output index of a vector value (softmax: `i`).
  public let valueIndex: Symbol?
  /// The indices of a derivative entry: [i, j] for a Jacobian, [j] for a
  /// gradient in a vector argument, [] for a scalar derivative.
  public let derivativeIndices: [Symbol]
  /// Definitions the formulas use, printed under them ("k = sqrt(2/pi)"),
  /// each as (LaTeX, MathML) of one equation.
  public let definitions: [(latex: String, mathml: String)]

  public init(
    value: Expr, derivatives: [(argument: String, expr: Expr)], secondDerivative: Expr? = nil,
    valueIndex: Symbol? = nil, derivativeIndices: [Symbol] = [], definitions: [(lhs: Expr, rhs: Expr)] = []
  ) {
    self.value = value
    self.derivatives = derivatives
    self.secondDerivative = secondDerivative
    self.valueIndex = valueIndex
    self.derivativeIndices = derivativeIndices
    self.definitions = definitions.map { d in
      ("\(d.lhs.latex) = \(d.rhs.latex)", "<mrow>\(d.lhs.mathml)<mo>=</mo>\(d.rhs.mathml)</mrow>")
    }
  }
}

extension FunctionSpec {
  /// The function's documented formulas (the single source the manual
  /// prints and the tests evaluate).
  public var formula: FunctionFormula? { Formulas.byID[id] }
}

/// The formulas of every catalog function, keyed by id.
public enum Formulas {
  static let byID: [String: FunctionFormula] = {
    var all: [String: FunctionFormula] = [:]
    for table in [activations, vectorActivations, marginLosses, probabilisticLosses, multiclassLosses, regressionLosses] {
      all.merge(table) { a, _ in a }
    }
    return all
  }()
}
