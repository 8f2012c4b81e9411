/// Log-sigmoid, catalog id `log-sigmoid`: its entry (`spec`: signature, views, declared
/// properties, conventions, references), its documented `formula`, and
/// its stable implementation with the notes on why it is stable.
enum LogSigmoid {
  static let spec = FunctionSpec(
    id: "log-sigmoid", name: "Log-sigmoid", family: .activation, aliases: ["logsigmoid"],
    summary: "log σ(x) = −softplus(−x): the log-probability of the positive class of a logistic model; the building block of stable binary cross-entropy.",
    arguments: [.activationInput], differentiable: ["x"],
    evaluate: FunctionSpec.scalarEvaluator("x") { _, _ in jet },
    views: { _ in
      [
        Activations.view(
          plotRange: -8...8,
          declared: DeclaredProperties(
            infimum: RangeBound(-.infinity, attained: false), supremum: RangeBound(0, attained: false),
            monotonic: .increasing, derivativeMonotonic: .decreasing, continuity: .cInfinity,
            // Mean output −E[softplus(X)] < 0; log-sigmoid(0) = −log 2.
            zeroCentered: false, passesThroughOrigin: false, identityNearOrigin: false, maxAbsDerivative: 1,
            saturatesLeft: false, saturatesRight: true, convex: false, concave: true, nonNegative: false),
          derivative: derivative, jet)
      ]
    },
    formula: formula,
    naive: NaiveForm(
      valueFormula: "log(1 / (1 + exp(-x)))", derivativeFormula: "1 / (1 + exp(x))",
      value: { _ in { x in log(1 / (1 + exp(-x))) } },
      derivative: { _ in { x in 1 / (1 + exp(x)) } }),
    implementationNote: "-softplus(-x) as min(x, 0) - log1p(e^-|x|): both terms non-positive, so no cancellation. The naive log(1/(1 + exp(-x))) is -inf far left (exact: about x) and 0 far right (exact: about -e^-x), both computed below.",
    conventions: [
      FrameworkConvention(.pytorch, "torch.nn.functional.logsigmoid(x)", "none (within {torch.log-sigmoid.accuracy.value_max_ulp} ulp)"),
      FrameworkConvention(.keras, "keras.activations.log_sigmoid(x)", "none (within {keras.log-sigmoid.accuracy.value_max_ulp} ulp)"),
      FrameworkConvention(.optax, "", "no equivalent (optax holds losses)"),
      FrameworkConvention(.jaxnn, "jax.nn.log_sigmoid(x)", "none: -softplus(-x) (within {jax.log-sigmoid.accuracy.value_max_ulp} ulp)"),
    ],
    references: [Reference("Goodfellow, Bengio, Courville, Deep Learning, §6.2.2.2", year: 2016)]
  )

  /// The documented formulas: the tree the manual prints and the tests evaluate.
  static let formula = FunctionFormula(
    value: .log(.sigma(.x)),
    derivatives: [("x", .sigma(-.x))],
    secondDerivative: -(.sigma(.x) * .sigma(-.x)))

  /// -softplus(-x), sigma(-x), -sigma(x) sigma(-x).
  ///
  /// e = e^-|x|; 1/(1 + e) = r (1 + eps) with eps = 1 - (1 + e) r from an fma
  /// (one division, the double-double products written out); log1p(e) once.
  @Sendable static func jet(_ x: Double) -> Jet {
    let (e, reciprocal, s) = sigmoids(x)
    let d2 = -reciprocal.timesRounded(s)
    let l = log1p(e)
    if x >= 0 { return Jet(value: -l, d1: s.hi + s.lo, d2: d2) }
    return Jet(value: x - l, d1: reciprocal.value, d2: d2)
  }
}
