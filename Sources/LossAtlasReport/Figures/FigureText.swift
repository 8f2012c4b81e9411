import LossAtlasAnalysis
import LossAtlasCharts
import LossAtlasCore

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

// MARK: - FigureText

/// Numbers and intervals as figures print them (labels, captions, alt text).
///
/// One formatter for every figure, so a number reads the same in a marker
/// label and in the alt text: three significant digits, the real minus sign
/// U+2212, no exponent between 10⁻³ and 10⁶ ("−0.752", "5.99", "0.25"),
/// `m×10ⁿ` with superscript digits beyond ("1.8×10¹⁶"), "∞" for infinity.
/// Digits come from integer arithmetic on a rounded mantissa, never from a
/// locale.
enum FigureText {
  /// The minus sign of every printed number.
  static let minus = TickFormatter.minus

  /// `v` to `digits` significant digits (trailing zeros dropped); "0" when
  /// `|v|` is below 10⁻¹² of `scale`, the size of what the figure shows (a
  /// computed minimum of −5.6×10⁻¹⁷ on a loss axis of 0 ... 3.5 is a
  /// rounding error of the sum, not a number the figure can show).
  static func number(_ v: Double, digits: Int = 3, scale: Double = 0) -> String {
    if v.isNaN { return "NaN" }
    if v.isFinite && abs(v) < 1e-12 * scale { return "0" }
    if v == .infinity { return "∞" }
    if v == -.infinity { return minus + "∞" }
    if v == 0 { return "0" }
    let sign = v < 0 ? minus : ""
    var a = abs(v)
    // Tiny and huge magnitudes are scaled into the middle of the Double
    // range first, so that 10^k below stays finite and nonzero.
    var shift = 0
    if a < 1e-280 {
      a *= 1e300
      shift = -300
    } else if a > 1e280 {
      a /= 1e300
      shift = 300
    }
    var e = Int(log10(a).rounded(.down))
    // n is the mantissa as an integer of `digits` digits: a ≈ n × 10^(e − digits + 1).
    var n = (a * pow10(digits - 1 - e)).rounded()
    if n >= pow10(digits) {
      e += 1
      n = (a * pow10(digits - 1 - e)).rounded()
    } else if n < pow10(digits - 1) {
      e -= 1
      n = (a * pow10(digits - 1 - e)).rounded()
    }
    let mantissa = Int(n)
    e += shift
    if e >= -3 && e < 6 {
      return sign + decimal(mantissa, exponent: e - digits + 1)
    }
    return sign + decimal(mantissa, exponent: 1 - digits) + "×10" + TickFormatter.superscript(e)
  }

  /// `x < a`, `x ≥ b` or `a ≤ x < b` for an interval of x (the variable's
  /// name given): ≤ and ≥ at a closed end, < and > at an open one.
  static func condition(_ i: RealInterval, variable: String) -> String {
    let lo = i.lowerClosed ? "≤" : "<"
    let hi = i.upperClosed ? "≤" : "<"
    switch (i.lower.isInfinite, i.upper.isInfinite) {
    case (true, true): return "all \(variable)"
    case (true, false): return "\(variable) \(hi) \(number(i.upper))"
    case (false, true): return "\(variable) \(i.lowerClosed ? "≥" : ">") \(number(i.lower))"
    case (false, false): return "\(number(i.lower)) \(lo) \(variable) \(hi) \(number(i.upper))"
    }
  }

  /// Every place of an extremum as a condition or point, joined: `ŷ ≤ −1
  /// and ŷ ≥ 1`, `x = 0`, `x → ∞`.
  static func places(_ e: Extremum, variable v: String) -> String {
    list(
      e.locations.map { l in
        switch l {
        case .point(let x): return "at \(v) = \(number(x))"
        case .interval(let i): return "for \(condition(i, variable: v))"
        case .approached(let end): return "as \(v) → \(number(end))"
        }
      })
  }

  /// Items joined as English prose: "a", "a and b", "a, b and c".
  static func list(_ items: [String]) -> String {
    switch items.count {
    case 0: return ""
    case 1: return items[0]
    default: return items.dropLast().joined(separator: ", ") + " and " + items.last!
    }
  }

  /// A parameter value for legends: shortest exact text up to 4 digits ("0.5",
  /// "10", "−∞").
  static func parameter(_ v: Double) -> String { number(v, digits: 4) }

  // MARK: Private

  /// 10^k as a Double (exact for |k| ≤ 22, which is all that `number` needs
  /// for mantissas; beyond that the decimal parser rounds correctly).
  private static func pow10(_ k: Int) -> Double {
    if k >= 0 && k <= 22 { return (0..<k).reduce(1.0) { acc, _ in acc * 10 } }
    if k < 0 && k >= -22 { return 1 / pow10(-k) }
    return Double("1e\(k)")!
  }

  /// The exact decimal text of `n × 10^exponent`, trailing zeros after the
  /// point removed.
  private static func decimal(_ n: Int, exponent: Int) -> String {
    var digits = String(n)
    if exponent >= 0 { return digits + String(repeating: "0", count: exponent) }
    let decimals = -exponent
    if digits.count <= decimals {
      digits = String(repeating: "0", count: decimals - digits.count + 1) + digits
    }
    digits.insert(".", at: digits.index(digits.endIndex, offsetBy: -decimals))
    while digits.hasSuffix("0") { digits.removeLast() }
    if digits.hasSuffix(".") { digits.removeLast() }
    return digits
  }
}
