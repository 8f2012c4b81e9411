/// The MulticlassLosses family of CATALOG.md, in catalog order.
enum MulticlassLosses {
  static let all: [FunctionSpec] = []
}
