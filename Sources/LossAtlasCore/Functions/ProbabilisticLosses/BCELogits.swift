/// Binary cross-entropy with logits, catalog id `bce-logits`: its entry (`spec`: signature, views, declared
/// properties, conventions, references), its documented `formula`, and
/// its stable implementation with the notes on why it is stable.
enum BCELogits {
  static let spec = FunctionSpec(
    id: "bce-logits", name: "Binary cross-entropy with logits", family: .probabilisticLoss,
    aliases: ["bce-with-logits", "sigmoid-cross-entropy"],
    summary: "Binary cross-entropy of σ(z) against a target y in [0, 1], written in the logit z: y softplus(−z) + (1 − y) softplus(z). The numerically safe way to train a sigmoid output.",
    arguments: [
      ArgumentSpec(name: "z", summary: "the logit (pre-sigmoid score)"),
      ArgumentSpec(name: "y", domain: .unit, summary: "the target probability (a label 0 or 1, or a soft target)"),
    ],
    differentiable: ["z"],
    evaluate: FunctionSpec.scalarEvaluator("z") { _, a in
      let y = a.real("y")
      return jet(y: y)
    },
    views: { _ in
      let y1 = DeclaredProperties(
        infimum: RangeBound(0, attained: false), supremum: RangeBound(.infinity, attained: false),
        monotonic: .decreasing, derivativeMonotonic: .increasing, continuity: .cInfinity, maxAbsDerivative: 1,
        saturatesLeft: false, saturatesRight: true, convex: true, concave: false, nonNegative: true,
        zeroAtCorrect: .limit, gradientGrowth: .bounded)
      var y0 = y1
      y0.monotonic = .increasing
      y0.saturatesLeft = true
      y0.saturatesRight = false
      let ySoft = DeclaredProperties(
        infimum: RangeBound(ProbabilisticLosses.entropyOfPointThree, attained: true), supremum: RangeBound(.infinity, attained: false),
        monotonic: .neither, derivativeMonotonic: .increasing, continuity: .cInfinity, maxAbsDerivative: 0.7,
        saturatesLeft: false, saturatesRight: false, convex: true, concave: false, nonNegative: true,
        zeroAtCorrect: .never, gradientGrowth: .bounded)
      return [
        ScalarView(
          label: "z (y = 1)", argument: "z", fixed: [("y", .real(1))], plotRange: -6...6, declared: y1,
          evaluate: jet(y: 1)),
        ScalarView(
          label: "z (y = 0)", argument: "z", fixed: [("y", .real(0))], plotRange: -6...6, declared: y0,
          evaluate: jet(y: 0)),
        ScalarView(
          label: "z (y = 0.3)", argument: "z", fixed: [("y", .real(0.3))], plotRange: -6...6, declared: ySoft,
          evaluate: jet(y: 0.3)),
      ]
    },
    domain: { _ in
      // Tends to 0 for y in {0, 1} as z -> -/+inf, never reaches it; convex in z.
      DeclaredDomainProperties(
        infimum: RangeBound(0, attained: false), supremum: RangeBound(.infinity, attained: false), nonNegative: true,
        convex: true)
    },
    formula: formula,
    naive: NaiveForm(
      valueFormula: "-(y log sigma(z) + (1 - y) log(1 - sigma(z)))", derivativeFormula: "sigma(z) - y",
      value: { _ in
        { z in
          let s = 1 / (1 + exp(-z))
          return -(1 * log(s) + 0 * log(1 - s))
        }
      },
      derivative: { _ in { z in 1 / (1 + exp(-z)) - 1 } }),
    implementationNote: "y softplus(-z) + (1 - y) softplus(z) = (1 - y) z + log1p(e^-z) for z ≥ 0 and y (-z) + log1p(e^z) below: two non-negative terms with 1 - y exact, so nothing cancels (max(z, 0) - z y + log1p(e^-|z|) cancels for y near 1, z > 0). The gradient sigma(z) - y as (1 - y) - sigma(-z) or sigma(z) - y in double-double, sigma(-|z|) = E/(1 + E) from one exp.",
    conventions: [
      FrameworkConvention(.pytorch, "torch.nn.functional.binary_cross_entropy_with_logits(z, y)", "computes (1 - y) z - logsigmoid(z), which cancels for y = 0, z < 0: exactly 0 for z ≤ {torch.bce_with_logits.zero-below.zero_up_to} (the exact loss there is {torch.bce_with_logits.zero-below.exact_at_zero_up_to})", definitional: ["(1 - y) z", "y = 0", "z < 0", "exactly 0"]),
      FrameworkConvention(.keras, "keras.losses.BinaryCrossentropy(from_logits=True)", "the same per-element loss, averaged over the last axis in {keras.ops.mean.float32.compute_dtype} (off by up to {keras.binary_crossentropy.logits-as-logistic.max_ulp} ulp)"),
      FrameworkConvention(.optax, "optax.losses.sigmoid_binary_cross_entropy(z, y)", "none in value (log_sigmoid based; relative error {optax.sigmoid_binary_cross_entropy.tail.rel_error_at_minus_37} at z = -37, y = 0)", definitional: ["z = -37, y = 0"]),
      FrameworkConvention(.jaxnn, "", "no equivalent (jax.nn holds activations; see optax)"),
    ],
    references: [
      Reference("Goodfellow, Bengio, Courville, Deep Learning, §6.2.2.2", year: 2016),
    ]
  )

  /// The documented formulas: the tree the manual prints and the tests evaluate.
  static let formula = FunctionFormula(
    value: .max(.z, .n(0)) - .z * .y + .log(.n(1) + .exp(-.abs(.z))),
    derivatives: [("z", .sigma(.z) - .y)],
    secondDerivative: .sigma(.z) * .sigma(-.z))

  /// The jet of bce-logits in z for a fixed target y (1 - y formed exactly once).
  static func jet(y: Double) -> @Sendable (Double) -> Jet {
    let target = DoubleDouble(y)
    let oneMinusY = DoubleDouble.twoSum(1, -y)
    return { z in StableMath.logisticCrossEntropyJet(z, y: target, oneMinusY: oneMinusY) }
  }
}
