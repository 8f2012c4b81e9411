extension FunctionSpec {
  /// An `evaluate` closure for a function whose value and derivative come
  /// from one scalar jet in the prediction argument `argument`, the other
  /// arguments (if any) read by `jet` once per evaluation.
  ///
  /// `jet(p, a)` returns the scalar function of the prediction argument with
  /// the remaining arguments fixed; the result reports f, f' (as the
  /// gradient in `argument`) and f''.
  public static func scalarEvaluator(
    _ argument: String,
    _ jet: @escaping @Sendable (ParameterValues, ArgumentValues) -> @Sendable (Double) -> Jet
  ) -> @Sendable (ParameterValues, ArgumentValues) throws(CatalogError) -> Evaluation {
    { p, a in
      let j = jet(p, a)(a.real(argument))
      return Evaluation(
        value: .scalar(j.value), gradient: [NamedTensor(argument, .scalar(j.d1))], secondDerivative: j.d2)
    }
  }
}

extension ArgumentSpec {
  /// The input x of a scalar activation.
  public static let activationInput = ArgumentSpec(name: "x", summary: "the pre-activation input")
}
