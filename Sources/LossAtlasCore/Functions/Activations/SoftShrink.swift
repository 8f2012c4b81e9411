/// Soft shrink, catalog id `softshrink`: its entry (`spec`: signature, views, declared
/// properties, conventions, references), its documented `formula`, and
/// its implementation.
enum SoftShrink {
  static let spec = FunctionSpec(
    id: "softshrink", name: "Soft shrink", family: .activation, aliases: ["soft-shrink"],
    summary: "x − λ above λ, x + λ below −λ, 0 in between: soft thresholding, the proximal operator of λ|x| (the shrinkage step of ISTA and the lasso). Continuous, unlike hardshrink.",
    parameters: [
      ParameterSpec(
        name: "lambda", symbol: "\\lambda", defaultValue: 0.5, range: .nonNegative, grid: [0, 0.5, 1, 2],
        summary: "the amount every input is moved toward 0, and the half-width of the zeroed interval (0 gives the identity)")
    ],
    arguments: [.activationInput], differentiable: ["x"],
    evaluate: FunctionSpec.scalarEvaluator("x") { p, _ in
      let lambda = p["lambda"]
      return { x in jet(x, lambda: lambda) }
    },
    views: { p in
      let lambda = p["lambda"]
      let identity = lambda == 0
      return [
        Activations.view(
          plotRange: -3...3, breakpoints: identity ? [0] : [-lambda, lambda],
          declared: DeclaredProperties(
            infimum: RangeBound(-.infinity, attained: false), supremum: RangeBound(.infinity, attained: false),
            monotonic: .increasing, derivativeMonotonic: identity ? .constant : .neither,
            continuity: identity ? .cInfinity : .c0,
            // Odd: mean output 0 for a symmetric input, and f(0) = 0.
            zeroCentered: true, passesThroughOrigin: true, identityNearOrigin: false, maxAbsDerivative: 1,
            saturatesLeft: false, saturatesRight: false, convex: identity, concave: identity, nonNegative: false),
          { x in jet(x, lambda: lambda) })
      ]
    },
    formula: formula,
    implementationNote: "x - lambda or x + lambda, one correctly rounded subtraction (0.5 ulp); the comparison |x| > lambda on the exact inputs, so the zero piece, derivative 0, owns both kinks as the catalog says.",
    conventions: [
      FrameworkConvention(
        .pytorch, "torch.nn.functional.softshrink(x, lambd=0.5)",
        "none: derivative {torch.shrink-threshold.grad-at-kinks.softshrink_at_lambda} at ±lambda as here (default lambd {torch.shrink.defaults.softshrink_lambd})"),
      FrameworkConvention(
        .keras, "keras.activations.soft_shrink(x, threshold=0.5)",
        "none: derivative {keras.shrink-threshold.grad-at-kinks.soft_shrink_at_lambda} at ±threshold as here (default threshold {keras.activations.parameters.soft_shrink_default})"),
      FrameworkConvention(.optax, "", "no equivalent (optax holds losses)"),
      FrameworkConvention(.jaxnn, "", "no soft_shrink in jax.nn; jnp.sign(x) * jax.nn.relu(jnp.abs(x) - lambda) by hand"),
    ],
    references: [
      Reference("Donoho, De-noising by soft-thresholding, IEEE Transactions on Information Theory 41(3)", year: 1995),
      Reference("Daubechies, Defrise, De Mol, An iterative thresholding algorithm for linear inverse problems with a sparsity constraint, Communications on Pure and Applied Mathematics 57(11)", year: 2004),
    ]
  )

  /// The documented formulas: the tree the manual prints and the tests evaluate.
  static let formula = FunctionFormula(
    value: .cases([(.x - .lambda, .greater(.x, .lambda)), (.x + .lambda, .less(.x, -.lambda)), (.n(0), .otherwise)]),
    derivatives: [("x", .cases([(.n(1), .greater(.abs(.x), .lambda)), (.n(0), .otherwise)]))],
    secondDerivative: .n(0))

  /// x - lambda, x + lambda or 0; f' = 1 or 0 (0 at ±lambda); f'' = 0.
  @Sendable static func jet(_ x: Double, lambda: Double) -> Jet {
    if x > lambda { return Jet(value: x - lambda, d1: 1, d2: 0) }
    if x < -lambda { return Jet(value: x + lambda, d1: 1, d2: 0) }
    return Jet(value: 0, d1: 0, d2: 0)
  }
}
