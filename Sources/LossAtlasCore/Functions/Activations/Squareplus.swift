/// Squareplus, catalog id `squareplus`: its entry (`spec`: signature, views, declared
/// properties, conventions, references), its documented `formula`, and
/// its stable implementation with the notes on why it is stable.
enum Squareplus {
  static let spec = FunctionSpec(
    id: "squareplus", name: "Squareplus", family: .activation, aliases: [],
    summary: "(x + √(x² + b)) / 2: an algebraic softplus (no exp or log), smooth, convex and positive, √b/2 at 0, tending to relu as b → 0.",
    parameters: [
      ParameterSpec(
        name: "b", symbol: "b", defaultValue: 4, range: .positive, grid: [0.25, 1, 4, 16],
        summary: "the curvature at the bend: f(0) = √b/2 and f″(0) = 1/(2 √b); b → 0 gives relu")
    ],
    arguments: [.activationInput], differentiable: ["x"],
    evaluate: FunctionSpec.scalarEvaluator("x") { p, _ in
      let b = p["b"]
      return { x in jet(x, b: b) }
    },
    views: { p in
      let b = p["b"]
      return [
        Activations.view(
          plotRange: -6...6,
          declared: DeclaredProperties(
            infimum: RangeBound(0, attained: false), supremum: RangeBound(.infinity, attained: false),
            monotonic: .increasing, derivativeMonotonic: .increasing, continuity: .cInfinity,
            // Positive everywhere: mean output > 0, f(0) = sqrt(b)/2 > 0.
            zeroCentered: false, passesThroughOrigin: false, identityNearOrigin: false, maxAbsDerivative: 1,
            saturatesLeft: true, saturatesRight: false, convex: true, concave: false, nonNegative: true),
          { x in jet(x, b: b) })
      ]
    },
    formula: formula,
    naive: NaiveForm(
      valueFormula: "(x + sqrt(x * x + b)) / 2", derivativeFormula: "(1 + x / sqrt(x * x + b)) / 2",
      value: { p in
        let b = p["b"]
        return { x in (x + (x * x + b).squareRoot()) / 2 }
      },
      derivative: { p in
        let b = p["b"]
        return { x in (1 + x / (x * x + b).squareRoot()) / 2 }
      }),
    implementationNote: "With s = sqrt(x^2 + b) and d = s + |x| (no cancellation): f = d/2 for x ≥ 0 and b/(2d) for x < 0 (the textbook x + s cancels there: all digits lost at x = -1e8 with b = 4); f' = f/s, which is 1 - w or w with w = b/(2 s d); f'' = 2 w (1 - w)/s. x^2 + b is formed exactly and s, d, b/(2d) and w carried in double-double (within 1 ulp); where x^2 or b would leave [2^-1000, 2^1000] (x^2 overflows at |x| = 1.3e154) x and b are first scaled by 2^-k and 2^-2k, exactly.",
    conventions: [
      FrameworkConvention(
        .pytorch, "",
        "no squareplus; written by hand as (x + torch.sqrt(x * x + b)) / 2 it overflows to inf from |x| = {torch.squareplus.by-hand.inf_from} and cancels for x < 0 ({torch.squareplus.by-hand.value_at_minus_1e8} at x = -1e8, exact {torch.squareplus.by-hand.exact_at_minus_1e8})", definitional: ["(x + torch.sqrt(x * x + b)) / 2", "x < 0", "x = -1e8"]),
      FrameworkConvention(
        .keras, "keras.activations.squareplus(x, b=4)",
        "the same textbook formula as jax.nn (default b {keras.activations.parameters.squareplus_default_b}): off by {keras.squareplus.accuracy.value_max_ulp} ulp at x = {keras.squareplus.accuracy.value_worst_x}"),
      FrameworkConvention(.optax, "", "no equivalent (optax holds losses)"),
      FrameworkConvention(
        .jaxnn, "jax.nn.squareplus(x, b=4)",
        "(x + sqrt(x^2 + b)) / 2 as written: inf from |x| = {jax.squareplus.overflow-cancellation.inf_from} on both sides (exact: about x, and b/(4|x|)); for x < 0 it cancels: relative error {jax.squareplus.overflow-cancellation.rel_error_at_minus_1e6} at x = -1e6, {jax.squareplus.overflow-cancellation.value_at_minus_1e8} at -1e8 (exact {jax.squareplus.overflow-cancellation.exact_at_minus_1e8})", definitional: ["(x + sqrt(x^2 + b)) / 2", "b/(4|x|)", "x < 0", "x = -1e6", "at -1e8"]),
    ],
    references: [
      Reference("Barron, Squareplus: a softplus-like algebraic rectifier, arXiv:2112.11687", year: 2021, url: "https://arxiv.org/abs/2112.11687")
    ],
    figures: FigureHints(
      family: ParameterFamilyFigure(
        parameter: "b", xRange: -4...4, note: "Smaller b bends squareplus toward relu (dashed), its limit as b → 0; its value at 0 is √b / 2.",
        limit: LimitCurve(id: "relu", legend: "relu (b → 0)", sentence: "The dashed line is relu, the limit as b → 0.")))
  )

  /// The parameter b.
  static let b = Expr.symbol(.latin("b"))

  /// The documented formulas: the tree the manual prints and the tests evaluate.
  static let formula = FunctionFormula(
    value: (.x + .sqrt(.x.pow(.n(2)) + b)) / .n(2),
    derivatives: [("x", (.n(1) + .x / .sqrt(.x.pow(.n(2)) + b)) / .n(2))],
    secondDerivative: b / (.n(2) * (.x.pow(.n(2)) + b).pow(.n(1.5))))

  /// (x + s)/2, (1 + x/s)/2, b/(2 s^3) with s = sqrt(x^2 + b).
  ///
  /// With d = s + |x| and w = b/(2 s d) (both without cancellation):
  /// ```
  /// x >= 0:  f = d/2,       f' = 1 - w
  /// x <  0:  f = w s = b/(2d),   f' = w     (the textbook x + s cancels)
  /// f'' = 2 w (1 - w)/s
  /// ```
  /// See ``parts(_:_:_:)`` for the arithmetic (one square root, one
  /// division, every result within about 1 ulp). Where |x| <= 2^500 and
  /// b in [2^-1000, 2^1000] with x^2 <= 2^900 b, nothing leaves the normal
  /// range on the way; elsewhere (x^2 would overflow at |x| = 1.3e154, or a
  /// tiny b leaves w or b/(2d) below the normal range while the other is
  /// not) the same steps run on x 2^-k, b 2^-2k (k the larger of the
  /// exponents of |x| and sqrt(b)) and b's own significand, and the powers
  /// of two join in one final scaling.
  @Sendable static func jet(_ x: Double, b: Double) -> Jet {
    let ax = abs(x)
    if ax <= 0x1p500 && b >= 0x1p-1000 && b <= 0x1p1000 && ax * ax <= b * 0x1p900 {
      let p = parts(ax, b, b)
      let w = p.w.hi + p.w.lo
      let d2 = 2 * w * (1 - w) * p.invS
      if x < 0 { return Jet(value: p.q.hi + p.q.lo, d1: w, d2: d2) }
      return Jet(value: 0.5 * (p.d.hi + p.d.lo), d1: 1 - w, d2: d2)
    }
    // Inputs outside the domain, on this rare path only: the exponent of a NaN or an infinity is
    // Int.max (and of a zero b Int.min), and the scaling below would overflow an Int and trap.
    guard ax.isFinite, b.isFinite, b > 0 else { return outsideDomain(x, b: b) }
    let k = max(ax == 0 ? Int.min : Int(ax.exponent), Int(b.exponent) >> 1)
    // x' = |x| 2^-k and b' = b 2^-2k are exact (a b' that underflows is negligible beside x'^2 ~ 1);
    // the quotients take b's significand, b = bm 2^eb, so that neither a subnormal b nor a
    // quotient below the normal range costs digits before the final scaling.
    let eb = Int(b.exponent)
    let p = parts(
      StableMath.scaleByPowerOfTwo(ax, -k), StableMath.scaleByPowerOfTwo(b, -2 * k), b.significand)
    let wm = p.w.hi + p.w.lo
    let kw = eb - 2 * k  // w = wm 2^kw, q = (wm s') 2^(eb - k)
    let w = StableMath.scaleByPowerOfTwo(wm, kw)  // in (0, 1/2]
    // f'' = 2 w (1 - w) / s: from w where it is normal, from wm where it is not (then 1 - w = 1).
    let d2 = w >= 0x1p-1022
      ? StableMath.scaleByPowerOfTwo(2 * w * (1 - w) * p.invS, -k)
      : StableMath.scaleByPowerOfTwo(2 * wm * p.invS, kw - k)
    if x < 0 { return Jet(value: StableMath.scaleByPowerOfTwo(p.q.hi + p.q.lo, eb - k), d1: w, d2: d2) }
    return Jet(value: StableMath.scaleByPowerOfTwo(0.5 * (p.d.hi + p.d.lo), k), d1: 1 - w, d2: d2)
  }

  /// The jet where x or b is outside the domain (x not finite, b not in
  /// (0, inf)): the limits at x = ±inf for a valid b (f → x with f' → 1;
  /// f → b/(4|x|) → 0 with f' → 0; f'' → 0), NaN otherwise.
  static func outsideDomain(_ x: Double, b: Double) -> Jet {
    guard x.isInfinite, b.isFinite, b > 0 else { return Jet(value: .nan, d1: .nan, d2: .nan) }
    return x > 0 ? Jet(value: .infinity, d1: 1, d2: 0) : Jet(value: 0, d1: 0, d2: 0)
  }

  /// d = s + x, w = bq / (2 s d) and q = w s as double-doubles, and about
  /// 1/s, with s = sqrt(x^2 + bs), for x >= 0 (s and d from bs, the
  /// quotients with the numerator bq).
  ///
  /// One square root and one division:
  /// ```
  /// x^2 + bs exactly (TwoProduct, TwoSum);  sh = sqrt(hi);  inv = 1 / (2 sh (sh + x))
  /// s = sh + sl,  sl = (hi - sh^2 + lo) / (2 sh)     (the residual by fma; 1/sh = 2 (sh + x) inv)
  /// P = 2 s d in double-double;  w = w1 + (bq - P w1) inv, w1 = bq inv  (the remainder fma-exact)
  /// ```
  /// inv is within a few ulp of 1/P, so the one correction leaves w good
  /// to about 2^-100; q = w s is its double-double product.
  @inline(__always)
  static func parts(_ x: Double, _ bs: Double, _ bq: Double) -> (d: DoubleDouble, w: DoubleDouble, q: DoubleDouble, invS: Double) {
    let x2 = DoubleDouble.twoProduct(x, x)
    let r2 = x2 + bs
    let sh = r2.hi.squareRoot()
    let d0 = sh + x
    let inv = 1 / (2 * sh * d0)
    let invS = 2 * d0 * inv
    let sl = (r2.hi.addingProduct(-sh, sh) + r2.lo) * (0.5 * invS)
    let d = DoubleDouble.twoSum(sh, x) + sl
    let ph = 2 * sh * d.hi
    let pl = (-ph).addingProduct(2 * sh, d.hi) + 2 * (sh * d.lo + sl * d.hi)
    let w1 = bq * inv
    let w2 = (bq.addingProduct(-ph, w1) - pl * w1) * inv
    let qh = w1 * sh
    let ql = (-qh).addingProduct(w1, sh) + (w1 * sl + w2 * sh)
    return (d, DoubleDouble(w1, w2), DoubleDouble(qh, ql), invS)
  }
}
