import BigInt
import Foundation

/// A binary floating-point number with an arbitrary-precision mantissa and a
/// wide exponent: `(-1)^negative * mantissa * 2^exponent`, mantissa a
/// ``BigUInt`` (zero is mantissa 0), exponent an `Int`.
///
/// The midpoint of a ``Ball``. Operations take the precision `p` (bits) to
/// round their result to, to nearest; the exact sum, product and quotient
/// are formed first, so each result is within half an ulp at `p` bits,
/// i.e. its relative error is below 2^-p. The exponent range, ±2^60, is
/// far beyond Double's ±1074: exp(800), 1e-400 and 1e300^2 are ordinary
/// numbers here.
struct BigFloat: Sendable, CustomStringConvertible {
  var negative: Bool
  var mantissa: BigUInt
  var exponent: Int

  init(negative: Bool = false, mantissa: BigUInt, exponent: Int) {
    self.negative = negative && !mantissa.isZero
    self.mantissa = mantissa
    self.exponent = mantissa.isZero ? 0 : exponent
  }

  static let zero = BigFloat(mantissa: 0, exponent: 0)
  static let one = BigFloat(mantissa: 1, exponent: 0)

  /// The Double exactly (it must be finite).
  init(_ v: Double) {
    precondition(v.isFinite, "BigFloat of a non-finite Double")
    if v == 0 {
      self = .zero
      return
    }
    let bits = v.isNormal ? v.significandBitPattern | (1 << 52) : v.significandBitPattern
    let e = v.isNormal ? Int(v.exponent) - 52 : -1074
    self.init(negative: v < 0, mantissa: BigUInt(bits), exponent: e)
  }

  init(_ n: Int) {
    self.init(negative: n < 0, mantissa: BigUInt(n.magnitude), exponent: 0)
  }

  var isZero: Bool { mantissa.isZero }
  /// floor(log2 |x|) for x != 0: the exponent of the leading bit.
  var topExponent: Int { exponent + mantissa.bitWidth - 1 }

  /// -x
  static prefix func - (x: BigFloat) -> BigFloat {
    BigFloat(negative: !x.negative, mantissa: x.mantissa, exponent: x.exponent)
  }

  var magnitude: BigFloat { BigFloat(mantissa: mantissa, exponent: exponent) }

  /// x * 2^k, exact.
  func scaled(_ k: Int) -> BigFloat { BigFloat(negative: negative, mantissa: mantissa, exponent: exponent + k) }

  // MARK: - Rounding

  /// Rounded to nearest (ties to even) at `p` bits.
  func rounded(_ p: Int) -> BigFloat {
    let width = mantissa.bitWidth
    guard width > p else { return self }
    let s = width - p
    var q = mantissa >> s
    // The bits shifted out decide: above half, or exactly half with an odd q.
    let half = BigUInt(1) << (s - 1)
    let rest = mantissa - (q << s)
    if rest > half || (rest == half && q[bitAt: 0]) { q += 1 }
    return BigFloat(negative: negative, mantissa: q, exponent: exponent + s)
  }

  // MARK: - Arithmetic (results rounded to p bits)

  /// a + b rounded to p bits. When b lies far below a's last bit (more than
  /// p + 64 bits), the exact sum is not formed: the result is a, and
  /// `absorbed` bounds the neglected |b|.
  static func add(_ a: BigFloat, _ b: BigFloat, _ p: Int) -> (sum: BigFloat, absorbed: Magnitude) {
    let r = addReporting(a, b, p)
    return (r.sum, r.absorbed)
  }

  /// a + b rounded to p bits, and whether that is the exact sum.
  static func addReporting(_ a: BigFloat, _ b: BigFloat, _ p: Int) -> (sum: BigFloat, absorbed: Magnitude, exact: Bool) {
    if a.isZero { return (b.rounded(p), .zero, b.mantissa.bitWidth <= p) }
    if b.isZero { return (a.rounded(p), .zero, a.mantissa.bitWidth <= p) }
    let (big, small) = a.topExponent >= b.topExponent ? (a, b) : (b, a)
    if big.topExponent - small.topExponent > p + 64 {
      return (big.rounded(p), small.upperMagnitude, false)
    }
    let e = Swift.min(a.exponent, b.exponent)
    let ma = a.mantissa << (a.exponent - e)
    let mb = b.mantissa << (b.exponent - e)
    let result: BigFloat
    if a.negative == b.negative {
      result = BigFloat(negative: a.negative, mantissa: ma + mb, exponent: e)
    } else if ma >= mb {
      result = BigFloat(negative: a.negative, mantissa: ma - mb, exponent: e)
    } else {
      result = BigFloat(negative: b.negative, mantissa: mb - ma, exponent: e)
    }
    return (result.rounded(p), .zero, result.mantissa.bitWidth - result.mantissa.trailingZeroBitCount <= p)
  }

  static func multiply(_ a: BigFloat, _ b: BigFloat, _ p: Int) -> BigFloat { multiplyReporting(a, b, p).product }

  /// a * b rounded to p bits, and whether that is the exact product.
  static func multiplyReporting(_ a: BigFloat, _ b: BigFloat, _ p: Int) -> (product: BigFloat, exact: Bool) {
    let full = BigFloat(negative: a.negative != b.negative, mantissa: a.mantissa * b.mantissa, exponent: a.exponent + b.exponent)
    return (full.rounded(p), full.mantissa.bitWidth - full.mantissa.trailingZeroBitCount <= p)
  }

  /// a / b rounded to p bits (b != 0): p + 2 quotient bits and a sticky bit.
  static func divide(_ a: BigFloat, _ b: BigFloat, _ p: Int) -> BigFloat {
    precondition(!b.isZero, "BigFloat division by zero")
    if a.isZero { return .zero }
    let shift = Swift.max(0, p + 3 + b.mantissa.bitWidth - a.mantissa.bitWidth)
    let (q, r) = (a.mantissa << shift).quotientAndRemainder(dividingBy: b.mantissa)
    // A nonzero remainder sets a sticky bit below the quotient's last bit.
    let m = r.isZero ? q << 1 : (q << 1) | 1
    return BigFloat(negative: a.negative != b.negative, mantissa: m, exponent: a.exponent - shift - b.exponent - 1)
      .rounded(p)
  }

  /// sqrt(a) rounded to p bits (a >= 0).
  static func squareRoot(_ a: BigFloat, _ p: Int) -> BigFloat { squareRootReporting(a, p).root }

  /// sqrt(a) rounded to p bits, and whether that is exact.
  static func squareRootReporting(_ a: BigFloat, _ p: Int) -> (root: BigFloat, exact: Bool) {
    if a.isZero { return (.zero, true) }
    var shift = Swift.max(0, 2 * (p + 3) - a.mantissa.bitWidth)
    if (a.exponent - shift) & 1 != 0 { shift += 1 }
    let m = a.mantissa << shift
    let s = m.squareRoot()
    let exact = s * s == m
    let mm = exact ? s << 1 : (s << 1) | 1
    let root = BigFloat(mantissa: mm, exponent: (a.exponent - shift) / 2 - 1)
    return (root.rounded(p), exact && root.mantissa.bitWidth - root.mantissa.trailingZeroBitCount <= p)
  }

  // MARK: - Comparison and conversion

  /// -1, 0 or 1 as a < b, a == b, a > b (exactly).
  static func compare(_ a: BigFloat, _ b: BigFloat) -> Int {
    if a.isZero && b.isZero { return 0 }
    if a.negative != b.negative || a.isZero || b.isZero {
      let sa = a.isZero ? 0 : (a.negative ? -1 : 1)
      let sb = b.isZero ? 0 : (b.negative ? -1 : 1)
      return sa < sb ? -1 : (sa > sb ? 1 : 0)
    }
    let c = compareMagnitudes(a, b)
    return a.negative ? -c : c
  }

  static func compareMagnitudes(_ a: BigFloat, _ b: BigFloat) -> Int {
    if a.isZero || b.isZero { return a.isZero ? (b.isZero ? 0 : -1) : 1 }
    if a.topExponent != b.topExponent { return a.topExponent < b.topExponent ? -1 : 1 }
    let e = Swift.min(a.exponent, b.exponent)
    let ma = a.mantissa << (a.exponent - e)
    let mb = b.mantissa << (b.exponent - e)
    return ma < mb ? -1 : (ma > mb ? 1 : 0)
  }

  /// The nearest Double (ties to even; ±inf beyond the range, 0 below it).
  var double: Double {
    if isZero { return 0 }
    let top = topExponent
    if top > 1023 { return negative ? -.infinity : .infinity }
    if top < -1076 { return negative ? -0.0 : 0 }
    // Keep 53 bits (fewer for a subnormal result), round to nearest even.
    let keep = top >= -1022 ? 53 : 53 - (-1022 - top)
    let r = keep >= 1 ? rounded(keep) : roundedToBit(-1074)
    guard !r.isZero else { return negative ? -0.0 : 0 }
    let m = Double(UInt64(r.mantissa))
    let v = scalbn(m, r.exponent)
    return negative ? -v : v
  }

  /// Rounded to a multiple of 2^bit (ties to even).
  private func roundedToBit(_ bit: Int) -> BigFloat {
    if exponent >= bit { return self }
    let s = bit - exponent
    if s > mantissa.bitWidth + 1 { return .zero }
    var q = mantissa >> s
    let half = BigUInt(1) << (s - 1)
    let rest = mantissa - (q << s)
    if rest > half || (rest == half && q.words.first.map { $0 & 1 == 1 } ?? false) { q += 1 }
    return BigFloat(negative: negative, mantissa: q, exponent: bit)
  }

  /// An upper bound of |x|.
  var upperMagnitude: Magnitude {
    if isZero { return .zero }
    let w = mantissa.bitWidth
    let top = w > 60 ? UInt64(mantissa >> (w - 60)) + 1 : UInt64(mantissa)
    return Magnitude(Double(top).nextUp, exponent: exponent + Swift.max(0, w - 60))
  }

  /// A lower bound of |x|.
  var lowerMagnitude: Magnitude {
    if isZero { return .zero }
    let w = mantissa.bitWidth
    let top = w > 60 ? UInt64(mantissa >> (w - 60)) : UInt64(mantissa)
    return Magnitude(Double(top).nextDown, exponent: exponent + Swift.max(0, w - 60))
  }

  /// x as a fixed-point integer: round(x * 2^w).
  func fixed(_ w: Int) -> BigInt {
    let shift = exponent + w
    let m: BigUInt
    if shift >= 0 {
      m = mantissa << shift
    } else {
      let s = -shift
      if s > mantissa.bitWidth + 1 { return 0 }
      let q = mantissa >> s
      let rest = mantissa - (q << s)
      m = rest >= (BigUInt(1) << (s - 1)) ? q + 1 : q
    }
    return negative ? -BigInt(m) : BigInt(m)
  }

  /// The fixed-point integer v as the number v / 2^w.
  init(fixed v: BigInt, _ w: Int) {
    self.init(negative: v.sign == .minus, mantissa: v.magnitude, exponent: -w)
  }

  var description: String {
    let d = double
    if d.isFinite && d != 0 { return "\(d)" }
    return "\(negative ? "-" : "")\(mantissa)*2^\(exponent)"
  }
}
