/// Multiclass hinge (Crammer-Singer), catalog id `crammer-singer`: its entry (`spec`: signature, views, declared
/// properties, conventions, references), its documented `formula`, and
/// its stable implementation with the notes on why it is stable.
enum CrammerSinger {
  static let spec = FunctionSpec(
    id: "crammer-singer", name: "Multiclass hinge (Crammer-Singer)", family: .multiclassLoss,
    aliases: ["crammer-singer-hinge"],
    summary: "max(0, δ + max over j ≠ k of sⱼ − sₖ): only the strongest wrong class is penalized, when it comes within δ of the true class. The multiclass SVM of Crammer and Singer.",
    parameters: [
      ParameterSpec(
        name: "delta", symbol: "\\Delta", defaultValue: 1, range: .positive, grid: [0.5, 1],
        summary: "the margin the true score must exceed the best other score by")
    ],
    arguments: [MulticlassLosses.scores, MulticlassLosses.trueClass], differentiable: ["s"],
    evaluate: { p, a throws(CatalogError) in
      let s = a.vector("s")
      let k = try MulticlassLosses.classIndex(a, classes: s.count, id: "crammer-singer")
      return evaluation(s, k: k, delta: p["delta"])
    },
    views: { p in [MulticlassLosses.hingeSlice(delta: p["delta"], slope: 1)] },
    domain: { _ in
      // 0 once every margin is met; a maximum of affine functions: convex in s.
      DeclaredDomainProperties(
        infimum: RangeBound(0, attained: true), supremum: RangeBound(.infinity, attained: false), nonNegative: true,
        convex: true)
    },
    formula: formula,
    implementationNote: "The first j ≠ k with the largest s_j is found by comparison (exact); its margin s_j - s_k + delta is summed exactly, so L is correctly rounded and L > 0, which decides the subgradient, is decided exactly. Ties among the wrong classes go to the first index, as the catalog says.",
    conventions: [
      FrameworkConvention(.pytorch, "", "no built-in; torch.clamp(delta + (s - big * onehot).max() - s[k], min=0) by hand", definitional: ["min=0"]),
      FrameworkConvention(.keras, "keras.losses.CategoricalHinge()", "delta fixed at 1; takes one-hot targets; its max runs over (1 - y) * s, which includes the true-class slot as 0, so it differs from Crammer-Singer when all other scores are negative: {keras.categorical_hinge.vs-crammer-singer.value} instead of 0 at s = [0.5, -5, -5], k = 0", definitional: ["fixed at 1", "(1 - y) * s", "as 0", "instead of 0", "s = [0.5, -5, -5], k = 0"]),
      FrameworkConvention(.optax, "optax.losses.multiclass_hinge_loss(s, k)", "delta fixed at 1; jnp.max splits the gradient among tied wrong classes ({optax.multiclass_hinge_loss.crammer-singer.grad_at_tie} at s = [0, 1, 1], k = 0) instead of taking the first", definitional: ["fixed at 1", "s = [0, 1, 1], k = 0"]),
      FrameworkConvention(.jaxnn, "", "no equivalent (jax.nn holds activations; see optax)"),
    ],
    references: [
      Reference("Crammer, Singer, On the algorithmic implementation of multiclass kernel-based vector machines, JMLR 2", year: 2001)
    ]
  ).withLines(
    // Piecewise linear in s: f'' = 0 on every piece.
    MulticlassLosses.lines { p, a in
      let k = a.integer("k")
      let delta = p["delta"]
      return { s, i in MulticlassLosses.jet(evaluation(s, k: k, delta: delta), element: i, d2: 0) }
    })

  /// The documented formulas: the tree the manual prints and the tests evaluate.
  static let formula = FunctionFormula(
    value: .max(.n(0), largestMargin(.j)),
    derivatives: [
      (
        "s",
        .cases([
          (.n(1), .and([.equal(.symbol(.j), runnerUp), .greater(largestMargin(.l), .n(0))])),
          (.n(-1), .and([.equal(.symbol(.j), .symbol(.k)), .greater(largestMargin(.l), .n(0))])),
          (.n(0), .otherwise),
        ])
      )
    ],
    derivativeIndices: [.j])

  /// max over j != k of s_j, minus s_k, plus delta (maximising over
  /// `j`). In this order the sign of a tiny margin is exact: the
  /// difference of two close scores is exact (Sterbenz).
  static func largestMargin(_ j: Symbol) -> Expr {
    .maxOver(j, excluding: .k, .element(.s, index: j)) - .element(.s, index: .k) + .delta
  }

  /// j^*: the first j != k with the largest s_j.
  static let runnerUp = Expr.named(
    Symbol("j*", latex: "j^*", mathml: "<msup><mi>j</mi><mo>∗</mo></msup>"),
    .argmaxOver(.l, excluding: .k, .element(.s, index: .l)))

  static func evaluation(_ s: [Double], k: Int, delta: Double) -> Evaluation {
    var best = -1
    for j in s.indices where j != k {
      if best < 0 || s[j] > s[best] { best = j }
    }
    let margin = MulticlassLosses.marginParts(s[best], s[k], delta)
    var gradient = [Double](repeating: 0, count: s.count)
    var value = 0.0
    if margin.sign > 0 {
      value = MulticlassLosses.exactTotal([margin.parts])
      gradient[best] = 1
      gradient[k] = -1
    }
    return Evaluation(value: .scalar(value), gradient: [NamedTensor("s", .vector(gradient))])
  }
}
