/// GELU, tanh approximation, catalog id `gelu-tanh`: its entry (`spec`: signature, views, declared
/// properties, conventions, references), its documented `formula`, and
/// its stable implementation with the notes on why it is stable.
enum GELUTanh {
  static let spec = FunctionSpec(
    id: "gelu-tanh", name: "GELU, tanh approximation", family: .activation,
    aliases: ["gelu-approx", "approximate-gelu"],
    summary: "x/2 (1 + tanh(√(2/π) (x + 0.044715 x³))): the tanh approximation of GELU, the form of OpenAI's GPT and GPT-2 code (and of BERT's reference code after its first release, which used the erf form, gelu) and jax.nn.gelu's default; within 5×10⁻⁴ of gelu.",
    arguments: [.activationInput], differentiable: ["x"],
    evaluate: FunctionSpec.scalarEvaluator("x") { _, _ in jet },
    views: { _ in
      [
        Activations.view(
          plotRange: -5...5,
          declared: DeclaredProperties(
            infimum: RangeBound(-0.17004075057125406, attained: true), supremum: RangeBound(.infinity, attained: false),
            monotonic: .neither, derivativeMonotonic: .neither, continuity: .cInfinity,
            // Mean output close to gelu's 1/(2 sqrt(pi)), not 0; gelu-tanh(0) = 0.
            zeroCentered: false, passesThroughOrigin: true, identityNearOrigin: false, maxAbsDerivative: 1.1289930686587717,
            saturatesLeft: true, saturatesRight: false, convex: false, concave: false, nonNegative: false),
          jet)
      ]
    },
    formula: formula,
    naive: NaiveForm(
      valueFormula: "0.5 * x * (1 + tanh(sqrt(2/pi) * (x + 0.044715 * x^3)))",
      derivativeFormula: "0.5 (1 + T) + 0.5 x (1 - T^2) sqrt(2/pi) (1 + 3 * 0.044715 x^2), T = tanh(sqrt(2/pi) * (x + 0.044715 * x^3))",
      value: { _ in naiveValue },
      derivative: { _ in naiveDerivative },
      intermediates: [
        NaiveIntermediate(
          formula: "1 + tanh(sqrt(2/pi) * (x + 0.044715 * x^3))", within: "the value and the derivative",
          naive: { _ in naiveOnePlusTanh }, accurate: { _ in twoSigmaTwoU })
      ]),
    implementationNote: "As x sigma(v) with v = 2 sqrt(2/pi) (x + 0.044715 x^3) formed in double-double from the exact constants, so 1 + tanh(u) is never formed (the naive form's 1 + tanh(u) cancels in the left tail: where it loses accuracy and where it is exactly 0 is computed below) and e^-|v| has an exact argument; f' = sigma(v) (1 + x v' sigma(-v)) in double-double. Far right the naive derivative is (1 - T^2) = 0 times an overflowed 1 + 3c x^2, 0 * inf = NaN, and in the left tail it returns 0 where the exact value is about x v' e^v (both computed below).",
    conventions: [
      FrameworkConvention(.pytorch, "torch.nn.functional.gelu(x, approximate='tanh')", "NaN gradient from |x| = {torch.gelu-tanh.nan-grad-from.nan_from}"),
      FrameworkConvention(.keras, "keras.activations.gelu(x, approximate=True)", "the default approximate=False is the erf form; x/2 (1 + tanh(u)) cancels for x < 0 ({keras.gelu-tanh.accuracy.value_max_ulp} ulp at x = {keras.gelu-tanh.accuracy.value_worst_x})", definitional: ["x/2 (1 + tanh(u))", "x < 0"]),
      FrameworkConvention(.optax, "", "no equivalent (optax holds losses)"),
      FrameworkConvention(.jaxnn, "jax.nn.gelu(x)", "this is the default (approximate=True); its derivative is NaN from |x| = {jax.gelu.default-and-nan.nan_from}"),
    ],
    references: [Reference("Hendrycks, Gimpel, Gaussian error linear units (GELUs), arXiv:1606.08415", year: 2016)]
  )

  /// The documented formulas: the tree the manual prints and the tests evaluate.
  static let formula = FunctionFormula(
    value: .x / .n(2) * (.n(1) + .tanh(u)),
    derivatives: [
      ("x", .n(1) / .n(2) * (.n(1) + .tanh(u)) + .x / .n(2) * sech2 * du)
    ],
    secondDerivative: sech2
      * (du - .x * .tanh(u) * du.pow(.n(2)) + .n(c3) * k * .x.pow(.n(2))))

  // The named quantities of the formulas: u = k (x + 0.044715 x^3) with
  // k = sqrt(2/pi), its derivative u', and sech^2 u.
  static let c = 0.044715
  /// 3 c, the coefficient of x^2 in u' / k.
  static let c3 = 0.134145
  static let k = Expr.named(.latin("k"), .sqrt(.n(2) / .pi))
  static let u = Expr.named(.latin("u"), k * (.x + .n(c) * .x.pow(.n(3))))
  static let du = Expr.named(
    Symbol("u'", latex: "u'", mathml: "<msup><mi>u</mi><mo>′</mo></msup>"), k * (.n(1) + .n(c3) * .x.pow(.n(2))))
  static let sech2 = Expr.n(1) - .tanh(u).pow(.n(2))

  /// sqrt(2 / pi), the constant k.
  static let sqrtTwoOverPi = DoubleDouble(0x1.9884533d43651p-1, -0x1.cbc0d30ebfd15p-55)
  /// 2 sqrt(2 / pi) = 2k: x/2 (1 + tanh u) is x sigma(2u).
  static let twoSqrtTwoOverPi = DoubleDouble(0x1.9884533d43651p+0, -0x1.cbc0d30ebfd15p-54)
  /// 0.044715, the cubic coefficient, as the exact decimal.
  static let cubicCoefficient = DoubleDouble(0x1.6e4e26d4801f7p-5, 0x1.441355475a31ap-59)
  /// 3 * 0.044715.
  static let cubicCoefficient3 = DoubleDouble(0x1.12ba9d1f60179p-3, 0x1.f30e7ff583a54p-57)

  /// The textbook gelu-tanh, 0.5 x (1 + tanh(k (x + 0.044715 x^3))), with
  /// the powers formed first as printed (x^3 overflows from 5.6e102).
  @Sendable static func naiveValue(_ x: Double) -> Double {
    let k: Double = (2 / Double.pi).squareRoot()
    let u: Double = k * (x + 0.044715 * (x * x * x))
    return 0.5 * x * (1 + LossAtlasCore.tanh(u))
  }

  /// The textbook 1 + tanh(u), u = k (x + 0.044715 x^3), as the naive value
  /// and derivative form it.
  @Sendable static func naiveOnePlusTanh(_ x: Double) -> Double {
    let k: Double = (2 / Double.pi).squareRoot()
    return 1 + LossAtlasCore.tanh(k * (x + 0.044715 * (x * x * x)))
  }

  /// 1 + tanh(u) = 2 sigma(2u) accurately: 2 f(x) / x (f is accurate to
  /// an ulp relative); 1 at x = 0.
  @Sendable static func twoSigmaTwoU(_ x: Double) -> Double {
    x == 0 ? 1 : 2 * (jet(x).value / x)
  }

  /// The textbook gelu-tanh derivative 0.5 (1 + T) + 0.5 x (1 - T^2) k (1 + 3 c x^2),
  /// x^2 formed first as printed (it overflows from 1.34e154, and then
  /// 0 * inf is NaN).
  @Sendable static func naiveDerivative(_ x: Double) -> Double {
    let k: Double = (2 / Double.pi).squareRoot()
    let t: Double = LossAtlasCore.tanh(k * (x + 0.044715 * (x * x * x)))
    let du: Double = k * (1 + 3 * 0.044715 * (x * x))
    return 0.5 * (1 + t) + 0.5 * x * (1 - t * t) * du
  }

  /// x sigma(v), sigma(v) (1 + x v' sigma(-v)), and
  /// sigma(v) sigma(-v) (2 v' + x v'' + x v'^2 (sigma(-v) - sigma(v))),
  /// v = 2k (x + c x^3), v' = 2k (1 + 3c x^2), v'' = 12 k c x.
  ///
  /// For |x| <= 20 (|v| < 610: every plotted point), one exp and one
  /// division, the double-double steps written out without renormalizing:
  /// ```
  /// x^2 exact (TwoProduct);  w = 1 + c x^2,  w3 = 1 + 3c x^2  (c, k as double-double pairs)
  /// v = 2k x w  (double-double: e^-|v| needs |v| to 2^-60 absolute);  e = e^-|v|
  /// r = 1/(1 + e).hi,  eps = 1 - (1 + e) r:  sigma(|v|) = R = r (1 + eps)
  /// x >= 0:  f = x R;  f' = R (1 + q),  q = x v' e R (positive, at most 0.3)
  /// x <  0:  f = (x e) R;  f' = (e R)(1 + x v' R) with 1 + x v' R a double-double
  /// ```
  /// 1 + x v' R cancels at the minimum of f (x = -0.75) and is formed exactly
  /// from its parts, so exp's own error is the only one left there.
  /// Beyond |x| = 20, ``jetWide(_:)``.
  @Sendable static func jet(_ x: Double) -> Jet {
    guard abs(x) <= 20 else { return jetWide(x) }
    let k2 = twoSqrtTwoOverPi
    let c = cubicCoefficient
    let c3 = cubicCoefficient3
    let xx = DoubleDouble.twoProduct(x, x)
    let (x2, x2l) = (xx.hi, xx.lo)
    // w = 1 + c x^2 (c x^2 >= 0, so 1 + p sums the larger and the smaller in TwoSum order)
    let cx2 = DoubleDouble.twoProduct(c.hi, x2)
    let p = cx2.hi
    let pl = cx2.lo + (c.hi * x2l + c.lo * x2)
    let w = DoubleDouble.fastTwoSum(max(1, p), min(1, p))
    let (wh, wl) = (w.hi, w.lo + pl)
    // u = 2k x; v = u w
    let u = DoubleDouble.twoProduct(k2.hi, x)
    let (uh, ul) = (u.hi, u.lo + k2.lo * x)
    let v = DoubleDouble.twoProduct(uh, wh)
    let (vh, vl) = (v.hi, v.lo + (uh * wl + ul * wh))
    let e = StableMath.exp(DoubleDouble(-abs(vh), vh >= 0 ? -vl : vl))  // e^-|v|, exact argument
    let reciprocal = StableMath.Reciprocal(DoubleDouble.fastTwoSum(1, e))  // sigma(|v|) = R
    let (r, eps) = (reciprocal.r, reciprocal.eps)
    let rl = r * eps
    // w3 = 1 + 3c x^2; x v' = u w3
    let p3 = c3.hi * x2
    let w3h = 1 + p3
    let dv = k2.hi * w3h  // v'
    let ddv = 12 * sqrtTwoOverPi.hi * c.hi * x  // v''
    if vh >= 0 {
      // sigma(v) = R, sigma(-v) = e R
      let sm = e * r
      let g = uh * w3h  // x v'
      let q = g * sm
      let d2 = (sm * r) * (2 * dv + x * ddv + g * dv * (sm - r))
      return Jet(value: (x * rl).addingProduct(x, r), d1: r.addingProduct(r, q + eps + eps * q), d2: d2)
    }
    // sigma(v) = e R, sigma(-v) = R; x v', x e, 1 + x v' R and e R as double-doubles
    let p3l = DoubleDouble.twoProduct(c3.hi, x2).lo + (c3.hi * x2l + c3.lo * x2)
    let w3a = max(1, p3)
    let w3l = (min(1, p3) - (w3h - w3a)) + p3l
    let g = DoubleDouble.twoProduct(uh, w3h)
    let (gh, gl) = (g.hi, g.lo + (uh * w3l + ul * w3h))
    let xe = DoubleDouble.twoProduct(x, e)
    let ph = DoubleDouble.twoProduct(gh, r)
    let cc = DoubleDouble.twoSum(1, ph.hi)
    let cl = cc.lo + (ph.lo + (gh * rl + gl * r))
    let se = DoubleDouble.twoProduct(e, r)
    let (sh, sl) = (se.hi, se.lo + e * rl)
    let d2 = (sh * r) * (2 * dv + x * ddv + gh * dv * ((r - sh) + (rl - sl)))
    let value = (xe.hi * rl + xe.lo * r).addingProduct(xe.hi, r)
    return Jet(value: value, d1: (sh * cl + sl * cc.hi).addingProduct(sh, cc.hi), d2: d2)
  }

  /// ``jet(_:)`` for |x| > 20. Above x = 25 (v > 1150) the result is
  /// x, 1, 0 to double precision; below x = -25 every result is under 2^-1075.
  static func jetWide(_ x: Double) -> Jet {
    if x > 25 { return Jet(value: x, d1: 1, d2: 0) }
    if x < -25 { return Jet(value: 0, d1: 0, d2: 0) }
    let x2 = StableMath.exactProduct(x, x)
    let v = twoSqrtTwoOverPi * (cubicCoefficient * (x2 * x) + x)
    let dv = twoSqrtTwoOverPi * (cubicCoefficient3 * x2 + 1)
    let ddv = 12 * sqrtTwoOverPi.hi * cubicCoefficient.hi * x
    let dvx = dv * x
    let dvd = dv.hi
    let s: DoubleDouble  // sigma(v)
    let sm: DoubleDouble  // sigma(-v)
    if v.hi >= 0 {
      let (m, k) = StableMath.expScaled(-v)
      if k != 0 {
        // e^-v < 1e-304: f = x and f' = 1 to double precision; f'' = e^-v (2v' + x v'' - x v'^2)
        // as m 2^k, rounded once (sigma sigma(-v) itself would be subnormal, its rounding
        // error multiplied by x v'^2, about 2e5 at x = 21).
        return Jet(value: x, d1: 1, d2: StableMath.scaleByPowerOfTwo(m * (2 * dvd + x * ddv - x * dvd * dvd), k))
      }
      s = StableMath.reciprocal(DoubleDouble.twoSum(1, m))
      sm = s * m
    } else {
      let (m, k) = StableMath.expScaled(v)
      if k != 0 {
        // e^v < 1e-304: sigma(v) = e^v, sigma(-v) = 1 to double precision.
        let d2 = m * (2 * dvd + x * ddv + x * dvd * dvd)
        return Jet(
          value: StableMath.scaleByPowerOfTwo(m * x, k), d1: StableMath.scaleByPowerOfTwo((dvx + 1).value * m, k),
          d2: StableMath.scaleByPowerOfTwo(d2, k))
      }
      sm = StableMath.reciprocal(DoubleDouble.twoSum(1, m))
      s = sm * m
    }
    let d2 = (s * sm).hi * (2 * dvd + x * ddv + x * dvd * dvd * (sm - s).hi)
    return Jet(value: (s * x).value, d1: (s * (dvx * sm + 1)).value, d2: d2)
  }
}
