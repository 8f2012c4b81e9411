/// Quantile (pinball) loss, catalog id `quantile`: its entry (`spec`: signature, views, declared
/// properties, conventions, references), its documented `formula`, and
/// its stable implementation with the notes on why it is stable.
enum Quantile {
  static let spec = FunctionSpec(
    id: "quantile", name: "Quantile (pinball) loss", family: .regressionLoss,
    aliases: ["pinball", "quantile-loss"],
    summary: "With u = y − ŷ: τu for under-prediction and (τ − 1) u for over-prediction; minimized by the τ-quantile of the target, the loss of quantile regression and of prediction intervals.",
    parameters: [
      ParameterSpec(
        name: "tau", symbol: "\\tau", defaultValue: 0.5, range: .unitOpen, grid: [0.1, 0.5, 0.9],
        summary: "the quantile level; τ = 0.5 is half the absolute error")
    ],
    arguments: [RegressionLosses.predictionArgument, RegressionLosses.targetArgument], differentiable: ["yhat"],
    evaluate: RegressionLosses.residualEvaluator { p in jet(tau: p["tau"]) },
    views: { p in
      let tau = p["tau"]
      return [
        RegressionLosses.residualView(
          breakpoints: [0],
          declared: RegressionLosses.residualProperties(
            continuity: .c0, maxAbsDerivative: max(tau, 1 - tau), gradientGrowth: .bounded),
          jet(tau: tau))
      ]
    },
    domain: { _ in RegressionLosses.residualDomain() },
    formula: formula,
    implementationNote: "tau u and (1 - tau) |u| are double-double products of the exact residual with tau and with the exact 1 - tau (TwoSum), each rounded once.",
    conventions: [
      FrameworkConvention(.pytorch, "torch.maximum(tau * u, (tau - 1) * u) (no built-in)", "written by hand: torch.maximum splits the gradient at the tie, {torch.quantile.tie-grad.grad_at_tie_tau_0_25} at u = 0 for tau = 0.25 (1/2 - tau), the catalog's 0 only at tau = 1/2", definitional: ["u = 0", "tau = 0.25", "(1/2 - tau)", "the catalog's 0 only at tau = 1/2"]),
      FrameworkConvention(.keras, "", "no equivalent in Keras core (TensorFlow Addons had tfa.losses.PinballLoss)"),
      FrameworkConvention(.optax, "jnp.maximum(tau * u, (tau - 1) * u) (no built-in)", "jnp.maximum splits the gradient at ties: {jax.jnp.tie-grads.quantile_grad_at_tie_tau_0_25} at u = 0 for tau = 0.25 (1/2 - tau) instead of 0", definitional: ["u = 0", "tau = 0.25", "(1/2 - tau)", "instead of 0"]),
      RegressionLosses.noJaxNN,
    ],
    references: [
      Reference("Koenker and Bassett, Regression Quantiles, Econometrica 46(1)", year: 1978)
    ],
    figures: FigureHints(
      family: ParameterFamilyFigure(
        parameter: "tau", values: [0.1, 0.5, 0.9],
        note: "τ weights under- against over-prediction: the slopes are −τ and 1 − τ."))
  )

  /// The documented formulas: the tree the manual prints and the tests evaluate.
  static let formula = FunctionFormula(
    value: .max(tau * u, (tau - .n(1)) * u),
    derivatives: [
      ("yhat", .cases([(-tau, .greater(u, .n(0))), (.n(1) - tau, .less(u, .n(0))), (.n(0), .otherwise)]))
    ],
    secondDerivative: .n(0))

  /// The quantile level tau.
  static let tau = Expr.symbol(.greek("tau", "τ"))
  /// u = y - yhat.
  static let u = Expr.named(.latin("u"), .y - .yhat)

  /// tau u, -tau for u = y - yhat > 0; (1 - tau)(-u), 1 - tau for u < 0;
  /// 0, 0 at u = 0; f'' = 0 on both pieces.
  static func jet(tau: Double) -> RegressionLosses.ResidualJet {
    let oneMinusTau = DoubleDouble.twoSum(1, -tau)
    let oneMinusTauRounded = 1 - tau
    return { yhat, y in
      var r = StableMath.residual(yhat, y)
      var scale = 1.0
      if !r.hi.isFinite {
        r = StableMath.halfResidual(yhat, y)
        scale = 2
      }
      if r.hi == 0 { return Jet(value: 0, d1: 0, d2: 0) }
      if r.hi < 0 {
        return Jet(value: scale * StableMath.roundedProduct(-r, tau), d1: -tau, d2: 0)
      }
      let v = r * oneMinusTau
      return Jet(value: scale * (v.hi + v.lo), d1: oneMinusTauRounded, d2: 0)
    }
  }
}
