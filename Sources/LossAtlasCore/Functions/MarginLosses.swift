/// The MarginLosses family of CATALOG.md, in catalog order.
enum MarginLosses {
  static let all: [FunctionSpec] = []
}
