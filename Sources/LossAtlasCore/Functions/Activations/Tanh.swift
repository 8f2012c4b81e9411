/// Hyperbolic tangent, catalog id `tanh`: its entry (`spec`: signature, views, declared
/// properties, conventions, references), its documented `formula`, and
/// its stable implementation with the notes on why it is stable.
enum Tanh {
  static let spec = FunctionSpec(
    id: "tanh", name: "Hyperbolic tangent", family: .activation, aliases: ["hyperbolic-tangent"],
    summary: "tanh x = (eˣ − e⁻ˣ) / (eˣ + e⁻ˣ): a zero-centred sigmoid onto (−1, 1), equal to 2 σ(2x) − 1. The classic recurrent-network activation; it saturates on both sides.",
    arguments: [.activationInput], differentiable: ["x"],
    evaluate: FunctionSpec.scalarEvaluator("x") { _, _ in jet },
    views: { _ in
      [
        Activations.view(
          plotRange: -4...4,
          declared: DeclaredProperties(
            infimum: RangeBound(-1, attained: false), supremum: RangeBound(1, attained: false),
            monotonic: .increasing, derivativeMonotonic: .neither, continuity: .cInfinity,
            // Odd: mean output 0; tanh(0) = 0.
            zeroCentered: true, passesThroughOrigin: true, identityNearOrigin: true, maxAbsDerivative: 1,
            saturatesLeft: true, saturatesRight: true, convex: false, concave: false, nonNegative: false),
          // f' is even, and ``jet(_:)`` computes it from |x| alone (d1 = 4 e r^2 (...) with e = e^-2|x|: from |x| alone).
          evenDerivative: true, jet)
      ]
    },
    formula: formula,
    naive: NaiveForm(
      valueFormula: "(exp(x) - exp(-x)) / (exp(x) + exp(-x))", derivativeFormula: "1 - tanh(x)^2",
      value: { _ in { x in (exp(x) - exp(-x)) / (exp(x) + exp(-x)) } },
      derivative: { _ in
        { x in
          let t = LossAtlasCore.tanh(x)
          return 1 - t * t
        }
      }),
    implementationNote: "From e = e^(-2|x|) and 1 - e (expm1 below 2|x| = ln 2, so 1 - e never cancels), one libm call for both: tanh |x| = (1 - e)/(1 + e) and sech^2 x = 4e/(1 + e)^2 with 1 + e exact, never 1 - tanh^2, which is 0 above |x| = 19.1 where the exact value is about 4 e^(-2|x|). (glibc's tanh itself is up to 1.9 ulp off near |x| = 0.5; this is within 1.2.)",
    conventions: [
      FrameworkConvention(.pytorch, "torch.tanh(x)", "backward is 1 - y^2 on the rounded output: exactly 0 from |x| = {torch.tanh.grad-zero-from.x} (the exact derivative there is {torch.tanh.grad-zero-from.exact_derivative})", definitional: ["1 - y^2", "exactly 0"]),
      FrameworkConvention(.keras, "keras.activations.tanh(x)", "computes in float32 for a float64 input (result dtype {keras.ops.float64-downcast.activations_tanh_dtype}): tanh(0.3) = {keras.ops.float64-downcast.activations_tanh_at_0_3} (exact {keras.ops.float64-downcast.exact_tanh_at_0_3})", definitional: ["float32", "float64", "tanh(0.3)"]),
      FrameworkConvention(.optax, "", "no equivalent (optax holds losses)"),
      FrameworkConvention(.jaxnn, "jax.nn.tanh(x)", "autodiff of the rounded output: {jax.tanh.grad.ratio_at_18} times the exact derivative at x = 18, {jax.tanh.grad.ratio_at_19_1} times at 19.1, exactly 0 from x = {jax.tanh.grad.zero_from}", definitional: ["x = 18", "at 19.1", "exactly 0"]),
    ],
    references: [Reference("Goodfellow, Bengio, Courville, Deep Learning, §6.3.2", year: 2016)]
  )

  /// The documented formulas: the tree the manual prints and the tests evaluate.
  static let formula = FunctionFormula(
    value: .tanh(.x),
    derivatives: [("x", .n(1) - .tanh(.x).pow(.n(2)))],
    secondDerivative: -(.n(2) * .tanh(.x) * (.n(1) - .tanh(.x).pow(.n(2)))))

  /// tanh x, sech^2 x, -2 tanh(x) sech^2(x), all from one exp (expm1 below
  /// 2|x| = ln 2, as in ``StableMath/logisticParts(_:)``) and one division:
  /// ```
  /// tanh |x| = (1 - e) / (1 + e),   sech^2 x = 4 e / (1 + e)^2,   e = e^-2|x|
  /// ```
  @Sendable static func jet(_ x: Double) -> Jet {
    let a = abs(x)
    if a > 354 {
      // e^-2|x| is subnormal: tanh = ±1, sech^2 = 4 m 2^k rounded once.
      let (m, k) = StableMath.expScaled(DoubleDouble(-2 * a))
      let d1 = StableMath.scaleByPowerOfTwo(4 * m, k)
      return Jet(value: x > 0 ? 1 : -1, d1: d1, d2: x > 0 ? -2 * d1 : 2 * d1)
    }
    // e = e^-2|x| and 1 - e, each exact as a double-double from one libm call (expm1 below
    // 2|x| = ln 2)
    let e: DoubleDouble
    let oneMinusE: DoubleDouble
    if a < 0x1.62e42fefa39efp-2 {
      let m = expm1(-2 * a)
      e = DoubleDouble.fastTwoSum(1, m)
      oneMinusE = DoubleDouble(-m, 0)
    } else {
      e = DoubleDouble(exp(-2 * a))
      oneMinusE = DoubleDouble.fastTwoSum(1, -e.hi)  // e <= 1/2
    }
    // 1/(1 + e) = r (1 + eps); tanh |x| = (1 - e) r (1 + eps); sech^2 x = 4 e r^2 (1 + 2 eps)
    let onePlusE = DoubleDouble.fastTwoSum(1, e.hi)
    let reciprocal = StableMath.Reciprocal(DoubleDouble(onePlusE.hi, onePlusE.lo + e.lo))
    let t = reciprocal.timesRounded(oneMinusE)
    let (r, eps) = (reciprocal.r, reciprocal.eps)
    let rr = DoubleDouble.twoProduct(r, r)
    let d1 = 4 * (e.hi * rr.lo + e.lo * rr.hi + 2 * e.hi * rr.hi * eps).addingProduct(e.hi, rr.hi)
    let value = x < 0 ? -t : t
    return Jet(value: value, d1: d1, d2: -2 * value * d1)
  }
}
