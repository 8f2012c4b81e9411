/// What the multiclass losses of CATALOG.md (a score or logit vector s of
/// length C >= 2 against a true class k or a target distribution q)
/// share: their arguments, the class-index check, and the exact margins of
/// the two hinges.
///
/// These are not on the scalar hot path (the general evaluator allocates);
/// their 1-D slices, which are, have closed forms without allocation.
enum MulticlassLosses {
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

  /// The lines of a multiclass loss along s_i with the other scores and
  /// arguments fixed: `make(p, a)` reads the parameters and the other
  /// arguments once and gives the jet at a score vector (with s_i = x) and
  /// i (O(C) a point).
  static func lines(
    _ make: @escaping @Sendable (ParameterValues, ArgumentValues) -> @Sendable ([Double], Int) -> Jet
  ) -> ViewLines {
    ViewLines(jet: { p, a, axis in
      guard axis.argument == "s", let i = axis.index else { return nil }
      let s = a.vector("s")
      let jet = make(p, a)
      return { x in
        var line = s
        line[i] = x
        return jet(line, i)
      }
    })
  }

  /// The jet along s_i of an evaluation of a multiclass loss: its value,
  /// gradient element i, and `d2`.
  static func jet(_ e: Evaluation, element i: Int, d2: Double) -> Jet {
    guard case .scalar(let value) = e.value, case .vector(let g)? = e.gradient("s") else {
      preconditionFailure("a multiclass loss is a scalar with a gradient in s")
    }
    return Jet(value: value, d1: g[i], d2: d2)
  }

  /// Whether any entry is so large that s_j - s_i could overflow.
  static func isHuge(_ s: [Double]) -> Bool { s.contains { abs($0) >= 0x1p1021 } }

  // MARK: - The margins of the two multiclass hinges

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

  /// The view s = [x, 0, 0], k = 0 of the two hinge losses:
  /// slope * max(0, delta - x), f' = -slope or 0 (0 at the kink x = delta),
  /// f'' = 0. Crammer-Singer's one largest margin gives slope 1; the
  /// Weston-Watkins sum has two equal terms max(0, 0 - x + delta), slope 2.
  /// `slope` is 1 or 2: slope * t is t, or 2 t, to the bit.
  static func hingeSlice(delta: Double, slope: Double) -> ScalarView {
    ScalarView(
      label: "s = [x, 0, 0], k = 0", argument: "s[0]", fixed: [("k", .integer(0))], plotRange: -3...3,
      breakpoints: [delta],
      declared: DeclaredProperties(
        infimum: RangeBound(0, attained: true), supremum: RangeBound(.infinity, attained: false),
        monotonic: .decreasing, derivativeMonotonic: .increasing, continuity: .c0, maxAbsDerivative: slope,
        saturatesLeft: false, saturatesRight: true, convex: true, concave: false, nonNegative: true,
        zeroAtCorrect: .attained, gradientGrowth: .bounded),
      evaluate: { x in
        let t = delta - x
        return t > 0 ? Jet(value: slope * t, d1: -slope, d2: 0) : Jet(value: 0, d1: 0, d2: 0)
      })
  }
}
