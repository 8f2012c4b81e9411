/// Identity (linear), catalog id `identity`: its entry (`spec`: signature, views, declared
/// properties, conventions, references), its documented `formula`, and
/// its stable implementation with the notes on why it is stable.
enum Identity {
  static let spec = FunctionSpec(
    id: "identity", name: "Identity (linear)", family: .activation, aliases: ["linear"],
    summary: "f(x) = x: no nonlinearity. The output activation of regression heads, and the baseline every other activation is compared against.",
    arguments: [.activationInput], differentiable: ["x"],
    evaluate: FunctionSpec.scalarEvaluator("x") { _, _ in jet },
    views: { _ in
      [
        Activations.view(
          plotRange: -5...5,
          declared: DeclaredProperties(
            infimum: RangeBound(-.infinity, attained: false), supremum: RangeBound(.infinity, attained: false),
            monotonic: .increasing, derivativeMonotonic: .constant, continuity: .cInfinity,
            // Mean output E[X] = 0; identity(0) = 0.
            zeroCentered: true, passesThroughOrigin: true, identityNearOrigin: true, maxAbsDerivative: 1,
            saturatesLeft: false, saturatesRight: false, convex: true, concave: true),
          jet)
      ]
    },
    formula: formula,
    implementationNote: "Returned as is; exact for every input.",
    conventions: [
      FrameworkConvention(.pytorch, "torch.nn.Identity()", "none"),
      FrameworkConvention(.keras, "keras.activations.linear", "none"),
      FrameworkConvention(.optax, "", "no equivalent (not a loss)"),
      FrameworkConvention(.jaxnn, "", "no named function; use x itself"),
    ],
    references: [Reference("Goodfellow, Bengio, Courville, Deep Learning, §6.2.2.1", year: 2016)]
  )

  /// The documented formulas: the tree the manual prints and the tests evaluate.
  static let formula = FunctionFormula(value: .x, derivatives: [("x", .n(1))], secondDerivative: .n(0))

  @Sendable static func jet(_ x: Double) -> Jet { Jet(value: x, d1: 1, d2: 0) }
}
