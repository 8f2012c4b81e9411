/// Multiclass perceptron, catalog id `multiclass-perceptron`: its entry (`spec`: signature, views, declared
/// properties, conventions, references), its documented `formula`, and
/// its stable implementation with the notes on why it is stable.
enum MulticlassPerceptron {
  static let spec = FunctionSpec(
    id: "multiclass-perceptron", name: "Multiclass perceptron", family: .multiclassLoss,
    aliases: ["multiclass-perceptron-loss"],
    summary: "maxⱼ sⱼ − sₖ: how far the true class's score is below the best score, 0 when the true class wins. The loss of the multiclass perceptron (Crammer-Singer without a margin); optax multiclass_perceptron_loss.",
    arguments: [MulticlassLosses.scores, MulticlassLosses.trueClass], differentiable: ["s"],
    evaluate: { _, a throws(CatalogError) in
      let s = a.vector("s")
      let k = try MulticlassLosses.classIndex(a, classes: s.count, id: "multiclass-perceptron")
      return evaluation(s, k: k)
    },
    views: { _ in
      [
        ScalarView(
          label: "s = [x, 0], k = 0", argument: "s[0]", fixed: [("k", .integer(0))], plotRange: -3...3,
          breakpoints: [0],
          declared: DeclaredProperties(
            infimum: RangeBound(0, attained: true), supremum: RangeBound(.infinity, attained: false),
            monotonic: .decreasing, derivativeMonotonic: .increasing, continuity: .c0, maxAbsDerivative: 1,
            saturatesLeft: false, saturatesRight: true, convex: true, concave: false, nonNegative: true,
            zeroAtCorrect: .attained, gradientGrowth: .bounded),
          evaluate: { x in
            // max(x, 0) - x = max(0, -x); at x = 0 the true class is a largest score: 0.
            x < 0 ? Jet(value: -x, d1: -1, d2: 0) : Jet(value: 0, d1: 0, d2: 0)
          })
      ]
    },
    formula: formula,
    implementationNote: "The first largest score is found by comparison (exact), and max s - s_k is one correctly rounded difference (+inf only where the exact difference is beyond the Double range). L > 0 exactly when s_k is not a largest score, so the subgradient's branch is exact; at a tie for the largest score it is 0, as the catalog says.",
    conventions: [
      FrameworkConvention(.pytorch, "", "no built-in; s.max() - s[k] by hand"),
      FrameworkConvention(.keras, "", "no equivalent"),
      FrameworkConvention(.optax, "optax.losses.multiclass_perceptron_loss(s, k)", "jnp.max splits the gradient among tied largest scores: {optax.multiclass_perceptron_loss.tie-grad.grad_k_tied} at s = [1, 1, 0], k = 0 and {optax.multiclass_perceptron_loss.tie-grad.grad_wrong_tied} at [0, 1, 1], k = 0 (the catalog: all 0, and [-1, 1, 0])",
        definitional: ["s = [1, 1, 0], k = 0", "[0, 1, 1], k = 0", "all 0", "[-1, 1, 0]"]),
      FrameworkConvention(.jaxnn, "", "no equivalent (jax.nn holds activations; see optax)"),
    ],
    references: [
      Reference("Collins, Discriminative training methods for hidden Markov models: theory and experiments with perceptron algorithms, EMNLP", year: 2002),
      Reference("Crammer, Singer, Ultraconservative online algorithms for multiclass problems, JMLR 3", year: 2003),
    ]
  )

  /// The documented formulas: the tree the manual prints and the tests evaluate.
  static let formula = FunctionFormula(
    value: loss,
    derivatives: [
      (
        "s",
        .cases([
          (.n(1), .and([.equal(.symbol(.j), winner), .greater(loss, .n(0))])),
          (.n(-1), .and([.equal(.symbol(.j), .symbol(.k)), .greater(loss, .n(0))])),
          (.n(0), .otherwise),
        ])
      )
    ],
    derivativeIndices: [.j])

  /// max over l of s_l, minus s_k.
  static let loss = Expr.maxOver(.l, excluding: nil, .element(.s, index: .l)) - .element(.s, index: .k)

  /// j^*: the first l with the largest s_l.
  static let winner = Expr.named(
    Symbol("j*", latex: "j^*", mathml: "<msup><mi>j</mi><mo>∗</mo></msup>"),
    .argmaxOver(.l, excluding: nil, .element(.s, index: .l)))

  static func evaluation(_ s: [Double], k: Int) -> Evaluation {
    var best = 0
    for j in s.indices where s[j] > s[best] { best = j }
    var gradient = [Double](repeating: 0, count: s.count)
    var value = 0.0
    // s_k < max exactly when the first largest is not k and s_k differs from it.
    if s[k] < s[best] {
      value = s[best] - s[k]
      gradient[best] = 1
      gradient[k] = -1
    }
    return Evaluation(value: .scalar(value), gradient: [NamedTensor("s", .vector(gradient))])
  }
}
