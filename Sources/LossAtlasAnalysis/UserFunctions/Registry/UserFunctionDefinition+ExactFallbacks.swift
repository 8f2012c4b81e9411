import LossAtlasCore

/// One number of a user function's evaluation that the catalog entry
/// reports exactly because the formula as written is NaN or ±inf in Double
/// there (``ExactFallback``): `eval` says so beside the number.
public struct ExactFallbackComponent: Sendable, Equatable {
  public enum Part: Sendable, Equatable {
    case value
    /// d/dNAME
    case derivative(String)
    /// d²/dNAME², in the first differentiated argument.
    case secondDerivative(String)
  }

  public let part: Part
  /// The formula's own Double result: NaN, +inf or -inf.
  public let double: Double
  /// What the entry reports instead: the exact value rounded to Double.
  public let exact: Double
}

extension UserFunctionDefinition {
  /// The numbers of the catalog entry's evaluation at one point (value, the
  /// derivative in each differentiated argument, the second derivative in
  /// the first) that differ from the formula as written evaluated in
  /// Double: where DoubleTrace gives NaN or ±inf and the exact value
  /// (wide arithmetic) is another number. Empty where the formula's Double
  /// result is what the entry reports. Parameters missing from
  /// `parameters` take their defaults; arguments missing from `arguments`
  /// are 0.
  public func exactFallbacks(parameters: [String: Double], arguments: [String: Double]) -> [ExactFallbackComponent] {
    let params = self.parameters.map { parameters[$0.name] ?? $0.defaultValue }
    let args = self.arguments.map { arguments[$0] ?? 0 }
    let e = value
    // The same roots, in the same order, as the entry's `evaluate`.
    let roots = [e.value] + e.gradient + [e.hessian[0][0]]
    let doubles = DoubleTrace(e, arguments: args, parameters: params, roots: roots).values
    let formula = roots.map { doubles[$0] }
    let entry = ExactFallback(expression: e, parameters: params).repaired(formula, roots: roots, arguments: args)
    var parts: [ExactFallbackComponent.Part] = [.value]
    parts += differentiate.map { .derivative($0) }
    parts.append(.secondDerivative(differentiate[0]))
    return zip(parts, zip(formula, entry)).compactMap { part, pair in
      let (d, x) = pair
      guard !d.isFinite, !(d == x || (d.isNaN && x.isNaN)) else { return nil }
      return ExactFallbackComponent(part: part, double: d, exact: x)
    }
  }
}
