/// A named quantity in a formula: a variable (x, r, p), a parameter (beta,
/// delta), an index (j, k) or a named constant (pi, lambda).
///
/// `name` is what evaluation looks up; `latex` and `mathml` are how the
/// manual prints it.
public struct Symbol: Sendable, Hashable {
  public let name: String
  public let latex: String
  /// A presentation-MathML fragment, e.g. `<mi>β</mi>`.
  public let mathml: String

  public init(_ name: String, latex: String, mathml: String) {
    self.name = name
    self.latex = latex
    self.mathml = mathml
  }

  /// A one-letter Latin variable: `x` prints as x in both.
  public static func latin(_ name: String) -> Symbol {
    Symbol(name, latex: name, mathml: "<mi>\(name)</mi>")
  }

  /// A Greek letter: `greek("beta", "β")` prints as \beta and β.
  public static func greek(_ name: String, _ letter: String) -> Symbol {
    Symbol(name, latex: "\\" + name, mathml: "<mi>\(letter)</mi>")
  }
}

/// Functions a formula may apply.
public enum MathFunction: String, Sendable, CaseIterable {
  case exp, log, tanh, cosh, sinh, erf, erfc, abs, sqrt, sign
  /// The logistic sigmoid sigma(x) = 1 / (1 + e^-x).
  case sigma
  /// The standard normal CDF Phi(x).
  case normalCDF
  /// The standard normal density phi(x).
  case normalPDF
  /// softplus(x) = log(1 + e^x).
  case softplus
  /// max(a, b, ...)
  case max
  /// min(a, b, ...)
  case min
  /// log sum_j e^(s_j) over a vector argument.
  case logSumExp
  /// e^x - 1, log(1 + x), and the circular functions (user formulas).
  case expm1, log1p, sin, cos, tan, atan
}

/// A condition in a piecewise formula.
public indirect enum Condition: Sendable {
  case less(Expr, Expr)
  case lessOrEqual(Expr, Expr)
  case greater(Expr, Expr)
  case greaterOrEqual(Expr, Expr)
  case equal(Expr, Expr)
  case notEqual(Expr, Expr)
  /// a < x < b (each end open unless said closed)
  case between(Expr, Expr, Expr, closedLower: Bool = false, closedUpper: Bool = false)
  case and([Condition])
  /// The last case: every input not covered above.
  case otherwise
}

/// A formula as a tree: the one source the manual prints (LaTeX for
/// Markdown, MathML for HTML) and the tests evaluate against the
/// implementation, so that a printed formula cannot drift from the code.
public indirect enum Expr: Sendable {
  case symbol(Symbol)
  /// The element of a vector symbol at an index symbol: s_j.
  case element(Symbol, index: Symbol)
  case number(Double)
  /// A named constant with its value (pi, lambda_SELU).
  case constant(Symbol, Double)
  case sum([Expr])
  case product([Expr])
  case negate(Expr)
  case difference(Expr, Expr)
  case fraction(Expr, Expr)
  case power(Expr, Expr)
  case apply(MathFunction, [Expr])
  /// Cases in order; the first whose condition holds gives the value.
  case cases([(Expr, Condition)])
  /// sum over an index j = 0...C-1 (optionally skipping j = `excluding`).
  case sumOver(Symbol, excluding: Symbol?, Expr)
  /// max over an index j = 0...C-1 (optionally skipping j = `excluding`).
  case maxOver(Symbol, excluding: Symbol?, Expr)
  /// The Kronecker delta: 1 if the two indices are equal, else 0.
  case kronecker(Symbol, Symbol)
  /// A quantity the formula names (r = yhat - y, p = sigma(z), j^*):
  /// printed as its symbol, evaluated by its definition, and listed once
  /// under the formulas as `symbol = definition`.
  case named(Symbol, Expr)
  /// The number C of elements of a vector symbol (the number of classes),
  /// printed as C.
  case count(Symbol)
  /// The indicator (Iverson bracket) of a condition: 1 if it holds, else 0.
  case indicator(Condition)
  /// The first index j = 0...C-1 (optionally skipping j = `excluding`)
  /// where the body is largest: min argmax, the tie rule printed with it.
  case argmaxOver(Symbol, excluding: Symbol?, Expr)
}

// MARK: - Building

extension Expr {
  public static func + (a: Expr, b: Expr) -> Expr {
    if case .sum(let xs) = a { return .sum(xs + [b]) }
    return .sum([a, b])
  }

  public static func - (a: Expr, b: Expr) -> Expr { .difference(a, b) }

  public static func * (a: Expr, b: Expr) -> Expr {
    if case .product(let xs) = a { return .product(xs + [b]) }
    return .product([a, b])
  }

  public static func / (a: Expr, b: Expr) -> Expr { .fraction(a, b) }

  public static prefix func - (a: Expr) -> Expr { .negate(a) }

  /// a^b
  public func pow(_ b: Expr) -> Expr { .power(self, b) }

  public static func n(_ v: Double) -> Expr { .number(v) }

  public static func exp(_ a: Expr) -> Expr { .apply(.exp, [a]) }
  public static func log(_ a: Expr) -> Expr { .apply(.log, [a]) }
  public static func tanh(_ a: Expr) -> Expr { .apply(.tanh, [a]) }
  public static func cosh(_ a: Expr) -> Expr { .apply(.cosh, [a]) }
  public static func erf(_ a: Expr) -> Expr { .apply(.erf, [a]) }
  public static func abs(_ a: Expr) -> Expr { .apply(.abs, [a]) }
  public static func sqrt(_ a: Expr) -> Expr { .apply(.sqrt, [a]) }
  public static func sign(_ a: Expr) -> Expr { .apply(.sign, [a]) }
  public static func sigma(_ a: Expr) -> Expr { .apply(.sigma, [a]) }
  public static func Phi(_ a: Expr) -> Expr { .apply(.normalCDF, [a]) }
  public static func phi(_ a: Expr) -> Expr { .apply(.normalPDF, [a]) }
  public static func softplus(_ a: Expr) -> Expr { .apply(.softplus, [a]) }
  public static func max(_ a: Expr, _ b: Expr) -> Expr { .apply(.max, [a, b]) }
  public static func min(_ a: Expr, _ b: Expr) -> Expr { .apply(.min, [a, b]) }

  /// A constant printed with the given decimal digits (the catalog's
  /// exact SELU constants) and evaluated as their nearest Double.
  public static func decimal(_ digits: String) -> Expr {
    .constant(Symbol(digits, latex: digits, mathml: "<mn>\(digits)</mn>"), Double(digits)!)
  }

  /// pi, printed as π.
  public static let pi = Expr.constant(Symbol("pi", latex: "\\pi", mathml: "<mi>π</mi>"), Double.pi)
}
