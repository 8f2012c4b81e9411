/// Sigmoid (logistic), catalog id `sigmoid`: its entry (`spec`: signature, views, declared
/// properties, conventions, references), its documented `formula`, and
/// its stable implementation with the notes on why it is stable.
enum Sigmoid {
  static let spec = FunctionSpec(
    id: "sigmoid", name: "Sigmoid (logistic)", family: .activation, aliases: ["logistic-sigmoid", "expit"],
    summary: "The logistic function 1 / (1 + e⁻ˣ): maps the real line onto (0, 1). The output of binary classifiers; as a hidden activation it saturates and shrinks gradients at least fourfold per layer.",
    arguments: [.activationInput], differentiable: ["x"],
    evaluate: FunctionSpec.scalarEvaluator("x") { _, _ in jet },
    views: { _ in
      [
        Activations.view(
          plotRange: -8...8,
          declared: DeclaredProperties(
            infimum: RangeBound(0, attained: false), supremum: RangeBound(1, attained: false),
            monotonic: .increasing, derivativeMonotonic: .neither, continuity: .cInfinity,
            // Mean output 1/2 (sigma(x) + sigma(−x) = 1); sigma(0) = 1/2.
            zeroCentered: false, passesThroughOrigin: false, identityNearOrigin: false, maxAbsDerivative: 0.25,
            saturatesLeft: true, saturatesRight: true, convex: false, concave: false),
          // f' is even, and ``jet(_:)`` computes it from |x| alone (d1 = R e R with e = e^-|x|: from |x| alone).
          evenDerivative: true, jet)
      ]
    },
    formula: formula,
    naive: NaiveForm(
      valueFormula: "1 / (1 + exp(-x))", derivativeFormula: "sigma(x) * (1 - sigma(x))",
      value: { _ in { x in 1 / (1 + exp(-x)) } },
      derivative: { _ in
        { x in
          let s = 1 / (1 + exp(-x))
          return s * (1 - s)
        }
      }),
    implementationNote: "Branch on the sign of x before calling exp (1/(1+e^-x) for x ≥ 0, e^x/(1+e^x) below; 1 + e formed exactly and the quotients taken in double-double), and the derivative as e^-|x| / (1 + e^-|x|)^2 rather than sigma(1 - sigma), which is 0 once sigma rounds to 1.",
    conventions: [
      FrameworkConvention(.pytorch, "torch.sigmoid(x)", "backward is y (1 - y) on the rounded output: relative error {torch.sigmoid.grad-zero-from.rel_error_at_35} at x = 35, and 0 beyond x = {torch.sigmoid.grad-zero-from.last_nonzero_x}, the last input with a nonzero gradient, where the exact derivative is about e^-x", definitional: ["(1 - y)", "x = 35", "and 0 beyond"]),
      FrameworkConvention(.keras, "keras.activations.sigmoid(x)", "none in value (within {keras.sigmoid.accuracy.value_max_ulp} ulp); the gradient is JAX's (see jax.nn)"),
      FrameworkConvention(.optax, "", "no equivalent (not a loss)"),
      FrameworkConvention(.jaxnn, "jax.nn.sigmoid(x)", "autodiff of the rounded output: relative error {jax.sigmoid.grad.rel_error_at_30} at x = 30, {jax.sigmoid.grad.rel_error_at_35} at 35, {jax.sigmoid.grad.rel_error_at_36_7} at 36.7, and exactly 0 from x = {jax.sigmoid.grad.zero_from}", definitional: ["x = 30", "at 35", "at 36.7", "exactly 0"]),
    ],
    references: [Reference("Goodfellow, Bengio, Courville, Deep Learning, §6.2.2.2 and §6.3.2", year: 2016)]
  )

  /// The documented formulas: the tree the manual prints and the tests evaluate.
  static let formula = FunctionFormula(
    value: .n(1) / (.n(1) + .exp(-.x)),
    derivatives: [("x", .sigma(.x) * .sigma(-.x))],
    secondDerivative: .sigma(.x) * .sigma(-.x) * (.n(1) - .n(2) * .sigma(.x)))

  /// sigma(x), sigma'(x) = sigma(x) sigma(-x), sigma''(x) = sigma'(x) (1 - 2 sigma(x)).
  ///
  /// `1 - 2 sigma(x)` cancels near x = 0 and for large |x|; it is written as
  /// `tanh(-x/2)`, exact in sign and accurate to an ulp everywhere. One exp
  /// (expm1 below |x| = ln 2) and one division: 1/(1 + e) = r (1 + eps) with
  /// eps = 1 - (1 + e) r from an fma, the double-double products written out
  /// (about 1 ulp; the Double forms reach 2.4 ulp near x = -21).
  @Sendable static func jet(_ x: Double) -> Jet {
    // e = e^-|x| exactly as a double-double, 1 - e (om); below |x| = ln 2 from expm1, so that
    // 1 - e does not cancel.
    let a = abs(x)
    let e: DoubleDouble
    let om: Double
    if a < 0x1.62e42fefa39efp-1 {
      let m = expm1(-a)
      e = DoubleDouble.fastTwoSum(1, m)
      om = -m
    } else {
      e = DoubleDouble(exp(-a))
      om = 1 - e.hi
    }
    // sigma(|x|) = R = 1/(1 + e); sigma(-|x|) = e R = s
    let onePlusE = DoubleDouble.fastTwoSum(1, e.hi)
    let reciprocal = StableMath.Reciprocal(DoubleDouble(onePlusE.hi, onePlusE.lo + e.lo))
    let s = reciprocal.times(e)
    let d1 = reciprocal.timesRounded(s)
    // 1 - 2 sigma(x) = -sign(x) tanh(|x|/2) = -sign(x) (1 - e)/(1 + e)
    let tanhHalf = om * reciprocal.r
    if x >= 0 { return Jet(value: reciprocal.value, d1: d1, d2: -d1 * tanhHalf) }
    return Jet(value: s.hi + s.lo, d1: d1, d2: d1 * tanhHalf)
  }
}
