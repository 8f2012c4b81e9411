import LossAtlasCore

/// A set of points to sweep a function over.
public enum Grid: Sendable, Equatable {
  /// `count` evenly spaced points from `from` to `to`, both included.
  case linear(from: Double, to: Double, count: Int)
  /// `count` points evenly spaced in asinh(x / scale) from `from` to `to`:
  /// linear near 0 (|x| << scale), logarithmic far out, so one grid shows
  /// both the kink at 0 and the behaviour at 1e6.
  case symmetricLog(from: Double, to: Double, count: Int, scale: Double)
  /// Exactly these points, in this order.
  case points([Double])

  /// The points of the grid, in increasing order for `linear` and
  /// `symmetricLog`. The ends are exact (no accumulated rounding).
  public var values: [Double] {
    switch self {
    case .linear(let a, let b, let n):
      guard n > 1 else { return n == 1 ? [a] : [] }
      let step = (b - a) / Double(n - 1)
      return (0..<n).map { i in i == n - 1 ? b : a + Double(i) * step }
    case .symmetricLog(let a, let b, let n, let scale):
      guard n > 1 else { return n == 1 ? [a] : [] }
      let ua = asinh(a / scale)
      let ub = asinh(b / scale)
      return (0..<n).map { i in
        if i == 0 { return a }
        if i == n - 1 { return b }
        return scale * sinh(ua + (ub - ua) * Double(i) / Double(n - 1))
      }
    case .points(let xs):
      return xs
    }
  }
}

/// Every parameter setting a function is analysed at: the cartesian product
/// of its parameters' grids, in catalog order (the first parameter varies
/// slowest).
public enum ParameterGrid {
  public static func settings(_ spec: FunctionSpec) -> [ParameterValues] {
    var settings: [[String: Double]] = [[:]]
    for p in spec.parameters {
      settings = settings.flatMap { s in p.grid.map { v in s.merging([p.name: v]) { $1 } } }
    }
    return settings.map(ParameterValues.init)
  }

  /// The settings selected by `--param NAME=V1,V2` style overrides: each
  /// named parameter takes the listed values, the others their defaults.
  public static func settings(
    _ spec: FunctionSpec, overrides: [String: [Double]]
  ) throws(CatalogError) -> [ParameterValues] {
    var settings: [[String: Double]] = [[:]]
    for name in overrides.keys.sorted() where !spec.parameters.contains(where: { $0.name == name }) {
      let allowed = spec.parameters.isEmpty ? "\(spec.id) has no parameters" : "\(spec.id) takes " + spec.parameters.map(\.name).joined(separator: ", ")
      throw CatalogError(.unknownParameter, "unknown parameter '\(name)': \(allowed)")
    }
    for p in spec.parameters {
      let values = overrides[p.name] ?? [p.defaultValue]
      settings = settings.flatMap { s in values.map { v in s.merging([p.name: v]) { $1 } } }
    }
    return try settings.map { s throws(CatalogError) in try spec.validateParameters(s) }
  }
}
