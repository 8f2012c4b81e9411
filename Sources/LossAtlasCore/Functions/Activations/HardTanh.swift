/// Hard tanh, catalog id `hard-tanh`: its entry (`spec`: signature, views, declared
/// properties, conventions, references), its documented `formula`, and
/// its stable implementation with the notes on why it is stable.
enum HardTanh {
  static let spec = FunctionSpec(
    id: "hard-tanh", name: "Hard tanh", family: .activation, aliases: ["hardtanh"],
    summary: "min(max(x, −1), 1): the identity clipped to [−1, 1], a piecewise-linear tanh.",
    arguments: [.activationInput], differentiable: ["x"],
    evaluate: FunctionSpec.scalarEvaluator("x") { _, _ in jet },
    views: { _ in
      [
        Activations.view(
          plotRange: -5...5, breakpoints: [-1, 1],
          declared: DeclaredProperties(
            infimum: RangeBound(-1, attained: true), supremum: RangeBound(1, attained: true),
            monotonic: .increasing, derivativeMonotonic: .neither, continuity: .c0,
            // Odd: mean output 0; hard-tanh(0) = 0.
            zeroCentered: true, passesThroughOrigin: true, identityNearOrigin: true, maxAbsDerivative: 1,
            saturatesLeft: true, saturatesRight: true, convex: false, concave: false, nonNegative: false),
          jet)
      ]
    },
    formula: formula,
    implementationNote: "A clamp to [-1, 1], exact; derivative 1 only strictly inside (-1, 1), so 0 at both kinks.",
    conventions: [
      FrameworkConvention(.pytorch, "torch.nn.functional.hardtanh(x)", "none: derivative {torch.hardtanh.grad-at-kinks.grad_at_1} at ±1", definitional: ["at ±1"]),
      FrameworkConvention(.keras, "keras.activations.hard_tanh(x)", "none in value; the gradient at the kinks is JAX's: {jax.hard_tanh.grad-at-kinks.grad_at_1} at ±1, not the catalog's 0", definitional: ["at ±1", "the catalog's 0"]),
      FrameworkConvention(.optax, "", "no equivalent (optax holds losses)"),
      FrameworkConvention(.jaxnn, "jax.nn.hard_tanh(x)", "derivative {jax.hard_tanh.grad-at-kinks.grad_at_1} at x = ±1 (the catalog's 0); XLA on the CPU reads subnormal inputs as 0: hard_tanh(1.2e-310) = {jax.xla.subnormal-inputs.hard_tanh}", definitional: ["x = ±1", "the catalog's 0", "as 0", "hard_tanh(1.2e-310)"]),
    ],
    references: [Reference("Collobert, Large scale machine learning (PhD thesis, Université Paris VI)", year: 2004)]
  )

  /// The documented formulas: the tree the manual prints and the tests evaluate.
  static let formula = FunctionFormula(
    value: .min(.max(.x, .n(-1)), .n(1)),
    derivatives: [("x", .cases([(.n(1), .between(.n(-1), .x, .n(1))), (.n(0), .otherwise)]))],
    secondDerivative: .n(0))

  /// min(max(x, -1), 1); f' = 1 on (-1, 1), else 0; f'' = 0.
  @Sendable static func jet(_ x: Double) -> Jet {
    if x <= -1 { return Jet(value: -1, d1: 0, d2: 0) }
    if x >= 1 { return Jet(value: 1, d1: 0, d2: 0) }
    return Jet(value: x, d1: 1, d2: 0)
  }
}
