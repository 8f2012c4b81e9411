/// Hard swish, catalog id `hard-swish`: its entry (`spec`: signature, views, declared
/// properties, conventions, references), its documented `formula`, and
/// its stable implementation with the notes on why it is stable.
enum HardSwish {
  static let spec = FunctionSpec(
    id: "hard-swish", name: "Hard swish", family: .activation, aliases: ["hardswish", "h-swish", "hard-silu"],
    summary: "x relu6(x + 3) / 6: a piecewise-quadratic SiLU (0 below −3, x above 3) from MobileNetV3, cheap on mobile hardware.",
    arguments: [.activationInput], differentiable: ["x"],
    evaluate: FunctionSpec.scalarEvaluator("x") { _, _ in jet },
    views: { _ in
      [
        Activations.view(
          plotRange: -5...5, breakpoints: [-3, 3],
          declared: DeclaredProperties(
            infimum: RangeBound(-0.375, attained: true), supremum: RangeBound(.infinity, attained: false),
            monotonic: .neither, derivativeMonotonic: .neither, continuity: .c0,
            // Mean output erf(3/sqrt 2)/6 > 0; hard-swish(0) = 0.
            zeroCentered: false, passesThroughOrigin: true, identityNearOrigin: false, maxAbsDerivative: 1.5,
            saturatesLeft: true, saturatesRight: false, convex: false, concave: false, nonNegative: false),
          jet)
      ]
    },
    formula: formula,
    implementationNote: "x (x + 3) / 6 on [-3, 3] with x + 3 exact (TwoSum), the product and quotient in double-double: one rounding. The derivative (2x + 3)/6 belongs to the closed middle piece, so -1/2 at -3 and 3/2 at 3 as the catalog says.",
    conventions: [
      FrameworkConvention(.pytorch, "torch.nn.functional.hardswish(x)", "backward x/3 + 1/2 on (-3, 3); at the kinks {torch.hardswish.grad-at-kinks.grad_at_minus_3} at x = -3 and {torch.hardswish.grad-at-kinks.grad_at_3} at x = 3 (the catalog: -1/2 and 3/2)", definitional: ["x/3 + 1/2", "(-3, 3)", "x = -3", "x = 3", "-1/2 and 3/2"]),
      FrameworkConvention(.keras, "keras.activations.hard_silu(x)", "none in value (alias keras.activations.hard_swish); at the kinks JAX's {jax.hard_swish.grad-at-kinks.grad_at_minus_3} at x = -3 and {jax.hard_swish.grad-at-kinks.grad_at_3} at x = 3", definitional: ["x = -3", "x = 3"]),
      FrameworkConvention(.optax, "", "no equivalent (optax holds losses)"),
      FrameworkConvention(.jaxnn, "jax.nn.hard_silu(x)", "alias hard-silu: the same function as jax.nn.hard_swish"),
      FrameworkConvention(.jaxnn, "jax.nn.hard_swish(x)", "written as x * relu6(x + 3) / 6, so autodiff gives {jax.hard_swish.grad-at-kinks.grad_at_3} at x = 3 (relu6'(6) = 0) and {jax.hard_swish.grad-at-kinks.grad_at_minus_3} at x = -3", definitional: ["x * relu6(x + 3) / 6", "x = 3", "relu6'(6) = 0", "x = -3"]),
    ],
    references: [Reference("Howard et al., Searching for MobileNetV3, ICCV", year: 2019)]
  )

  /// The documented formulas: the tree the manual prints and the tests evaluate.
  static let formula = FunctionFormula(
    value: .x * .min(.max(.n(0), .x + .n(3)), .n(6)) / .n(6),
    derivatives: [
      (
        "x",
        .cases([
          (.n(0), .less(.x, .n(-3))),
          ((.n(2) * .x + .n(3)) / .n(6), .between(.n(-3), .x, .n(3), closedLower: true, closedUpper: true)),
          (.n(1), .otherwise),
        ])
      )
    ],
    secondDerivative: .cases([
      (.n(1) / .n(3), .between(.n(-3), .x, .n(3), closedLower: true, closedUpper: true)), (.n(0), .otherwise),
    ]))

  /// 0, x (x + 3)/6, x on the three pieces; f' = 0, (2x + 3)/6, 1 with the
  /// closed middle piece [-3, 3] owning both kinks; f'' = 0, 1/3, 0.
  @Sendable static func jet(_ x: Double) -> Jet {
    if x < -3 { return Jet(value: 0, d1: 0, d2: 0) }
    if x > 3 { return Jet(value: x, d1: 1, d2: 0) }
    let value = ((DoubleDouble.twoSum(x, 3) * x) / 6).value
    let d1 = (DoubleDouble.twoSum(2 * x, 3) / 6).value
    return Jet(value: value, d1: d1, d2: 1.0 / 3)
  }
}
