/// Smooth L1 loss, catalog id `smooth-l1`: its entry (`spec`: signature, views, declared
/// properties, conventions, references), its documented `formula`, and
/// its stable implementation with the notes on why it is stable.
enum SmoothL1 {
  static let spec = FunctionSpec(
    id: "smooth-l1", name: "Smooth L1 loss", family: .regressionLoss, aliases: ["smoothl1"],
    summary: "r² / (2 β) for |r| < β and |r| − β/2 beyond: Huber's loss divided by β, so the linear part has slope 1 whatever β is (Fast R-CNN's box regression loss).",
    parameters: [
      ParameterSpec(
        name: "beta", symbol: "\\beta", defaultValue: 1, range: .nonNegative, grid: [0, 0.5, 1, 2],
        summary: "width of the quadratic zone; β = 0 is the absolute error")
    ],
    arguments: [RegressionLosses.predictionArgument, RegressionLosses.targetArgument], differentiable: ["yhat"],
    evaluate: RegressionLosses.residualEvaluator { p in jet(beta: p["beta"]) },
    views: { p in
      let beta = p["beta"]
      return [
        RegressionLosses.residualView(
          breakpoints: beta > 0 ? [-beta, beta] : [0],
          declared: RegressionLosses.residualProperties(
            continuity: beta > 0 ? .c1 : .c0, maxAbsDerivative: 1, gradientGrowth: .bounded),
          jet(beta: beta))
      ]
    },
    domain: { _ in RegressionLosses.residualDomain() },
    formula: formula,
    implementationNote: "As huber with the piece chosen on the exact residual; r^2 / (2 beta) as a double-double quotient (with an exponent kept apart when r^2 or the quotient would leave the Double range) and r / beta with its FMA remainder.",
    conventions: [
      FrameworkConvention(.pytorch, "torch.nn.SmoothL1Loss(beta=1.0) / F.smooth_l1_loss", "same per-element loss (beta = 0 is L1); equals HuberLoss(delta=beta) / beta, so the two differ by a factor beta", definitional: ["beta = 0 is L1"]),
      FrameworkConvention(.keras, "", "no equivalent (keras.losses.Huber is beta times this loss)"),
      FrameworkConvention(.optax, "", "no equivalent (optax.losses.huber_loss(delta=beta) / beta)"),
      RegressionLosses.noJaxNN,
    ],
    references: [
      Reference("Girshick, Fast R-CNN, ICCV", year: 2015),
      Reference("Huber, Robust Estimation of a Location Parameter, Ann. Math. Statist. 35(1)", year: 1964),
    ],
    figures: FigureHints(
      family: ParameterFamilyFigure(
        parameter: "beta", xRange: -3...3,
        note: "Quadratic for |r| < β and linear beyond with slope 1; β = 0 is the absolute error."))
  )

  /// The documented formulas: the tree the manual prints and the tests evaluate.
  static let formula = FunctionFormula(
    value: .cases([(.r.pow(.n(2)) / (.n(2) * .beta), .less(.abs(.r), .beta)), (.abs(.r) - .beta / .n(2), .otherwise)]),
    derivatives: [("yhat", .cases([(.r / .beta, .less(.abs(.r), .beta)), (.sign(.r), .otherwise)]))],
    secondDerivative: .cases([(.n(1) / .beta, .less(.abs(.r), .beta)), (.n(0), .otherwise)]))

  /// r^2/(2 beta), r/beta, 1/beta for |r| < beta; |r| - beta/2, sign r, 0
  /// for |r| >= beta; beta = 0 is mae (gradient 0 at r = 0).
  static func jet(beta: Double) -> RegressionLosses.ResidualJet {
    if beta == 0 { return MAE.jet }
    let twoBeta = 2 * beta
    let invBeta = 1 / beta
    let fast = beta <= 0x1p200
    let scaledTwoBeta = ScaledDD(beta).timesPowerOfTwo(1)
    return { yhat, y in
      let r = StableMath.residual(yhat, y)
      if r.hi.isFinite {
        let a = abs(r.hi)
        let lo = r.hi < 0 ? -r.lo : r.lo
        if a < beta || (a == beta && lo < 0) {
          let value: Double
          if fast && a >= 0x1p-400 {
            value = StableMath.roundedQuotient(DoubleDouble.square(r), twoBeta)
          } else {
            let s = ScaledDD(r)
            value = (s * s / scaledTwoBeta).double
          }
          return Jet(value: value, d1: StableMath.roundedQuotient(r, beta), d2: invBeta)
        }
        let t = DoubleDouble.fastTwoSum(a, -0.5 * beta) + lo
        return Jet(value: t.hi + t.lo, d1: r.hi > 0 ? 1 : -1, d2: 0)
      }
      let h = StableMath.halfResidual(yhat, y)
      let t = DoubleDouble.fastTwoSum(abs(h.hi), -0.25 * beta) + (h.hi < 0 ? -h.lo : h.lo)
      return Jet(value: 2 * (t.hi + t.lo), d1: h.hi > 0 ? 1 : -1, d2: 0)
    }
  }
}
