import LossAtlasCore

/// Where a textbook formula first fails toward one end, going outward from
/// the plot centre.
public struct NaiveFailure: Sendable, Equatable {
  public enum Mode: String, Sendable {
    case overflow = "overflows"
    case nan = "gives NaN"
    case zero = "rounds to 0"
    case inaccurate = "is off by more than 1%"
  }

  /// "value", "derivative", or where a subexpression sits ("in the value
  /// and the derivative").
  public let component: String
  public let formula: String
  public let direction: Int
  /// The first failing input: the scan's first failure, bisected to
  /// adjacent Doubles, with no failure in the dense check of the unit
  /// before it.
  public let x: Double
  public let mode: NaiveFailure.Mode
  public let naive: Double
  public let stable: Double
  /// The stretch after `x` (of length `unit`, outward) and the fraction of
  /// its evenly spaced inputs that fail.
  public let unit: Double
  public let fractionFailingAfter: Double
  /// The longest stretch of the scan on which every scanned input fails,
  /// when it starts after `x`: from `alwaysFrom` to `alwaysTo` (nil: to the
  /// end of the domain), with how it fails there.
  public let alwaysFrom: Double?
  public let alwaysTo: Double?
  public let alwaysMode: NaiveFailure.Mode?
  /// From here outward the formula is exactly 0 at every scanned input
  /// while the accurate value is not (nil when that never settles).
  public let zeroFrom: Double?
}

/// Scans a textbook formula against the catalog's accurate implementation.
///
/// An input fails when the formula overflows, gives NaN, rounds to 0 while
/// the accurate value does not, or is off by more than 1% of it. Failures
/// from rounding (1 − σ(x) near 1) are intermittent: they come and go with
/// the rounding of each operation long before every input fails, so the
/// first failure is found in three steps:
/// 1. a scan outward from the plot centre at steps of 2⁻¹⁰ max(1, |x|)
///    (2⁻³ |x| beyond 2²⁰; toward a finite end, 16 points an octave of the
///    distance to it) finds the first failing sample;
/// 2. bisection between it and the last clean sample narrows it to
///    adjacent Doubles;
/// 3. a dense check of the unit before it (2¹⁴ evenly spaced inputs) looks
///    for an earlier failure the scan stepped over; if one is found, the
///    bisection and the check repeat from there.
/// A failing stretch narrower than the dense step (2⁻¹⁴ of the unit) that
/// lies before the first failure found could still be missed.
public enum NaiveFailureScan {
  /// The dense check's inputs per unit, and the inputs sampled after the
  /// failure for the failing fraction.
  public static let denseCount = 1 << 14
  public static let afterCount = 1 << 12

  /// The first failure of `naive` against `accurate` toward `direction`,
  /// or nil when every scanned input is clean.
  ///
  /// `scan`, when given, is ``scanPoints(centre:direction:domain:)`` and
  /// `accurate` at each of them, computed once by a caller that scans
  /// several formulas toward the same end, against parts of one evaluation
  /// (the value and the derivative of one jet). `jets`, when given, holds
  /// the jets whose `part` `accurate` is (`accurate(p)` is `part(jets.f(p))`):
  /// the dense checks and the after-samples read it (``UnitJets``).
  public static func first(
    component: String, formula: String, naive: @escaping (Double) -> Double, accurate: @escaping (Double) -> Double, centre: Double,
    direction: Int, domain: RealInterval, scan: (points: [Double], accurate: [Double])? = nil,
    jets: (units: UnitJets, part: (Jet) -> Double)? = nil
  ) -> NaiveFailure? {
    let fails: (Double) -> Bool = { x in mode(naive(x), accurate(x)) != nil }
    let points = scan?.points ?? scanPoints(centre: centre, direction: direction, domain: domain)
    // Each scan point is evaluated once; the runs below reuse the answers
    // (the naive values also say where it settles at 0).
    let naiveAtScan = points.map(naive)
    let accurateValues = scan?.accurate ?? points.map(accurate)
    precondition(accurateValues.count == points.count, "the accurate values are at the scan points")
    let failing = zip(naiveAtScan, accurateValues).map { mode($0, $1) != nil }
    guard let k = failing.firstIndex(of: true) else { return nil }
    var x = k == 0 ? points[0] : RootFinding.boundary(fails, from: points[k - 1], to: points[k]).firstTrue
    let dir = Double(direction)
    // Dense check of the unit before x, repeated while it finds an earlier failure.
    for _ in 0..<64 {
      let u = unit(x, centre: centre)
      guard u > 0 else { break }
      let start = x - dir * u
      // The accurate values from the shared jets when there are some.
      var shared = jets.map { $0.units.reader(origin: start, u: u, direction: direction, count: denseCount, part: $0.part) }
      var earlier: Int?
      for i in 0..<denseCount {
        let p = start + dir * u * Double(i) / Double(denseCount)
        let n = naive(p)
        if mode(n, shared?.value(i, p) ?? accurate(p)) != nil {
          earlier = i
          break
        }
      }
      if let jets, let shared { jets.units.keep(shared) }
      guard let i = earlier else { break }
      let p = start + dir * u * Double(i) / Double(denseCount)
      x = i == 0 ? p : RootFinding.boundary(fails, from: start + dir * u * Double(i - 1) / Double(denseCount), to: p).firstTrue
    }
    // The failing fraction of the unit after x.
    let u = unit(x, centre: centre, after: true, domain: domain, direction: direction)
    var failed = 0
    var checked = 0
    var shared = jets.map { $0.units.reader(origin: x, u: u, direction: direction, count: afterCount, part: $0.part) }
    for i in 0..<afterCount {
      let p = x + dir * u * Double(i) / Double(afterCount)
      guard domain.contains(p) else { continue }
      checked += 1
      let n = naive(p)
      if mode(n, shared?.value(i, p) ?? accurate(p)) != nil { failed += 1 }
    }
    if let jets, let shared { jets.units.keep(shared) }
    // The longest run of failing scan points (by count) after the first
    // failure, its ends bisected.
    var best: (start: Int, end: Int)?
    var i = k
    while i < points.count {
      guard failing[i] else {
        i += 1
        continue
      }
      var j = i
      while j + 1 < points.count && failing[j + 1] { j += 1 }
      if best.map({ j - i > $0.end - $0.start }) ?? true { best = (i, j) }
      i = j + 1
    }
    var always: Double?
    var alwaysTo: Double?
    if let r = best, r.start > k {
      always = RootFinding.boundary(fails, from: points[r.start - 1], to: points[r.start]).firstTrue
      if r.end + 1 < points.count {
        alwaysTo = RootFinding.boundary({ !fails($0) }, from: points[r.end], to: points[r.end + 1]).lastFalse
      }
    }
    // Where the formula settles at exactly 0 for good (1 + erf(x/sqrt 2)),
    // while the accurate value is not 0 there.
    var zeroFrom: Double?
    let isZero: (Double) -> Bool = { p in naive(p) == 0 }
    var z = points.count
    while z > k && naiveAtScan[z - 1] == 0 { z -= 1 }
    if z < points.count {
      let start = z > k ? RootFinding.boundary(isZero, from: points[z - 1], to: points[z]).firstTrue : x
      if accurate(start) != 0 && isZero(start) { zeroFrom = start }
    }
    let n = naive(x)
    let s = accurate(x)
    return NaiveFailure(
      component: component, formula: formula, direction: direction, x: x, mode: mode(n, s) ?? .inaccurate, naive: n,
      stable: s, unit: u, fractionFailingAfter: checked > 0 ? Double(failed) / Double(checked) : 1, alwaysFrom: always,
      alwaysTo: alwaysTo, alwaysMode: always.flatMap { mode(naive($0), accurate($0)) }, zeroFrom: zeroFrom)
  }

  /// How an input fails, or nil when it does not. Inline: it is called
  /// once a scanned input (the scan's flags were a call each).
  @inline(__always)
  public static func mode(_ naive: Double, _ stable: Double) -> NaiveFailure.Mode? {
    if naive.isNaN { return stable.isNaN ? nil : .nan }
    if naive.isInfinite { return stable == naive ? nil : .overflow }
    if naive == 0 { return stable == 0 ? nil : .zero }
    guard stable.isFinite else { return .inaccurate }
    return abs(naive - stable) > 1e-2 * abs(stable) ? .inaccurate : nil
  }

  /// The unit of the dense checks at x: 1, or 2⁻¹⁰ |x| beyond 2¹⁰, and no
  /// longer than the way back to the centre (or on to a finite end).
  static func unit(_ x: Double, centre: Double, after: Bool = false, domain: RealInterval? = nil, direction: Int = 1) -> Double {
    var u = Swift.max(1, abs(x) / 1024)
    if !after {
      u = Swift.min(u, abs(x - centre))
    } else if let domain {
      let end = direction > 0 ? domain.upper : domain.lower
      if end.isFinite { u = Swift.min(u, abs(end - x)) }
    }
    return u.isFinite ? u : 0
  }

  /// The scan's points, outward from the centre to the domain's end (its
  /// largest finite input toward an infinite end), sorted outward.
  static func scanPoints(centre: Double, direction: Int, domain: RealInterval) -> [Double] {
    let dir = Double(direction)
    let end = direction > 0 ? domain.upper : domain.lower
    let closed = direction > 0 ? domain.upperClosed : domain.lowerClosed
    if end.isFinite && centre.isInfinite {
      // An infinite centre toward a finite end: the distance is infinite, every linear step
      // NaN (inf * 0) and the octave loop never ends. As for a NaN centre (whose distance fails
      // `gap > 0` below): the closed end alone.
      return closed ? [end] : []
    }
    if end.isFinite && centre.isFinite && !(end - centre).isFinite {
      // A centre and an end of opposite signs beyond half the largest Double: the distance
      // overflows and the octave loop never ends. The same scan at 2^-10 scale (where the linear
      // part's gap * i, i < 512, stays finite too), scaled back: exact for inputs this large.
      let s = 0x1p-10
      let small = RealInterval(domain.lower * s, domain.upper * s, lowerClosed: domain.lowerClosed, upperClosed: domain.upperClosed)
      return scanPoints(centre: centre * s, direction: direction, domain: small).map { $0 * 0x1p10 }.filter { domain.contains($0) }
    }
    var out: [Double] = []
    if end.isInfinite {
      var x = centre
      while x.isFinite {
        if domain.contains(x) { out.append(x) }
        let m = abs(x)
        let step = m <= 0x1p20 ? Swift.max(1, m) * 0x1p-10 : m * 0x1p-3
        x += dir * step
      }
      out.append(dir * .greatestFiniteMagnitude)
    } else {
      let gap = abs(end - centre)
      guard gap > 0 else { return closed ? [end] : [] }
      // Linear over the first half, then 16 points an octave toward the end.
      let n = 512
      for i in 0..<n { out.append(centre + dir * gap * Double(i) / Double(2 * n)) }
      var k = 16
      while true {
        let d = gap * pow(2, -Double(k) / 16)
        let x = end - dir * d
        if x == end || d == 0 { break }
        if out.last.map({ direction > 0 ? x > $0 : x < $0 }) ?? true { out.append(x) }
        k += 1
      }
      if closed { out.append(end) }
    }
    return out.filter { domain.contains($0) }
  }
}
