/// Tanh shrink, catalog id `tanhshrink`: its entry (`spec`: signature, views, declared
/// properties, conventions, references), its documented `formula`, and
/// its stable implementation with the notes on why it is stable.
enum TanhShrink {
  static let spec = FunctionSpec(
    id: "tanhshrink", name: "Tanh shrink", family: .activation, aliases: ["tanh-shrink"],
    summary: "x − tanh x: nearly flat around 0 (about x³/3) and x ∓ 1 far out, a smooth relative of softshrink with λ = 1. Its derivative is tanh² x.",
    arguments: [.activationInput], differentiable: ["x"],
    evaluate: FunctionSpec.scalarEvaluator("x") { _, _ in jet },
    views: { _ in
      [
        Activations.view(
          plotRange: -4...4,
          declared: DeclaredProperties(
            infimum: RangeBound(-.infinity, attained: false), supremum: RangeBound(.infinity, attained: false),
            monotonic: .increasing, derivativeMonotonic: .neither, continuity: .cInfinity,
            // Odd: mean output 0 for a symmetric input, and f(0) = 0.
            zeroCentered: true, passesThroughOrigin: true, identityNearOrigin: false, maxAbsDerivative: 1,
            saturatesLeft: false, saturatesRight: false, convex: false, concave: false, nonNegative: false),
          // f' is even, and ``jet(_:)`` computes it from |x| alone (d1 = tanh^2 |x|: every branch from |x| alone).
          evenDerivative: true, jet)
      ]
    },
    formula: formula,
    naive: NaiveForm(
      valueFormula: "x - tanh(x)", derivativeFormula: "1 - (1 - tanh(x)^2)",
      value: { _ in { x in x - tanh(x) } },
      derivative: { _ in
        { x in
          let t = tanh(x)
          return 1 - (1 - t * t)
        }
      }),
    implementationNote: "x - tanh x cancels near 0, where it is about x^3/3 (all digits lost at |x| = 1e-8, the result 0): below |x| = 0.3 it is x^3 P(x^2), the Taylor series to degree 27 with x^3 and the leading 1/3 in double-double; up to |x| = 350 tanh |x| = (1 - e)/(1 + e) in double-double from a 2^-59 table exp e = e^(-2|x|) and f = |x| - tanh |x| in double-double; beyond, |x| - 1 (rounded once). The derivative tanh^2 x is squared from the same double-double tanh, never 1 - sech^2.",
    conventions: [
      FrameworkConvention(
        .pytorch, "torch.nn.functional.tanhshrink(x)",
        "x - tanh(x), which cancels near 0: relative error {torch.tanhshrink.cancellation.value_rel_error_at_1e_5} at x = 1e-5, and {torch.tanhshrink.cancellation.value_at_1e_8} at x = 1e-8 (exact {torch.tanhshrink.cancellation.exact_at_1e_8}); the autograd derivative 1 - (1 - tanh^2 x) is off by {torch.tanhshrink.cancellation.grad_rel_error_at_1e_8} (relative) at 1e-8", definitional: ["near 0", "x = 1e-5", "x = 1e-8", "1 - (1 - tanh^2 x)", "at 1e-8"]),
      FrameworkConvention(
        .keras, "keras.activations.tanh_shrink(x)",
        "x - tanh(x), which cancels near 0: {keras.tanh_shrink.cancellation.value_at_1e_8} at x = 1e-8 (exact {keras.tanh_shrink.cancellation.exact})", definitional: ["near 0", "x = 1e-8"]),
      FrameworkConvention(.optax, "", "no equivalent (optax holds losses)"),
      FrameworkConvention(.jaxnn, "", "no tanhshrink in jax.nn; x - jnp.tanh(x) by hand cancels near 0", definitional: ["near 0"]),
    ],
    references: [
      Reference("Collobert, Kavukcuoglu, Farabet, Torch7: a Matlab-like environment for machine learning, BigLearn NIPS workshop", year: 2011)
    ]
  )

  /// The documented formulas: the tree the manual prints and the tests evaluate.
  static let formula = FunctionFormula(
    value: .x - .tanh(.x),
    derivatives: [("x", .tanh(.x).pow(.n(2)))],
    secondDerivative: .n(2) * .tanh(.x) * (.n(1) - .tanh(.x).pow(.n(2))))

  /// Taylor coefficients of (x - tanh x) / x^3 in u = x^2 after the
  /// leading 1/3: -2/15, 17/315, -62/2835, ... (mpmath at 60 digits,
  /// rounded to Double); 12 of them reach 2^-58 of 1/3 at |x| = 0.3.
  static let series: [Double] = [
    -0x1.1111111111111p-3, 0x1.ba1ba1ba1ba1cp-5, -0x1.664f4882c10fap-6, 0x1.226e355e6c23dp-7,
    -0x1.d6d3d0e157de0p-9, 0x1.7da36452b75e3p-10, -0x1.3558248036744p-11, 0x1.f57d7734d1664p-13,
    -0x1.967e18afcafadp-14, 0x1.497d8eea25259p-15, -0x1.0b132d39a6050p-16, 0x1.b0f72d3ee24e9p-18,
  ]

  /// 1/3 as a double-double.
  static let third = DoubleDouble(0x1.5555555555555p-2, 0x1.5555555555555p-56)

  /// x - tanh x, tanh^2 x, 2 tanh x sech^2 x (odd, even, odd: computed at
  /// |x| and signed).
  /// ```
  /// |x| < 0.3:    f = x^3 (1/3 + u Q(u)), u = x^2 (x^3 and 1/3 + ... in double-double), tanh = x - f
  /// |x| <= 350:   e = e^(-2|x|) (double-double, 2^-59);  tanh = (1 - e)/(1 + e),  f = |x| - tanh
  /// |x| > 350:    f = |x| - 1 + (tanh's deficit, far below half an ulp);  f' = 1;  f'' = 8 e^(-2|x|) as m 2^k
  /// ```
  /// At |x| = 0.3 the exp path carries e's 2^-59 error into f amplified by
  /// about 50 (the cancellation), about half an ulp; the series carries
  /// none.
  @Sendable static func jet(_ x: Double) -> Jet {
    let a = abs(x)
    let f: Double
    let d1: Double
    let d2: Double
    if a < 0.3 {
      let u = DoubleDouble.twoProduct(a, a)
      let v = u.hi
      // Q(u) = c1 + c2 u + ... + c12 u^11 (Estrin: a short dependency chain).
      let c = series
      let v2 = v * v
      let v4 = v2 * v2
      let v8 = v4 * v4
      let q01 = c[0] + v * c[1]
      let q23 = c[2] + v * c[3]
      let q45 = c[4] + v * c[5]
      let q67 = c[6] + v * c[7]
      let q89 = c[8] + v * c[9]
      let q1011 = c[10] + v * c[11]
      let q = (q01 + v2 * q23) + v4 * (q45 + v2 * q67) + v8 * (q89 + v2 * q1011)
      let p = DoubleDouble.fastTwoSum(third.hi, third.lo + v * q)
      let a3h = a * u.hi
      let a3 = DoubleDouble(a3h, (-a3h).addingProduct(a, u.hi) + a * u.lo)  // a^3
      let fd = a3 * p
      f = fd.value
      let t = DoubleDouble.twoSum(a, -fd.hi) + (-fd.lo)  // tanh a
      d1 = (t * t).value
      d2 = 2 * t.hi * (1 - t.hi * t.hi)
    } else if a <= 350 {
      let e = StableMath.expNegativeLean(2 * a)
      // 1 - e and 1 + e as head + tail (Fast2Sum: e < 1), one division: tanh a = t1 + t2, t2 from
      // the fma-exact remainder of the quotient.
      let nh = 1 - e.hi
      let nl = ((1 - nh) - e.hi) - e.lo
      let dh = 1 + e.hi
      let dl = ((1 - dh) + e.hi) + e.lo
      let r = 1 / dh
      let t1 = nh * r
      let t2 = (nh.addingProduct(-dh, t1) + nl - dl * t1) * r
      // a - tanh a: a - t1 exact as a TwoSum, then the low parts; tanh^2 = t1^2 + 2 t1 t2.
      let s = DoubleDouble.twoSum(a, -t1)
      f = s.hi + (s.lo - t2)
      let p = t1 * t1
      d1 = p + ((-p).addingProduct(t1, t1) + 2 * t1 * t2)
      d2 = 8 * t1 * e.hi * r * r  // 2 tanh sech^2, sech^2 = 4e/(1 + e)^2
    } else {
      // tanh a = 1 - delta with 0 < delta < 2^-1000: a - 1 correctly rounded; a nudge far below
      // half an ulp stands in for delta, which only decides exact ties (a >= 2^53, a - 1 halfway).
      let s = DoubleDouble.twoSum(a, -1)
      f = s.hi + (s.lo + s.hi.ulp * 0x1p-20)
      d1 = 1
      let (m, k) = StableMath.expScaled(DoubleDouble(-2 * a))
      d2 = StableMath.scaleByPowerOfTwo(8 * m, k)
    }
    return x < 0 ? Jet(value: -f, d1: d1, d2: -d2) : Jet(value: f, d1: d1, d2: d2)
  }
}
