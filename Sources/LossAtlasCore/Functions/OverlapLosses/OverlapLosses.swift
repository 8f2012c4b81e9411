/// What the overlap losses of CATALOG.md part 2 (dice, tversky: a
/// predicted mask p and a target mask y, each entry in [0, 1]) share:
/// their arguments, the scaling of their inputs, their views and the
/// declared properties of those views.
///
/// Both losses are ratios whose numerator is a sum of non-negative terms
/// (dice: p_i (1 - y_i) + y_i (1 - p_i); tversky: alpha p_i (1 - y_i) +
/// beta (1 - p_i) y_i), so the value is formed as that ratio, never as
/// 1 - (a ratio near 1): a nearly perfect mask keeps its tiny loss. Every
/// sum is an exact expansion (``ExactSum``).
enum OverlapLosses {
  // MARK: - Arguments

  static let prediction = ArgumentSpec(
    name: "p", kind: .vector, domain: .unit, minimumCount: 1,
    summary: "the predicted mask: one probability per pixel (or element)")
  static let target = ArgumentSpec(
    name: "y", kind: .vector, domain: .unit, minimumCount: 1,
    summary: "the target mask, of the length of p (labels 0 / 1, or soft targets)")

  /// The smoothing term s (>= 0) added to numerator and denominator.
  static func smooth(grid: [Double]) -> ParameterSpec {
    ParameterSpec(
      name: "smooth", symbol: "s", defaultValue: 1, range: .nonNegative, grid: grid,
      summary: "added to the numerator and the denominator of the overlap ratio: the loss of two empty masks is 0 for s > 0 (undefined for s = 0)")
  }

  // MARK: - Scaling

  /// p, y and s multiplied by lambda = 2^-k, k the exponent of the largest
  /// of them (at least -1022, so that lambda <= 2^1022 is a Double): the
  /// largest scaled input lies in [1, 2), or all lie in [2^-52, 1) when
  /// every input is below the normal range.
  ///
  /// Sums of inputs and products with an unscaled factor (p'_i (1 - y_i))
  /// then carry lambda once, products of two scaled inputs (p'_i y'_i)
  /// lambda^2, and the kernels combine each at its own power of lambda.
  /// Scaling is exact except for inputs 2^1021 times smaller than the
  /// largest, whose rounding no result can see.
  struct Scaled {
    let p: [Double]
    let y: [Double]
    /// lambda s
    let smooth: Double
    /// lambda itself.
    let lambda: Double
    /// lambda^2 s = lambda (lambda s): at most 2^1023, exact where it matters.
    let lambdaSmooth: Double
  }

  static func scaled(_ p: [Double], _ y: [Double], smooth s: Double) -> Scaled {
    var largest = s
    for v in p { largest = max(largest, v) }
    for v in y { largest = max(largest, v) }
    let k = largest > 0 ? max(Int(largest.exponent), -1022) : 0
    let scale = { (v: Double) in StableMath.scaleByPowerOfTwo(v, -k) }
    let smooth = scale(s)
    return Scaled(
      p: p.map(scale), y: y.map(scale), smooth: smooth, lambda: scale(1), lambdaSmooth: scale(smooth))
  }

  /// ``scaled(_:_:smooth:)`` with the scaled vectors written into `sp` and
  /// `sy` (their storage reused, for a value line): the same numbers, and
  /// lambda s, lambda and lambda^2 s.
  static func scaled(
    _ p: [Double], _ y: [Double], smooth s: Double, into sp: inout [Double], _ sy: inout [Double]
  ) -> (smooth: Double, lambda: Double, lambdaSmooth: Double) {
    var largest = s
    for v in p { largest = max(largest, v) }
    for v in y { largest = max(largest, v) }
    let k = largest > 0 ? max(Int(largest.exponent), -1022) : 0
    sp.removeAll(keepingCapacity: true)
    sy.removeAll(keepingCapacity: true)
    for v in p { sp.append(StableMath.scaleByPowerOfTwo(v, -k)) }
    for v in y { sy.append(StableMath.scaleByPowerOfTwo(v, -k)) }
    let smooth = StableMath.scaleByPowerOfTwo(s, -k)
    return (smooth, StableMath.scaleByPowerOfTwo(1, -k), StableMath.scaleByPowerOfTwo(smooth, -k))
  }

  /// The storage a value line of dice or tversky reuses from call to call:
  /// the scaled vectors and the exact sums of the value.
  struct Workspace {
    var p: [Double] = []
    var y: [Double] = []
    var first = ExactSum()
    var second = ExactSum()
    var third = ExactSum()
    var rest = ExactSum()
  }

  /// 1 - v exactly, as a double-double (v in [0, 1]).
  @inline(__always)
  static func complement(_ v: Double) -> DoubleDouble { DoubleDouble.fastTwoSum(1, -v) }

  /// Adds k (1 - v) exactly.
  @inline(__always)
  static func addComplementProduct(_ sum: inout ExactSum, _ k: Double, _ v: Double) {
    let c = complement(v)
    sum.addProduct(k, c.hi)
    sum.addProduct(k, c.lo)
  }

  /// The lengths of p and y must agree.
  static func requireSameLength(_ p: [Double], _ y: [Double], id: String) throws(CatalogError) {
    try PairwiseLosses.requireSameLength([("p", p), ("y", y)], id: id)
  }

  // MARK: - Views

  /// The view's path: p = [x, 3/4, 1/4], y = [y0, 1, 0], x = p_0 swept over
  /// [0, 1] with the other pixels fixed (one hit and one false positive;
  /// the constants are exact in binary, so the view is exactly the loss
  /// along the path).
  static let others: [Double] = [0.75, 0.25]
  static let otherTargets: [Double] = [1, 0]

  /// "p = [x, 0.75, 0.25], y = [1, 1, 0]".
  static func viewLabel(target y0: Double) -> String {
    "p = [x, 0.75, 0.25], y = [\(formatBound(y0)), 1, 0]"
  }

  /// A loss of the form (c0 + c1 x) / (d0 + d1 x) in x in [0, 1], the
  /// form both losses take in one prediction with the rest fixed: f, f'
  /// = K / den^2 and f'' = -2 d1 K / den^3 with K = c1 d0 - c0 d1.
  struct Rational: Sendable {
    let c0, c1, d0, d1: Double

    var k: Double { c1 * d0 - c0 * d1 }

    func jet(_ x: Double) -> Jet {
      let num = c0.addingProduct(c1, x)
      let den = d0.addingProduct(d1, x)
      let q = k / (den * den)
      return Jet(value: num / den, d1: q, d2: -2 * d1 * q / den)
    }

    /// What holds on [0, 1]: the ends are the extremes (f is monotonic:
    /// f' has the sign of K), f'' has the sign of -d1 K, |f'| is largest
    /// where the denominator is smallest.
    var declared: DeclaredProperties {
      let k = self.k
      let atZero = c0 / d0
      let atOne = (c0 + c1) / (d0 + d1)
      let curvature = -d1 * k
      let sign = { (v: Double) -> Monotonicity in v > 0 ? .increasing : (v < 0 ? .decreasing : .constant) }
      let smallest = min(d0, d0 + d1)
      let infimum = min(atZero, atOne)
      return DeclaredProperties(
        infimum: RangeBound(infimum, attained: true), supremum: RangeBound(max(atZero, atOne), attained: true),
        monotonic: sign(k), derivativeMonotonic: sign(curvature), continuity: .cInfinity,
        maxAbsDerivative: abs(k) / (smallest * smallest), saturatesLeft: false, saturatesRight: false,
        convex: curvature >= 0, concave: curvature <= 0, nonNegative: true,
        zeroAtCorrect: infimum == 0 ? .attained : .never, gradientGrowth: .bounded)
    }
  }

  /// The two views of an overlap loss: the swept pixel is a target pixel
  /// (y0 = 1) or a background pixel (y0 = 0).
  static func views(_ rational: (_ y0: Double) -> Rational) -> [ScalarView] {
    [1.0, 0.0].map { y0 in
      let r = rational(y0)
      return ScalarView(
        label: viewLabel(target: y0), argument: "p[0]", fixed: [("y", .vector([y0] + otherTargets))],
        domain: RealInterval(0, 1), plotRange: 0...1, declared: r.declared, evaluate: r.jet)
    }
  }
}
