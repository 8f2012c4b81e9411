import Foundation

/// The Double value of a node that depends on neither argument nor
/// parameter (for checks when the expression is read: a division by a
/// constant zero, a catalog parameter outside its range).
enum ConstantEvaluation {
  static func value(_ graph: TermGraph, _ root: TermID) -> Double? {
    let d = graph.dependence(root)
    guard !d.arguments, !d.parameters, !graph.isCondition(root) else { return nil }
    var values: [TermID: Double] = [:]
    var conditions: [TermID: Bool] = [:]
    for n in graph.topologicalOrder([root]) {
      let node = graph[n]
      let x = node.children.map { values[$0] ?? .nan }
      switch node.op {
      case .boolean(let b): conditions[n] = b
      case .compare(let op): conditions[n] = op.holds(x[0], x[1])
      case .and: conditions[n] = (conditions[node.children[0]] ?? false) && (conditions[node.children[1]] ?? false)
      case .or: conditions[n] = (conditions[node.children[0]] ?? false) || (conditions[node.children[1]] ?? false)
      case .not: conditions[n] = !(conditions[node.children[0]] ?? false)
      case .select: values[n] = (conditions[node.children[0]] ?? false) ? x[1] : x[2]
      default:
        guard let v = DoubleOps.scalar(node.op, x) else { return nil }
        values[n] = v
      }
    }
    return values[root]
  }

  /// The first node of `graph` (children have smaller ids) that depends on
  /// neither argument nor parameter and is NaN in Double while none of its
  /// operands is: `inf - inf`, `0 * inf`, `log(-1)`, `(-8)^(1/3)`. Such a
  /// formula is NaN wherever that part is used, so it is refused when read
  /// rather than reported later as a NaN of LossAtlas's.
  static func firstNaN(_ graph: TermGraph) -> TermID? {
    var values: [Double?] = []
    values.reserveCapacity(graph.count)
    for n in 0..<graph.count {
      let node = graph[n]
      let operands = node.children.map { values[$0] }
      guard !operands.contains(where: { $0 == nil }),
        let v = DoubleOps.scalar(node.op, operands.map { $0! })
      else {
        values.append(nil)
        continue
      }
      if v.isNaN && !operands.contains(where: { $0!.isNaN }) { return n }
      values.append(v)
    }
    return nil
  }
}

/// The Double meaning of each numeric operation, shared by the compiled
/// program and the checks: what a user's code computes, op by op.
enum DoubleOps {
  /// The value of a numeric op of Double operands; nil for ops that need
  /// more (arguments, parameters, catalog calls, conditions).
  static func scalar(_ op: TermOp, _ x: [Double]) -> Double? {
    switch op {
    case .constant(let v): return v
    case .literal(let text): return Double(text)
    case .pi: return Double.pi
    case .euler: return M_E
    case .infinity: return .infinity
    case .add: return x[0] + x[1]
    case .subtract: return x[0] - x[1]
    case .multiply: return x[0] * x[1]
    case .divide: return x[0] / x[1]
    case .negate: return -x[0]
    case .power: return Foundation.pow(x[0], x[1])
    case .function(let f): return f(x[0])
    case .minimum: return minimum(x[0], x[1])
    case .maximum: return maximum(x[0], x[1])
    default: return nil
    }
  }

  /// min, NaN if either is NaN.
  @inlinable static func minimum(_ a: Double, _ b: Double) -> Double {
    if a.isNaN || b.isNaN { return .nan }
    return a <= b ? a : b
  }

  /// max, NaN if either is NaN.
  @inlinable static func maximum(_ a: Double, _ b: Double) -> Double {
    if a.isNaN || b.isNaN { return .nan }
    return a >= b ? a : b
  }
}
