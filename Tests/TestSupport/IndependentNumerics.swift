import Foundation

/// Second methods for the fact audit: numerics written apart from the
/// engine's, so that a fact computed by the engine and recomputed here
/// agree only if both are right.
///
/// - Normal expectations by *composite Gauss–Legendre* quadrature (fixed
///   panels of width at most 1/8 over [−40, 40], 16 points each, cut at the
///   given breakpoints, Kahan-summed), where the engine uses adaptive
///   Gauss–Kronrod on the half-lines.
/// - Roots and thresholds by plain bisection on a sign change, to adjacent
///   Doubles.
/// - The standard normal density and distribution from libm's erfc.
public enum IndependentNumerics {
  /// The n-point Gauss–Legendre nodes and weights on [−1, 1], by Newton's
  /// method on the Legendre polynomial P_n (three-term recurrence), from
  /// the Chebyshev-like starting points cos(π (i − 1/4) / (n + 1/2)).
  public static func gaussLegendre(_ n: Int) -> (nodes: [Double], weights: [Double]) {
    var nodes = [Double](repeating: 0, count: n)
    var weights = [Double](repeating: 0, count: n)
    for i in 0..<((n + 1) / 2) {
      var z = cos(Double.pi * (Double(i) + 0.75) / (Double(n) + 0.5))
      var derivative = 0.0
      for _ in 0..<100 {
        var p0 = 1.0
        var p1 = 0.0
        for j in 0..<n {
          let p2 = p1
          p1 = p0
          p0 = ((2 * Double(j) + 1) * z * p1 - Double(j) * p2) / Double(j + 1)
        }
        derivative = Double(n) * (z * p0 - p1) / (z * z - 1)
        let step = p0 / derivative
        z -= step
        if abs(step) < 1e-17 { break }
      }
      nodes[i] = -z
      nodes[n - 1 - i] = z
      let w = 2 / ((1 - z * z) * derivative * derivative)
      weights[i] = w
      weights[n - 1 - i] = w
    }
    return (nodes, weights)
  }

  static let rule = gaussLegendre(16)

  /// ∫ g over [a, b] by 16-point Gauss–Legendre on panels of width ≤ `panel`.
  public static func integrate(_ g: (Double) -> Double, _ a: Double, _ b: Double, panel: Double = 0.125) -> Double {
    let count = max(1, Int(((b - a) / panel).rounded(.up)))
    let width = (b - a) / Double(count)
    var sum = 0.0
    var carry = 0.0
    for k in 0..<count {
      let lo = a + Double(k) * width
      let mid = lo + width / 2
      var s = 0.0
      for (x, w) in zip(rule.nodes, rule.weights) { s += w * g(mid + width / 2 * x) }
      // Kahan summation of the panels.
      let y = s * width / 2 - carry
      let t = sum + y
      carry = (t - sum) - y
      sum = t
    }
    return sum
  }

  /// E[g(X)] for X ~ N(0, variance), g with kinks at `breakpoints` (in x).
  public static func normalMean(_ g: (Double) -> Double, variance: Double = 1, breakpoints: [Double] = []) -> Double {
    let s = variance.squareRoot()
    let cuts = ([-40, 40] + breakpoints.map { $0 / s }.filter { $0 > -40 && $0 < 40 }).sorted()
    var total = 0.0
    for i in 0..<(cuts.count - 1) {
      total += integrate({ z in g(s * z) * density(z) }, cuts[i], cuts[i + 1])
    }
    return total
  }

  /// φ(z) = e^(−z²/2) / √(2π).
  public static func density(_ z: Double) -> Double { exp(-z * z / 2) / (2 * Double.pi).squareRoot() }

  /// Φ(z) = erfc(−z/√2) / 2 (accurate in both tails).
  public static func cdf(_ z: Double) -> Double { erfc(-z / 2.0.squareRoot()) / 2 }

  /// A root of g between a and b (g(a), g(b) of opposite signs) by
  /// bisection, down to adjacent Doubles.
  public static func bisect(_ g: (Double) -> Double, _ a: Double, _ b: Double) -> Double {
    var lo = a
    var hi = b
    let negativeAtLo = g(lo) < 0
    for _ in 0..<2000 {
      let mid = lo / 2 + hi / 2
      if mid == lo || mid == hi { break }
      if (g(mid) < 0) == negativeAtLo { lo = mid } else { hi = mid }
    }
    return lo / 2 + hi / 2
  }

  /// The fixed point q > 0 of q = w E[f(√q Z)²] near `guess`, by bisection
  /// on r(q) = w E[f²]/q − 1 over [guess/4, 4 guess] (nil without a sign change).
  public static func varianceFixedPoint(
    _ f: (Double) -> Double, weightVariance w: Double, near guess: Double, breakpoints: [Double]
  ) -> Double? {
    func r(_ q: Double) -> Double { w * normalMean({ let v = f($0); return v * v }, variance: q, breakpoints: breakpoints) / q - 1 }
    let lo = guess / 4
    let hi = guess * 4
    guard (r(lo) < 0) != (r(hi) < 0) else { return nil }
    return bisect(r, lo, hi)
  }
}
