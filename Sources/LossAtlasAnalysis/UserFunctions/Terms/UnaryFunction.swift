import Foundation

/// The one-argument built-in functions of the expression grammar.
public enum UnaryFunction: String, Sendable, Hashable, CaseIterable {
  case exp, expm1, log, log1p, sqrt, abs, sign, sin, cos, tan, tanh, sinh, cosh, atan, erf, erfc

  /// The function in Double, as a user's code computes it (glibc's libm).
  /// sign(0) = 0 and sign(NaN) = NaN.
  @inlinable
  public func callAsFunction(_ x: Double) -> Double {
    switch self {
    case .exp: return Foundation.exp(x)
    case .expm1: return Foundation.expm1(x)
    case .log: return Foundation.log(x)
    case .log1p: return Foundation.log1p(x)
    case .sqrt: return x.squareRoot()
    case .abs: return Swift.abs(x)
    case .sign: return x > 0 ? 1 : (x < 0 ? -1 : (x == 0 ? 0 : .nan))
    case .sin: return Foundation.sin(x)
    case .cos: return Foundation.cos(x)
    case .tan: return Foundation.tan(x)
    case .tanh: return Foundation.tanh(x)
    case .sinh: return Foundation.sinh(x)
    case .cosh: return Foundation.cosh(x)
    case .atan: return Foundation.atan(x)
    case .erf: return Foundation.erf(x)
    case .erfc: return Foundation.erfc(x)
    }
  }
}

/// The names the grammar reserves: constants and keywords cannot name an
/// argument or a parameter.
public enum ReservedNames {
  public static let constants: Set<String> = ["pi", "e", "inf"]
  public static let keywords: Set<String> = ["and", "or", "not", "where"]
  /// Built-in functions besides the unary ones.
  public static let builtinFunctions: [String] = UnaryFunction.allCases.map(\.rawValue) + ["min", "max", "where"]
}
