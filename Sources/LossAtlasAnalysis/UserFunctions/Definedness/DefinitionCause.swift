import LossAtlasCore

/// Where a user function's missing or infinite value starts: the first
/// subexpression, walking down from the value through the operands that
/// are themselves undefined or infinite (of a where(), the branch its
/// condition selects in Double), whose own operands are all finite.
struct DefinitionCause {
  let expression: UserExpression
  /// The exact balls of every node the value needs, by node id.
  let balls: [Ball?]
  let arguments: [Double]
  let parameters: [Double]
  /// The index of the swept argument.
  let argument: Int

  static func isProblem(_ s: Ball.State) -> Bool {
    s == .undefined || s == .positiveInfinity || s == .negativeInfinity
  }

  private func bad(_ n: TermID) -> Bool { balls[n].map { DefinitionCause.isProblem($0.state) } ?? false }

  /// The node where the problem starts.
  func origin() -> TermID {
    let graph = expression.graph
    let trace = DoubleTrace(expression, arguments: arguments, parameters: parameters, roots: [expression.value]).values
    var n = expression.value
    while true {
      let c = graph[n].children
      let operands: [TermID]
      if case .select = graph[n].op {
        operands = [trace[c[0]] != 0 ? c[1] : c[2]]
      } else {
        operands = c.filter { !graph.isCondition($0) }
      }
      guard let next = operands.first(where: bad) else { return n }
      n = next
    }
  }

  private func text(_ n: TermID) -> String { expression.sourceText(of: n) ?? expression.plainText(n) }

  private func number(_ n: TermID) -> String { balls[n].map { formatValue($0.double) } ?? "?" }

  /// "`1/x` divides by 0", "`log(x)` is the log of -1.0", "`abs(x)/x` is 0/0".
  func describe(_ n: TermID) -> String {
    let graph = expression.graph
    let c = graph[n].children
    let t = "`\(text(n))`"
    switch graph[n].op {
    case .divide:
      return balls[c[0]]?.isExactZero == true ? "\(t) is 0/0" : "\(t) divides by 0"
    case .function(let f):
      return "\(t) is \(f.rawValue) of \(number(c[0]))"
    case .power:
      return "\(t) is \(number(c[0])) to the power \(number(c[1]))"
    case .infinity:
      return "it is the constant inf there"
    default:
      let state = balls[n]?.state
      return state == .undefined ? "\(t) has no real value there" : "\(t) is infinite there"
    }
  }

  /// A domain for the swept argument that excludes the problem, when the
  /// origin is a log, log1p, sqrt or a division applied to the argument
  /// itself; nil otherwise.
  func suggestion(_ n: TermID) -> RealInterval? {
    let graph = expression.graph
    let c = graph[n].children
    let operand = c.count == 1 ? c[0] : (c.count == 2 ? c[1] : -1)
    guard operand >= 0, case .argument(let i) = graph[operand].op, i == argument else { return nil }
    switch graph[n].op {
    case .function(.log): return RealInterval(0, .infinity, lowerClosed: false, upperClosed: false)
    case .function(.sqrt): return RealInterval(0, .infinity, lowerClosed: true, upperClosed: false)
    case .function(.log1p): return RealInterval(-1, .infinity, lowerClosed: false, upperClosed: false)
    case .divide: return RealInterval(0, .infinity, lowerClosed: false, upperClosed: false)
    default: return nil
    }
  }
}
