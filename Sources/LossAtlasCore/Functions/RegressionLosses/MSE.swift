/// Mean squared error (L2), catalog id `mse`: its entry (`spec`: signature, views, declared
/// properties, conventions, references), its documented `formula`, and
/// its stable implementation with the notes on why it is stable.
enum MSE {
  static let spec = FunctionSpec(
    id: "mse", name: "Mean squared error (L2)", family: .regressionLoss,
    aliases: ["l2", "squared-error", "mean-squared-error"],
    summary: "The squared residual (ŷ − y)²: the Gaussian maximum-likelihood loss and the default for regression; its gradient grows with the residual, so outliers dominate.",
    arguments: [RegressionLosses.predictionArgument, RegressionLosses.targetArgument], differentiable: ["yhat"],
    evaluate: RegressionLosses.residualEvaluator { _ in jet },
    views: { _ in
      [RegressionLosses.residualView(declared: RegressionLosses.residualProperties(continuity: .cInfinity, gradientGrowth: .unbounded), jet)]
    },
    domain: { _ in RegressionLosses.residualDomain() },
    formula: formula,
    implementationNote: "r = ŷ - y is formed exactly (TwoSum) and r^2 = hi^2 + 2 hi lo rounded once (FMA), so the loss is correctly rounded even where ŷ - y itself is not exact.",
    conventions: [
      FrameworkConvention(.pytorch, "torch.nn.MSELoss() / F.mse_loss(yhat, y)", "reduction='mean' averages over elements; the per-element loss is the same r^2", definitional: ["r^2"]),
      FrameworkConvention(.keras, "keras.losses.MeanSquaredError()", "averages over the last axis in {keras.ops.mean.float32.compute_dtype} (relative error up to about {keras.ops.mean.float32.rel_error}); per element the same r^2", definitional: ["r^2"]),
      FrameworkConvention(.optax, "optax.losses.squared_error(yhat, y)", "squared_error is r^2; optax.losses.l2_loss is r^2 / 2, half the catalog's value and gradient ({optax.squared_error.l2_loss.l2_loss_at_3} against {optax.squared_error.l2_loss.squared_error_at_3} at r = 3)", definitional: ["optax.losses.l2_loss", "r^2 / 2", "r^2", "r = 3"]),
      RegressionLosses.noJaxNN,
    ],
    references: [
      Reference("Goodfellow, Bengio, Courville, Deep Learning, §5.5.1", year: 2016),
      Reference("Gauss, Theoria motus corporum coelestium (least squares)", year: 1809),
    ]
  )

  /// The documented formulas: the tree the manual prints and the tests evaluate.
  static let formula = FunctionFormula(value: .r.pow(.n(2)), derivatives: [("yhat", .n(2) * .r)], secondDerivative: .n(2))

  /// r^2, 2r, 2 with r exact: `square` rounds hi^2 + 2 hi lo once; 2r is
  /// 2 hi exactly (doubling commutes with rounding). A residual beyond the
  /// Double range gives inf, as the exact r^2 and 2r are.
  @Sendable static func jet(_ yhat: Double, _ y: Double) -> Jet {
    let r = StableMath.residual(yhat, y)
    guard r.hi.isFinite else { return Jet(value: .infinity, d1: r.hi, d2: 2) }
    return Jet(value: StableMath.roundedSquare(r), d1: 2 * r.hi, d2: 2)
  }
}
