/// Multiclass hinge (Weston-Watkins), catalog id `multiclass-hinge`: its entry (`spec`: signature, views, declared
/// properties, conventions, references), its documented `formula`, and
/// its stable implementation with the notes on why it is stable.
enum MulticlassHinge {
  static let spec = FunctionSpec(
    id: "multiclass-hinge", name: "Multiclass hinge (Weston-Watkins)", family: .multiclassLoss,
    aliases: ["svm", "multiclass-svm", "weston-watkins"],
    summary: "Σ over j ≠ k of max(0, sⱼ − sₖ + δ): every wrong class whose score comes within δ of the true one adds its violation. The multiclass SVM loss of Weston and Watkins (the CS231n 'SVM loss').",
    parameters: [
      ParameterSpec(
        name: "delta", symbol: "\\Delta", defaultValue: 1, range: .positive, grid: [0.5, 1],
        summary: "the margin the true score must exceed every other score by")
    ],
    arguments: [MulticlassLosses.scores, MulticlassLosses.trueClass], differentiable: ["s"],
    evaluate: { p, a throws(CatalogError) in
      let s = a.vector("s")
      let k = try MulticlassLosses.classIndex(a, classes: s.count, id: "multiclass-hinge")
      return evaluation(s, k: k, delta: p["delta"])
    },
    views: { p in [MulticlassLosses.hingeSlice(delta: p["delta"], slope: 2)] },
    domain: { _ in
      // 0 once every margin is met; a maximum of affine functions: convex in s.
      DeclaredDomainProperties(
        infimum: RangeBound(0, attained: true), supremum: RangeBound(.infinity, attained: false), nonNegative: true,
        convex: true)
    },
    formula: formula,
    implementationNote: "Each margin s_j - s_k + delta is summed exactly (TwoSum, then an exact sum of the three parts), so its sign, which decides the subgradient, is exact, and the loss is the correctly rounded sum of the positive margins. At a tie (margin exactly 0) the term is inactive (gradient 0), as in PyTorch's multi_margin_loss (gradient {torch.multi_margin_loss.convention.grad_at_tie} at a tie).",
    conventions: [
      FrameworkConvention(.pytorch, "torch.nn.functional.multi_margin_loss(s, k, margin=delta)", "divides the sum by C (the number of classes)"),
      FrameworkConvention(.keras, "", "no equivalent; keras.losses.CategoricalHinge is max(0, 1 + max_j ((1 - y_j) s_j) - s_k): its max includes the zeroed true-class slot, so it is not Crammer-Singer when every other score is negative ({keras.categorical_hinge.vs-crammer-singer.value} instead of 0 at s = [0.5, -5, -5], k = 0)", definitional: ["max(0, 1 + max_j ((1 - y_j) s_j) - s_k)", "instead of 0", "s = [0.5, -5, -5], k = 0"]),
      FrameworkConvention(.optax, "", "no equivalent; optax.losses.multiclass_hinge_loss is Crammer-Singer with delta = 1", definitional: ["delta = 1"]),
      FrameworkConvention(.jaxnn, "", "no equivalent (jax.nn holds activations; see optax)"),
    ],
    references: [
      Reference("Weston, Watkins, Support vector machines for multi-class pattern recognition, ESANN", year: 1999)
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
    value: .sumOver(.j, excluding: .k, .max(.n(0), margin(.j))),
    derivatives: [
      (
        "s",
        .cases([
          (-.sumOver(.l, excluding: .k, .indicator(.greater(margin(.l), .n(0)))), .equal(.symbol(.j), .symbol(.k))),
          (.indicator(.greater(margin(.j), .n(0))), .otherwise),
        ])
      )
    ],
    derivativeIndices: [.j])

  /// The hinge margin s_j - s_k + delta of class `j`.
  static func margin(_ j: Symbol) -> Expr { .element(.s, index: j) - .element(.s, index: .k) + .delta }

  static func evaluation(_ s: [Double], k: Int, delta: Double) -> Evaluation {
    var active: [[Double]] = []
    var gradient = [Double](repeating: 0, count: s.count)
    for j in s.indices where j != k {
      let margin = MulticlassLosses.marginParts(s[j], s[k], delta)
      if margin.sign > 0 {
        active.append(margin.parts)
        gradient[j] = 1
        gradient[k] -= 1
      }
    }
    let value = active.isEmpty ? 0 : MulticlassLosses.exactTotal(active)
    return Evaluation(value: .scalar(value), gradient: [NamedTensor("s", .vector(gradient))])
  }
}
