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
      func outside(_ v: Double) -> Bool { !domain.contains(v) || v == end }
      if direction > 0 {
        while last >= -top && outside(format.value(ordinal: last)) { last -= 1 }
      } else {
        while last <= top && outside(format.value(ordinal: last)) { last += 1 }
      }
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
    var out: [UInt64] = []
    let lead = range.upperBound - range.lowerBound < leading ? range.upperBound : range.lowerBound + leading - 1
    out.append(contentsOf: range.lowerBound...lead)
    // Ordinals of the range, ascending.
    let a = ordinal(range.lowerBound)
    let b = ordinal(range.upperBound)
    let lo = Swift.min(a, b)
    let hi = Swift.max(a, b)
    let bits = Int64(format.significandBits)
    // Magnitude segments [m0, m1] of each sign; binade e holds magnitudes
    // [e << bits, ((e + 1) << bits) - 1].
    var segments: [(sign: Int64, m0: Int64, m1: Int64)] = []
    if hi >= 0 { segments.append((1, Swift.max(lo, 0), hi)) }
    if lo < 0 { segments.append((-1, Swift.max(-hi, 0), -lo)) }
    for s in segments {
      var e = s.m0 >> bits
      while (e << bits) <= s.m1 {
        let p0 = Swift.max(e << bits, s.m0)
        let p1 = Swift.min(((e + 1) << bits) - 1, s.m1)
        for k in 0..<perBinadeEnds {
          out.append(index(ordinal: s.sign * Swift.min(p0 + k, p1)))
          out.append(index(ordinal: s.sign * Swift.max(p1 - k, p0)))
        }
        if perBinadeSpread > 0 {
          for k in 1...perBinadeSpread { out.append(index(ordinal: s.sign * (p0 + (p1 - p0) / (perBinadeSpread + 1) * k))) }
        }
        e += 1
      }
    }
    // Sorted, then repeats dropped (not through a Set: the picks come in
    // ascending runs, which the sort merges cheaply, where a Set's hash
    // order would hand it 17,000 shuffled Float64 indices per call).
    out.sort()
    var unique: [UInt64] = []
    unique.reserveCapacity(out.count)
    for i in out where range.contains(i) && unique.last != i { unique.append(i) }
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
