/// Sparsemax loss, catalog id `sparsemax-loss`: its entry (`spec`: signature, views, declared
/// properties, conventions, references), its documented `formula`, and
/// its stable implementation with the notes on why it is stable.
enum SparsemaxLoss {
  static let spec = FunctionSpec(
    id: "sparsemax-loss", name: "Sparsemax loss", family: .multiclassLoss, aliases: ["multiclass-sparsemax"],
    summary: "−sₖ + ½ Σⱼ (sⱼ² − τ²) + ½ with j over the support S: the loss whose gradient is sparsemax(s) − onehot(k), as cross-entropy's is softmax(s) − onehot(k). Exactly 0 once the true class's score leads the others by 1 (optax multiclass_sparsemax_loss).",
    arguments: [MulticlassLosses.scores, MulticlassLosses.trueClass], differentiable: ["s"],
    evaluate: { _, a throws(CatalogError) in
      let s = a.vector("s")
      let k = try MulticlassLosses.classIndex(a, classes: s.count, id: "sparsemax-loss")
      return evaluation(s, k: k)
    },
    views: { _ in
      [
        ScalarView(
          label: "s = [x, 0], k = 0", argument: "s[0]", fixed: [("k", .integer(0))], plotRange: -3...3,
          breakpoints: [-1, 1],
          declared: DeclaredProperties(
            infimum: RangeBound(0, attained: true), supremum: RangeBound(.infinity, attained: false),
            monotonic: .decreasing, derivativeMonotonic: .increasing, continuity: .c1, maxAbsDerivative: 1,
            saturatesLeft: false, saturatesRight: true, convex: true, concave: false, nonNegative: true,
            zeroAtCorrect: .attained, gradientGrowth: .bounded),
          evaluate: slice2)
      ]
    },
    formula: formula,
    naive: NaiveForm(
      valueFormula: "-s_k + (1/2) sum_S (s_j^2 - tau^2) + 1/2, s = [x, 0], k = 0",
      derivativeFormula: "sparsemax(s)_0 - 1",
      value: { _ in
        { x in
          // The catalog's form with tau and S from the 2-class projection.
          let tau = x >= 1 ? x - 1 : (x <= -1 ? -1 : (x - 1) / 2)
          let support: [Double] = x >= 1 ? [x] : (x <= -1 ? [0] : [x, 0])
          return -x + 0.5 * support.reduce(0) { $0 + ($1 * $1 - tau * tau) } + 0.5
        }
      },
      derivative: { _ in { x in min(max((x + 1) / 2, 0), 1) - 1 } }),
    implementationNote: "Rewritten as L = max(tau - s_k, 0) + |p - onehot(k)|^2 / 2 with p = sparsemax(s) (proved in the source from sum_S p_j = 1): two non-negative terms, with 1 - p_k formed from the projection's exact parts, so nothing cancels. The catalog's form squares the scores (s_j^2 - tau^2 overflows above 1.3e154 and cancels when the scores are large against the loss: in Double at s = [1e8, 1e8 - 0.5], k = 0 it gives 0.5 for the exact 1/16). Threshold and support as in sparsemax: decided exactly, ties together. The gradient sparsemax(s) - onehot(k), with p_k - 1 = -(1 - p_k) from the exact parts.",
    conventions: [
      FrameworkConvention(.pytorch, "", "no built-in sparsemax loss"),
      FrameworkConvention(.keras, "", "no equivalent"),
      FrameworkConvention(.optax, "optax.losses.multiclass_sparsemax_loss(s, k)", "integer labels; written in the Fenchel-Young form <p, s - s_k> + (1 - |p|^2) / 2 with p from optax.projections.projection_simplex",
        definitional: ["<p, s - s_k> + (1 - |p|^2) / 2"]),
      FrameworkConvention(.jaxnn, "", "no equivalent (jax.nn holds activations; see optax)"),
    ],
    references: [
      Reference("Martins, Astudillo, From softmax to sparsemax: a sparse model of attention and multi-label classification, ICML", year: 2016),
      Reference("Blondel, Martins, Niculae, Learning with Fenchel-Young losses, JMLR 21", year: 2020),
    ]
  )

  /// The documented formulas: the tree the manual prints and the tests evaluate.
  static let formula = FunctionFormula(
    value: -.element(.s, index: .k)
      + .n(1) / .n(2)
        * .sumOver(
          .j, excluding: nil,
          .indicator(.greater(.element(.s, index: .j), Sparsemax.threshold(of: .s)))
            * (.element(.s, index: .j).pow(.n(2)) - Sparsemax.threshold(of: .s).pow(.n(2))))
      + .n(1) / .n(2),
    derivatives: [("s", .max(.element(.s, index: .j) - Sparsemax.threshold(of: .s), .n(0)) - .kronecker(.j, .k))],
    derivativeIndices: [.j])

  /// L and its gradient, from the exact projection:
  ///
  /// ```
  /// L = max(tau - s_k, 0) + (1/2) |p - onehot(k)|^2,   p = sparsemax(s)
  /// ```
  /// Proof. On S, p_j = s_j - tau, so s_j^2 - tau^2 = p_j (p_j + 2 tau) and,
  /// with sum_S p_j = 1, (1/2) sum_S (s_j^2 - tau^2) = (1/2) sum_S p_j^2 + tau.
  /// Hence L = (tau - s_k) + (1/2) (1 + sum_j p_j^2). If k is in S,
  /// tau - s_k = -p_k and L = (1/2)(sum_{j != k} p_j^2 + (1 - p_k)^2)
  /// = (1/2) |p - onehot(k)|^2. If k is not in S, p_k = 0 and s_k <= tau,
  /// so (1/2)(1 + sum p_j^2) = (1/2) |p - onehot(k)|^2 and tau - s_k >= 0.
  /// Both cases are the formula above. []
  ///
  /// Every term is non-negative. For k in S: the p_j (j != k) and
  /// 1 - p_k are double-doubles from exact sums (about 2^-104), squared and
  /// summed in double-double, so L is correctly rounded but for the final
  /// tie. For k outside S: tau - s_k = (m - s_k) + t with m - s_k exact
  /// (a scaled residual, which may exceed the Double range) and t in [-1, 0)
  /// a double-double; where they cancel (s_k just below tau) the error is
  /// 2^-104 absolute against a second term of at least 1/2.
  static func evaluation(_ s: [Double], k: Int) -> Evaluation {
    let projection = StableMath.SparsemaxProjection(s)
    var gradient = [Double](repeating: 0, count: s.count)
    var squares = DoubleDouble(0)
    var position: Int? = nil
    for (q, j) in projection.support.enumerated() {
      if j == k {
        position = q
        continue
      }
      let p = projection.probability(position: q)
      gradient[j] = p.value
      squares = squares + p * p
    }
    let value: Double
    if let position {
      let c = projection.complement(position: position)  // 1 - p_k >= 0
      gradient[k] = -c.value
      squares = squares + c * c
      value = DoubleDouble(0.5 * squares.hi, 0.5 * squares.lo).value
    } else {
      gradient[k] = -1
      // (1/2)(1 + sum p_j^2) >= 1/2 plus tau - s_k = (m - s_k) + t >= 0.
      let half = DoubleDouble(0.5 * squares.hi, 0.5 * squares.lo) + 0.5
      let gap = StableMath.scaledResidual(projection.maximum, s[k]) + ScaledDD(projection.shiftedThreshold)
      value = (gap + ScaledDD(half)).double
    }
    return Evaluation(value: .scalar(value), gradient: [NamedTensor("s", .vector(gradient))])
  }

  /// s = [x, 0], k = 0: sparsemax([x, 0]) = [(1 + x)/2, (1 - x)/2] inside
  /// |x| < 1, so
  ///
  /// ```
  /// L = 0 (x >= 1);   (1 - x)^2 / 4 (|x| < 1);   -x (x <= -1)
  /// L' = 0;           -(1 - x) / 2;              -1
  /// L'' = 0;          1/2;                       0
  /// ```
  /// a smoothed hinge (C1: value and slope agree at x = +-1). 1 - x is
  /// formed exactly (TwoSum) and squared once, so (1 - x)^2 / 4 is within
  /// an ulp, also where it is tiny near x = 1.
  @Sendable static func slice2(_ x: Double) -> Jet {
    if x >= 1 { return Jet(value: 0, d1: 0, d2: 0) }
    if x <= -1 { return Jet(value: -x, d1: -1, d2: 0) }
    let r = DoubleDouble.twoSum(1, -x)
    return Jet(value: 0.25 * StableMath.roundedSquare(r), d1: -0.5 * r.value, d2: 0.5)
  }
}
