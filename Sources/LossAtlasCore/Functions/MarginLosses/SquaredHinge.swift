/// Squared hinge loss, catalog id `squared-hinge`: its entry (`spec`: signature, views, declared
/// properties, conventions, references), its documented `formula`, and
/// its stable implementation with the notes on why it is stable.
enum SquaredHinge {
  static let spec = FunctionSpec(
    id: "squared-hinge", name: "Squared hinge loss", family: .marginLoss, aliases: ["l2-hinge"],
    summary: "max(0, 1 − ys)²: the hinge squared, differentiable at the margin and penalizing large violations quadratically. Used by L2-SVMs.",
    arguments: MarginLosses.arguments, differentiable: ["s"],
    evaluate: MarginLosses.evaluator(jet),
    views: { _ in
      let declared = DeclaredProperties(
        infimum: RangeBound(0, attained: true), supremum: RangeBound(.infinity, attained: false),
        monotonic: .decreasing, derivativeMonotonic: .increasing, continuity: .c1, maxAbsDerivative: .infinity,
        saturatesLeft: false, saturatesRight: true, convex: true, concave: false, nonNegative: true,
        zeroAtCorrect: .attained, gradientGrowth: .unbounded)
      return MarginLosses.views(
        plotRange: -3...3, breakpoint: 1, positive: declared, negative: MarginLosses.mirrored(declared), jet)
    },
    domain: { _ in
      // A function of the margin y s: both labels give the same values.
      DeclaredDomainProperties(infimum: RangeBound(0, attained: true), supremum: RangeBound(.infinity, attained: false), nonNegative: true, convex: true)
    },
    formula: formula,
    implementationNote: "u = 1 - y s is formed exactly as a double-double and squared as hi^2 + 2 hi lo, so the value is rounded once (the rounded u squared is off by up to an ulp and a half, the textbook form's only weakness, so no naive form is recorded); it overflows to inf only where the exact square exceeds the Double range.",
    conventions: [
      FrameworkConvention(.pytorch, "torch.clamp(1 - y * s, min=0) ** 2", "no built-in; none in value"),
      FrameworkConvention(.keras, "keras.losses.SquaredHinge()", MarginLosses.marginConventionKeras + "; averages over the last axis in {keras.ops.mean.float32.compute_dtype} (relative error up to about {keras.ops.mean.float32.rel_error})", definitional: ["{-1, 1}", "{0, 1}"]),
      FrameworkConvention(.optax, "optax.losses.hinge_loss(s, y) ** 2", "no built-in squared hinge; none in value"),
      FrameworkConvention(.jaxnn, "", "no equivalent (jax.nn holds activations; see optax)"),
    ],
    references: [
      Reference("Cortes, Vapnik, Support-vector networks, Machine Learning 20(3)", year: 1995),
      Reference("Rosasco, De Vito, Caponnetto, Piana, Verri, Are loss functions all the same?, Neural Computation 16(5)", year: 2004),
    ]
  )

  /// The documented formulas: the tree the manual prints and the tests evaluate.
  static let formula = FunctionFormula(
    value: .max(.n(0), .n(1) - .ys).pow(.n(2)),
    derivatives: [("s", -(.n(2) * .y * .max(.n(0), .n(1) - .ys)))],
    secondDerivative: .cases([(.n(2), .less(.ys, .n(1))), (.n(0), .otherwise)]))

  /// u^2 with u = max(0, 1 - t), t = y s; derivative -2 y u; second derivative 2 for t < 1.
  @Sendable static func jet(_ s: Double, _ y: Double) -> Jet {
    let t = y * s
    guard t < 1 else { return Jet(value: 0, d1: 0, d2: 0) }
    let u = DoubleDouble.twoSum(1, -t)
    let sq = DoubleDouble.twoProduct(u.hi, u.hi)
    let value = sq.hi + (sq.lo + 2 * u.hi * u.lo)
    return Jet(value: sq.hi.isFinite ? value : .infinity, d1: -2 * y * u.hi, d2: 2)
  }
}
