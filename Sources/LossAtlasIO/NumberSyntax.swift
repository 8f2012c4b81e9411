/// How a number is written where a person types it: on the command line
/// (`--arg x=V`, `--param delta=V`, `sweep --at`) and in claim files.
///
/// - a decimal: an optional sign, digits with an optional fraction, or a
///   fraction alone, and an optional exponent: `1`, `+1`, `-2.5`, `.5`,
///   `1.`, `6.02e23`, `-1E-8`;
/// - the words `inf`, `infinity` and `nan`, in any case, `inf` and
///   `infinity` with an optional sign: `inf`, `+Inf`, `-INFINITY`, `NaN`.
///
/// Nothing else (no hexadecimal, no `_` separators, no spaces inside).
/// NaN is read so that the check that follows can say which value is not
/// allowed and what is; no argument or parameter accepts it. JSON Lines
/// requests use JSON numbers, and the same words as strings (`"-inf"`,
/// `"NaN"`).
public enum NumberSyntax {
  /// The number `text` spells, or nil.
  public static func parse(_ text: String) -> Double? {
    if let v = nonFiniteWord(text) { return v }
    guard isDecimal(text) else { return nil }
    return Double(text)
  }

  /// `inf`, `+inf`, `-inf`, `infinity`, `+infinity`, `-infinity`, `nan`,
  /// in any case, as the Double they name.
  public static func nonFiniteWord(_ text: String) -> Double? {
    // The longest word is "+infinity"; anything longer is not one (and a
    // 10 MB string is not lowercased to find out).
    guard text.utf8.count <= 9 else { return nil }
    switch text.lowercased() {
    case "inf", "+inf", "infinity", "+infinity": return .infinity
    case "-inf", "-infinity": return -.infinity
    case "nan": return .nan
    default: return nil
    }
  }

  /// Whether `text` is an integer written without a fraction or exponent
  /// (`3`, `+3`, `-0`): the form a class index takes.
  public static func isIntegerLiteral(_ text: String) -> Bool {
    var bytes = text.utf8[...]
    if let first = bytes.first, first == UInt8(ascii: "+") || first == UInt8(ascii: "-") { bytes = bytes.dropFirst() }
    return !bytes.isEmpty && bytes.allSatisfy { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }
  }

  /// `[+-]? (digits ('.' digits?)? | '.' digits) ([eE] [+-]? digits)?`
  static func isDecimal(_ text: String) -> Bool {
    let bytes = Array(text.utf8)
    var i = 0
    func digits() -> Int {
      let start = i
      while i < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[i]) { i += 1 }
      return i - start
    }
    if i < bytes.count, bytes[i] == UInt8(ascii: "+") || bytes[i] == UInt8(ascii: "-") { i += 1 }
    var mantissa = digits()
    if i < bytes.count, bytes[i] == UInt8(ascii: ".") {
      i += 1
      mantissa += digits()
    }
    guard mantissa > 0 else { return false }
    if i < bytes.count, bytes[i] == UInt8(ascii: "e") || bytes[i] == UInt8(ascii: "E") {
      i += 1
      if i < bytes.count, bytes[i] == UInt8(ascii: "+") || bytes[i] == UInt8(ascii: "-") { i += 1 }
      guard digits() > 0 else { return false }
    }
    return i == bytes.count
  }
}
