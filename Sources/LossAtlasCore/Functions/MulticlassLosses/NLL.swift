/// Negative log-likelihood, catalog id `nll`: its entry (`spec`: signature, views, declared
/// properties, conventions, references), its documented `formula`, and
/// its stable implementation with the notes on why it is stable.
enum NLL {
  static let spec = FunctionSpec(
    id: "nll", name: "Negative log-likelihood", family: .multiclassLoss, aliases: ["nll-loss", "negative-log-likelihood"],
    summary: "−sₖ: the negative of the true class's entry of a vector of log-probabilities. Applied to log-softmax outputs it is the cross-entropy; on its own it is linear in s (PyTorch NLLLoss, unweighted).",
    arguments: [MulticlassLosses.scores, MulticlassLosses.trueClass], differentiable: ["s"],
    evaluate: { _, a throws(CatalogError) in
      let s = a.vector("s")
      let k = try MulticlassLosses.classIndex(a, classes: s.count, id: "nll")
      var gradient = [Double](repeating: 0, count: s.count)
      gradient[k] = -1
      // -s_k is exact.
      return Evaluation(value: .scalar(-s[k]), gradient: [NamedTensor("s", .vector(gradient))])
    },
    views: { _ in
      [
        ScalarView(
          label: "s = [x, 0], k = 0", argument: "s[0]", fixed: [("k", .integer(0))], plotRange: -6...6,
          declared: DeclaredProperties(
            infimum: RangeBound(-.infinity, attained: false), supremum: RangeBound(.infinity, attained: false),
            monotonic: .decreasing, derivativeMonotonic: .constant, continuity: .cInfinity, maxAbsDerivative: 1,
            saturatesLeft: false, saturatesRight: false, convex: true, concave: true, nonNegative: false,
            gradientGrowth: .bounded),
          evaluate: { x in Jet(value: -x, d1: -1, d2: 0) })
      ]
    },
    formula: formula,
    implementationNote: "-s_k is exact; the gradient -onehot(k) is exact. The loss is only a log-likelihood when s holds log-probabilities (log-softmax outputs); on raw scores it is unbounded below, and the catalog takes any finite s, as PyTorch does.",
    conventions: [
      FrameworkConvention(.pytorch, "torch.nn.functional.nll_loss(s, k, reduction='none')", "none (at s = [0.3, -1.2, 2.5], k = 1: {torch.nll_loss.value.value}, gradient {torch.nll_loss.value.grad}); expects log-probabilities but does not check them; weight and ignore_index change it",
        definitional: ["s = [0.3, -1.2, 2.5], k = 1"]),
      FrameworkConvention(.keras, "", "no equivalent; keras.losses.SparseCategoricalCrossentropy takes probabilities or logits, not log-probabilities"),
      FrameworkConvention(.optax, "", "no equivalent; -jnp.take_along_axis(log_probs, k) by hand"),
      FrameworkConvention(.jaxnn, "", "no equivalent (jax.nn holds activations)"),
    ],
    references: [
      Reference("Bishop, Pattern Recognition and Machine Learning, §4.3.4 (multiclass logistic regression)", year: 2006),
      Reference("Goodfellow, Bengio, Courville, Deep Learning, §6.2.1.1", year: 2016),
    ]
  )

  /// The documented formulas: the tree the manual prints and the tests evaluate.
  static let formula = FunctionFormula(
    value: -.element(.s, index: .k),
    derivatives: [("s", -.kronecker(.j, .k))],
    derivativeIndices: [.j])
}
