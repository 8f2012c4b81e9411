/// One token of a user expression.
enum TokenKind: Equatable, Sendable {
  /// A decimal number; `text` is as written (the exact value the wide arithmetic uses).
  case number(Double, text: String)
  /// A name: an argument, a parameter, a constant, a function, `and`, `or`, `not`.
  case name(String)
  case plus, minus, star, slash, caret
  case leftParen, rightParen, comma, equals
  case less, lessOrEqual, greater, greaterOrEqual, equalEqual, notEqual
  case end
}

struct Token: Sendable {
  let kind: TokenKind
  let range: SourceRange
}

extension TokenKind {
  /// How the token reads in an error message.
  var shown: String {
    switch self {
    case .number(_, let text): return "'\(text)'"
    case .name(let n): return "'\(n)'"
    case .plus: return "'+'"
    case .minus: return "'-'"
    case .star: return "'*'"
    case .slash: return "'/'"
    case .caret: return "'^'"
    case .leftParen: return "'('"
    case .rightParen: return "')'"
    case .comma: return "','"
    case .equals: return "'='"
    case .less: return "'<'"
    case .lessOrEqual: return "'<='"
    case .greater: return "'>'"
    case .greaterOrEqual: return "'>='"
    case .equalEqual: return "'=='"
    case .notEqual: return "'!='"
    case .end: return "the end of the expression"
    }
  }
}
