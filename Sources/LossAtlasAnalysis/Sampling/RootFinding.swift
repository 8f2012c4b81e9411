import LossAtlasCore

/// Root finding and boundary search on functions of one variable.
public enum RootFinding {
  /// A root of `g` in [a, b] where g(a) and g(b) have opposite signs (or
  /// one is zero), by bisection in the floating-point numbers: stops when
  /// the bracket is within `relativeTolerance` of its magnitude (or the
  /// two ends are adjacent Doubles). Bisection, not secant steps, because
  /// the functions here have kinks and jumps where faster methods stall.
  public static func bisect(
    _ g: (Double) -> Double, _ a: Double, _ b: Double, relativeTolerance: Double = 1e-12
  ) -> Double {
    var lo = a
    var hi = b
    var glo = g(lo)
    if glo == 0 { return lo }
    if g(hi) == 0 { return hi }
    if min(a, b) < 0 && max(a, b) > 0 {
      // Try 0 first: bisecting through the bit patterns would otherwise
      // end at +-5e-324 for a root at 0 (sigmoid'' at the origin).
      let g0 = g(0)
      if g0 == 0 { return 0 }
      if (g0 < 0) == (glo < 0) {
        lo = 0
        glo = g0
      } else {
        hi = 0
      }
    }
    for _ in 0..<2200 {
      let mid = midpoint(lo, hi)
      if mid == lo || mid == hi { break }
      if abs(hi - lo) <= relativeTolerance * max(abs(lo), abs(hi)) { break }
      let gm = g(mid)
      if gm == 0 { return mid }
      if (gm < 0) == (glo < 0) {
        lo = mid
        glo = gm
      } else {
        hi = mid
      }
    }
    return midpoint(lo, hi)
  }

  /// The boundary between points where `predicate` is false (at `a`) and
  /// true (at `b`), as the pair of adjacent-as-possible Doubles
  /// (last false, first true), bisecting to `relativeTolerance` (0 means
  /// down to adjacent Doubles). `a` may be larger than `b`.
  public static func boundary(
    _ predicate: (Double) -> Bool, from a: Double, to b: Double, relativeTolerance: Double = 0
  ) -> (lastFalse: Double, firstTrue: Double) {
    var f = a
    var t = b
    for _ in 0..<2200 {
      let mid = midpoint(f, t)
      if mid == f || mid == t { break }
      if relativeTolerance > 0, abs(t - f) <= relativeTolerance * max(abs(f), abs(t)) { break }
      if predicate(mid) { t = mid } else { f = mid }
    }
    return (f, t)
  }

  /// The midpoint of [a, b] without overflow, bisecting in the bit pattern
  /// when the ends differ by many binades (so that 1e-300...1e300 takes
  /// about 64 steps instead of 2000), and arithmetically otherwise.
  public static func midpoint(_ a: Double, _ b: Double) -> Double {
    if a.isInfinite || b.isInfinite {
      // Step toward the infinite end geometrically from the finite one.
      let finite = a.isInfinite ? b : a
      let infinite = a.isInfinite ? a : b
      if finite == 0 { return infinite > 0 ? 1 : -1 }
      return (finite > 0) == (infinite > 0) ? finite * 2 : finite / 2
    }
    let sameSide = (a >= 0 && b >= 0) || (a <= 0 && b <= 0)
    if sameSide && (a == 0 || b == 0 || abs(abs(a).exponent - abs(b).exponent) > 4) {
      // Geometric midpoint through the ordered bit patterns of |a| and |b|:
      // reaches adjacent Doubles from 0...1e300 in about 64 steps.
      let ia = abs(a).bitPattern
      let ib = abs(b).bitPattern
      let m = Double(bitPattern: ia / 2 + ib / 2 + (ia & ib & 1))
      return (a < 0 || b < 0) ? -m : m
    }
    return a / 2 + b / 2
  }
}
