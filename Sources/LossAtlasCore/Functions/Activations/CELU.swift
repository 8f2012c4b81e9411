/// CELU (continuously differentiable ELU), catalog id `celu`: its entry
/// (`spec`: signature, views, declared properties, conventions, references),
/// its documented `formula`, and its stable implementation with the notes on
/// why it is stable.
enum CELU {
  static let spec = FunctionSpec(
    id: "celu", name: "CELU (continuously differentiable ELU)", family: .activation, aliases: [],
    summary: "x for x > 0, α (exp(x/α) − 1) below: ELU with α moved into the exponent, so that the slope at 0 is 1 from both sides for every α (C1, unlike elu with α ≠ 1). Equal to elu at α = 1.",
    parameters: [
      ParameterSpec(
        name: "alpha", symbol: "\\alpha", defaultValue: 1, range: .positive, grid: [0.5, 1, 2],
        summary: "the negative saturation value −α and the length scale of the exponential part")
    ],
    arguments: [.activationInput], differentiable: ["x"],
    evaluate: FunctionSpec.scalarEvaluator("x") { p, _ in
      let alpha = p["alpha"]
      return { x in jet(x, alpha: alpha) }
    },
    views: { p in
      let alpha = p["alpha"]
      return [
        Activations.view(
          plotRange: -4...4, breakpoints: [0],
          declared: DeclaredProperties(
            infimum: RangeBound(-alpha, attained: false), supremum: RangeBound(.infinity, attained: false),
            monotonic: .increasing, derivativeMonotonic: .increasing, continuity: .c1,
            // Mean output E[X; X > 0] + alpha E[e^(X/alpha) - 1; X < 0] > 0 (e^u - 1 > u); celu(0) = 0.
            zeroCentered: false, passesThroughOrigin: true, identityNearOrigin: true, maxAbsDerivative: 1,
            saturatesLeft: true, saturatesRight: false, convex: true, concave: false, nonNegative: false),
          derivative: { x in derivative(x, alpha: alpha) }, { x in jet(x, alpha: alpha) })
      ]
    },
    formula: formula,
    naive: NaiveForm(
      valueFormula: "alpha * (exp(x / alpha) - 1), x <= 0", derivativeFormula: "exp(x / alpha), x <= 0",
      value: { p in
        let alpha = p["alpha"]
        return { x in x > 0 ? x : alpha * (exp(x / alpha) - 1) }
      },
      derivative: { p in
        let alpha = p["alpha"]
        return { x in x > 0 ? 1 : exp(x / alpha) }
      }),
    implementationNote: "u = x / alpha carried as a double-double (the quotient and its fma remainder), so that alpha (e^u - 1) is the value for the exact real x / alpha: expm1 on [-1, 0), exp with an exact TwoSum e - 1 below -1, x (1 + u/2 + u^2/6) for |u| < 2^-26 (where x / alpha may even underflow while the value is about x), and the derivative e^u as m 2^k below u = -708. The textbook exp(x/alpha) - 1 has lost all its digits at |x| = 1e-16 alpha.",
    conventions: [
      FrameworkConvention(
        .pytorch, "torch.nn.functional.celu(x, alpha=1.0)",
        "backward forms e^(x/alpha) with a float32 reciprocal 1/alpha: at alpha = 0.1 the derivative is off by {torch.celu.float32-reciprocal.rel_error_at_x_over_alpha_10} (relative) at x/alpha = -10 and {torch.celu.float32-reciprocal.rel_error_at_x_over_alpha_100} at -100 (exact while alpha is a float32 number)", definitional: ["float32", "1/alpha", "alpha = 0.1", "x/alpha = -10", "at -100"]),
      FrameworkConvention(
        .keras, "keras.activations.celu(x, alpha=1.0)",
        "none in value; the gradient is JAX's, which cancels (see jax.nn)"),
      FrameworkConvention(.optax, "", "no equivalent (optax holds losses)"),
      FrameworkConvention(
        .jaxnn, "jax.nn.celu(x, alpha=1.0)",
        "max(x, 0) + alpha expm1(min(x, 0)/alpha), whose gradient goes through expm1's derivative expm1(u) + 1 and cancels: relative error {jax.celu.grad-cancellation.rel_error_at_minus_20} at x = -20, exactly 0 for x <= {jax.celu.grad-cancellation.zero_up_to} (alpha = 1)", definitional: ["max(x, 0) + alpha expm1(min(x, 0)/alpha)", "expm1(u) + 1", "expm1's", "x = -20", "exactly 0", "(alpha = 1)"]),
    ],
    references: [
      Reference("Barron, Continuously differentiable exponential linear units, arXiv:1704.07483", year: 2017, url: "https://arxiv.org/abs/1704.07483")
    ],
    figures: FigureHints(
      family: ParameterFamilyFigure(
        parameter: "alpha", xRange: -4...4,
        note: "α sets the floor −α and the length scale of the exponential part; the slope at 0 is 1 for every α."))
  )

  /// The documented formulas: the tree the manual prints and the tests evaluate.
  static let formula = FunctionFormula(
    value: .cases([(.x, .greater(.x, .n(0))), (.alpha * (.exp(.x / .alpha) - .n(1)), .otherwise)]),
    derivatives: [("x", .cases([(.n(1), .greater(.x, .n(0))), (.exp(.x / .alpha), .otherwise)]))],
    secondDerivative: .cases([(.n(0), .greater(.x, .n(0))), (.exp(.x / .alpha) / .alpha, .otherwise)]))

  /// x for x > 0, alpha (e^u - 1) below with u = x / alpha; f' = 1 or e^u
  /// (1 at 0 from both sides); f'' = 0 or e^u / alpha (the left piece owns 0).
  ///
  /// The accuracy rule holds the value for the exact real x / alpha, so u
  /// is carried as uh + ul (ul = fma(-uh, alpha, x) / alpha, the quotient's
  /// rounding error) and enters as e^(uh + ul) = e^uh (1 + ul):
  /// ```
  /// |u| < 2^-26:     f = x (1 + u/2 + u^2/6)   (no division by alpha in the leading term:
  ///                                             x / alpha may be subnormal while f is about x)
  /// -1 <= u:         m = expm1(uh):  f = alpha (m + (1 + m) ul) (fma);  f' = e^uh (1 + ul)
  /// -708 <= u < -1:  e = e^uh (1 + ul), e - 1 as a TwoSum (e < 0.37 damps exp's error by e/(1 - e))
  /// u < -708:        f = -alpha to double precision;  f' = e^u as m 2^k (one rounding)
  /// ```
  @Sendable static func jet(_ x: Double, alpha: Double) -> Jet {
    if x > 0 { return Jet(value: x, d1: 1, d2: 0) }
    let uh = x / alpha
    if abs(uh) < 0x1p-26 {
      // alpha expm1(u) = x (1 + u/2 + u^2/6 + ...), u^3/24 < 2^-80.
      let e = exp(uh)
      return Jet(value: x.addingProduct(x, uh * (0.5 + uh * (1.0 / 6))), d1: e, d2: e / alpha)
    }
    // uh is finite and below -2^-26 here (x / alpha = -inf fails the next test).
    guard uh >= -708 else { return jetWide(uh, x: x, alpha: alpha) }
    let ul = x.addingProduct(-uh, alpha) / alpha  // quotient remainder; x / alpha = uh + ul
    if uh >= -1 {
      let m = expm1(uh)
      let e = Activations.expNearZero(uh, expm1: m)  // e^uh; 1 + m is within 0.8 ulp above -1/4
      let d1 = e.addingProduct(e, ul)
      // alpha (e^u - 1) = alpha m + alpha e^uh ul: the product alpha m exact (TwoProduct), one rounding.
      let p = alpha * m
      return Jet(value: p + ((-p).addingProduct(alpha, m) + alpha * (e * ul)), d1: d1, d2: d1 / alpha)
    }
    let e0 = exp(uh)
    let e = e0.addingProduct(e0, ul)  // e^u
    let h = e - 1  // e - 1 = h + hl exactly
    let hl = e - (h + 1)
    return Jet(value: (alpha * hl).addingProduct(alpha, h), d1: e, d2: e / alpha)
  }

  /// ``jet(_:alpha:)`` for u = x / alpha below -708 (or -inf): the value is
  /// -alpha (alpha e^u is far below half an ulp of alpha), f' = e^u and
  /// f'' = e^u / alpha as m 2^k, rounded once (0 below u = -1600, where
  /// e^u < 2^-2300).
  static func jetWide(_ uh: Double, x: Double, alpha: Double) -> Jet {
    guard uh >= -1600 else { return Jet(value: -alpha, d1: 0, d2: 0) }
    let ul = x.addingProduct(-uh, alpha) / alpha
    let (m, k) = StableMath.expScaled(DoubleDouble(uh, ul))
    // e^u / alpha with alpha = as 2^ae: nothing overflows or underflows before the one rounding.
    let d2 = StableMath.scaleByPowerOfTwo(m / alpha.significand, k - Int(alpha.exponent))
    return Jet(value: -alpha, d1: StableMath.scaleByPowerOfTwo(m, k), d2: d2)
  }
}
