import LossAtlasCore

/// Expectations under a centred normal distribution, by adaptive
/// Gauss–Kronrod quadrature:
///
///   E[g(X)] = ∫ g(√q z) φ(z) dz,  X ~ N(0, q),  φ(z) = e^(−z²/2) / √(2π).
///
/// The z-line is cut at ±38.6, beyond which φ(z) is below the smallest
/// subnormal Double (so nothing representable is left out for any g that
/// grows slower than e^(z²/2)), and at the breakpoints of g (scaled by
/// 1/√q, mirrored so that the cuts are symmetric about 0), and at ±1, ±2,
/// ±4, ±8, ±16 so that the adaptive rule starts near where φ changes. Each
/// piece is integrated by the 21-point Gauss–Kronrod rule (QUADPACK's qk21)
/// and halved until |K21 − G10| is below 10⁻¹⁵ of the piece's integral (or
/// 10⁻¹⁸ of ∫|h|, at least 10⁻¹⁸ absolute; see ``integrate(_:_:_:depth:budget:into:)``
/// for the rounding floor and the budget); pieces never straddle a kink, so the rule sees an
/// analytic integrand and the difference K21 − G10 overstates the error of
/// K21 by orders of magnitude.
///
/// Both halves of the line are integrated as mirror images (the same cuts,
/// the same subdivisions, from 0 outward) and each half's pieces are added
/// with compensated summation: for an odd g, evaluated as an odd function
/// in floating point (tanh, softsign, hard-tanh), the two halves cancel
/// exactly and the mean is exactly 0.
public enum GaussianExpectation {
  /// E[g(X)] for X ~ N(0, variance), g with kinks or jumps only at `breakpoints`.
  public static func mean(
    _ g: (Double) -> Double, variance: Double = 1, breakpoints: [Double] = []
  ) -> Double {
    let s = variance.squareRoot()
    var cuts: Set<Double> = [1, 2, 4, 8, 16, zMax]
    for b in breakpoints where b.isFinite {
      let z = abs(b / s)
      if z > 0 && z < zMax { cuts.insert(z) }
    }
    let edges = [0] + cuts.sorted()
    let h: (Double) -> Double = { z in g(s * z) * density(z) }
    // The absolute floor scales with the integral: a first pass estimates
    // ∫|h| piece by piece (the 21-point rule once per piece), and a piece
    // whose error estimate is below 10⁻¹⁸ of it (or 10⁻¹⁸, when the
    // integral is below 1) is accepted. Without the scale, E[x⁴] at
    // q = 10³⁰ (the depth recursion of x²) asks the tail pieces, where φ
    // is computed to only z²ε relative, for 10⁻¹⁸ absolute out of 10⁶⁰.
    // The first pass's estimates are kept: they are the depth-0 estimates
    // of the same pieces (the same h at the same 21 points, so the same
    // bits), and each top-level piece is evaluated once, not twice.
    let pieces = edges.count - 1
    var rightEstimates: [Estimate] = []
    var mirroredEstimates: [Estimate] = []
    rightEstimates.reserveCapacity(pieces)
    mirroredEstimates.reserveCapacity(pieces)
    var magnitude = 0.0
    for i in 0..<pieces {
      let r = kronrod(h, edges[i], edges[i + 1])
      let m = kronrod(h, -edges[i], -edges[i + 1])
      magnitude += r.absolute + m.absolute
      rightEstimates.append(r)
      mirroredEstimates.append(m)
    }
    var budget = Budget(floor: 1e-18 * max(1, magnitude.isFinite ? magnitude : 1))
    // The right half from 0 outward, and the left half as its mirror image:
    // the signed integrals from −e_i to −e_(i+1), i.e. minus the left half.
    var right = CompensatedSum()
    var mirrored = CompensatedSum()
    for i in 0..<pieces {
      refine(h, edges[i], edges[i + 1], rightEstimates[i], depth: 0, budget: &budget, into: &right)
      refine(h, -edges[i], -edges[i + 1], mirroredEstimates[i], depth: 0, budget: &budget, into: &mirrored)
    }
    return right.value - mirrored.value
  }

  /// A piece's 21-point Kronrod and 10-point Gauss estimates and its ∫|h|
  /// estimate (``kronrod(_:_:_:)``).
  typealias Estimate = (kronrod: Double, gauss: Double, absolute: Double)

  /// What one mean may spend: the absolute error floor, and the pieces
  /// left to halve. 2 × 20,000 halvings bound the work whatever the
  /// integrand (the catalog's activations need a few hundred); once they
  /// are spent, every piece keeps its 21-point estimate.
  struct Budget {
    let floor: Double
    var halvings = 20_000
  }

  /// Where the integration stops: φ(38.6) ≈ 2.6×10⁻³²⁴ underflows to 0.
  static let zMax = 38.6

  /// φ(z) = e^(−z²/2) / √(2π).
  @inline(__always)
  static func density(_ z: Double) -> Double {
    exp(-0.5 * z * z) * 0.398_942_280_401_432_677_94
  }

  /// ∫ from a to b (a may be above b: the piece [b, a] with its sign
  /// flipped, so that mirrored pieces give exactly negated sums), adding
  /// the leaves to `sum` from the end `a` toward `b`.
  ///
  /// A piece is accepted when |K21 − G10| is below 10⁻¹⁵ of its integral,
  /// or below the rounding noise of the two sums (50ε ∫|h|, QUADPACK's
  /// floor: below it the difference carries no information, and halving
  /// would only repeat it), or below the budget's absolute floor.
  static func integrate(
    _ h: (Double) -> Double, _ a: Double, _ b: Double, depth: Int, budget: inout Budget, into sum: inout CompensatedSum
  ) {
    refine(h, a, b, kronrod(h, a, b), depth: depth, budget: &budget, into: &sum)
  }

  /// ``integrate(_:_:_:depth:budget:into:)`` with the piece's estimate
  /// already computed (`estimate` must be `kronrod(h, a, b)`): accepts it
  /// or halves the piece.
  static func refine(
    _ h: (Double) -> Double, _ a: Double, _ b: Double, _ estimate: Estimate, depth: Int, budget: inout Budget,
    into sum: inout CompensatedSum
  ) {
    let (k, g, absolute) = estimate
    let error = abs(k - g)
    // A piece whose estimate is not finite (g overflows there, or
    // inf × φ = inf × 0 where φ underflows) is not made finite by halving
    // it: every half would fail the test again, 2^40 pieces. Its estimate
    // is kept, so the mean is ±inf or NaN and the caller sees it.
    if !error.isFinite || error <= max(1e-15 * abs(k), 50 * Double.ulpOfOne * absolute, budget.floor) || depth >= 40
      || budget.halvings <= 0 || abs(b - a) <= 1e-12 * max(abs(a), abs(b))
    {
      sum.add(k)
      return
    }
    budget.halvings -= 1
    let m = a / 2 + b / 2
    integrate(h, a, m, depth: depth + 1, budget: &budget, into: &sum)
    integrate(h, m, b, depth: depth + 1, budget: &budget, into: &sum)
  }

  /// The 21-point Kronrod and embedded 10-point Gauss estimates of
  /// ∫ from a to b (signed: b < a gives the negative of ∫ from b to a).
  static func kronrod(_ h: (Double) -> Double, _ a: Double, _ b: Double) -> Estimate {
    let c = a / 2 + b / 2
    let r = b / 2 - a / 2
    let center = h(c)
    var k = wgk[10] * center
    var g = 0.0
    var absolute = wgk[10] * abs(center)
    for i in 0..<10 {
      let dx = r * xgk[i]
      let left = h(c - dx)
      let right = h(c + dx)
      let pair = left + right
      k += wgk[i] * pair
      absolute += wgk[i] * (abs(left) + abs(right))
      if i % 2 == 1 { g += wg[i / 2] * pair }
    }
    return (k * r, g * r, absolute * abs(r))
  }

  // QUADPACK's qk21 (Piessens et al. 1983): Kronrod abscissae (the odd
  // ones are the 10-point Gauss nodes), Kronrod weights, Gauss weights.
  static let xgk: [Double] = [
    0.995657163025808080735527280689003, 0.973906528517171720077964012084452,
    0.930157491355708226001207180059508, 0.865063366688984510732096688423493,
    0.780817726586416897063717578345042, 0.679409568299024406234327365114874,
    0.562757134668604683339000099272694, 0.433395394129247190799265943165784,
    0.294392862701460198131126603103866, 0.148874338981631210884826001129720, 0,
  ]
  static let wgk: [Double] = [
    0.011694638867371874278064396062192, 0.032558162307964727478818972459390,
    0.054755896574351996031381300244580, 0.075039674810919952767043140916190,
    0.093125454583697605535065465083366, 0.109387158802297641899210590325805,
    0.123491976262065851077208175438698, 0.134709217311473325928054001771707,
    0.142775938577060080797094273138717, 0.147739104901338491374841515972068,
    0.149445554002916905664936468389821,
  ]
  static let wg: [Double] = [
    0.066671344308688137593568809893332, 0.149451349150580593145776339657697,
    0.219086362515982043995534934228163, 0.269266719309996355091226921569469,
    0.295524224714752870173892994651338,
  ]
}

/// Neumaier's compensated sum: the rounding error of each addition is
/// carried along and added back at the end.
struct CompensatedSum {
  private var sum = 0.0
  private var carry = 0.0

  mutating func add(_ x: Double) {
    let t = sum + x
    if abs(sum) >= abs(x) {
      carry += (sum - t) + x
    } else {
      carry += (x - t) + sum
    }
    sum = t
  }

  var value: Double { sum + carry }
}
