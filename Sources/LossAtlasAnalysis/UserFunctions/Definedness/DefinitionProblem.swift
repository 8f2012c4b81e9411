import LossAtlasCore

/// A point inside a user function's declared domain (the real line when
/// none is given) where the function itself has no real value or is
/// infinite, as exact arithmetic decides it (``WideEvaluator``): log of a
/// negative number, 0/0, a division by an exact 0. Such a definition is
/// refused before (and, for points only the engine meets, after) any
/// analysis: a range, a monotonicity, a mean over the real line would be
/// false facts about a function that is not defined there.
///
/// An overflow is not a problem: exp(exp(x)) at x = 800 has a finite exact
/// value beyond the Double range, and the entry reports it as such.
public struct DefinitionProblem: Sendable, Equatable {
  public enum Kind: Sendable, Equatable {
    /// No real value (exact arithmetic: undefined).
    case noRealValue
    /// An exact infinity: a pole, log of 0, a division by an exact 0.
    case infinite
  }

  public let kind: Kind
  public let id: String
  public let file: String
  public let line: Int
  /// The formula as written.
  public let formula: String
  /// The swept argument, its value, and the other arguments' values.
  public let argument: String
  public let x: Double
  public let others: [(name: String, value: Double)]
  /// The parameters' values, when the function has any.
  public let parameters: [(name: String, value: Double)]
  public let domain: RealInterval
  /// Why, at the subexpression where it starts: "`1/x` divides by 0".
  public let cause: String
  /// A domain that excludes the problem, when the cause says it
  /// (log(x): (0, inf)); nil when only the user can know.
  public let suggestion: RealInterval?

  /// The same problem with no interval suggested.
  var withoutSuggestion: DefinitionProblem {
    DefinitionProblem(
      kind: kind, id: id, file: file, line: line, formula: formula, argument: argument, x: x, others: others,
      parameters: parameters, domain: domain, cause: cause, suggestion: nil)
  }

  public static func == (a: DefinitionProblem, b: DefinitionProblem) -> Bool {
    a.kind == b.kind && a.id == b.id && a.x.bitPattern == b.x.bitPattern && a.cause == b.cause
      && a.parameters.map(\.value) == b.parameters.map(\.value)
  }

  /// One line: `f.yaml:2: lg: log(x) has no real value at x = -1.0 (inside
  /// its domain, the real line): `log(x)` is the log of -1.0; declare where
  /// it is defined, e.g. domain: {x: '(0, inf)'}`.
  public var message: String {
    let what = kind == .noRealValue ? "has no real value" : "is infinite"
    var at = "\(argument) = \(formatValue(x))"
    let fixed = others + parameters
    if !fixed.isEmpty { at += " (" + fixed.map { "\($0.name) = \(formatValue($0.value))" }.joined(separator: ", ") + ")" }
    let inside = domain == .realLine ? "the real line" : domain.description
    let fix: String
    if let s = suggestion {
      fix = "declare where it is defined, e.g. domain: {\(argument): '\(s.description)'}"
    } else {
      fix = "declare where it is defined: domain: {\(argument): '(a, b)'} with an interval on which it has a real, finite value"
    }
    return "\(file):\(line): \(id): \(formula) \(what) at \(at) (inside its domain, \(inside)): \(cause); \(fix)"
  }
}
