import LossAtlasCore

/// A catalog call evaluated in Double: its value, its derivative in each
/// argument and its second derivative in the prediction argument, from the
/// catalog's stable implementation.
///
/// Outputs are written as `[value, d/darg_0, ..., d/darg_(k-1), d2]`, a
/// derivative in an argument the catalog does not differentiate in being
/// NaN (the differentiator never asks for one). An input outside the catalog
/// function's domain (p = 1.5 for bce, y = 0.3 for hinge) gives NaN outputs:
/// the catalog refuses it, and so does the user function there.
struct CatalogKernel: @unchecked Sendable {
  /// Number of outputs for a function of `k` arguments.
  static func outputCount(arguments k: Int) -> Int { k + 2 }

  let evaluate: @Sendable (UnsafePointer<Double>, UnsafeMutablePointer<Double>) -> Void
  /// Whether the kernel is the catalog's scalar closure (no allocation per
  /// point) rather than its general evaluator.
  let isFast: Bool

  /// The kernel for a call of `callee` at `parameters` (in the catalog's
  /// order). `fixed` holds, for each argument, its value when it is the same
  /// at every point (nil when it varies); the fast path applies when every
  /// argument but the prediction one is fixed and one of the catalog's views
  /// is that slice.
  static func make(_ callee: CatalogCallee, parameters: [Double], fixed: [Double?]) -> CatalogKernel {
    let spec = callee.spec
    let k = callee.argumentNames.count
    let p = callee.predictionPosition
    let names = callee.argumentNames
    var given: [String: Double] = [:]
    for (i, name) in callee.parameterNames.enumerated() { given[name] = parameters[i] }
    guard let values = try? spec.validateParameters(given) else {
      return CatalogKernel(evaluate: { _, out in for i in 0..<(k + 2) { out[i] = .nan } }, isFast: false)
    }
    let onlyPredictionVaries = (0..<k).allSatisfy { $0 == p || fixed[$0] != nil }
    if onlyPredictionVaries && callee.differentiablePositions == [p] {
      let view = spec.views(values).first { v in
        v.argument == names[p]
          && v.fixed.count == k - 1
          && v.fixed.allSatisfy { f in
            guard let i = names.firstIndex(of: f.name), case .real(let r) = f.value else { return false }
            return fixed[i] == r
          }
      }
      if let view {
        let jet = view.evaluate
        // The domain as two bounds, checked inline (no enum switch per point).
        var (lo, hi, loIn, hiIn) = (-Double.infinity, Double.infinity, false, false)
        var labels: [Double]?
        switch spec.arguments[p].domain {
        case .finite: break
        case .interval(let l, let li, let h, let hi2): (lo, hi, loIn, hiIn) = (l, h, li, hi2)
        case .labels(let values): labels = values
        case .nonZero: labels = []  // the general check below: domain.contains
        }
        let d1 = 1 + p
        let d2 = k + 1
        if labels == nil {
          let (lo, hi, loIn, hiIn) = (lo, hi, loIn, hiIn)
          return CatalogKernel(
            evaluate: { args, out in
              let x = args[p]
              // Only the value, the prediction derivative and d2 are read in this case.
              guard x.isFinite, loIn ? x >= lo : x > lo, hiIn ? x <= hi : x < hi else {
                out[0] = .nan
                out[d1] = .nan
                out[d2] = .nan
                return
              }
              let j = jet(x)
              out[0] = j.value
              out[d1] = j.d1
              out[d2] = j.d2
            }, isFast: true)
        }
        let domain = spec.arguments[p].domain
        return CatalogKernel(
          evaluate: { args, out in
            let x = args[p]
            guard domain.contains(x) else {
              out[0] = .nan
              out[d1] = .nan
              out[d2] = .nan
              return
            }
            let j = jet(x)
            out[0] = j.value
            out[d1] = j.d1
            out[d2] = j.d2
          }, isFast: true)
      }
    }
    return CatalogKernel(
      evaluate: { args, out in
        for i in 0..<(k + 2) { out[i] = .nan }
        var a: [String: ArgumentValue] = [:]
        for i in 0..<k { a[names[i]] = .real(args[i]) }
        guard let validated = try? spec.validateArguments(a), let e = try? spec.evaluate(values, validated),
          let v = e.value.scalarValue
        else { return }
        out[0] = v
        for g in e.gradient {
          if let i = names.firstIndex(of: g.name), let d = g.tensor.scalarValue { out[1 + i] = d }
        }
        out[k + 1] = e.secondDerivative ?? .nan
      }, isFast: false)
  }
}
