/// The margin losses of CATALOG.md (score s, label y in {-1, +1}), in
/// catalog order.
///
/// Each loss depends on the margin t = y s only, and y s is exact (y = ±1
/// flips a sign), so every formula below is written in t and the derivative
/// in s is y times the derivative in t.
enum MarginLosses {
  static let all: [FunctionSpec] = [zeroOne, hinge, squaredHinge, logistic, exponential]

  // MARK: - Shared signature and views

  static let arguments: [ArgumentSpec] = [
    ArgumentSpec(name: "s", summary: "the real-valued score of the positive class"),
    ArgumentSpec(name: "y", domain: .labels([-1, 1]), summary: "the label, -1 or +1"),
  ]

  /// An `evaluate` closure for a margin loss given its jet in s for y = +1
  /// and for y = -1.
  static func evaluator(
    _ jet: @escaping @Sendable (Double, Double) -> Jet
  ) -> @Sendable (ParameterValues, ArgumentValues) throws(CatalogError) -> Evaluation {
    FunctionSpec.scalarEvaluator("s") { _, a in
      let y = a.real("y")
      return { s in jet(s, y) }
    }
  }

  /// The two views, "s (y = +1)" (primary) and "s (y = -1)".
  static func views(
    plotRange: ClosedRange<Double>, breakpoint: Double? = nil,
    positive: DeclaredProperties, negative: DeclaredProperties,
    _ jet: @escaping @Sendable (Double, Double) -> Jet
  ) -> [ScalarView] {
    [
      ScalarView(
        label: "s (y = +1)", argument: "s", fixed: [("y", .real(1))], plotRange: plotRange,
        breakpoints: breakpoint.map { [$0] } ?? [], declared: positive, evaluate: { s in jet(s, 1) }),
      ScalarView(
        label: "s (y = -1)", argument: "s", fixed: [("y", .real(-1))], plotRange: plotRange,
        breakpoints: breakpoint.map { [-$0] } ?? [], declared: negative, evaluate: { s in jet(s, -1) }),
    ]
  }

  /// The same declared properties for the y = -1 view: the mirror image
  /// s -> -s reverses monotonicity and swaps the two ends.
  static func mirrored(_ p: DeclaredProperties) -> DeclaredProperties {
    var m = p
    switch p.monotonic {
    case .increasing?: m.monotonic = .decreasing
    case .decreasing?: m.monotonic = .increasing
    default: break
    }
    m.saturatesLeft = p.saturatesRight
    m.saturatesRight = p.saturatesLeft
    // f'(s) for y = -1 is -f'(-s) for y = +1: an increasing derivative stays increasing.
    return m
  }

  static let marginConventionKeras =
    "expects labels in {-1, 1}; labels in {0, 1} are converted to {-1, 1}"

  // MARK: - zero-one

  static let zeroOne = FunctionSpec(
    id: "zero-one", name: "Zero-one loss", family: .marginLoss, aliases: ["0-1", "misclassification"],
    summary: "1 for a wrong or undecided sign (y s <= 0), 0 for a correct one: the error count that every other margin loss is a convex surrogate for. Not differentiable in any useful sense: its derivative is 0 wherever it exists.",
    arguments: arguments, differentiable: ["s"],
    evaluate: evaluator(zeroOneJet),
    views: { _ in
      let declared = DeclaredProperties(
        infimum: RangeBound(0, attained: true), supremum: RangeBound(1, attained: true),
        monotonic: .decreasing, continuity: .discontinuous, convex: false, concave: false,
        nonNegative: true, zeroAtCorrect: .attained)
      return views(plotRange: -3...3, breakpoint: 0, positive: declared, negative: mirrored(declared), zeroOneJet)
    },
    implementationNote: "y s is exact (y = ±1), so the comparison y s <= 0 decides the value exactly; the value at s = 0 is 1 (an undecided score counts as an error). The derivative is 0 everywhere, as the catalog defines it.",
    conventions: [
      FrameworkConvention(.pytorch, "", "no equivalent loss; (torch.sign(s) != y).float() counts errors and has no gradient"),
      FrameworkConvention(.keras, "", "no equivalent loss; keras.metrics.BinaryAccuracy is 1 minus it (threshold 0.5 on probabilities)"),
      FrameworkConvention(.optax, "", "no equivalent (not differentiable)"),
      FrameworkConvention(.jaxnn, "", "no equivalent (jax.nn holds activations; see optax)"),
    ],
    references: [
      Reference("Rosasco, De Vito, Caponnetto, Piana, Verri, Are loss functions all the same?, Neural Computation 16(5)", year: 2004),
      Reference("Bartlett, Jordan, McAuliffe, Convexity, classification, and risk bounds, JASA 101(473)", year: 2006),
    ]
  )

  /// 1 if y s <= 0 else 0; derivative 0.
  @Sendable static func zeroOneJet(_ s: Double, _ y: Double) -> Jet {
    Jet(value: y * s <= 0 ? 1 : 0, d1: 0, d2: 0)
  }

  // MARK: - hinge

  static let hinge = FunctionSpec(
    id: "hinge", name: "Hinge loss", family: .marginLoss, aliases: ["svm-hinge"],
    summary: "max(0, 1 - y s): zero once the score is on the right side with margin 1, linear beyond. The loss of the soft-margin support vector machine.",
    arguments: arguments, differentiable: ["s"],
    evaluate: evaluator(hingeJet),
    views: { _ in
      let declared = DeclaredProperties(
        infimum: RangeBound(0, attained: true), supremum: RangeBound(.infinity, attained: false),
        monotonic: .decreasing, derivativeMonotonic: .increasing, continuity: .c0, maxAbsDerivative: 1,
        saturatesLeft: false, saturatesRight: true, convex: true, concave: false, nonNegative: true,
        zeroAtCorrect: .attained, gradientGrowth: .bounded)
      return views(plotRange: -3...3, breakpoint: 1, positive: declared, negative: mirrored(declared), hingeJet)
    },
    implementationNote: "t = y s is exact, so 1 - t is rounded once; the kink y s = 1 is decided exactly and gets the derivative 0 (the flat piece), as PyTorch's clamp does.",
    conventions: [
      FrameworkConvention(.pytorch, "torch.clamp(1 - y * s, min=0)", "no built-in binary hinge (HingeEmbeddingLoss is a different loss); clamp gives 0 at the kink, as the catalog"),
      FrameworkConvention(.keras, "keras.losses.Hinge()", marginConventionKeras + "; averages over the last axis"),
      FrameworkConvention(.optax, "optax.losses.hinge_loss(s, y)", "uses jnp.maximum, whose gradient at the kink y s = 1 is split: -y/2 instead of 0"),
      FrameworkConvention(.jaxnn, "", "no equivalent (jax.nn holds activations; see optax)"),
    ],
    references: [
      Reference("Cortes, Vapnik, Support-vector networks, Machine Learning 20(3)", year: 1995),
      Reference("Rosasco, De Vito, Caponnetto, Piana, Verri, Are loss functions all the same?, Neural Computation 16(5)", year: 2004),
    ]
  )

  /// max(0, 1 - t), t = y s; derivative -y for t < 1, else 0.
  @Sendable static func hingeJet(_ s: Double, _ y: Double) -> Jet {
    let t = y * s
    if t < 1 { return Jet(value: 1 - t, d1: -y, d2: 0) }
    return Jet(value: 0, d1: 0, d2: 0)
  }

  // MARK: - squared-hinge

  static let squaredHinge = FunctionSpec(
    id: "squared-hinge", name: "Squared hinge loss", family: .marginLoss, aliases: ["l2-hinge"],
    summary: "max(0, 1 - y s)^2: the hinge squared, differentiable at the margin and penalizing large violations quadratically. Used by L2-SVMs.",
    arguments: arguments, differentiable: ["s"],
    evaluate: evaluator(squaredHingeJet),
    views: { _ in
      let declared = DeclaredProperties(
        infimum: RangeBound(0, attained: true), supremum: RangeBound(.infinity, attained: false),
        monotonic: .decreasing, derivativeMonotonic: .increasing, continuity: .c1, maxAbsDerivative: .infinity,
        saturatesLeft: false, saturatesRight: true, convex: true, concave: false, nonNegative: true,
        zeroAtCorrect: .attained, gradientGrowth: .unbounded)
      return views(
        plotRange: -3...3, breakpoint: 1, positive: declared, negative: mirrored(declared), squaredHingeJet)
    },
    implementationNote: "u = 1 - y s is formed exactly as a double-double and squared as hi^2 + 2 hi lo, so the value is rounded once (the rounded u squared is off by up to an ulp and a half, the textbook form's only weakness, so no naive form is recorded); it overflows to inf only where the exact square exceeds the Double range.",
    conventions: [
      FrameworkConvention(.pytorch, "torch.clamp(1 - y * s, min=0) ** 2", "no built-in; none in value"),
      FrameworkConvention(.keras, "keras.losses.SquaredHinge()", marginConventionKeras + "; averages over the last axis"),
      FrameworkConvention(.optax, "optax.losses.hinge_loss(s, y) ** 2", "no built-in squared hinge; none in value"),
      FrameworkConvention(.jaxnn, "", "no equivalent (jax.nn holds activations; see optax)"),
    ],
    references: [
      Reference("Cortes, Vapnik, Support-vector networks, Machine Learning 20(3)", year: 1995),
      Reference("Rosasco, De Vito, Caponnetto, Piana, Verri, Are loss functions all the same?, Neural Computation 16(5)", year: 2004),
    ]
  )

  /// u^2 with u = max(0, 1 - t), t = y s; derivative -2 y u; second derivative 2 for t < 1.
  @Sendable static func squaredHingeJet(_ s: Double, _ y: Double) -> Jet {
    let t = y * s
    guard t < 1 else { return Jet(value: 0, d1: 0, d2: 0) }
    let u = DoubleDouble.twoSum(1, -t)
    let sq = DoubleDouble.twoProduct(u.hi, u.hi)
    let value = sq.hi + (sq.lo + 2 * u.hi * u.lo)
    return Jet(value: sq.hi.isFinite ? value : .infinity, d1: -2 * y * u.hi, d2: 2)
  }

  // MARK: - logistic

  static let logistic = FunctionSpec(
    id: "logistic", name: "Logistic loss", family: .marginLoss, aliases: ["logistic-loss"],
    summary: "log(1 + e^(-y s)) = softplus(-y s): the negative log-likelihood of logistic regression written in the margin, smooth and convex, linear for badly wrong scores.",
    arguments: arguments, differentiable: ["s"],
    evaluate: evaluator(logisticJet),
    views: { _ in
      let declared = DeclaredProperties(
        infimum: RangeBound(0, attained: false), supremum: RangeBound(.infinity, attained: false),
        monotonic: .decreasing, derivativeMonotonic: .increasing, continuity: .cInfinity, maxAbsDerivative: 1,
        saturatesLeft: false, saturatesRight: true, convex: true, concave: false, nonNegative: true,
        zeroAtCorrect: .limit, gradientGrowth: .bounded)
      return views(plotRange: -3...3, positive: declared, negative: mirrored(declared), logisticJet)
    },
    naive: NaiveForm(
      valueFormula: "log(1 + exp(-s))", derivativeFormula: "-exp(-s) / (1 + exp(-s))",
      value: { _ in { s in log(1 + exp(-s)) } },
      derivative: { _ in { s in -exp(-s) / (1 + exp(-s)) } }),
    implementationNote: "softplus(-t) = max(-t, 0) + log1p(e^-|t|), t = y s exact: two non-negative terms, no overflow (the naive log(1 + e^-t) is inf below t = -709.78 and 0 above t = 36.7 where the exact value is about e^-t); the derivative -y sigma(-t) from e^-|t| / (1 + e^-|t|) in double-double.",
    conventions: [
      FrameworkConvention(.pytorch, "torch.nn.functional.softplus(-y * s)", "softplus has threshold=20: for -y s > 20 it returns -y s itself (off by up to 5e5 ulp just past it, gradient exactly 1)"),
      FrameworkConvention(.keras, "keras.losses.BinaryCrossentropy(from_logits=True) with (y + 1) / 2", "takes labels in {0, 1}; the same loss after the label change"),
      FrameworkConvention(.optax, "optax.losses.sigmoid_binary_cross_entropy(s, (y + 1) / 2)", "takes labels in {0, 1}; the same loss after the label change"),
      FrameworkConvention(.jaxnn, "jax.nn.softplus(-y * s)", "jax.nn has no losses; softplus of the negative margin is this loss"),
    ],
    references: [
      Reference("Rosasco, De Vito, Caponnetto, Piana, Verri, Are loss functions all the same?, Neural Computation 16(5)", year: 2004),
      Reference("Goodfellow, Bengio, Courville, Deep Learning, §6.2.2.2", year: 2016),
    ]
  )

  /// softplus(-t), derivative -y sigma(-t), second derivative sigma(t) sigma(-t); t = y s.
  @Sendable static func logisticJet(_ s: Double, _ y: Double) -> Jet {
    let j = StableMath.logisticCrossEntropyJet(y * s, y: DoubleDouble(1), oneMinusY: DoubleDouble(0))
    return Jet(value: j.value, d1: y * j.d1, d2: j.d2)
  }

  // MARK: - exponential

  static let exponential = FunctionSpec(
    id: "exponential", name: "Exponential loss", family: .marginLoss, aliases: ["adaboost"],
    summary: "e^(-y s): the loss AdaBoost minimizes stagewise. Convex and smooth, but it grows exponentially for wrong scores, which makes it sensitive to label noise.",
    arguments: arguments, differentiable: ["s"],
    evaluate: evaluator(exponentialJet),
    views: { _ in
      let declared = DeclaredProperties(
        infimum: RangeBound(0, attained: false), supremum: RangeBound(.infinity, attained: false),
        monotonic: .decreasing, derivativeMonotonic: .increasing, continuity: .cInfinity,
        maxAbsDerivative: .infinity, saturatesLeft: false, saturatesRight: true, convex: true, concave: false,
        nonNegative: true, zeroAtCorrect: .limit, gradientGrowth: .unbounded)
      return views(plotRange: -2...3, positive: declared, negative: mirrored(declared), exponentialJet)
    },
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

  /// e^(-t), derivative -y e^(-t), second derivative e^(-t); t = y s.
  @Sendable static func exponentialJet(_ s: Double, _ y: Double) -> Jet {
    let e = exp(-(y * s))
    return Jet(value: e, d1: -y * e, d2: e)
  }
}
