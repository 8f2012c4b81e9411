/// Zero-one loss, catalog id `zero-one`: its entry (`spec`: signature, views, declared
/// properties, conventions, references), its documented `formula`, and
/// its stable implementation with the notes on why it is stable.
enum ZeroOne {
  static let spec = FunctionSpec(
    id: "zero-one", name: "Zero-one loss", family: .marginLoss, aliases: ["0-1", "misclassification"],
    summary: "1 for a wrong or undecided sign (ys ≤ 0), 0 for a correct one: the error count that every other margin loss is a convex surrogate for. Not differentiable in any useful sense: its derivative is 0 wherever it exists.",
    arguments: MarginLosses.arguments, differentiable: ["s"],
    evaluate: MarginLosses.evaluator(jet),
    views: { _ in
      let declared = DeclaredProperties(
        infimum: RangeBound(0, attained: true), supremum: RangeBound(1, attained: true),
        monotonic: .decreasing, continuity: .discontinuous, convex: false, concave: false,
        nonNegative: true, zeroAtCorrect: .attained)
      return MarginLosses.views(plotRange: -3...3, breakpoint: 0, positive: declared, negative: MarginLosses.mirrored(declared), jet)
    },
    domain: { _ in
      // A function of the margin y s: both labels give the same values.
      DeclaredDomainProperties(infimum: RangeBound(0, attained: true), supremum: RangeBound(1, attained: true), nonNegative: true, convex: false)
    },
    formula: formula,
    implementationNote: "y s is exact (y = ±1), so the comparison y s ≤ 0 decides the value exactly; the value at s = 0 is 1 (an undecided score counts as an error). The derivative is 0 everywhere, as the catalog defines it.",
    conventions: [
      FrameworkConvention(.pytorch, "", "no equivalent loss; (torch.sign(s) != y).float() counts errors and has no gradient"),
      FrameworkConvention(.keras, "", "no equivalent loss; keras.metrics.BinaryAccuracy is 1 minus it (threshold 0.5 on probabilities, its documented default)", definitional: ["1 minus", "threshold 0.5"]),
      FrameworkConvention(.optax, "", "no equivalent (not differentiable)"),
      FrameworkConvention(.jaxnn, "", "no equivalent (jax.nn holds activations; see optax)"),
    ],
    references: [
      Reference("Rosasco, De Vito, Caponnetto, Piana, Verri, Are loss functions all the same?, Neural Computation 16(5)", year: 2004),
      Reference("Bartlett, Jordan, McAuliffe, Convexity, classification, and risk bounds, JASA 101(473)", year: 2006),
    ]
  )

  /// The documented formulas: the tree the manual prints and the tests evaluate.
  static let formula = FunctionFormula(
    value: .cases([(.n(1), .lessOrEqual(.ys, .n(0))), (.n(0), .otherwise)]),
    derivatives: [("s", .n(0))],
    secondDerivative: .n(0))

  /// 1 if y s <= 0 else 0; derivative 0.
  @Sendable static func jet(_ s: Double, _ y: Double) -> Jet {
    Jet(value: y * s <= 0 ? 1 : 0, d1: 0, d2: 0)
  }
}
