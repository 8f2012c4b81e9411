/// Triplet margin loss, catalog id `triplet-margin`: its entry (`spec`: signature, views, declared
/// properties, conventions, references), its documented `formula`, and
/// its stable implementation with the notes on why it is stable.
enum TripletMargin {
  static let spec = FunctionSpec(
    id: "triplet-margin", name: "Triplet margin loss", family: .pairwiseLoss,
    aliases: ["triplet", "triplet-loss", "triplet-margin-loss"],
    summary: "max(0, |a - p| - |a - n| + m): an anchor a should be closer to its positive p than to its negative n by the margin m (Euclidean distances). The loss of metric learning and face embeddings (FaceNet), PyTorch's TripletMarginLoss and optax's triplet_margin_loss.",
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
    evaluate: { p, args throws(CatalogError) in
      let a = args.vector("a")
      let positive = args.vector("p")
      let negative = args.vector("n")
      try PairwiseLosses.requireSameLength([("a", a), ("p", positive), ("n", negative)], id: "triplet-margin")
      return evaluation(a, positive, negative, margin: p["margin"])
    },
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
      FrameworkConvention(.pytorch, "torch.nn.TripletMarginLoss(margin=1.0, p=2.0, eps=1e-06)", "adds eps to every difference, |a - p + eps|, so the loss at a = p = [0, 0], n = [0.5, 0] is {torch.triplet_margin_loss.eps.value} (exact 0.5); with eps=0 the gradient at a zero difference is finite ({torch.triplet_margin_loss.eps.eps0_grad_finite}), as the catalog's u = 0"),
      FrameworkConvention(.keras, "", "no built-in"),
      FrameworkConvention(.optax, "optax.losses.triplet_margin_loss(a, p, n, margin=1.0, eps=1e-06)", "adds eps inside the square root, giving {optax.triplet_margin_loss.eps.value} at a = p = [0, 0], n = [0.5, 0] (exact 0.5); with eps=0, {optax.triplet_margin_loss.eps.nan_count} of the 6 gradient components are NaN at that zero difference"),
      FrameworkConvention(.jaxnn, "", "no equivalent (jax.nn holds activations; see optax)"),
    ],
    references: [
      Reference("Weinberger, Saul, Distance metric learning for large margin nearest neighbor classification, JMLR 10", year: 2009),
      Reference("Schroff, Kalenichenko, Philbin, FaceNet: a unified embedding for face recognition and clustering, CVPR", year: 2015),
      Reference("Balntas, Riba, Ponsa, Mikolajczyk, Learning local feature descriptors with triplets and shallow convolutional neural networks, BMVC", year: 2016),
    ]
  )

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

  /// A difference vector v 2^e, its entries double-doubles, largest in [1, 2).
  struct ScaledDifference {
    var entries: [DoubleDouble]
    var exponent: Int
    /// sqrt(sum of squares of `entries`), a double-double (0 for a zero vector).
    var norm: DoubleDouble
  }

  /// x - y exactly, entry by entry, scaled by a power of two, with its norm.
  static func difference(_ x: [Double], _ y: [Double]) -> ScaledDifference {
    var entries = zip(x, y).map { StableMath.residual($0, $1) }
    var exponent = 0
    if entries.contains(where: { !$0.hi.isFinite }) {
      // Some x_i - y_i beyond the Double range: halve every difference
      // (exact for the large terms; a subnormal one loses at most 2^-1075,
      // nothing beside a difference of 2^1024).
      entries = zip(x, y).map { StableMath.halfResidual($0, $1) }
      exponent = 1
    }
    var largest = 0.0
    for e in entries { largest = max(largest, abs(e.hi)) }
    guard largest > 0 else { return ScaledDifference(entries: entries, exponent: 0, norm: DoubleDouble(0)) }
    let k = Int(largest.exponent)
    if k != 0 {
      entries = entries.map {
        DoubleDouble(StableMath.scaleByPowerOfTwo($0.hi, -k), StableMath.scaleByPowerOfTwo($0.lo, -k))
      }
    }
    var squares = DoubleDouble(0)
    for e in entries {
      let s = DoubleDouble.twoProduct(e.hi, e.hi)
      squares = squares + DoubleDouble.fastTwoSum(s.hi, s.lo + 2 * e.hi * e.lo)
    }
    return ScaledDifference(entries: entries, exponent: exponent + k, norm: squares.squareRoot())
  }

  /// The loss and its gradient; see the implementation note.
  static func evaluation(_ a: [Double], _ p: [Double], _ n: [Double], margin m: Double) -> Evaluation {
    let toP = difference(a, p)
    let toN = difference(a, n)
    let excess = ScaledDD(toP.norm, exponent: toP.exponent) - ScaledDD(toN.norm, exponent: toN.exponent) + ScaledDD(m)
    let zeros = [Double](repeating: 0, count: a.count)
    guard !excess.isZero && excess.m.hi > 0 else {
      return Evaluation(
        value: .scalar(0), gradient: [NamedTensor("a", .vector(zeros)), NamedTensor("p", .vector(zeros)), NamedTensor("n", .vector(zeros))])
    }
    var gradA = zeros
    var gradP = zeros
    var gradN = zeros
    for i in a.indices {
      let up = unit(toP, i)
      let un = unit(toN, i)
      gradA[i] = (up - un).value
      gradP[i] = -up.value
      gradN[i] = un.value
    }
    return Evaluation(
      value: .scalar(excess.double),
      gradient: [NamedTensor("a", .vector(gradA)), NamedTensor("p", .vector(gradP)), NamedTensor("n", .vector(gradN))])
  }

  /// Entry i of the unit vector of a difference (scale-free: the
  /// exponent cancels), 0 for a zero difference.
  static func unit(_ d: ScaledDifference, _ i: Int) -> DoubleDouble {
    d.norm.hi == 0 ? DoubleDouble(0) : d.entries[i] / d.norm
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
