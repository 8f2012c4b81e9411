/// Hinge embedding loss, catalog id `hinge-embedding`: its entry (`spec`: signature, views, declared
/// properties, conventions, references), its documented `formula`, and
/// its stable implementation with the notes on why it is stable.
enum HingeEmbedding {
  static let spec = FunctionSpec(
    id: "hinge-embedding", name: "Hinge embedding loss", family: .pairwiseLoss, aliases: ["hinge-embedding-loss"],
    summary: "For a distance x between two embeddings: x itself for a similar pair (y = +1), pulling it to 0, and max(0, m − x) for a dissimilar pair (y = −1), pushing it beyond the margin m. PyTorch's HingeEmbeddingLoss, the contrastive loss of Hadsell, Chopra and LeCun with an unsquared distance.",
    parameters: [
      ParameterSpec(
        name: "margin", symbol: "m", defaultValue: 1, range: .positive, grid: [0.5, 1, 2],
        summary: "the distance beyond which a dissimilar pair costs nothing")
    ],
    arguments: [
      ArgumentSpec(name: "x", summary: "the distance between the two embeddings (any real, usually ≥ 0)"),
      PairwiseLosses.label("+1 for a similar pair, −1 for a dissimilar one"),
    ],
    differentiable: ["x"],
    evaluate: FunctionSpec.scalarEvaluator("x") { p, a in jet(y: a.real("y"), margin: p["margin"]) },
    views: { p in
      let m = p["margin"]
      let similar = DeclaredProperties(
        infimum: RangeBound(-.infinity, attained: false), supremum: RangeBound(.infinity, attained: false),
        monotonic: .increasing, derivativeMonotonic: .constant, continuity: .cInfinity, maxAbsDerivative: 1,
        saturatesLeft: false, saturatesRight: false, convex: true, concave: true, nonNegative: false,
        zeroAtCorrect: .never, gradientGrowth: .bounded)
      return [
        ScalarView(
          label: "x (y = -1)", argument: "x", fixed: [("y", .real(-1))], plotRange: -1...3, breakpoints: [m],
          declared: PairwiseLosses.hingeDecreasing, evaluate: jet(y: -1, margin: m)),
        ScalarView(
          label: "x (y = +1)", argument: "x", fixed: [("y", .real(1))], plotRange: -1...3,
          declared: similar, evaluate: jet(y: 1, margin: m)),
      ]
    },
    formula: formula,
    implementationNote: "y = +1 returns x itself; y = -1 rounds m - x once (the exact value beyond the Double range rounds to inf, as it should). The kink x = m is decided exactly and gets the derivative 0, as PyTorch's.",
    conventions: [
      FrameworkConvention(.pytorch, "torch.nn.HingeEmbeddingLoss(margin=1.0) / F.hinge_embedding_loss(x, y)", "per element the same loss (reduction='mean' averages); derivative {torch.hinge_embedding_loss.tie.grad_at_margin} at x = m for y = -1, as the catalog's; default margin {torch.hinge_embedding_loss.tie.default_margin}", definitional: ["y = -1"]),
      FrameworkConvention(.keras, "", "no built-in"),
      FrameworkConvention(.optax, "", "no built-in"),
      FrameworkConvention(.jaxnn, "", "no equivalent (jax.nn holds activations; see optax)"),
    ],
    references: [
      Reference("Hadsell, Chopra, LeCun, Dimensionality reduction by learning an invariant mapping, CVPR", year: 2006),
      Reference("PyTorch documentation, torch.nn.HingeEmbeddingLoss", year: 2017, url: "https://pytorch.org/docs/stable/generated/torch.nn.HingeEmbeddingLoss.html"),
    ]
  )

  /// The documented formulas: the tree the manual prints and the tests evaluate.
  static let formula = FunctionFormula(
    value: .cases([(.x, .equal(.y, .n(1))), (.max(.n(0), .margin - .x), .otherwise)]),
    derivatives: [("x", .cases([(.n(1), .equal(.y, .n(1))), (.n(-1), .less(.x, .margin)), (.n(0), .otherwise)]))],
    secondDerivative: .n(0))

  /// x, 1 for y = +1; max(0, m - x), -1 below the margin for y = -1.
  static func jet(y: Double, margin m: Double) -> @Sendable (Double) -> Jet {
    if y == 1 { return { x in Jet(value: x, d1: 1, d2: 0) } }
    return { x in x < m ? Jet(value: m - x, d1: -1, d2: 0) : Jet(value: 0, d1: 0, d2: 0) }
  }
}
