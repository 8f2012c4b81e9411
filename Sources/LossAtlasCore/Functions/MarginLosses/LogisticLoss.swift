/// Logistic loss, catalog id `logistic`: its entry (`spec`: signature, views, declared
/// properties, conventions, references), its documented `formula`, and
/// its stable implementation with the notes on why it is stable.
enum LogisticLoss {
  static let spec = FunctionSpec(
    id: "logistic", name: "Logistic loss", family: .marginLoss, aliases: ["logistic-loss", "soft-margin"],
    summary: "log(1 + exp(−ys)) = softplus(−ys): the negative log-likelihood of logistic regression written in the margin, smooth and convex, linear for badly wrong scores.",
    arguments: MarginLosses.arguments, differentiable: ["s"],
    evaluate: MarginLosses.evaluator(jet),
    views: { _ in
      let declared = DeclaredProperties(
        infimum: RangeBound(0, attained: false), supremum: RangeBound(.infinity, attained: false),
        monotonic: .decreasing, derivativeMonotonic: .increasing, continuity: .cInfinity, maxAbsDerivative: 1,
        saturatesLeft: false, saturatesRight: true, convex: true, concave: false, nonNegative: true,
        zeroAtCorrect: .limit, gradientGrowth: .bounded)
      return MarginLosses.views(plotRange: -3...3, positive: declared, negative: MarginLosses.mirrored(declared), jet)
    },
    domain: { _ in
      // A function of the margin y s: both labels give the same values.
      DeclaredDomainProperties(infimum: RangeBound(0, attained: false), supremum: RangeBound(.infinity, attained: false), nonNegative: true, convex: true)
    },
    formula: formula,
    naive: NaiveForm(
      valueFormula: "log(1 + exp(-s))", derivativeFormula: "-exp(-s) / (1 + exp(-s))",
      value: { _ in { s in log(1 + exp(-s)) } },
      derivative: { _ in { s in -exp(-s) / (1 + exp(-s)) } }),
    implementationNote: "softplus(-t) = max(-t, 0) + log1p(e^-|t|), t = y s exact: two non-negative terms, no overflow (the naive log(1 + e^-t) overflows to inf for very negative t, and is 0 for large t where the exact value is about e^-t: both computed below); the derivative -y sigma(-t) from e^-|t| / (1 + e^-|t|) in double-double.",
    conventions: [
      FrameworkConvention(.pytorch, "torch.nn.functional.softplus(-y * s)", "softplus has threshold={torch.softplus.threshold.default_threshold}: beyond it, it returns -y s itself (off by up to {torch.softplus.threshold.max_ulp_error} ulp just past it, gradient exactly 1)", definitional: ["exactly 1"]),
      FrameworkConvention(.keras, "keras.losses.BinaryCrossentropy(from_logits=True) with (y + 1) / 2", "takes labels in {0, 1}; the same loss after the label change, averaged in {keras.ops.mean.float32.compute_dtype} (off by up to {keras.binary_crossentropy.logits-as-logistic.max_ulp} ulp)", definitional: ["{0, 1}"]),
      FrameworkConvention(.optax, "optax.losses.sigmoid_binary_cross_entropy(s, (y + 1) / 2)", "takes labels in {0, 1}; the same loss after the label change (within {optax.sigmoid_binary_cross_entropy.as-logistic.max_ulp} ulp)", definitional: ["{0, 1}"]),
      FrameworkConvention(
        .pytorch, "torch.nn.functional.soft_margin_loss(s, y)",
        "alias soft-margin: SoftMarginLoss is this loss, log(1 + exp(-y s)) (within {torch.soft_margin_loss.as-logistic.max_ulp} ulp), averaged over the elements by default (reduction='{torch.soft_margin_loss.as-logistic.default_reduction}')",
        definitional: ["log(1 + exp(-y s))"]),
      FrameworkConvention(.jaxnn, "jax.nn.softplus(-y * s)", "jax.nn has no losses; softplus of the negative margin is this loss"),
    ],
    references: [
      Reference("Rosasco, De Vito, Caponnetto, Piana, Verri, Are loss functions all the same?, Neural Computation 16(5)", year: 2004),
      Reference("Goodfellow, Bengio, Courville, Deep Learning, §6.2.2.2", year: 2016),
    ]
  )

  /// The documented formulas: the tree the manual prints and the tests evaluate.
  static let formula = FunctionFormula(
    value: .log(.n(1) + .exp(-.ys)),
    derivatives: [("s", -(.y * .sigma(-.ys)))],
    secondDerivative: .sigma(.ys) * .sigma(-.ys))

  /// softplus(-t), derivative -y sigma(-t), second derivative sigma(t) sigma(-t); t = y s.
  @Sendable static func jet(_ s: Double, _ y: Double) -> Jet {
    let j = StableMath.logisticCrossEntropyJet(y * s, y: DoubleDouble(1), oneMinusY: DoubleDouble(0))
    return Jet(value: j.value, d1: y * j.d1, d2: j.d2)
  }
}
