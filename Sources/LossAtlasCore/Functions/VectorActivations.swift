/// The VectorActivations family of CATALOG.md, in catalog order.
enum VectorActivations {
  static let all: [FunctionSpec] = []
}
