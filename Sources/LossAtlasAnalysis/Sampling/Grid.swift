import Foundation
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

  /// How many points the grid has.
  public var count: Int {
    switch self {
    case .linear(_, _, let n), .symmetricLog(_, _, let n, _): return max(n, 0)
    case .points(let xs): return xs.count
    }
  }

  /// The points of the grid, in increasing order for `linear` and
  /// `symmetricLog` (when `from` < `to`). The ends are exact.
  public var values: [Double] {
    (0..<count).map(point)
  }

  /// The `i`-th point, computed on its own (a sweep of 50 million points
  /// never holds them all). The ends are exact.
  ///
  /// Linear points are a + i h with h = (b - a) / (n - 1) while b - a is
  /// a Double. When it overflows (a = -1e308, b = 1e308: the step was inf
  /// and the points NaN), they are a (1 - t) + b t with t = i / (n - 1),
  /// which forms no difference, clamped to [a, b] in case the two products
  /// round outward. (The blend everywhere would move the manual's decimal
  /// grids off their decimals: -4.9750000000000005 for -4.975.)
  /// Symmetric-log points are spaced evenly in asinh(x / scale), whose
  /// range never overflows, and clamped the same way.
  public func point(_ i: Int) -> Double {
    switch self {
    case .linear(let a, let b, let n):
      guard n > 1 else { return a }
      if i == n - 1 { return b }
      let width = b - a
      if width.isFinite { return a + Double(i) * (width / Double(n - 1)) }
      return Grid.clamp(Grid.blend(a, b, Double(i) / Double(n - 1)), a, b)
    case .symmetricLog(let a, let b, let n, let scale):
      guard n > 1 else { return a }
      if i == 0 { return a }
      if i == n - 1 { return b }
      let ua = asinh(a / scale)
      let ub = asinh(b / scale)
      return Grid.clamp(scale * sinh(ua + (ub - ua) * Double(i) / Double(n - 1)), a, b)
    case .points(let xs):
      return xs[i]
    }
  }

  /// a (1 - t) + b t.
  static func blend(_ a: Double, _ b: Double, _ t: Double) -> Double {
    a * (1 - t) + b * t
  }

  static func clamp(_ x: Double, _ a: Double, _ b: Double) -> Double {
    min(max(x, min(a, b)), max(a, b))
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
