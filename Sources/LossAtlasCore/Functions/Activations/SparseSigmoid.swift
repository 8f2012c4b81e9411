/// Sparse sigmoid, catalog id `sparse-sigmoid`: its entry (`spec`: signature, views, declared
/// properties, conventions, references), its documented `formula`, and
/// its implementation.
enum SparseSigmoid {
  static let spec = FunctionSpec(
    id: "sparse-sigmoid", name: "Sparse sigmoid", family: .activation, aliases: ["sparsesigmoid"],
    summary: "0 below −1, (x + 1) / 2 on (−1, 1), 1 above 1: a piecewise-linear sigmoid that reaches 0 and 1 exactly (the derivative of sparse-plus; the same shape as hard-sigmoid with slope 1/2 instead of 1/6).",
    arguments: [.activationInput], differentiable: ["x"],
    evaluate: FunctionSpec.scalarEvaluator("x") { _, _ in jet },
    views: { _ in
      [
        Activations.view(
          plotRange: -3...3, breakpoints: [-1, 1],
          declared: DeclaredProperties(
            infimum: RangeBound(0, attained: true), supremum: RangeBound(1, attained: true),
            monotonic: .increasing, derivativeMonotonic: .neither, continuity: .c0,
            // Non-negative, positive on (-1, inf): mean output > 0; f(0) = 1/2.
            zeroCentered: false, passesThroughOrigin: false, identityNearOrigin: false, maxAbsDerivative: 0.5,
            saturatesLeft: true, saturatesRight: true, convex: false, concave: false, nonNegative: true),
          jet)
      ]
    },
    formula: formula,
    implementationNote: "(x + 1)/2 with one rounding (x + 1 rounds once, the halving is exact); derivative 1/2 only strictly inside (-1, 1), so 0 at both kinks as the catalog says.",
    conventions: [
      FrameworkConvention(.pytorch, "", "no sparse sigmoid in PyTorch"),
      FrameworkConvention(.keras, "keras.activations.sparse_sigmoid(x)", "none in value; the gradient at the kinks is JAX's (see jax.nn)"),
      FrameworkConvention(.optax, "", "no equivalent (optax holds losses)"),
      FrameworkConvention(
        .jaxnn, "jax.nn.sparse_sigmoid(x)",
        "0.5 * clip(x + 1, 0, 2), and jnp.clip splits the gradient at the ends: {jax.sparse_sigmoid.grad-at-kinks.grad_at_minus_1} at x = -1 and {jax.sparse_sigmoid.grad-at-kinks.grad_at_1} at x = 1 (the catalog: 0)", definitional: ["0.5 * clip(x + 1, 0, 2)", "x = -1", "x = 1", "(the catalog: 0)"]),
    ],
    references: [
      Reference("Blondel, Martins, Niculae, Learning with Fenchel-Young losses, JMLR 21(35)", year: 2020, url: "https://jmlr.org/papers/v21/19-021.html")
    ]
  )

  /// The documented formulas: the tree the manual prints and the tests evaluate.
  static let formula = FunctionFormula(
    value: .cases([(.n(0), .lessOrEqual(.x, .n(-1))), ((.x + .n(1)) / .n(2), .less(.x, .n(1))), (.n(1), .otherwise)]),
    derivatives: [("x", .cases([(.n(1) / .n(2), .between(.n(-1), .x, .n(1))), (.n(0), .otherwise)]))],
    secondDerivative: .n(0))

  /// 0, (x + 1)/2, 1; f' = 1/2 on (-1, 1), else 0; f'' = 0.
  @Sendable static func jet(_ x: Double) -> Jet {
    if x <= -1 { return Jet(value: 0, d1: 0, d2: 0) }
    if x >= 1 { return Jet(value: 1, d1: 0, d2: 0) }
    return Jet(value: 0.5 * (x + 1), d1: 0.5, d2: 0)
  }
}
