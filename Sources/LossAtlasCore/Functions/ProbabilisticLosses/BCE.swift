/// Binary cross-entropy, catalog id `bce`: its entry (`spec`: signature, views, declared
/// properties, conventions, references), its documented `formula`, and
/// its stable implementation with the notes on why it is stable.
enum BCE {
  static let spec = FunctionSpec(
    id: "bce", name: "Binary cross-entropy", family: .probabilisticLoss,
    aliases: ["log-loss", "binary-cross-entropy"],
    summary: "−(y log p + (1 − y) log(1 − p)) for a predicted probability p and a target y in [0, 1]: the negative log-likelihood of a Bernoulli model. Infinite for a confident wrong prediction.",
    arguments: [
      ArgumentSpec(name: "p", domain: .unit, summary: "the predicted probability of the positive class"),
      ArgumentSpec(name: "y", domain: .unit, summary: "the target probability (a label 0 or 1, or a soft target)"),
    ],
    differentiable: ["p"],
    evaluate: FunctionSpec.scalarEvaluator("p") { _, a in
      let y = a.real("y")
      return { p in jet(p, y) }
    },
    views: { _ in
      let domain = RealInterval(0, 1)
      let y1 = DeclaredProperties(
        infimum: RangeBound(0, attained: true), monotonic: .decreasing, derivativeMonotonic: .increasing,
        saturatesLeft: false, saturatesRight: false, convex: true, concave: false, nonNegative: true,
        zeroAtCorrect: .attained)
      let y0 = DeclaredProperties(
        infimum: RangeBound(0, attained: true), monotonic: .increasing, derivativeMonotonic: .increasing,
        saturatesLeft: false, saturatesRight: false, convex: true, concave: false, nonNegative: true,
        zeroAtCorrect: .attained)
      let ySoft = DeclaredProperties(
        infimum: RangeBound(ProbabilisticLosses.entropyOfPointThree, attained: true), monotonic: .neither,
        derivativeMonotonic: .increasing, saturatesLeft: false, saturatesRight: false, convex: true, concave: false,
        nonNegative: true, zeroAtCorrect: .never)
      return [
        ScalarView(
          label: "p (y = 1)", argument: "p", fixed: [("y", .real(1))], domain: domain, plotRange: 0...1,
          declared: y1, evaluate: { p in jet(p, 1) }),
        ScalarView(
          label: "p (y = 0)", argument: "p", fixed: [("y", .real(0))], domain: domain, plotRange: 0...1,
          declared: y0, evaluate: { p in jet(p, 0) }),
        ScalarView(
          label: "p (y = 0.3)", argument: "p", fixed: [("y", .real(0.3))], domain: domain, plotRange: 0...1,
          declared: ySoft, evaluate: { p in jet(p, 0.3) }),
      ]
    },
    domain: { _ in
      // 0 at p = y in {0, 1}; +inf at p = 1 - y for a hard label (an infinite
      // value is not attained); convex in p for every y.
      DeclaredDomainProperties(
        infimum: RangeBound(0, attained: true), supremum: RangeBound(.infinity, attained: false), nonNegative: true,
        convex: true)
    },
    formula: formula,
    naive: NaiveForm(
      valueFormula: "-(y log p + (1 - y) log(1 - p))", derivativeFormula: "(p - y) / (p (1 - p))",
      value: { _ in { p in -(1 * log(p) + 0 * log(1 - p)) } },
      derivative: { _ in { p in (p - 1) / (p * (1 - p)) } }),
    implementationNote: "Two non-negative terms, 0 log 0 = 0 taken literally (the naive form is 0 * -inf = NaN at p = 0, y = 0); log(1 - p) as log1p(-p) for p ≤ 1/2 and log of the exact 1 - p above; 1 - y exact as a double-double. The gradient (p - y)/(p (1 - p)) is a quotient of exact double-doubles (p - y, p (1 - p)) rounded once, with the one-sided limits +1 at (0, 0) and -1 at (1, 1), and ±inf at p = 0 (y > 0) and p = 1 (y < 1).",
    conventions: [
      FrameworkConvention(.pytorch, "torch.nn.functional.binary_cross_entropy(p, y)", "clamps log at -100: the loss is exactly 100 y for p ≤ {torch.binary_cross_entropy.clamps.capped_up_to} ({torch.binary_cross_entropy.clamps.value_at_1e_255} at p = 1e-255, exact {torch.binary_cross_entropy.clamps.exact_at_1e_255}); the gradient divides by max(p (1 - p), 1e-12) with 1e-12 as a float32 ({torch.binary_cross_entropy.clamps.grad_at_1_0} at p = 1, y = 0); {torch.binary_cross_entropy.clamps.grad_at_0_0} at (0, 0) and {torch.binary_cross_entropy.clamps.grad_at_1_1} at (1, 1) instead of +1 / -1", definitional: ["-100", "100 y", "p = 1e-255", "max(p (1 - p), 1e-12)", "1e-12 as a float32", "p = 1, y = 0", "(0, 0)", "(1, 1)", "+1 / -1"]),
      FrameworkConvention(.keras, "keras.losses.BinaryCrossentropy()", "clips p to [epsilon, 1 - epsilon] with epsilon = {keras.binary_crossentropy.clip.epsilon} rounded to float32: the loss never exceeds {keras.binary_crossentropy.clip.value_at_0} and the gradient is {keras.binary_crossentropy.clip.grad_at_1e_9} outside the clip (at p = 1e-9)", definitional: ["1 - epsilon", "float32", "p = 1e-9"]),
      FrameworkConvention(.optax, "", "no probability-input BCE; optax.losses.sigmoid_binary_cross_entropy takes logits (see bce-logits)"),
      FrameworkConvention(.jaxnn, "", "no equivalent (jax.nn holds activations; see optax)"),
    ],
    references: [
      Reference("Goodfellow, Bengio, Courville, Deep Learning, §6.2.2.2", year: 2016),
      Reference("Bishop, Pattern Recognition and Machine Learning, §4.3.2", year: 2006),
    ]
  )

  /// The documented formulas: the tree the manual prints and the tests evaluate.
  static let formula = FunctionFormula(
    value: .cases([
      (-.log(.n(1) - .p), .equal(.y, .n(0))),
      (-.log(.p), .equal(.y, .n(1))),
      (-(.y * .log(.p) + (.n(1) - .y) * .log(.n(1) - .p)), .otherwise),
    ]),
    derivatives: [
      (
        "p",
        .cases([
          (.n(1), .and([.equal(.p, .n(0)), .equal(.y, .n(0))])),
          (.n(-1), .and([.equal(.p, .n(1)), .equal(.y, .n(1))])),
          ((.p - .y) / (.p * (.n(1) - .p)), .otherwise),
        ])
      )
    ],
    secondDerivative: .cases([
      (.n(1) / (.n(1) - .p).pow(.n(2)), .equal(.y, .n(0))),
      (.n(1) / .p.pow(.n(2)), .equal(.y, .n(1))),
      (.y / .p.pow(.n(2)) + (.n(1) - .y) / (.n(1) - .p).pow(.n(2)), .otherwise),
    ]))

  /// bce in p with its first two derivatives:
  /// L = -y log p - (1 - y) log(1 - p), L' = (p - y)/(p (1 - p)),
  /// L'' = y/p^2 + (1 - y)/(1 - p)^2.
  @inline(__always)
  ///
  /// p = -0 is the end p = 0 of the domain, not a number below it, and
  /// gives what +0 gives: -1/p is taken as -inf at p = ±0 (-1/-0 is +inf),
  /// and the value 0 - log1p(-p) is +0 at both (-log1p(+0) is -0).
  @Sendable static func jet(_ p: Double, _ y: Double) -> Jet {
    if y == 1 {
      // -log p, -1/p, 1/p^2 (-1 at p = 1 and -inf, +inf at p = 0 as the
      // catalog's limits); each rounded once (twice for f'').
      // 0 - log p: +0 (not -0) at p = 1, as the manual prints it.
      let d1 = p == 0 ? -.infinity : -1 / p
      return Jet(value: 0 - log(p), d1: d1, d2: d1 * d1)
    }
    if y == 0 {
      // -log(1 - p), 1/(1 - p), 1/(1 - p)^2 with 1 - p exact (+1 at p = 0,
      // +inf at p = 1); one reciprocal with its FMA residual.
      let omp = DoubleDouble.twoSum(1, -p)
      let value = 0 - (p <= 0.5 ? log1p(-p) : log(omp.hi))
      let h = StableMath.reciprocal(omp)
      let d1 = p == 1 ? .infinity : h.hi + h.lo
      return Jet(value: value, d1: d1, d2: d1 * d1)
    }
    return softJet(p, y)
  }

  /// bce against a soft target 0 < y < 1.
  static func softJet(_ p: Double, _ y: Double) -> Jet {
    let oneMinusY = DoubleDouble.twoSum(1, -y)
    let oneMinusP = DoubleDouble.twoSum(1, -p)
    // -y log p, 0 when y = 0 (0 log 0 = 0).
    let first = y == 0 ? DoubleDouble(0) : DoubleDouble.twoProduct(y, -log(p))
    // -(1 - y) log(1 - p), 0 when y = 1.
    let second: DoubleDouble
    if oneMinusY.hi == 0 {
      second = DoubleDouble(0)
    } else {
      let log1mp = p <= 0.5 ? log1p(-p) : log(oneMinusP.hi)
      second = oneMinusY * (-log1mp)
    }
    // Two non-negative terms: their high parts summed exactly, then the rest.
    let sum = DoubleDouble.twoSum(first.hi, second.hi)
    let value = sum.hi.isFinite ? sum.hi + (sum.lo + (first.lo + second.lo)) : .infinity

    let d1: Double
    if p == 0 {
      d1 = y == 0 ? 1 : -.infinity
    } else if p == 1 {
      d1 = y == 1 ? -1 : .infinity
    } else {
      let numerator = DoubleDouble.twoSum(p, -y)
      let denominator = DoubleDouble.twoProduct(p, oneMinusP.hi) + p * oneMinusP.lo
      if denominator.hi >= 0x1p-1000 {
        // One reciprocal and its residual, then one rounded product.
        d1 = StableMath.roundedDDProduct(numerator, StableMath.reciprocal(denominator))
      } else {
        d1 = quotient(numerator, denominator)
      }
    }
    let ip = 1 / p
    let iq = 1 / oneMinusP.hi
    let c1 = y == 0 ? 0 : y * ip * ip
    let c2 = oneMinusY.hi == 0 ? 0 : oneMinusY.hi * iq * iq
    return Jet(value: value, d1: d1, d2: c1 + c2)
  }

  /// x / y for double-doubles, rounded once; ±inf (not NaN) when the
  /// quotient overflows.
  static func quotient(_ x: DoubleDouble, _ y: DoubleDouble) -> Double {
    let q1 = x.hi / y.hi
    guard q1.isFinite, q1 != 0 else { return q1 }
    let r = x - DoubleDouble.twoProduct(y.hi, q1) - y.lo * q1
    return q1 + r.hi / y.hi
  }
}
