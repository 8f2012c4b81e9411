/// SiLU (swish), catalog id `silu`: its entry (`spec`: signature, views, declared
/// properties, conventions, references), its documented `formula`, and
/// its stable implementation with the notes on why it is stable.
enum SiLU {
  static let spec = FunctionSpec(
    id: "silu", name: "SiLU (swish)", family: .activation, aliases: ["swish"],
    summary: "x σ(βx): the sigmoid-weighted linear unit (swish with β = 1). Smooth, non-monotonic (minimum −0.278/β at x = −1.278/β); β → ∞ approaches ReLU.",
    parameters: [
      ParameterSpec(
        name: "beta", symbol: "\\beta", defaultValue: 1, range: .positive, grid: [0.5, 1, 2, 5],
        summary: "the sharpness: the sigmoid's slope (1 is SiLU; large β approaches ReLU)")
    ],
    arguments: [.activationInput], differentiable: ["x"],
    evaluate: FunctionSpec.scalarEvaluator("x") { p, _ in
      let beta = p["beta"]
      return { x in jet(x, beta: beta) }
    },
    views: { p in
      let beta = p["beta"]
      return [
        Activations.view(
          plotRange: -6...6,
          declared: DeclaredProperties(
            infimum: RangeBound(-0.2784645427610738 / beta, attained: true),
            supremum: RangeBound(.infinity, attained: false),
            monotonic: .neither, derivativeMonotonic: .neither, continuity: .cInfinity,
            // Mean output E[X sigma(beta X)] = beta E[sigma'(beta X)] > 0 (Stein); silu(0) = 0.
            zeroCentered: false, passesThroughOrigin: true, identityNearOrigin: false, maxAbsDerivative: 1.099839320128867,
            saturatesLeft: true, saturatesRight: false, convex: false, concave: false, nonNegative: false),
          { x in jet(x, beta: beta) })
      ]
    },
    formula: formula,
    naive: NaiveForm(
      valueFormula: "x / (1 + exp(-beta * x))", derivativeFormula: "s + beta * x * s * (1 - s), s = 1 / (1 + exp(-beta * x))",
      value: { p in
        let beta = p["beta"]
        return { x in x / (1 + exp(-beta * x)) }
      },
      derivative: { p in
        let beta = p["beta"]
        return { x in
          let s = 1 / (1 + exp(-beta * x))
          return s + beta * x * s * (1 - s)
        }
      }),
    implementationNote: "t = beta x formed exactly (TwoProduct); sigma(t) and sigma(-t) from e^-|t| with 1 + e exact, f' = sigma(t) (1 + t sigma(-t)) in double-double (no 1 - s cancellation); below t = -700 the factor e^t is kept as m 2^k so that x e^t does not multiply a subnormal's rounding error.",
    conventions: [
      FrameworkConvention(.pytorch, "torch.nn.functional.silu(x)", "no beta (its parameters: {torch.silu.parameters.parameters}): only beta = 1", definitional: ["beta = 1"]),
      FrameworkConvention(.keras, "keras.activations.silu(x)", "no beta: only beta = 1 (keras.activations.swish is the same function)", definitional: ["beta = 1"]),
      FrameworkConvention(.optax, "", "no equivalent (optax holds losses)"),
      FrameworkConvention(.jaxnn, "jax.nn.silu(x)", "no beta: only beta = 1 (jax.nn.swish is the same function)", definitional: ["beta = 1"]),
    ],
    references: [
      Reference("Elfwing, Uchibe, Doya, Sigmoid-weighted linear units for neural network function approximation in reinforcement learning, Neural Networks", year: 2018),
      Reference("Ramachandran, Zoph, Le, Searching for activation functions, arXiv:1710.05941", year: 2017),
    ],
    figures: FigureHints(
      family: ParameterFamilyFigure(
        parameter: "beta", xRange: -6...6, note: "Larger β bends SiLU toward relu; its minimum moves toward 0."))
  )

  /// The documented formulas: the tree the manual prints and the tests evaluate.
  static let formula = FunctionFormula(
    value: .x * .sigma(.beta * .x),
    derivatives: [("x", .sigma(.beta * .x) + .beta * .x * .sigma(.beta * .x) * .sigma(-(.beta * .x)))],
    secondDerivative: .beta * .sigma(.beta * .x) * .sigma(-(.beta * .x))
      * (.n(2) + .beta * .x * (.n(1) - .n(2) * .sigma(.beta * .x))))

  /// x sigma(t), sigma(t) (1 + t sigma(-t)), beta sigma(t) sigma(-t) (2 + t (sigma(-t) - sigma(t))),
  /// t = beta x.
  ///
  /// For |t| <= 700 (every plotted point), one exp and one division, the
  /// double-double steps written out without renormalizing between them:
  /// ```
  /// t + tl = beta x (TwoProduct);  e = e^-|t| (argument exact);  d = 1 + e (TwoSum)
  /// r = 1/d.hi,  eps = 1 - d r (fma, with d.lo):  sigma(|t|) = r (1 + eps) to 2^-100
  /// t >= 0:  f = x r (1 + eps);  f' = r (1 + eps) (1 + q), q = t e r <= 0.28
  /// t <  0:  f = (x e) r (1 + eps);  f' = (e R) (1 + t R) with 1 + t R a double-double
  /// ```
  /// For t >= 0 every term of f' is positive and q's few roundings are damped
  /// by q / (1 + q) <= 0.22; for t < 0, 1 + t R cancels at the minimum of f
  /// (t = -1.278) and is formed exactly from R's two parts, so the only error
  /// left there is exp's own (the same as the general path below).
  @Sendable static func jet(_ x: Double, beta: Double) -> Jet {
    let tt = DoubleDouble.twoProduct(beta, x)  // beta x exactly
    let (t, tl) = (tt.hi, tt.lo)
    guard abs(t) <= 700 else { return jetWide(x, beta: beta) }
    let e = StableMath.exp(DoubleDouble(-abs(t), t >= 0 ? -tl : tl))  // e^-|beta x|, exact argument
    let reciprocal = StableMath.Reciprocal(DoubleDouble.fastTwoSum(1, e))  // sigma(|t|) = R
    let (r, eps) = (reciprocal.r, reciprocal.eps)
    let rl = r * eps
    if t >= 0 {
      // sigma(t) = R = r + rl, sigma(-t) = e R
      let sm = e * r
      let q = t * sm
      let d2 = beta * (sm * r) * (2 + t * (sm - r))
      return Jet(value: (x * rl).addingProduct(x, r), d1: r.addingProduct(r, q + eps + eps * q), d2: d2)
    }
    // sigma(t) = e R, sigma(-t) = R; x e, c = 1 + t R and s = e R as double-doubles
    let xe = DoubleDouble.twoProduct(x, e)
    let p = DoubleDouble.twoProduct(t, r)
    let c = DoubleDouble.twoSum(1, p.hi)
    let cl = c.lo + (p.lo + (t * rl + tl * r))
    let se = DoubleDouble.twoProduct(e, r)
    let (sh, sl) = (se.hi, se.lo + e * rl)
    // 2 + t (sigma(-t) - sigma(t)) cancels at the roots of f'' (t = -2.40): the difference from both parts.
    let d2 = beta * (sh * r) * (2 + t * ((r - sh) + (rl - sl)))
    let value = (xe.hi * rl + xe.lo * r).addingProduct(xe.hi, r)
    return Jet(value: value, d1: (sh * cl + sl * c.hi).addingProduct(sh, c.hi), d2: d2)
  }

  /// ``jet(_:beta:)`` for |beta x| > 700, where e^-|t| may be subnormal;
  /// with `times` = c, the jet of c silu (c f, c f', c f''), each rounded
  /// once, valid for every t (swiglu's a silu(b) at a = 1e300, b = -746,
  /// where silu(b) itself is subnormal, or where a tiny beta makes f''
  /// subnormal).
  ///
  /// c = cm 2^ce joins the power of two of e^t, as beta's does in f''; for
  /// c = 1 the steps are the plain ones.
  static func jetWide(_ x: Double, beta: Double, times c: Double = 1) -> Jet {
    if c == 0 { return Jet(value: 0, d1: 0, d2: 0) }
    let t = StableMath.exactProduct(beta, x)
    // beta = bs 2^be, so that f'' = beta e^t (...) as m 2^k neither overflows nor underflows
    // early (beta may be up to 1.8e308; e^-t (2 - t) at t = 1000 is 5e-432).
    let bs = beta.significand
    let be = Int(beta.exponent)
    let cm = c < 0 ? -c.significand : c.significand
    let ce = Int(c.exponent)
    if t.hi > 700 {
      // e^-t < 1e-304: f = x and f' = 1 to double precision; f'' = beta e^-t (2 - t) as m 2^k.
      let (m, k) = StableMath.expScaled(-t)
      return Jet(value: x * c, d1: c, d2: m == 0 ? 0 : StableMath.scaleByPowerOfTwo(bs * cm * m * (2 - t.hi), k + be + ce))
    }
    if t.hi >= 0 {
      let e = StableMath.exp(-t)
      let s = StableMath.reciprocal(DoubleDouble.twoSum(1, e))  // sigma(t)
      let sm = s * e  // sigma(-t)
      let d2 = StableMath.scaleByPowerOfTwo(bs * cm * (sm * s).hi * (2 + t.hi * (sm - s).hi), be + ce)
      return Jet(value: product(s, x, c), d1: StableMath.roundedProduct(s * (t * sm + 1), c), d2: d2)
    }
    let (m, k) = StableMath.expScaled(t)
    if m == 0 { return Jet(value: 0, d1: 0, d2: 0) }  // t < -1600: |c x| e^t < 2^-2000 |c x|
    if k != 0 {
      // e^t < 1e-304: sigma(t) = e^t and sigma(-t) = 1 to double precision. x/4 keeps
      // m x cm below the overflow threshold (|x| may be near 1.8e308 when beta is tiny).
      return Jet(
        value: StableMath.scaleByPowerOfTwo((m * cm) * (x * 0.25), k + ce + 2), d1: StableMath.scaleByPowerOfTwo((t + 1).value * m * cm, k + ce),
        d2: StableMath.scaleByPowerOfTwo(bs * m * cm * (2 + t.hi), k + be + ce))
    }
    let sm = StableMath.reciprocal(DoubleDouble.twoSum(1, m))  // sigma(-t)
    let s = sm * m  // sigma(t)
    let d2 = StableMath.scaleByPowerOfTwo(bs * cm * (s * sm).hi * (2 + t.hi * (sm - s).hi), be + ce)
    return Jet(value: product(s, x, c), d1: StableMath.roundedProduct(s * (t * sm + 1), c), d2: d2)
  }

  /// c x s rounded once, for a double-double s = sigma(t) in [e^-700, 1]:
  /// x and c enter by their significands and their powers of two join at
  /// the end, so neither c x (overflow: c = 1e300, x = -1e10, beta = 1e-8)
  /// nor x s (underflow: a subnormal x) loses digits on the way.
  static func product(_ s: DoubleDouble, _ x: Double, _ c: Double) -> Double {
    if x == 0 { return 0 }
    let xm = x < 0 ? -x.significand : x.significand
    let cm = c < 0 ? -c.significand : c.significand
    return StableMath.scaleByPowerOfTwo(StableMath.roundedProduct(s * xm, cm), Int(x.exponent) + Int(c.exponent))
  }
}
