import LossAtlasCore
import Testing

@testable import LossAtlasAnalysis

/// ``Saturation/crossings(_:threshold:)`` passes over groups of eight
/// samples with no crossing in two 4-lane compares (session 21,
/// precision-fast). Pinned here against the sample-by-sample pass it
/// replaces (main 8fe79c5, kept verbatim below) on every catalog view's
/// sampled f' at its default parameters and on hostile data: NaN, ±inf,
/// ±0, subnormals, samples exactly at the threshold, crossings at every
/// position of a group, every length from 0 to 40.
@Suite struct CrossingsFastPathTests {
  /// main 8fe79c5, verbatim.
  static func oldCrossings(_ d1: [Double], threshold: Double) -> [Int] {
    d1.withUnsafeBufferPointer { g in
      var found: [Int] = []
      guard g.count > 1 else { return found }
      var previous = abs(g[0]) < threshold
      for i in 1..<g.count {
        let below = abs(g[i]) < threshold
        if below != previous { found.append(i) }
        previous = below
      }
      return found
    }
  }

  @Test("crossings equal main's on every catalog view's f' (20,001 samples) at thresholds 1e-2, 1e-6 and 0.5 of max |f'|, and at 0, inf and NaN")
  func catalogViews() {
    var found = 0
    for spec in Catalog.all {
      for view in spec.views(spec.defaultParameters) {
        let s = ViewSamples(view, count: 20_001)
        let top = s.d1.reduce(0) { max($0, abs($1).isNaN ? $0 : abs($1)) }
        for t in [1e-2 * top, 1e-6 * top, 0.5 * top, 0, .infinity, .nan] {
          let new = Saturation.crossings(s.d1, threshold: t)
          #expect(new == Self.oldCrossings(s.d1, threshold: t), "\(spec.id) \(view.label) at \(t)")
          found += new.count
        }
      }
    }
    #expect(found > 100)
  }

  @Test("crossings equal main's on hostile data: NaN, ±inf, ±0, subnormals and samples exactly at the threshold, at every position of every group, lengths 0 to 40 and 10,000")
  func hostileData() {
    let specials: [Double] = [
      .nan, -.nan, .infinity, -.infinity, 0, -0.0, .leastNonzeroMagnitude, -.leastNonzeroMagnitude, 0x1p-1060, 1, -1, 0.5, -0.5,
      0.4999999999999999, 0.5000000000000001, .greatestFiniteMagnitude,
    ]
    var rng = SplitMix64(seed: 0x63_726f_7373)
    var checked = 0
    for n in Array(0...40) + [10_000] {
      for round in 0..<60 {
        // Mostly one side of the threshold (0.5), with a few specials
        // dropped in: long quiet stretches and isolated crossings.
        let side: Double = round % 2 == 0 ? 0.1 : 3
        let rate = [0.0, 0.01, 0.2, 1][round % 4]
        let data = (0..<n).map { _ in rng.nextUnit() < rate ? specials[Int(rng.nextUnit() * Double(specials.count))] : side }
        for t in [0.5, 0.5000000000000001, 0, .leastNonzeroMagnitude, .infinity, .nan] {
          #expect(Saturation.crossings(data, threshold: t) == Self.oldCrossings(data, threshold: t), "n = \(n), t = \(t)")
          checked += 1
        }
      }
    }
    // A single crossing at each position of the first groups.
    for n in [9, 17, 25, 100] {
      for k in 0..<n {
        for (a, b) in [(0.1, 3.0), (3.0, 0.1), (0.1, Double.nan), (Double.nan, 0.1), (0.5, 0.1), (-0.0, 0.5)] {
          let data = (0..<n).map { $0 < k ? a : b }
          #expect(Saturation.crossings(data, threshold: 0.5) == Self.oldCrossings(data, threshold: 0.5), "n = \(n), k = \(k), \(a) then \(b)")
        }
      }
    }
    #expect(checked > 10_000)
  }
}
