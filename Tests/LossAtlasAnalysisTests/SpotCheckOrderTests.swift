import LossAtlasCore
import Testing

@testable import LossAtlasAnalysis

/// The threshold search's spot checks (session 22, facts-fast) are made in
/// ascending order and merged (``FormatInputs/spotChecks(in:perBinadeEnds:perBinadeSpread:leading:)``),
/// and its earlier sample merges its two ascending kinds of picks
/// (``ThresholdSearch/earlierSample(_:)``), where main sorted every pick
/// and collected the earlier picks in a Set. Pinned here against main
/// 5e6c3a0's code, kept verbatim below, on the inputs of every catalog view
/// at its default parameters and on hostile ranges: one input, ranges
/// crossing ±0 and the subnormals, binades narrower than the picks, Float64
/// toward −∞ (about 1.4×10¹⁹ inputs), non-default pick counts.
@Suite struct SpotCheckOrderTests {
  enum Old {
    /// ``FormatInputs/spotChecks`` at main 5e6c3a0, verbatim apart from
    /// reading the format, `ordinal` and `index` from `inputs`.
    static func spotChecks(
      _ inputs: FormatInputs, in range: ClosedRange<UInt64>, perBinadeEnds: Int64 = 2, perBinadeSpread: Int64 = 4, leading: UInt64 = 1024
    ) -> [UInt64] {
      var out: [UInt64] = []
      let lead = range.upperBound - range.lowerBound < leading ? range.upperBound : range.lowerBound + leading - 1
      out.append(contentsOf: range.lowerBound...lead)
      // Ordinals of the range, ascending.
      let a = inputs.ordinal(range.lowerBound)
      let b = inputs.ordinal(range.upperBound)
      let lo = Swift.min(a, b)
      let hi = Swift.max(a, b)
      let bits = Int64(inputs.format.significandBits)
      var segments: [(sign: Int64, m0: Int64, m1: Int64)] = []
      if hi >= 0 { segments.append((1, Swift.max(lo, 0), hi)) }
      if lo < 0 { segments.append((-1, Swift.max(-hi, 0), -lo)) }
      for s in segments {
        var e = s.m0 >> bits
        while (e << bits) <= s.m1 {
          let p0 = Swift.max(e << bits, s.m0)
          let p1 = Swift.min(((e + 1) << bits) - 1, s.m1)
          for k in 0..<perBinadeEnds {
            out.append(inputs.index(ordinal: s.sign * Swift.min(p0 + k, p1)))
            out.append(inputs.index(ordinal: s.sign * Swift.max(p1 - k, p0)))
          }
          if perBinadeSpread > 0 {
            for k in 1...perBinadeSpread { out.append(inputs.index(ordinal: s.sign * (p0 + (p1 - p0) / (perBinadeSpread + 1) * k))) }
          }
          e += 1
        }
      }
      out.sort()
      var unique: [UInt64] = []
      unique.reserveCapacity(out.count)
      for i in out where range.contains(i) && unique.last != i { unique.append(i) }
      return unique
    }

    /// ``ThresholdSearch/earlierSample(_:)`` at main 5e6c3a0, verbatim apart
    /// from reading `inputs`, `holds` and `earlierPicks` from `search`.
    static func earlierSample(_ search: ThresholdSearch, _ t: UInt64) -> ThresholdSearch.Result {
      guard t > 0 else { return .init(index: 0, earlierHits: 0, earlierChecked: 0, earlier: nil, exhaustive: false) }
      let span = Swift.min(t, UInt64(1) << UInt64(search.inputs.format.significandBits))
      let start = t - span
      var picks = Set<UInt64>()
      let n = UInt64(search.earlierPicks)
      for k in Swift.max(start, t >= n ? t - n : 0)..<t { picks.insert(k) }
      for k in 0..<n { picks.insert(start + span / n * k) }
      let hits = picks.filter { search.holds($0) }.count
      return .init(
        index: t, earlierHits: Int64(hits), earlierChecked: Int64(picks.count), earlier: start...(t - 1), exhaustive: false)
    }
  }

  /// Counts a predicate's calls and the indices it was asked about.
  final class Calls {
    var asked: [UInt64] = []
  }

  /// Compares the spot checks on `range` with main's, for the default pick
  /// counts (and some others with `allCounts`).
  static func expectSameSpotChecks(_ inputs: FormatInputs, _ range: ClosedRange<UInt64>, _ label: String, allCounts: Bool = false) -> Int {
    var compared = 0
    let counts = [(Int64(2), Int64(4), UInt64(1024)), (0, 0, 1), (1, 0, 3), (3, 0, 1), (3, 5, 7), (2, 1, 100_000)]
    for (ends, spread, leading) in allCounts ? counts : [counts[0]] {
      let new = inputs.spotChecks(in: range, perBinadeEnds: ends, perBinadeSpread: spread, leading: leading)
      let old = Old.spotChecks(inputs, in: range, perBinadeEnds: ends, perBinadeSpread: spread, leading: leading)
      #expect(new == old, "\(label) \(range) ends \(ends) spread \(spread) leading \(leading): \(new.count) vs \(old.count)")
      compared += 1
    }
    return compared
  }

  /// Compares the earlier sample before `t` with main's: the same result
  /// and the same indices tested, each once.
  static func expectSameEarlierSample(_ inputs: FormatInputs, _ t: UInt64, picks: Int, _ holds: @escaping (UInt64) -> Bool, _ label: String) {
    let newCalls = Calls()
    let oldCalls = Calls()
    var new = ThresholdSearch(inputs: inputs) { i in
      newCalls.asked.append(i)
      return holds(i)
    }
    var old = ThresholdSearch(inputs: inputs) { i in
      oldCalls.asked.append(i)
      return holds(i)
    }
    new.earlierPicks = picks
    old.earlierPicks = picks
    let a = new.earlierSample(t)
    let b = Old.earlierSample(old, t)
    #expect(a == b, "\(label) t \(t) picks \(picks)")
    #expect(newCalls.asked == oldCalls.asked.sorted(), "\(label) t \(t) picks \(picks): the same indices, each once")
    #expect(Set(newCalls.asked).count == newCalls.asked.count)
  }

  /// Ranges a bisection can hand the spot checks: after the first input,
  /// the middle, the last few, one input, and random ones.
  static func ranges(_ n: UInt64, _ rng: inout SplitMix64) -> [ClosedRange<UInt64>] {
    var out: [ClosedRange<UInt64>] = [0...(n - 1), (n - 1)...(n - 1), 0...0, (n / 2)...(n - 1)]
    if n > 2 { out.append(1...(n - 1)) }
    if n > 1030 { out.append((n - 1030)...(n - 1)) }
    for _ in 0..<2 {
      let x = rng.next() % n
      out.append(x...(n - 1))
      out.append(x...Swift.min(n - 1, x + rng.next() % 3000))
    }
    return out
  }

  @Test("the spot checks and the earlier sample equal main's on every format's inputs of every catalog view at its default parameters, with the view's own rounding predicate")
  func everyCatalogView() {
    var rng = SplitMix64(seed: 22)
    var compared = 0
    var views = 0
    for spec in Catalog.all {
      for (k, view) in spec.views(spec.defaultParameters).enumerated() {
        views += 1
        let centre = (view.plotRange.lowerBound + view.plotRange.upperBound) / 2
        for format in NumberFormat.allCases where format != .float16 {
          for direction in [-1, 1] {
            let inputs = FormatInputs(format: format, direction: direction, centre: centre, domain: view.domain)
            let n = inputs.count
            guard n > 0 else { continue }
            let label = "\(spec.id) view \(k) \(format) \(direction)"
            for r in Self.ranges(n, &rng) { compared += Self.expectSameSpotChecks(inputs, r, label) }
            // The study's kind of predicate: the value rounds to what it
            // rounds to at the farthest input.
            let far = format.round(view.evaluate(inputs.x(n - 1)).value)
            let holds: (UInt64) -> Bool = { i in format.round(view.evaluate(inputs.x(i)).value) == far }
            let t = ThresholdSearch(inputs: inputs, holds: holds).run()?.index ?? n - 1
            for picks in [16, 256] {
              for u in [t, n - 1, 1 + rng.next() % n] { Self.expectSameEarlierSample(inputs, u, picks: picks, holds, label) }
            }
          }
        }
      }
    }
    #expect(views > 100)
    #expect(compared > 2_000)
  }

  @Test("the spot checks equal main's on hostile ranges: one input, across ±0 and the subnormals, the extreme ends of Float64 toward -inf, finite domains")
  func hostileRanges() {
    var rng = SplitMix64(seed: 2212)
    var compared = 0
    let domains = [
      RealInterval.realLine, RealInterval(0, 1, lowerClosed: false, upperClosed: false), RealInterval(-5, 1e10),
      RealInterval(-0x1p-1060, 0x1p-1070), RealInterval(-.infinity, 0),
    ]
    for format in NumberFormat.allCases {
      for direction in [-1, 1] {
        for centre: Double in [0.0, 3, -0.7, 0x1p-1074, 65504, -Double.greatestFiniteMagnitude] {
          for domain in domains {
            let inputs = FormatInputs(format: format, direction: direction, centre: centre, domain: domain)
            let n = inputs.count
            guard n > 0 else { continue }
            var ranges = Self.ranges(n, &rng)
            // Ranges whose ends are ±0, the smallest subnormals and the
            // largest finite inputs, where they are inputs here.
            let ends: [Double] = [0.0, -0.0, 0x1p-1074, -0x1p-1074, 0x1p-1022, -0x1p-1022, 1, -1, format.greatestFinite, -format.greatestFinite]
            for x in ends {
              let x = format.round(x)
              guard x.isFinite, domain.contains(x) else { continue }
              let i = inputs.index(x)
              guard i < n else { continue }
              let near: ClosedRange<UInt64> = (i > 2 ? i - 2 : 0)...Swift.min(n - 1, i + 2)
              ranges += [i...i, i...(n - 1), 0...i, near]
              // Binades cut to 3 to 5 inputs at a range end.
              for w: UInt64 in 2...4 where i >= w && i + w < n { ranges += [(i - w)...(i + w), (i - w)...(i + 1), (i - 1)...(i + w)] }
            }
            for r in ranges { compared += Self.expectSameSpotChecks(inputs, r, "\(format) \(direction) centre \(centre) \(domain)", allCounts: true) }
          }
        }
      }
    }
    #expect(compared > 2_000)
  }

  @Test("the earlier sample equals main's at thresholds 1, 2, picks - 1, picks, picks + 1, past one binade and far out, for 0, 1, 16, 256 and 1,000 picks, with predicates none, all, alternating and random")
  func earlierSampleHostile() {
    var rng = SplitMix64(seed: 77)
    let salt = rng.next()
    let predicates: [(String, (UInt64) -> Bool)] = [
      ("none", { _ in false }), ("all", { _ in true }), ("even", { $0 % 2 == 0 }),
      ("random", { i in (i &* 0x9E37_79B9_7F4A_7C15 ^ salt) >> 61 == 0 }),
    ]
    for format in NumberFormat.allCases {
      let inputs = FormatInputs(format: format, direction: -1, centre: 3, domain: .realLine)
      let n = inputs.count
      let binade = UInt64(1) << UInt64(format.significandBits)
      for picks in [0, 1, 16, 256, 1000] {
        let p = UInt64(picks)
        var ts: [UInt64] = [0, 1, 2, p, p + 1, binade - 1, binade, binade + 1, 3 * binade + 7, n - 1, n / 2]
        if p > 0 { ts.append(p - 1) }
        for _ in 0..<8 { ts.append(rng.next() % n) }
        for t in ts where t < n {
          for (name, holds) in predicates { Self.expectSameEarlierSample(inputs, t, picks: picks, holds, "\(format) \(name)") }
        }
      }
    }
  }
}
