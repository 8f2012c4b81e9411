/// Exponential loss, catalog id `exponential`: its entry (`spec`: signature, views, declared
/// properties, conventions, references), its documented `formula`, and
/// its stable implementation with the notes on why it is stable.
enum ExponentialLoss {
  static let spec = FunctionSpec(
    id: "exponential", name: "Exponential loss", family: .marginLoss, aliases: ["adaboost"],
    summary: "exp(−ys): the loss AdaBoost minimizes stagewise. Convex and smooth, but it grows exponentially for wrong scores, which makes it sensitive to label noise.",
    arguments: MarginLosses.arguments, differentiable: ["s"],
    evaluate: MarginLosses.evaluator(jet),
    views: { _ in
      let declared = DeclaredProperties(
        infimum: RangeBound(0, attained: false), supremum: RangeBound(.infinity, attained: false),
        monotonic: .decreasing, derivativeMonotonic: .increasing, continuity: .cInfinity,
        maxAbsDerivative: .infinity, saturatesLeft: false, saturatesRight: true, convex: true, concave: false,
        nonNegative: true, zeroAtCorrect: .limit, gradientGrowth: .unbounded)
      return MarginLosses.views(plotRange: -2...3, positive: declared, negative: MarginLosses.mirrored(declared), jet)
    },
    domain: { _ in
      // A function of the margin y s: both labels give the same values.
      DeclaredDomainProperties(infimum: RangeBound(0, attained: false), supremum: RangeBound(.infinity, attained: false), nonNegative: true, convex: true)
    },
    formula: formula,
    implementationNote: "e^(-y s) with -y s exact, so exp rounds once; it overflows to inf above -y s = 709.78, where the exact value is beyond the Double range too (the textbook form has no failure mode of its own).",
    conventions: [
      FrameworkConvention(.pytorch, "torch.exp(-y * s)", "no built-in; none in value"),
      FrameworkConvention(.keras, "", "no built-in exponential loss; write keras.ops.exp(-y * s)"),
      FrameworkConvention(.optax, "", "no built-in exponential loss; write jnp.exp(-y * s)"),
      FrameworkConvention(.jaxnn, "", "no equivalent (jax.nn holds activations; see optax)"),
    ],
    references: [
      Reference("Freund, Schapire, A decision-theoretic generalization of on-line learning and an application to boosting, JCSS 55(1)", year: 1997),
      Reference("Friedman, Hastie, Tibshirani, Additive logistic regression: a statistical view of boosting, Annals of Statistics 28(2)", year: 2000),
    ]
  )

  /// The documented formulas: the tree the manual prints and the tests evaluate.
  static let formula = FunctionFormula(
    value: .exp(-.ys),
    derivatives: [("s", -(.y * .exp(-.ys)))],
    secondDerivative: .exp(-.ys))

  /// e^(-t), derivative -y e^(-t), second derivative e^(-t); t = y s.
  @Sendable static func jet(_ s: Double, _ y: Double) -> Jet {
    let e = exp(-(y * s))
    return Jet(value: e, d1: -y * e, d2: e)
  }
}
