/// Squareplus, catalog id `squareplus`: its entry (`spec`: signature, views, declared
/// properties, conventions, references), its documented `formula`, and
/// its stable implementation with the notes on why it is stable.
enum Squareplus {
  static let spec = FunctionSpec(
    id: "squareplus", name: "Squareplus", family: .activation, aliases: [],
    summary: "(x + sqrt(x^2 + b)) / 2: an algebraic softplus (no exp or log), smooth, convex and positive, sqrt(b)/2 at 0, tending to relu as b -> 0.",
    parameters: [
      ParameterSpec(
        name: "b", symbol: "b", defaultValue: 4, range: .positive, grid: [0.25, 1, 4, 16],
        summary: "the curvature at the bend: f(0) = sqrt(b)/2 and f''(0) = 1/(2 sqrt b); b -> 0 gives relu")
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
            zeroCentered: false, identityNearOrigin: false, maxAbsDerivative: 1,
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
    implementationNote: "With s = sqrt(x^2 + b) and d = s + |x| (no cancellation): f = d/2 for x >= 0 and b/(2d) for x < 0 (the textbook x + s cancels there: all digits lost at x = -1e8 with b = 4); f' = f/s, which is 1 - w or w with w = b/(2 s d); f'' = 2 w (1 - w)/s. x^2 + b is formed exactly and s, d, b/(2d) and w carried in double-double (within 1 ulp); where x^2 or b would leave [2^-1000, 2^1000] (x^2 overflows at |x| = 1.3e154) x and b are first scaled by 2^-k and 2^-2k, exactly.",
    conventions: [
      FrameworkConvention(
        .pytorch, "",
        "no squareplus; written by hand as (x + torch.sqrt(x * x + b)) / 2 it overflows to inf from |x| = {torch.squareplus.by-hand.inf_from} and cancels for x < 0 ({torch.squareplus.by-hand.value_at_minus_1e8} at x = -1e8, exact {torch.squareplus.by-hand.exact_at_minus_1e8})"),
      FrameworkConvention(
        .keras, "keras.activations.squareplus(x, b=4)",
        "the same textbook formula as jax.nn (default b {keras.activations.parameters.squareplus_default_b}): off by {keras.squareplus.accuracy.value_max_ulp} ulp at x = {keras.squareplus.accuracy.value_worst_x}"),
      FrameworkConvention(.optax, "", "no equivalent (optax holds losses)"),
      FrameworkConvention(
        .jaxnn, "jax.nn.squareplus(x, b=4)",
        "(x + sqrt(x^2 + b)) / 2 as written: inf from |x| = {jax.squareplus.overflow-cancellation.inf_from} on both sides (exact: about x, and b/(4|x|)); for x < 0 it cancels: relative error {jax.squareplus.overflow-cancellation.rel_error_at_minus_1e6} at x = -1e6, {jax.squareplus.overflow-cancellation.value_at_minus_1e8} at -1e8 (exact {jax.squareplus.overflow-cancellation.exact_at_minus_1e8})"),
    ],
    references: [
      Reference("Barron, Squareplus: a softplus-like algebraic rectifier, arXiv:2112.11687", year: 2021, url: "https://arxiv.org/abs/2112.11687")
    ]
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
  /// x <  0:  f = b/(2d),    f' = w         (the textbook x + s cancels)
  /// f'' = 2 w (1 - w)/s
  /// ```
  /// x^2 + b exactly (TwoProduct, TwoSum); s = sqrt(hi) plus the residual
  /// correction (fma); d, b/(2d) and w = (b/(2d))/s with one reciprocal
  /// each and an exact fma residual: every result within about 1 ulp. b's
  /// power of two is kept apart from its significand until the final
  /// scaling, so a subnormal b (or a quotient below the normal range)
  /// costs no digits on the way.
  /// Outside |x| in [2^-500, 2^500] with b in [2^-1000, 2^1000] (x^2 would
  /// overflow, or both terms lose digits below the normal range) the same
  /// steps run on x 2^-k and b 2^-2k, k the larger of the exponents of |x|
  /// and sqrt(b), and the powers of two return in the final scaling.
  @Sendable static func jet(_ x: Double, b: Double) -> Jet {
    let ax = abs(x)
    let inRange = ax <= 0x1p500 && b <= 0x1p1000 && (ax >= 0x1p-500 || b >= 0x1p-1000)
    let k = inRange ? 0 : max(ax == 0 ? Int.min : Int(ax.exponent), Int(b.exponent) >> 1)
    // Scaled inputs (exact; a scaled b that underflows is negligible beside x'^2 ~ 1).
    let xs = StableMath.scaleByPowerOfTwo(ax, -k)
    let bs = StableMath.scaleByPowerOfTwo(b, -2 * k)
    // s' = sqrt(x'^2 + b') in double-double.
    let x2 = DoubleDouble.twoProduct(xs, xs)
    let r2 = x2 + bs
    let sh = r2.hi.squareRoot()
    let invS = 1 / sh
    let sl = (r2.hi.addingProduct(-sh, sh) + r2.lo) * (0.5 * invS)  // (r2 - sh^2) / (2 sh)
    // d' = s' + |x'|, twice: 2 d'.
    let d = DoubleDouble.twoSum(sh, xs) + sl
    let d2h = 2 * d.hi
    let invD = 1 / d2h
    // q = b / (2 d) = qm 2^kq and w = q / s = wm 2^kw with b = bm 2^eb: b's power of two is kept
    // apart, so that a subnormal b (or a quotient below the normal range) costs no digits before
    // the final rounding; qm and wm are normal numbers.
    let bm = b.significand
    let eb = Int(b.exponent)
    let kq = eb - k
    let kw = eb - 2 * k
    let q1 = bm * invD
    let q2 = (bm.addingProduct(-d2h, q1) - 2 * d.lo * q1) * invD  // the remainder bm - 2 d q1, fma-exact
    let w1 = q1 * invS
    let wm = w1 + ((q1.addingProduct(-sh, w1) + q2 - sl * w1) * invS)
    let w = StableMath.scaleByPowerOfTwo(wm, kw)  // in (0, 1/2]
    // f'' = 2 w (1 - w) / s: from w itself where it is normal (wm / s' could overflow when s' is
    // tiny); from wm where w is below the normal range (then 1 - w = 1, and s' >= 1).
    let d2 = w >= 0x1p-1022
      ? StableMath.scaleByPowerOfTwo(2 * w * (1 - w) * invS, -k) : StableMath.scaleByPowerOfTwo(2 * wm * invS, kw - k)
    if x < 0 {
      return Jet(value: StableMath.scaleByPowerOfTwo(q1 + q2, kq), d1: w, d2: d2)
    }
    return Jet(value: StableMath.scaleByPowerOfTwo(0.5 * (d.hi + d.lo), k), d1: 1 - w, d2: d2)
  }
}
