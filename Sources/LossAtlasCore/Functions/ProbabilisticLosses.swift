/// The ProbabilisticLosses family of CATALOG.md, in catalog order.
enum ProbabilisticLosses {
  static let all: [FunctionSpec] = []
}
