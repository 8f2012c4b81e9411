/// InfoNCE (NT-Xent), catalog id `info-nce`: its entry (`spec`: signature, views, declared
/// properties, conventions, references), its documented `formula`, and
/// its stable implementation with the notes on why it is stable.
enum InfoNCE {
  static let spec = FunctionSpec(
    id: "info-nce", name: "InfoNCE (NT-Xent)", family: .multiclassLoss, aliases: ["ntxent", "nt-xent", "infonce"],
    summary: "−log softmax(s / τ)ₖ: the cross-entropy of one anchor's similarities s to C candidates, divided by a temperature τ, against its positive k. The contrastive loss of CPC, SimCLR and CLIP; a small τ sharpens it toward a hinge on the best negative.",
    parameters: [
      ParameterSpec(
        name: "tau", symbol: "\\tau", defaultValue: 0.1, range: .positive, grid: [0.1, 1],
        summary: "the temperature the similarities are divided by (optax's ntxent default is {optax.info-nce.jit.default_temperature})")
    ],
    arguments: [MulticlassLosses.scores, MulticlassLosses.trueClass], differentiable: ["s"],
    evaluate: { p, a throws(CatalogError) in
      let s = a.vector("s")
      let k = try MulticlassLosses.classIndex(a, classes: s.count, id: "info-nce")
      return evaluation(s, k: k, tau: p["tau"])
    },
    views: { p in
      let tau = p["tau"]
      return [
        ScalarView(
          label: "s = [x, 0], k = 0", argument: "s[0]", fixed: [("k", .integer(0))], plotRange: -3...3,
          declared: DeclaredProperties(
            infimum: RangeBound(0, attained: false), supremum: RangeBound(.infinity, attained: false),
            monotonic: .decreasing, derivativeMonotonic: .increasing, continuity: .cInfinity,
            maxAbsDerivative: 1 / tau, saturatesLeft: false, saturatesRight: true, convex: true, concave: false,
            nonNegative: true, zeroAtCorrect: .limit, gradientGrowth: .bounded),
          refinedValue: { x in refinedSlice2(x, tau: tau) },
          evaluate: { x in slice2(x, tau: tau) })
      ]
    },
    formula: formula,
    naive: NaiveForm(
      valueFormula: "-log(exp(s_0/tau) / (exp(s_0/tau) + exp(s_1/tau)))  (s = [x, 0], k = 0)",
      derivativeFormula: "(exp(s_0/tau) / (exp(s_0/tau) + exp(s_1/tau)) - 1) / tau",
      value: { p in
        let tau = p["tau"]
        return { x in -log(exp(x / tau) / (exp(x / tau) + 1)) }
      },
      derivative: { p in
        let tau = p["tau"]
        return { x in (exp(x / tau) / (exp(x / tau) + 1) - 1) / tau }
      }),
    implementationNote: "The cross-entropy of s / tau with s / tau taken as the exact real: each (s_j - max s) is exact (TwoSum) and divided by tau in double-double, so the exponent is exact to 2^-104 and the largest logit's is exactly 0 (s_j/tau - max/tau in Double costs |s/tau| 2^-53: hundreds of ulp at tau = 1e-4). L = (max s - s_k) / tau + log S, both terms non-negative, the first kept with its own power of two so that a quotient beyond the Double range is +inf only when L is. The gradient (softmax(s / tau) - onehot(k)) / tau: p_k - 1 as minus the other weights over S, divided by tau once.",
    conventions: [
      FrameworkConvention(.pytorch, "", "no built-in; torch.nn.functional.cross_entropy(s / tau, k) per anchor"),
      FrameworkConvention(.keras, "", "no equivalent; keras.losses.CategoricalCrossentropy(from_logits=True) on s / tau"),
      FrameworkConvention(.optax, "optax.losses.ntxent(embeddings, labels, temperature)", "takes embeddings and pair labels, forms cosine similarities and averages over anchors; default temperature {optax.info-nce.jit.default_temperature}, not 0.1; softmax cross-entropy of s / tau under jax.jit gives {optax.info-nce.jit.jit_tau_0_07} at s = [1e300, 0], k = 0, tau = 0.07 (eagerly {optax.info-nce.jit.eager_tau_0_07}, the exact loss)",
        definitional: ["not 0.1", "s = [1e300, 0], k = 0, tau = 0.07"]),
      FrameworkConvention(.jaxnn, "", "no equivalent (jax.nn holds activations; see optax)"),
    ],
    references: [
      Reference("van den Oord, Li, Vinyals, Representation learning with contrastive predictive coding, arXiv:1807.03748", year: 2018),
      Reference("Chen, Kornblith, Norouzi, Hinton, A simple framework for contrastive learning of visual representations (SimCLR), ICML", year: 2020),
    ]
  )

  /// The temperature tau.
  static let tau = Expr.symbol(Symbol("tau", latex: "\\tau", mathml: "<mi>τ</mi>"))

  /// p_j = softmax(s / tau)_j, written e^(s_j / tau - logsumexp(s / tau))
  /// so that the formula evaluates without overflow at tau = 1e-4.
  static func p(_ index: Symbol) -> Expr {
    .named(
      Symbol("p", latex: "p_{\(index.latex)}", mathml: "<msub><mi>p</mi>\(index.mathml)</msub>"),
      .exp(.element(.s, index: index) / tau - .apply(.logSumExp, [.symbol(.s) / tau])))
  }

  /// The documented formulas: the tree the manual prints and the tests evaluate.
  static let formula = FunctionFormula(
    value: .apply(.logSumExp, [.symbol(.s) / tau]) - .element(.s, index: .k) / tau,
    derivatives: [("s", (p(.j) - .kronecker(.j, .k)) / tau)],
    derivativeIndices: [.j])

  /// L and its gradient at scores `s`, positive `k`, temperature `tau`:
  ///
  /// ```
  /// L   = (m - s_k) / tau + log S,   S = sum_j e^((s_j - m) / tau) >= 1,   m = max s
  /// g_j = w_j / (S tau)  (j != k),   g_k = -(sum over j != k of w_j) / (S tau)
  /// ```
  /// Both terms of L are non-negative. m - s_k is exact (a scaled
  /// residual: it may exceed the Double range) and divided by tau with
  /// tau's power of two kept apart (`ScaledDD`), so a subnormal or huge tau
  /// neither overflows nor loses digits before the one final rounding.
  /// The weights w_j come from ``StableMath/SoftmaxExpansion`` with
  /// temperature tau (exponent (s_j - m) / tau exact to 2^-104); g_k is the
  /// expansion's exact weighted difference (p_k - 1) / tau, rounded once,
  /// and g_j (j != k) is p_j / tau as mantissa * 2^n, so nothing underflows
  /// or overflows before the final rounding.
  static func evaluation(_ s: [Double], k: Int, tau: Double) -> Evaluation {
    let softmax = StableMath.SoftmaxExpansion(s, temperature: tau)
    let t = ScaledDD(tau)
    let gap = StableMath.scaledResidual(softmax.maximum, s[k]) / t
    let value = (gap + ScaledDD(softmax.logSum)).double
    // tau = t.m 2^(t.e) with t.m in [1, 2): divide by t.m, then scale.
    var gradient = [Double](repeating: 0, count: s.count)
    for j in s.indices {
      if j == k {
        if let g = softmax.weightedDifference(j, numeratorWeight: [1], numeratorSum: [1], denominatorFactor: t.m.hi) {
          gradient[j] = StableMath.scaleByPowerOfTwo(g, -t.e)
        } else {
          // p_k below 2^-1000: p_k - 1 is -1 to far beyond the last digit.
          gradient[j] = ((ScaledDD(softmax.probability(j).doubleDouble) - .one) / t).double
        }
      } else {
        let p = softmax.probability(j)
        gradient[j] = StableMath.MantissaExponent(p.mantissa / t.m.hi, p.exponent - t.e).value
      }
    }
    return Evaluation(value: .scalar(value), gradient: [NamedTensor("s", .vector(gradient))])
  }

  /// s = [x, 0], k = 0, with u = x / tau:
  ///
  /// ```
  /// L = softplus(-u) = max(-u, 0) + log1p(E),   E = e^-|u|
  /// L' = -sigma(-u) / tau,   L'' = sigma(u) sigma(-u) / tau^2
  /// sigma(-|u|) = E / (1 + E),   sigma(|u|) = 1 / (1 + E)
  /// ```
  /// u is the exact real s / tau to 2^-104 (the quotient and its fma
  /// remainder), and E = e^(-|u|.hi) (1 - |u|.lo), so the exponent is not
  /// rounded first (at x = 70, tau = 0.1 that alone would cost 350 ulp of
  /// L). 1 / (1 + E) = r (1 + eps) with eps = 1 - (1 + E) r from an fma:
  /// both sigmoids without cancellation, one exp and one log1p in all. A
  /// quotient beyond the Double range gives the limits (L = 0 or +inf,
  /// L' = 0 or -1/tau).
  /// The value of ``slice2(_:tau:)`` for x < 0, L = |u| + log1p(E), as
  /// hi + lo with an error bound, for the precision study: at tau = 0.1
  /// the quotient x / tau is 10 x (1 - 5.6e-17), which the Double rounds
  /// onto Float16's rounding boundaries (x = -6552: L rounds to 65520, the
  /// overflow boundary, while L is 65520 - 3.6e-12). |u| = a + al with a
  /// the rounded quotient and al its remainder (exact fma, one rounding:
  /// 2^-53 |al|); log1p(E) within 2^-50 of itself (exp, the first-order
  /// correction and log1p); the sum al + l rounded once (2^-53 of it).
  /// nil for x >= 0 (L = log1p(E), nothing to refine) and beyond the range.
  @Sendable static func refinedSlice2(_ x: Double, tau: Double) -> RefinedValue? {
    let q = x / tau
    guard q.isFinite, q < 0 else { return nil }
    let r = x.addingProduct(-q, tau) / tau
    let a = -q
    let al = -r
    let e0 = exp(-a)
    let l = log1p(e0.addingProduct(-e0, al))
    let t = al + l
    // Two-sum a + t: hi the rounded sum, lo its exact error.
    let hi = a + t
    let v = hi - a
    let lo = (a - (hi - v)) + (t - v)
    let error = 0x1p-49 * (abs(al) + l) + Double.leastNonzeroMagnitude
    return RefinedValue(hi: hi, lo: lo, error: error)
  }

  @Sendable static func slice2(_ x: Double, tau: Double) -> Jet {
    let q = x / tau
    if !q.isFinite {
      return q > 0 ? Jet(value: 0, d1: 0, d2: 0) : Jet(value: .infinity, d1: -1 / tau, d2: 0)
    }
    // x / tau = q + r exactly to 2^-104 (the remainder x - q tau is exact).
    let r = x.addingProduct(-q, tau) / tau
    let a = abs(q)
    let al = q >= 0 ? r : -r
    let e0 = exp(-a)
    let e = e0.addingProduct(-e0, al)
    let dh = 1 + e
    let dl = (1 - dh) + e
    let rh = 1 / dh
    let eps = 1.0.addingProduct(-dh, rh) - dl * rh
    let small = (e * rh).addingProduct(e * rh, eps)  // sigma(-|u|)
    let large = rh.addingProduct(rh, eps)  // sigma(|u|)
    let l = log1p(e)
    let d2 = small * large / tau / tau
    if q >= 0 { return Jet(value: l, d1: -small / tau, d2: d2) }
    return Jet(value: a + (al + l), d1: -large / tau, d2: d2)
  }
}
