import LossAtlasCore

extension UserFunctionDefinition {
  /// The problem at `x` in the view (the other arguments at the view's
  /// values), at `parameters`, if exact arithmetic says the function has no
  /// real value there (state `undefined`) or is infinite (an exact ±inf);
  /// nil when the value is finite, beyond the Double range (an overflow) or
  /// undecided at 512 bits. 128 bits first, 512 when undecided (as
  /// ``ExactFallback``).
  public func problem(at x: Double, parameters: [Double]) -> DefinitionProblem? {
    var args = viewArguments
    args[arguments.firstIndex(of: view.over)!] = x
    let wide = WideEvaluator(expression: value)
    var balls = wide.evaluate(arguments: args, parameters: parameters, roots: [value.value], precision: 128)
    if balls[value.value]?.state == .unknown {
      balls = wide.evaluate(arguments: args, parameters: parameters, roots: [value.value], precision: 512)
    }
    guard let state = balls[value.value]?.state, DefinitionCause.isProblem(state) else { return nil }
    let cause = DefinitionCause(expression: value, balls: balls, arguments: args, parameters: parameters, argument: arguments.firstIndex(of: view.over)!)
    let origin = cause.origin()
    return DefinitionProblem(
      kind: state == .undefined ? .noRealValue : .infinite, id: id, file: file, line: line,
      formula: value.source.text, argument: view.over, x: x,
      others: arguments.filter { $0 != view.over }.map { ($0, view.at[$0] ?? 0) },
      parameters: zip(self.parameters, parameters).map { ($0.name, $1) }, domain: domain(of: view.over),
      cause: cause.describe(origin), suggestion: cause.suggestion(origin))
  }
}
