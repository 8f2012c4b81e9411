import LossAtlasCore

/// Saturation intervals, flat zones and dead regions.
enum Saturation {
  /// The intervals where |f'(x)| < threshold (threshold = tau * max |f'|),
  /// from sign changes of |f'| - threshold between samples, each end
  /// refined by bisection to `tolerance` relative. An interval that runs
  /// past the last far sample is open to the domain's end when the limit of
  /// |f'| there is below the threshold. Empty when max |f'| is 0 or
  /// unbounded.
  static func intervals(
    _ s: ViewSamples, threshold: Double, lowerLimit: Limit?, upperLimit: Limit?, tolerance: Double
  ) -> [FoundInterval] {
    guard threshold.isFinite, threshold > 0 else { return [] }
    let f = s.view.evaluate
    let below: (Double) -> Bool = { abs(f($0).d1) < threshold }
    var result: [FoundInterval] = []
    var start: Double?
    let domain = s.view.domain
    let d1 = s.d1
    func flag(_ i: Int) -> Bool { abs(d1[i]) < threshold }
    if flag(0) {
      let lowerBelow = lowerLimit.map { abs($0.value) < threshold } ?? true
      start = lowerBelow ? domain.lower : s.xs[0]
    }
    // An end whose bisection never left a breakpoint (the breakpoint is a
    // sample, and |f'| crosses the threshold right there) is that
    // breakpoint, open: it is on the other side (hard-swish: |f'| = 0 for
    // x < -3 but f'(-3) = -1/2, so the tail is (-inf, -3), not (-inf, -3]).
    let breaks = Set(s.view.breakpoints)
    var startClosed = true
    for i in crossings(d1, threshold: threshold) {
      if flag(i) {
        let b = RootFinding.boundary({ below($0) }, from: s.xs[i - 1], to: s.xs[i], relativeTolerance: tolerance)
        if breaks.contains(b.lastFalse) {
          start = b.lastFalse
          startClosed = false
        } else {
          start = b.firstTrue
          startClosed = true
        }
      } else if let a = start {
        let b = RootFinding.boundary({ !below($0) }, from: s.xs[i - 1], to: s.xs[i], relativeTolerance: tolerance)
        let atBreak = breaks.contains(b.firstTrue)
        result.append(
          FoundInterval(
            RealInterval(
              a, atBreak ? b.firstTrue : b.lastFalse, lowerClosed: domain.contains(a) && startClosed, upperClosed: !atBreak)))
        start = nil
        startClosed = true
      }
    }
    if let a = start {
      let upperBelow = upperLimit.map { abs($0.value) < threshold } ?? true
      let end = upperBelow ? domain.upper : s.xs[s.xs.count - 1]
      result.append(
        FoundInterval(RealInterval(a, end, lowerClosed: domain.contains(a) && startClosed, upperClosed: domain.contains(end))))
    }
    return result
  }

  /// The indices i >= 1 where |f'| < threshold at sample i but not at
  /// sample i - 1, or the other way round, in increasing order: one tight
  /// pass over a million samples (each compared once), where usually
  /// nothing crosses.
  ///
  /// Eight samples at a time are compared in two 4-lane vectors (|f'| as
  /// f' with its sign bit cleared; a NaN compares false, as `abs(NaN) <
  /// threshold` does): a group whose eight flags all equal the previous
  /// sample's holds no crossing and is passed over; only a group where
  /// one differs is walked sample by sample.
  static func crossings(_ d1: [Double], threshold: Double) -> [Int] {
    d1.withUnsafeBufferPointer { g in
      var found: [Int] = []
      guard g.count > 1 else { return found }
      typealias Lanes = SIMD4<Double>
      typealias Bits = SIMD4<UInt64>
      let magnitude = Bits(repeating: ~(1 << 63))
      let t = Lanes(repeating: threshold)
      let raw = UnsafeRawPointer(g.baseAddress!)
      var previous = abs(g[0]) < threshold
      var i = 1
      while i < g.count {
        if g.count - i >= 8 {
          let o = i &* MemoryLayout<Double>.stride
          let a = unsafeBitCast(raw.loadUnaligned(fromByteOffset: o, as: Bits.self) & magnitude, to: Lanes.self)
          let b = unsafeBitCast(raw.loadUnaligned(fromByteOffset: o + 32, as: Bits.self) & magnitude, to: Lanes.self)
          let (belowA, belowB) = (a .< t, b .< t)
          if previous ? all(belowA .& belowB) : !any(belowA .| belowB) {
            i &+= 8
            continue
          }
        }
        // A group with a crossing, or the last few samples: one by one.
        for k in i..<min(i + 8, g.count) {
          let below = abs(g[k]) < threshold
          if below != previous { found.append(k) }
          previous = below
        }
        i = min(i + 8, g.count)
      }
      return found
    }
  }

  /// Splits the intervals where |f'| is below the threshold into the
  /// saturation intervals proper — those that run to an infinite end of
  /// the domain, the tails — and the bounded ones of positive width, the
  /// flat zones (a single point is not a zone). A flat
  /// zone is near a minimum (maximum) when f' changes sign from − to + (+
  /// to −) inside it or is 0 there (the point found by bisection on f'),
  /// and of low slope otherwise.
  static func split(_ intervals: [FoundInterval], _ s: ViewSamples) -> (tails: [FoundInterval], flat: [FlatZone]) {
    let domain = s.view.domain
    var tails: [FoundInterval] = []
    var flat: [FlatZone] = []
    for i in intervals {
      let tail = (i.lower == -.infinity && domain.lower == -.infinity) || (i.upper == .infinity && domain.upper == .infinity)
      if tail {
        tails.append(i)
      } else if i.upper > i.lower {
        flat.append(flatZone(i.interval, s))
      }
      // A single point (a kink whose subgradient is 0: mae and quantile at
      // r = 0) is not a stretch, and not a zone.
    }
    return (tails, flat)
  }

  static func flatZone(_ interval: RealInterval, _ s: ViewSamples) -> FlatZone {
    let f = s.view.evaluate
    let range = s.indices(from: interval.lower, through: interval.upper)
    var previous: Int?
    for i in range {
      let d = s.d1[i]
      guard !d.isNaN else { continue }
      if d == 0 {
        // The stationary point itself, or a flat stretch (f' exactly 0).
        let left = range.lowerBound < i ? s.d1[range.lowerBound] : 0
        let right = range.upperBound - 1 > i ? s.d1[range.upperBound - 1] : 0
        if left < 0 && right > 0 { return FlatZone(interval: interval, kind: .nearMinimum, at: s.xs[i]) }
        if left > 0 && right < 0 { return FlatZone(interval: interval, kind: .nearMaximum, at: s.xs[i]) }
        continue
      }
      if let p = previous, (s.d1[p] < 0) != (d < 0) {
        let x = RootFinding.bisect({ f($0).d1 }, s.xs[p], s.xs[i], relativeTolerance: 1e-15)
        return FlatZone(interval: interval, kind: s.d1[p] < 0 ? .nearMinimum : .nearMaximum, at: x)
      }
      previous = i
    }
    return FlatZone(interval: interval, kind: .lowSlope, at: nil)
  }

  /// The intervals where f' is exactly 0: the pieces on which f' is 0 at
  /// every probe point (pieces are analytic, so f' vanishes on the whole
  /// piece), joined across breakpoints where f' is 0 too, and closed at a
  /// breakpoint whose f' (the catalog's subgradient there) is 0. Underflow
  /// far out (sigmoid' below -745) is not a dead region: a piece is dead
  /// only if f' is 0 inside the search interval.
  static func deadRegions(_ s: ViewSamples) -> [FoundInterval] {
    let view = s.view
    let f = view.evaluate
    var regions: [RealInterval] = []
    for piece in Pieces.of(view) {
      guard let probes = Pieces.probes(piece, s), probes.count >= 3, probes.allSatisfy({ s.d1[$0] == 0 }) else {
        continue
      }
      var lower = piece.lower
      var lowerClosed = piece.lowerClosed || (piece.lower.isFinite && view.domain.contains(piece.lower) && f(piece.lower).d1 == 0)
      if let last = regions.last, last.upper == piece.lower, last.upperClosed || lowerClosed {
        regions.removeLast()
        lower = last.lower
        lowerClosed = last.lowerClosed
      }
      let upperClosed = piece.upperClosed || (piece.upper.isFinite && view.domain.contains(piece.upper) && f(piece.upper).d1 == 0)
      regions.append(RealInterval(lower, piece.upper, lowerClosed: lowerClosed, upperClosed: upperClosed))
    }
    // A breakpoint alone with f' = 0 between two live pieces is not a region.
    return regions.map(FoundInterval.init)
  }
}

/// Convexity from f'' on the pieces and the jumps of f' at the kinks,
/// cross-checked by midpoint tests.
enum Convexity {
  struct Verdict {
    let convex: Bool
    let concave: Bool
    let crossCheck: Bool
  }

  /// Convex when f is continuous, f'' >= 0 at every sample and every jump
  /// of f' at a breakpoint is >= 0 (concave: <= 0). The cross-check draws
  /// 4000 pairs (a fixed seed) in the search interval, half of them close
  /// together, and tests f((a+b)/2) <= (f(a)+f(b))/2 within rounding: it
  /// must find no violation when the verdict is convex, and at least one
  /// when it is not (likewise for concave).
  static func classify(_ s: ViewSamples, breakpoints: [BreakpointSmoothness]) -> Verdict {
    let continuous = breakpoints.allSatisfy { $0.jumps[0] == 0 }
    var nonNegative = !s.summary.d2Negative
    var nonPositive = !s.summary.d2Positive
    for b in breakpoints {
      if b.jumps[1] < 0 { nonNegative = false }
      if b.jumps[1] > 0 { nonPositive = false }
    }
    let convex = continuous && nonNegative
    let concave = continuous && nonPositive
    let (convexViolation, concaveViolation) = midpointViolations(s)
    let crossCheck = (convex != convexViolation) && (concave != concaveViolation)
    return Verdict(convex: convex, concave: concave, crossCheck: crossCheck)
  }

  static func midpointViolations(_ s: ViewSamples) -> (convex: Bool, concave: Bool) {
    let f = s.view.evaluate
    let lo = s.search.lowerBound
    let hi = s.search.upperBound
    var rng = SplitMix64(seed: 0x636F_6E76_6578)
    var convexViolation = false
    var concaveViolation = false
    for k in 0..<4000 {
      let a = lo + (hi - lo) * rng.nextUnit()
      let width = k % 2 == 0 ? (hi - lo) * rng.nextUnit() : (hi - lo) * pow(10, -1 - 5 * rng.nextUnit())
      let b = min(hi, a + width)
      guard b > a else { continue }
      let fa = f(a).value
      let fb = f(b).value
      let mid = a / 2 + b / 2
      let jm = f(mid)
      let fm = jm.value
      guard fa.isFinite, fb.isFinite, fm.isFinite else { continue }
      let chord = fa / 2 + fb / 2
      // The midpoint is rounded, so f there may differ from f at the exact
      // midpoint by |f'| ulp(mid) / 2: more than 1e-13 |f| where a linear
      // piece passes through 0 (max(0, c - 1/2) just above c = 1/2).
      let tol = 1e-13 * (abs(fa) + abs(fb) + abs(fm)) + abs(jm.d1) * mid.ulp + 1e-300
      if fm > chord + tol { convexViolation = true }
      if fm < chord - tol { concaveViolation = true }
      if convexViolation && concaveViolation { break }
    }
    return (convexViolation, concaveViolation)
  }
}
