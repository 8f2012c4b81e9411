/// What the pairwise and embedding losses of CATALOG.md part 2 share: the
/// checks on their vector arguments, the scaling of a vector by a power of
/// two, and the declared properties of their hinge-shaped views.
///
/// The vector losses (cosine-embedding, triplet-margin) are not on the
/// scalar hot path; their views are closed forms of one swept variable
/// (the cosine, the angle, the difference of distances), evaluated without
/// allocation.
enum PairwiseLosses {
  // MARK: - Vector arguments

  /// An embedding vector argument: finite reals, length >= 1.
  static func embedding(_ name: String, _ summary: String) -> ArgumentSpec {
    ArgumentSpec(name: name, kind: .vector, minimumCount: 1, summary: summary)
  }

  /// The label y in {-1, +1} of a pair (similar / dissimilar, or which of
  /// two scores should rank higher).
  static func label(_ summary: String) -> ArgumentSpec {
    ArgumentSpec(name: "y", domain: .labels([-1, 1]), summary: summary)
  }

  /// Checks that the named vectors have one length.
  ///
  /// - Throws: ``CatalogError`` naming the vectors and their lengths.
  static func requireSameLength(_ vectors: [(name: String, value: [Double])], id: String) throws(CatalogError) {
    guard let first = vectors.first else { return }
    for v in vectors.dropFirst() where v.value.count != first.value.count {
      throw CatalogError(
        .badArgument,
        "argument \(v.name) of \(id) has \(v.value.count) elements but \(first.name) has \(first.value.count): \(v.name) must have the length of \(first.name)")
    }
  }

  // MARK: - Scaling

  /// v * 2^-e with 2^e <= max |v_i| < 2^(e+1), and e (nil for an all-zero
  /// vector): the largest entry of the scaled vector lies in [1, 2), so
  /// products and sums of squares neither overflow nor underflow before
  /// the result is scaled back.
  ///
  /// Exact for every entry that stays in the normal range; an entry more
  /// than 2^1021 times smaller than the largest one may round (an error
  /// below 2^-1074 relative to the largest entry: nothing a norm, a dot
  /// product or a unit vector of the result can see).
  static func scaled(_ v: [Double]) -> (vector: [Double], exponent: Int)? {
    var largest = 0.0
    for x in v { largest = max(largest, abs(x)) }
    guard largest > 0 else { return nil }
    let e = Int(largest.exponent)
    if e == 0 { return (v, 0) }
    return (v.map { StableMath.scaleByPowerOfTwo($0, -e) }, e)
  }

  // MARK: - Declared properties of hinge-shaped views

  /// max(0, k - x) in x (a hinge with its kink at k, slope -1 on the left):
  /// 0 attained on the right, decreasing, convex, C0, |f'| at most 1.
  static let hingeDecreasing = DeclaredProperties(
    infimum: RangeBound(0, attained: true), supremum: RangeBound(.infinity, attained: false),
    monotonic: .decreasing, derivativeMonotonic: .increasing, continuity: .c0, maxAbsDerivative: 1,
    saturatesLeft: false, saturatesRight: true, convex: true, concave: false, nonNegative: true,
    zeroAtCorrect: .attained, gradientGrowth: .bounded)

  /// max(0, x - k) in x: the mirror image of ``hingeDecreasing``.
  static let hingeIncreasing = DeclaredProperties(
    infimum: RangeBound(0, attained: true), supremum: RangeBound(.infinity, attained: false),
    monotonic: .increasing, derivativeMonotonic: .increasing, continuity: .c0, maxAbsDerivative: 1,
    saturatesLeft: true, saturatesRight: false, convex: true, concave: false, nonNegative: true,
    zeroAtCorrect: .attained, gradientGrowth: .bounded)
}

extension Symbol {
  /// The margin m of the pairwise losses (the parameter `margin`), printed m.
  static let margin = Symbol("margin", latex: "m", mathml: "<mi>m</mi>")
}

extension Expr {
  /// The margin m of the pairwise losses.
  static let margin = Expr.symbol(.margin)
}
