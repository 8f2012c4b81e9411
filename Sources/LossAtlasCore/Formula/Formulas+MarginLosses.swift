extension Formulas {
  /// The formulas of the marginLosses family, by id.
  static let marginLosses: [String: FunctionFormula] = [:]
}
