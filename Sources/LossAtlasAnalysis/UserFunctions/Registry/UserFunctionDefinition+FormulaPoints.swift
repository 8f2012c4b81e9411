import LossAtlasCore

/// f, f' and f'' of a user function's view at one input, twice: the
/// formula as written evaluated in Double, and the exact value rounded to
/// Double (wide arithmetic; nil where it does not decide).
public struct FormulaPoint: Sendable, Equatable {
  public let x: Double
  /// The formula as written, op by op in Double (``DoubleTrace``).
  public let double: Jet
  /// The exact value, derivative and second derivative rounded to Double;
  /// nil where the wide arithmetic does not decide (exp(1e300) is beyond
  /// its exponent range).
  public let exact: [Double?]
}

extension UserFunctionDefinition {
  /// The view (at `parameters`, the defaults when nil) at each input of
  /// `xs`: what `properties` prints at the extreme inputs, the Double
  /// result and the exact value side by side.
  public func formulaPoints(parameters: [Double]? = nil, at xs: [Double]) -> [FormulaPoint] {
    let params = parameters ?? defaultParameters
    let e = value
    let argument = e.differentiated[viewIndex]
    let roots = [e.value, e.gradient[viewIndex], e.hessian[viewIndex][viewIndex]]
    let fallback = ExactFallback(expression: e, parameters: params)
    return xs.map { x in
      var args = viewArguments
      args[argument] = x
      let t = DoubleTrace(e, arguments: args, parameters: params, roots: roots).values
      return FormulaPoint(
        x: x, double: Jet(value: t[roots[0]], d1: t[roots[1]], d2: t[roots[2]]),
        exact: fallback.exact(roots: roots, arguments: args))
    }
  }
}
