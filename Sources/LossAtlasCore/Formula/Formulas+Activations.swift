extension Formulas {
  /// The formulas of the scalar activations, by id.
  static let activations: [String: FunctionFormula] = [
    "identity": FunctionFormula(value: .x, derivatives: [("x", .n(1))], secondDerivative: .n(0)),
    "sigmoid": FunctionFormula(
      value: .n(1) / (.n(1) + .exp(-.x)),
      derivatives: [("x", .sigma(.x) * .sigma(-.x))],
      secondDerivative: .sigma(.x) * .sigma(-.x) * (.n(1) - .n(2) * .sigma(.x))),
  ]
}

extension Symbol {
  /// The activation input x.
  public static let x = Symbol.latin("x")
}

extension Expr {
  /// The activation input x.
  public static let x = Expr.symbol(.x)
}
