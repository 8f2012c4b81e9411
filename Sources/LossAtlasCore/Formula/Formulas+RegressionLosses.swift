extension Formulas {
  /// The formulas of the regressionLosses family, by id.
  static let regressionLosses: [String: FunctionFormula] = [:]
}
