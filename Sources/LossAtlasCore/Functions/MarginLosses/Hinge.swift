/// Hinge loss, catalog id `hinge`: its entry (`spec`: signature, views, declared
/// properties, conventions, references), its documented `formula`, and
/// its stable implementation with the notes on why it is stable.
enum Hinge {
  static let spec = FunctionSpec(
    id: "hinge", name: "Hinge loss", family: .marginLoss, aliases: ["svm-hinge"],
    summary: "max(0, 1 − ys): zero once the score is on the right side with margin 1, linear beyond. The loss of the soft-margin support vector machine.",
    arguments: MarginLosses.arguments, differentiable: ["s"],
    evaluate: MarginLosses.evaluator(jet),
    views: { _ in
      let declared = DeclaredProperties(
        infimum: RangeBound(0, attained: true), supremum: RangeBound(.infinity, attained: false),
        monotonic: .decreasing, derivativeMonotonic: .increasing, continuity: .c0, maxAbsDerivative: 1,
        saturatesLeft: false, saturatesRight: true, convex: true, concave: false, nonNegative: true,
        zeroAtCorrect: .attained, gradientGrowth: .bounded)
      return MarginLosses.views(plotRange: -3...3, breakpoint: 1, positive: declared, negative: MarginLosses.mirrored(declared), jet)
    },
    domain: { _ in
      // A function of the margin y s: both labels give the same values.
      DeclaredDomainProperties(infimum: RangeBound(0, attained: true), supremum: RangeBound(.infinity, attained: false), nonNegative: true, convex: true)
    },
    formula: formula,
    implementationNote: "t = y s is exact, so 1 - t is rounded once; the kink y s = 1 is decided exactly and gets the derivative 0 (the flat piece), as PyTorch's clamp does ({torch.hinge.kink-grad.clamp_y_plus} at the kink).",
    conventions: [
      FrameworkConvention(.pytorch, "torch.clamp(1 - y * s, min=0)", "no built-in binary hinge (HingeEmbeddingLoss is a different loss); in PyTorch {versions.torch} torch.clamp, torch.clamp_min and F.relu all give {torch.hinge.kink-grad.clamp_y_plus} at the kink, as the catalog (some versions' derivatives.yaml pass the gradient at the boundary)"),
      FrameworkConvention(.keras, "keras.losses.Hinge()", MarginLosses.marginConventionKeras + "; averages over the last axis in {keras.ops.mean.float32.compute_dtype}; its derivative at the kink is {keras.hinge.labels.grad_at_kink} (the maximum splits the tie)", definitional: ["{-1, 1}", "{0, 1}"]),
      FrameworkConvention(.optax, "optax.losses.hinge_loss(s, y)", "uses jnp.maximum, whose gradient at the kink y s = 1 is split: {optax.hinge_loss.kink-grad.y_plus} for y = 1 ({optax.hinge_loss.kink-grad.y_minus} for y = -1) instead of 0", definitional: ["y s = 1", "y = 1", "y = -1", "instead of 0"]),
      FrameworkConvention(.jaxnn, "", "no equivalent (jax.nn holds activations; see optax)"),
    ],
    references: [
      Reference("Cortes, Vapnik, Support-vector networks, Machine Learning 20(3)", year: 1995),
      Reference("Rosasco, De Vito, Caponnetto, Piana, Verri, Are loss functions all the same?, Neural Computation 16(5)", year: 2004),
    ]
  )

  /// The documented formulas: the tree the manual prints and the tests evaluate.
  static let formula = FunctionFormula(
    value: .max(.n(0), .n(1) - .ys),
    derivatives: [("s", .cases([(-.y, .less(.ys, .n(1))), (.n(0), .otherwise)]))],
    secondDerivative: .n(0))

  /// max(0, 1 - t), t = y s; derivative -y for t < 1, else 0.
  @Sendable static func jet(_ s: Double, _ y: Double) -> Jet {
    let t = y * s
    if t < 1 { return Jet(value: 1 - t, d1: -y, d2: 0) }
    return Jet(value: 0, d1: 0, d2: 0)
  }
}
