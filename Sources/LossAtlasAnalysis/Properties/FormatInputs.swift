import LossAtlasCore

/// The inputs representable in a format along one direction of a view, from
/// the first one beyond the plot centre out to the domain's end (the
/// format's largest finite value toward an infinite end), indexed
/// 0, 1, 2, ... outward.
///
/// Threshold searches work on these indices: bisection halves an index
/// range, so it ends on two adjacent representable inputs of the format.
public struct FormatInputs: Sendable {
  public let format: NumberFormat
  /// -1 toward -inf (or the lower end), +1 toward +inf (or the upper end).
  public let direction: Int
  /// The ordinal of the input at index 0.
  public let firstOrdinal: Int64
  /// How many inputs there are (0 when the format has none in that
  /// direction). Unsigned: from 3 toward −∞, Float64 has about 1.4×10¹⁹.
  public private(set) var count: UInt64

  /// The inputs of `format` in `domain` beyond `centre` toward `direction`.
  public init(format: NumberFormat, direction: Int, centre: Double, domain: RealInterval) {
    self.format = format
    self.direction = direction
    let top = format.greatestOrdinal
    // The first representable input strictly beyond the centre.
    let c = Swift.min(Swift.max(centre, -format.greatestFinite), format.greatestFinite)
    var first = format.ordinal(format.round(c))
    if direction > 0 {
      while first <= top && format.value(ordinal: first) <= c { first += 1 }
    } else {
      while first >= -top && format.value(ordinal: first) >= c { first -= 1 }
    }
    // The last one inside the domain, short of a finite end: the study
    // is about approaching the end (bce's value at p = 0 is infinite by
    // definition, not by overflow).
    let end = direction > 0 ? domain.upper : domain.lower
    var last: Int64
    if end.isInfinite || abs(end) > format.greatestFinite {
      last = direction > 0 ? top : -top
    } else {
      last = format.ordinal(format.round(end))
      // Walk back from the end past inputs that are outside the domain (or the end itself),
      // stopping once past the domain's other end: no input beyond it is inside, and the count
      // below is then 0 (the first input is past it too, or after `last`). It went on to the far
      // end of the format before, 2^63 steps in Float64 for a one-point domain [1, 1], where
      // every input is outside or the end: `properties` never finished.
      func skipped(_ v: Double) -> Bool {
        let pastOtherEnd = direction > 0 ? v < domain.lower : v > domain.upper
        return (!domain.contains(v) || v == end) && !pastOtherEnd
      }
      let step: Int64 = direction > 0 ? -1 : 1
      while (direction > 0 ? last >= -top : last <= top) && skipped(format.value(ordinal: last)) { last += step }
    }
    firstOrdinal = first
    let ordered = direction > 0 ? last >= first : first >= last
    // Two's-complement wrapping: the true difference is in [0, 2^64).
    let span = UInt64(bitPattern: direction > 0 ? last &- first : first &- last)
    count = ordered && domain.contains(format.value(ordinal: first)) ? span + 1 : 0
  }

  /// The input at index `i` (0 is nearest the centre).
  public func x(_ i: UInt64) -> Double {
    format.value(ordinal: ordinal(i))
  }

  /// The ordinal at index `i` (wrapping arithmetic: the result is in range).
  func ordinal(_ i: UInt64) -> Int64 {
    let step = Int64(bitPattern: i)
    return direction > 0 ? firstOrdinal &+ step : firstOrdinal &- step
  }

  /// The index of a representable input `x` (inverse of ``x(_:)``).
  public func index(_ x: Double) -> UInt64 { index(ordinal: format.ordinal(x)) }

  func index(ordinal o: Int64) -> UInt64 {
    UInt64(bitPattern: direction > 0 ? o &- firstOrdinal : firstOrdinal &- o)
  }

  /// Indices to spot-check in `range`: the first and last few of every
  /// binade the range crosses and a few spread evenly inside it, plus the
  /// first `leading` indices of the range. Sorted, without repeats.
  public func spotChecks(in range: ClosedRange<UInt64>, perBinadeEnds: Int64 = 2, perBinadeSpread: Int64 = 4, leading: UInt64 = 1024) -> [UInt64] {
    let lead = range.upperBound - range.lowerBound < leading ? range.upperBound : range.lowerBound + leading - 1
    // Ordinals of the range, ascending.
    let a = ordinal(range.lowerBound)
    let b = ordinal(range.upperBound)
    let lo = Swift.min(a, b)
    let hi = Swift.max(a, b)
    let bits = Int64(format.significandBits)
    // The picks of the magnitudes [m0, m1] of one sign, ascending: binade e
    // holds magnitudes [e << bits, ((e + 1) << bits) - 1], and the binades
    // are disjoint and visited upward. In a binade of width w = p1 - p0
    // whose spread step w / (spread + 1) is at least `ends` (and w ≥ 2 ends)
    // the picks are in order as first ends, spread, last ends: the spread
    // ones lie a step or more inside each end. A narrower binade (a range
    // end, a tiny format) has its few picks sorted on their own.
    func magnitudes(_ m0: Int64, _ m1: Int64) -> [Int64] {
      var out: [Int64] = []
      var e = m0 >> bits
      while (e << bits) <= m1 {
        let p0 = Swift.max(e << bits, m0)
        let p1 = Swift.min(((e + 1) << bits) - 1, m1)
        let step = (p1 - p0) / (perBinadeSpread + 1)
        if step >= perBinadeEnds && p1 - p0 >= 2 * perBinadeEnds {
          for k in 0..<perBinadeEnds { out.append(p0 + k) }
          if perBinadeSpread > 0 {
            for k in 1...perBinadeSpread { out.append(p0 + step * k) }
          }
          for k in 0..<perBinadeEnds { out.append(p1 - (perBinadeEnds - 1) + k) }
        } else {
          var binade: [Int64] = []
          for k in 0..<perBinadeEnds {
            binade.append(Swift.min(p0 + k, p1))
            binade.append(Swift.max(p1 - k, p0))
          }
          if perBinadeSpread > 0 {
            for k in 1...perBinadeSpread { binade.append(p0 + step * k) }
          }
          out.append(contentsOf: binade.sorted())
        }
        e += 1
      }
      return out
    }
    // The binade picks as ordinals, ascending: the negative ones (their
    // magnitudes descending), then the positive ones. Every pick lies in
    // [lo, hi], where the index is monotone in the ordinal (rising outward
    // from the centre), so reversing for direction -1 sorts them by index.
    var ordinals: [Int64] = []
    if lo < 0 { ordinals.append(contentsOf: magnitudes(Swift.max(-hi, 0), -lo).reversed().lazy.map { -$0 }) }
    if hi >= 0 { ordinals.append(contentsOf: magnitudes(Swift.max(lo, 0), hi)) }
    if direction < 0 { ordinals.reverse() }
    // Merged with the leading run (ascending too), repeats dropped: the
    // sorted, repeat-free union without a sort over all of them.
    var unique: [UInt64] = []
    unique.reserveCapacity(ordinals.count + Int(lead - range.lowerBound) + 1)
    func add(_ i: UInt64) {
      if range.contains(i) && unique.last.map({ $0 < i }) ?? true { unique.append(i) }
    }
    var j = 0
    for i in range.lowerBound...lead {
      while j < ordinals.count, index(ordinal: ordinals[j]) < i {
        add(index(ordinal: ordinals[j]))
        j += 1
      }
      add(i)
    }
    while j < ordinals.count {
      add(index(ordinal: ordinals[j]))
      j += 1
    }
    return unique
  }
}

extension FormatInputs {
  /// The first `n` inputs (those nearer the centre than index n).
  func prefix(_ n: UInt64) -> FormatInputs {
    var p = self
    p.count = Swift.min(n, count)
    return p
  }
}
