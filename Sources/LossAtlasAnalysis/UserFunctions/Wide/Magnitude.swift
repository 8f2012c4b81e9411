import Foundation

/// A non-negative bound with a wide exponent, `m * 2^e`, every operation
/// rounded up (or, where named, down): the radius of a ``Ball``.
///
/// The mantissa is a Double in [0.5, 1) (or 0, or +inf); each operation
/// rounds its Double result one step outward with `nextUp` / `nextDown`,
/// which more than covers the rounding of one Double operation. Exponents
/// beyond ±2^60 saturate: to infinity for an upper bound that large, to 0
/// for a lower bound that small.
struct Magnitude: Sendable, Comparable, CustomStringConvertible {
  private(set) var m: Double
  private(set) var e: Int

  static let exponentLimit = 1 << 60
  static let zero = Magnitude(m: 0, e: 0)
  static let infinity = Magnitude(m: .infinity, e: 0)

  private init(m: Double, e: Int) {
    self.m = m
    self.e = e
  }

  /// m * 2^e normalised; an exponent past the limit saturates upward.
  init(_ mantissa: Double, exponent: Int = 0) {
    if mantissa == 0 {
      self = .zero
    } else if !mantissa.isFinite {
      self = .infinity
    } else {
      let f = frexp(Swift.abs(mantissa))
      let total = exponent.addingReportingOverflow(f.1)
      if total.overflow || total.partialValue > Magnitude.exponentLimit {
        self = .infinity
      } else if total.partialValue < -Magnitude.exponentLimit {
        // Below 2^-(2^60): kept as that bound (an upper bound stays one).
        self = Magnitude(m: 0.5, e: -Magnitude.exponentLimit)
      } else {
        self = Magnitude(m: f.0, e: total.partialValue)
      }
    }
  }

  /// 2^k
  static func power(_ k: Int) -> Magnitude { Magnitude(0.5, exponent: k + 1) }

  var isZero: Bool { m == 0 }
  var isInfinite: Bool { m == .infinity }
  var isFinite: Bool { m.isFinite }

  /// The bound as a Double (rounded up; inf above the Double range, 0 below it).
  var double: Double {
    if isZero { return 0 }
    if isInfinite || e > 1100 { return .infinity }
    if e < -1200 { return Double.leastNonzeroMagnitude }
    return scalbn(m, e).nextUp
  }

  /// log2 of the bound, roughly (for choosing precisions).
  var log2: Double { isZero ? -.infinity : (isInfinite ? .infinity : Double(e) + Foundation.log2(m)) }

  static func + (a: Magnitude, b: Magnitude) -> Magnitude {
    if a.isZero { return b }
    if b.isZero { return a }
    if a.isInfinite || b.isInfinite { return .infinity }
    let (big, small) = a.e >= b.e ? (a, b) : (b, a)
    let gap = big.e - small.e
    if gap > 60 { return Magnitude(big.m.nextUp.nextUp, exponent: big.e) }
    return Magnitude((big.m + scalbn(small.m, -gap)).nextUp, exponent: big.e)
  }

  static func * (a: Magnitude, b: Magnitude) -> Magnitude {
    if a.isZero || b.isZero { return .zero }
    if a.isInfinite || b.isInfinite { return .infinity }
    let e = a.e.addingReportingOverflow(b.e)
    if e.overflow { return a.e > 0 ? .infinity : Magnitude(0.5, exponent: -exponentLimit) }
    return Magnitude((a.m * b.m).nextUp, exponent: e.partialValue)
  }

  /// An upper bound of a / b, where b is a lower bound of the divisor.
  static func / (a: Magnitude, b: Magnitude) -> Magnitude {
    if a.isZero { return .zero }
    if b.isZero || a.isInfinite { return .infinity }
    if b.isInfinite { return Magnitude(0.5, exponent: -exponentLimit) }
    let e = a.e.subtractingReportingOverflow(b.e)
    if e.overflow { return a.e > 0 ? .infinity : Magnitude(0.5, exponent: -exponentLimit) }
    return Magnitude((a.m / b.m).nextUp, exponent: e.partialValue)
  }

  /// A lower bound of a - b (0 when b >= a).
  static func lowerDifference(_ a: Magnitude, _ b: Magnitude) -> Magnitude {
    if b.isZero { return a }
    if a <= b { return .zero }
    if a.isInfinite { return .infinity }
    let gap = a.e - b.e
    if gap > 60 { return Magnitude(a.m.nextDown.nextDown, exponent: a.e) }
    let d = (a.m - scalbn(b.m, -gap)).nextDown
    return d > 0 ? Magnitude(d, exponent: a.e) : .zero
  }

  /// A lower bound of a * b (rounded down).
  static func lowerProduct(_ a: Magnitude, _ b: Magnitude) -> Magnitude {
    if a.isZero || b.isZero { return .zero }
    if a.isInfinite || b.isInfinite { return .infinity }
    let e = a.e.addingReportingOverflow(b.e)
    if e.overflow { return a.e > 0 ? .infinity : .zero }
    let total = e.partialValue
    if total < -exponentLimit + 2 { return .zero }
    return Magnitude((a.m * b.m).nextDown, exponent: total)
  }

  /// An upper bound of e^x for a real x given as a Double.
  static func expUpper(_ x: Double) -> Magnitude {
    if x.isNaN || x == .infinity { return .infinity }
    if x < -0x1p59 { return Magnitude(0.5, exponent: -exponentLimit) }
    if x > 0x1p59 { return .infinity }
    // e^x = 2^(x log2 e) = 2^k 2^f
    let t = x * 1.4426950408889634 * (1 + 0x1p-50) + (x >= 0 ? 0x1p-40 : 0x1p-40)
    let k = t.rounded(.down)
    let f = t - k
    return Magnitude((Foundation.exp2(f) * (1 + 0x1p-48)).nextUp, exponent: Int(k))
  }

  /// A lower bound of the square root.
  var sqrtLower: Magnitude {
    if isZero || isInfinite { return self }
    let even = e & 1 == 0
    let mm = even ? m : m * 2
    let ee = even ? e : e - 1
    return Magnitude(mm.squareRoot().nextDown, exponent: ee / 2)
  }

  static func < (a: Magnitude, b: Magnitude) -> Bool {
    if a.isZero || b.isZero { return a.isZero && !b.isZero }
    if a.isInfinite || b.isInfinite { return !a.isInfinite && b.isInfinite }
    return a.e != b.e ? a.e < b.e : a.m < b.m
  }

  static func == (a: Magnitude, b: Magnitude) -> Bool { a.m == b.m && (a.e == b.e || a.isZero || a.isInfinite) }

  static func max(_ a: Magnitude, _ b: Magnitude) -> Magnitude { a < b ? b : a }
  static func min(_ a: Magnitude, _ b: Magnitude) -> Magnitude { a < b ? a : b }

  var description: String {
    if isZero { return "0" }
    if isInfinite { return "inf" }
    if e > -1000 && e < 1000 { return "\(scalbn(m, e))" }
    return "\(m)*2^\(e)"
  }
}
