extension Formulas {
  /// The formulas of the vectorActivations family, by id.
  static let vectorActivations: [String: FunctionFormula] = [:]
}
