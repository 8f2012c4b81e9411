/// Mish, catalog id `mish`: its entry (`spec`: signature, views, declared
/// properties, conventions, references), its documented `formula`, and
/// its stable implementation with the notes on why it is stable.
enum Mish {
  static let spec = FunctionSpec(
    id: "mish", name: "Mish", family: .activation, aliases: [],
    summary: "x tanh(softplus(x)): a smooth, non-monotonic activation close to SiLU (minimum −0.309 at x = −1.19), used in YOLOv4.",
    arguments: [.activationInput], differentiable: ["x"],
    evaluate: FunctionSpec.scalarEvaluator("x") { _, _ in jet },
    views: { _ in
      [
        Activations.view(
          plotRange: -5...5,
          declared: DeclaredProperties(
            infimum: RangeBound(-0.30884341301725043, attained: true), supremum: RangeBound(.infinity, attained: false),
            monotonic: .neither, derivativeMonotonic: .neither, continuity: .cInfinity,
            // Mean output > 0 (x tanh(softplus x) >= −0.31 and grows like x); mish(0) = 0.
            zeroCentered: false, passesThroughOrigin: true, identityNearOrigin: false, maxAbsDerivative: 1.088498161251728,
            saturatesLeft: true, saturatesRight: false, convex: false, concave: false, nonNegative: false),
          jet)
      ]
    },
    formula: formula,
    naive: NaiveForm(
      valueFormula: "x * tanh(log(1 + exp(x)))",
      derivativeFormula: "tanh(sp) + x * sigma(x) * (1 - tanh(sp)^2), sp = log(1 + exp(x))",
      value: { _ in { x in x * tanh(log(1 + exp(x))) } },
      derivative: { _ in
        { x in
          let t = tanh(log(1 + exp(x)))
          return t + x * (1 / (1 + exp(-x))) * (1 - t * t)
        }
      }),
    implementationNote: "With w = e^x, tanh(softplus x) = w (w + 2) / (w^2 + 2w + 2) (and (1 + 2v) / (1 + 2v + 2v^2) with v = e^-x for x ≥ 0): only positive terms, no log, no tanh; f' = w/D ((w + 2) + 4x (1 + w)/D) in double-double. The naive form is 0 far left where the exact value is about x e^x, and its 1 - tanh^2 loses all accuracy and then is 0 as x grows (computed below).",
    conventions: [
      FrameworkConvention(.pytorch, "torch.nn.functional.mish(x)", "none (within {torch.mish.accuracy.value_max_ulp} ulp; derivative within {torch.mish.accuracy.grad_max_ulp} ulp)"),
      FrameworkConvention(.keras, "keras.activations.mish(x)", "none in value (written as x * tanh(softplus(x)), within {keras.mish.accuracy.value_max_ulp} ulp); its derivative is off by {keras.mish.accuracy.grad_max_ulp} ulp at x = {keras.mish.accuracy.grad_worst_x}"),
      FrameworkConvention(.optax, "", "no equivalent (optax holds losses)"),
      FrameworkConvention(.jaxnn, "jax.nn.mish(x)", "none in value (written as x * tanh(softplus(x)), within {jax.mish.accuracy.value_max_ulp} ulp); its derivative is off by {jax.mish.accuracy.grad_max_ulp} ulp at x = {jax.mish.accuracy.grad_worst_x}"),
    ],
    references: [Reference("Misra, Mish: a self regularized non-monotonic activation function, arXiv:1908.08681", year: 2019)]
  )

  /// The documented formulas: the tree the manual prints and the tests evaluate.
  static let formula = FunctionFormula(
    value: .x * .tanh(.softplus(.x)),
    derivatives: [("x", .tanh(sp) + .x * .sigma(.x) * (.n(1) - .tanh(sp).pow(.n(2))))],
    secondDerivative: .sigma(.x) * (.n(1) - .tanh(sp).pow(.n(2)))
      * (.n(2) + .x * .sigma(-.x) - .n(2) * .x * .sigma(.x) * .tanh(sp)))

  /// sp = softplus(x).
  static let sp = Expr.named(Symbol("sp", latex: "\\mathrm{sp}", mathml: "<mi>sp</mi>"), .softplus(.x))

  /// x g, g + x sigma(x) sech^2(sp), sigma sech^2(sp) (2 + x ((1 - sigma) - 2 g sigma)),
  /// g = tanh(sp), sp = softplus(x), all as rational functions of e^x.
  ///
  /// For |x| <= 700, one exp and one division with the double-double steps
  /// written out (no renormalization between them):
  /// ```
  /// x >= 0:  v = e^-x;  N = 1 + 2v,  D = N + 2v^2 (exact sums);  g = N / D
  ///          f' = g + x h,  h = 4v^2 (1 + v) / D^2  (both terms positive)
  /// x <  0:  w = e^x;  m = w (w + 2),  D = 2 + m;  g = m / D
  ///          f' = (m + 4x w (1 + w) / D) / D  (the bracket cancels at the minimum, x = -1.19,
  ///          and is summed from double-double terms)
  /// ```
  /// with 1/D = r (1 + eps), r = 1/D.hi and eps = 1 - D r from an fma.
  @Sendable static func jet(_ x: Double) -> Jet {
    guard abs(x) <= 700 else { return jetWide(x) }
    if x >= 0 {
      let v = exp(-x)
      let n = DoubleDouble.twoSum(1, 2 * v)
      let vv = DoubleDouble.twoProduct(v, v)
      let v2 = vv.hi
      let d = DoubleDouble.fastTwoSum(n.hi, 2 * v2)  // 2v^2 <= N
      let reciprocal = StableMath.Reciprocal(DoubleDouble(d.hi, d.lo + (n.lo + 2 * vv.lo)))  // 1/D
      let r = reciprocal.r
      let g = reciprocal.times(n)  // N / D
      let (gh, gl) = (g.hi, g.lo)
      let h = 4 * v2 * (1 + v) * (r * r)
      let b = (2 * v * v2 + 2 * v2 - 3 * v - 2) * r / (1 + v)
      var d2 = h * (2 + x * b)
      if x > 350 {
        // v^2 = e^-2x is subnormal above x = 354, and f'' multiplies its rounding error by about
        // 8x (the exact f'' is normal up to x = 372): v^2 as m 2^k, rounded once at the end.
        let (m2, k2) = StableMath.expScaled(DoubleDouble(-2 * x))
        d2 = StableMath.scaleByPowerOfTwo(4 * m2 * (1 + v) * (r * r) * (2 + x * b), k2)
      }
      return Jet(value: (x * gl).addingProduct(x, gh), d1: gh + (gl + x * h), d2: d2)
    }
    let w = exp(x)
    let s2 = DoubleDouble.fastTwoSum(2, w)  // w + 2
    let mm = DoubleDouble.twoProduct(w, s2.hi)
    let (m, ml) = (mm.hi, mm.lo + w * s2.lo)  // w (w + 2)
    let d = DoubleDouble.twoSum(m, 2)
    let reciprocal = StableMath.Reciprocal(DoubleDouble(d.hi, d.lo + ml))  // 1/D
    let (r, eps) = (reciprocal.r, reciprocal.eps)
    let g = reciprocal.times(DoubleDouble(m, ml))  // m / D
    let (gh, gl) = (g.hi, g.lo)
    // n = w (1 + w) = w + w^2; a = 4x n; bracket = m + a / D; f' = bracket / D
    let ww = DoubleDouble.twoProduct(w, w)
    let w2 = ww.hi
    let n = DoubleDouble.fastTwoSum(w, w2)
    let (nh, nl) = (n.hi, n.lo + ww.lo)
    let x4 = 4 * x
    let aa = DoubleDouble.twoProduct(x4, nh)
    let b4 = reciprocal.times(DoubleDouble(aa.hi, aa.lo + x4 * nl))  // a / D
    let c = DoubleDouble.twoSum(m, b4.hi)
    let (ch, cl) = (c.hi, c.lo + (ml + b4.lo))
    let h = 4 * nh * (r * r)  // sigma sech^2(sp)
    let b = (2 + 2 * w - 3 * w2 - 2 * w * w2) * r / (1 + w)
    return Jet(
      value: (x * gl).addingProduct(x, gh), d1: (ch * eps * r + cl * r).addingProduct(ch, r), d2: h * (2 + x * b))
  }

  /// ``jet(_:)`` for |x| > 700.
  static func jetWide(_ x: Double) -> Jet {
    if x > 800 { return Jet(value: x, d1: 1, d2: 0) }  // e^-x < 2^-1150
    if x >= 0 {
      // v = e^-x; D' = 1 + 2v + 2v^2; g = (1 + 2v) / D';
      // f' = g + 4x v^2 (1 + v) / D'^2.
      let v = exp(-x)
      let vv = DoubleDouble.twoProduct(v, v)
      let twoVPlus1 = DoubleDouble.twoSum(2 * v, 1)
      let dp = vv * 2 + twoVPlus1
      let rp = StableMath.reciprocal(dp)
      let g = twoVPlus1 * rp
      let h = (vv * 4) * (DoubleDouble(1) + v) * (rp * rp)  // sigma sech^2(sp)
      let b = (2 * v * v * v + 2 * v * v - 3 * v - 2) / ((1 + v) * dp.hi)
      return Jet(value: (g * x).value, d1: (g + h * x).value, d2: h.hi * (2 + x * b))
    }
    let (m, k) = StableMath.expScaled(DoubleDouble(x))
    if m == 0 { return Jet(value: 0, d1: 0, d2: 0) }  // x < -1600: |x| e^x < 2^-2000
    if k != 0 {
      // w < 1e-304: g = w, f' = w (1 + x), f'' = w (2 + x) to double precision.
      return Jet(
        value: StableMath.scaleByPowerOfTwo(m * x, k), d1: StableMath.scaleByPowerOfTwo(m * (1 + x), k),
        d2: StableMath.scaleByPowerOfTwo(m * (2 + x), k))
    }
    // w = e^x; D = w^2 + 2w + 2; g = w (w + 2) / D;
    // f' = w/D ((w + 2) + 4x (1 + w) / D).
    let w = m
    let wp2 = DoubleDouble.twoSum(w, 2)
    let rd = StableMath.reciprocal(wp2 * w + 2)
    let wOverD = rd * w
    let g = wOverD * wp2
    let onePlusW = DoubleDouble.twoSum(1, w)
    let d1 = wOverD * (wp2 + (onePlusW * (4 * x)) * rd)
    let h = (onePlusW * (4 * w)) * (rd * rd)  // sigma sech^2(sp)
    let b = (2 + 2 * w - 3 * w * w - 2 * w * w * w) * rd.hi / onePlusW.hi
    return Jet(value: (g * x).value, d1: d1.value, d2: h.hi * (2 + x * b))
  }
}
