import LossAtlasCharts
import LossAtlasCore

/// Numbers formatted for readers: one formatter for every number the
/// manual prints, so that the Markdown and HTML pages agree digit for digit.
///
/// - a real minus sign (U+2212);
/// - at most `digits` significant digits, trailing zeros dropped;
/// - very small or large magnitudes as `1.5×10⁻⁸`;
/// - infinities as `∞` / `−∞`, NaN never (the engine does not produce it).
public enum Readable {
  /// `v` to at most `digits` significant digits: fixed-point for exponents
  /// −4 … 6 ("−0.169971", "745.133", "0.0005"), `m×10ⁿ` beyond
  /// ("1.34078×10¹⁵⁴", "10⁻³⁰⁰"), a real minus sign, "∞". The digits come
  /// from integer arithmetic on the rounded mantissa (tiny and huge values
  /// are scaled into the middle of the Double range first), never from a
  /// locale or Swift's shortest round-trip text.
  public static func number(_ v: Double, digits: Int = 6) -> String {
    if v.isNaN { return "NaN" }
    if v == .infinity { return "∞" }
    if v == -.infinity { return "−∞" }
    if v == 0 { return "0" }
    let digits = max(1, min(digits, 15))
    let sign = v < 0 ? "−" : ""
    var a = abs(v)
    var shift = 0
    if a < 1e-280 {
      a *= 1e300
      shift = -300
    } else if a > 1e280 {
      a /= 1e300
      shift = 300
    }
    var e = Int(log10(a).rounded(.down))
    // n: the mantissa as an integer of `digits` digits, a ≈ n × 10^(e − digits + 1).
    var n = (a * pow10(digits - 1 - e)).rounded()
    if n >= pow10(digits) {
      e += 1
      n = (a * pow10(digits - 1 - e)).rounded()
    } else if n < pow10(digits - 1) {
      e -= 1
      n = (a * pow10(digits - 1 - e)).rounded()
    }
    if n >= pow10(digits) {
      e += 1
      n = (n / 10).rounded()
    }
    let mantissa = Int(n)
    e += shift
    if e >= -4 && e < 7 {
      return sign + decimal(mantissa, exponent: e - digits + 1)
    }
    let m = decimal(mantissa, exponent: 1 - digits)
    return sign + (m == "1" ? "" : m + "×") + "10" + superscript(e)
  }

  /// A smoothness class as readers see it: `C∞`, `C1`, `discontinuous`.
  public static func smoothness(_ c: Smoothness) -> String {
    c == .cInfinity ? "C∞" : c.rawValue
  }

  /// Text written for machines (claim details, identity reports) made
  /// reader-facing: every decimal number in it with a point or an exponent
  /// ("5.551115123125783e-17", "-25.0") through ``number(_:digits:)``, a
  /// leading "-" as a real minus, the words "inf" and "-inf" as ∞ and −∞,
  /// and "Cinf" as "C∞". Integers without a point ("1025 points", "z0")
  /// stay as they are.
  public static func text(_ s: String) -> String {
    var out = ""
    let chars = Array(s)
    var i = 0
    func isDigit(_ c: Character) -> Bool { c >= "0" && c <= "9" }
    while i < chars.count {
      let c = chars[i]
      let prev: Character? = i > 0 ? chars[i - 1] : nil
      let startsNumber = isDigit(c) || (c == "-" && i + 1 < chars.count && isDigit(chars[i + 1]))
      let glued = prev.map { $0.isLetter || isDigit($0) || $0 == "_" || $0 == "." } ?? false
      if startsNumber && !glued {
        var j = i + (c == "-" ? 1 : 0)
        while j < chars.count && isDigit(chars[j]) { j += 1 }
        var isReal = false
        if j + 1 < chars.count && chars[j] == "." && isDigit(chars[j + 1]) {
          isReal = true
          j += 1
          while j < chars.count && isDigit(chars[j]) { j += 1 }
        }
        if j < chars.count && (chars[j] == "e" || chars[j] == "E") {
          var k = j + 1
          if k < chars.count && (chars[k] == "-" || chars[k] == "+") { k += 1 }
          if k < chars.count && isDigit(chars[k]) {
            isReal = true
            j = k
            while j < chars.count && isDigit(chars[j]) { j += 1 }
          }
        }
        let token = String(chars[i..<j])
        let next: Character? = j < chars.count ? chars[j] : nil
        let gluedAfter = next.map { $0.isLetter || $0 == "_" } ?? false
        if isReal && !gluedAfter, let v = Double(token) {
          out += number(v)
        } else {
          out += token.hasPrefix("-") ? "−" + token.dropFirst() : token
        }
        i = j
        continue
      }
      // "inf" and "-inf" as a word: ∞ and −∞.
      var replaced = false
      for (word, symbol) in [("-inf", "−∞"), ("inf", "∞")] where !glued && !replaced {
        let w = Array(word)
        if i + w.count <= chars.count && Array(chars[i..<(i + w.count)]) == w
          && (i + w.count == chars.count || !(chars[i + w.count].isLetter || isDigit(chars[i + w.count])))
        {
          out += symbol
          i += w.count
          replaced = true
        }
      }
      if replaced { continue }
      if c == "C" && i + 3 < chars.count && String(chars[i...(i + 3)]) == "Cinf" && !glued
        && (i + 4 == chars.count || !(chars[i + 4].isLetter || isDigit(chars[i + 4])))
      {
        out += "C∞"
        i += 4
        continue
      }
      out.append(c)
      i += 1
    }
    return out
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

  static func trimmed(_ s: String) -> String {
    guard s.contains(".") else { return s }
    var t = s
    while t.hasSuffix("0") { t.removeLast() }
    if t.hasSuffix(".") { t.removeLast() }
    return t
  }

  // The digits themselves come from the charts' tick labels
  // (``TickFormatter``): one exact decimal writer, one table of powers of
  // ten, one set of superscript digits for the pages, the figures' labels
  // and their axes.

  /// 10^k as a Double (exact for |k| ≤ 22; beyond, the decimal parser
  /// rounds correctly).
  static func pow10(_ k: Int) -> Double { TickFormatter.scaled(1, k) }

  /// The exact decimal text of `n × 10^exponent` (n ≥ 0), trailing zeros
  /// after the point removed.
  static func decimal(_ n: Int, exponent: Int) -> String {
    trimmed(TickFormatter.decimal(n, exponent: exponent))
  }

  /// `e` in superscript digits, with the superscript minus: `⁻³⁰⁰`.
  static func superscript(_ e: Int) -> String { TickFormatter.superscript(e) }
}
