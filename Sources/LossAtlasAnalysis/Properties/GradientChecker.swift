import LossAtlasCore

/// The tool's own gradcheck: the analytic f' (and f'') against a
/// Richardson-extrapolated central difference of f (and of f') at 201
/// points of the plot range, skipping points within 8 steps of a
/// breakpoint. The error is |analytic - numeric| / max(|analytic|,
/// |numeric|, 1): relative for large derivatives, absolute for small ones.
public enum GradientChecker {
  public static func check(_ view: ScalarView, points: Int = 201) -> GradientCheck {
    let lo = view.plotRange.lowerBound
    let hi = view.plotRange.upperBound
    let h = 1e-3 * (hi - lo) / 20
    var worst1 = 0.0
    var at1 = lo
    var worst2 = 0.0
    var at2 = lo
    var count = 0
    for x in Grid.linear(from: lo, to: hi, count: points).values {
      guard view.domain.contains(x - 4 * h), view.domain.contains(x + 4 * h),
        view.breakpoints.allSatisfy({ abs(x - $0) > 8 * h })
      else { continue }
      let j = view.evaluate(x)
      guard j.value.isFinite, j.d1.isFinite, j.d2.isFinite else { continue }
      count += 1
      let n1 = richardson({ view.evaluate($0).value }, x, h)
      let n2 = richardson({ view.evaluate($0).d1 }, x, h)
      let e1 = abs(j.d1 - n1) / max(abs(j.d1), abs(n1), 1)
      let e2 = abs(j.d2 - n2) / max(abs(j.d2), abs(n2), 1)
      if e1 > worst1 { (worst1, at1) = (e1, x) }
      if e2 > worst2 { (worst2, at2) = (e2, x) }
    }
    return GradientCheck(
      points: count, maxRelativeErrorD1: worst1, worstD1At: at1, maxRelativeErrorD2: worst2, worstD2At: at2)
  }

  /// Central differences at h, h/2, h/4 combined by Richardson
  /// extrapolation (error O(h^6) on smooth pieces).
  static func richardson(_ g: (Double) -> Double, _ x: Double, _ h: Double) -> Double {
    func central(_ h: Double) -> Double { (g(x + h) - g(x - h)) / (2 * h) }
    let a = central(h)
    let b = central(h / 2)
    let c = central(h / 4)
    let r1 = (4 * b - a) / 3
    let r2 = (4 * c - b) / 3
    return (16 * r2 - r1) / 15
  }
}

/// Behaviour at extreme inputs.
enum Extremes {
  typealias Limits = (
    value: (lower: Limit?, upper: Limit?), d1: (lower: Limit?, upper: Limit?), d2: (lower: Limit?, upper: Limit?)
  )

  /// f, f', f'' at ±1e3, ±1e300 and the closed domain ends. A point is
  /// honest when nothing is NaN and every infinity agrees with the limit of
  /// that component toward the nearer end (the exact value is infinite or
  /// beyond the Double range there).
  static func points(
    _ view: ScalarView, limits l: (Limit?, Limit?, Limit?, Limit?, Limit?, Limit?)
  ) -> [ExtremePoint] {
    var xs: [Double] = [-1e300, -1e3, 1e3, 1e300].filter(view.domain.contains)
    if view.domain.lowerClosed { xs.append(view.domain.lower) }
    if view.domain.upperClosed { xs.append(view.domain.upper) }
    xs = Array(Set(xs)).sorted()
    let mid = (view.plotRange.lowerBound + view.plotRange.upperBound) / 2
    return xs.map { x in
      let j = view.evaluate(x)
      let upper = x > mid
      let limits = upper ? [l.1, l.3, l.5] : [l.0, l.2, l.4]
      var offending: [ExtremePoint.Component] = []
      for (part, (component, limit)) in zip(ExtremePoint.Component.allCases, zip([j.value, j.d1, j.d2], limits)) {
        if component.isNaN || (component.isInfinite && limit != .infinite(sign: component.sign)) { offending.append(part) }
      }
      return ExtremePoint(x: x, jet: j, offending: offending)
    }
  }
}
