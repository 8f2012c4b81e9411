extension Formulas {
  /// The formulas of the regression losses, by id: L(yhat, y) in the
  /// residual r = yhat - y, dL/dyhat (gaussian-nll: also dL/dvar) and
  /// d^2L/dyhat^2 of the piece that owns the point.
  static let regressionLosses: [String: FunctionFormula] = [
    "mse": FunctionFormula(value: .r.pow(.n(2)), derivatives: [("yhat", .n(2) * .r)], secondDerivative: .n(2)),
    "mae": FunctionFormula(value: .abs(.r), derivatives: [("yhat", .sign(.r))], secondDerivative: .n(0)),
    "huber": FunctionFormula(
      value: .cases([(.r.pow(.n(2)) / .n(2), .lessOrEqual(.abs(.r), .delta)), (.delta * (.abs(.r) - .delta / .n(2)), .otherwise)]),
      derivatives: [("yhat", .cases([(.r, .lessOrEqual(.abs(.r), .delta)), (.delta * .sign(.r), .otherwise)]))],
      secondDerivative: .cases([(.n(1), .lessOrEqual(.abs(.r), .delta)), (.n(0), .otherwise)])),
    "smooth-l1": FunctionFormula(
      value: .cases([(.r.pow(.n(2)) / (.n(2) * .beta), .less(.abs(.r), .beta)), (.abs(.r) - .beta / .n(2), .otherwise)]),
      derivatives: [("yhat", .cases([(.r / .beta, .less(.abs(.r), .beta)), (.sign(.r), .otherwise)]))],
      secondDerivative: .cases([(.n(1) / .beta, .less(.abs(.r), .beta)), (.n(0), .otherwise)])),
    "log-cosh": FunctionFormula(
      value: .log(.cosh(.r)),
      derivatives: [("yhat", .tanh(.r))],
      secondDerivative: .n(1) - .tanh(.r).pow(.n(2))),
    "quantile": FunctionFormula(
      value: .max(.tau * Regression.u, (.tau - .n(1)) * Regression.u),
      derivatives: [
        ("yhat", .cases([(-.tau, .greater(Regression.u, .n(0))), (.n(1) - .tau, .less(Regression.u, .n(0))), (.n(0), .otherwise)]))
      ],
      secondDerivative: .n(0)),
    "barron": FunctionFormula(
      value: Barron.cases(
        two: Barron.x.pow(.n(2)) / .n(2),
        zero: .log(Barron.x.pow(.n(2)) / .n(2) + .n(1)),
        minusInfinity: .n(1) - Barron.gauss,
        general: .abs(.alpha - .n(2)) / .alpha * (Barron.base.pow(.alpha / .n(2)) - .n(1))),
      derivatives: [
        (
          "yhat",
          Barron.cases(
            two: .r / .c.pow(.n(2)),
            zero: .n(2) * .r / (.r.pow(.n(2)) + .n(2) * .c.pow(.n(2))),
            minusInfinity: .r / .c.pow(.n(2)) * Barron.gauss,
            general: .r / .c.pow(.n(2)) * Barron.base.pow(.alpha / .n(2) - .n(1)))
        )
      ],
      secondDerivative: Barron.cases(
        two: .n(1) / .c.pow(.n(2)),
        zero: .n(2) * (.n(2) * .c.pow(.n(2)) - .r.pow(.n(2))) / (.r.pow(.n(2)) + .n(2) * .c.pow(.n(2))).pow(.n(2)),
        minusInfinity: .n(1) / .c.pow(.n(2)) * Barron.gauss * (.n(1) - Barron.x.pow(.n(2))),
        general: .n(1) / .c.pow(.n(2)) * Barron.base.pow(.alpha / .n(2) - .n(2))
          * (.n(1) + (.alpha - .n(1)) * Barron.x.pow(.n(2)) / .abs(.alpha - .n(2))))),
    "gaussian-nll": FunctionFormula(
      value: .n(1) / .n(2) * (.log(.variance) + (.y - .yhat).pow(.n(2)) / .variance),
      derivatives: [
        ("yhat", (.yhat - .y) / .variance),
        ("var", .n(1) / (.n(2) * .variance) * (.n(1) - (.y - .yhat).pow(.n(2)) / .variance)),
      ],
      secondDerivative: .n(1) / .variance),
    "poisson-nll": FunctionFormula(
      value: .exp(.z) - .y * .z,
      derivatives: [("z", .exp(.z) - .y)],
      secondDerivative: .exp(.z)),
  ]

  /// quantile's u = y - yhat.
  enum Regression {
    static let u = Expr.named(.latin("u"), .y - .yhat)
  }

  /// barron's pieces: x = r / c, the limits alpha = 2, 0, -inf as cases.
  enum Barron {
    static let x = Expr.named(.latin("x"), .r / .c)
    /// x^2 / |alpha - 2| + 1
    static let base = x.pow(.n(2)) / .abs(.alpha - .n(2)) + .n(1)
    /// e^(-x^2 / 2)
    static let gauss = Expr.exp(-(x.pow(.n(2)) / .n(2)))

    /// The general formula with its limits at alpha = 2, 0 and -inf.
    static func cases(two: Expr, zero: Expr, minusInfinity: Expr, general: Expr) -> Expr {
      .cases([
        (two, .equal(.alpha, .n(2))),
        (zero, .equal(.alpha, .n(0))),
        (minusInfinity, .equal(.alpha, .n(-.infinity))),
        (general, .otherwise),
      ])
    }
  }
}

extension Expr {
  /// The prediction yhat, printed \hat{y}.
  static let yhat = Expr.symbol(Symbol("yhat", latex: "\\hat{y}", mathml: "<mover accent=\"true\"><mi>y</mi><mo>^</mo></mover>"))
  /// The residual r = yhat - y.
  static let r = Expr.named(.latin("r"), .yhat - .y)
  /// gaussian-nll's variance, printed sigma^2.
  static let variance = Expr.symbol(Symbol("var", latex: "\\sigma^2", mathml: "<msup><mi>σ</mi><mn>2</mn></msup>"))
  /// quantile's tau and barron's scale c.
  static let tau = Expr.symbol(.greek("tau", "τ"))
  static let c = Expr.symbol(.latin("c"))
}
