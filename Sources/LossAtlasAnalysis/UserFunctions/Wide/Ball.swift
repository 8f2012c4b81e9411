import BigInt
import Foundation

/// A real number known to lie in `[mid - rad, mid + rad]` (midpoint-radius
/// interval arithmetic, as in Arb): the wide, precise arithmetic of the
/// numerical-safety analysis.
///
/// Every operation returns a ball that contains the exact result for every
/// point of its operands' balls: the midpoint is computed at the working
/// precision (within 2^-p relative, see ``BigFloat``) and the radius adds
/// that rounding error to the propagated radii (a Lipschitz bound of the
/// function over the ball). So a ball is a proof: when it is narrow enough
/// the exact value is known to that accuracy, and when it is not, the
/// evaluator raises the precision (``WideEvaluator``).
///
/// Besides finite balls: `infinity` (the exact value is +-inf: 1/0, log 0,
/// the `inf` constant), `undefined` (no real value: log of a negative
/// number, 0/0, inf - inf) and `unknown` (not decided at this precision: a
/// ball that straddles a pole or a domain edge, a number beyond the
/// exponent range ±2^(2^60)).
struct Ball: Sendable, CustomStringConvertible {
  enum State: Sendable, Equatable { case finite, positiveInfinity, negativeInfinity, undefined, unknown }

  let state: State
  let mid: BigFloat
  let rad: Magnitude

  init(_ mid: BigFloat, _ rad: Magnitude = .zero) {
    if rad.isInfinite {
      self.state = .unknown
      self.mid = .zero
      self.rad = .infinity
    } else {
      self.state = .finite
      self.mid = mid
      self.rad = rad
    }
  }

  private init(state: State) {
    self.state = state
    self.mid = .zero
    self.rad = state == .unknown ? .infinity : .zero
  }

  static let undefined = Ball(state: .undefined)
  static let unknown = Ball(state: .unknown)
  static let positiveInfinity = Ball(state: .positiveInfinity)
  static let negativeInfinity = Ball(state: .negativeInfinity)
  static let zero = Ball(.zero)
  static let one = Ball(.one)

  /// The exact Double.
  init(_ v: Double) {
    if v.isNaN { self = .undefined } else if v == .infinity { self = .positiveInfinity } else if v == -.infinity {
      self = .negativeInfinity
    } else { self = Ball(BigFloat(v)) }
  }

  var isFinite: Bool { state == .finite }
  var isExact: Bool { state == .finite && rad.isZero }
  /// Whether every point of the ball is > 0 (< 0).
  var isPositive: Bool { state == .positiveInfinity || (isFinite && !mid.negative && mid.lowerMagnitude > rad) }
  var isNegative: Bool { state == .negativeInfinity || (isFinite && mid.negative && mid.lowerMagnitude > rad) }
  /// Whether the ball is the exact number 0.
  var isExactZero: Bool { isExact && mid.isZero }

  /// The nearest Double to the midpoint (±inf, NaN for the other states).
  var double: Double {
    switch state {
    case .finite: return mid.double
    case .positiveInfinity: return .infinity
    case .negativeInfinity: return -.infinity
    case .undefined, .unknown: return .nan
    }
  }

  /// An upper bound of |x| over the ball.
  var upperMagnitude: Magnitude { isFinite ? mid.upperMagnitude + rad : .infinity }
  /// A lower bound of |x| over the ball (0 if it holds 0).
  var lowerMagnitude: Magnitude { isFinite ? Magnitude.lowerDifference(mid.lowerMagnitude, rad) : .infinity }

  var description: String {
    switch state {
    case .finite: return "\(mid) ± \(rad)"
    case .positiveInfinity: return "+inf"
    case .negativeInfinity: return "-inf"
    case .undefined: return "undefined"
    case .unknown: return "unknown"
    }
  }

  /// The rounding error bound of a midpoint rounded to p bits: |x| 2^(1-p).
  static func roundingError(_ x: BigFloat, _ p: Int) -> Magnitude {
    x.isZero ? .zero : x.upperMagnitude * Magnitude.power(1 - p)
  }
}

/// The ball operations at a working precision.
struct WideArithmetic: Sendable {
  /// Bits of the midpoints.
  let precision: Int
  /// Magnitudes beyond 2^exponentLimit (or below its inverse) are out of range.
  static let exponentLimit = 1 << 58

  init(precision: Int) { self.precision = precision }

  private var p: Int { precision }

  /// A ball from a midpoint computed within 2^-p relative, widened by that
  /// error and by `propagated`; out of the exponent range -> unknown.
  private func ball(_ m: BigFloat, _ propagated: Magnitude = .zero, exact: Bool = false) -> Ball {
    if !m.isZero && Swift.abs(m.topExponent) > WideArithmetic.exponentLimit { return .unknown }
    return Ball(m, (exact ? .zero : Ball.roundingError(m, p)) + propagated)
  }

  // MARK: - Arithmetic

  func add(_ a: Ball, _ b: Ball) -> Ball {
    if let special = infinities(a, b, sum: true) { return special }
    let r = BigFloat.addReporting(a.mid, b.mid, p)
    return ball(r.sum, a.rad + b.rad + r.absorbed, exact: r.exact)
  }

  func subtract(_ a: Ball, _ b: Ball) -> Ball { add(a, negate(b)) }

  func negate(_ a: Ball) -> Ball {
    switch a.state {
    case .finite: return Ball(-a.mid, a.rad)
    case .positiveInfinity: return .negativeInfinity
    case .negativeInfinity: return .positiveInfinity
    default: return a
    }
  }

  func multiply(_ a: Ball, _ b: Ball) -> Ball {
    if a.state == .undefined || b.state == .undefined { return .undefined }
    if !a.isFinite || !b.isFinite {
      if a.state == .unknown || b.state == .unknown { return .unknown }
      if !a.isFinite && !b.isFinite {
        return (a.state == .negativeInfinity) != (b.state == .negativeInfinity) ? .negativeInfinity : .positiveInfinity
      }
      // inf * x: the sign of x decides; inf * 0 has no value.
      let (inf, other) = a.isFinite ? (b, a) : (a, b)
      if other.isExactZero { return .undefined }
      if !other.isPositive && !other.isNegative { return .unknown }
      return (inf.state == .negativeInfinity) != other.isNegative ? .negativeInfinity : .positiveInfinity
    }
    let m = BigFloat.multiplyReporting(a.mid, b.mid, p)
    let rad = a.mid.upperMagnitude * b.rad + b.mid.upperMagnitude * a.rad + a.rad * b.rad
    return ball(m.product, rad, exact: m.exact)
  }

  func divide(_ a: Ball, _ b: Ball) -> Ball {
    if a.state == .undefined || b.state == .undefined { return .undefined }
    if a.state == .unknown || b.state == .unknown { return .unknown }
    if !b.isFinite {
      if !a.isFinite { return .undefined }
      return .zero
    }
    if b.isExactZero {
      // x / 0: a pole; its value is infinite when x is not 0.
      if a.isPositive { return .positiveInfinity }
      if a.isNegative { return .negativeInfinity }
      return a.isExactZero ? .undefined : .unknown
    }
    let lower = b.lowerMagnitude
    guard !lower.isZero else { return .unknown }
    if !a.isFinite {
      if !b.isPositive && !b.isNegative { return .unknown }
      let negative = (a.state == .negativeInfinity) != b.isNegative
      return negative ? .negativeInfinity : .positiveInfinity
    }
    let q = BigFloat.divide(a.mid, b.mid, p)
    // |a/b - ma/mb| <= (|ma| rb + |mb| ra) / (|mb| (|mb| - rb))
    let num = a.mid.upperMagnitude * b.rad + b.mid.upperMagnitude * a.rad
    let den = Magnitude.lowerProduct(b.mid.lowerMagnitude, lower)
    return ball(q, num / den)
  }

  /// inf + x, inf - inf, and the unknown and undefined states; nil for two finite balls.
  private func infinities(_ a: Ball, _ b: Ball, sum: Bool) -> Ball? {
    if a.isFinite && b.isFinite { return nil }
    if a.state == .undefined || b.state == .undefined { return .undefined }
    if a.state == .unknown || b.state == .unknown { return .unknown }
    if a.isFinite { return b }
    if b.isFinite { return a }
    return a.state == b.state ? a : .undefined
  }

  /// a^b: an exact integer b by repeated squaring (x^2 of a negative x is
  /// fine), otherwise e^(b log a) for a > 0; 0^b is 0, 1 or inf.
  func power(_ a: Ball, _ b: Ball) -> Ball {
    if a.state == .undefined || b.state == .undefined { return .undefined }
    if b.isExactZero { return .one }
    if b.isExact, let n = integerValue(b.mid), Swift.abs(n) <= 1 << 20 {
      if !a.isFinite {
        if a.state == .unknown { return .unknown }
        if n < 0 { return .zero }
        return a.state == .positiveInfinity || n % 2 == 0 ? .positiveInfinity : .negativeInfinity
      }
      var result = Ball.one
      var base = a
      var k = Swift.abs(n)
      while k > 0 {
        if k & 1 == 1 { result = multiply(result, base) }
        k >>= 1
        if k > 0 { base = multiply(base, base) }
      }
      return n < 0 ? divide(.one, result) : result
    }
    if a.isExactZero {
      if b.isPositive { return .zero }
      if b.isNegative { return .positiveInfinity }
      return .unknown
    }
    if a.isNegative { return .undefined }
    if !a.isPositive { return .unknown }
    return exp(multiply(b, log(a)))
  }

  private func integerValue(_ x: BigFloat) -> Int? {
    if x.isZero { return 0 }
    guard x.exponent >= 0, x.topExponent < 62 else {
      // A negative exponent is an integer only when the low bits are zero.
      guard x.exponent < 0, x.topExponent < 62 else { return nil }
      let tz = x.mantissa.trailingZeroBitCount
      guard tz >= -x.exponent else { return nil }
      let v = Int(x.mantissa >> -x.exponent)
      return x.negative ? -v : v
    }
    let v = Int(x.mantissa << x.exponent)
    return x.negative ? -v : v
  }

  // MARK: - Functions

  /// e^x: |e^(m+t) - e^m| <= e^m (e^r - 1) for |t| <= r.
  func exp(_ x: Ball) -> Ball {
    switch x.state {
    case .positiveInfinity: return .positiveInfinity
    case .negativeInfinity: return .zero
    case .undefined, .unknown: return x
    case .finite: break
    }
    if x.isExactZero { return .one }
    if x.mid.topExponent > 57 {
      // |x| > 2^57: e^x is beyond the exponent range (or below it: then a
      // ball around 0 whose radius bounds it).
      return x.mid.negative ? Ball(.zero, Magnitude.power(-(1 << 58))) : .unknown
    }
    // Above 2^58 ln 2 (1 + 2^-48) > (2^58 + 1) ln 2, e^x's exponent passes the limit:
    // unknown, as `ball` would say after computing it (at every precision:
    // the precision study probes thousands of such inputs).
    if !x.mid.negative && x.mid.double > 0x1p58 * M_LN2 * (1 + 0x1p-48) { return .unknown }
    // Below -2^58 ln 2 (1 + 2^-48), with a radius under 1, every point's
    // e^x is below 2^-(2^58): the ball around 0 of that radius, as for
    // |x| > 2^57 above (computing it would leave the range: unknown).
    if x.mid.negative && x.rad < Magnitude(1) && x.mid.double < -0x1p58 * M_LN2 * (1 + 0x1p-48) {
      return Ball(.zero, Magnitude.power(-(1 << 58)))
    }
    let m = BigFloat.exp(x.mid, p)
    return ball(m, m.upperMagnitude * expMinusOneUpper(x.rad))
  }

  /// An upper bound of e^r - 1.
  private func expMinusOneUpper(_ r: Magnitude) -> Magnitude {
    if r.isZero { return .zero }
    let d = r.double
    if d < 0x1p-30 { return r * Magnitude(1.0000001) }
    return Magnitude((Foundation.expm1(d) * (1 + 0x1p-40)).nextUp)
  }

  func expm1(_ x: Ball) -> Ball {
    switch x.state {
    case .positiveInfinity: return .positiveInfinity
    case .negativeInfinity: return Ball(-1)
    case .undefined, .unknown: return x
    case .finite: break
    }
    if x.isExactZero { return .zero }
    if x.mid.topExponent > 57 { return x.mid.negative ? Ball(BigFloat(-1), Magnitude.power(-(1 << 58))) : .unknown }
    let m = BigFloat.expm1(x.mid, p)
    // |f'| = e^t <= |1 + expm1(m)| e^r
    let onePlus = BigFloat.add(.one, m, p + 8).sum.upperMagnitude
    return ball(m, onePlus * (Magnitude(1) + expMinusOneUpper(x.rad)) * x.rad)
  }

  func log(_ x: Ball) -> Ball {
    switch x.state {
    case .positiveInfinity: return .positiveInfinity
    case .negativeInfinity, .undefined: return .undefined
    case .unknown: return x
    case .finite: break
    }
    if x.isExactZero { return .negativeInfinity }
    if x.isNegative { return .undefined }
    guard x.isPositive else { return .unknown }
    if x.isExact && BigFloat.compare(x.mid, .one) == 0 { return .zero }
    let m = BigFloat.log(x.mid, p)
    // |f'| <= 1 / (m - r)
    return ball(m, x.rad / x.lowerMagnitude)
  }

  func log1p(_ x: Ball) -> Ball {
    switch x.state {
    case .positiveInfinity: return .positiveInfinity
    case .negativeInfinity, .undefined: return .undefined
    case .unknown: return x
    case .finite: break
    }
    if x.isExactZero { return .zero }
    let onePlus = add(.one, x)
    if onePlus.isExactZero { return .negativeInfinity }
    if onePlus.isNegative { return .undefined }
    guard onePlus.isPositive else { return .unknown }
    let m = BigFloat.log1p(x.mid, p)
    return ball(m, x.rad / onePlus.lowerMagnitude)
  }

  func sqrt(_ x: Ball) -> Ball {
    switch x.state {
    case .positiveInfinity: return .positiveInfinity
    case .negativeInfinity, .undefined: return .undefined
    case .unknown: return x
    case .finite: break
    }
    if x.isExactZero { return .zero }
    if x.isNegative { return .undefined }
    guard x.isPositive else { return .unknown }
    let m = BigFloat.squareRootReporting(x.mid, p)
    // |f'| <= 1 / (2 sqrt(m - r))
    return ball(m.root, x.rad.isZero ? .zero : x.rad / (x.lowerMagnitude.sqrtLower * Magnitude(2)), exact: m.exact)
  }

  func abs(_ x: Ball) -> Ball {
    switch x.state {
    case .positiveInfinity, .negativeInfinity: return .positiveInfinity
    case .undefined, .unknown: return x
    case .finite: return Ball(x.mid.magnitude, x.rad)
    }
  }

  func sign(_ x: Ball) -> Ball {
    if x.state == .undefined || x.state == .unknown { return x }
    if x.isExactZero { return .zero }
    if x.isPositive { return .one }
    if x.isNegative { return Ball(-1) }
    return .unknown
  }

  func sin(_ x: Ball) -> Ball { sinCos(x, cosine: false) }
  func cos(_ x: Ball) -> Ball { sinCos(x, cosine: true) }

  private func sinCos(_ x: Ball, cosine: Bool) -> Ball {
    switch x.state {
    case .positiveInfinity, .negativeInfinity, .undefined: return .undefined
    case .unknown: return x
    case .finite: break
    }
    guard let sc = BigFloat.sinCos(x.mid, p) else { return .unknown }
    // |f'| <= 1
    return ball(cosine ? sc.cos : sc.sin, x.rad, exact: x.isExactZero)
  }

  func tan(_ x: Ball) -> Ball { divide(sin(x), cos(x)) }

  /// sinh x = (expm1(x) - expm1(-x)) / 2: the two terms have opposite signs, nothing cancels.
  func sinh(_ x: Ball) -> Ball {
    switch x.state {
    case .positiveInfinity, .negativeInfinity, .undefined, .unknown: return x
    case .finite: break
    }
    return half(subtract(expm1(x), expm1(negate(x))))
  }

  /// cosh x = (e^x + e^-x) / 2.
  func cosh(_ x: Ball) -> Ball {
    switch x.state {
    case .positiveInfinity, .negativeInfinity: return .positiveInfinity
    case .undefined, .unknown: return x
    case .finite: break
    }
    return half(add(exp(x), exp(negate(x))))
  }

  /// tanh |x| = expm1(2|x|) / (expm1(2|x|) + 2); +-1 within 2^-(2^58) beyond |x| = 2^57.
  func tanh(_ x: Ball) -> Ball {
    switch x.state {
    case .positiveInfinity: return .one
    case .negativeInfinity: return Ball(-1)
    case .undefined, .unknown: return x
    case .finite: break
    }
    if x.isExactZero { return .zero }
    if x.lowerMagnitude > Magnitude.power(57) {
      return Ball(BigFloat(x.mid.negative ? -1 : 1), Magnitude.power(-(1 << 58)))
    }
    if !x.isPositive && !x.isNegative {
      // A ball around 0: tanh is 1-Lipschitz.
      let m = BigFloat.divide(BigFloat.expm1(x.mid.scaled(1), p + 8), BigFloat.add(BigFloat.expm1(x.mid.scaled(1), p + 8), BigFloat(2), p + 8).sum, p)
      return ball(m, x.rad)
    }
    let a = abs(x)
    let e = expm1(Ball(a.mid.scaled(1), a.rad * Magnitude(2)))
    let t = divide(e, add(e, Ball(2)))
    return x.mid.negative ? negate(t) : t
  }

  /// atan x, with |f'| <= min(1, 1 / (1 + (|m| - r)^2)).
  func atan(_ x: Ball) -> Ball {
    let halfPi = BigFloat(fixed: WideConstants.pi(p + 8), p + 9).rounded(p)
    switch x.state {
    case .positiveInfinity: return ball(halfPi)
    case .negativeInfinity: return ball(-halfPi)
    case .undefined, .unknown: return x
    case .finite: break
    }
    let m = BigFloat.atan(x.mid, p)
    let low = x.lowerMagnitude
    let slope = Magnitude.min(Magnitude(1), Magnitude(1) / (Magnitude(1) + Magnitude.lowerProduct(low, low)))
    return ball(m, slope * x.rad, exact: x.isExactZero)
  }

  /// erf and erfc, with |f'| <= (2/sqrt pi) e^(-(|m| - r)^2).
  func erf(_ x: Ball) -> Ball { erfOrErfc(x, complement: false) }
  func erfc(_ x: Ball) -> Ball { erfOrErfc(x, complement: true) }

  private func erfOrErfc(_ x: Ball, complement: Bool) -> Ball {
    switch x.state {
    case .positiveInfinity: return complement ? .zero : .one
    case .negativeInfinity: return complement ? Ball(2) : Ball(-1)
    case .undefined, .unknown: return x
    case .finite: break
    }
    if x.isExactZero { return complement ? .one : .zero }
    let low = x.lowerMagnitude
    if low > Magnitude.power(28) {
      // x^2 > 2^56: erfc(|x|) < e^(-2^56), far below 2^-(2^58)... bounded by it.
      let tiny = Magnitude.power(-(1 << 50))
      let positive = !x.mid.negative
      if complement { return positive ? Ball(.zero, tiny) : Ball(BigFloat(2), tiny) }
      return Ball(BigFloat(positive ? 1 : -1), tiny)
    }
    let m = complement ? BigFloat.erfc(x.mid, p) : BigFloat.erf(x.mid, p)
    let lowD = low.double
    let slope = Magnitude.expUpper(-(lowD * lowD) * (1 - 0x1p-40)) * Magnitude(1.1283791670955126 * (1 + 0x1p-40))
    return ball(m, slope * x.rad)
  }

  func minimum(_ a: Ball, _ b: Ball) -> Ball { extremum(a, b, max: false) }
  func maximum(_ a: Ball, _ b: Ball) -> Ball { extremum(a, b, max: true) }

  /// min and max are 1-Lipschitz in each operand: the radius is the larger one.
  private func extremum(_ a: Ball, _ b: Ball, max: Bool) -> Ball {
    if a.state == .undefined || b.state == .undefined { return .undefined }
    if let order = compare(a, b) {
      return (order > 0) == max ? a : b
    }
    if a.isFinite && b.isFinite {
      let c = BigFloat.compare(a.mid, b.mid)
      let pick = (c > 0) == max ? a : b
      return Ball(pick.mid, Magnitude.max(a.rad, b.rad) + Magnitude.max(a.rad, b.rad))
    }
    return .unknown
  }

  /// -1, 0 or 1 when the order of every pair of points is decided (0: both
  /// the same exact number), nil when the balls overlap.
  func compare(_ a: Ball, _ b: Ball) -> Int? {
    func rank(_ x: Ball) -> Int? {
      switch x.state {
      case .negativeInfinity: return -1
      case .positiveInfinity: return 1
      case .finite: return 0
      default: return nil
      }
    }
    guard let ra = rank(a), let rb = rank(b) else { return nil }
    if ra != rb { return ra < rb ? -1 : 1 }
    if ra != 0 { return 0 }
    if a.isExact && b.isExact { return BigFloat.compare(a.mid, b.mid) }
    let d = BigFloat.add(a.mid, -b.mid, p + 64)
    let gap = d.sum.lowerMagnitude
    let slack = a.rad + b.rad + d.absorbed + Ball.roundingError(d.sum, p + 64)
    if d.sum.isZero || !(gap > slack) { return nil }
    return d.sum.negative ? -1 : 1
  }

  private func half(_ x: Ball) -> Ball {
    x.isFinite ? Ball(x.mid.scaled(-1), x.rad * Magnitude(0.5)) : x
  }
}
