/// Perceptron loss, catalog id `perceptron`: its entry (`spec`: signature, views, declared
/// properties, conventions, references), its documented `formula`, and
/// its stable implementation with the notes on why it is stable.
enum Perceptron {
  static let spec = FunctionSpec(
    id: "perceptron", name: "Perceptron loss", family: .pairwiseLoss, aliases: ["perceptron-loss"],
    summary: "max(0, −ys): zero as soon as the score has the label's sign, linear in the score otherwise. Rosenblatt's perceptron criterion: the hinge loss with margin 0, so it never asks for confidence.",
    arguments: MarginLosses.arguments, differentiable: ["s"],
    evaluate: MarginLosses.evaluator(jet),
    views: { _ in
      MarginLosses.views(
        plotRange: -3...3, breakpoint: 0, positive: PairwiseLosses.hingeDecreasing,
        negative: MarginLosses.mirrored(PairwiseLosses.hingeDecreasing), jet)
    },
    formula: formula,
    implementationNote: "t = y s is exact (y = ±1 flips a sign), so the value -t is exact too; the kink y s = 0 is decided exactly and gets the derivative 0 (the flat piece), so a score of exactly 0 is not updated.",
    conventions: [
      FrameworkConvention(.pytorch, "", "no built-in; written torch.clamp(-y * s, min=0), its gradient at the clamp's boundary is {torch.hinge.kink-grad.clamp_y_plus} (measured on the hinge's clamp), as the catalog's", definitional: ["min=0"]),
      FrameworkConvention(.keras, "", "no built-in"),
      FrameworkConvention(.optax, "optax.losses.perceptron_loss(s, y)", "jnp.maximum splits the gradient at the kink y s = 0: {optax.perceptron_loss.tie-grad.y_plus} for y = +1 and {optax.perceptron_loss.tie-grad.y_minus} for y = -1, instead of 0", definitional: ["y s = 0", "y = +1", "y = -1", "instead of 0"]),
      FrameworkConvention(.jaxnn, "", "no equivalent (jax.nn holds activations; see optax)"),
    ],
    references: [
      Reference("Rosenblatt, The perceptron: a probabilistic model for information storage and organization in the brain, Psychological Review 65(6)", year: 1958),
      Reference("Bishop, Pattern Recognition and Machine Learning, §4.1.7", year: 2006),
    ]
  )

  /// The documented formulas: the tree the manual prints and the tests evaluate.
  static let formula = FunctionFormula(
    value: .max(.n(0), -.ys),
    derivatives: [("s", .cases([(-.y, .less(.ys, .n(0))), (.n(0), .otherwise)]))],
    secondDerivative: .n(0))

  /// max(0, -t), t = y s; derivative -y for t < 0, else 0.
  @Sendable static func jet(_ s: Double, _ y: Double) -> Jet {
    let t = y * s
    if t < 0 { return Jet(value: -t, d1: -y, d2: 0) }
    return Jet(value: 0, d1: 0, d2: 0)
  }
}
