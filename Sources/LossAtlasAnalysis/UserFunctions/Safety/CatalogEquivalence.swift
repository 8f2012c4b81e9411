import LossAtlasCore

/// Catalog functions that compute the same mathematics as a user formula:
/// equal to 1e-9 relative (and 1e-300 absolute) at every test point, the
/// user's side computed exactly (ball arithmetic, at its exact decimals),
/// the catalog's by its stable implementation (within a few ulps).
///
/// Candidates: every scalar catalog function with as many arguments, the
/// arguments in the user's order, at its default parameters and every value
/// of its parameter grid (one parameter varied at a time). Test points: 14
/// values of the view's argument spread over [-30, 30] (inside the domain),
/// the other arguments at their view values; at least 8 must have a value.
enum CatalogEquivalence {
  static let testInputs: [Double] = [-30, -12.5, -5, -2.25, -1, -0.4, -0.05, 0.03, 0.35, 0.9, 1.7, 4.5, 11, 27]

  static func find(
    _ expression: UserExpression, parameters: [Double], arguments: [Double], differentiatedIndex k: Int,
    domain: RealInterval
  ) -> [CatalogEquivalent] {
    let view = expression.differentiated[k]
    let wide = WideEvaluator(expression: expression)
    var points: [(args: [Double], exact: Ball)] = []
    for x in testInputs where domain.contains(x) {
      var args = arguments
      args[view] = x
      let (balls, _) = wide.evaluate(arguments: args, parameters: parameters, roots: [expression.value]) { b in
        let v = b[expression.value] ?? .unknown
        return v.state != .unknown && (!v.isFinite || v.rad < Magnitude.power(-80) * v.mid.upperMagnitude + Magnitude(1e-300))
      }
      let v = balls[expression.value] ?? .unknown
      if v.isFinite { points.append((args, v)) }
    }
    guard points.count >= 8 else { return [] }
    var found: [CatalogEquivalent] = []
    for spec in Catalog.all {
      guard let callee = CatalogCallee(spec), callee.argumentNames.count == expression.arguments.count else { continue }
      for candidate in parameterChoices(spec) {
        guard let values = try? spec.validateParameters(candidate) else { continue }
        let matches = points.allSatisfy { point in
          var a: [String: ArgumentValue] = [:]
          for (i, name) in callee.argumentNames.enumerated() { a[name] = .real(point.args[i]) }
          guard let validated = try? spec.validateArguments(a), let e = try? spec.evaluate(values, validated),
            let v = e.value.scalarValue, v.isFinite
          else { return false }
          return SafetyProbe.status(v, point.exact) == .pass && close(v, point.exact)
        }
        if matches {
          let nonDefault = candidate.filter { name, value in spec.parameters.first { $0.name == name }?.defaultValue != value }
          let args = expression.arguments.joined(separator: ", ")
          let params = nonDefault.keys.sorted().map { ", \($0)=\(formatBound(nonDefault[$0]!))" }.joined()
          found.append(CatalogEquivalent(id: spec.id, parameters: nonDefault, call: "\(callee.callName)(\(args)\(params))"))
          break
        }
      }
    }
    return found
  }

  /// Within 1e-9 relative (or 1e-300 absolute).
  private static func close(_ v: Double, _ exact: Ball) -> Bool {
    let w = WideArithmetic(precision: 256)
    let diff = w.subtract(Ball(v), exact)
    let tolerance = Magnitude.max(Magnitude(1e-9) * exact.upperMagnitude, Magnitude(1e-300))
    return diff.upperMagnitude <= tolerance
  }

  /// The defaults, then each grid value of each parameter with the others at their defaults.
  private static func parameterChoices(_ spec: FunctionSpec) -> [[String: Double]] {
    let defaults = Dictionary(uniqueKeysWithValues: spec.parameters.map { ($0.name, $0.defaultValue) })
    var out = [defaults]
    for p in spec.parameters {
      for v in p.grid where v != p.defaultValue {
        var c = defaults
        c[p.name] = v
        out.append(c)
      }
    }
    return out
  }
}
