/// Triplet margin loss, catalog id `triplet-margin`: its entry (`spec`: signature, views, declared
/// properties, conventions, references), its documented `formula`, and
/// its stable implementation with the notes on why it is stable.
enum TripletMargin {
  static let spec = FunctionSpec(
    id: "triplet-margin", name: "Triplet margin loss", family: .pairwiseLoss,
    aliases: ["triplet", "triplet-loss", "triplet-margin-loss"],
    summary: "max(0, |a − p| − |a − n| + m): an anchor a should be closer to its positive p than to its negative n by the margin m (Euclidean distances). The loss of metric learning and face embeddings (FaceNet), PyTorch's TripletMarginLoss and optax's triplet_margin_loss.",
    parameters: [
      ParameterSpec(
        name: "margin", symbol: "m", defaultValue: 1, range: .positive, grid: [0.5, 1, 2],
        summary: "how much closer the positive must be than the negative")
    ],
    arguments: [
      PairwiseLosses.embedding("a", "the anchor embedding"),
      PairwiseLosses.embedding("p", "the positive embedding (same class as the anchor), of the length of a"),
      PairwiseLosses.embedding("n", "the negative embedding (another class), of the length of a"),
    ],
    differentiable: ["a", "p", "n"],
    evaluate: { p, args throws(CatalogError) in try evaluate(p, args) },
    views: { p in
      let m = p["margin"]
      return [
        ScalarView(
          label: "d (d = |a - p| - |a - n|; a = [0], p = [3 + d], n = [3])", argument: "d",
          fixed: [("a", .vector([0])), ("n", .vector([3]))], domain: RealInterval(-3, .infinity), plotRange: -3...3,
          breakpoints: [-m], declared: differenceDeclared, evaluate: differenceJet(margin: m))
      ]
    },
    formula: formula,
    implementationNote: "Each difference a_i - p_i is exact as a double-double (halved first when one overflows), the differences are scaled by a power of two so that their squares neither overflow nor underflow, and the norm is a double-double square root of their exactly summed squares: a hypot for n dimensions, from 1e-320 to 1e308 per component. The value |a - p| - |a - n| + m is summed from the two norms in double-double with their own exponents (the two distances may be 1e300 apart) and rounded once, which also decides L > 0; u = (a - p) / |a - p| is a double-double quotient rounded once, 0 for a zero difference as the catalog says.",
    conventions: [
      FrameworkConvention(.pytorch, "torch.nn.TripletMarginLoss(margin=1.0, p=2.0, eps=1e-06)", "adds eps to every difference, |a - p + eps|, so the loss at a = p = [0, 0], n = [0.5, 0] is {torch.triplet_margin_loss.eps.value} (exact 0.5); with eps=0 the gradient at a zero difference is finite ({torch.triplet_margin_loss.eps.eps0_grad_finite}), as the catalog's u = 0", definitional: ["a = p = [0, 0], n = [0.5, 0]", "(exact 0.5)", "eps=0", "u = 0"]),
      FrameworkConvention(.keras, "", "no built-in"),
      FrameworkConvention(.optax, "optax.losses.triplet_margin_loss(a, p, n, margin=1.0, eps=1e-06)", "adds eps inside the square root, giving {optax.triplet_margin_loss.eps.value} at a = p = [0, 0], n = [0.5, 0] (exact 0.5); with eps=0, {optax.triplet_margin_loss.eps.nan_count} of the 6 gradient components are NaN at that zero difference", definitional: ["a = p = [0, 0], n = [0.5, 0]", "(exact 0.5)", "eps=0", "the 6 gradient components"]),
      FrameworkConvention(.jaxnn, "", "no equivalent (jax.nn holds activations; see optax)"),
    ],
    references: [
      Reference("Weinberger, Saul, Distance metric learning for large margin nearest neighbor classification, JMLR 10", year: 2009),
      Reference("Schroff, Kalenichenko, Philbin, FaceNet: a unified embedding for face recognition and clustering, CVPR", year: 2015),
      Reference("Balntas, Riba, Ponsa, Mikolajczyk, Learning local feature descriptors with triplets and shallow convolutional neural networks, BMVC", year: 2016),
    ]
  ).withValue { p, args throws(CatalogError) in try value(p, args) }.withValueLine(valueLine).withSettingsLine(settingsLine)

  // MARK: - Formula

  static let a = Symbol.latin("a")
  static let p = Symbol.latin("p")
  static let n = Symbol.latin("n")

  /// |a - v|, named d_v.
  static func distance(_ v: Symbol, _ name: String) -> Expr {
    .named(
      Symbol("d_" + name, latex: "d_{\(name)}", mathml: "<msub><mi>d</mi><mi>\(name)</mi></msub>"),
      .sqrt(.sumOver(.l, excluding: nil, (Expr.element(a, index: .l) - .element(v, index: .l)).pow(.n(2)))))
  }

  static let dp = distance(p, "p")
  static let dn = distance(n, "n")
  /// d_p - d_n + m, the quantity the hinge clips.
  static let excess = dp - dn + .margin

  /// u_v,j = (a_j - v_j) / d_v, 0 for a zero difference.
  static func unit(_ v: Symbol, _ d: Expr) -> Expr {
    .cases([((Expr.element(a, index: .j) - .element(v, index: .j)) / d, .greater(d, .n(0))), (.n(0), .otherwise)])
  }

  /// g where L > 0, else 0.
  static func active(_ g: Expr) -> Expr { .cases([(g, .greater(excess, .n(0))), (.n(0), .otherwise)]) }

  /// The documented formulas: the tree the manual prints and the tests evaluate.
  static let formula = FunctionFormula(
    value: .max(.n(0), excess),
    derivatives: [
      ("a", active(unit(p, dp) - unit(n, dn))),
      ("p", active(-unit(p, dp))),
      ("n", active(unit(n, dn))),
    ],
    derivativeIndices: [.j])

  // MARK: - Implementation

  /// The entry's evaluator: the value and the gradient (the value alone is
  /// ``value(_:_:)``, the entry's value-only path).
  static func evaluate(_ p: ParameterValues, _ args: ArgumentValues) throws(CatalogError) -> Evaluation {
    let a = args.vector("a")
    let positive = args.vector("p")
    let negative = args.vector("n")
    try PairwiseLosses.requireSameLength([("a", a), ("p", positive), ("n", negative)], id: "triplet-margin")
    return evaluation(a, positive, negative, margin: p["margin"])
  }

  /// The value-only path (``FunctionSpec/valueEvaluator``): ``value(_:_:_:margin:_:)``
  /// after the same checks as ``evaluate(_:_:)``.
  static func value(_ p: ParameterValues, _ args: ArgumentValues) throws(CatalogError) -> Double? {
    let a = args.vector("a")
    let positive = args.vector("p")
    let negative = args.vector("n")
    try PairwiseLosses.requireSameLength([("a", a), ("p", positive), ("n", negative)], id: "triplet-margin")
    var work = Workspace()
    return value(a, positive, negative, margin: p["margin"], &work)
  }

  /// The value along the anchor a with p, n and the margin read once
  /// (``FunctionSpec/valueLine``): nil where the lengths differ (where
  /// ``evaluate(_:_:)`` throws), else ``value(_:_:_:margin:_:)``
  /// in one workspace reused from call to call.
  static func valueLine(_ p: ParameterValues, _ others: ArgumentValues) -> ValueLine {
    let positive = others.vector("p")
    let negative = others.vector("n")
    let m = p["margin"]
    var work = Workspace()
    return { a in
      guard a.count == positive.count, a.count == negative.count else { return nil }
      return value(a, positive, negative, margin: m, &work)
    }
  }

  /// The values along the anchor a at several margins (``FunctionSpec/settingsLine``):
  /// the differences, distances and d_p - d_n formed once per a
  /// (``unsigned(_:_:_:_:)``), then L and its sign per margin
  /// (``withMargin(_:_:_:)``): for each margin, the bits of
  /// ``value(_:_:_:margin:_:)``; NaN where the lengths differ.
  static func settingsLine(_ settings: [ParameterValues], _ others: ArgumentValues) -> SettingsLine {
    let positive = others.vector("p")
    let negative = others.vector("n")
    let margins = settings.map { $0["margin"] }
    var work = Workspace()
    return { a, values in settingsValues(a, positive, negative, margins, &values, &work) }
  }

  /// One call of ``settingsLine(_:_:)``, the workspace passed in once: a
  /// variable the line's closure captures is checked for exclusive access
  /// at each use (one check per call here, not one per margin).
  static func settingsValues(
    _ a: [Double], _ positive: [Double], _ negative: [Double], _ margins: [Double], _ values: inout [Double],
    _ work: inout Workspace
  ) {
    guard a.count == positive.count, a.count == negative.count else {
      for k in values.indices { values[k] = .nan }
      return
    }
    let u = unsigned(a, positive, negative, &work)
    for (k, m) in margins.enumerated() {
      let d = withMargin(u, m, &work)
      values[k] = d.active ? Swift.max(0, d.excess.double) : 0
    }
  }

  /// The storage one evaluation fills: the differences and the exact sums.
  /// A value line keeps one from call to call, so that the value allocates
  /// nothing once the lists have grown to the vectors' length (the
  /// allocations were most of a value-only evaluation).
  struct Workspace {
    var toP: [DoubleDouble] = []
    var toN: [DoubleDouble] = []
    var pToN: [DoubleDouble] = []
    var squares = ExactSum()
    var gap = ExactSum()
    var rest = ExactSum()
  }

  /// The differences a - p, a - n and n - p into `work`, exact as
  /// double-doubles, halved (the exponent returned is 1) when one of them
  /// overflows: halving is exact for the large terms, and a subnormal one
  /// loses at most 2^-1075, nothing beside a difference of 2^1024.
  static func differences(_ a: [Double], _ p: [Double], _ n: [Double], into work: inout Workspace) -> Int {
    let toP = fill(&work.toP, a, p, halved: false)
    let toN = fill(&work.toN, a, n, halved: false)
    let pToN = fill(&work.pToN, n, p, halved: false)
    if toP && toN && pToN { return 0 }
    _ = fill(&work.toP, a, p, halved: true)
    _ = fill(&work.toN, a, n, halved: true)
    _ = fill(&work.pToN, n, p, halved: true)
    return 1
  }

  /// x - y entry by entry (over the shorter, as `zip`), exact as
  /// double-doubles (halved when `halved`), into `out`, and whether every
  /// one is finite. Written over `out`'s entries in place when it already
  /// has that length (a line's workspace keeps it from call to call):
  /// removing them and appending again was a tenth of triplet-margin's
  /// whole-domain search.
  static func fill(_ out: inout [DoubleDouble], _ x: [Double], _ y: [Double], halved: Bool) -> Bool {
    let count = Swift.min(x.count, y.count)
    if out.count != count { out = [DoubleDouble](repeating: zero, count: count) }
    var finite = true
    out.withUnsafeMutableBufferPointer { out in
      for i in 0..<count {
        let d = halved ? StableMath.halfResidual(x[i], y[i]) : StableMath.residual(x[i], y[i])
        finite = finite && d.hi.isFinite
        out[i] = d
      }
    }
    return finite
  }

  /// The exponent of the largest |hi| of the entries (nil when all are 0).
  static func largestExponent(_ v: [DoubleDouble]) -> Int? {
    var largest = 0.0
    for e in v { largest = max(largest, abs(e.hi)) }
    return largest > 0 ? Int(largest.exponent) : nil
  }

  /// The exponent of the largest |hi| of the entries of both (nil when all
  /// are 0): `largestExponent(a + b)` without concatenating.
  static func largestExponent(_ a: [DoubleDouble], _ b: [DoubleDouble]) -> Int? {
    var largest = 0.0
    for e in a { largest = max(largest, abs(e.hi)) }
    for e in b { largest = max(largest, abs(e.hi)) }
    return largest > 0 ? Int(largest.exponent) : nil
  }

  /// The entry times 2^-k (exact in the normal range).
  static func scaled(_ e: DoubleDouble, _ k: Int) -> DoubleDouble {
    DoubleDouble(StableMath.scaleByPowerOfTwo(e.hi, -k), StableMath.scaleByPowerOfTwo(e.lo, -k))
  }

  /// The entries times 2^-k (exact in the normal range).
  static func scaled(_ v: [DoubleDouble], _ k: Int) -> [DoubleDouble] {
    k == 0 ? v : v.map { scaled($0, k) }
  }

  /// sum_i v_i^2 exactly, (hi + lo)^2 = hi^2 + 2 hi lo + lo^2 term by term.
  static func squares(_ v: [DoubleDouble]) -> ExactSum {
    var sum = ExactSum()
    for e in v { addSquare(e, to: &sum) }
    return sum
  }

  /// sum += (hi + lo)^2, exactly.
  static func addSquare(_ e: DoubleDouble, to sum: inout ExactSum) {
    sum.addProduct(e.hi, e.hi)
    sum.addProduct(2 * e.hi, e.lo)
    sum.addProduct(e.lo, e.lo)
  }

  /// |v 2^-k| as a double-double: the square root of `squares(scaled(v, k))`
  /// rounded to a double-double, formed in `work`'s sums.
  static func norm(_ v: [DoubleDouble], _ k: Int, _ work: inout Workspace) -> DoubleDouble {
    work.squares.removeAll()
    for e in v { addSquare(k == 0 ? e : scaled(e, k), to: &work.squares) }
    return work.squares.doubleDouble(reusing: &work.rest).squareRoot()
  }

  static let zero = DoubleDouble(0)

  /// An exact expansion of a quantity times 2^exponent.
  struct Scaled {
    var sum: ExactSum
    var exponent: Int
    var value: ScaledDD { ScaledDD(sum.doubleDouble, exponent: exponent) }
  }

  /// What the value is made of (see ``evaluation(_:_:_:margin:)``),
  /// the differences left in the workspace: the exponents of the largest
  /// entries of a - p and a - n (nil for a zero difference), the halving
  /// exponent, the two distances (in their frames, and scaled), their
  /// difference d_p - d_n, L = d_p - d_n + m, and whether L > 0.
  struct Distances {
    let kp: Int?
    let kn: Int?
    let half: Int
    let np: DoubleDouble
    let nn: DoubleDouble
    let dp: ScaledDD
    let dn: ScaledDD
    let diff: ScaledDD
    let excess: ScaledDD
    let active: Bool
  }

  /// The distances and the loss's sign at (a, p, n), in `work`.
  static func distances(_ a: [Double], _ p: [Double], _ n: [Double], margin m: Double, _ work: inout Workspace) -> Distances {
    let u = unsigned(a, p, n, &work)
    return withMargin(u, m, &work)
  }

  /// What ``Distances`` holds that does not depend on the margin (every
  /// field but `excess` and `active`), and the exponent of d_p^2 - d_n^2
  /// (its sum left in `work.gap`, the differences in `work`).
  struct Unsigned {
    let kp: Int?
    let kn: Int?
    let half: Int
    let np: DoubleDouble
    let nn: DoubleDouble
    let dp: ScaledDD
    let dn: ScaledDD
    let gapExponent: Int
    let diff: ScaledDD
  }

  /// The differences, the two distances and d_p - d_n at (a, p, n), in
  /// `work`: the part of ``distances`` every margin shares.
  static func unsigned(_ a: [Double], _ p: [Double], _ n: [Double], _ work: inout Workspace) -> Unsigned {
    let half = differences(a, p, n, into: &work)
    let kp = largestExponent(work.toP)
    let kn = largestExponent(work.toN)
    // Lengths, each in its own frame.
    let np = kp.map { norm(work.toP, $0, &work) } ?? zero
    let nn = kn.map { norm(work.toN, $0, &work) } ?? zero
    let dp = kp.map { ScaledDD(np, exponent: $0 + half) } ?? .zero
    let dn = kn.map { ScaledDD(nn, exponent: $0 + half) } ?? .zero
    let gapExponent = squareGap(work.toP, work.toN, work.pToN, half, into: &work.gap)
    let total = dp + dn
    let diff = total.isZero ? ScaledDD.zero : ScaledDD(work.gap.doubleDouble(reusing: &work.rest), exponent: gapExponent) / total
    return Unsigned(kp: kp, kn: kn, half: half, np: np, nn: nn, dp: dp, dn: dn, gapExponent: gapExponent, diff: diff)
  }

  /// L = (d_p - d_n) + m rounded once, and L > 0 (decided exactly where L
  /// is within 2^-90 of its terms), from the margin-free part `u` and the
  /// differences and d_p^2 - d_n^2 it left in `work` (read, not changed).
  /// `work` is `inout` only so that it is read in place: passed by value
  /// from the workspace a settings line's closure holds, it was copied
  /// (its six arrays retained and released) once per margin, 0.07 s of
  /// the whole-domain search's 0.86 s.
  static func withMargin(_ u: Unsigned, _ m: Double, _ work: inout Workspace) -> Distances {
    let diff = u.diff
    let excess = diff + ScaledDD(m)
    var active = !excess.isZero && excess.m.hi > 0
    let terms = Swift.max(diff.isZero ? Int.min / 4 : diff.e, Int(m.exponent))
    if excess.isZero || excess.e < terms - 90 {
      active = exactlyPositive(work.toP, Scaled(sum: work.gap, exponent: u.gapExponent), m, u.half)
    }
    return Distances(
      kp: u.kp, kn: u.kn, half: u.half, np: u.np, nn: u.nn, dp: u.dp, dn: u.dn, diff: diff, excess: excess, active: active)
  }

  /// The loss alone, max(0, L) (0 where L > 0 fails), from ``distances``:
  /// the value ``evaluation(_:_:_:margin:)`` reports.
  static func value(_ a: [Double], _ p: [Double], _ n: [Double], margin m: Double, _ work: inout Workspace) -> Double {
    let d = distances(a, p, n, margin: m, &work)
    return d.active ? Swift.max(0, d.excess.double) : 0
  }

  /// The loss and its gradient; see the implementation note.
  ///
  /// Each distance is a double-double in its own frame (d = |v| for the
  /// difference v scaled by a power of two). Their difference comes from
  /// DP - DN = sum_i (n_i - p_i)(2 a_i - p_i - n_i), exact (the factors
  /// are exact expansions, scaled into range), so
  /// d_p - d_n = (DP - DN) / (d_p + d_n) keeps its digits when the two
  /// distances agree to 1e-87 or differ by 1e-261 at 1e297, and
  /// L = (d_p - d_n) + m is rounded once. Where L is within 2^-90 of its
  /// terms, L > 0 is decided exactly: d_p + m > d_n iff R < 0 or
  /// 4 m^2 DP > R^2 with R = DN - DP - m^2.
  ///
  /// The anchor's gradient u_p - u_n cancels where both unit vectors'
  /// entries agree. Entries of one sign are formed as
  /// (P_i^2 DN - N_i^2 DP) / (d_p d_n (P_i d_n + N_i d_p)) (P = a - p,
  /// N = a - n) with an exact numerator, so 1-D and axis-aligned triplets
  /// give 0 exactly and an entry near ±1 keeps its tiny difference; entries
  /// below 2^-500 of their vector, when the distances are within a factor
  /// 2, as (a - p)(d_n - d_p) / (d_p d_n) + (n - p) / d_n; the rest as
  /// u_p - u_n.
  static func evaluation(_ a: [Double], _ p: [Double], _ n: [Double], margin m: Double) -> Evaluation {
    var space = Workspace()
    let d = distances(a, p, n, margin: m, &space)
    let count = a.count
    let zeros = [Double](repeating: 0, count: count)
    func result(_ value: Double, _ gA: [Double], _ gP: [Double], _ gN: [Double]) -> Evaluation {
      Evaluation(
        value: .scalar(value),
        gradient: [NamedTensor("a", .vector(gA)), NamedTensor("p", .vector(gP)), NamedTensor("n", .vector(gN))])
    }
    guard d.active else { return result(0, zeros, zeros, zeros) }
    let (toP, toN, pToN, half) = (space.toP, space.toN, space.pToN, d.half)
    let (kp, kn, np, nn, dp, dn, diff) = (d.kp, d.kn, d.np, d.nn, d.dp, d.dn, d.diff)
    let ep = kp.map { scaled(toP, $0) } ?? toP
    let en = kn.map { scaled(toN, $0) } ?? toN
    let excess = d.excess
    let up = ep.map { kp == nil ? zero : $0 / np }
    let un = en.map { kn == nil ? zero : $0 / nn }
    var gA = zeros
    var gP = zeros
    var gN = zeros
    let close = kp != nil && kn != nil && (dp - dn * ScaledDD(2)).m.hi <= 0 && (dn - dp * ScaledDD(2)).m.hi <= 0
    let product = dp * dn
    let framed = kp != nil && kn != nil
    let squaresP = framed ? squares(ep) : ExactSum()
    let squaresN = framed ? squares(en) : ExactSum()
    var work = ExactSum()
    for i in 0..<count {
      gP[i] = -up[i].value
      gN[i] = un[i].value
      let (x, z) = (ep[i].hi, en[i].hi)
      if framed && (x > 0) == (z > 0) && abs(x) >= 0x1p-500 && abs(z) >= 0x1p-500 {
        // Same signs: u_p,i - u_n,i = (P_i^2 DN - N_i^2 DP) / (d_p d_n (P_i d_n + N_i d_p)),
        // the numerator exact (its j = i terms cancel exactly, so an entry
        // near ±1 keeps the tiny difference the other entries make).
        work.removeAll()
        var pp = ExactSum()
        addSquare(ep[i], to: &pp)
        var nn2 = ExactSum()
        addSquare(en[i], to: &nn2)
        work.addProduct(pp, squaresN)
        var minusN = ExactSum()
        minusN.addProduct(nn2, -1)
        work.addProduct(minusN, squaresP)
        let sideP = DoubleDouble(abs(ep[i].hi), ep[i].hi < 0 ? -ep[i].lo : ep[i].lo)
        let sideN = DoubleDouble(abs(en[i].hi), en[i].hi < 0 ? -en[i].lo : en[i].lo)
        let denominator = np * nn * (sideP * nn + sideN * np)
        let q = work.doubleDouble / denominator
        gA[i] = x > 0 ? q.value : -q.value
      } else if close {
        // (a - p)(d_n - d_p) / (d_p d_n) + (n - p) / d_n, in ScaledDD.
        let pi = ScaledDD(toP[i], exponent: half)
        let si = ScaledDD(pToN[i], exponent: half)
        gA[i] = (pi * (ScaledDD.zero - diff) / product + si / dn).double
      } else {
        gA[i] = (up[i] - un[i]).value
      }
    }
    return result(Swift.max(0, excess.double), gA, gP, gN)
  }

  /// DP - DN = sum_i (n_i - p_i)((a_i - p_i) + (a_i - n_i)) exactly, from
  /// the exact differences (times 2^half), into `sum` (emptied first),
  /// returning its exponent: the quantity is sum 2^exponent. Each factor's
  /// parts are scaled so that the largest is near 1, every product of
  /// parts exact.
  static func squareGap(
    _ toP: [DoubleDouble], _ toN: [DoubleDouble], _ pToN: [DoubleDouble], _ half: Int, into sum: inout ExactSum
  ) -> Int {
    sum.removeAll()
    guard let ks = largestExponent(pToN), let kt = largestExponent(toP, toN) else { return 0 }
    for i in toP.indices {
      let s = pToN[i]
      guard s.hi != 0 else { continue }
      let sh = StableMath.scaleByPowerOfTwo(s.hi, -ks)
      let sl = StableMath.scaleByPowerOfTwo(s.lo, -ks)
      // The four parts in this order, zeros skipped (no list per entry).
      func add(_ t: Double) {
        guard t != 0 else { return }
        let ts = StableMath.scaleByPowerOfTwo(t, -kt)
        sum.addProduct(sh, ts)
        sum.addProduct(sl, ts)
      }
      add(toP[i].hi)
      add(toP[i].lo)
      add(toN[i].hi)
      add(toN[i].lo)
    }
    return ks + kt + 2 * half
  }

  /// d_p + m > d_n decided exactly (m > 0): R = DN - DP - m^2 = -(DP - DN) - m^2 < 0,
  /// or 4 m^2 DP > R^2, all in one frame 2^-2K with 2^K about the largest of
  /// d_p and m (a term far below the frame's range counts as 0).
  static func exactlyPositive(_ toP: [DoubleDouble], _ gap: Scaled, _ m: Double, _ half: Int) -> Bool {
    let kp = largestExponent(toP).map { $0 + half }
    let k = Swift.max(kp ?? Int.min / 4, Int(m.exponent))
    let mk = StableMath.scaleByPowerOfTwo(m, -k)
    var dp = ExactSum()
    if kp != nil {
      dp = squares(scaled(toP, k - half))
    }
    var r = ExactSum()
    gap.sum.withPartials { parts in for part in parts { r.add(-StableMath.scaleByPowerOfTwo(part, gap.exponent - 2 * k)) } }
    var mm = ExactSum()
    mm.add(DoubleDouble.twoProduct(mk, mk))
    r.addProduct(mm, -1)
    if r.sign < 0 { return true }
    var test = ExactSum()
    var fourMM = ExactSum()
    fourMM.addProduct(mm, 4)
    test.addProduct(fourMM, dp)
    var minusR = ExactSum()
    minusR.addProduct(r, -1)
    test.addProduct(r, minusR)
    return test.sign > 0
  }

  // MARK: - View

  /// Along a = [0], n = [3], p = [3 + d] (d >= -3), |a - p| - |a - n| = d:
  /// L = max(0, d + m), rounded once; dL/dd = dL/dp * dp/dd = -u_p = 1 on
  /// the sloped piece.
  static func differenceJet(margin m: Double) -> @Sendable (Double) -> Jet {
    { d in
      let z = d + m
      return z > 0 ? Jet(value: z, d1: 1, d2: 0) : Jet(value: 0, d1: 0, d2: 0)
    }
  }

  /// max(0, d + m) on [-3, inf): 0 up to -m, then the identity shifted.
  static let differenceDeclared = DeclaredProperties(
    infimum: RangeBound(0, attained: true), supremum: RangeBound(.infinity, attained: false),
    monotonic: .increasing, derivativeMonotonic: .increasing, continuity: .c0, maxAbsDerivative: 1,
    saturatesLeft: false, saturatesRight: false, convex: true, concave: false, nonNegative: true,
    zeroAtCorrect: .attained, gradientGrowth: .bounded)
}
