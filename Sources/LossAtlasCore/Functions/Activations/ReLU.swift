/// ReLU (rectified linear unit), catalog id `relu`: its entry (`spec`: signature, views, declared
/// properties, conventions, references), its documented `formula`, and
/// its stable implementation with the notes on why it is stable.
enum ReLU {
  static let spec = FunctionSpec(
    id: "relu", name: "ReLU (rectified linear unit)", family: .activation, aliases: ["rectifier"],
    summary: "max(0, x): the default hidden activation of deep networks. Cheap, non-saturating for x > 0, exactly 0 (with zero gradient) for x < 0.",
    arguments: [.activationInput], differentiable: ["x"],
    evaluate: FunctionSpec.scalarEvaluator("x") { _, _ in jet },
    views: { _ in
      [
        Activations.view(
          plotRange: -4...4, breakpoints: [0],
          declared: DeclaredProperties(
            infimum: RangeBound(0, attained: true), supremum: RangeBound(.infinity, attained: false),
            monotonic: .increasing, derivativeMonotonic: .increasing, continuity: .c0,
            // Mean output 1/sqrt(2 pi): not zero-centred, though relu(0) = 0.
            zeroCentered: false, passesThroughOrigin: true, identityNearOrigin: nil, maxAbsDerivative: 1,
            saturatesLeft: true, saturatesRight: false, convex: true, concave: false, nonNegative: true),
          jet)
      ]
    },
    formula: formula,
    implementationNote: "max(0, x) and the catalog's subgradient 0 at x = 0; exact for every input.",
    conventions: [
      FrameworkConvention(.pytorch, "torch.relu(x)", "none: relu'(0) = {torch.relu.grad-at-0.grad_at_0} as here", definitional: ["relu'(0)"]),
      FrameworkConvention(.keras, "keras.activations.relu(x)", "none at the defaults (negative_slope={keras.relu.defaults.negative_slope}, max_value={keras.relu.defaults.max_value}, threshold={keras.relu.defaults.threshold})"),
      FrameworkConvention(.optax, "", "no equivalent (optax holds losses)"),
      FrameworkConvention(.jaxnn, "jax.nn.relu(x)", "grad relu(0) = {jax.relu.grad-at-0.grad_at_0} as here ({jax.relu.grad-at-0.source}); XLA on the CPU reads subnormal inputs as 0: relu(1.2e-310) = {jax.xla.subnormal-inputs.relu}", definitional: ["relu(0)", "as 0", "relu(1.2e-310)"]),
    ],
    references: [
      Reference("Nair, Hinton, Rectified linear units improve restricted Boltzmann machines, ICML", year: 2010),
      Reference("Glorot, Bordes, Bengio, Deep sparse rectifier neural networks, AISTATS", year: 2011),
    ]
  )

  /// The documented formulas: the tree the manual prints and the tests evaluate.
  static let formula = FunctionFormula(
    value: .max(.n(0), .x),
    derivatives: [("x", .cases([(.n(1), .greater(.x, .n(0))), (.n(0), .otherwise)]))],
    secondDerivative: .n(0))

  /// max(0, x); f' = 1 for x > 0, else 0 (0 at the kink); f'' = 0.
  @Sendable static func jet(_ x: Double) -> Jet {
    x > 0 ? Jet(value: x, d1: 1, d2: 0) : Jet(value: 0, d1: 0, d2: 0)
  }
}
