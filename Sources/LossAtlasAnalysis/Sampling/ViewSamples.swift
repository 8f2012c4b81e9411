import LossAtlasCore

/// A scalar view sampled once, densely, for every property to read: the
/// properties never re-sweep the function, they share these arrays.
///
/// The samples are:
/// - `interior`: a dense linear grid over the *search interval*, the plot
///   range widened by its own width on each side and clipped to the domain,
///   merged with the breakpoints and the closed domain ends;
/// - `outer`: points from the search interval's edge outward to the
///   domain's ends, geometrically spaced (20 a decade) up to 1e300, where
///   limits and far-field behaviour are read.
/// All samples are sorted by x and carry f, f', f''.
public struct ViewSamples: Sendable {
  public let view: ScalarView
  /// Sorted sample points (interior and outer together).
  public let xs: [Double]
  public let values: [Double]
  public let d1: [Double]
  public let d2: [Double]
  /// Signs, extreme samples and sign-change brackets, from one pass.
  public let summary: SampleSummary
  /// The search interval (where critical points and attained extremes are sought).
  public let search: ClosedRange<Double>
  /// Far-field sequences toward each end of the domain, ordered outward
  /// (the last element is the farthest point), for limits.
  public let towardLower: [(x: Double, jet: Jet)]
  public let towardUpper: [(x: Double, jet: Jet)]

  /// Samples `view` with `count` interior points.
  public init(_ view: ScalarView, count: Int = 20_001) {
    self.view = view
    let domain = view.domain
    let width = view.plotRange.upperBound - view.plotRange.lowerBound
    var lo = view.plotRange.lowerBound - width
    var hi = view.plotRange.upperBound + width
    for b in view.breakpoints {
      lo = min(lo, b - width / 4)
      hi = max(hi, b + width / 4)
    }
    // Clip to the domain; an open end is approached by the outer samples,
    // so the search interval stops halfway between it and the plot range.
    if lo <= domain.lower {
      lo = domain.lowerClosed ? domain.lower : domain.lower + (view.plotRange.lowerBound - domain.lower) / 2
    }
    if hi >= domain.upper {
      hi = domain.upperClosed ? domain.upper : domain.upper - (domain.upper - view.plotRange.upperBound) / 2
    }
    search = lo...hi

    // The dense grid is sorted already; the few extra points (breakpoints,
    // far samples) are sorted on their own and merged in while the grid is
    // generated, so the million points are neither re-sorted nor copied.
    let lowerFar = ViewSamples.outward(from: lo, toward: domain.lower, closed: domain.lowerClosed)
    let upperFar = ViewSamples.outward(from: hi, toward: domain.upper, closed: domain.upperClosed)
    // Open domain ends are approached, never evaluated.
    let extra = (view.breakpoints + lowerFar + upperFar).filter(domain.contains).sorted()
    let n = max(count, 2)
    let step = (hi - lo) / Double(n - 1)
    let unique = [Double](unsafeUninitializedCapacity: n + extra.count) { buffer, filled in
      var k = 0
      var j = 0
      func push(_ x: Double) {
        // Drop duplicates (a breakpoint on the grid, the search edge twice).
        if k > 0 && buffer[k - 1] == x { return }
        buffer[k] = x
        k += 1
      }
      // The grid runs from lo to hi, which were clipped into the domain
      // above; when both are inside (always, for the catalog's views) the
      // million grid points need no domain test each.
      let checked = !(domain.contains(lo) && domain.contains(hi))
      // Four grid points at a time where no extra point falls among them
      // (the fourth is below the next extra one) and the grid strictly
      // increases, so that only the first can repeat the point before it.
      // The grid strictly increases when the step exceeds the rounding
      // errors of i * step (half an ulp of |i * step| <= 2n * step) and of
      // lo + i * step (half an ulp of at most 4 max(|lo|, |hi|)) together,
      // with a factor 2 to spare; NaN and infinite steps fail the test.
      let m = max(abs(lo), abs(hi))
      let strict = !checked && step > 2 * ((4 * m).ulp + (2 * Double(n) * step).ulp)
      extra.withUnsafeBufferPointer { extra in
        var i = 0
        while i < n {
          if strict && n - 1 - i >= 4 {
            let next = j < extra.count ? extra[j] : .infinity
            let d = Double(i)
            let (x0, x1, x2, x3) = (lo + d * step, lo + (d + 1) * step, lo + (d + 2) * step, lo + (d + 3) * step)
            if x3 < next && (k == 0 || buffer[k - 1] != x0) {
              (buffer[k], buffer[k + 1], buffer[k + 2], buffer[k + 3]) = (x0, x1, x2, x3)
              k += 4
              i += 4
              continue
            }
          }
          let x = i == n - 1 ? hi : lo + Double(i) * step
          while j < extra.count && extra[j] <= x {
            push(extra[j])
            j += 1
          }
          if !checked || domain.contains(x) { push(x) }
          i += 1
        }
      }
      while j < extra.count {
        push(extra[j])
        j += 1
      }
      filled = k
    }
    self.xs = unique

    // The sweep with the summary folded in, block by block: one pass
    // over memory.
    let f = view.evaluate
    var accumulator = SampleSummary.Accumulator()
    let (v, g, h) = Sweep.jets(f, at: unique) { range, v, g, h in accumulator.add(range, values: v, d1: g, d2: h) }
    (values, d1, d2) = (v, g, h)
    summary = accumulator.summary
    // The far points inside the domain were swept with the grid: their
    // jets are read back, not evaluated again.
    towardLower = ViewSamples.farJets(lowerFar, xs: unique, values: v, d1: g, d2: h, evaluate: f)
    towardUpper = ViewSamples.farJets(upperFar, xs: unique, values: v, d1: g, d2: h, evaluate: f)
  }

  /// Points from `start` toward `end` (an infinity or a finite domain end),
  /// 20 a decade in the distance, ending at 1e300 in magnitude (or at the
  /// finite end itself when it is closed, or 1e-300 short of it when open).
  static func outward(from start: Double, toward end: Double, closed: Bool) -> [Double] {
    var points: [Double] = []
    if end.isInfinite {
      let sign: Double = end > 0 ? 1 : -1
      // Distances from max(|start|, 1) to 1e300.
      let first = max(abs(start), 1)
      // 10^k for k from k0 in steps of 0.05 (memoised by k0, see OutwardPowers).
      let powers = OutwardPowers.decades(from: (log10(first) * 20).rounded(.up) / 20)
      points.reserveCapacity(powers.count + 1)
      for p in powers {
        let x = sign * p
        if sign > 0 ? x > start : x < start { points.append(x) }
      }
      points.append(sign * 1e300)
    } else {
      // Toward a finite end: distances 10^-1 ... 10^-300 of the gap.
      let gap = abs(end - start)
      guard gap > 0 else { return closed ? [end] : [] }
      let dir: Double = end > start ? 1 : -1
      // 10^-k for k = 1, 1.25, ..., 300, from a table (see OutwardPowers).
      let fractions = OutwardPowers.gapFractions
      points.reserveCapacity(fractions.count + 1)
      for fraction in fractions {
        let x = end - dir * gap * fraction
        if x != end && (dir > 0 ? x > start : x < start) { points.append(x) }
      }
      if closed { points.append(end) }
    }
    var unique: [Double] = []
    unique.reserveCapacity(points.count)
    for x in points where unique.last != x { unique.append(x) }
    return unique
  }

  /// Indices of the samples inside the search interval.
  public var searchIndices: Range<Int> {
    indices(from: search.lowerBound, through: search.upperBound)
  }

  /// The first index whose x is not below `x` (binary search; xs is sorted).
  public func lowerIndex(_ x: Double) -> Int {
    var lo = 0
    var hi = xs.count
    while lo < hi {
      let mid = (lo + hi) / 2
      if xs[mid] < x { lo = mid + 1 } else { hi = mid }
    }
    return lo
  }

  /// Indices of the samples with a <= x <= b.
  public func indices(from a: Double, through b: Double) -> Range<Int> {
    let start = lowerIndex(a)
    var end = lowerIndex(b)
    while end < xs.count && xs[end] <= b { end += 1 }
    return start..<max(start, end)
  }
}
