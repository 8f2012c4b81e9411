import LossAtlasCore

extension Strings {
  /// The words of piecewise formulas in this edition, from its strings
  /// table (`formula.cases.if`, `formula.cases.otherwise`: "if" and
  /// "otherwise" in English, 若 and 否则 in Chinese), so that a Chinese
  /// page's formulas hold no English words and keep their structure.
  public var caseWords: CaseWords {
    CaseWords(when: text("formula.cases.if"), otherwise: text("formula.cases.otherwise"))
  }
}
