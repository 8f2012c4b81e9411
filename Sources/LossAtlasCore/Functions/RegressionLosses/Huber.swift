/// Huber loss, catalog id `huber`: its entry (`spec`: signature, views, declared
/// properties, conventions, references), its documented `formula`, and
/// its stable implementation with the notes on why it is stable.
enum Huber {
  static let spec = FunctionSpec(
    id: "huber", name: "Huber loss", family: .regressionLoss, aliases: ["huber-loss"],
    summary: "Quadratic for |r| ≤ δ and linear beyond: the squared error's efficiency near the fit with the absolute error's robustness to outliers (Huber's M-estimator).",
    parameters: [
      ParameterSpec(
        name: "delta", symbol: "\\delta", defaultValue: 1, range: .positive, grid: [0.5, 1, 2, 4],
        summary: "where the quadratic piece meets the linear one; also the largest |gradient|")
    ],
    arguments: [RegressionLosses.predictionArgument, RegressionLosses.targetArgument], differentiable: ["yhat"],
    evaluate: RegressionLosses.residualEvaluator { p in jet(delta: p["delta"]) },
    views: { p in
      let delta = p["delta"]
      return [
        RegressionLosses.residualView(
          breakpoints: [-delta, delta],
          declared: RegressionLosses.residualProperties(continuity: .c1, maxAbsDerivative: delta, gradientGrowth: .bounded),
          jet(delta: delta))
      ]
    },
    domain: { _ in RegressionLosses.residualDomain() },
    formula: formula,
    implementationNote: "The piece is chosen on the exact residual hi + lo (|r| ≤ delta decided without rounding); r^2 / 2 as (hi/2) hi by FMA plus hi lo, and delta (|r| - delta/2) as a double-double product rounded once. The gradient on the quadratic piece is r itself, exact even at r = 1e-300.",
    conventions: [
      FrameworkConvention(.pytorch, "torch.nn.HuberLoss(delta=1.0) / F.huber_loss", "same per-element loss; reduction='mean'. SmoothL1Loss(beta) is this divided by beta", definitional: ["SmoothL1Loss"]),
      FrameworkConvention(.keras, "keras.losses.Huber(delta=1.0)", "same per-element loss, averaged over the last axis in {keras.ops.mean.float32.compute_dtype}"),
      FrameworkConvention(.optax, "optax.losses.huber_loss(yhat, y, delta=1.0)", "the gradient is formed as (min(|r|, delta) - delta) + delta: relative error {optax.huber_loss.grad.rel_error_at_1e_9} at r = 1e-9 and {optax.huber_loss.grad.rel_error_at_1e_15} at 1e-15, exactly 0 for |r| ≤ {optax.huber_loss.grad.zero_up_to} (delta = 1)", definitional: ["r = 1e-9", "at 1e-15", "exactly 0", "delta = 1"]),
      RegressionLosses.noJaxNN,
    ],
    references: [
      Reference("Huber, Robust Estimation of a Location Parameter, Ann. Math. Statist. 35(1)", year: 1964),
      Reference("Girshick, Fast R-CNN, ICCV", year: 2015),
    ],
    figures: FigureHints(
      family: ParameterFamilyFigure(
        parameter: "delta", values: [0.5, 1, 2, 4], xRange: -5...5,
        note: "Quadratic for |r| ≤ δ and linear beyond: the derivative is the residual clipped to [−δ, δ]."))
  )

  /// The documented formulas: the tree the manual prints and the tests evaluate.
  static let formula = FunctionFormula(
    value: .cases([(.r.pow(.n(2)) / .n(2), .lessOrEqual(.abs(.r), .delta)), (.delta * (.abs(.r) - .delta / .n(2)), .otherwise)]),
    derivatives: [("yhat", .cases([(.r, .lessOrEqual(.abs(.r), .delta)), (.delta * .sign(.r), .otherwise)]))],
    secondDerivative: .cases([(.n(1), .lessOrEqual(.abs(.r), .delta)), (.n(0), .otherwise)]))

  /// r^2/2, r, 1 for |r| <= delta; delta (|r| - delta/2), delta sign r, 0
  /// beyond (the catalog gives the kink |r| = delta to the quadratic piece).
  static func jet(delta: Double) -> RegressionLosses.ResidualJet {
    { yhat, y in
      let r = StableMath.residual(yhat, y)
      if r.hi.isFinite {
        let a = abs(r.hi)
        let lo = r.hi < 0 ? -r.lo : r.lo
        if a < delta || (a == delta && lo <= 0) {
          return Jet(value: StableMath.roundedHalfSquare(r), d1: r.hi, d2: 1)
        }
        let t = DoubleDouble.fastTwoSum(a, -0.5 * delta) + lo
        return Jet(value: StableMath.roundedProduct(t, delta), d1: r.hi > 0 ? delta : -delta, d2: 0)
      }
      // |r| > max >= delta: delta (|r| - delta/2) = 2 delta (|r/2| - delta/4).
      let h = StableMath.halfResidual(yhat, y)
      let t = DoubleDouble.fastTwoSum(abs(h.hi), -0.25 * delta) + (h.hi < 0 ? -h.lo : h.lo)
      return Jet(value: 2 * StableMath.roundedProduct(t, delta), d1: h.hi > 0 ? delta : -delta, d2: 0)
    }
  }
}
