/// Margin ranking loss, catalog id `margin-ranking`: its entry (`spec`: signature, views, declared
/// properties, conventions, references), its documented `formula`, and
/// its stable implementation with the notes on why it is stable.
enum MarginRanking {
  static let spec = FunctionSpec(
    id: "margin-ranking", name: "Margin ranking loss", family: .pairwiseLoss, aliases: ["margin-ranking-loss"],
    summary: "max(0, −y (x1 − x2) + m) for two scores and a label saying which should rank higher (y = +1: x1): zero once the right score leads by the margin m, linear in the difference otherwise. The pairwise loss of learning to rank (PyTorch MarginRankingLoss).",
    parameters: [
      ParameterSpec(
        name: "margin", symbol: "m", defaultValue: 0, range: anyFinite, grid: [-1, 0, 1],
        summary: "the lead y (x1 − x2) below which a pair is penalized (PyTorch's default 0)")
    ],
    arguments: [
      ArgumentSpec(name: "x1", summary: "the score of the first item"),
      ArgumentSpec(name: "x2", summary: "the score of the second item"),
      PairwiseLosses.label("+1 if the first item should rank higher, −1 if the second"),
    ],
    differentiable: ["x1", "x2"],
    evaluate: { p, a throws(CatalogError) in
      let (value, active) = hinge(a.real("x1"), a.real("x2"), y: a.real("y"), margin: p["margin"])
      let g = active ? -a.real("y") : 0
      return Evaluation(
        value: .scalar(value), gradient: [NamedTensor("x1", .scalar(g)), NamedTensor("x2", .scalar(-g))],
        secondDerivative: 0)
    },
    views: { p in
      let m = p["margin"]
      return [
        ScalarView(
          label: "x1 (x2 = 0, y = +1)", argument: "x1", fixed: [("x2", .real(0)), ("y", .real(1))], plotRange: -3...3,
          breakpoints: [m], declared: PairwiseLosses.hingeDecreasing, evaluate: jet(y: 1, margin: m)),
        ScalarView(
          label: "x1 (x2 = 0, y = -1)", argument: "x1", fixed: [("x2", .real(0)), ("y", .real(-1))], plotRange: -3...3,
          breakpoints: [-m], declared: PairwiseLosses.hingeIncreasing, evaluate: jet(y: -1, margin: m)),
      ]
    },
    formula: formula,
    implementationNote: "-y (x1 - x2) + m = y x2 - y x1 + m is a sum of three exact terms (y = ±1 flips signs), summed exactly and rounded once (halved first where it could overflow), so the value is correctly rounded and the kink, where both derivatives are 0 (PyTorch's choice), is decided exactly: x1 = x2 + 1e-16 with m = 0 is a real lead. With x2 = 0 (the views) it is m - y x1 rounded once.",
    conventions: [
      FrameworkConvention(.pytorch, "torch.nn.MarginRankingLoss(margin=0.0) / F.margin_ranking_loss(x1, x2, y)", "per element the same loss (reduction='mean' averages); at the kink both gradients are {torch.margin_ranking_loss.tie.grad_x1} and {torch.margin_ranking_loss.tie.grad_x2}, as the catalog's; default margin {torch.margin_ranking_loss.tie.default_margin}"),
      FrameworkConvention(.keras, "", "no built-in"),
      FrameworkConvention(.optax, "", "no built-in; jnp.maximum(0, -y * (x1 - x2) + m) by hand splits the gradient at the kink ({jax.jnp.tie-grads.maximum_grad_at_tie} of each side)", definitional: ["jnp.maximum(0, -y * (x1 - x2) + m)"]),
      FrameworkConvention(.jaxnn, "", "no equivalent (jax.nn holds activations; see optax)"),
    ],
    references: [
      Reference("Herbrich, Graepel, Obermayer, Large margin rank boundaries for ordinal regression, Advances in Large Margin Classifiers, MIT Press", year: 2000),
      Reference("Burges, Shaked, Renshaw, Lazier, Deeds, Hamilton, Hullender, Learning to rank using gradient descent, ICML", year: 2005),
    ]
  )

  /// Any finite real number: (-inf, inf).
  static let anyFinite = ParameterRange(lower: -.infinity, lowerInclusive: false, upper: .infinity, upperInclusive: false)

  /// x1 and x2, printed with subscripts.
  static let x1 = Expr.symbol(Symbol("x1", latex: "x_1", mathml: "<msub><mi>x</mi><mn>1</mn></msub>"))
  static let x2 = Expr.symbol(Symbol("x2", latex: "x_2", mathml: "<msub><mi>x</mi><mn>2</mn></msub>"))
  /// -y (x1 - x2) + m, the quantity the hinge clips, written
  /// y x2 + m - y x1: evaluated in that order in Double (the formula
  /// tests do), y x2 + m is exact for the golden vectors' kinks and the
  /// last difference then decides the kink as the exact sum does.
  static let excess = .y * x2 + .margin - .y * x1

  /// The documented formulas: the tree the manual prints and the tests evaluate.
  static let formula = FunctionFormula(
    value: .max(.n(0), excess),
    derivatives: [
      ("x1", .cases([(-.y, .greater(excess, .n(0))), (.n(0), .otherwise)])),
      ("x2", .cases([(.y, .greater(excess, .n(0))), (.n(0), .otherwise)])),
    ],
    secondDerivative: .n(0))

  /// max(0, y x2 - y x1 + m) correctly rounded, and whether it is positive
  /// (the piece with derivatives -y, y).
  ///
  /// The three terms are exact (y = ±1), so their exact sum rounded once is
  /// the correctly rounded value and its sign is exact. Where |x2 - x1| or
  /// the sum could overflow, the halves are summed and doubled (halving the
  /// large terms is exact; the sum is then at least 2^1022 in magnitude or
  /// a difference of such terms, which no subnormal rounding can reach).
  static func hinge(_ x1: Double, _ x2: Double, y: Double, margin m: Double) -> (value: Double, active: Bool) {
    let u = StableMath.residual(y * x2, y * x1)
    let z: Double
    if u.hi.isFinite && (abs(u.hi) + abs(m)).isFinite {
      let s = DoubleDouble.twoSum(u.hi, m)
      z = ExactSum.of([s.hi, s.lo, u.lo])
    } else {
      let h = StableMath.halfResidual(y * x2, y * x1)
      let s = DoubleDouble.twoSum(h.hi, 0.5 * m)
      z = 2 * ExactSum.of([s.hi, s.lo, h.lo])
    }
    return z > 0 ? (z, true) : (0, false)
  }

  /// The view x2 = 0: max(0, m - y x1), m - y x1 rounded once; derivative
  /// -y on the sloped piece.
  static func jet(y: Double, margin m: Double) -> @Sendable (Double) -> Jet {
    { x1 in
      let z = m - y * x1
      return z > 0 ? Jet(value: z, d1: -y, d2: 0) : Jet(value: 0, d1: 0, d2: 0)
    }
  }
}
