/// GELU (Gaussian error linear unit), catalog id `gelu`: its entry (`spec`: signature, views, declared
/// properties, conventions, references), its documented `formula`, and
/// its stable implementation with the notes on why it is stable.
enum GELU {
  static let spec = FunctionSpec(
    id: "gelu", name: "GELU (Gaussian error linear unit)", family: .activation, aliases: ["gelu-erf"],
    summary: "x Φ(x), x weighted by the standard normal CDF: a smooth ReLU with a small negative dip (minimum −0.170 at x = −0.752). BERT's reference code used this erf form when first released (it later switched to the tanh approximation, gelu-tanh, the form of OpenAI's GPT and GPT-2 code); PyTorch's and Keras's default.",
    arguments: [.activationInput], differentiable: ["x"],
    evaluate: FunctionSpec.scalarEvaluator("x") { _, _ in jet },
    views: { _ in
      [
        Activations.view(
          plotRange: -5...5,
          declared: DeclaredProperties(
            infimum: RangeBound(-0.16997120747990366, attained: true), supremum: RangeBound(.infinity, attained: false),
            monotonic: .neither, derivativeMonotonic: .neither, continuity: .cInfinity,
            // Mean output E[X Φ(X)] = E[φ(X)] = 1/(2 sqrt(pi)) (Stein's lemma); gelu(0) = 0.
            zeroCentered: false, passesThroughOrigin: true, identityNearOrigin: false, maxAbsDerivative: 1.1289041451851547,
            saturatesLeft: true, saturatesRight: false, convex: false, concave: false, nonNegative: false),
          jet)
      ]
    },
    formula: formula,
    naive: NaiveForm(
      valueFormula: "x / 2 * (1 + erf(x / sqrt(2)))",
      derivativeFormula: "(1 + erf(x / sqrt(2))) / 2 + x * exp(-x^2 / 2) / sqrt(2 pi)",
      value: { _ in naiveValue },
      derivative: { _ in naiveDerivative },
      intermediates: [
        NaiveIntermediate(
          formula: "1 + erf(x / sqrt(2))", within: "the value and the derivative", naive: { _ in naiveOnePlusErf },
          accurate: { _ in twoPhi })
      ]),
    implementationNote: "Phi(x) = phi(x) R(-x) for x ≤ 0 and 1 - phi(x) R(x) above, with the Mills ratio R as a double-double (tabulated Taylor series, asymptotic series beyond 26) and phi from exp of the exactly formed -x^2/2; then f' = phi (R + x) for x < 0 has its cancellation done exactly. The textbook 1 + erf(x/sqrt 2) cancels in the left tail, where the exact gelu is about -phi(x): where it loses accuracy and where it is exactly 0 is computed below.",
    conventions: [
      FrameworkConvention(.pytorch, "torch.nn.functional.gelu(x)", "the default approximate='none' is this erf form; x/2 (1 + erf(x/sqrt 2)) cancels for x < 0: off by {torch.gelu.accuracy.value_max_ulp} ulp at x = {torch.gelu.accuracy.value_worst_x}", definitional: ["x/2 (1 + erf(x/sqrt 2))", "x < 0"]),
      FrameworkConvention(.keras, "keras.activations.gelu(x, approximate=False)", "the default approximate=False is this erf form; value off by {keras.gelu.accuracy.value_max_ulp} ulp at x = {keras.gelu.accuracy.value_worst_x}"),
      FrameworkConvention(.optax, "", "no equivalent (optax holds losses)"),
      FrameworkConvention(.jaxnn, "jax.nn.gelu(x, approximate=False)", "defaults to approximate=True, the tanh form (our gelu-tanh); pass approximate=False for this one"),
    ],
    references: [Reference("Hendrycks, Gimpel, Gaussian error linear units (GELUs), arXiv:1606.08415", year: 2016)]
  )

  /// The documented formulas: the tree the manual prints and the tests evaluate.
  static let formula = FunctionFormula(
    value: .x * .Phi(.x),
    derivatives: [("x", .Phi(.x) + .x * .phi(.x))],
    secondDerivative: (.n(2) - .x.pow(.n(2))) * .phi(.x),
    definitions: [
      (.Phi(.x), .n(1) / .n(2) * (.n(1) + .erf(.x / .sqrt(.n(2))))),
      (.phi(.x), .exp(-(.x.pow(.n(2)) / .n(2))) / .sqrt(.n(2) * .pi)),
    ])

  /// The textbook gelu, x/2 (1 + erf(x / sqrt 2)).
  @Sendable static func naiveValue(_ x: Double) -> Double {
    let z: Double = x / 2.0.squareRoot()
    return x / 2 * (1 + erf(z))
  }

  /// The textbook 1 + erf(x / sqrt 2) (= 2 Phi(x)), as the naive value and
  /// derivative form it.
  @Sendable static func naiveOnePlusErf(_ x: Double) -> Double {
    let z: Double = x / 2.0.squareRoot()
    return 1 + erf(z)
  }

  /// 2 Phi(x) accurately: 2 gelu(x) / x (gelu is accurate to an ulp
  /// relative, the division adds half an ulp); 1 at x = 0.
  @Sendable static func twoPhi(_ x: Double) -> Double {
    x == 0 ? 1 : 2 * (jet(x).value / x)
  }

  /// The textbook gelu derivative (1 + erf(x / sqrt 2)) / 2 + x exp(-x^2/2) / sqrt(2 pi).
  @Sendable static func naiveDerivative(_ x: Double) -> Double {
    let z: Double = x / 2.0.squareRoot()
    let density: Double = exp(-x * x / 2) / (2 * Double.pi).squareRoot()
    return (1 + erf(z)) / 2 + x * density
  }

  /// x Phi(x), Phi(x) + x phi(x), phi(x) (2 - x^2).
  ///
  /// With R the Mills ratio (``StableMath/millsRatio(_:)``) and phi formed
  /// as m 2^k (subnormal below x = -37.6):
  /// ```
  /// x <= 0:  f = x phi R(-x),        f' = phi (R(-x) + x)
  /// x >  0:  f = x (1 - phi R(x)),   f' = 1 - phi R(x) + x phi
  /// ```
  /// For |x| <= 6 (every plotted point) R comes from
  /// ``StableMath/millsRatioTabulated(_:)`` and the double-double products
  /// are written out (one exp, no division):
  /// ```
  /// e = e^(-x^2/2) (x^2 exact);  E = e / sqrt(2 pi) = phi;  Q = E R = Phi(-|x|)
  /// x <= 0:  f = x Q;            f' = E (R + x)   (R + x a TwoSum: it cancels at x = -0.75)
  /// x >  0:  f = x (1 - Q);      f' = (1 - Q) + x E
  /// ```
  /// Beyond, ``jetWide(_:)``.
  @Sendable static func jet(_ x: Double) -> Jet {
    guard abs(x) <= 6 else { return jetWide(x) }
    let r = StableMath.millsRatioTabulated(abs(x))
    let c = StableMath.inverseSqrtTwoPi
    let xx = DoubleDouble.twoProduct(x, x)
    let (x2, x2l) = (xx.hi, xx.lo)
    let e = StableMath.exp(DoubleDouble(-0.5 * x2, -0.5 * x2l))  // e^(-x^2/2), exact argument
    let phi = DoubleDouble.twoProduct(e, c.hi)  // phi(x) = eh + el
    let (eh, el) = (phi.hi, phi.lo + e * c.lo)
    let q = DoubleDouble.twoProduct(eh, r.hi)  // Phi(-|x|) = qh + ql
    let (qh, ql) = (q.hi, q.lo + (eh * r.lo + el * r.hi))
    let d2 = eh * ((2 - x2) - x2l)
    if x <= 0 {
      let d = DoubleDouble.twoSum(x, r.hi)  // R + x: it cancels at x = -0.75
      let (dh, dl) = (d.hi, d.lo + r.lo)
      return Jet(value: (x * ql).addingProduct(x, qh), d1: (eh * dl + el * dh).addingProduct(eh, dh), d2: d2)
    }
    let p = DoubleDouble.fastTwoSum(1, -qh)  // Phi(x) = ph + pl; qh <= 1/2
    let (ph, pl) = (p.hi, p.lo - ql)
    return Jet(value: (x * pl).addingProduct(x, ph), d1: ph + pl.addingProduct(x, eh), d2: d2)
  }

  /// ``jet(_:)`` for |x| > 6, from ``StableMath/millsRatio(_:)``; with
  /// `times` = c, the jet of c gelu (c f, c f', c f''), each rounded once.
  ///
  /// c = cm 2^ce joins phi's power of two 2^k, so that c times a result far
  /// below the normal range keeps its digits (geglu's a gelu(b) at
  /// a = 1e300, b = -40, where gelu(b) itself is subnormal). For c = 1 the
  /// steps are the plain ones: below x = -39.5 every result is under
  /// 2^-1075 (0); above 40, x, 1, 0 (-60 and 60 for |c| > 1).
  static func jetWide(_ x: Double, times c: Double = 1) -> Jet {
    // NaN propagates (the Mills ratio's node index would trap on it), and
    // an infinite c multiplies the plain jet (its exponent is not a number
    // to join 2^k with).
    guard !x.isNaN else { return Jet(value: .nan, d1: .nan, d2: .nan) }
    guard c.isFinite else {
      let j = jetWide(x)
      return Jet(value: c * j.value, d1: c * j.d1, d2: c * j.d2)
    }
    if c == 0 { return Jet(value: 0, d1: 0, d2: 0) }
    let scaledUp = abs(c) > 1
    // Below -60 (|c| <= 2^1024) every result is under 2^-1075 even times c.
    if x < (scaledUp ? -60 : -39.5) { return Jet(value: 0, d1: 0, d2: 0) }
    // Above 40 (60 times c) c f'' = c phi(x) (2 - x^2) is under 2^-1075.
    if x > (scaledUp ? 60 : 40) { return Jet(value: x * c, d1: c, d2: 0) }
    let cm = c < 0 ? -c.significand : c.significand
    let ce = Int(c.exponent)
    let x2 = StableMath.exactProduct(x, x)
    let (m, k) = StableMath.expScaled(x2 * -0.5)
    let phi = StableMath.inverseSqrtTwoPi * m  // phi(x) = phi * 2^k
    let phic = phi * cm  // c phi(x) = phic * 2^(k + ce)
    let d2 = StableMath.scaleByPowerOfTwo((phic * (DoubleDouble(2) - x2)).value, k + ce)
    if x > 26 { return Jet(value: x * c, d1: c, d2: d2) }
    let r = StableMath.millsRatio(abs(x))
    if x <= 0 {
      let value = StableMath.scaleByPowerOfTwo(((phic * r) * x).value, k + ce)
      let d1 = StableMath.scaleByPowerOfTwo((phic * (r + x)).value, k + ce)
      return Jet(value: value, d1: d1, d2: d2)
    }
    let cdf = DoubleDouble(1) - phi * r
    return Jet(
      value: StableMath.roundedProduct(cdf * x, c), d1: StableMath.roundedProduct(cdf + phi * x, c), d2: d2)
  }
}
