/// Every node of a user expression evaluated in Double, op by op, as a
/// user's code computes the formula (catalog calls by the catalog's stable
/// implementation). Conditions hold 1 (true) or 0 (false).
///
/// The straightforward interpreter: the numerical-safety analysis reads
/// every intermediate value from it, and the tests hold the compiled
/// ``Program`` against it.
public struct DoubleTrace: Sendable {
  /// The value of each node, by id (NaN for nodes not needed).
  public let values: [Double]

  public init(_ e: UserExpression, arguments: [Double], parameters: [Double], roots: [TermID]? = nil) {
    let graph = e.graph
    let needed = roots ?? ([e.value] + e.gradient + e.hessian.flatMap { $0 })
    var v = [Double](repeating: .nan, count: graph.count)
    var calls: [[Int]: [Double]] = [:]
    for n in graph.topologicalOrder(needed) {
      let node = graph[n]
      let c = node.children
      switch node.op {
      case .argument(let i): v[n] = arguments[i]
      case .parameter(let i): v[n] = parameters[i]
      case .boolean(let b): v[n] = b ? 1 : 0
      case .compare(let op): v[n] = op.holds(v[c[0]], v[c[1]]) ? 1 : 0
      case .and: v[n] = (v[c[0]] != 0 && v[c[1]] != 0) ? 1 : 0
      case .or: v[n] = (v[c[0]] != 0 || v[c[1]] != 0) ? 1 : 0
      case .not: v[n] = v[c[0]] != 0 ? 0 : 1
      case .select: v[n] = v[c[0]] != 0 ? v[c[1]] : v[c[2]]
      case .catalog(let k, let output):
        let callee = graph.callees[k]
        let count = callee.argumentNames.count
        let key = [k] + c
        let outputs: [Double]
        if let cached = calls[key] {
          outputs = cached
        } else {
          let args = c.prefix(count).map { v[$0] }
          let params = c.dropFirst(count).map { v[$0] }
          let kernel = CatalogKernel.make(callee, parameters: Array(params), fixed: args.map { Optional($0) })
          var out = [Double](repeating: .nan, count: CatalogKernel.outputCount(arguments: count))
          args.withUnsafeBufferPointer { a in
            out.withUnsafeMutableBufferPointer { o in kernel.evaluate(a.baseAddress!, o.baseAddress!) }
          }
          calls[key] = out
          outputs = out
        }
        v[n] = outputs[CatalogKernel.outputIndex(output, arguments: count)]
      default:
        v[n] = DoubleOps.scalar(node.op, c.map { v[$0] }) ?? .nan
      }
    }
    self.values = v
  }
}

extension CatalogKernel {
  /// Where an output lies in a kernel's outputs.
  static func outputIndex(_ output: CatalogOutput, arguments k: Int) -> Int {
    switch output {
    case .value: return 0
    case .gradient(let i): return 1 + i
    case .hessian: return k + 1
    }
  }
}
