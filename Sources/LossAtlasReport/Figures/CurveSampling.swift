import LossAtlasAnalysis
import LossAtlasCharts
import LossAtlasCore

// MARK: - SampledCurve

/// A scalar view sampled for drawing: value and derivative at the same x.
///
/// Points are evenly spaced over the drawn range, restricted to the view's
/// domain, plus points crowding in on both ends (at 10⁻³ ... 10⁻¹² of the
/// range's width from them) so that a curve rising to +∞ at an end (bce at
/// p = 0) is drawn up to the frame instead of stopping at the last grid
/// point. At each breakpoint the curve is sampled just left and just right
/// of it; where the analysis found that the value (or the derivative) jumps
/// there, a NaN between the two sides breaks that line, so a jump is drawn
/// as a gap and never as a steep segment. Non-finite values are NaN too:
/// the charts layer breaks the line there.
struct SampledCurve {
  var x: [Double] = []
  var value: [Double] = []
  var d1: [Double] = []
  /// Whether each point is one of the evenly spaced ones (axis ranges are
  /// judged on those alone, so the crowded ends do not weigh more).
  var onGrid: [Bool] = []

  /// Samples `view` over `range` with `count` evenly spaced points.
  ///
  /// - Parameter breakpoints: the analysis' breakpoints of this view (their
  ///   jumps decide where lines break).
  init(
    _ view: ScalarView, over range: ClosedRange<Double>, count: Int = FigureStyle.samples,
    breakpoints: [BreakpointSmoothness]
  ) {
    let span = range.upperBound - range.lowerBound
    let eps = span * 1e-9
    let inside = breakpoints.filter { $0.x > range.lowerBound && $0.x < range.upperBound }
    let n = max(count, 2)
    // Each point carries whether it is on the grid and whether the lines
    // break just after it.
    var points: [(x: Double, grid: Bool, breakValue: Bool, breakD1: Bool)] = (0..<n).map { i in
      (i == n - 1 ? range.upperBound : range.lowerBound + Double(i) * span / Double(n - 1), true, false, false)
    }
    for k in 3...12 {
      let d = span * DepthFigure.pow10(-k)
      points.append((range.lowerBound + d, false, false, false))
      points.append((range.upperBound - d, false, false, false))
    }
    points.removeAll { p in inside.contains { abs(p.x - $0.x) <= 2 * eps } }
    for b in inside {
      let valueJumps = b.jumps.first.map { $0 != 0 } ?? false
      let slopeJumps = b.jumps.count > 1 && b.jumps[1] != 0
      points.append((b.x - eps, false, valueJumps, slopeJumps))
      points.append((b.x + eps, false, false, false))
    }
    points.sort { $0.x < $1.x }
    for p in points where view.domain.contains(p.x) {
      let j = view.evaluate(p.x)
      x.append(p.x)
      value.append(j.value.isFinite ? j.value : .nan)
      d1.append(j.d1.isFinite ? j.d1 : .nan)
      onGrid.append(p.grid)
      if p.breakValue || p.breakD1 {
        x.append(p.x + eps)
        value.append(p.breakValue ? .nan : value.last!)
        d1.append(p.breakD1 ? .nan : d1.last!)
        onGrid.append(false)
      }
    }
  }

  /// The values at the evenly spaced points.
  var gridValues: [Double] { zip(value, onGrid).filter(\.1).map(\.0) }
  /// The derivatives at the evenly spaced points.
  var gridD1: [Double] { zip(d1, onGrid).filter(\.1).map(\.0) }
}

// MARK: - RobustRange

/// The y-extent of a curve with blow-ups cut off.
///
/// The 2nd and 98th percentiles of the finite values (over evenly spaced x)
/// give the curve's body; an end that lies more than half the body's span
/// beyond it (−log p near p = 0, 1/p) is cut there and marked as clipped,
/// otherwise the true extreme is kept (e^(−s) on [−2, 3] is shown whole).
struct RobustRange {
  var lower: Double
  var upper: Double
  var clippedLower = false
  var clippedUpper = false

  init(lower: Double, upper: Double, clippedLower: Bool = false, clippedUpper: Bool = false) {
    self.lower = lower
    self.upper = upper
    self.clippedLower = clippedLower
    self.clippedUpper = clippedUpper
  }

  /// The range of `values`, or nil when none is finite.
  init?(_ values: [Double]) {
    let v = values.filter(\.isFinite).sorted()
    guard let lo = v.first, let hi = v.last else { return nil }
    let q02 = v[(v.count - 1) * 2 / 100]
    let q98 = v[(v.count - 1) * 98 / 100]
    let body = q98 - q02
    lower = lo
    upper = hi
    if body > 0 {
      if hi > q98 + body / 2 {
        upper = q98 + body / 2
        clippedUpper = true
      }
      if lo < q02 - body / 2 {
        lower = q02 - body / 2
        clippedLower = true
      }
    }
  }

  /// The union of a primary curve's range with others', where the others
  /// may not stretch the axis beyond 1.25 × the primary's largest magnitude
  /// (so the mirrored view of e^(−ys), e^s, does not squash the primary to
  /// the bottom fifth: it leaves through the frame instead).
  static func combined(_ ranges: [RobustRange], peers: Bool) -> RobustRange {
    guard let first = ranges.first else { return RobustRange(lower: 0, upper: 1) }
    guard peers else { return combined(primary: first, others: Array(ranges.dropFirst())) }
    // Peers: the widest range is the primary, so no member is clipped by
    // the 1.25 x rule because another came first.
    let k = ranges.indices.max { max(abs(ranges[$0].lower), abs(ranges[$0].upper)) < max(abs(ranges[$1].lower), abs(ranges[$1].upper)) }!
    var others = ranges
    let primary = others.remove(at: k)
    return combined(primary: primary, others: others)
  }

  static func combined(primary p: RobustRange, others: [RobustRange]) -> RobustRange {
    var r = p
    let m = max(abs(p.lower), abs(p.upper))
    for o in others {
      if o.upper > r.upper {
        if m > 0 && o.upper > 1.25 * m {
          r.upper = max(r.upper, m)
          r.clippedUpper = true
        } else {
          r.upper = o.upper
          r.clippedUpper = r.clippedUpper || o.clippedUpper
        }
      }
      if o.lower < r.lower {
        if m > 0 && o.lower < -1.25 * m {
          r.lower = min(r.lower, -m)
          r.clippedLower = true
        } else {
          r.lower = o.lower
          r.clippedLower = r.clippedLower || o.clippedLower
        }
      }
    }
    return r
  }

  /// The union of several curves' ranges, except that a curve reaching
  /// beyond twice the next-largest extent (mse's r² beside mae's |r|) is
  /// cut at 1.25 times that extent and leaves through the frame. With fewer
  /// than three curves it is the plain union.
  static func consensus(_ ranges: [RobustRange]) -> RobustRange {
    guard let lower = ranges.map(\.lower).min(), let upper = ranges.map(\.upper).max() else {
      return RobustRange(lower: 0, upper: 1)
    }
    var r = RobustRange(
      lower: lower, upper: upper, clippedLower: ranges.contains { $0.lower == lower && $0.clippedLower },
      clippedUpper: ranges.contains { $0.upper == upper && $0.clippedUpper })
    guard ranges.count >= 3 else { return r }
    let uppers = ranges.map(\.upper).sorted(by: >)
    if uppers[1] > 0 && uppers[0] > 2 * uppers[1] {
      r.upper = 1.25 * uppers[1]
      r.clippedUpper = true
    }
    let lowers = ranges.map(\.lower).sorted()
    if lowers[1] < 0 && lowers[0] < 2 * lowers[1] {
      r.lower = 1.25 * lowers[1]
      r.clippedLower = true
    }
    return r
  }

  /// The axis range to draw: 5% margins on unclipped ends, 0 brought in
  /// when the data come close to it (a loss's floor, a derivative that is
  /// 0 on a piece) or when the curve is constant.
  var axisRange: ClosedRange<Double> {
    var lo = lower
    var hi = upper
    let span = hi - lo
    if span <= 1e-12 * max(abs(lo), abs(hi), 1e-300) {
      // A constant: show it against 0 (or ±1 around 0).
      if lo > 0 { lo = 0 } else if hi < 0 { hi = 0 } else { lo = -1; hi = 1 }
    } else {
      if lo > 0 && lo <= 0.5 * hi && !clippedLower { lo = 0 }
      if hi < 0 && hi >= 0.5 * lo && !clippedUpper { hi = 0 }
    }
    let margin = 0.05 * (hi - lo)
    return (clippedLower ? lo : lo - margin)...(clippedUpper ? hi : hi + margin)
  }
}
