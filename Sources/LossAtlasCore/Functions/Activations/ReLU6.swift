/// ReLU6, catalog id `relu6`: its entry (`spec`: signature, views, declared
/// properties, conventions, references), its documented `formula`, and
/// its stable implementation with the notes on why it is stable.
enum ReLU6 {
  static let spec = FunctionSpec(
    id: "relu6", name: "ReLU6", family: .activation, aliases: [],
    summary: "min(max(0, x), 6): ReLU capped at 6, used in MobileNets so that activations stay in a range low-precision arithmetic can hold.",
    arguments: [.activationInput], differentiable: ["x"],
    evaluate: FunctionSpec.scalarEvaluator("x") { _, _ in jet },
    views: { _ in
      [
        Activations.view(
          plotRange: -3...9, breakpoints: [0, 6],
          declared: DeclaredProperties(
            infimum: RangeBound(0, attained: true), supremum: RangeBound(6, attained: true),
            monotonic: .increasing, derivativeMonotonic: .neither, continuity: .c0,
            // Mean output φ(0) − φ(6) + 6 Φ(−6) > 0; relu6(0) = 0.
            zeroCentered: false, passesThroughOrigin: true, identityNearOrigin: nil, maxAbsDerivative: 1,
            saturatesLeft: true, saturatesRight: true, convex: false, concave: false, nonNegative: true),
          jet)
      ]
    },
    formula: formula,
    implementationNote: "A clamp to [0, 6], exact; derivative 1 only strictly inside (0, 6), so 0 at both kinks.",
    conventions: [
      FrameworkConvention(.pytorch, "torch.nn.functional.relu6(x)", "none: hardtanh(x, 0, 6), derivative {torch.relu6.grad-at-kinks.grad_at_0} at 0 and {torch.relu6.grad-at-kinks.grad_at_6} at 6", definitional: ["hardtanh(x, 0, 6)", "at 0", "at 6"]),
      FrameworkConvention(.keras, "keras.activations.relu6(x)", "none in value; the gradient at the kinks is JAX's: {jax.relu6.grad-at-kinks.grad_at_0} at 0 and {jax.relu6.grad-at-kinks.grad_at_6} at 6", definitional: ["at 0", "at 6"]),
      FrameworkConvention(.optax, "", "no equivalent (optax holds losses)"),
      FrameworkConvention(.jaxnn, "jax.nn.relu6(x)", "none: custom derivative {jax.relu6.grad-at-kinks.grad_at_0} at 0 and {jax.relu6.grad-at-kinks.grad_at_6} at 6 (jnp.minimum and jnp.maximum alone would split a tie: {jax.jnp.tie-grads.maximum_grad_at_tie})", definitional: ["at 0", "at 6"]),
    ],
    references: [
      Reference("Krizhevsky, Convolutional deep belief networks on CIFAR-10 (technical report)", year: 2010),
      Reference("Howard et al., MobileNets: efficient convolutional neural networks for mobile vision applications", year: 2017),
    ]
  )

  /// The documented formulas: the tree the manual prints and the tests evaluate.
  static let formula = FunctionFormula(
    value: .min(.max(.n(0), .x), .n(6)),
    derivatives: [("x", .cases([(.n(1), .between(.n(0), .x, .n(6))), (.n(0), .otherwise)]))],
    secondDerivative: .n(0))

  /// min(max(0, x), 6); f' = 1 on (0, 6), else 0; f'' = 0.
  @Sendable static func jet(_ x: Double) -> Jet {
    if x <= 0 { return Jet(value: 0, d1: 0, d2: 0) }
    if x >= 6 { return Jet(value: 6, d1: 0, d2: 0) }
    return Jet(value: x, d1: 1, d2: 0)
  }
}
