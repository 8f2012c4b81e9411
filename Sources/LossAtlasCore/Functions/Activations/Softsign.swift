/// Softsign, catalog id `softsign`: its entry (`spec`: signature, views, declared
/// properties, conventions, references), its documented `formula`, and
/// its stable implementation with the notes on why it is stable.
enum Softsign {
  static let spec = FunctionSpec(
    id: "softsign", name: "Softsign", family: .activation, aliases: [],
    summary: "x / (1 + |x|): a rational tanh-like squashing onto (−1, 1) whose tails approach ±1 polynomially (1/x) rather than exponentially.",
    arguments: [.activationInput], differentiable: ["x"],
    evaluate: FunctionSpec.scalarEvaluator("x") { _, _ in jet },
    views: { _ in
      [
        Activations.view(
          plotRange: -8...8, breakpoints: [0],
          declared: DeclaredProperties(
            infimum: RangeBound(-1, attained: false), supremum: RangeBound(1, attained: false),
            monotonic: .increasing, derivativeMonotonic: .neither, continuity: .c1,
            // Odd: mean output 0; softsign(0) = 0.
            zeroCentered: true, passesThroughOrigin: true, identityNearOrigin: true, maxAbsDerivative: 1,
            saturatesLeft: true, saturatesRight: true, convex: false, concave: false, nonNegative: false),
          // f' is even, and ``jet(_:)`` computes it from |x| alone (d1 = 1/(1 + |x|)^2: from |x| alone).
          evenDerivative: true, jet)
      ]
    },
    formula: formula,
    naive: NaiveForm(
      valueFormula: "x / (1 + abs(x))", derivativeFormula: "1 / (1 + abs(x))^2",
      value: { _ in { x in x / (1 + abs(x)) } },
      derivative: { _ in
        { x in
          let d = 1 + abs(x)
          return 1 / (d * d)
        }
      }),
    implementationNote: "1 + |x| formed exactly and divided in double-double; the derivative as (1/(1 + |x|))^2, so the square never overflows (the naive (1 + |x|)^2 overflows far out, giving 0 where the exact value is still a subnormal: computed below). f'' = -2 sign(x) / (1 + |x|)^3 jumps from +2 to -2 at 0; the jet gives 0 there.",
    conventions: [
      FrameworkConvention(.pytorch, "torch.nn.functional.softsign(x)", "none in value (within {torch.softsign.accuracy.value_max_ulp} ulp); its autodiff derivative is off by {torch.softsign.accuracy.grad_max_ulp} ulp at x = {torch.softsign.accuracy.grad_worst_x}"),
      FrameworkConvention(.keras, "keras.activations.softsign(x)", "none in value (within {keras.softsign.accuracy.value_max_ulp} ulp); its autodiff derivative is off by {keras.softsign.accuracy.grad_max_ulp} ulp at x = {keras.softsign.accuracy.grad_worst_x}"),
      FrameworkConvention(.optax, "", "no equivalent (optax holds losses)"),
      FrameworkConvention(.jaxnn, "jax.nn.soft_sign(x)", "none in value (within {jax.softsign.accuracy.value_max_ulp} ulp); its autodiff derivative is off by {jax.softsign.accuracy.grad_max_ulp} ulp at x = {jax.softsign.accuracy.grad_worst_x}"),
    ],
    references: [
      Reference("Bergstra, Desjardins, Lamblin, Bengio, Quadratic polynomials learn better image features (technical report 1337, Université de Montréal)", year: 2009),
      Reference("Glorot, Bengio, Understanding the difficulty of training deep feedforward neural networks, AISTATS", year: 2010),
    ]
  )

  /// The documented formulas: the tree the manual prints and the tests evaluate.
  static let formula = FunctionFormula(
    value: .x / (.n(1) + .abs(.x)),
    derivatives: [("x", .n(1) / (.n(1) + .abs(.x)).pow(.n(2)))],
    secondDerivative: -(.n(2) * .sign(.x) / (.n(1) + .abs(.x)).pow(.n(3))))

  /// x / (1 + |x|), 1 / (1 + |x|)^2, -2 sign(x) / (1 + |x|)^3 (0 at x = 0,
  /// between the one-sided values -2 and +2).
  ///
  /// One division, the double-double steps written out:
  /// ```
  /// 1 + |x| = dh + dl (TwoSum of the larger and the smaller of 1, |x|)
  /// r = 1/dh,  eps = 1 - (dh + dl) r (fma):  1/(1 + |x|) = r (1 + eps) to 2^-100
  /// f' = r^2 (1 + 2 eps),  f'' = -2 sign(x) r^3 (1 + 3 eps)    (r^2, r^2 r as TwoProducts)
  /// f  = x r (1 + eps)           for |x| <= 1   (x r as TwoProduct)
  ///    = sign(x) (1 - r (1 + eps))  above, where r may be subnormal (x r would lose its digits)
  /// ```
  /// Each result is within about half an ulp; r^2 never overflows (the naive
  /// (1 + |x|)^2 does above 1.3e154).
  @Sendable static func jet(_ x: Double) -> Jet {
    let a = abs(x)
    let reciprocal = StableMath.Reciprocal(DoubleDouble.fastTwoSum(max(1, a), min(1, a)))  // 1/(1 + |x|)
    let (r, eps) = (reciprocal.r, reciprocal.eps)
    let r2 = DoubleDouble.twoProduct(r, r)
    let (rr, rrl) = (r2.hi, r2.lo)
    let d1 = rr + (rrl + 2 * rr * eps)
    let r3 = DoubleDouble.twoProduct(rr, r)  // r^3 (1 + 3 eps) with r^2 r exact
    let r3v = r3.hi + ((r3.lo + rrl * r) + 3 * r3.hi * eps)
    let d2 = x == 0 ? 0 : (x > 0 ? -2 * r3v : 2 * r3v)
    if a <= 1 {
      let v = reciprocal.times(x)
      return Jet(value: v.hi + v.lo, d1: d1, d2: d2)
    }
    let one = 1 - r  // r < 1/2
    let v = one + (((1 - one) - r) - r * eps)
    return Jet(value: x > 0 ? v : -v, d1: d1, d2: d2)
  }
}
