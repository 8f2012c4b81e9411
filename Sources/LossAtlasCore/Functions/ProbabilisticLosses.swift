/// The probabilistic binary losses of CATALOG.md (a probability or a logit
/// against a target in [0, 1]), in catalog order.
enum ProbabilisticLosses {
  static let all: [FunctionSpec] = [bce, bceLogits, focal]

  /// H(0.3) = -(0.3 log 0.3 + 0.7 log 0.7), the smallest bce against the
  /// soft target 0.3 (mpmath, 50 digits: 0.61086430205489345361877...).
  static let entropyOfPointThree = 0.6108643020548935

  // MARK: - bce

  static let bce = FunctionSpec(
    id: "bce", name: "Binary cross-entropy", family: .probabilisticLoss,
    aliases: ["log-loss", "binary-cross-entropy"],
    summary: "-(y log p + (1 - y) log(1 - p)) for a predicted probability p and a target y in [0, 1]: the negative log-likelihood of a Bernoulli model. Infinite for a confident wrong prediction.",
    arguments: [
      ArgumentSpec(name: "p", domain: .unit, summary: "the predicted probability of the positive class"),
      ArgumentSpec(name: "y", domain: .unit, summary: "the target probability (a label 0 or 1, or a soft target)"),
    ],
    differentiable: ["p"],
    evaluate: FunctionSpec.scalarEvaluator("p") { _, a in
      let y = a.real("y")
      return { p in bceJet(p, y) }
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
        infimum: RangeBound(entropyOfPointThree, attained: true), monotonic: .neither,
        derivativeMonotonic: .increasing, saturatesLeft: false, saturatesRight: false, convex: true, concave: false,
        nonNegative: true, zeroAtCorrect: .never)
      return [
        ScalarView(
          label: "p (y = 1)", argument: "p", fixed: [("y", .real(1))], domain: domain, plotRange: 0...1,
          declared: y1, evaluate: { p in bceJet(p, 1) }),
        ScalarView(
          label: "p (y = 0)", argument: "p", fixed: [("y", .real(0))], domain: domain, plotRange: 0...1,
          declared: y0, evaluate: { p in bceJet(p, 0) }),
        ScalarView(
          label: "p (y = 0.3)", argument: "p", fixed: [("y", .real(0.3))], domain: domain, plotRange: 0...1,
          declared: ySoft, evaluate: { p in bceJet(p, 0.3) }),
      ]
    },
    naive: NaiveForm(
      valueFormula: "-(y log p + (1 - y) log(1 - p))", derivativeFormula: "(p - y) / (p (1 - p))",
      value: { _ in { p in -(1 * log(p) + 0 * log(1 - p)) } },
      derivative: { _ in { p in (p - 1) / (p * (1 - p)) } }),
    implementationNote: "Two non-negative terms, 0 log 0 = 0 taken literally (the naive form is 0 * -inf = NaN at p = 0, y = 0); log(1 - p) as log1p(-p) for p <= 1/2 and log of the exact 1 - p above; 1 - y exact as a double-double. The gradient (p - y)/(p (1 - p)) is a quotient of exact double-doubles (p - y, p (1 - p)) rounded once, with the one-sided limits +1 at (0, 0) and -1 at (1, 1), and ±inf at p = 0 (y > 0) and p = 1 (y < 1).",
    conventions: [
      FrameworkConvention(.pytorch, "torch.nn.functional.binary_cross_entropy(p, y)", "clamps log at -100 (the loss is capped at 100 y for tiny p) and divides the gradient by max(p (1 - p), 1e-12); gradient 0 at (0, 0) and (1, 1) instead of +1 / -1"),
      FrameworkConvention(.keras, "keras.losses.BinaryCrossentropy()", "clips p to [1e-7, 1 - 1e-7], so the loss never exceeds about 16.1 and the gradient vanishes outside the clip"),
      FrameworkConvention(.optax, "", "no probability-input BCE; optax.losses.sigmoid_binary_cross_entropy takes logits (see bce-logits)"),
      FrameworkConvention(.jaxnn, "", "no equivalent (jax.nn holds activations; see optax)"),
    ],
    references: [
      Reference("Goodfellow, Bengio, Courville, Deep Learning, §6.2.2.2", year: 2016),
      Reference("Bishop, Pattern Recognition and Machine Learning, §4.3.2", year: 2006),
    ]
  )

  /// bce in p with its first two derivatives:
  /// L = -y log p - (1 - y) log(1 - p), L' = (p - y)/(p (1 - p)),
  /// L'' = y/p^2 + (1 - y)/(1 - p)^2.
  @inline(__always)
  @Sendable static func bceJet(_ p: Double, _ y: Double) -> Jet {
    if y == 1 {
      // -log p, -1/p, 1/p^2 (-1 at p = 1 and -inf, +inf at p = 0 as the
      // catalog's limits); each rounded once (twice for f'').
      // 0 - log p: +0 (not -0) at p = 1, as the manual prints it.
      let d1 = -1 / p
      return Jet(value: 0 - log(p), d1: d1, d2: d1 * d1)
    }
    if y == 0 {
      // -log(1 - p), 1/(1 - p), 1/(1 - p)^2 with 1 - p exact (+1 at p = 0,
      // +inf at p = 1); one reciprocal with its FMA residual.
      let omp = DoubleDouble.twoSum(1, -p)
      let value = -(p <= 0.5 ? log1p(-p) : log(omp.hi))
      let h = StableMath.ddReciprocal(omp)
      let d1 = p == 1 ? .infinity : h.hi + h.lo
      return Jet(value: value, d1: d1, d2: d1 * d1)
    }
    return bceSoftJet(p, y)
  }

  /// bce against a soft target 0 < y < 1.
  static func bceSoftJet(_ p: Double, _ y: Double) -> Jet {
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
        d1 = StableMath.roundedDDProduct(numerator, StableMath.ddReciprocal(denominator))
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

  // MARK: - bce-logits

  static let bceLogits = FunctionSpec(
    id: "bce-logits", name: "Binary cross-entropy with logits", family: .probabilisticLoss,
    aliases: ["bce-with-logits", "sigmoid-cross-entropy"],
    summary: "Binary cross-entropy of sigma(z) against a target y in [0, 1], written in the logit z: y softplus(-z) + (1 - y) softplus(z). The numerically safe way to train a sigmoid output.",
    arguments: [
      ArgumentSpec(name: "z", summary: "the logit (pre-sigmoid score)"),
      ArgumentSpec(name: "y", domain: .unit, summary: "the target probability (a label 0 or 1, or a soft target)"),
    ],
    differentiable: ["z"],
    evaluate: FunctionSpec.scalarEvaluator("z") { _, a in
      let y = a.real("y")
      return bceLogitsJet(y: y)
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
        infimum: RangeBound(entropyOfPointThree, attained: true), supremum: RangeBound(.infinity, attained: false),
        monotonic: .neither, derivativeMonotonic: .increasing, continuity: .cInfinity, maxAbsDerivative: 0.7,
        saturatesLeft: false, saturatesRight: false, convex: true, concave: false, nonNegative: true,
        zeroAtCorrect: .never, gradientGrowth: .bounded)
      return [
        ScalarView(
          label: "z (y = 1)", argument: "z", fixed: [("y", .real(1))], plotRange: -6...6, declared: y1,
          evaluate: bceLogitsJet(y: 1)),
        ScalarView(
          label: "z (y = 0)", argument: "z", fixed: [("y", .real(0))], plotRange: -6...6, declared: y0,
          evaluate: bceLogitsJet(y: 0)),
        ScalarView(
          label: "z (y = 0.3)", argument: "z", fixed: [("y", .real(0.3))], plotRange: -6...6, declared: ySoft,
          evaluate: bceLogitsJet(y: 0.3)),
      ]
    },
    naive: NaiveForm(
      valueFormula: "-(y log sigma(z) + (1 - y) log(1 - sigma(z)))", derivativeFormula: "sigma(z) - y",
      value: { _ in
        { z in
          let s = 1 / (1 + exp(-z))
          return -(1 * log(s) + 0 * log(1 - s))
        }
      },
      derivative: { _ in { z in 1 / (1 + exp(-z)) - 1 } }),
    implementationNote: "y softplus(-z) + (1 - y) softplus(z) = (1 - y) z + log1p(e^-z) for z >= 0 and y (-z) + log1p(e^z) below: two non-negative terms with 1 - y exact, so nothing cancels (max(z, 0) - z y + log1p(e^-|z|) cancels for y near 1, z > 0). The gradient sigma(z) - y as (1 - y) - sigma(-z) or sigma(z) - y in double-double, sigma(-|z|) = E/(1 + E) from one exp.",
    conventions: [
      FrameworkConvention(.pytorch, "torch.nn.functional.binary_cross_entropy_with_logits(z, y)", "computes (1 - y) z - logsigmoid(z), which cancels for y = 0, z < 0: exactly 0 below z = -33.3 where the loss is about e^z"),
      FrameworkConvention(.keras, "keras.losses.BinaryCrossentropy(from_logits=True)", "none in value; averages over the last axis"),
      FrameworkConvention(.optax, "optax.losses.sigmoid_binary_cross_entropy(z, y)", "none in value (log_sigmoid based)"),
      FrameworkConvention(.jaxnn, "", "no equivalent (jax.nn holds activations; see optax)"),
    ],
    references: [
      Reference("Goodfellow, Bengio, Courville, Deep Learning, §6.2.2.2", year: 2016),
    ]
  )

  /// The jet of bce-logits in z for a fixed target y (1 - y formed exactly once).
  static func bceLogitsJet(y: Double) -> @Sendable (Double) -> Jet {
    let target = DoubleDouble(y)
    let oneMinusY = DoubleDouble.twoSum(1, -y)
    return { z in StableMath.logisticCrossEntropyJet(z, y: target, oneMinusY: oneMinusY) }
  }

  // MARK: - focal

  static let focal = FunctionSpec(
    id: "focal", name: "Focal loss", family: .probabilisticLoss, aliases: ["sigmoid-focal-loss", "focal-loss"],
    summary: "-alpha_t (1 - p_t)^gamma log p_t: binary cross-entropy down-weighted by (1 - p_t)^gamma on examples that are already classified well, so that training focuses on the hard ones. Introduced for dense object detection (RetinaNet).",
    parameters: [
      ParameterSpec(
        name: "gamma", symbol: "\\gamma", defaultValue: 2, range: .nonNegative, grid: [0, 0.5, 1, 2, 5],
        summary: "focusing exponent; 0 gives alpha-weighted cross-entropy"),
      ParameterSpec(
        name: "alpha", symbol: "\\alpha", defaultValue: 0.25, range: .unitClosed, grid: [0.25, 0.5],
        summary: "weight of the positive class (1 - alpha for the negative)"),
    ],
    arguments: [
      ArgumentSpec(name: "z", summary: "the logit (pre-sigmoid score)"),
      ArgumentSpec(name: "y", domain: .labels([0, 1]), summary: "the label, 0 or 1"),
    ],
    differentiable: ["z"],
    evaluate: FunctionSpec.scalarEvaluator("z") { p, a in
      focalJet(gamma: p["gamma"], alpha: p["alpha"], positive: a.real("y") == 1)
    },
    views: { p in
      let gamma = p["gamma"]
      let alpha = p["alpha"]
      return [
        ScalarView(
          label: "z (y = 1)", argument: "z", fixed: [("y", .real(1))], plotRange: -6...6,
          declared: focalDeclared(gamma: gamma, alphaT: alpha, positive: true),
          evaluate: focalJet(gamma: gamma, alpha: alpha, positive: true)),
        ScalarView(
          label: "z (y = 0)", argument: "z", fixed: [("y", .real(0))], plotRange: -6...6,
          declared: focalDeclared(gamma: gamma, alphaT: 1 - alpha, positive: false),
          evaluate: focalJet(gamma: gamma, alpha: alpha, positive: false)),
      ]
    },
    naive: NaiveForm(
      valueFormula: "-alpha (1 - sigma(z))^gamma log sigma(z)",
      derivativeFormula: "alpha gamma (1 - p)^(gamma - 1) p (1 - p) log p - alpha (1 - p)^gamma (1 - p), p = sigma(z), as autodiff forms it",
      value: { p in
        let gamma = p["gamma"]
        let alpha = p["alpha"]
        return { z in
          let s = 1 / (1 + exp(-z))
          return -alpha * pow(1 - s, gamma) * log(s)
        }
      },
      derivative: { p in
        let gamma = p["gamma"]
        let alpha = p["alpha"]
        return { z in
          // What autodiff of the naive value computes (torchvision's form).
          let s = 1 / (1 + exp(-z))
          let ds = s * (1 - s)
          let w = pow(1 - s, gamma)
          let dw = -gamma * pow(1 - s, gamma - 1) * ds
          return -alpha * (dw * log(s) + w * ds / s)
        }
      }),
    implementationNote: "In u = z_t: L = alpha_t exp(-gamma softplus(u)) softplus(-u) and -L' = alpha_t sigma(-u)^gamma (gamma sigma(u) softplus(-u) + sigma(-u)), a sum of non-negative terms with no (1 - p_t)^(gamma - 1) (NaN for 0 < gamma < 1 once p_t rounds to 1, as in torchvision). For |u| <= 40 the factors are double-double products from E = e^-|u| to about 2^-59 (a table exp) and glibc's log1p(E), the modulating factor as exact powers for integer gamma; beyond, E is carried to 90 bits as mantissa * 2^n, the modulating factor in log space, and each result is one product of mantissas scaled once, so tiny results (u >= 40) keep their digits.",
    conventions: [
      FrameworkConvention(.pytorch, "torchvision.ops.sigmoid_focal_loss(z, y, alpha=0.25, gamma=2)", "computes (1 - p_t)^gamma with p_t from the rounded sigmoid: NaN gradients for 0 < gamma < 1 at saturated logits (gamma 0^(gamma - 1) = inf times 0); alpha < 0 disables the weighting"),
      FrameworkConvention(.keras, "keras.losses.BinaryFocalCrossentropy(apply_class_balancing=True, alpha=0.25, gamma=2, from_logits=True)", "alpha is applied only with apply_class_balancing=True; probability inputs are clipped to [1e-7, 1 - 1e-7]"),
      FrameworkConvention(.optax, "optax.losses.sigmoid_focal_loss(z, y, alpha=0.25, gamma=2)", "alpha=None (the default) means no alpha weighting, i.e. alpha_t = 1"),
      FrameworkConvention(.jaxnn, "", "no equivalent (jax.nn holds activations; see optax)"),
    ],
    references: [
      Reference("Lin, Goyal, Girshick, He, Dollar, Focal loss for dense object detection, ICCV", year: 2017),
    ]
  )

  /// The focal jet in z: u = z for y = 1 and u = -z for y = 0, alpha_t = alpha
  /// or 1 - alpha (formed exactly); dL/dz = ±dL/du.
  static func focalJet(gamma: Double, alpha: Double, positive: Bool) -> @Sendable (Double) -> Jet {
    let alphaT = positive ? DoubleDouble(alpha) : DoubleDouble.twoSum(1, -alpha)
    // One closure per integer gamma, so that the compiler folds gamma and
    // the power's switch into the fast path.
    switch StableMath.focalGammaCase(gamma) {
    case 0:
      if positive {
        return { z in
          StableMath.focalFastJet(z, gamma: 0, gammaCase: 0, alphaT: alphaT)
            ?? StableMath.focalJet(z, gamma: 0, alphaT: alphaT)
        }
      }
      return { z in
        let j =
          StableMath.focalFastJet(-z, gamma: 0, gammaCase: 0, alphaT: alphaT)
          ?? StableMath.focalJet(-z, gamma: 0, alphaT: alphaT)
        return Jet(value: j.value, d1: -j.d1, d2: j.d2)
      }
    case 1:
      if positive {
        return { z in
          StableMath.focalFastJet(z, gamma: 1, gammaCase: 1, alphaT: alphaT)
            ?? StableMath.focalJet(z, gamma: 1, alphaT: alphaT)
        }
      }
      return { z in
        let j =
          StableMath.focalFastJet(-z, gamma: 1, gammaCase: 1, alphaT: alphaT)
          ?? StableMath.focalJet(-z, gamma: 1, alphaT: alphaT)
        return Jet(value: j.value, d1: -j.d1, d2: j.d2)
      }
    case 2:
      if positive {
        return { z in
          StableMath.focalFastJet(z, gamma: 2, gammaCase: 2, alphaT: alphaT)
            ?? StableMath.focalJet(z, gamma: 2, alphaT: alphaT)
        }
      }
      return { z in
        let j =
          StableMath.focalFastJet(-z, gamma: 2, gammaCase: 2, alphaT: alphaT)
          ?? StableMath.focalJet(-z, gamma: 2, alphaT: alphaT)
        return Jet(value: j.value, d1: -j.d1, d2: j.d2)
      }
    case 3:
      if positive {
        return { z in
          StableMath.focalFastJet(z, gamma: 3, gammaCase: 3, alphaT: alphaT)
            ?? StableMath.focalJet(z, gamma: 3, alphaT: alphaT)
        }
      }
      return { z in
        let j =
          StableMath.focalFastJet(-z, gamma: 3, gammaCase: 3, alphaT: alphaT)
          ?? StableMath.focalJet(-z, gamma: 3, alphaT: alphaT)
        return Jet(value: j.value, d1: -j.d1, d2: j.d2)
      }
    case 4:
      if positive {
        return { z in
          StableMath.focalFastJet(z, gamma: 4, gammaCase: 4, alphaT: alphaT)
            ?? StableMath.focalJet(z, gamma: 4, alphaT: alphaT)
        }
      }
      return { z in
        let j =
          StableMath.focalFastJet(-z, gamma: 4, gammaCase: 4, alphaT: alphaT)
          ?? StableMath.focalJet(-z, gamma: 4, alphaT: alphaT)
        return Jet(value: j.value, d1: -j.d1, d2: j.d2)
      }
    case 5:
      if positive {
        return { z in
          StableMath.focalFastJet(z, gamma: 5, gammaCase: 5, alphaT: alphaT)
            ?? StableMath.focalJet(z, gamma: 5, alphaT: alphaT)
        }
      }
      return { z in
        let j =
          StableMath.focalFastJet(-z, gamma: 5, gammaCase: 5, alphaT: alphaT)
          ?? StableMath.focalJet(-z, gamma: 5, alphaT: alphaT)
        return Jet(value: j.value, d1: -j.d1, d2: j.d2)
      }
    default:
      if positive {
        return { z in
          StableMath.focalFastJet(z, gamma: gamma, gammaCase: -1, alphaT: alphaT)
            ?? StableMath.focalJet(z, gamma: gamma, alphaT: alphaT)
        }
      }
      return { z in
        let j =
          StableMath.focalFastJet(-z, gamma: gamma, gammaCase: -1, alphaT: alphaT)
          ?? StableMath.focalJet(-z, gamma: gamma, alphaT: alphaT)
        return Jet(value: j.value, d1: -j.d1, d2: j.d2)
      }
    }
  }

  /// What is certainly true of a focal view: decreasing in u for alpha_t > 0,
  /// convex only for gamma = 0 (for gamma > 0 the curvature turns negative
  /// for u below about -(2 + 1/gamma)), limit 0 for a confident correct logit.
  static func focalDeclared(gamma: Double, alphaT: Double, positive: Bool) -> DeclaredProperties {
    guard alphaT > 0 else {
      return DeclaredProperties(
        infimum: RangeBound(0, attained: true), supremum: RangeBound(0, attained: true), monotonic: .constant,
        nonNegative: true, zeroAtCorrect: .attained)
    }
    var d = DeclaredProperties(
      infimum: RangeBound(0, attained: false), supremum: RangeBound(.infinity, attained: false),
      monotonic: positive ? .decreasing : .increasing, continuity: .cInfinity,
      saturatesLeft: !positive, saturatesRight: positive, convex: gamma == 0, concave: false, nonNegative: true,
      zeroAtCorrect: .limit, gradientGrowth: .bounded)
    if gamma == 0 {
      d.derivativeMonotonic = .increasing
      d.maxAbsDerivative = alphaT
    }
    return d
  }
}
