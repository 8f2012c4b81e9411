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
/// The manual's one number formatter (``Readable/number(_:digits:)``) at
/// three significant digits, so a number reads the same in a marker label,
/// the alt text and the page: "−0.752", "5.99", "1.8×10¹⁶", "∞".
enum FigureText {
  /// The minus sign of every printed number.
  static let minus = TickFormatter.minus

  /// `v` to `digits` significant digits (trailing zeros dropped); "0" when
  /// `|v|` is below 10⁻¹² of `scale`, the size of what the figure shows (a
  /// computed minimum of −5.6×10⁻¹⁷ on a loss axis of 0 ... 3.5 is a
  /// rounding error of the sum, not a number the figure can show).
  static func number(_ v: Double, digits: Int = 3, scale: Double = 0) -> String {
    if v.isFinite && abs(v) < 1e-12 * scale { return "0" }
    return Readable.number(v, digits: digits)
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

}
