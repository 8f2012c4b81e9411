/// A user expression as written: the parser's tree, every node with the
/// range of source text it came from.
///
/// It keeps the user's own structure (a - b, not a + (-b); the order of
/// factors), so the manual prints the formula as written and errors point
/// at what the user typed. Meaning (which name is an argument, which call
/// is a catalog function) is given later, by ``TermBuilder``.
public struct Syntax: Sendable {
  public indirect enum Kind: Sendable {
    /// A decimal number with its text as written.
    case number(Double, text: String)
    /// A name: an argument, a parameter or a constant (pi, e, inf).
    case name(String)
    /// -a, +a
    case negate(Syntax)
    case plus(Syntax)
    case binary(BinaryOperator, Syntax, Syntax)
    /// f(a, b, name=c): a built-in or catalog function.
    case call(String, nameRange: SourceRange, [CallArgument])
    case compare(Comparison, Syntax, Syntax)
    case and(Syntax, Syntax)
    case or(Syntax, Syntax)
    case not(Syntax)
    /// ( a ): kept so that printing "as written" keeps the user's parentheses' meaning.
    case parenthesized(Syntax)
  }

  public let kind: Kind
  public let range: SourceRange
  /// The levels of the tree below and including this node (a leaf is 1; a
  /// chain a + b + c is 3 levels, as every operator nests the previous one).
  public let height: Int

  public init(_ kind: Kind, _ range: SourceRange) {
    self.kind = kind
    self.range = range
    let below: Int
    switch kind {
    case .number, .name: below = 0
    case .negate(let a), .plus(let a), .not(let a), .parenthesized(let a): below = a.height
    case .binary(_, let a, let b), .compare(_, let a, let b), .and(let a, let b), .or(let a, let b):
      below = max(a.height, b.height)
    case .call(_, _, let args): below = args.map(\.value.height).max() ?? 0
    }
    self.height = below + 1
  }
}

/// One argument of a call: positional, or `name=value`.
public struct CallArgument: Sendable {
  public let label: String?
  public let labelRange: SourceRange?
  public let value: Syntax
}

public enum BinaryOperator: String, Sendable {
  case add = "+", subtract = "-", multiply = "*", divide = "/", power = "^"
}

/// The comparisons `where` conditions use.
public enum Comparison: String, Sendable, Hashable, CaseIterable {
  case less = "<", lessOrEqual = "<=", greater = ">", greaterOrEqual = ">=", equal = "==", notEqual = "!="

  /// Whether the comparison holds for two Doubles (false when either is NaN, except !=).
  @inlinable
  public func holds(_ a: Double, _ b: Double) -> Bool {
    switch self {
    case .less: return a < b
    case .lessOrEqual: return a <= b
    case .greater: return a > b
    case .greaterOrEqual: return a >= b
    case .equal: return a == b
    case .notEqual: return a != b
    }
  }
}
