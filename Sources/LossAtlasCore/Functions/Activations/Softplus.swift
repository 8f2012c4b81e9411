/// Softplus, catalog id `softplus`: its entry (`spec`: signature, views, declared
/// properties, conventions, references), its documented `formula`, and
/// its stable implementation with the notes on why it is stable.
enum Softplus {
  static let spec = FunctionSpec(
    id: "softplus", name: "Softplus", family: .activation, aliases: [],
    summary: "(1/β) log(1 + exp(βx)): a smooth ReLU whose derivative is the sigmoid; β sets how sharp the corner is.",
    parameters: [
      ParameterSpec(
        name: "beta", symbol: "\\beta", defaultValue: 1, range: .positive, grid: [0.5, 1, 2, 5, 10],
        summary: "the sharpness: softplus approaches ReLU as β grows (its value at 0 is log 2 / β)")
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
            infimum: RangeBound(0, attained: false), supremum: RangeBound(.infinity, attained: false),
            monotonic: .increasing, derivativeMonotonic: .increasing, continuity: .cInfinity,
            // Mean output > 0 (softplus > 0); softplus(0) = log(2)/beta.
            zeroCentered: false, passesThroughOrigin: false, identityNearOrigin: false, maxAbsDerivative: 1,
            saturatesLeft: true, saturatesRight: false, convex: true, concave: false, nonNegative: true),
          derivative: { x in derivative(x, beta: beta) }, { x in jet(x, beta: beta) })
      ]
    },
    formula: formula,
    naive: NaiveForm(
      valueFormula: "log(1 + exp(beta * x)) / beta", derivativeFormula: "1 / (1 + exp(-beta * x))",
      value: { p in
        let beta = p["beta"]
        return { x in log(1 + exp(beta * x)) / beta }
      },
      derivative: { p in
        let beta = p["beta"]
        return { x in 1 / (1 + exp(-beta * x)) }
      }),
    implementationNote: "t = beta x formed exactly; for t > 0 the value is x + log1p(e^-t)/beta (no overflow; x itself, not t/beta, so no rounding), below log1p(e^t)/beta, and e^t as m 2^k below t = -700. The naive form overflows to inf far right and is 0 far left where the exact value is about e^(beta x)/beta (both computed below).",
    conventions: [
      FrameworkConvention(.pytorch, "torch.nn.functional.softplus(x, beta=1.0, threshold=20.0)", "returns x from x = {torch.softplus.threshold.returns_x_from} (beta x > {torch.softplus.threshold.default_threshold}): the value is off by {torch.softplus.threshold.max_ulp_error} ulp there, the most past the threshold, and the gradient is exactly 1 (exact {torch.softplus.threshold.exact_grad_at_threshold})", definitional: ["exactly 1"]),
      FrameworkConvention(.keras, "keras.activations.softplus(x)", "no beta: only beta = 1", definitional: ["beta = 1"]),
      FrameworkConvention(.optax, "", "no equivalent (optax holds losses)"),
      FrameworkConvention(.jaxnn, "jax.nn.softplus(x)", "no beta: only beta = 1 ({jax.softplus.source.formula})", definitional: ["beta = 1"]),
    ],
    references: [
      Reference("Dugas, Bengio, Belisle, Nadeau, Garcia, Incorporating second-order functional knowledge for better option pricing, NeurIPS", year: 2001),
      Reference("Glorot, Bordes, Bengio, Deep sparse rectifier neural networks, AISTATS", year: 2011),
    ],
    figures: FigureHints(
      family: ParameterFamilyFigure(
        parameter: "beta", xRange: -4...4, note: "Larger β bends softplus toward relu (dashed), its limit as β → ∞.",
        limit: LimitCurve(
          id: "relu", legend: "relu (β → ∞)", sentence: "The dashed line is relu, the limit as β → ∞.")))
  )

  /// The documented formulas: the tree the manual prints and the tests evaluate.
  static let formula = FunctionFormula(
    value: .n(1) / .beta * .log(.n(1) + .exp(.beta * .x)),
    derivatives: [("x", .sigma(.beta * .x))],
    secondDerivative: .beta * .sigma(.beta * .x) * .sigma(-(.beta * .x)))

  /// (1/beta) log(1 + e^t), sigma(t), beta sigma(t) sigma(-t), t = beta x.
  ///
  /// For |t| <= 700: e = e^-|t| (argument exact), 1/(1 + e) = r (1 + eps)
  /// with eps = 1 - (1 + e) r from an fma (one reciprocal, the double-double
  /// products written out), log1p(e) once:
  /// ```
  /// t > 0:  f = x + log1p(e)/beta,  f' = R          (R = sigma(|t|))
  /// t <= 0: f = log1p(e)/beta,      f' = e R
  /// ```
  @Sendable static func jet(_ x: Double, beta: Double) -> Jet {
    let t = beta * x
    guard abs(t) <= 700 else { return jetWide(x, beta: beta) }
    let (e, reciprocal, s) = sigmoids(t, x, beta: beta)
    let d2 = beta * reciprocal.timesRounded(s)
    let l = log1p(e) / beta
    if t > 0 { return Jet(value: x + l, d1: reciprocal.value, d2: d2) }
    return Jet(value: l, d1: s.hi + s.lo, d2: d2)
  }

  /// ``jet(_:beta:)`` for |beta x| > 700.
  static func jetWide(_ x: Double, beta: Double) -> Jet {
    let t = StableMath.exactProduct(beta, x)
    if t.hi > 0 {
      let e = StableMath.exp(-t)
      let s = StableMath.reciprocal(DoubleDouble.twoSum(1, e))  // sigma(t)
      let value = x + log1p(e) / beta  // x >= 0 and the quotient: no cancellation
      return Jet(value: value, d1: s.value, d2: beta * ((s * e) * s).value)
    }
    let (m, k) = StableMath.expScaled(t)
    if k != 0 {
      // e^t < 1e-304: log1p(e^t) = sigma(t) = e^t to double precision.
      return Jet(
        value: StableMath.scaleByPowerOfTwo(m / beta, k), d1: StableMath.scaleByPowerOfTwo(m, k), d2: StableMath.scaleByPowerOfTwo(beta * m, k))
    }
    let sm = StableMath.reciprocal(DoubleDouble.twoSum(1, m))  // sigma(-t)
    let s = sm * m  // sigma(t)
    let value = log1p(m) / beta
    return Jet(value: value, d1: s.value, d2: beta * (s * sm).value)
  }
}
