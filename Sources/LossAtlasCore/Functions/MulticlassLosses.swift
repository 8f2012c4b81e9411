/// The multiclass losses of CATALOG.md (a score or logit vector s of length
/// C >= 2 against a true class k or a target distribution q), in catalog
/// order.
///
/// These are not on the scalar hot path (the general evaluator allocates);
/// their 1-D slices, which are, have closed forms without allocation.
enum MulticlassLosses {
  static let all: [FunctionSpec] = [crossEntropy, klDiv, multiclassHinge, crammerSinger]

  // MARK: - Shared arguments and checks

  static let scores = ArgumentSpec(
    name: "s", kind: .vector, minimumCount: 2, summary: "the score (logit) vector, one entry per class")
  static let trueClass = ArgumentSpec(name: "k", kind: .integer, summary: "the true class index, 0-based")

  /// The class index k, checked against the number of classes C.
  ///
  /// - Throws: ``CatalogError`` naming k and the allowed 0...C-1.
  static func classIndex(_ a: ArgumentValues, classes c: Int, id: String) throws(CatalogError) -> Int {
    let k = a.integer("k")
    guard k < c else {
      throw CatalogError(
        .badArgument,
        "argument k = \(k) of \(id) is outside its domain: k must be a class index from 0 to \(c - 1) (s has \(c) classes)")
    }
    return k
  }

  /// Whether any entry is so large that s_j - s_i could overflow.
  static func isHuge(_ s: [Double]) -> Bool { s.contains { abs($0) >= 0x1p1021 } }

  static let sliceDomainNote = "1-D slice of a vector function"

  // MARK: - cross-entropy

  static let crossEntropy = FunctionSpec(
    id: "cross-entropy", name: "Softmax cross-entropy", family: .multiclassLoss,
    aliases: ["softmax-cross-entropy", "ce", "categorical-cross-entropy"],
    summary: "logsumexp(s) - sum_j q_j s_j with q the one-hot target of class k, optionally smoothed to (1 - eps) onehot + eps/C: the negative log-likelihood of a softmax classifier, the standard loss of multiclass networks.",
    parameters: [
      ParameterSpec(
        name: "eps", symbol: "\\varepsilon", defaultValue: 0, range: .unitClosed, grid: [0, 0.1],
        summary: "label smoothing: the target puts eps/C on every class and 1 - eps more on class k")
    ],
    arguments: [scores, trueClass], differentiable: ["s"],
    evaluate: { p, a throws(CatalogError) in
      let s = a.vector("s")
      let k = try classIndex(a, classes: s.count, id: "cross-entropy")
      return crossEntropyEvaluation(s, k: k, eps: p["eps"])
    },
    views: { p in
      let eps = p["eps"]
      return [
        ScalarView(
          label: "s = [x, 0], k = 0", argument: "s[0]", fixed: [("k", .integer(0))], plotRange: -6...6,
          declared: crossEntropySliceDeclared(eps: eps, classes: 2), evaluate: crossEntropySlice2(eps: eps)),
        ScalarView(
          label: "s = [x, 0, 0], k = 0", argument: "s[0]", fixed: [("k", .integer(0))], plotRange: -6...6,
          declared: crossEntropySliceDeclared(eps: eps, classes: 3), evaluate: crossEntropySlice3(eps: eps)),
      ]
    },
    naive: NaiveForm(
      valueFormula: "-log(exp(x) / (exp(x) + 1))  (s = [x, 0], k = 0)",
      derivativeFormula: "exp(x) / (exp(x) + 1) - 1",
      value: { _ in { x in -log(exp(x) / (exp(x) + 1)) } },
      derivative: { _ in { x in exp(x) / (exp(x) + 1) - 1 } }),
    implementationNote: "L = sum_j q_j (m - s_j) + log S with m = max s and S = sum_j e^(s_j - m) >= 1: non-negative terms only (sum q_j = 1), each s_j - m formed exactly, so nothing overflows (the naive -log softmax is NaN above 709.78) and nothing cancels. q_j = eps/C is carried exactly as a double-double. The gradient softmax(s) - q is formed from e^(s_j - m) to 90 bits as mantissa * 2^n and rounded once.",
    conventions: [
      FrameworkConvention(.pytorch, "torch.nn.functional.cross_entropy(s, k, label_smoothing=eps)", "none; label_smoothing matches eps (mean over the batch)"),
      FrameworkConvention(.keras, "keras.losses.CategoricalCrossentropy(from_logits=True, label_smoothing=eps)", "takes one-hot targets; label_smoothing matches eps; without from_logits it expects probabilities and clips them to [1e-7, 1 - 1e-7]"),
      FrameworkConvention(.optax, "optax.losses.softmax_cross_entropy_with_integer_labels(s, k)", "no smoothing argument: smooth the one-hot target with optax.smooth_labels and call softmax_cross_entropy"),
      FrameworkConvention(.jaxnn, "", "no equivalent (jax.nn holds activations; see optax); -jax.nn.log_softmax(s)[k] is the eps = 0 loss"),
    ],
    references: [
      Reference("Goodfellow, Bengio, Courville, Deep Learning, §6.2.2.3", year: 2016),
      Reference("Szegedy, Vanhoucke, Ioffe, Shlens, Wojna, Rethinking the Inception architecture for computer vision (label smoothing), CVPR", year: 2016),
    ]
  )

  /// The smoothed target q as double-doubles: eps/C off the true class,
  /// (1 - eps) + eps/C on it (both exact to 2^-106).
  static func smoothedTarget(eps: Double, classes c: Int) -> (onTrue: DoubleDouble, offTrue: DoubleDouble) {
    if eps == 0 { return (DoubleDouble(1), DoubleDouble(0)) }
    let off = DoubleDouble(eps) / Double(c)
    return (DoubleDouble.twoSum(1, -eps) + off, off)
  }

  static func crossEntropyEvaluation(_ s: [Double], k: Int, eps: Double) -> Evaluation {
    let c = s.count
    let softmax = StableMath.SoftmaxExpansion(s)
    let (onTrue, offTrue) = smoothedTarget(eps: eps, classes: c)
    let scale = isHuge(s) ? 0.25 : 1.0
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
  static func crossEntropySlice2(eps: Double) -> @Sendable (Double) -> Jet {
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
  static func crossEntropySlice3(eps: Double) -> @Sendable (Double) -> Jet {
    let off = DoubleDouble(2 * eps) / 3.0  // 1 - q_0
    let q0 = DoubleDouble(1) - off
    let epsMinusOne = DoubleDouble.twoSum(eps, -1)
    let ln2 = StableMath.expLn2
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
  static func crossEntropySliceDeclared(eps: Double, classes c: Int) -> DeclaredProperties {
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

  // MARK: - kl-div

  static let klDiv = FunctionSpec(
    id: "kl-div", name: "Kullback-Leibler divergence", family: .multiclassLoss,
    aliases: ["kl", "kullback-leibler"],
    summary: "sum_j q_j (log q_j - log softmax(s)_j): how far the softmax of the scores is from a target distribution q. Zero exactly when they agree; used for distillation and soft targets.",
    arguments: [
      scores,
      ArgumentSpec(
        name: "q", kind: .vector, domain: .nonNegative, minimumCount: 2,
        summary: "the target distribution (entries >= 0 summing to 1), one entry per class"),
    ],
    differentiable: ["s"],
    evaluate: { _, a throws(CatalogError) in
      let s = a.vector("s")
      let q = a.vector("q")
      guard q.count == s.count else {
        throw CatalogError(
          .badArgument,
          "argument q of kl-div has length \(q.count) but s has length \(s.count): q must have one entry per class of s")
      }
      let total = ExactSum.of(q)
      guard abs(total - 1) <= 1e-9 else {
        throw CatalogError(
          .badArgument,
          "argument q of kl-div sums to \(formatValue(total)): q must be a probability distribution (entries >= 0 summing to 1 within 1e-9)")
      }
      return klEvaluation(s, q)
    },
    views: { _ in
      [
        ScalarView(
          // q = [0.75, 0.25] sums to exactly 1 in Double (0.7 + 0.3 does
          // not), so the slice's minimum is exactly 0, at x = log 3.
          label: "s = [x, 0], q = [0.75, 0.25]", argument: "s[0]", fixed: [("q", .vector([0.75, 0.25]))],
          plotRange: -6...6,
          declared: DeclaredProperties(
            infimum: RangeBound(0, attained: true), supremum: RangeBound(.infinity, attained: false), monotonic: .neither,
            derivativeMonotonic: .increasing, continuity: .cInfinity, saturatesLeft: false, saturatesRight: false,
            convex: true, concave: false, nonNegative: true, zeroAtCorrect: .attained, gradientGrowth: .bounded),
          evaluate: klSlice2(q0: 0.75, q1: 0.25))
      ]
    },
    naive: NaiveForm(
      valueFormula: "sum_j q_j (log q_j - log softmax([x, 0])_j), q = [0.75, 0.25]",
      derivativeFormula: "softmax([x, 0])_0 - 0.75",
      value: { _ in
        { x in
          let p0 = exp(x) / (exp(x) + 1)
          return 0.75 * (log(0.75) - log(p0)) + 0.25 * (log(0.25) - log(1 - p0))
        }
      },
      derivative: { _ in { x in exp(x) / (exp(x) + 1) - 0.75 } }),
    implementationNote: "L = sum_j f_j + (sum q - 1) with f_j = q_j log(q_j/p_j) - q_j + p_j >= 0; near p_j = q_j each f_j is p_j phi(delta), delta = (q_j - p_j)/p_j, phi(delta) = (1 + delta) log1p(delta) - delta = delta^2/2 - ..., so the O(1) terms q log q and -q log p never cancel against each other; elsewhere the pieces (q log q, q (m - s_j) as exact products, q log S, -q, p) are summed exactly. 0 log 0 = 0. Gradient (sum q) softmax - q from 90-bit softmax pieces, rounded once.",
    conventions: [
      FrameworkConvention(.pytorch, "torch.nn.functional.kl_div(torch.log_softmax(s, -1), q, reduction='batchmean')", "takes log-probabilities as input and q as target; reduction='mean' divides by the number of elements, not the batch size"),
      FrameworkConvention(.keras, "keras.losses.KLDivergence()", "takes probabilities for both arguments and clips them to [1e-7, 1], so q_j = 0 terms and tiny p_j are distorted"),
      FrameworkConvention(.optax, "optax.losses.kl_divergence(jax.nn.log_softmax(s), q)", "takes log-probabilities of the prediction; use kl_divergence_with_log_targets for log q"),
      FrameworkConvention(.jaxnn, "", "no equivalent (jax.nn holds activations; see optax)"),
    ],
    references: [
      Reference("Kullback, Leibler, On information and sufficiency, Annals of Mathematical Statistics 22(1)", year: 1951),
      Reference("Hinton, Vinyals, Dean, Distilling the knowledge in a neural network, arXiv:1503.02531", year: 2015),
    ]
  )

  static func klEvaluation(_ s: [Double], _ q: [Double]) -> Evaluation {
    let c = s.count
    let softmax = StableMath.SoftmaxExpansion(s)
    let scale = isHuge(s) ? 0.25 : 1.0
    let m = softmax.maximum * scale
    var qMinusOne = ExactSum()
    for v in q { qMinusOne.add(v) }
    qMinusOne.add(-1)
    var sum = ExactSum()
    sum.add(-scale)
    func add(_ x: DoubleDouble) {
      sum.add(x.hi * scale)
      sum.add(x.lo * scale)
    }
    for j in 0..<c {
      let qj = q[j]
      let p = softmax.probability(j)
      sum.add(qj * scale)
      if qj == 0 {
        add(p.doubleDouble)  // f_j = p_j (0 log 0 = 0)
      } else if let near = StableMath.klNearTerm(q: qj, p: p) {
        add(near.doubleDouble)
      } else {
        // f_j = q log q + q (m - s_j) + q log S - q + p
        add(StableMath.logDoubleDouble(qj) * qj)
        sum.addProduct(qj, m)
        sum.addProduct(qj, -s[j] * scale)
        add(softmax.logSum * qj)
        sum.add(-qj * scale)
        add(p.doubleDouble)
      }
    }
    let value = sum.value / scale
    let qm1 = qMinusOne.value
    // g_j = Q p_j - q_j = (Q w_j - q_j S) / S with Q = sum q as its exact
    // parts: (p - q) + p (Q - 1) would cancel to nothing when p = q / Q.
    var gradient = [Double](repeating: 0, count: c)
    for j in 0..<c {
      let p = softmax.probability(j)
      if q[j] == 0 {
        gradient[j] = (p * (DoubleDouble(1) + qm1)).value
      } else if let g = softmax.weightedDifference(j, numeratorWeight: q, numeratorSum: [q[j]], denominatorFactor: 1) {
        gradient[j] = g
      } else {
        let pd = p.doubleDouble
        gradient[j] = ((pd - q[j]) + pd.hi * qm1).value
      }
    }
    return Evaluation(value: .scalar(value), gradient: [NamedTensor("s", .vector(gradient))])
  }

  /// s = [x, 0] against q = [q0, q1]: the same pieces as the general
  /// evaluator, without allocation. p_0 = sigma(x), p_1 = sigma(-x) from
  /// E = e^-|x| (90 bits), -log p = softplus terms |x| + log1p(E) or log1p(E).
  static func klSlice2(q0: Double, q1: Double) -> @Sendable (Double) -> Jet {
    let careful = klSlice2Careful(q0: q0, q1: q1)
    guard q0 > 0 && q1 > 0 && ExactSum.of([q0, q1, -1]) == 0 else { return careful }
    let k = KLSliceConstants(q0: q0, q1: q1)
    return { x in klSlice2Fast(x, k) ?? careful(x) }
  }

  /// The constants of the fast slice: x* = log(q0/q1) (where p = q) and
  /// q0 q1 in double-double, 1 + q0 exact.
  struct KLSliceConstants: Sendable {
    let q0: Double
    let q1: Double
    let xStar: DoubleDouble
    let q0q1: DoubleDouble
    let onePlusQ0: DoubleDouble
    let logQ0: DoubleDouble
    let logQ1: DoubleDouble
    let q1OverQ0: Double
    let q0OverQ1: Double
    init(q0: Double, q1: Double) {
      self.q0 = q0
      self.q1 = q1
      logQ0 = StableMath.logDoubleDouble(q0)
      logQ1 = StableMath.logDoubleDouble(q1)
      q1OverQ0 = q1 / q0
      q0OverQ1 = q0 / q1
      if q0 == 0.75 && q1 == 0.25 {
        // The view's target: log 3 to 2^-107 (mpmath, 300 bits), so that
        // t = x - x* is exact even at the minimum (logDoubleDouble is good
        // to about 2^-86, which would be the whole of t within 1e-14 of it).
        xStar = DoubleDouble(0x1.193ea7aad030bp+0, -0x1.a256f99caabebp-54)
      } else {
        xStar = StableMath.logDoubleDouble(q0) - StableMath.logDoubleDouble(q1)
      }
      q0q1 = DoubleDouble.twoProduct(q0, q1)
      onePlusQ0 = DoubleDouble.twoSum(1, q0)
    }
  }

  /// The slice for q0 + q1 = 1 exactly and |x| <= 40, in t = x - x*:
  ///
  /// ```
  /// m = e^t - 1,  p0 - q0 = q0 q1 m / (1 + q0 m),  p0 p1 = q0 q1 (1 + m) / (1 + q0 m)^2
  /// KL = log1p(q0 m) - q0 t = q0 psi(u0) + q1 psi(u1),  psi(u) = u - log1p(u) >= 0,
  /// u0 = p0/q0 - 1 = q1 m / (1 + q0 m),  u1 = p1/q1 - 1 = -q0 m / (1 + q0 m)
  /// ```
  /// t is exact to 2^-106 (x* in double-double) and m relative to about
  /// 2^-59 (the Taylor series below |t| = 2^-6, the lean table exp above),
  /// so the gradient is a quotient without cancellation. Near the minimum
  /// (|s| <= 0.2 with s = u/(2 + u)) psi(u) = s u - (2/3) s^3 (1 + 3s^2/5
  /// + 3s^4/7 + ...), two non-negative terms (the second at most 7% of the
  /// first): the value keeps its relative accuracy down to KL = 0. Farther
  /// out, log1p(q0 m) as glibc's log refined by one Newton step with the
  /// lean exp (about 2^-59 |log1p(q0 m)|, at most 2^-55 of KL), and for
  /// |t| >= 1.5 KL = q1 t + log q0 + log1p((q1/q0) e^-t) (t > 0) or
  /// log q1 + log1p((q0/q1) e^t) - q0 t (t < 0), exact but for the small
  /// log1p term. Nil outside |x| <= 40 or where those bounds do not hold
  /// (the careful path).
  @inline(__always)
  static func klSlice2Fast(_ x: Double, _ k: KLSliceConstants) -> Jet? {
    guard abs(x) <= 40 else { return nil }
    let t = DoubleDouble.twoSum(x, -k.xStar.hi) + (-k.xStar.lo)
    let th = t.hi
    let m: DoubleDouble
    let g: DoubleDouble  // e^t
    if abs(th) < 0x1p-6 {
      var p = 1.0 / 40_320
      p = p * th + 1.0 / 5_040
      p = p * th + 1.0 / 720
      p = p * th + 1.0 / 120
      p = p * th + 1.0 / 24
      p = p * th + 1.0 / 6
      p = p * th + 0.5
      m = DoubleDouble.fastTwoSum(th, t.lo.addingProduct(th * th, p))
      g = DoubleDouble.fastTwoSum(1, m.hi) + m.lo
    } else {
      let e = StableMath.expNegativeLean(-th)
      g = DoubleDouble.fastTwoSum(e.hi, e.lo.addingProduct(e.hi, t.lo))
      m = DoubleDouble.twoSum(g.hi, -1) + g.lo
    }
    let z = StableMath.looseProduct(m, k.q0)  // q0 m > -q0
    let den = DoubleDouble.twoSum(1, z.hi) + z.lo  // 1 + q0 m >= q1
    let rden = StableMath.ddReciprocal(den)
    let num = StableMath.looseProduct(k.q0q1, m)
    let d1 = StableMath.roundedDDProduct(num, rden)
    let d2 = StableMath.roundedDDProduct(StableMath.looseProduct(k.q0q1, g), StableMath.looseProduct(rden, rden))
    // s0 = q1 m / (2 + (1 + q0) m), s1 = -q0 m / (2 + q0 m); the branch
    // is decided on rounded values (any |s| <= 0.21 is fine for the series).
    let mh = m.hi
    let value: Double
    if abs(th) < 1.5 && abs(k.q1 * mh) <= 0.2 * (2 + k.onePlusQ0.hi * mh) && abs(z.hi) <= 0.2 * (2 + z.hi) {
      let qm = StableMath.looseProduct(m, k.q1)
      let w0 = StableMath.looseProduct(k.onePlusQ0, m)
      let den0 = DoubleDouble.twoSum(2, w0.hi) + w0.lo
      let den1 = DoubleDouble.twoSum(2, z.hi) + z.lo
      let s0 = StableMath.looseProduct(qm, StableMath.ddReciprocal(den0))
      let s1 = StableMath.looseProduct(-z, StableMath.ddReciprocal(den1))
      let u0 = StableMath.looseProduct(qm, rden)
      let u1 = StableMath.looseProduct(-z, rden)
      let psi0 = klPsi(s0, u0)
      let psi1 = klPsi(s1, u1)
      let a = StableMath.looseProduct(psi0, k.q0)
      let b = StableMath.looseProduct(psi1, k.q1)
      let sum = DoubleDouble.twoSum(a.hi, b.hi)
      value = sum.hi + (sum.lo + (a.lo + b.lo))
    } else {
      var far: Double? = nil
      if abs(th) >= 1.5 {
        // 1 + q0 m = q1 + q0 e^t: KL = q1 t + log q0 + log1p((q1/q0) e^-t)
        // for t > 0 and log q1 + log1p((q0/q1) e^t) - q0 t for t < 0; used
        // where the log1p term is at most half the result (for q = 3:1,
        // t >= 1.6 or t <= -2.1), so that glibc's half ulp of it is at most
        // a quarter ulp of the result.
        let positive = th > 0
        let w = positive ? k.q1OverQ0 * (1 / g.hi) : k.q0OverQ1 * g.hi
        let l1 = log1p(w)
        let qt = DoubleDouble.twoProduct(positive ? k.q1 : -k.q0, th)
        let lq = positive ? k.logQ0 : k.logQ1
        let v = DoubleDouble.twoSum(qt.hi, lq.hi)
        let qtLo = qt.lo + (positive ? k.q1 : -k.q0) * t.lo
        let candidate = v.hi + (v.lo + ((qtLo + lq.lo) + l1))
        if abs(l1) <= 0.5 * abs(candidate) { far = candidate }
      }
      if let far {
        value = far
      } else {
        // log(1 + q0 m) = l0 + ((1 + q0 m) e^-l0 - 1), l0 = log of the high
        // part, to about 2^-59 |l0|: used where that is below 2^-55 of KL.
        let l0 = log(den.hi)
        let e = StableMath.expNegativeLean(l0)
        let de = StableMath.looseProduct(den, e)
        let correction = (de.hi - 1) + de.lo
        let qt = DoubleDouble.twoProduct(k.q0, th)
        let v = DoubleDouble.twoSum(l0, -qt.hi)
        value = v.hi + (v.lo + (correction - qt.lo - k.q0 * t.lo))
        guard abs(l0) <= 16 * abs(value) else { return nil }
      }
    }
    return Jet(value: value, d1: d1, d2: d2)
  }

  /// psi(u) = u - log1p(u) = s u - (2/3) s^3 (1 + 3s^2/5 + 3s^4/7 + ...) for
  /// s = u / (2 + u), |s| <= 0.2 (terms to s^23: truncation below 2^-57
  /// of the result), as a double-double.
  @inline(__always)
  static func klPsi(_ s: DoubleDouble, _ u: DoubleDouble) -> DoubleDouble {
    let sh = s.hi
    let s2 = sh * sh
    var c = 3.0 / 23
    c = c * s2 + 3.0 / 21
    c = c * s2 + 3.0 / 19
    c = c * s2 + 3.0 / 17
    c = c * s2 + 3.0 / 15
    c = c * s2 + 3.0 / 13
    c = c * s2 + 3.0 / 11
    c = c * s2 + 3.0 / 9
    c = c * s2 + 3.0 / 7
    c = c * s2 + 3.0 / 5
    c = c * s2 + 1
    let su = StableMath.looseProduct(s, u)
    let tail = (2.0 / 3) * (s2 * sh) * c
    return DoubleDouble.fastTwoSum(su.hi, su.lo - tail)
  }

  /// The general slice (any q0, q1 and x): the pieces of the evaluator.
  static func klSlice2Careful(q0: Double, q1: Double) -> @Sendable (Double) -> Jet {
    let qm1 = ExactSum.of([q0, q1, -1])
    let logQ0 = q0 > 0 ? StableMath.logDoubleDouble(q0) * q0 : DoubleDouble(0)
    let logQ1 = q1 > 0 ? StableMath.logDoubleDouble(q1) * q1 : DoubleDouble(0)
    return { x in
      let a = abs(x)
      let e = StableMath.expMantissaExponentQuick(DoubleDouble(-a))
      let h = DoubleDouble(1) / (e.doubleDouble + 1.0)  // sigma(|x|)
      let large = StableMath.MantissaExponent(h, 0)
      let small = e * h  // sigma(-|x|)
      let l = StableMath.log1pDoubleDoubleQuick(e.doubleDouble)  // -log sigma(|x|)
      let lSmall = DoubleDouble.twoSum(a, l.hi) + l.lo  // -log sigma(-|x|)
      let (p0, p1, nl0, nl1) = x >= 0 ? (large, small, l, lSmall) : (small, large, lSmall, l)
      func term(_ q: Double, _ qLogQ: DoubleDouble, _ p: StableMath.MantissaExponent, _ negLogP: DoubleDouble)
        -> DoubleDouble
      {
        if q == 0 { return p.doubleDouble }
        if let near = StableMath.klNearTerm(q: q, p: p) { return near.doubleDouble }
        return ((qLogQ + negLogP * q) + (-q)) + p.doubleDouble
      }
      let value = (term(q0, logQ0, p0, nl0) + term(q1, logQ1, p1, nl1)) + qm1
      // (q0 + q1) p_0 - q_0 = (q1 - q0 E)/(1 + E) for x >= 0 and
      // (q1 E - q0)/(1 + E) below: exact products, no (sum q - 1) to cancel;
      // E from the 90-bit exp where the difference cancels.
      let ev = e.doubleDouble
      var numerator = x >= 0 ? (ev * (-q0)) + q1 : (ev * q1) + (-q0)
      if abs(numerator.hi) < 0.125 * q0 {
        let ep = StableMath.expMantissaExponent(DoubleDouble(-a)).doubleDouble
        numerator = x >= 0 ? (ep * (-q0)) + q1 : (ep * q1) + (-q0)
      }
      let d1 = (numerator * h).value
      let d2 = (1 + qm1) * (large.mantissa.hi * small.doubleDouble.hi)
      return Jet(value: value.value, d1: d1, d2: d2)
    }
  }

  // MARK: - multiclass-hinge

  static let multiclassHinge = FunctionSpec(
    id: "multiclass-hinge", name: "Multiclass hinge (Weston-Watkins)", family: .multiclassLoss,
    aliases: ["svm", "multiclass-svm", "weston-watkins"],
    summary: "sum over j != k of max(0, s_j - s_k + delta): every wrong class whose score comes within delta of the true one adds its violation. The multiclass SVM loss of Weston and Watkins (the CS231n 'SVM loss').",
    parameters: [
      ParameterSpec(
        name: "delta", symbol: "\\Delta", defaultValue: 1, range: .positive, grid: [0.5, 1],
        summary: "the margin the true score must exceed every other score by")
    ],
    arguments: [scores, trueClass], differentiable: ["s"],
    evaluate: { p, a throws(CatalogError) in
      let s = a.vector("s")
      let k = try classIndex(a, classes: s.count, id: "multiclass-hinge")
      return westonWatkinsEvaluation(s, k: k, delta: p["delta"])
    },
    views: { p in
      let delta = p["delta"]
      return [
        ScalarView(
          label: "s = [x, 0, 0], k = 0", argument: "s[0]", fixed: [("k", .integer(0))], plotRange: -3...3,
          breakpoints: [delta], declared: hingeSliceDeclared(slope: 2),
          evaluate: { x in
            // Two equal terms max(0, 0 - x + delta); the count of active ones is 2.
            let t = delta - x
            return t > 0 ? Jet(value: 2 * t, d1: -2, d2: 0) : Jet(value: 0, d1: 0, d2: 0)
          })
      ]
    },
    implementationNote: "Each margin s_j - s_k + delta is summed exactly (TwoSum, then an exact sum of the three parts), so its sign, which decides the subgradient, is exact, and the loss is the correctly rounded sum of the positive margins. At a tie (margin exactly 0) the term is inactive (gradient 0), as PyTorch's clamp.",
    conventions: [
      FrameworkConvention(.pytorch, "torch.nn.functional.multi_margin_loss(s, k, margin=delta)", "divides the sum by C (the number of classes)"),
      FrameworkConvention(.keras, "", "no equivalent; keras.losses.CategoricalHinge is max(0, 1 + max_{j != k} s_j - s_k), the Crammer-Singer form"),
      FrameworkConvention(.optax, "", "no equivalent; optax.losses.multiclass_hinge_loss is Crammer-Singer with delta = 1"),
      FrameworkConvention(.jaxnn, "", "no equivalent (jax.nn holds activations; see optax)"),
    ],
    references: [
      Reference("Weston, Watkins, Support vector machines for multi-class pattern recognition, ESANN", year: 1999)
    ]
  )

  /// s_j - s_k + delta summed exactly: its parts (for an exact sign and an
  /// exact total), or +inf / -inf when s_j - s_k itself overflows (delta
  /// <= max Double cannot bring it back into range).
  static func marginParts(_ sj: Double, _ sk: Double, _ delta: Double) -> (sign: Int, parts: [Double]) {
    let d = sj - sk
    if d == .infinity { return (1, [.infinity]) }
    if d == -.infinity { return (-1, [-.infinity]) }
    let dd = DoubleDouble.twoSum(sj, -sk)
    let e = dd.hi + delta
    if e == .infinity { return (1, [.infinity]) }
    let ee = DoubleDouble.twoSum(dd.hi, delta)
    let parts = [ee.hi, ee.lo, dd.lo]
    let total = ExactSum.of(parts)
    return (total > 0 ? 1 : (total < 0 ? -1 : 0), parts)
  }

  /// The correctly rounded sum of the parts of several margins, scaled
  /// down first when the sum could overflow an intermediate.
  static func exactTotal(_ partsList: [[Double]]) -> Double {
    if partsList.contains(where: { $0.contains { !$0.isFinite } }) { return .infinity }
    let huge = partsList.contains { $0.contains { abs($0) >= 0x1p1018 } }
    let scale = huge ? 0x1p-8 : 1.0
    var sum = ExactSum()
    for parts in partsList {
      for v in parts { sum.add(v * scale) }
    }
    return sum.value / scale
  }

  static func westonWatkinsEvaluation(_ s: [Double], k: Int, delta: Double) -> Evaluation {
    var active: [[Double]] = []
    var gradient = [Double](repeating: 0, count: s.count)
    for j in s.indices where j != k {
      let margin = marginParts(s[j], s[k], delta)
      if margin.sign > 0 {
        active.append(margin.parts)
        gradient[j] = 1
        gradient[k] -= 1
      }
    }
    let value = active.isEmpty ? 0 : exactTotal(active)
    return Evaluation(value: .scalar(value), gradient: [NamedTensor("s", .vector(gradient))])
  }

  /// The slice s = [x, 0, 0], k = 0 of the two hinge losses: slope * max(0, delta - x).
  static func hingeSliceDeclared(slope: Double) -> DeclaredProperties {
    DeclaredProperties(
      infimum: RangeBound(0, attained: true), supremum: RangeBound(.infinity, attained: false),
      monotonic: .decreasing, derivativeMonotonic: .increasing, continuity: .c0, maxAbsDerivative: slope,
      saturatesLeft: false, saturatesRight: true, convex: true, concave: false, nonNegative: true,
      zeroAtCorrect: .attained, gradientGrowth: .bounded)
  }

  // MARK: - crammer-singer

  static let crammerSinger = FunctionSpec(
    id: "crammer-singer", name: "Multiclass hinge (Crammer-Singer)", family: .multiclassLoss,
    aliases: ["crammer-singer-hinge"],
    summary: "max(0, delta + max over j != k of s_j - s_k): only the strongest wrong class is penalized, when it comes within delta of the true class. The multiclass SVM of Crammer and Singer.",
    parameters: [
      ParameterSpec(
        name: "delta", symbol: "\\Delta", defaultValue: 1, range: .positive, grid: [0.5, 1],
        summary: "the margin the true score must exceed the best other score by")
    ],
    arguments: [scores, trueClass], differentiable: ["s"],
    evaluate: { p, a throws(CatalogError) in
      let s = a.vector("s")
      let k = try classIndex(a, classes: s.count, id: "crammer-singer")
      return crammerSingerEvaluation(s, k: k, delta: p["delta"])
    },
    views: { p in
      let delta = p["delta"]
      return [
        ScalarView(
          label: "s = [x, 0, 0], k = 0", argument: "s[0]", fixed: [("k", .integer(0))], plotRange: -3...3,
          breakpoints: [delta], declared: hingeSliceDeclared(slope: 1),
          evaluate: { x in
            let t = delta - x
            return t > 0 ? Jet(value: t, d1: -1, d2: 0) : Jet(value: 0, d1: 0, d2: 0)
          })
      ]
    },
    implementationNote: "The first j != k with the largest s_j is found by comparison (exact); its margin s_j - s_k + delta is summed exactly, so L is correctly rounded and L > 0, which decides the subgradient, is decided exactly. Ties among the wrong classes go to the first index, as the catalog says.",
    conventions: [
      FrameworkConvention(.pytorch, "", "no built-in; torch.clamp(delta + (s - big * onehot).max() - s[k], min=0) by hand"),
      FrameworkConvention(.keras, "keras.losses.CategoricalHinge()", "delta fixed at 1; takes one-hot targets"),
      FrameworkConvention(.optax, "optax.losses.multiclass_hinge_loss(s, k)", "delta fixed at 1; jnp.max splits the gradient among tied wrong classes instead of taking the first"),
      FrameworkConvention(.jaxnn, "", "no equivalent (jax.nn holds activations; see optax)"),
    ],
    references: [
      Reference("Crammer, Singer, On the algorithmic implementation of multiclass kernel-based vector machines, JMLR 2", year: 2001)
    ]
  )

  static func crammerSingerEvaluation(_ s: [Double], k: Int, delta: Double) -> Evaluation {
    var best = -1
    for j in s.indices where j != k {
      if best < 0 || s[j] > s[best] { best = j }
    }
    let margin = marginParts(s[best], s[k], delta)
    var gradient = [Double](repeating: 0, count: s.count)
    var value = 0.0
    if margin.sign > 0 {
      value = exactTotal([margin.parts])
      gradient[best] = 1
      gradient[k] = -1
    }
    return Evaluation(value: .scalar(value), gradient: [NamedTensor("s", .vector(gradient))])
  }
}
