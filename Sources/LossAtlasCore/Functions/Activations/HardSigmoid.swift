/// Hard sigmoid, catalog id `hard-sigmoid`: its entry (`spec`: signature, views, declared
/// properties, conventions, references), its documented `formula`, and
/// its stable implementation with the notes on why it is stable.
enum HardSigmoid {
  static let spec = FunctionSpec(
    id: "hard-sigmoid", name: "Hard sigmoid", family: .activation, aliases: ["hardsigmoid"],
    summary: "relu6(x + 3) / 6: a piecewise-linear sigmoid onto [0, 1], linear on (−3, 3). The gate of MobileNetV3's hard-swish.",
    arguments: [.activationInput], differentiable: ["x"],
    evaluate: FunctionSpec.scalarEvaluator("x") { _, _ in jet },
    views: { _ in
      [
        Activations.view(
          plotRange: -5...5, breakpoints: [-3, 3],
          declared: DeclaredProperties(
            infimum: RangeBound(0, attained: true), supremum: RangeBound(1, attained: true),
            monotonic: .increasing, derivativeMonotonic: .neither, continuity: .c0,
            // Mean output 1/2 (hard-sigmoid(x) + hard-sigmoid(−x) = 1); f(0) = 1/2.
            zeroCentered: false, passesThroughOrigin: false, identityNearOrigin: false, maxAbsDerivative: 1.0 / 6,
            saturatesLeft: true, saturatesRight: true, convex: false, concave: false, nonNegative: true),
          jet)
      ]
    },
    formula: formula,
    implementationNote: "(x + 3) / 6 with x + 3 formed exactly (TwoSum) and divided in double-double: one rounding. Derivative 1/6 only strictly inside (-3, 3).",
    conventions: [
      FrameworkConvention(.pytorch, "torch.nn.functional.hardsigmoid(x)", "float64 backward multiplies by the float32 constant 1.0f/6: gradient {torch.hardsigmoid.grad-constant.grad_at_0|9} on (-3, 3) (relative error {torch.hardsigmoid.grad-constant.rel_error})", definitional: ["float64", "float32", "1.0f/6", "(-3, 3)"]),
      FrameworkConvention(.keras, "keras.activations.hard_sigmoid(x)", "Keras 3 uses relu6(x + 3) / 6 as here ({keras.hard_sigmoid.form.value_at_1} at x = 1); Keras 2 (tf.keras, not installed here) used clip(0.2 x + 0.5, 0, 1) by its documentation", definitional: ["Keras 3", "relu6(x + 3) / 6", "x = 1", "Keras 2", "clip(0.2 x + 0.5, 0, 1)"]),
      FrameworkConvention(.optax, "", "no equivalent (optax holds losses)"),
      FrameworkConvention(.jaxnn, "jax.nn.hard_sigmoid(x)", "none: relu6(x + 3) / 6, derivative {jax.hard_sigmoid.values.grad_at_0} at 0", definitional: ["relu6(x + 3) / 6", "at 0"]),
    ],
    references: [Reference("Howard et al., Searching for MobileNetV3, ICCV", year: 2019)]
  )

  /// The documented formulas: the tree the manual prints and the tests evaluate.
  static let formula = FunctionFormula(
    value: .min(.max(.n(0), .x + .n(3)), .n(6)) / .n(6),
    derivatives: [("x", .cases([(.n(1) / .n(6), .between(.n(-3), .x, .n(3))), (.n(0), .otherwise)]))],
    secondDerivative: .n(0))

  /// relu6(x + 3) / 6; f' = 1/6 on (-3, 3), else 0; f'' = 0.
  @Sendable static func jet(_ x: Double) -> Jet {
    if x <= -3 { return Jet(value: 0, d1: 0, d2: 0) }
    if x >= 3 { return Jet(value: 1, d1: 0, d2: 0) }
    return Jet(value: (DoubleDouble.twoSum(x, 3) / 6).value, d1: 1.0 / 6, d2: 0)
  }
}
