/// Hard shrink, catalog id `hardshrink`: its entry (`spec`: signature, views, declared
/// properties, conventions, references), its documented `formula`, and
/// its implementation.
enum HardShrink {
  static let spec = FunctionSpec(
    id: "hardshrink", name: "Hard shrink", family: .activation, aliases: ["hard-shrink"],
    summary: "x where |x| > λ, 0 inside [−λ, λ]: hard thresholding, which zeroes small inputs and passes the rest unchanged (jumps of size λ at ±λ). Used for sparse codes and wavelet denoising.",
    parameters: [
      ParameterSpec(
        name: "lambda", symbol: "\\lambda", defaultValue: 0.5, range: .nonNegative, grid: [0, 0.5, 1, 2],
        summary: "the half-width of the zeroed interval [−λ, λ] (0 gives the identity)")
    ],
    arguments: [.activationInput], differentiable: ["x"],
    evaluate: FunctionSpec.scalarEvaluator("x") { p, _ in
      let lambda = p["lambda"]
      return { x in jet(x, lambda: lambda) }
    },
    views: { p in
      let lambda = p["lambda"]
      // lambda = 0 is the identity (f'(0) = 0 by the catalog's rule, a single point).
      let identity = lambda == 0
      return [
        Activations.view(
          plotRange: -3...3, breakpoints: identity ? [0] : [-lambda, lambda],
          declared: DeclaredProperties(
            infimum: RangeBound(-.infinity, attained: false), supremum: RangeBound(.infinity, attained: false),
            monotonic: .increasing, derivativeMonotonic: identity ? .constant : .neither,
            continuity: identity ? .cInfinity : .discontinuous,
            // Odd: mean output 0 for a symmetric input, and f(0) = 0.
            zeroCentered: true, passesThroughOrigin: true, identityNearOrigin: false, maxAbsDerivative: 1,
            saturatesLeft: false, saturatesRight: false, convex: identity, concave: identity, nonNegative: false),
          { x in jet(x, lambda: lambda) })
      ]
    },
    formula: formula,
    implementationNote: "x or 0, exact for every input; |x| > lambda is decided on the exact inputs, so x = ±lambda itself gives 0 with derivative 0 (the catalog's and PyTorch's rule: the zero piece owns the jumps).",
    conventions: [
      FrameworkConvention(
        .pytorch, "torch.nn.functional.hardshrink(x, lambd=0.5)",
        "none: derivative {torch.shrink-threshold.grad-at-kinks.hardshrink_at_lambda} at ±lambda as here (default lambd {torch.shrink.defaults.hardshrink_lambd})"),
      FrameworkConvention(
        .keras, "keras.activations.hard_shrink(x, threshold=0.5)",
        "none: derivative {keras.shrink-threshold.grad-at-kinks.hard_shrink_at_lambda} at ±threshold as here (default threshold {keras.activations.parameters.hard_shrink_default})"),
      FrameworkConvention(.optax, "", "no equivalent (optax holds losses)"),
      FrameworkConvention(.jaxnn, "", "no hard_shrink in jax.nn; jnp.where(jnp.abs(x) > lambda, x, 0) by hand", definitional: ["jnp.where(jnp.abs(x) > lambda, x, 0)"]),
    ],
    references: [
      Reference("Donoho, Johnstone, Ideal spatial adaptation by wavelet shrinkage, Biometrika 81(3)", year: 1994)
    ]
  )

  /// The documented formulas: the tree the manual prints and the tests evaluate.
  static let formula = FunctionFormula(
    value: .cases([(.x, .greater(.abs(.x), .lambda)), (.n(0), .otherwise)]),
    derivatives: [("x", .cases([(.n(1), .greater(.abs(.x), .lambda)), (.n(0), .otherwise)]))],
    secondDerivative: .n(0))

  /// x for |x| > lambda, else 0; f' = 1 or 0 (0 at ±lambda); f'' = 0.
  @Sendable static func jet(_ x: Double, lambda: Double) -> Jet {
    abs(x) > lambda ? Jet(value: x, d1: 1, d2: 0) : Jet(value: 0, d1: 0, d2: 0)
  }
}
