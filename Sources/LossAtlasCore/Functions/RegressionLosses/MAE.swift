/// Mean absolute error (L1), catalog id `mae`: its entry (`spec`: signature, views, declared
/// properties, conventions, references), its documented `formula`, and
/// its stable implementation with the notes on why it is stable.
enum MAE {
  static let spec = FunctionSpec(
    id: "mae", name: "Mean absolute error (L1)", family: .regressionLoss,
    aliases: ["l1", "absolute-error", "mean-absolute-error"],
    summary: "The absolute residual |ŷ − y|: the Laplace maximum-likelihood loss, minimized by the median; robust to outliers, with a constant-size gradient.",
    arguments: [RegressionLosses.predictionArgument, RegressionLosses.targetArgument], differentiable: ["yhat"],
    evaluate: RegressionLosses.residualEvaluator { _ in jet },
    views: { _ in
      [
        RegressionLosses.residualView(
          breakpoints: [0],
          declared: RegressionLosses.residualProperties(continuity: .c0, maxAbsDerivative: 1, gradientGrowth: .bounded), jet)
      ]
    },
    domain: { _ in RegressionLosses.residualDomain() },
    formula: formula,
    implementationNote: "|ŷ - y| is the rounded difference itself, correctly rounded; the subgradient at r = 0 is 0, as PyTorch's sign ({torch.abs.grad-at-0.grad_at_0} at 0).",
    conventions: [
      FrameworkConvention(.pytorch, "torch.nn.L1Loss() / F.l1_loss(yhat, y)", "reduction='mean'; gradient sign(r), {torch.l1_loss.grad-at-0.grad_at_0} at r = 0 (as here)", definitional: ["r = 0"]),
      FrameworkConvention(.keras, "keras.losses.MeanAbsoluteError()", "averages over the last axis in {keras.ops.mean.float32.compute_dtype}; per element the same |r|"),
      FrameworkConvention(.optax, "", "no dedicated loss in optax {versions.optax} (write jnp.abs(yhat - y))"),
      RegressionLosses.noJaxNN,
    ],
    references: [
      Reference("Goodfellow, Bengio, Courville, Deep Learning, §5.5.1 and §6.2.1.2", year: 2016),
      Reference("Koenker and Bassett, Regression Quantiles, Econometrica 46(1)", year: 1978),
    ]
  )

  /// The documented formulas: the tree the manual prints and the tests evaluate.
  static let formula = FunctionFormula(value: .abs(.r), derivatives: [("yhat", .sign(.r))], secondDerivative: .n(0))

  /// |r|, sign r (0 at r = 0), 0: the rounded difference is exact enough,
  /// since |hi| = round(|r|).
  @Sendable static func jet(_ yhat: Double, _ y: Double) -> Jet {
    let r = yhat - y
    return Jet(value: abs(r), d1: r > 0 ? 1 : (r < 0 ? -1 : 0), d2: 0)
  }
}
