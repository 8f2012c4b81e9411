/// Cosine embedding loss, catalog id `cosine-embedding`: its entry (`spec`: signature, views, declared
/// properties, conventions, references), its documented `formula`, and
/// its stable implementation with the notes on why it is stable.
enum CosineEmbedding {
  static let spec = FunctionSpec(
    id: "cosine-embedding", name: "Cosine embedding loss", family: .pairwiseLoss,
    aliases: ["cosine-distance", "cosine-embedding-loss"],
    summary: "With c the cosine of the angle between two embeddings a and b: 1 − c for a similar pair (y = +1; the cosine distance, optax's cosine_distance) and max(0, c − m) for a dissimilar one (y = −1). PyTorch's CosineEmbeddingLoss, used to learn embeddings whose directions, not lengths, carry the meaning.",
    parameters: [
      ParameterSpec(
        name: "margin", symbol: "m", defaultValue: 0, range: marginRange, grid: [-0.5, 0, 0.5],
        summary: "the cosine below which a dissimilar pair costs nothing")
    ],
    arguments: [
      PairwiseLosses.embedding("a", "the first embedding (not all zeros)"),
      PairwiseLosses.embedding("b", "the second embedding, of the length of a (not all zeros)"),
      PairwiseLosses.label("+1 for a similar pair, −1 for a dissimilar one"),
    ],
    differentiable: ["a", "b"],
    evaluate: { p, args throws(CatalogError) in try evaluate(p, args, withGradient: true) },
    views: { p in
      let m = p["margin"]
      let kink = acos(m)
      let circle = RealInterval(-Double.pi, Double.pi)
      let onCircle: [(name: String, value: ArgumentValue)] = [("b", .vector([1, 0]))]
      return [
        ScalarView(
          label: "t (y = +1; a = [cos t, sin t], b = [1, 0])", argument: "t", fixed: onCircle + [("y", .real(1))],
          domain: circle, plotRange: -Double.pi...Double.pi, declared: angleSimilarDeclared,
          evaluate: angleJet(y: 1, margin: m)),
        ScalarView(
          label: "t (y = -1; a = [cos t, sin t], b = [1, 0])", argument: "t", fixed: onCircle + [("y", .real(-1))],
          domain: circle, plotRange: -Double.pi...Double.pi, breakpoints: [-kink, kink],
          declared: angleDissimilarDeclared(margin: m), evaluate: angleJet(y: -1, margin: m)),
        ScalarView(
          label: "c (y = +1; a = [c, sqrt(1 - c^2)], b = [1, 0])", argument: "c",
          fixed: onCircle + [("y", .real(1))], domain: RealInterval(-1, 1), plotRange: -1...1,
          declared: cosineSimilarDeclared, evaluate: cosineJet(y: 1, margin: m)),
        ScalarView(
          label: "c (y = -1; a = [c, sqrt(1 - c^2)], b = [1, 0])", argument: "c",
          fixed: onCircle + [("y", .real(-1))], domain: RealInterval(-1, 1), plotRange: -1...1, breakpoints: [m],
          declared: cosineDissimilarDeclared(margin: m), evaluate: cosineJet(y: -1, margin: m)),
      ]
    },
    formula: formula,
    implementationNote: "a and b are scaled by powers of two (exactly) so that |a|^2, |b|^2 and a.b neither overflow nor underflow, and are summed exactly as expansions. 1 - c is never formed as a difference: for a.b > 0 it is G / (s (s + a.b)) with s = |a| |b| and G = |a|^2 |b|^2 - (a.b)^2, the Gram determinant, formed exactly (0 exactly for parallel vectors); c - m likewise as ((a.b)^2 - m^2 |a|^2 |b|^2) / (s (a.b + m s)), which also decides c > m exactly. The gradient's numerators |a|^2 b_i - (a.b) a_i, which cancel to the last bit for nearly parallel vectors, are exact expansions rounded once, then divided by |a|^2 s in double-double.",
    conventions: [
      FrameworkConvention(.pytorch, "torch.nn.CosineEmbeddingLoss(margin=0.0) / F.cosine_embedding_loss(a, b, y)", "adds an epsilon to each squared norm, so parallel vectors do not give 0: {torch.cosine_embedding_loss.epsilon.at_unit_vectors} at a = b = [1] and {torch.cosine_embedding_loss.epsilon.at_two_two} at a = b = [2, 2] (y = +1), and {torch.cosine_embedding_loss.epsilon.at_c_minus_1_margin_minus_1} at a = -b with y = -1, margin -1 (exact 0); its squared norms overflow, giving NaN or inf, from components of {torch.cosine_embedding_loss.epsilon.nonfinite_from}", definitional: ["do not give 0", "a = b = [1]", "a = b = [2, 2]", "(y = +1)", "y = -1, margin -1 (exact 0)"]),
      FrameworkConvention(.keras, "keras.losses.CosineSimilarity()", "returns the negated similarity -c, not 1 - c (the same gradient for y = +1); there is no dissimilar-pair (y = -1) loss", definitional: ["1 - c", "y = +1", "(y = -1)"]),
      FrameworkConvention(.optax, "optax.losses.cosine_distance(a, b, epsilon=0.0)", "the y = +1 case, 1 - c, with an optional epsilon (default {optax.cosine_distance.defaults.default_epsilon}); it gives {optax.cosine_distance.defaults.at_equal} at a = b = [2, 2] (exact 0)", definitional: ["y = +1", "1 - c", "a = b = [2, 2] (exact 0)"]),
      FrameworkConvention(.jaxnn, "", "no equivalent (jax.nn holds activations; see optax)"),
    ],
    references: [
      Reference("PyTorch documentation, torch.nn.CosineEmbeddingLoss", year: 2017, url: "https://pytorch.org/docs/stable/generated/torch.nn.CosineEmbeddingLoss.html"),
      Reference("Higham, Accuracy and Stability of Numerical Algorithms, 2nd ed., §4 (summation) and §3 (inner products)", year: 2002),
    ]
  ).withValue { p, args throws(CatalogError) in try value(p, args) }.withValueLine(valueLine).withSettingsLine(settingsLine)

  /// [-1, 1]: a cosine.
  static let marginRange = ParameterRange(lower: -1, lowerInclusive: true, upper: 1, upperInclusive: true)

  static func zeroVector(_ name: String) -> CatalogError {
    CatalogError(
      .badArgument,
      "argument \(name) of cosine-embedding is all zeros: the cosine is undefined there (\(name) must have a nonzero element)")
  }

  // MARK: - Formula

  static let a = Symbol.latin("a")
  static let b = Symbol.latin("b")
  static let normA = Expr.named(
    Symbol("norm_a", latex: "\\lVert a \\rVert", mathml: "<mrow><mo>‖</mo><mi>a</mi><mo>‖</mo></mrow>"),
    .sqrt(.sumOver(.l, excluding: nil, Expr.element(a, index: .l).pow(.n(2)))))
  static let normB = Expr.named(
    Symbol("norm_b", latex: "\\lVert b \\rVert", mathml: "<mrow><mo>‖</mo><mi>b</mi><mo>‖</mo></mrow>"),
    .sqrt(.sumOver(.l, excluding: nil, Expr.element(b, index: .l).pow(.n(2)))))
  /// c = a.b / (|a| |b|)
  static let cosine = Expr.named(
    Symbol("c", latex: "c", mathml: "<mi>c</mi>"),
    .sumOver(.l, excluding: nil, .element(a, index: .l) * .element(b, index: .l)) / (normA * normB))

  /// dc/du_j for the vector u with norm `nu`, the other vector v with norm `nv`.
  static func cosineDerivative(_ u: Symbol, _ nu: Expr, _ v: Symbol, _ nv: Expr) -> Expr {
    .element(v, index: .j) / (nu * nv) - cosine * .element(u, index: .j) / nu.pow(.n(2))
  }

  /// The loss in the derivative of c: -dc for y = 1, dc where c > m, else 0.
  static func lossDerivative(_ dc: Expr) -> Expr {
    .cases([(-dc, .equal(.y, .n(1))), (dc, .greater(cosine, .margin)), (.n(0), .otherwise)])
  }

  /// The documented formulas: the tree the manual prints and the tests evaluate.
  static let formula = FunctionFormula(
    value: .cases([(.n(1) - cosine, .equal(.y, .n(1))), (.max(.n(0), cosine - .margin), .otherwise)]),
    derivatives: [
      ("a", lossDerivative(cosineDerivative(a, normA, b, normB))),
      ("b", lossDerivative(cosineDerivative(b, normB, a, normA))),
    ],
    derivativeIndices: [.j])

  // MARK: - Implementation

  /// The entry's evaluator; `withGradient: false` stops at the value (the
  /// value-only path, the same bits).
  static func evaluate(_ p: ParameterValues, _ args: ArgumentValues, withGradient: Bool) throws(CatalogError) -> Evaluation {
    let a = args.vector("a")
    let b = args.vector("b")
    try PairwiseLosses.requireSameLength([("a", a), ("b", b)], id: "cosine-embedding")
    guard let sa = PairwiseLosses.scaled(a) else { throw zeroVector("a") }
    guard let sb = PairwiseLosses.scaled(b) else { throw zeroVector("b") }
    return evaluation(a, b, sa, sb, y: args.real("y"), margin: p["margin"], withGradient: withGradient)
  }

  /// The value-only path (``FunctionSpec/valueEvaluator``): the same checks
  /// as ``evaluate(_:_:withGradient:)``, then the value alone.
  static func value(_ p: ParameterValues, _ args: ArgumentValues) throws(CatalogError) -> Double? {
    let a = args.vector("a")
    let b = args.vector("b")
    try PairwiseLosses.requireSameLength([("a", a), ("b", b)], id: "cosine-embedding")
    guard let sa = PairwiseLosses.scaled(a) else { throw zeroVector("a") }
    guard let sb = PairwiseLosses.scaled(b) else { throw zeroVector("b") }
    var work = Workspace()
    return valueAndSlope(a, sa.vector, Fixed(b, sb, y: args.real("y"), margin: p["margin"]), &work).value
  }

  /// The value along a with b, y and the margin read once, and b's scaled
  /// vector and |v|^2 formed once (``FunctionSpec/valueLine``): nil where
  /// ``evaluate(_:_:withGradient:)`` throws (lengths differ, a or b all
  /// zeros), else its value, in one workspace reused from call to call.
  static func valueLine(_ p: ParameterValues, _ others: ArgumentValues) -> ValueLine {
    let b = others.vector("b")
    guard let sb = PairwiseLosses.scaled(b) else { return { _ in nil } }
    let fixed = Fixed(b, sb, y: others.real("y"), margin: p["margin"])
    var work = Workspace()
    return { a in
      guard a.count == b.count, let e = scaled(a, into: &work.scaledA) else { return nil }
      let u = e == 0 ? a : work.scaledA
      return valueAndSlope(a, u, fixed, &work).value
    }
  }

  /// The values along a at several margins (``FunctionSpec/settingsLine``):
  /// a scaled, |u|^2, u.v, s and the sign of u.v formed once per a
  /// (``products(_:_:_:_:)``); at y = +1 the value 1 - c, which has no
  /// margin, once for all; at y = -1 max(0, c - m) per margin. For each
  /// margin the bits of the value line; NaN where it gives nil.
  static func settingsLine(_ settings: [ParameterValues], _ others: ArgumentValues) -> SettingsLine {
    let b = others.vector("b")
    let margins = settings.map { $0["margin"] }
    guard let sb = PairwiseLosses.scaled(b), let first = margins.first else {
      return { _, values in for k in values.indices { values[k] = .nan } }
    }
    // B = |v|^2 formed once; the margin is passed per setting.
    let fixed = Fixed(b, sb, y: others.real("y"), margin: first)
    var work = Workspace()
    return { a, values in settingsValues(a, margins, fixed, &values, &work) }
  }

  /// One call of ``settingsLine(_:_:)`` (`margins` not empty), the
  /// workspace passed in once: a variable the line's closure captures is
  /// checked for exclusive access at each use (one check per call here,
  /// not one per use).
  static func settingsValues(
    _ a: [Double], _ margins: [Double], _ fixed: Fixed, _ values: inout [Double], _ work: inout Workspace
  ) {
    guard a.count == fixed.b.count, let e = scaled(a, into: &work.scaledA) else {
      for k in values.indices { values[k] = .nan }
      return
    }
    let u = e == 0 ? a : work.scaledA
    let (s, dotSign) = products(a, u, fixed, &work)
    if fixed.y == 1 {
      let v = valueAndSlope(s, dotSign, fixed, margin: margins[0], &work).value
      for k in values.indices { values[k] = v }
      return
    }
    for (k, m) in margins.enumerated() { values[k] = valueAndSlope(s, dotSign, fixed, margin: m, &work).value }
  }

  /// `PairwiseLosses.scaled(v)` into `out` (its storage reused): out = v 2^-e
  /// (v itself when e = 0, `out` then untouched), and e; nil for an
  /// all-zero vector. Written over `out`'s entries in place when it
  /// already has v's length (as along a line), not removed and appended.
  static func scaled(_ v: [Double], into out: inout [Double]) -> Int? {
    var largest = 0.0
    for x in v { largest = max(largest, abs(x)) }
    guard largest > 0 else { return nil }
    let e = Int(largest.exponent)
    if e == 0 { return 0 }
    if out.count != v.count { out = [Double](repeating: 0, count: v.count) }
    out.withUnsafeMutableBufferPointer { out in
      for i in v.indices { out[i] = StableMath.scaleByPowerOfTwo(v[i], -e) }
    }
    return e
  }

  /// What stays fixed along a: b, its scaled vector v = b 2^-eb, B = |v|^2
  /// (an exact expansion, and as a double-double), y and the margin.
  struct Fixed {
    let b: [Double]
    let v: [Double]
    let exponent: Int
    let normV: ExactSum
    let normVRounded: DoubleDouble
    let y: Double
    let margin: Double

    init(_ b: [Double], _ sb: (vector: [Double], exponent: Int), y: Double, margin: Double) {
      self.b = b
      v = sb.vector
      exponent = sb.exponent
      var normV = ExactSum()
      for x in sb.vector { normV.addProduct(x, x) }
      self.normV = normV
      normVRounded = normV.doubleDouble
      self.y = y
      self.margin = margin
    }
  }

  /// The sums one evaluation forms; a value line keeps one from call to
  /// call, so that the value allocates nothing (the allocations were most
  /// of a value-only evaluation).
  struct Workspace {
    var scaledA: [Double] = []
    var normU = ExactSum()
    var dot = ExactSum()
    var gram = ExactSum()
    var minus = ExactSum()
    var mm = ExactSum()
    var ab = ExactSum()
    var numerator = ExactSum()
    var mmab = ExactSum()
    var rest = ExactSum()
  }

  /// The value and dL/dc at a = u 2^ea (u scaled, largest entry in [1, 2))
  /// against `fixed`, and s = sqrt(A B); A = |u|^2 and D = u.v are left in
  /// `work.normU` and `work.dot` (see ``evaluation``).
  static func valueAndSlope(
    _ a: [Double], _ u: [Double], _ fixed: Fixed, _ work: inout Workspace
  ) -> (value: Double, slope: Double, s: DoubleDouble) {
    let (s, dotSign) = products(a, u, fixed, &work)
    return valueAndSlope(s, dotSign, fixed, margin: fixed.margin, &work)
  }

  /// What every margin shares at a = u 2^ea: A = |u|^2 and D = u.v into
  /// `work.normU` and `work.dot`, and s = sqrt(A B) and the exact sign of D.
  static func products(
    _ a: [Double], _ u: [Double], _ fixed: Fixed, _ work: inout Workspace
  ) -> (s: DoubleDouble, dotSign: Int) {
    let v = fixed.v
    work.normU.removeAll()
    work.dot.removeAll()
    for i in u.indices {
      work.normU.addProduct(u[i], u[i])
      work.dot.addProduct(u[i], v[i])
    }
    let s = (work.normU.doubleDouble(reusing: &work.rest) * fixed.normVRounded).squareRoot()
    let dotSign = abs(work.dot.value) > Double(u.count) * 0x1p-1072 ? work.dot.sign : ExactDot.sign(a, fixed.b)
    return (s, dotSign)
  }

  /// The value and dL/dc at the margin `m` from ``products(_:_:_:_:)``
  /// (A and D in `work.normU` and `work.dot`, left unchanged).
  static func valueAndSlope(
    _ s: DoubleDouble, _ dotSign: Int, _ fixed: Fixed, margin m: Double, _ work: inout Workspace
  ) -> (value: Double, slope: Double, s: DoubleDouble) {
    let (normU, dot) = (work.normU, work.dot)
    if fixed.y == 1 {
      return (oneMinusCosine(normU, fixed.normV, dot, dotSign, s, &work), -1, s)
    }
    let (excess, active) = cosineAboveMargin(normU, fixed.normV, dot, dotSign, s, margin: m, &work)
    return (excess, active ? 1 : 0, s)
  }

  /// The loss and its gradient for a = u 2^ea and b = v 2^eb (u, v the
  /// scaled vectors, largest entry in [1, 2); a and b the originals).
  ///
  /// A = |u|^2, B = |v|^2, D = u.v are exact expansions; s = sqrt(A B) and
  /// every division are double-doubles. The value is 1 - c (y = +1) or
  /// max(0, c - m) (y = -1), each formed without cancellation (see
  /// ``oneMinusCosine(_:_:_:_:_:_:)`` and ``cosineAboveMargin(_:_:_:_:_:margin:_:)``);
  /// the gradient is dL/dc times dc/da_i = (A v_i - D u_i) / (A s) 2^-ea and
  /// dc/db_i = (B u_i - D v_i) / (B s) 2^-eb, numerators exact (see
  /// ``numerator(_:_:_:_:_:)``).
  ///
  /// The sign of D decides c > 0 (margin 0). A product below the scaled
  /// frame's normal range is off by at most 2^-1073, so where
  /// |D| <= n 2^-1072 its sign is the exact sign of a.b over the whole
  /// exponent range (``ExactDot``).
  static func evaluation(
    _ a: [Double], _ b: [Double], _ sa: (vector: [Double], exponent: Int), _ sb: (vector: [Double], exponent: Int),
    y: Double, margin m: Double, withGradient: Bool = true
  ) -> Evaluation {
    let fixed = Fixed(b, sb, y: y, margin: m)
    var space = Workspace()
    let (value, slope, s) = valueAndSlope(a, sa.vector, fixed, &space)
    guard withGradient else { return Evaluation(value: .scalar(value), gradient: []) }
    let u = sa.vector
    let (normU, normV, dot) = (space.normU, fixed.normV, space.dot)
    var gradA = [Double](repeating: 0, count: u.count)
    var gradB = [Double](repeating: 0, count: u.count)
    if slope != 0 {
      let aS = normU.doubleDouble * s
      let bS = normV.doubleDouble * s
      var work = ExactSum()
      for i in u.indices where a[i] != 0 || b[i] != 0 {
        // The pair (a_i, b_i) in a frame of its own, 2^t times the scaled
        // one: an entry far below its vector's largest (b_i = 1e-300 in a
        // b of 1e199) is lost in the scaled frame, yet its gradient entry
        // b_i / (|a| |b|) is a normal number when |a| is tiny.
        let t = -max(
          a[i] == 0 ? Int.min / 4 : Int(a[i].exponent) - sa.exponent,
          b[i] == 0 ? Int.min / 4 : Int(b[i].exponent) - sb.exponent)
        let ui = StableMath.scaleByPowerOfTwo(a[i], t - sa.exponent)
        let vi = StableMath.scaleByPowerOfTwo(b[i], t - sb.exponent)
        gradA[i] = slope * scaled(numerator(normU, vi, dot, ui, &work) / aS, -sa.exponent - t)
        gradB[i] = slope * scaled(numerator(normV, ui, dot, vi, &work) / bS, -sb.exponent - t)
      }
    }
    return Evaluation(
      value: .scalar(value), gradient: [NamedTensor("a", .vector(gradA)), NamedTensor("b", .vector(gradB))])
  }

  /// N x - D z, an exact expansion rounded to a double-double (`work` is
  /// scratch storage, reused).
  static func numerator(_ n: ExactSum, _ x: Double, _ d: ExactSum, _ z: Double, _ work: inout ExactSum) -> DoubleDouble {
    work.removeAll()
    work.addProduct(n, x)
    work.addProduct(d, -z)
    return work.doubleDouble
  }

  /// x 2^k rounded once (twice when the result is subnormal: within one
  /// unit of 2^-1074).
  static func scaled(_ x: DoubleDouble, _ k: Int) -> Double {
    StableMath.scaleByPowerOfTwo(x.hi + x.lo, k)
  }

  /// 1 - c with c = D / s, s = sqrt(A B): 1 + |c| (no cancellation) when
  /// D <= 0; otherwise G / (s (s + D)) with the Gram determinant
  /// G = A B - D^2 >= 0 formed exactly, so nearly parallel vectors keep
  /// every digit of 1 - c (|e|^2 / 2 for unit vectors e apart) and parallel
  /// ones give 0 exactly. The expansions are formed in `work`'s sums.
  static func oneMinusCosine(
    _ A: ExactSum, _ B: ExactSum, _ D: ExactSum, _ sign: Int, _ s: DoubleDouble, _ work: inout Workspace
  ) -> Double {
    let d = D.doubleDouble(reusing: &work.rest)
    if sign <= 0 { return (DoubleDouble(1) - d / s).value }
    work.gram.removeAll()
    work.gram.addProduct(A, B)
    work.minus.removeAll()
    work.minus.addProduct(D, -1)
    work.gram.addProduct(D, work.minus)
    return (work.gram.doubleDouble(reusing: &work.rest) / (s * (s + d))).value
  }

  /// c - m when positive, and whether it is (the active piece of the
  /// y = -1 loss), c = D / s; the expansions are formed in `work`'s sums.
  ///
  /// - m = 0: c itself, active iff D > 0 (exact sign).
  /// - c and m of opposite signs (or c = 0): c - m has no cancellation.
  /// - same signs: c - m = (D^2 - m^2 A B) / (s (D + m s)), the numerator
  ///   an exact expansion whose sign decides c > m exactly (m = -1 gives
  ///   1 + c = G / (s (s - D)), 0 exactly for anti-parallel vectors; m = 1
  ///   never activates).
  static func cosineAboveMargin(
    _ A: ExactSum, _ B: ExactSum, _ D: ExactSum, _ sign: Int, _ s: DoubleDouble, margin m: Double,
    _ work: inout Workspace
  ) -> (value: Double, active: Bool) {
    let d = D.doubleDouble(reusing: &work.rest)
    if m == 0 { return sign > 0 ? (max(0, (d / s).value), true) : (0, false) }
    if m > 0 && sign <= 0 { return (0, false) }
    if m < 0 && sign >= 0 { return ((d / s - m).value, true) }
    // Same signs: the numerator D^2 - m^2 A B, negated for m < 0.
    work.mm.removeAll()
    work.mm.add(DoubleDouble.twoProduct(m, m))
    work.ab.removeAll()
    work.ab.addProduct(A, B)
    work.numerator.removeAll()
    work.numerator.addProduct(D, D)
    work.mmab.removeAll()
    work.mmab.addProduct(work.ab, work.mm)
    work.numerator.addProduct(work.mmab, -1)
    let k = m > 0 ? 1.0 : -1.0
    guard work.numerator.sign * Int(k) > 0 else { return (0, false) }
    let n = work.numerator.doubleDouble(reusing: &work.rest)
    let q = DoubleDouble(k * n.hi, k * n.lo)
    let denominator = s * (DoubleDouble(abs(d.hi), abs(d.lo)) + s * abs(m))
    return ((q / denominator).value, true)
  }

  // MARK: - Views

  /// On the unit circle a = [cos t, sin t] against b = [1, 0], c = cos t:
  /// y = +1: 1 - cos t = 2 sin^2(t/2) (no cancellation at t = 0), its
  /// derivative in t sin t, then cos t. y = -1: cos t - m where cos t > m,
  /// derivative -sin t, then -cos t (chain rule: dL/dt = dL/dc (-sin t)).
  static func angleJet(y: Double, margin m: Double) -> @Sendable (Double) -> Jet {
    if y == 1 {
      return { t in
        let h = sin(0.5 * t)
        return Jet(value: 2 * h * h, d1: sin(t), d2: cos(t))
      }
    }
    return { t in
      let c = cos(t)
      return c > m ? Jet(value: c - m, d1: -sin(t), d2: -c) : Jet(value: 0, d1: 0, d2: 0)
    }
  }

  /// Against the cosine itself: 1 - c (y = +1) and max(0, c - m) (y = -1),
  /// each rounded once.
  static func cosineJet(y: Double, margin m: Double) -> @Sendable (Double) -> Jet {
    if y == 1 { return { c in Jet(value: 1 - c, d1: -1, d2: 0) } }
    return { c in c > m ? Jet(value: c - m, d1: 1, d2: 0) : Jet(value: 0, d1: 0, d2: 0) }
  }

  /// 1 - cos t on [-pi, pi]: 0 at t = 0, 2 at the ends, slope at most 1.
  static let angleSimilarDeclared = DeclaredProperties(
    infimum: RangeBound(0, attained: true), supremum: RangeBound(2, attained: true), monotonic: .neither,
    derivativeMonotonic: .neither, continuity: .cInfinity, maxAbsDerivative: 1, saturatesLeft: false,
    saturatesRight: false, convex: false, concave: false, nonNegative: true, zeroAtCorrect: .attained,
    gradientGrowth: .bounded)

  /// max(0, cos t - m) on [-pi, pi]: 1 - m at t = 0, 0 beyond |t| = acos m,
  /// slope at most 1 (m <= 0, where the kink lies past pi/2) or sin(acos m)
  /// = sqrt(1 - m^2).
  static func angleDissimilarDeclared(margin m: Double) -> DeclaredProperties {
    DeclaredProperties(
      infimum: RangeBound(0, attained: true), supremum: RangeBound(1 - m, attained: true), monotonic: .neither,
      derivativeMonotonic: .neither, continuity: .c0, maxAbsDerivative: m <= 0 ? 1 : (1 - m * m).squareRoot(),
      saturatesLeft: false, saturatesRight: false, convex: false, concave: false, nonNegative: true,
      zeroAtCorrect: .attained, gradientGrowth: .bounded)
  }

  /// 1 - c on [-1, 1]: linear, from 2 down to 0.
  static let cosineSimilarDeclared = DeclaredProperties(
    infimum: RangeBound(0, attained: true), supremum: RangeBound(2, attained: true), monotonic: .decreasing,
    derivativeMonotonic: .constant, continuity: .cInfinity, maxAbsDerivative: 1, saturatesLeft: false,
    saturatesRight: false, convex: true, concave: true, nonNegative: true, zeroAtCorrect: .attained,
    gradientGrowth: .bounded)

  /// max(0, c - m) on [-1, 1]: 0 up to m, then rising to 1 - m.
  static func cosineDissimilarDeclared(margin m: Double) -> DeclaredProperties {
    DeclaredProperties(
      infimum: RangeBound(0, attained: true), supremum: RangeBound(1 - m, attained: true), monotonic: .increasing,
      derivativeMonotonic: .increasing, continuity: .c0, maxAbsDerivative: 1, saturatesLeft: false,
      saturatesRight: false, convex: true, concave: false, nonNegative: true, zeroAtCorrect: .attained,
      gradientGrowth: .bounded)
  }
}
