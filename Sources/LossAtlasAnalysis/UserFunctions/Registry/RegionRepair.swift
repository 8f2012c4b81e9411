import LossAtlasCore
import LossAtlasParallel

/// The exact-value repairs of a user view (``ExactFallback``) decided for a
/// whole interval of inputs at once, where one ball proves them.
///
/// The property engine samples a view at a million points, and the gain
/// model's quadrature at new points for every q; where the formula
/// overflows (x / 5e-324 for x ≥ 1e-15) every sample is NaN or ±inf in
/// Double, and a point-by-point repair evaluates each one in 128- and
/// 512-bit ball arithmetic (about a millisecond each). Instead the inputs
/// are cut into buckets of Doubles that share the top bits of their bit
/// patterns (a bucket never straddles 0: the sign is the top bit, and
/// within one sign the bit patterns are ordered like the values), and the
/// formula is evaluated once, at 128 bits, on a ball covering the whole
/// bucket. Every ball holds the exact value at every input of the bucket,
/// so for each part (value, f', f''):
///
/// - a ball of one sign every point of which lies beyond the largest
///   Double: the exact value of every input rounds to ±inf;
/// - a ball of one sign below half the least subnormal: rounds to ±0;
/// - an exact infinity or no real value (`undefined`): pointwise, so that
///   the point's own repair meets it and the view records a point where the
///   function is not defined (``UserFunctionDefinition/metProblems``);
/// - a finite ball that straddles one of those thresholds: open, a
///   narrower bucket may decide;
/// - a ball inside the Double range, away from 0 (the exact values are
///   ordinary numbers, which only each point's own evaluation gives), or
///   unknown: pointwise.
///
/// A point whose non-finite parts are all decided by its bucket takes the
/// decisions; where one is open the next, 64 times narrower bucket is
/// tried; where one is pointwise, or past the narrowest bucket, the point
/// is repaired on its own, as before (so a formula no bucket can help,
/// such as erf(1e300 x)'' = inf × 0, pays one ball per binade, not one per
/// narrow bucket). Where the
/// point repair decides, the two agree (each is the exact value rounded);
/// where the point's own ball is unknown (beyond the exponent range) the
/// point repair keeps the Double, and a bucket that proves the value
/// beyond the Double range gives the exact value rounded instead.
final class RegionRepair: @unchecked Sendable {
  /// What a bucket's ball says about one part at every input of the bucket.
  enum Decision: Sendable, Equatable {
    /// The exact value rounds to this Double (±inf, ±0).
    case value(Double)
    /// Not decided for the whole bucket; a narrower one may decide.
    case open
    /// Not decided for the whole bucket, nor for a narrower one: only the
    /// point's own evaluation gives the value.
    case pointwise
  }

  /// A bucket: the Doubles whose bit patterns shifted right by `shift` are `prefix`.
  struct Key: Hashable {
    let shift: Int
    let prefix: UInt64
  }

  /// The bucket widths tried, widest first, in bits of the bit pattern: 52
  /// is a binade (all Doubles of one sign and exponent), then 1/64 and
  /// 1/4096 of it.
  static let shifts = [52, 46, 40]

  let expression: UserExpression
  let parameters: [Double]
  /// The view's arguments, the swept one at index `argument`.
  let arguments: [Double]
  let argument: Int
  /// The value's, f''s and f'''s terms.
  let roots: [TermID]
  private let buckets = Memo<Key, [Decision]>()

  init(expression: UserExpression, parameters: [Double], arguments: [Double], argument: Int, roots: [TermID]) {
    self.expression = expression
    self.parameters = parameters
    self.arguments = arguments
    self.argument = argument
    self.roots = roots
  }

  /// `j` (the Double jet at x) with its non-finite parts repaired, if a
  /// bucket holding x decides all of them; nil otherwise.
  func jet(_ j: Jet, x: Double) -> Jet? {
    guard x.isFinite else { return nil }
    let parts = [j.value, j.d1, j.d2]
    for shift in RegionRepair.shifts {
      let key = Key(shift: shift, prefix: x.bitPattern >> UInt64(shift))
      let decisions = buckets.value(key) { self.decisions(key) }
      let (repaired, narrower) = RegionRepair.apply(decisions, to: parts)
      if let v = repaired { return Jet(value: v[0], d1: v[1], d2: v[2]) }
      if !narrower { return nil }
    }
    return nil
  }

  /// The parts with each non-finite one replaced by its decision; nil
  /// (and whether a narrower bucket may decide) if one is not decided.
  static func apply(_ decisions: [Decision], to parts: [Double]) -> (parts: [Double]?, narrower: Bool) {
    var out = parts
    var open = false
    for i in parts.indices where !parts[i].isFinite {
      switch decisions[i] {
      case .pointwise: return (nil, false)
      case .open: open = true
      case .value(let v): out[i] = v
      }
    }
    return open ? (nil, true) : (out, false)
  }

  /// The decisions of the roots over a bucket.
  func decisions(_ key: Key) -> [Decision] {
    let (a, b) = RegionRepair.bounds(key)
    var args = arguments.map { Ball($0) }
    args[argument] = RegionRepair.ball(a, b)
    let balls = WideEvaluator(expression: expression)
      .evaluate(argumentBalls: args, parameters: parameters, roots: roots, precision: 128)
    return roots.map { RegionRepair.decision(balls[$0]) }
  }

  /// The first and last Double of a bucket (by bit pattern; for negative
  /// numbers the first is the one nearest 0).
  static func bounds(_ key: Key) -> (Double, Double) {
    let first = key.prefix << UInt64(key.shift)
    let last = first | ((1 << UInt64(key.shift)) - 1)
    return (Double(bitPattern: first), Double(bitPattern: last))
  }

  /// A ball holding every real number between two finite Doubles:
  /// midpoint (a + b)/2 and radius |b - a|/2, each sum formed exactly
  /// (2,200 bits hold the sum of any two Doubles; what rounding there is
  /// goes into the radius all the same).
  static func ball(_ a: Double, _ b: Double) -> Ball {
    let p = 2_200
    let sum = BigFloat.addReporting(BigFloat(a), BigFloat(b), p)
    let difference = BigFloat.addReporting(BigFloat(b), -BigFloat(a), p)
    let half = Magnitude.power(-1)
    let radius = difference.sum.upperMagnitude * half + difference.absorbed * half + sum.absorbed * half
    return Ball(sum.sum.scaled(-1), radius)
  }

  /// What one part's ball over a bucket says at every input of the bucket.
  static func decision(_ b: Ball?) -> Decision {
    guard let b else { return .open }
    switch b.state {
    // A pole or a point without a real value is the definition's problem,
    // which only the point repair records; unknown: only the point can say.
    case .positiveInfinity, .negativeInfinity, .undefined, .unknown: return .pointwise
    case .finite:
      // Below half the least subnormal, of one sign: rounds to 0 of that sign.
      if ExactFallback.underflows(b) { return .value(b.isNegative ? -0.0 : 0.0) }
      // A lower bound of |x| beyond the largest Double (and so above 0:
      // one sign): every point rounds to ±inf.
      if b.lowerMagnitude.double.isInfinite { return .value(b.mid.negative ? -.infinity : .infinity) }
      // Every exact value below 2^1024 and at least half the least
      // subnormal in magnitude: no ball, however narrow, can prove one
      // beyond either threshold (a ball holds the exact values).
      if b.upperMagnitude.double.isFinite && b.lowerMagnitude >= Magnitude(1, exponent: -1075) { return .pointwise }
      return .open
    }
  }
}
