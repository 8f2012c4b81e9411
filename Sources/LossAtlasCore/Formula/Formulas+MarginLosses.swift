extension Formulas {
  /// The formulas of the margin losses, by id: L(s, y) for a label
  /// y in {-1, +1}, dL/ds, and d^2L/ds^2 (using y^2 = 1).
  static let marginLosses: [String: FunctionFormula] = [
    "zero-one": FunctionFormula(
      value: .cases([(.n(1), .lessOrEqual(.ys, .n(0))), (.n(0), .otherwise)]),
      derivatives: [("s", .n(0))],
      secondDerivative: .n(0)),
    "hinge": FunctionFormula(
      value: .max(.n(0), .n(1) - .ys),
      derivatives: [("s", .cases([(-.y, .less(.ys, .n(1))), (.n(0), .otherwise)]))],
      secondDerivative: .n(0)),
    "squared-hinge": FunctionFormula(
      value: .max(.n(0), .n(1) - .ys).pow(.n(2)),
      derivatives: [("s", -(.n(2) * .y * .max(.n(0), .n(1) - .ys)))],
      secondDerivative: .cases([(.n(2), .less(.ys, .n(1))), (.n(0), .otherwise)])),
    "logistic": FunctionFormula(
      value: .log(.n(1) + .exp(-.ys)),
      derivatives: [("s", -(.y * .sigma(-.ys)))],
      secondDerivative: .sigma(.ys) * .sigma(-.ys)),
    "exponential": FunctionFormula(
      value: .exp(-.ys),
      derivatives: [("s", -(.y * .exp(-.ys)))],
      secondDerivative: .exp(-.ys)),
  ]
}

extension Symbol {
  /// The score s and the label or target y.
  static let s = Symbol.latin("s")
  static let y = Symbol.latin("y")
}

extension Expr {
  static let s = Expr.symbol(.s)
  static let y = Expr.symbol(.y)
  /// The margin y s.
  static let ys = Expr.y * .s
}
