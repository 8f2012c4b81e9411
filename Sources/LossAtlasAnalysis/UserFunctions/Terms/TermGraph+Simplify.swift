/// The simplifying constructors: what derivatives are built with.
///
/// The rules are local and predictable, each applied when a node is made:
/// - constant folding, only where the Double result is exact (2 * 3 -> 6,
///   but 1 / 3 stays 1/3, so the printed formula and the wide arithmetic
///   keep the exact value);
/// - `0 + a`, `a + 0`, `a - 0` -> a; `0 - a` -> -a; `a - a` -> 0;
///   `a + (-b)` -> a - b; `a - (-b)` -> a + b;
/// - `0 * a`, `a * 0`, `0 / a` -> 0; `1 * a`, `a * 1`, `a / 1` -> a;
///   `-1 * a` -> -a; a constant factor moves to the front (x * 2 -> 2 x);
///   `c1 * (c2 * a)` -> (c1 c2) a when exact; signs move out of products
///   and quotients ((-a) b -> -(a b));
/// - `-(-a)` -> a; `a^1` -> a; `a^0` -> 1; `1^a` -> 1;
/// - `where(true, a, b)` -> a, `where(c, a, a)` -> a; comparisons and
///   logic of constants fold; `min(a, a)` -> a.
/// Derivatives are taken of finite functions, so `0 * a` -> 0 is the
/// mathematics (it is not applied to the user's formula, which is kept as
/// written).
extension TermGraph {
  public mutating func constant(_ v: Double) -> TermID { node(.constant(v)) }

  public mutating func add(_ a: TermID, _ b: TermID) -> TermID {
    if let x = constantValue(a), let y = constantValue(b), let s = Exact.sum(x, y) { return constant(s) }
    if isConstant(a, 0) { return b }
    if isConstant(b, 0) { return a }
    if case .negate = nodes[b].op { return subtract(a, nodes[b].children[0]) }
    if case .negate = nodes[a].op { return subtract(b, nodes[a].children[0]) }
    if let y = constantValue(b), y < 0 { return subtract(a, constant(-y)) }
    return node(.add, [a, b])
  }

  public mutating func subtract(_ a: TermID, _ b: TermID) -> TermID {
    if let x = constantValue(a), let y = constantValue(b), let s = Exact.sum(x, -y) { return constant(s) }
    if a == b { return constant(0) }
    if isConstant(b, 0) { return a }
    if isConstant(a, 0) { return negate(b) }
    if case .negate = nodes[b].op { return add(a, nodes[b].children[0]) }
    return node(.subtract, [a, b])
  }

  public mutating func multiply(_ a: TermID, _ b: TermID) -> TermID {
    if let x = constantValue(a), let y = constantValue(b), let p = Exact.product(x, y) { return constant(p) }
    if isConstant(a, 0) || isConstant(b, 0) { return constant(0) }
    if isConstant(a, 1) { return b }
    if isConstant(b, 1) { return a }
    if isConstant(a, -1) { return negate(b) }
    if isConstant(b, -1) { return negate(a) }
    if case .negate = nodes[a].op { return negate(multiply(nodes[a].children[0], b)) }
    if case .negate = nodes[b].op { return negate(multiply(a, nodes[b].children[0])) }
    if let x = constantValue(a), x < 0 { return negate(multiply(constant(-x), b)) }
    if let y = constantValue(b), y < 0 { return negate(multiply(a, constant(-y))) }
    if isNumber(b) && !isNumber(a) { return multiply(b, a) }
    // c1 * (c2 * a) -> (c1 c2) * a when c1 c2 is exact.
    if let x = constantValue(a), case .multiply = nodes[b].op, let y = constantValue(nodes[b].children[0]),
      let p = Exact.product(x, y)
    {
      return multiply(constant(p), nodes[b].children[1])
    }
    return node(.multiply, [a, b])
  }

  public mutating func divide(_ a: TermID, _ b: TermID) -> TermID {
    if let x = constantValue(a), let y = constantValue(b), let q = Exact.quotient(x, y) { return constant(q) }
    if isConstant(a, 0), !isConstant(b, 0) { return constant(0) }
    if isConstant(b, 1) { return a }
    if isConstant(b, -1) { return negate(a) }
    if case .negate = nodes[a].op { return negate(divide(nodes[a].children[0], b)) }
    if case .negate = nodes[b].op { return negate(divide(a, nodes[b].children[0])) }
    if let x = constantValue(a), x < 0 { return negate(divide(constant(-x), b)) }
    return node(.divide, [a, b])
  }

  public mutating func negate(_ a: TermID) -> TermID {
    if let x = constantValue(a) { return constant(-x) }
    if case .negate = nodes[a].op { return nodes[a].children[0] }
    return node(.negate, [a])
  }

  public mutating func power(_ a: TermID, _ b: TermID) -> TermID {
    if isConstant(b, 1) { return a }
    if isConstant(b, 0) || isConstant(a, 1) { return constant(1) }
    if let x = constantValue(a), let y = constantValue(b), let p = Exact.power(x, y) { return constant(p) }
    return node(.power, [a, b])
  }

  public mutating func apply(_ f: UnaryFunction, _ a: TermID) -> TermID {
    if let x = constantValue(a) {
      switch f {
      case .abs: return constant(Swift.abs(x))
      case .sign: return constant(x > 0 ? 1 : (x < 0 ? -1 : 0))
      case .exp where x == 0, .cos where x == 0, .cosh where x == 0: return constant(1)
      case .log where x == 1: return constant(0)
      case .expm1, .log1p, .sqrt, .sin, .tan, .tanh, .sinh, .atan, .erf:
        if x == 0 { return constant(0) }
      case .erfc where x == 0: return constant(1)
      default: break
      }
    }
    if f == .abs, case .function(.abs) = nodes[a].op { return a }
    return node(.function(f), [a])
  }

  public mutating func minimum(_ a: TermID, _ b: TermID) -> TermID {
    if a == b { return a }
    if let x = constantValue(a), let y = constantValue(b) { return constant(Swift.min(x, y)) }
    return node(.minimum, [a, b])
  }

  public mutating func maximum(_ a: TermID, _ b: TermID) -> TermID {
    if a == b { return a }
    if let x = constantValue(a), let y = constantValue(b) { return constant(Swift.max(x, y)) }
    return node(.maximum, [a, b])
  }

  /// where(condition, a, b)
  public mutating func select(_ condition: TermID, _ a: TermID, _ b: TermID) -> TermID {
    if case .boolean(let c) = nodes[condition].op { return c ? a : b }
    if a == b { return a }
    return node(.select, [condition, a, b])
  }

  public mutating func compare(_ op: Comparison, _ a: TermID, _ b: TermID) -> TermID {
    if let x = constantValue(a), let y = constantValue(b) { return node(.boolean(op.holds(x, y))) }
    return node(.compare(op), [a, b])
  }

  public mutating func and(_ a: TermID, _ b: TermID) -> TermID {
    if case .boolean(let x) = nodes[a].op { return x ? b : a }
    if case .boolean(let y) = nodes[b].op { return y ? a : b }
    return node(.and, [a, b])
  }

  public mutating func or(_ a: TermID, _ b: TermID) -> TermID {
    if case .boolean(let x) = nodes[a].op { return x ? a : b }
    if case .boolean(let y) = nodes[b].op { return y ? b : a }
    return node(.or, [a, b])
  }

  public mutating func not(_ a: TermID) -> TermID {
    if case .boolean(let x) = nodes[a].op { return node(.boolean(!x)) }
    return node(.not, [a])
  }

  /// Whether a node is a number known before any input (a constant, a literal, pi, e).
  func isNumber(_ id: TermID) -> Bool {
    switch nodes[id].op {
    case .constant, .literal, .pi, .euler: return true
    default: return false
    }
  }
}

/// Double operations whose result is exact (no rounding), for constant folding.
enum Exact {
  /// a + b when it is exact and finite.
  static func sum(_ a: Double, _ b: Double) -> Double? {
    let s = a + b
    guard s.isFinite, a.isFinite, b.isFinite else { return nil }
    // TwoSum: the rounding error of a + b.
    let bb = s - a
    let err = (a - (s - bb)) + (b - bb)
    return err == 0 ? s : nil
  }

  /// a * b when it is exact and finite.
  static func product(_ a: Double, _ b: Double) -> Double? {
    let p = a * b
    guard p.isFinite else { return nil }
    return (-p).addingProduct(a, b) == 0 ? p : nil
  }

  /// a / b when it is exact and finite (b != 0).
  static func quotient(_ a: Double, _ b: Double) -> Double? {
    guard b != 0 else { return nil }
    let q = a / b
    guard q.isFinite else { return nil }
    return (-a).addingProduct(q, b) == 0 ? q : nil
  }

  /// a^n for a small integer n >= 0 when every partial product is exact.
  static func power(_ a: Double, _ n: Double) -> Double? {
    guard n >= 0, n <= 64, n == n.rounded() else { return nil }
    var result = 1.0
    for _ in 0..<Int(n) {
      guard let p = product(result, a) else { return nil }
      result = p
    }
    return result
  }
}
