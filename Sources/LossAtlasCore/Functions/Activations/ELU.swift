/// ELU (exponential linear unit), catalog id `elu`: its entry (`spec`: signature, views, declared
/// properties, conventions, references), its documented `formula`, and
/// its stable implementation with the notes on why it is stable.
enum ELU {
  static let spec = FunctionSpec(
    id: "elu", name: "ELU (exponential linear unit)", family: .activation, aliases: [],
    summary: "x for x > 0, α(eˣ − 1) below: smooth negative saturation at −α pushes mean activations toward zero.",
    parameters: [
      ParameterSpec(
        name: "alpha", symbol: "\\alpha", defaultValue: 1, range: .positive, grid: [0.5, 1, 2],
        summary: "the negative saturation value −α and the slope α at 0 from the left")
    ],
    arguments: [.activationInput], differentiable: ["x"],
    evaluate: FunctionSpec.scalarEvaluator("x") { p, _ in
      let alpha = p["alpha"]
      return { x in jet(x, alpha: alpha) }
    },
    views: { p in
      let alpha = p["alpha"]
      return [
        Activations.view(
          plotRange: -4...4, breakpoints: [0],
          declared: DeclaredProperties(
            infimum: RangeBound(-alpha, attained: false), supremum: RangeBound(.infinity, attained: false),
            monotonic: .increasing, derivativeMonotonic: alpha <= 1 ? .increasing : .neither,
            continuity: alpha == 1 ? .c1 : .c0,
            // Mean output for X ~ N(0, 1): φ(0) + alpha (e^(1/2) Φ(−1) − 1/2), 0 only
            // at alpha = 1.6732632... (selu's alpha, not on the grid); elu(0) = 0.
            zeroCentered: abs(alpha - 1.6732632423543772) > 1e-6 ? false : nil, passesThroughOrigin: true,
            identityNearOrigin: alpha == 1 ? true : nil, maxAbsDerivative: max(alpha, 1),
            saturatesLeft: true, saturatesRight: false, convex: alpha <= 1, concave: false, nonNegative: false),
          derivative: { x in derivative(x, alpha: alpha) }, { x in jet(x, alpha: alpha) })
      ]
    },
    formula: formula,
    naive: NaiveForm(
      valueFormula: "alpha * (exp(x) - 1), x <= 0", derivativeFormula: "alpha * exp(x), x <= 0",
      value: { p in
        let alpha = p["alpha"]
        return { x in x > 0 ? x : alpha * (exp(x) - 1) }
      },
      derivative: { p in
        let alpha = p["alpha"]
        return { x in x > 0 ? 1 : alpha * exp(x) }
      }),
    implementationNote: "alpha * expm1(x) for x ≤ 0: exp(x) - 1 cancels near 0 (all digits lost at |x| = 1e-16). The left derivative alpha e^x is kept as m 2^k below x = -700 so that alpha does not multiply a subnormal's rounding error.",
    conventions: [
      FrameworkConvention(.pytorch, "torch.nn.functional.elu(x, alpha=1.0)", "none (within {torch.elu.accuracy.value_max_ulp} ulp; derivative within {torch.elu.accuracy.grad_max_ulp} ulp, alpha at 0)", definitional: ["at 0"]),
      FrameworkConvention(.keras, "keras.activations.elu(x, alpha=1.0)", "none in value; the gradient is JAX's expm1(x) + 1, exactly 0 for x ≤ {jax.elu.grad-cancellation.zero_up_to}", definitional: ["expm1(x) + 1", "exactly 0"]),
      FrameworkConvention(.optax, "", "no equivalent (optax holds losses)"),
      FrameworkConvention(.jaxnn, "jax.nn.elu(x, alpha=1.0)", "jnp.where(x > 0, x, alpha * expm1(x)): derivative alpha at 0; the derivative is expm1(x) + 1, which cancels: relative error {jax.elu.grad-cancellation.rel_error_at_minus_20} at x = -20, exactly 0 for x ≤ {jax.elu.grad-cancellation.zero_up_to}", definitional: ["jnp.where(x > 0, x, alpha * expm1(x))", "at 0", "expm1(x) + 1", "x = -20", "exactly 0"]),
    ],
    references: [
      Reference("Clevert, Unterthiner, Hochreiter, Fast and accurate deep network learning by exponential linear units (ELUs), ICLR", year: 2016)
    ],
    figures: FigureHints(
      family: ParameterFamilyFigure(
        parameter: "alpha", xRange: -4...4, note: "α sets the floor −α that the value approaches as x → −∞."))
  )

  /// The documented formulas: the tree the manual prints and the tests evaluate.
  static let formula = FunctionFormula(
    value: .cases([(.x, .greater(.x, .n(0))), (.alpha * (.exp(.x) - .n(1)), .otherwise)]),
    derivatives: [("x", .cases([(.n(1), .greater(.x, .n(0))), (.alpha * .exp(.x), .otherwise)]))],
    secondDerivative: .cases([(.n(0), .greater(.x, .n(0))), (.alpha * .exp(.x), .otherwise)]))

  /// x for x > 0, alpha expm1(x) below; f' = 1 or alpha e^x (alpha at 0);
  /// f'' = 0 or alpha e^x (the left piece owns 0).
  ///
  /// Mostly one libm call:
  /// ```
  /// x < -1:          e = exp(x), e - 1 as a TwoSum (e < 0.37: exp's error reaches e - 1 damped by e/(1 - e) < 0.6)
  /// -1 <= x < -1/4:  expm1(x) for f, exp(x) for f'
  /// -1/4 <= x <= 0:  m = expm1(x), e^x = 1 + m (exact; expm1's error reaches it damped by |m|/e < 0.3)
  /// ```
  /// Below x = -700 e^x is kept as m 2^k (``jetWide(_:alpha:)``).
  @Sendable static func jet(_ x: Double, alpha: Double) -> Jet {
    if x > 0 { return Jet(value: x, d1: 1, d2: 0) }
    if x < -1 {
      guard x >= -700 else { return jetWide(x, alpha: alpha) }
      let e = exp(x)
      let em1 = DoubleDouble.fastTwoSum(-1, e)  // e - 1 exactly
      let d1 = alpha * e
      return Jet(value: (alpha * em1.lo).addingProduct(alpha, em1.hi), d1: d1, d2: d1)
    }
    let m = expm1(x)
    let d1 = alpha * Activations.expNearZero(x, expm1: m)
    return Jet(value: alpha * m, d1: d1, d2: d1)
  }

  /// ``jet(_:alpha:)`` below x = -700.
  static func jetWide(_ x: Double, alpha: Double) -> Jet {
    let (m, k) = StableMath.expScaled(DoubleDouble(x))
    let d1 = StableMath.scaleByPowerOfTwo(alpha * m, k)
    return Jet(value: alpha * expm1(x), d1: d1, d2: d1)
  }
}
