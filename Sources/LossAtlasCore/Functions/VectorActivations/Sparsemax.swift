/// Sparsemax, catalog id `sparsemax`: its entry (`spec`: signature, views, declared
/// properties, conventions, references), its documented `formula`, and
/// its stable implementation with the notes on why it is stable.
enum Sparsemax {
  static let spec = FunctionSpec(
    id: "sparsemax", name: "Sparsemax", family: .vectorActivation, aliases: [],
    summary: "pᵢ = max(zᵢ − τ, 0) with τ such that Σ pᵢ = 1: the Euclidean projection of z onto the probability simplex. Like softmax it gives probabilities, but exactly 0 for every entry with zᵢ ≤ τ: sparse attention and sparse classifiers.",
    arguments: [VectorActivations.logits], differentiable: ["z"],
    evaluate: { _, a in evaluation(a.vector("z")) },
    views: { _ in
      [
        ScalarView(
          label: "z = [x, 0], output p_0", argument: "z[0]", fixed: [("z[1]", .real(0))], plotRange: -8...8,
          breakpoints: [-1, 1],
          declared: DeclaredProperties(
            infimum: RangeBound(0, attained: true), supremum: RangeBound(1, attained: true),
            monotonic: .increasing, derivativeMonotonic: .neither, continuity: .c0,
            zeroCentered: false, identityNearOrigin: false, maxAbsDerivative: 0.5,
            saturatesLeft: true, saturatesRight: true, convex: false, concave: false, nonNegative: true),
          evaluate: slice2)
      ]
    },
    formula: formula,
    implementationNote: "Sort only the entries within 1 of the maximum (every support member is: tau ≥ max - 1), in the frame shifted by the maximum with each z_j - max exact; decide the support size k = max{k : 1 + k z_(k) > sum_{j ≤ k} z_(j)} with an exact sum, so ties enter or leave together and an entry exactly at tau is outside (p = 0); p_i = (k d_i - sum d + 1) / k from an exact sum, correctly rounded. The Jacobian diag(m) - m m^T / |S| has the exact entries 1 - 1/|S|, -1/|S| and 0. A Double cumsum-and-compare (the textbook algorithm) decides near-ties by rounding and loses p_i where z spans many magnitudes.",
    conventions: [
      FrameworkConvention(.pytorch, "", "no built-in sparsemax (third-party packages such as entmax)"),
      FrameworkConvention(.keras, "keras.activations.sparsemax(z, axis=-1)", "the same projection (Martins and Astudillo's sort-based algorithm, in the backend's float type); its gradient is the backend's autodiff"),
      FrameworkConvention(.optax, "optax.projections.projection_simplex(z)", "the same projection, as a projection rather than an activation; optax.losses.multiclass_sparsemax_loss is built on it"),
      FrameworkConvention(.jaxnn, "", "no equivalent in jax.nn"),
    ],
    references: [
      Reference("Martins, Astudillo, From softmax to sparsemax: a sparse model of attention and multi-label classification, ICML", year: 2016),
      Reference("Held, Wolfe, Crowder, Validation of subgradient optimization, Mathematical Programming 6 (the simplex projection)", year: 1974),
    ]
  )

  /// The threshold tau of sparsemax(v), named tau:
  /// tau = max over l of (sum_j [v_j >= v_l] v_j - 1) / sum_j [v_j >= v_l],
  /// the largest (top-k sum - 1) / k over the k of the distinct values
  /// (the maximum is attained at k = |S|), so the printed formula needs no
  /// sort. For any k, sum_{j <= k} (v_(j) - tau) <= sum_j p_j = 1 gives
  /// (top-k sum - 1)/k <= tau, with equality at k = |S|.
  static func threshold(of v: Symbol) -> Expr {
    let top = Condition.greaterOrEqual(.element(v, index: .j), .element(v, index: .l))
    return .named(
      Symbol("tau", latex: "\\tau", mathml: "<mi>τ</mi>"),
      .maxOver(
        .l, excluding: nil,
        (.sumOver(.j, excluding: nil, .indicator(top) * .element(v, index: .j)) - .n(1))
          / .sumOver(.j, excluding: nil, .indicator(top))))
  }

  /// |S| = sum_l [v_l > tau], the support size of sparsemax(v).
  static func supportSize(of v: Symbol) -> Expr {
    .named(
      Symbol("|S|", latex: "\\lvert S\\rvert", mathml: "<mrow><mo>|</mo><mi>S</mi><mo>|</mo></mrow>"),
      .sumOver(.l, excluding: nil, .indicator(.greater(.element(v, index: .l), threshold(of: v)))))
  }

  /// The documented formulas: the tree the manual prints and the tests evaluate.
  static let formula = FunctionFormula(
    value: .max(.element(.z, index: .i) - threshold(of: .z), .n(0)),
    derivatives: [
      (
        "z",
        .indicator(.greater(.element(.z, index: .i), threshold(of: .z)))
          * (.kronecker(.i, .j)
            - .indicator(.greater(.element(.z, index: .j), threshold(of: .z))) / supportSize(of: .z))
      )
    ],
    valueIndex: .i, derivativeIndices: [.i, .j])

  static func evaluation(_ z: [Double]) -> Evaluation {
    let projection = StableMath.SparsemaxProjection(z)
    let n = projection.size
    // J = diag(m) - m m^T / |S|: 1 - 1/|S| on the support's diagonal,
    // -1/|S| between two members, 0 elsewhere (each rounded once).
    let diagonal = Double(n - 1) / Double(n)
    let offDiagonal = -1 / Double(n)
    var jacobian = [[Double]](repeating: [Double](repeating: 0, count: z.count), count: z.count)
    for i in projection.support {
      for j in projection.support { jacobian[i][j] = i == j ? diagonal : offDiagonal }
    }
    return Evaluation(
      value: .vector(projection.probabilities(count: z.count)), gradient: [NamedTensor("z", .matrix(jacobian))],
      secondDerivative: nil)
  }

  /// z = [x, 0], output 0: the projection of [x, 0] onto the segment
  /// p_0 + p_1 = 1 is p_0 = clamp((x + 1) / 2, 0, 1) (sparse-sigmoid),
  /// derivative 1/2 strictly inside (at x = +-1 the support has one member
  /// and the Jacobian is 0, as the general evaluator says), f'' = 0.
  /// (x + 1) / 2 is x + 1 rounded once (exact for x near -1, Sterbenz) and
  /// an exact halving.
  @Sendable static func slice2(_ x: Double) -> Jet {
    if x >= 1 { return Jet(value: 1, d1: 0, d2: 0) }
    if x <= -1 { return Jet(value: 0, d1: 0, d2: 0) }
    return Jet(value: (x + 1) * 0.5, d1: 0.5, d2: 0)
  }
}
