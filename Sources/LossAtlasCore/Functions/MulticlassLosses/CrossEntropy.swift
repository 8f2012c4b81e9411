/// Softmax cross-entropy, catalog id `cross-entropy`: its entry (`spec`: signature, views, declared
/// properties, conventions, references), its documented `formula`, and
/// its stable implementation with the notes on why it is stable.
enum CrossEntropy {
  static let spec = FunctionSpec(
    id: "cross-entropy", name: "Softmax cross-entropy", family: .multiclassLoss,
    aliases: ["softmax-cross-entropy", "ce", "categorical-cross-entropy"],
    summary: "logsumexp(s) − Σⱼ qⱼ sⱼ with q the one-hot target of class k, optionally smoothed to (1 − ε) onehot + ε/C: the negative log-likelihood of a softmax classifier, the standard loss of multiclass networks.",
    parameters: [
      ParameterSpec(
        name: "eps", symbol: "\\varepsilon", defaultValue: 0, range: .unitClosed, grid: [0, 0.1],
        summary: "label smoothing: the target puts ε/C on every class and 1 − ε more on class k")
    ],
    arguments: [MulticlassLosses.scores, MulticlassLosses.trueClass], differentiable: ["s"],
    evaluate: { p, a throws(CatalogError) in
      let s = a.vector("s")
      let k = try MulticlassLosses.classIndex(a, classes: s.count, id: "cross-entropy")
      return evaluation(s, k: k, eps: p["eps"])
    },
    views: { p in
      let eps = p["eps"]
      return [
        ScalarView(
          label: "s = [x, 0], k = 0", argument: "s[0]", fixed: [("k", .integer(0))], plotRange: -6...6,
          declared: sliceDeclared(eps: eps, classes: 2), evaluate: slice2(eps: eps)),
        ScalarView(
          label: "s = [x, 0, 0], k = 0", argument: "s[0]", fixed: [("k", .integer(0))], plotRange: -6...6,
          declared: sliceDeclared(eps: eps, classes: 3), evaluate: slice3(eps: eps)),
      ]
    },
    domain: { p in
      // log-sum-exp minus a linear term: convex in s; without smoothing it
      // tends to 0 as s_k - max_j s_j -> inf, never reaching it.
      DeclaredDomainProperties(
        infimum: p["eps"] == 0 ? RangeBound(0, attained: false) : nil, supremum: RangeBound(.infinity, attained: false),
        nonNegative: true, convex: true)
    },
    formula: formula,
    naive: NaiveForm(
      valueFormula: "-log(exp(x) / (exp(x) + 1))  (s = [x, 0], k = 0)",
      derivativeFormula: "exp(x) / (exp(x) + 1) - 1",
      value: { _ in { x in -log(exp(x) / (exp(x) + 1)) } },
      derivative: { _ in { x in exp(x) / (exp(x) + 1) - 1 } }),
    implementationNote: "L = sum_j q_j (m - s_j) + log S with m = max s and S = sum_j e^(s_j - m) ≥ 1: non-negative terms only (sum q_j = 1), each s_j - m formed exactly, so nothing overflows (the naive -log softmax is NaN once e^x overflows: computed below) and nothing cancels. q_j = eps/C is carried exactly as a double-double. The gradient softmax(s) - q is formed from e^(s_j - m) to 90 bits as mantissa * 2^n and rounded once.",
    conventions: [
      FrameworkConvention(.pytorch, "torch.nn.functional.cross_entropy(s, k, label_smoothing=eps)", "none: label_smoothing matches eps (mean over the batch; within {torch.cross_entropy.label-smoothing.value_ulp_error} ulp)"),
      FrameworkConvention(.keras, "keras.losses.CategoricalCrossentropy(from_logits=True, label_smoothing=eps)", "takes one-hot targets; label_smoothing matches eps; without from_logits it expects probabilities and clips them to [1e-7, 1 - 1e-7], its documented epsilon", definitional: ["[1e-7, 1 - 1e-7]"]),
      FrameworkConvention(.optax, "optax.losses.softmax_cross_entropy_with_integer_labels(s, k)", "no smoothing argument: smooth the one-hot target with optax.smooth_labels and call softmax_cross_entropy"),
      FrameworkConvention(.jaxnn, "", "no equivalent (jax.nn holds activations; see optax); -jax.nn.log_softmax(s)[k] is the eps = 0 loss", definitional: ["eps = 0"]),
    ],
    references: [
      Reference("Goodfellow, Bengio, Courville, Deep Learning, §6.2.2.3", year: 2016),
      Reference("Szegedy, Vanhoucke, Ioffe, Shlens, Wojna, Rethinking the Inception architecture for computer vision (label smoothing), CVPR", year: 2016),
    ]
  ).withLines(
    // Along s_i: f'' = p_i (1 - p_i) (the Hessian diag(p) - p p^T, the
    // target summing to 1), 1 - p_i as the sum of the other terms.
    MulticlassLosses.lines { p, a in
      let k = a.integer("k")
      let eps = p["eps"]
      return { s, i in
        let r = StableMath.softmaxParts(s)
        return MulticlassLosses.jet(evaluation(s, k: k, eps: eps), element: i, d2: (r.p[i] * r.complement[i]).value)
      }
    })

  /// The documented formulas: the tree the manual prints and the tests evaluate.
  static let formula = FunctionFormula(
    value: .apply(.logSumExp, [.symbol(.s)])
      - .sumOver(.j, excluding: nil, target * .element(.s, index: .j)),
    derivatives: [("s", .softmax(of: .s, at: .j) - target)],
    derivativeIndices: [.j])

  /// The label smoothing eps, printed as varepsilon.
  static let eps = Expr.symbol(Symbol("eps", latex: "\\varepsilon", mathml: "<mi>ε</mi>"))
  /// The smoothed target q_j = (1 - eps) delta_jk + eps / C.
  static let target = Expr.named(
    Symbol("q", latex: "q_j", mathml: "<msub><mi>q</mi><mi>j</mi></msub>"),
    (.n(1) - eps) * .kronecker(.j, .k) + eps / .count(.s))

  /// The smoothed target q as double-doubles: eps/C off the true class,
  /// (1 - eps) + eps/C on it (both exact to 2^-106).
  static func smoothedTarget(eps: Double, classes c: Int) -> (onTrue: DoubleDouble, offTrue: DoubleDouble) {
    if eps == 0 { return (DoubleDouble(1), DoubleDouble(0)) }
    let off = DoubleDouble(eps) / Double(c)
    return (DoubleDouble.twoSum(1, -eps) + off, off)
  }

  static func evaluation(_ s: [Double], k: Int, eps: Double) -> Evaluation {
    let c = s.count
    let softmax = StableMath.SoftmaxExpansion(s)
    let (onTrue, offTrue) = smoothedTarget(eps: eps, classes: c)
    let scale = MulticlassLosses.isHuge(s) ? 0.25 : 1.0
    let m = softmax.maximum * scale
    // T = sum_j q_j (m - s_j) >= 0, each m - s_j exact (in the scaled frame).
    var total = DoubleDouble(0)
    for j in 0..<c {
      let q = j == k ? onTrue : offTrue
      if q.hi == 0 { continue }
      total = total + q * DoubleDouble.twoSum(m, -s[j] * scale)
    }
    let value: Double
    if scale == 1 {
      value = (total + softmax.logSum).value
    } else {
      value = total.hi / scale + (total.lo / scale + softmax.logSum.hi)
    }
    // g_j = p_j - q_j = (C w_j - C q_j S) / (C S), C q_j = eps + [j = k] (C - C eps)
    // an exact expansion, so that p_j = q_j gives exactly 0 (eps = 1, equal scores).
    let cd = Double(c)
    let cEps = DoubleDouble.twoProduct(cd, eps)
    var gradient = [Double](repeating: 0, count: c)
    for j in 0..<c {
      let q = j == k ? onTrue : offTrue
      let p = softmax.probability(j)
      if q.hi == 0 {
        gradient[j] = p.value
        continue
      }
      let cq = j == k ? [eps, cd, -cEps.hi, -cEps.lo] : [eps]
      gradient[j] =
        softmax.weightedDifference(j, numeratorWeight: [cd], numeratorSum: cq, denominatorFactor: cd)
        ?? (p.doubleDouble - q).value
    }
    return Evaluation(value: .scalar(value), gradient: [NamedTensor("s", .vector(gradient))])
  }

  /// s = [x, 0], k = 0: L = softplus(-x) + (eps/2) x, the logistic cross
  /// entropy with target 1 - eps/2 (1 - target = eps/2 exact).
  static func slice2(eps: Double) -> @Sendable (Double) -> Jet {
    let oneMinusTarget = DoubleDouble(eps * 0.5)
    let target = DoubleDouble.twoSum(1, -eps * 0.5)
    return { x in StableMath.logisticCrossEntropyJet(x, y: target, oneMinusY: oneMinusTarget) }
  }

  /// s = [x, 0, 0], k = 0, q_0 = 1 - 2 eps/3, with E = e^-|x|:
  ///
  /// ```
  /// x >= 0: L = (2 eps/3) x + log1p(2E),        L' = 2 eps/3 - 2E/(1 + 2E)
  /// x <  0: L = q_0 (-x) + ln 2 + log1p(E/2),   L' = E/(2 + E) - q_0
  /// L'' = p_0 (1 - p_0) = 2E/(1 + 2E)^2 or 2E/(2 + E)^2
  /// ```
  /// (non-negative terms only; 2E and E/2 are exact scalings). Where L'
  /// cancels it is formed again without the inexact 1/3 in q_0, from
  /// m = E - 1 (90-bit expm1) and the exact eps - 1:
  /// L' = 2 ((eps - 1) + m (2 eps/3 - 1)) / (3 + 2m) for x >= 0 and
  /// (2 (eps - 1) + (2 eps/3) m) / (3 + m) below.
  static func slice3(eps: Double) -> @Sendable (Double) -> Jet {
    let off = DoubleDouble(2 * eps) / 3.0  // 1 - q_0
    let q0 = DoubleDouble(1) - off
    let epsMinusOne = DoubleDouble.twoSum(eps, -1)
    let ln2 = StableMath.ln2
    return { x in
      let a = abs(x)
      let e = exp(-a)
      if x >= 0 {
        let d = DoubleDouble.twoSum(1, 2 * e)
        let value = (off * a + log1p(2 * e)).value
        let ratio = DoubleDouble(2 * e) / d
        var d1 = (off - ratio).value
        if abs(d1) < 0.125 * ratio.hi {
          let m = StableMath.expm1DoubleDouble(DoubleDouble(-a))
          let numerator = epsMinusOne + m * (off + (-1.0))
          let denominator = DoubleDouble(2 * m.hi, 2 * m.lo) + 3.0
          d1 = (DoubleDouble(2 * numerator.hi, 2 * numerator.lo) / denominator).value
        }
        return Jet(value: value, d1: d1, d2: 2 * e / d.hi / d.hi)
      }
      let d = DoubleDouble.twoSum(2, e)
      let value = ((q0 * a + ln2) + log1p(0.5 * e)).value
      let p0 = DoubleDouble(e) / d
      var d1 = (p0 - q0).value
      if abs(d1) < 0.125 * p0.hi {
        let m = StableMath.expm1DoubleDouble(DoubleDouble(-a))
        let numerator = DoubleDouble(2 * epsMinusOne.hi, 2 * epsMinusOne.lo) + off * m
        d1 = (numerator / (m + 3.0)).value
      }
      return Jet(value: value, d1: d1, d2: 2 * e / d.hi / d.hi)
    }
  }

  /// The slices are convex in x (cross-entropy is convex in s); for eps = 0
  /// the loss decreases to 0 as x -> inf, for eps > 0 it has a positive
  /// minimum at p_0 = q_0.
  static func sliceDeclared(eps: Double, classes c: Int) -> DeclaredProperties {
    if eps == 0 {
      return DeclaredProperties(
        infimum: RangeBound(0, attained: false), supremum: RangeBound(.infinity, attained: false),
        monotonic: .decreasing, derivativeMonotonic: .increasing, continuity: .cInfinity, maxAbsDerivative: 1,
        saturatesLeft: false, saturatesRight: true, convex: true, concave: false, nonNegative: true,
        zeroAtCorrect: .limit, gradientGrowth: .bounded)
    }
    // f' = p_0 - q_0 runs from -q_0 (x -> -inf) to 1 - q_0 (x -> inf).
    let q0 = 1 - eps + eps / Double(c)
    return DeclaredProperties(
      supremum: RangeBound(.infinity, attained: false), monotonic: .neither, derivativeMonotonic: .increasing,
      continuity: .cInfinity, maxAbsDerivative: max(q0, 1 - q0), saturatesLeft: false, saturatesRight: false,
      convex: true, concave: false, nonNegative: true, zeroAtCorrect: .never, gradientGrowth: .bounded)
  }
}
