/// A recursive-descent parser for the user-expression grammar (issue 11):
///
/// ```
/// expression  := or
/// or          := and ("or" and)*
/// and         := not ("and" not)*
/// not         := "not" not | comparison
/// comparison  := additive [("<" | "<=" | ">" | ">=" | "==" | "!=") additive]
/// additive    := term (("+" | "-") term)*
/// term        := unary (("*" | "/") unary)*
/// unary       := ("-" | "+") unary | power
/// power       := primary ["^" exponent]          -- right-associative
/// exponent    := ("-" | "+") exponent | power     -- 2^-x is 2^(-x)
/// primary     := number | name | name "(" [argument ("," argument)*] ")" | "(" expression ")"
/// argument    := name "=" expression | expression
/// ```
///
/// `^` binds tighter than unary minus: `-x^2` is -(x^2), and `2^3^2` is
/// 2^(3^2). A comparison is not associative (`a < b < c` is an error).
/// Limits keep a hostile expression from exhausting the stack or memory:
/// a tree at most ``maximumDepth`` levels high (every operator of a chain
/// a + b + c ... counts as a level, as do parentheses, calls and signs: the
/// later stages walk the tree recursively) and at most ``maximumNodes`` nodes.
public struct Parser {
  /// Nesting deeper than this is refused (parentheses, calls, unary signs, powers).
  public static let maximumDepth = 200
  /// Expressions with more nodes than this are refused.
  public static let maximumNodes = 10_000

  let source: ExpressionSource
  private var tokens: [Token] = []
  private var position = 0
  private var depth = 0
  private var nodes = 0

  init(_ source: ExpressionSource) {
    self.source = source
  }

  /// Parses a whole expression.
  ///
  /// - Throws: ``ExpressionError`` at the first token that does not fit the
  ///   grammar, or when a limit is exceeded.
  public static func parse(_ source: ExpressionSource) throws(ExpressionError) -> Syntax {
    var parser = Parser(source)
    parser.tokens = try Lexer(source).tokens()
    if case .end = parser.tokens[0].kind {
      throw source.error("the expression is empty", at: SourceRange(0, 0))
    }
    let tree = try parser.expression()
    guard case .end = parser.current.kind else {
      throw parser.unexpected("after a complete expression")
    }
    return tree
  }

  // MARK: - Grammar

  private mutating func expression() throws(ExpressionError) -> Syntax {
    try enter(current.range)
    defer { depth -= 1 }
    return try or()
  }

  private mutating func or() throws(ExpressionError) -> Syntax {
    var left = try and()
    while isKeyword("or") {
      advance()
      let right = try and()
      left = try node(.or(left, right), left.range.union(right.range))
    }
    return left
  }

  private mutating func and() throws(ExpressionError) -> Syntax {
    var left = try not()
    while isKeyword("and") {
      advance()
      let right = try not()
      left = try node(.and(left, right), left.range.union(right.range))
    }
    return left
  }

  private mutating func not() throws(ExpressionError) -> Syntax {
    if isKeyword("not") {
      let start = current.range
      advance()
      try enter(start)
      defer { depth -= 1 }
      let operand = try not()
      return try node(.not(operand), start.union(operand.range))
    }
    return try comparison()
  }

  private mutating func comparison() throws(ExpressionError) -> Syntax {
    let left = try additive()
    guard let op = comparisonOperator(current.kind) else { return left }
    advance()
    let right = try additive()
    if comparisonOperator(current.kind) != nil {
      throw source.error(
        "comparisons do not chain; write 'a < b and b < c' instead of 'a < b < c'", at: current.range)
    }
    return try node(.compare(op, left, right), left.range.union(right.range))
  }

  private mutating func additive() throws(ExpressionError) -> Syntax {
    var left = try term()
    while true {
      let op: BinaryOperator
      switch current.kind {
      case .plus: op = .add
      case .minus: op = .subtract
      default: return left
      }
      advance()
      let right = try term()
      left = try node(.binary(op, left, right), left.range.union(right.range))
    }
  }

  private mutating func term() throws(ExpressionError) -> Syntax {
    var left = try unary()
    while true {
      let op: BinaryOperator
      switch current.kind {
      case .star: op = .multiply
      case .slash: op = .divide
      case .name(let word) where ["and", "or", "not"].contains(word):
        return left
      case .number, .name, .leftParen:
        throw source.error(
          "expected an operator before \(current.kind.shown); write products with '*'", at: current.range)
      default: return left
      }
      advance()
      let right = try unary()
      left = try node(.binary(op, left, right), left.range.union(right.range))
    }
  }

  private mutating func unary() throws(ExpressionError) -> Syntax {
    switch current.kind {
    case .minus, .plus:
      let sign = current
      advance()
      try enter(sign.range)
      defer { depth -= 1 }
      let operand = try unary()
      let range = sign.range.union(operand.range)
      return try node(sign.kind == .minus ? .negate(operand) : .plus(operand), range)
    default:
      return try power()
    }
  }

  private mutating func power() throws(ExpressionError) -> Syntax {
    let base = try primary()
    guard case .caret = current.kind else { return base }
    advance()
    try enter(base.range)
    defer { depth -= 1 }
    let exponent = try exponent()
    return try node(.binary(.power, base, exponent), base.range.union(exponent.range))
  }

  private mutating func exponent() throws(ExpressionError) -> Syntax {
    switch current.kind {
    case .minus, .plus:
      let sign = current
      advance()
      try enter(sign.range)
      defer { depth -= 1 }
      let operand = try exponent()
      return try node(sign.kind == .minus ? .negate(operand) : .plus(operand), sign.range.union(operand.range))
    default:
      return try power()
    }
  }

  private mutating func primary() throws(ExpressionError) -> Syntax {
    let token = current
    switch token.kind {
    case .number(let v, let text):
      advance()
      return try node(.number(v, text: text), token.range)
    case .name(let name):
      if ["and", "or", "not"].contains(name) {
        throw source.error("expected a value before '\(name)'", at: token.range)
      }
      advance()
      guard case .leftParen = current.kind else { return try node(.name(name), token.range) }
      advance()
      try enter(token.range)
      defer { depth -= 1 }
      var arguments: [CallArgument] = []
      if case .rightParen = current.kind {
        // f(): an empty argument list, reported by the arity check with the function's signature.
      } else {
        while true {
          arguments.append(try argument())
          if case .comma = current.kind {
            advance()
            continue
          }
          break
        }
      }
      guard case .rightParen = current.kind else {
        throw unexpected("in the arguments of \(name)(...); expected ',' or ')'")
      }
      let close = current.range
      advance()
      return try node(.call(name, nameRange: token.range, arguments), token.range.union(close))
    case .leftParen:
      advance()
      let inner = try expression()
      guard case .rightParen = current.kind else {
        throw unexpected("; expected ')' to close the '(' at column \(source.position(token.range.start).column)")
      }
      let close = current.range
      advance()
      return try node(.parenthesized(inner), token.range.union(close))
    case .end:
      throw source.error("the expression ends where a value is expected", at: token.range)
    default:
      throw unexpected("where a value is expected")
    }
  }

  private mutating func argument() throws(ExpressionError) -> CallArgument {
    if case .name(let label) = current.kind, position + 1 < tokens.count, case .equals = tokens[position + 1].kind {
      let labelRange = current.range
      advance()
      advance()
      return CallArgument(label: label, labelRange: labelRange, value: try expression())
    }
    if case .equals = current.kind {
      throw source.error("'=' names a parameter (slope=0.2); write '==' to compare", at: current.range)
    }
    return CallArgument(label: nil, labelRange: nil, value: try expression())
  }

  // MARK: - Helpers

  private var current: Token { tokens[position] }

  private mutating func advance() {
    if position < tokens.count - 1 { position += 1 }
  }

  private func isKeyword(_ word: String) -> Bool {
    if case .name(word) = current.kind { return true }
    return false
  }

  private func comparisonOperator(_ kind: TokenKind) -> Comparison? {
    switch kind {
    case .less: return .less
    case .lessOrEqual: return .lessOrEqual
    case .greater: return .greater
    case .greaterOrEqual: return .greaterOrEqual
    case .equalEqual: return .equal
    case .notEqual: return .notEqual
    case .equals:
      return nil
    default: return nil
    }
  }

  private mutating func enter(_ range: SourceRange) throws(ExpressionError) {
    depth += 1
    if depth > Parser.maximumDepth {
      throw source.error("the expression is nested more than \(Parser.maximumDepth) levels deep", at: range)
    }
  }

  private mutating func node(_ kind: Syntax.Kind, _ range: SourceRange) throws(ExpressionError) -> Syntax {
    nodes += 1
    if nodes > Parser.maximumNodes {
      throw source.error("the expression has more than \(Parser.maximumNodes) nodes", at: range)
    }
    let s = Syntax(kind, range)
    if s.height > Parser.maximumDepth {
      throw source.error(
        "the expression is nested more than \(Parser.maximumDepth) levels deep (each operator of a chain is a level)", at: range)
    }
    return s
  }

  private func unexpected(_ context: String) -> ExpressionError {
    if case .equals = current.kind {
      return source.error("unexpected '='; write '==' to compare (a single '=' names a parameter in a call)", at: current.range)
    }
    let space = context.hasPrefix(";") ? "" : " "
    return source.error("unexpected \(current.kind.shown)\(space)\(context)", at: current.range)
  }
}
