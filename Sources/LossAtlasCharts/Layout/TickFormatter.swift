// MARK: - TickFormatter

/// Tick labels that read cleanly.
///
/// - Labels are built from integers (`N * 10^e`), never from a Double's
///   shortest representation, so `0.1 + 0.2` cannot leak in.
/// - A negative label starts with the real minus sign U+2212; zero is never "-0".
/// - All labels of an axis share one number of decimals ("0.0 0.5 1.0").
/// - When the largest magnitude is at least 10⁶ or below 10⁻³, labels take a
///   common exponent: `2×10⁻⁶`, `1.5×10⁻⁶`; zero stays "0".
/// - Log axes label powers of ten as `10ⁿ` with superscript digits.
public enum TickFormatter {
  /// The minus sign used in every label (U+2212, not the hyphen-minus).
  public static let minus = "\u{2212}"

  /// Labels for the values `multiples[i] * 10^exponent`, one per value.
  public static func labels(multiples: [Int], exponent: Int) -> [String] {
    let maxAbs = multiples.map { $0.magnitude }.max() ?? 0
    guard maxAbs > 0 else { return multiples.map { _ in "0" } }
    let leading = String(maxAbs).count - 1 + exponent  // floor(log10) of the largest |value|
    if leading >= 6 || leading <= -4 {
      let shift = exponent - leading  // <= 0: digits after the point of the mantissa
      return multiples.map { n in
        n == 0 ? "0" : decimal(n, exponent: shift) + "×10" + superscript(leading)
      }
    }
    return multiples.map { decimal($0, exponent: exponent) }
  }

  /// Labels for arbitrary values (an axis override): the coarsest power of
  /// ten `10^e` that represents every value as an integer multiple (to a
  /// millionth of that unit) is chosen, then ``labels(multiples:exponent:)``.
  public static func labels(values: [Double]) -> [String] {
    let finite = values.filter { $0.isFinite }
    let maxAbs = finite.map { abs($0) }.max() ?? 0
    guard maxAbs > 0 else { return values.map { _ in "0" } }
    let top = floorLog10(maxAbs)
    var chosen = top - 14
    for e in stride(from: top, through: top - 14, by: -1) {
      let unit = scaled(1, e)
      let exact = finite.allSatisfy { v in
        let q = v / unit
        return abs(q - q.rounded()) < 1e-6
      }
      if exact {
        chosen = e
        break
      }
    }
    let unit = scaled(1, chosen)
    return labels(multiples: values.map { Int(($0 / unit).rounded()) }, exponent: chosen)
  }

  /// `10ⁿ` with superscript digits (`10⁰`, `10⁻³⁰`).
  public static func powerOfTen(_ n: Int) -> String { "10" + superscript(n) }

  /// `n` in superscript digits, with the superscript minus U+207B.
  public static func superscript(_ n: Int) -> String {
    let digits: [Character] = ["⁰", "¹", "²", "³", "⁴", "⁵", "⁶", "⁷", "⁸", "⁹"]
    let body = String(String(n.magnitude).map { digits[Int($0.asciiValue! - 48)] })
    return n < 0 ? "⁻" + body : body
  }

  /// The exact decimal text of `n * 10^exponent`, with `max(0, -exponent)`
  /// decimals (also the digits of the pages' numbers: Report's `Readable`).
  public static func decimal(_ n: Int, exponent: Int) -> String {
    var digits = String(n.magnitude)
    if exponent >= 0 {
      if n != 0 { digits += String(repeating: "0", count: exponent) }
    } else {
      let decimals = -exponent
      if digits.count <= decimals {
        digits = String(repeating: "0", count: decimals - digits.count + 1) + digits
      }
      digits.insert(".", at: digits.index(digits.endIndex, offsetBy: -decimals))
    }
    return n < 0 ? minus + digits : digits
  }

  /// The Double nearest to `n * 10^exponent`.
  ///
  /// Powers of ten up to 10²² are exact Doubles, so one multiplication or
  /// division is correctly rounded (`3 / 10` is the Double nearest 0.3,
  /// unlike `3 * 0.1`). Beyond that, Swift's decimal parser rounds correctly.
  public static func scaled(_ n: Int, _ exponent: Int) -> Double {
    if exponent >= 0 && exponent <= 22 { return Double(n) * exactPowers[exponent] }
    if exponent < 0 && exponent >= -22 { return Double(n) / exactPowers[-exponent] }
    return Double("\(n)e\(exponent)")!
  }

  private static let exactPowers: [Double] = (0...22).map { k in
    (0..<k).reduce(1.0) { acc, _ in acc * 10 }  // exact: every 10^k <= 10^22 fits 53 bits
  }
}
