/// SELU (scaled ELU), catalog id `selu`: its entry (`spec`: signature, views, declared
/// properties, conventions, references), its documented `formula`, and
/// its stable implementation with the notes on why it is stable.
enum SELU {
  static let spec = FunctionSpec(
    id: "selu", name: "SELU (scaled ELU)", family: .activation, aliases: [],
    summary: "λ · elu(x; α) with the fixed constants λ = 1.0507..., α = 1.6733... that make activations self-normalizing (mean 0, variance 1) in deep fully connected networks.",
    arguments: [.activationInput], differentiable: ["x"],
    evaluate: FunctionSpec.scalarEvaluator("x") { _, _ in jet },
    views: { _ in
      [
        Activations.view(
          plotRange: -4...4, breakpoints: [0],
          declared: DeclaredProperties(
            infimum: RangeBound(-lambdaAlpha.hi, attained: false),
            supremum: RangeBound(.infinity, attained: false),
            monotonic: .increasing, derivativeMonotonic: .neither, continuity: .c0,
            // Mean output lambda (φ(0) + alpha (e^(1/2) Φ(−1) − 1/2)) = 0: alpha is chosen
            // for it (Klambauer et al. 2017); selu(0) = 0.
            zeroCentered: true, passesThroughOrigin: true, identityNearOrigin: false, maxAbsDerivative: lambdaAlpha.hi,
            saturatesLeft: true, saturatesRight: false, convex: false, concave: false, nonNegative: false),
          derivative: derivative, jet)
      ]
    },
    formula: formula,
    naive: NaiveForm(
      valueFormula: "lambda * alpha * (exp(x) - 1), x <= 0", derivativeFormula: "lambda * alpha * exp(x), x <= 0",
      value: { _ in
        { x in
          let lambda = 1.0507009873554804934193349852946
          let alpha = 1.6732632423543772848170429916717
          return x > 0 ? lambda * x : lambda * alpha * (exp(x) - 1)
        }
      },
      derivative: { _ in
        { x in
          let lambda = 1.0507009873554804934193349852946
          let alpha = 1.6732632423543772848170429916717
          return x > 0 ? lambda : lambda * alpha * exp(x)
        }
      }),
    implementationNote: "lambda and lambda * alpha as double-double constants (the exact decimals of the paper), times x or expm1(x) with one rounding; the left derivative as m 2^k below x = -700.",
    conventions: [
      FrameworkConvention(.pytorch, "torch.selu(x)", "constants rounded to float64: within {torch.selu.accuracy.value_max_ulp} ulp (value) and {torch.selu.accuracy.grad_max_ulp} ulp (derivative); derivative {torch.selu.grad-at-0.grad_at_0} (lambda alpha) at 0", definitional: ["float64", "at 0"]),
      FrameworkConvention(.keras, "keras.activations.selu(x)", "constants rounded to float64; the gradient is JAX's, exactly 0 for x ≤ {jax.selu.grad-cancellation.zero_up_to}", definitional: ["float64", "exactly 0"]),
      FrameworkConvention(.optax, "", "no equivalent (optax holds losses)"),
      FrameworkConvention(.jaxnn, "jax.nn.selu(x)", "constants rounded to float64; derivative {jax.selu.grad-cancellation.grad_at_0} (lambda alpha) at 0, as here; for x < 0 the derivative is expm1(x) + 1 times constants, which cancels: exactly 0 for x ≤ {jax.selu.grad-cancellation.zero_up_to}", definitional: ["float64", "at 0", "x < 0", "expm1(x) + 1", "exactly 0"]),
    ],
    references: [
      Reference("Klambauer, Unterthiner, Mayr, Hochreiter, Self-normalizing neural networks, NeurIPS", year: 2017)
    ]
  )

  /// The documented formulas: the tree the manual prints and the tests evaluate.
  static let formula = FunctionFormula(
    value: .cases([
      (lambdaSymbol * .x, .greater(.x, .n(0))), (lambdaSymbol * alphaSymbol * (.exp(.x) - .n(1)), .otherwise),
    ]),
    derivatives: [("x", .cases([(lambdaSymbol, .greater(.x, .n(0))), (lambdaSymbol * alphaSymbol * .exp(.x), .otherwise)]))],
    secondDerivative: .cases([(.n(0), .greater(.x, .n(0))), (lambdaSymbol * alphaSymbol * .exp(.x), .otherwise)]),
    definitions: [
      (lambdaSymbol, .decimal("1.0507009873554804934193349852946")),
      (alphaSymbol, .decimal("1.6732632423543772848170429916717")),
    ])

  /// SELU's lambda and alpha, the catalog's exact constants.
  static let lambdaSymbol = Expr.constant(.greek("lambda", "λ"), 1.0507009873554804934193349852946)
  static let alphaSymbol = Expr.constant(.greek("alpha", "α"), 1.6732632423543772848170429916717)

  /// The SELU scale lambda = 1.0507009873554804934193349852946.
  static let lambda = DoubleDouble(0x1.0cfabd6a91132p+0, 0x1.6fc7d272f2695p-55)
  /// The SELU alpha = 1.6732632423543772848170429916717.
  static let alpha = DoubleDouble(0x1.ac5afad782cf1p+0, 0x1.eb7a46c21f1dfp-54)
  /// lambda * alpha of SELU, the product of the two exact decimals.
  static let lambdaAlpha = DoubleDouble(0x1.c212cc640f031p+0, 0x1.05161b045a1fep-56)

  /// lambda x for x > 0, lambda alpha expm1(x) below; f' = lambda or
  /// lambda alpha e^x (lambda alpha at 0); f'' = 0 or lambda alpha e^x.
  @Sendable static func jet(_ x: Double) -> Jet {
    if x > 0 {
      let hi = lambda.hi * x
      let value = hi.isFinite ? (lambda * x).value : hi
      return Jet(value: value, d1: lambda.hi, d2: 0)
    }
    // As elu's: e^x - 1 and e^x from exp (TwoSum) below -1, from expm1 (1 + m exact) above -1/4,
    // from expm1 and exp between.
    let la = lambdaAlpha
    if x < -1 {
      guard x >= -700 else {
        let (m, k) = StableMath.expScaled(DoubleDouble(x))
        let d1 = StableMath.scaleByPowerOfTwo((la * m).value, k)
        return Jet(value: (la * expm1(x)).value, d1: d1, d2: d1)
      }
      let e = exp(x)
      let em1 = DoubleDouble.fastTwoSum(-1, e)  // e - 1 exactly
      let v = DoubleDouble.twoProduct(la.hi, em1.hi)
      let vl = v.lo + (la.hi * em1.lo + la.lo * em1.hi)
      let d1 = timesLambdaAlpha(e)
      return Jet(value: v.hi + vl, d1: d1, d2: d1)
    }
    let m = expm1(x)
    let d1 = timesLambdaAlpha(Activations.expNearZero(x, expm1: m))
    return Jet(value: (la.lo * m).addingProduct(la.hi, m), d1: d1, d2: d1)
  }
}
