/// Sparse plus, catalog id `sparse-plus`: its entry (`spec`: signature, views, declared
/// properties, conventions, references), its documented `formula`, and
/// its stable implementation.
enum SparsePlus {
  static let spec = FunctionSpec(
    id: "sparse-plus", name: "Sparse plus", family: .activation, aliases: ["sparseplus"],
    summary: "0 below −1, (x + 1)² / 4 on (−1, 1), x above 1: a piecewise-quadratic softplus that is exactly 0 (and has exactly zero gradient) for x ≤ −1. Its derivative is sparse-sigmoid.",
    arguments: [.activationInput], differentiable: ["x"],
    evaluate: FunctionSpec.scalarEvaluator("x") { _, _ in jet },
    views: { _ in
      [
        Activations.view(
          plotRange: -3...3, breakpoints: [-1, 1],
          declared: DeclaredProperties(
            infimum: RangeBound(0, attained: true), supremum: RangeBound(.infinity, attained: false),
            monotonic: .increasing, derivativeMonotonic: .increasing, continuity: .c1,
            // Non-negative, positive on (-1, inf): mean output > 0; f(0) = 1/4.
            zeroCentered: false, passesThroughOrigin: false, identityNearOrigin: false, maxAbsDerivative: 1,
            saturatesLeft: true, saturatesRight: false, convex: true, concave: false, nonNegative: true),
          jet)
      ]
    },
    formula: formula,
    implementationNote: "(x + 1)^2 / 4 with x + 1 exact (TwoSum) and squared in double-double: one rounding. The derivative (x + 1)/2 rounds once; the outer pieces own the kinks (f' = 0 at -1, 1 at 1) as the catalog says.",
    conventions: [
      FrameworkConvention(.pytorch, "", "no sparse plus in PyTorch"),
      FrameworkConvention(.keras, "keras.activations.sparse_plus(x)", "none in value"),
      FrameworkConvention(.optax, "", "no equivalent (optax holds losses)"),
      FrameworkConvention(
        .jaxnn, "jax.nn.sparse_plus(x)",
        "none: derivative {jax.sparse_plus.grad-at-kinks.grad_at_minus_1} at x = -1 and {jax.sparse_plus.grad-at-kinks.grad_at_1} at x = 1, as here", definitional: ["x = -1", "x = 1"]),
    ],
    references: [
      Reference("Blondel, Martins, Niculae, Learning with Fenchel-Young losses, JMLR 21(35)", year: 2020, url: "https://jmlr.org/papers/v21/19-021.html")
    ]
  )

  /// The documented formulas: the tree the manual prints and the tests evaluate.
  static let formula = FunctionFormula(
    value: .cases([
      (.n(0), .lessOrEqual(.x, .n(-1))), ((.x + .n(1)).pow(.n(2)) / .n(4), .less(.x, .n(1))), (.x, .otherwise),
    ]),
    derivatives: [
      ("x", .cases([(.n(0), .lessOrEqual(.x, .n(-1))), ((.x + .n(1)) / .n(2), .less(.x, .n(1))), (.n(1), .otherwise)]))
    ],
    secondDerivative: .cases([(.n(1) / .n(2), .between(.n(-1), .x, .n(1))), (.n(0), .otherwise)]))

  /// 0, (x + 1)^2/4, x; f' = 0, (x + 1)/2, 1; f'' = 0, 1/2, 0 (the outer
  /// pieces own x = -1 and x = 1).
  @Sendable static func jet(_ x: Double) -> Jet {
    if x <= -1 { return Jet(value: 0, d1: 0, d2: 0) }
    if x >= 1 { return Jet(value: x, d1: 1, d2: 0) }
    let u = DoubleDouble.twoSum(x, 1)  // x + 1, exactly
    let sq = u * u
    return Jet(value: 0.25 * (sq.hi + sq.lo), d1: 0.5 * (u.hi + u.lo), d2: 0.5)
  }
}
