import LossAtlasCore

/// The points of a user function's view where its formula switches piece:
/// where the argument of abs or sign is 0, where the two sides of a min, a
/// max or a comparison (where(), and, or) are equal, and where a catalog
/// call's argument crosses one of the catalog function's own breakpoints
/// (relu at 0, hard-tanh at -1 and 1).
///
/// These are the points the property engine examines for continuity (f, f'
/// and f'' left and right of each), as the catalog's declared breakpoints.
/// Each switching quantity g(x) (the difference of the two sides) is
/// evaluated in Double on 2,001 points of the plot range; every sign change
/// of g between neighbours is narrowed by bisection to adjacent Doubles,
/// and every grid point where g is exactly 0 is a breakpoint itself.
public enum ViewBreakpoints {
  /// One switching quantity: `left - right - offset`.
  struct Switch {
    let left: TermID
    let right: TermID?
    let offset: Double
  }

  /// The breakpoints of `definition`'s view at `parameters`, sorted, each once.
  public static func find(_ definition: UserFunctionDefinition, parameters: [Double]) -> [Double] {
    let e = definition.value
    let switches = self.switches(e, parameters: parameters, arguments: definition.viewArguments)
    guard !switches.isEmpty else { return [] }
    let over = e.differentiated[definition.viewIndex]
    let domain = definition.domain(of: definition.view.over)
    let roots = switches.flatMap { [$0.left] + ($0.right.map { [$0] } ?? []) }
    let base = definition.viewArguments
    func g(_ x: Double) -> [Double] {
      var args = base
      args[over] = x
      let v = DoubleTrace(e, arguments: args, parameters: parameters, roots: roots).values
      return switches.map { s in v[s.left] - (s.right.map { v[$0] } ?? 0) - s.offset }
    }
    let lo = definition.view.from
    let hi = definition.view.to
    let count = 2001
    let xs = (0..<count).map { i in i == count - 1 ? hi : lo + (hi - lo) * Double(i) / Double(count - 1) }
      .filter { domain.contains($0) }
    let values = xs.map(g)
    var found: [Double] = []
    for k in switches.indices {
      for i in xs.indices {
        let a = values[i][k]
        if a == 0 { found.append(xs[i]) }
        guard i + 1 < xs.count else { continue }
        let b = values[i + 1][k]
        guard a.isFinite, b.isFinite, (a < 0 && b > 0) || (a > 0 && b < 0) else { continue }
        // Bisection: keep g(l) on a's side and g(r) on b's.
        var l = xs[i]
        var r = xs[i + 1]
        while true {
          let m = l + (r - l) / 2
          if m <= l || m >= r { break }
          let gm = g(m)[k]
          if gm == 0 { l = m; r = m; break }
          if (gm < 0) == (a < 0) { l = m } else { r = m }
        }
        found.append(r)
      }
    }
    found.sort()
    var out: [Double] = []
    for x in found where out.last.map({ Swift.abs(x - $0) > 1e-12 * Swift.max(1, Swift.abs(x)) }) ?? true {
      out.append(x == 0 ? 0 : x)
    }
    return out
  }

  /// The switching quantities of the value's graph that depend on an argument.
  static func switches(_ e: UserExpression, parameters: [Double], arguments: [Double]) -> [Switch] {
    let graph = e.graph
    var out: [Switch] = []
    for n in graph.topologicalOrder([e.value]) where graph.dependsOnArguments(n) {
      let node = graph[n]
      let c = node.children
      switch node.op {
      case .function(.abs), .function(.sign):
        out.append(Switch(left: c[0], right: nil, offset: 0))
      case .minimum, .maximum, .compare:
        out.append(Switch(left: c[0], right: c[1], offset: 0))
      case .catalog(let k, .value):
        let callee = graph.callees[k]
        guard callee.argumentNames.count == 1 else { continue }
        // The callee's breakpoints at the call's parameters (fixed ones only).
        let params = c.dropFirst(1)
        guard params.allSatisfy({ !graph.dependsOnArguments($0) }) else { continue }
        let values = DoubleTrace(e, arguments: arguments, parameters: parameters, roots: Array(params)).values
        var given: [String: Double] = [:]
        for (name, node) in zip(callee.parameterNames, params) { given[name] = values[node] }
        guard let p = try? callee.spec.validateParameters(given) else { continue }
        for b in callee.spec.views(p)[0].breakpoints {
          out.append(Switch(left: c[0], right: nil, offset: b))
        }
      default:
        break
      }
    }
    return out
  }
}
