extension Formulas {
  /// The formulas of the probabilisticLosses family, by id.
  static let probabilisticLosses: [String: FunctionFormula] = [:]
}
