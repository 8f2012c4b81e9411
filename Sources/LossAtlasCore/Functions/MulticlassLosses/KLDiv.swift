/// Kullback-Leibler divergence, catalog id `kl-div`: its entry (`spec`: signature, views, declared
/// properties, conventions, references), its documented `formula`, and
/// its stable implementation with the notes on why it is stable.
enum KLDiv {
  static let spec = FunctionSpec(
    id: "kl-div", name: "Kullback-Leibler divergence", family: .multiclassLoss,
    aliases: ["kl", "kullback-leibler"],
    summary: "Σⱼ qⱼ (log qⱼ − log softmax(s)ⱼ): how far the softmax of the scores is from a target distribution q. Zero exactly when they agree; used for distillation and soft targets.",
    arguments: [
      MulticlassLosses.scores,
      ArgumentSpec(
        name: "q", kind: .vector, domain: .nonNegative, minimumCount: 2,
        summary: "the target distribution (entries ≥ 0 summing to 1), one entry per class"),
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
      return evaluation(s, q)
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
          evaluate: slice2(q0: 0.75, q1: 0.25))
      ]
    },
    domain: { _ in
      // KL(q || softmax(s)) >= 0, with equality at s = log q + const; convex in s.
      DeclaredDomainProperties(
        infimum: RangeBound(0, attained: true), supremum: RangeBound(.infinity, attained: false), nonNegative: true,
        convex: true)
    },
    formula: formula,
    naive: NaiveForm(
      valueFormula: "sum_j q_j (log q_j - log softmax([x, 0])_j), q = [0.75, 0.25]",
      derivativeFormula: "softmax([x, 0])_0 - 0.75",
      // Exactly the printed formula: softmax([x, 0])_j = e^(z_j) / (e^x + e^0)
      // for both components (not 1 - p0 for the second, which cancels).
      value: { _ in
        { x in
          let sum = exp(x) + exp(0)
          let p0 = exp(x) / sum
          let p1 = exp(0) / sum
          return 0.75 * (log(0.75) - log(p0)) + 0.25 * (log(0.25) - log(p1))
        }
      },
      derivative: { _ in { x in exp(x) / (exp(x) + exp(0)) - 0.75 } }),
    implementationNote: "L = sum_j f_j + (sum q - 1) with f_j = q_j log(q_j/p_j) - q_j + p_j ≥ 0; near p_j = q_j each f_j is p_j phi(delta), delta = (q_j - p_j)/p_j, phi(delta) = (1 + delta) log1p(delta) - delta = delta^2/2 - ..., so the O(1) terms q log q and -q log p never cancel against each other; elsewhere the pieces (q log q, q (m - s_j) as exact products, q log S, -q, p) are summed exactly. 0 log 0 = 0. Gradient (sum q) softmax - q from 90-bit softmax pieces, rounded once.",
    conventions: [
      FrameworkConvention(.pytorch, "torch.nn.functional.kl_div(torch.log_softmax(s, -1), q, reduction='batchmean')", "takes log-probabilities as input and q as target; reduction='mean' divides by the number of elements, not the batch size (batchmean is {torch.kl_div.reduction.batchmean_over_mean} times mean on 2 rows of 3)", definitional: ["2 rows of 3"]),
      FrameworkConvention(.keras, "keras.losses.KLDivergence()", "takes probabilities for both arguments and clips them to [1e-7, 1], so q_j = 0 terms and tiny p_j are distorted (relative error {keras.kl_divergence.clip.rel_error} at q = [0, 1], p = [0.5, 0.5])", definitional: ["[1e-7, 1]", "q_j = 0", "q = [0, 1], p = [0.5, 0.5]"]),
      FrameworkConvention(.optax, "optax.losses.kl_divergence(jax.nn.log_softmax(s), q)", "takes log-probabilities of the prediction; use kl_divergence_with_log_targets for log q"),
      FrameworkConvention(.jaxnn, "", "no equivalent (jax.nn holds activations; see optax)"),
    ],
    references: [
      Reference("Kullback, Leibler, On information and sufficiency, Annals of Mathematical Statistics 22(1)", year: 1951),
      Reference("Hinton, Vinyals, Dean, Distilling the knowledge in a neural network, arXiv:1503.02531", year: 2015),
    ]
  ).withLines(
    // Along s_i: f = const - q.s + (sum q) logsumexp(s), so f'' =
    // (sum q) p_i (1 - p_i), 1 - p_i as the sum of the other terms.
    MulticlassLosses.lines { _, a in
      let q = a.vector("q")
      let total = ExactSum.of(q)
      return { s, i in
        let r = StableMath.softmaxParts(s)
        return MulticlassLosses.jet(evaluation(s, q), element: i, d2: total * (r.p[i] * r.complement[i]).value)
      }
    }
  ).withValueLine(valueLine)

  /// The value along s with q read and checked once (``FunctionSpec/valueLine``):
  /// nil exactly where the entry's evaluator throws (q of another length
  /// than s, or q not summing to 1 within 1e-9), else ``evaluation(_:_:)``'s
  /// value, the evaluator's bits. Whether q sums to 1 does not depend on s:
  /// the whole-domain search's settings whose q does not (67 of its 80
  /// target vectors from 0, 0.3, 0.7 and 1) are rejected at every probe
  /// without summing q again and building the error message each time.
  static func valueLine(_ p: ParameterValues, _ others: ArgumentValues) -> ValueLine {
    let q = others.vector("q")
    let sumsToOne = abs(ExactSum.of(q) - 1) <= 1e-9
    return { s in
      guard q.count == s.count, sumsToOne else { return nil }
      return evaluation(s, q).value.scalarValue
    }
  }

  /// The documented formulas: the tree the manual prints and the tests evaluate.
  static let formula = FunctionFormula(
    // 0 log 0 = 0: the sum runs over the classes with q_j > 0.
    value: .sumOver(
      .j, excluding: nil,
      .cases([
        (target(.j) * .log(target(.j) / .softmax(of: .s, at: .j)), .greater(target(.j), .n(0))),
        (.n(0), .otherwise),
      ])),
    derivatives: [("s", .sumOver(.l, excluding: nil, target(.l)) * .softmax(of: .s, at: .j) - target(.j))],
    derivativeIndices: [.j])

  /// The target distribution q.
  static let q = Symbol.latin("q")
  /// The target distribution q at `index`.
  static func target(_ index: Symbol) -> Expr { .element(q, index: index) }

  static func evaluation(_ s: [Double], _ q: [Double]) -> Evaluation {
    let c = s.count
    let softmax = StableMath.SoftmaxExpansion(s)
    let scale = MulticlassLosses.isHuge(s) ? 0.25 : 1.0
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
      } else if let near = nearTerm(q: qj, p: p) {
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

  /// One term of the generalized KL divergence, f = q log(q/p) - q + p >= 0,
  /// in the form p phi(delta) with delta = (q - p)/p, when |delta| <= 1/2:
  ///
  /// ```
  /// phi(delta) = (1 + delta) log1p(delta) - delta = delta^2/2 - delta^3/6 + ...
  /// ```
  /// The terms q log q, -q log p, -q, p that it replaces are each of size
  /// q while f is of size q delta^2: summing them would leave the rounding
  /// of log p (about 2^-106 q) as the whole answer when p is within 1e-16
  /// of q. Here an error in p moves f only by p delta * (that error).
  /// Returns nil when p is zero, outside 2^-1000...2^10, or |delta| > 1/2.
  static func nearTerm(q: Double, p: StableMath.MantissaExponent) -> StableMath.MantissaExponent? {
    guard !p.isZero, p.exponent >= -1000, p.exponent <= 10 else { return nil }
    let qs = StableMath.scaleByPowerOfTwo(q, -p.exponent)
    let delta = (DoubleDouble(qs) - p.mantissa) / p.mantissa
    guard abs(delta.hi) <= 0.5 else { return nil }
    return StableMath.MantissaExponent(p.mantissa * phi(delta), p.exponent)
  }

  /// phi(delta) = (1 + delta) log1p(delta) - delta for |delta| <= 1/2: the
  /// series to delta^5 below 2^-20 (relative error < 2^-80 from the
  /// truncation), else the closed form in double-double (it cancels to
  /// delta^2/2 >= 2^-41, far above its 2^-100 absolute error).
  static func phi(_ delta: DoubleDouble) -> DoubleDouble {
    let d = delta.hi
    if abs(d) < 0x1p-20 {
      let series = 0.5 + d * (-1.0 / 6 + d * (1.0 / 12 + d * (-1.0 / 20)))
      return DoubleDouble.twoProduct(d * d, series)
    }
    let l = StableMath.log1pDoubleDouble(delta)
    return (delta + 1.0) * l - delta
  }

  /// s = [x, 0] against q = [q0, q1]: the same pieces as the general
  /// evaluator, without allocation. p_0 = sigma(x), p_1 = sigma(-x) from
  /// E = e^-|x| (90 bits), -log p = softplus terms |x| + log1p(E) or log1p(E).
  static func slice2(q0: Double, q1: Double) -> @Sendable (Double) -> Jet {
    let careful = slice2Careful(q0: q0, q1: q1)
    guard q0 > 0 && q1 > 0 && ExactSum.of([q0, q1, -1]) == 0 else { return careful }
    let k = SliceConstants(q0: q0, q1: q1)
    return { x in slice2Fast(x, k) ?? careful(x) }
  }

  /// The constants of the fast slice: x* = log(q0/q1) (where p = q) and
  /// q0 q1 in double-double, 1 + q0 exact.
  struct SliceConstants: Sendable {
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
  static func slice2Fast(_ x: Double, _ k: SliceConstants) -> Jet? {
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
    let rden = StableMath.reciprocal(den)
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
      let s0 = StableMath.looseProduct(qm, StableMath.reciprocal(den0))
      let s1 = StableMath.looseProduct(-z, StableMath.reciprocal(den1))
      let u0 = StableMath.looseProduct(qm, rden)
      let u1 = StableMath.looseProduct(-z, rden)
      let psi0 = psi(s0, u0)
      let psi1 = psi(s1, u1)
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
  static func psi(_ s: DoubleDouble, _ u: DoubleDouble) -> DoubleDouble {
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
  static func slice2Careful(q0: Double, q1: Double) -> @Sendable (Double) -> Jet {
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
        if let near = nearTerm(q: q, p: p) { return near.doubleDouble }
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
}
