/// The RegressionLosses family of CATALOG.md, in catalog order.
enum RegressionLosses {
  static let all: [FunctionSpec] = []
}
