extension Formulas {
  /// The formulas of the multiclassLosses family, by id.
  static let multiclassLosses: [String: FunctionFormula] = [:]
}
