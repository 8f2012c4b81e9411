import LossAtlasCore

/// Numbers formatted for readers: one formatter for every number the
/// manual prints, so that the Markdown and HTML pages agree digit for digit.
///
/// - a real minus sign (U+2212);
/// - at most `digits` significant digits, trailing zeros dropped;
/// - very small or large magnitudes as `1.5×10⁻⁸`;
/// - infinities as `∞` / `−∞`, NaN never (the engine does not produce it).
public enum Readable {
  public static func number(_ v: Double, digits: Int = 6) -> String {
    if v.isNaN { return "NaN" }
    if v == .infinity { return "∞" }
    if v == -.infinity { return "−∞" }
    if v == 0 { return "0" }
    let magnitude = abs(v)
    let sign = v < 0 ? "−" : ""
    let exponent = Int(floor(log10(magnitude)))
    if exponent >= -4 && exponent < 7 {
      return sign + trimmed(fixed(magnitude, decimals: max(0, digits - 1 - exponent)))
    }
    // Scientific: mantissa in [1, 10).
    var mantissa = magnitude / pow(10, Double(exponent))
    var e = exponent
    let rounded = (mantissa * pow(10, Double(digits - 1))).rounded() / pow(10, Double(digits - 1))
    if rounded >= 10 {
      mantissa = rounded / 10
      e += 1
    } else {
      mantissa = rounded
    }
    let m = trimmed(fixed(mantissa, decimals: digits - 1))
    return sign + (m == "1" ? "" : m + "×") + "10" + superscript(e)
  }

  /// A count with thousands separators: `31,744`.
  public static func count<I: BinaryInteger>(_ n: I) -> String {
    let digits = String(n.magnitude)
    var out = ""
    for (i, c) in digits.enumerated() {
      if i > 0 && (digits.count - i) % 3 == 0 { out.append(",") }
      out.append(c)
    }
    return (n < 0 ? "−" : "") + out
  }

  /// A fraction as a percentage with at most 2 significant digits: `38%`,
  /// `0.41%`; never "0%" or "100%" for a fraction strictly between 0 and 1.
  public static func percent(_ f: Double) -> String {
    if f <= 0 { return "0%" }
    if f >= 1 { return "100%" }
    var t = number(f * 100, digits: 2)
    if t == "100" { t = "99.9" }
    if t == "0" { t = number(f * 100, digits: 1) }
    return t + "%"
  }

  /// An interval in the manual's notation: `(−∞, 0]`.
  public static func interval(_ i: RealInterval, digits: Int = 6) -> String {
    "\(i.lowerClosed ? "[" : "(")\(number(i.lower, digits: digits)), \(number(i.upper, digits: digits))\(i.upperClosed ? "]" : ")")"
  }

  /// Fixed-point text with exactly `decimals` decimals (round half to even
  /// via the Double's own rounding of the scaled value).
  static func fixed(_ v: Double, decimals: Int) -> String {
    let d = min(decimals, 17)
    let scale = pow(10, Double(d))
    let scaled = (v * scale).rounded()
    guard scaled < 9e18 else { return String(v) }
    var digits = String(Int64(scaled))
    if d == 0 { return digits }
    if digits.count <= d { digits = String(repeating: "0", count: d - digits.count + 1) + digits }
    let cut = digits.index(digits.endIndex, offsetBy: -d)
    return digits[..<cut] + "." + digits[cut...]
  }

  static func trimmed(_ s: String) -> String {
    guard s.contains(".") else { return s }
    var t = s
    while t.hasSuffix("0") { t.removeLast() }
    if t.hasSuffix(".") { t.removeLast() }
    return t
  }

  static func superscript(_ e: Int) -> String {
    let digits: [Character: Character] = [
      "0": "⁰", "1": "¹", "2": "²", "3": "³", "4": "⁴", "5": "⁵", "6": "⁶", "7": "⁷", "8": "⁸", "9": "⁹", "-": "⁻",
    ]
    return String(String(e).map { digits[$0]! })
  }
}
