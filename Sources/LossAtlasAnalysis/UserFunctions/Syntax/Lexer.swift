/// Splits a user expression into tokens.
///
/// Numbers are decimal: digits with an optional fraction and exponent
/// (`2`, `0.5`, `.5`, `1e-3`, `6.02E+23`). Names are ASCII letters, digits
/// and `_`, starting with a letter or `_`. Anything else is an error that
/// names the character (and, for `**`, says to write `^`).
struct Lexer {
  let source: ExpressionSource
  private let scalars: [Unicode.Scalar]

  init(_ source: ExpressionSource) {
    self.source = source
    self.scalars = Array(source.text.unicodeScalars)
  }

  func tokens() throws(ExpressionError) -> [Token] {
    var out: [Token] = []
    var i = 0
    while i < scalars.count {
      let c = scalars[i]
      if c == " " || c == "\t" || c == "\n" || c == "\r" {
        i += 1
        continue
      }
      let start = i
      if isDigit(c) || (c == "." && i + 1 < scalars.count && isDigit(scalars[i + 1])) {
        out.append(try number(&i))
        continue
      }
      if isNameStart(c) {
        while i < scalars.count, isNameStart(scalars[i]) || isDigit(scalars[i]) { i += 1 }
        out.append(Token(kind: .name(text(start, i)), range: SourceRange(start, i)))
        continue
      }
      let next: Unicode.Scalar? = i + 1 < scalars.count ? scalars[i + 1] : nil
      let kind: TokenKind
      var width = 1
      switch c {
      case "+": kind = .plus
      case "-": kind = .minus
      case "*":
        if next == "*" {
          throw source.error("'**' is not an operator here; write powers with '^' (x^2)", at: SourceRange(i, i + 2))
        }
        kind = .star
      case "/": kind = .slash
      case "^": kind = .caret
      case "(": kind = .leftParen
      case ")": kind = .rightParen
      case ",": kind = .comma
      case "<":
        if next == "=" { kind = .lessOrEqual; width = 2 } else { kind = .less }
      case ">":
        if next == "=" { kind = .greaterOrEqual; width = 2 } else { kind = .greater }
      case "=":
        if next == "=" { kind = .equalEqual; width = 2 } else { kind = .equals }
      case "!":
        guard next == "=" else {
          throw source.error("unexpected '!'; write 'not' for negation and '!=' for inequality", at: SourceRange(i, i + 1))
        }
        kind = .notEqual
        width = 2
      case "&", "|":
        throw source.error("unexpected '\(c)'; write 'and' and 'or'", at: SourceRange(i, i + 1))
      default:
        throw source.error(
          "unexpected character '\(c)'; an expression holds numbers, names, + - * / ^ ( ) , and comparisons",
          at: SourceRange(i, i + 1))
      }
      i += width
      out.append(Token(kind: kind, range: SourceRange(start, i)))
    }
    out.append(Token(kind: .end, range: SourceRange(scalars.count, scalars.count)))
    return out
  }

  /// digits [. digits] [(e|E) [+|-] digits]
  private func number(_ i: inout Int) throws(ExpressionError) -> Token {
    let start = i
    while i < scalars.count, isDigit(scalars[i]) { i += 1 }
    if i < scalars.count, scalars[i] == "." {
      i += 1
      while i < scalars.count, isDigit(scalars[i]) { i += 1 }
    }
    if i < scalars.count, scalars[i] == "e" || scalars[i] == "E" {
      var j = i + 1
      if j < scalars.count, scalars[j] == "+" || scalars[j] == "-" { j += 1 }
      if j < scalars.count, isDigit(scalars[j]) {
        i = j
        while i < scalars.count, isDigit(scalars[i]) { i += 1 }
      } else {
        throw source.error("the exponent of a number needs digits (1e-3, 2E+5)", at: SourceRange(start, j))
      }
    }
    let written = text(start, i)
    let range = SourceRange(start, i)
    guard let value = Double(written) else {
      throw source.error("'\(written)' is not a number", at: range)
    }
    if value.isInfinite {
      throw source.error("the number \(written) is larger than any Double; write inf for infinity", at: range)
    }
    if value == 0 && written.contains(where: { ("1"..."9").contains($0) }) && !isZeroMantissa(written) {
      throw source.error("the number \(written) is smaller than any nonzero Double (it would read as 0)", at: range)
    }
    if i < scalars.count, isNameStart(scalars[i]) {
      throw source.error(
        "a number cannot be followed by a name; write the product with '*' (2*x, not 2x)", at: SourceRange(start, i + 1))
    }
    return Token(kind: .number(value, text: written), range: range)
  }

  /// Whether the digits before the exponent are all zeros (`0e5` is zero, `1e-400` is not).
  private func isZeroMantissa(_ written: String) -> Bool {
    let mantissa = written.split(whereSeparator: { $0 == "e" || $0 == "E" }).first ?? ""
    return mantissa.allSatisfy { $0 == "0" || $0 == "." }
  }

  private func text(_ a: Int, _ b: Int) -> String {
    var v = String.UnicodeScalarView()
    v.append(contentsOf: scalars[a..<b])
    return String(v)
  }

  private func isDigit(_ c: Unicode.Scalar) -> Bool { c >= "0" && c <= "9" }
  private func isNameStart(_ c: Unicode.Scalar) -> Bool {
    (c >= "a" && c <= "z") || (c >= "A" && c <= "Z") || c == "_"
  }
}
