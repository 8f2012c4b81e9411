import BigInt
import Foundation
import LossAtlasCore

/// A ball's exact number correctly rounded (to nearest, ties to even) to a
/// binary format, when every point of the ball rounds alike: the
/// three-valued answer of ``ScalarView/exactRounding``.
///
/// The reals that round to one value r of the format form an interval
/// between two rounding boundaries: the midpoints between r and its
/// neighbours; ±h around 0, h = half the smallest subnormal (2^-1075 for
/// binary64); from T = (2 - 2^-bits) 2^emax + 2^(emax - bits - 1) (half an
/// ulp above the largest finite value) on for ±inf. The ball decides when
/// its midpoint's rounding r is also every point's: the radius is below
/// the distance from the midpoint to both boundaries (a lower bound of
/// each distance, so the answer is never wrong, only sometimes nil). So
/// log(1 + e^x) at x = -2000, the ball 0 ± 2^-2885, rounds to 0 in every
/// format (it lies inside ±2^-1075), and e^e^x at x = 10, beyond T, to inf.
enum BallRounding {
  /// The format's value every point of `b` rounds to (NaN: no real value;
  /// ±inf: an exact infinity, or every point beyond T), or nil.
  static func round(_ b: Ball, _ f: BinaryFormat) -> Double? {
    switch b.state {
    case .positiveInfinity: return .infinity
    case .negativeInfinity: return -.infinity
    case .undefined: return .nan
    case .unknown: return nil
    case .finite: break
    }
    let m = b.mid.magnitude
    let sign: Double = b.mid.negative ? -1 : 1
    let r = round(m, f)
    if b.rad.isZero { return sign * r }
    // The boundaries of the reals (≥ 0 side, by symmetry) rounding to r.
    let bits = f.significandBits
    let emin = 1 - f.maxExponent
    let half = BigFloat(mantissa: 1, exponent: emin - bits - 1)
    let lower: BigFloat
    let upper: BigFloat?
    if r == 0 {
      (lower, upper) = (-half, half)
    } else if r.isInfinite {
      (lower, upper) = (overflowThreshold(f), nil)
    } else {
      let e = Swift.max(Int(r.exponent), emin)
      let rb = BigFloat(r)
      upper = exactSum(rb, BigFloat(mantissa: 1, exponent: e - bits - 1))
      // Below a power of two (not the smallest normal) the spacing halves.
      let below = r.significandBitPattern == 0 && e > emin ? e - bits - 2 : e - bits - 1
      lower = exactSum(rb, -BigFloat(mantissa: 1, exponent: below))
    }
    guard b.rad < lowerDistance(m, lower) else { return nil }
    if let upper, !(b.rad < lowerDistance(upper, m)) { return nil }
    return sign * r
  }

  /// A non-negative `m` rounded to the format (to nearest, ties to even;
  /// +inf from T on), as a Double (every value of the formats is one).
  static func round(_ m: BigFloat, _ f: BinaryFormat) -> Double {
    if m.isZero { return 0 }
    let bits = f.significandBits
    let emin = 1 - f.maxExponent
    let t = m.topExponent
    if t > f.maxExponent { return .infinity }
    // Below half the smallest subnormal, 2^(emin - bits - 1): 0.
    if t < emin - bits - 1 { return 0 }
    // The spacing of the format at m: 2^q.
    let q = Swift.max(t, emin) - bits
    var k: BigUInt
    if m.exponent >= q {
      k = m.mantissa << (m.exponent - q)
    } else {
      let s = q - m.exponent
      k = m.mantissa >> s
      let rest = m.mantissa - (k << s)
      let halfway = BigUInt(1) << (s - 1)
      if rest > halfway || (rest == halfway && k[bitAt: 0]) { k += 1 }
    }
    // k ≤ 2^(bits + 1) < 2^54 and q ≥ -1074: the product is exact.
    let v = scalbn(Double(UInt64(k)), q)
    let greatest = scalbn(Double((UInt64(1) << (bits + 1)) - 1), f.maxExponent - bits)
    return v > greatest ? .infinity : v
  }

  /// T: half an ulp above the largest finite value (a tie there rounds to
  /// inf, the even side).
  static func overflowThreshold(_ f: BinaryFormat) -> BigFloat {
    let bits = f.significandBits
    // (2^(bits + 2) - 1) 2^(emax - bits - 1)
    return BigFloat(mantissa: (BigUInt(1) << (bits + 2)) - 1, exponent: f.maxExponent - bits - 1)
  }

  /// a + b exactly (both short: a format value and a power of two).
  static func exactSum(_ a: BigFloat, _ b: BigFloat) -> BigFloat {
    BigFloat.addReporting(a, b, 4 * 1100).sum
  }

  /// A lower bound of a - b (0 when b ≥ a, or when the difference is not
  /// known to be positive), as a ``Magnitude``.
  static func lowerDistance(_ a: BigFloat, _ b: BigFloat) -> Magnitude {
    let p = 256
    let d = BigFloat.addReporting(a, -b, p)
    guard !d.sum.isZero, !d.sum.negative else { return .zero }
    let error = (d.exact ? Magnitude.zero : Ball.roundingError(d.sum, p)) + d.absorbed
    return Magnitude.lowerDifference(d.sum.lowerMagnitude, error)
  }
}
