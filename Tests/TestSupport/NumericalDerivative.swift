/// Derivatives by Richardson-extrapolated central differences, for checking
/// analytic derivatives away from kinks.
public enum NumericalDerivative {
  /// f'(x) estimated from central differences at h, h/2, h/4 combined by
  /// Richardson extrapolation (error O(h^6) for smooth f). `h` defaults to
  /// 1e-3 * max(1, |x|).
  public static func richardson(_ f: (Double) -> Double, at x: Double, step: Double? = nil) -> Double {
    let h = step ?? 1e-3 * max(1, abs(x))
    func central(_ h: Double) -> Double { (f(x + h) - f(x - h)) / (2 * h) }
    let d1 = central(h)
    let d2 = central(h / 2)
    let d3 = central(h / 4)
    // Eliminate the h^2 term, then the h^4 term.
    let r1 = (4 * d2 - d1) / 3
    let r2 = (4 * d3 - d2) / 3
    return (16 * r2 - r1) / 15
  }

  /// Whether `analytic` agrees with `numeric` to `relative` of the larger
  /// magnitude, with an absolute floor `absolute` for values near zero.
  public static func agree(_ analytic: Double, _ numeric: Double, relative: Double, absolute: Double) -> Bool {
    abs(analytic - numeric) <= max(absolute, relative * max(abs(analytic), abs(numeric)))
  }
}
