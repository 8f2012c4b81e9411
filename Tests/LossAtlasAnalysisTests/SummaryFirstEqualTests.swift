import LossAtlasCore
import Testing

@testable import LossAtlasAnalysis

/// ``SampleSummary/Accumulator/firstIndex(_:in:equalTo:magnitude:)``
/// (session 21, precision-fast) against the scan it replaces in the quiet
/// blocks, `range.first { p[$0] == target }` and
/// `range.first { abs(p[$0]) == target }` (main 8fe79c5), on hostile data:
/// NaN, ±inf, ±0, subnormals, targets absent, at every position of every
/// group of four, ranges starting and ending anywhere. (The whole summary
/// is pinned against main 03bd8ba's accumulator by SummaryFastPathTests.)
@Suite struct SummaryFirstEqualTests {
  @Test("firstIndex equals range.first(where:) with == and with abs ==, on hostile data and every range of a 23-sample array")
  func matchesTheScan() {
    let palette: [Double] = [.nan, .infinity, -.infinity, 0, -0.0, 0x1p-1074, -0x1p-1074, 1, -1, 2.5, -2.5, .greatestFiniteMagnitude]
    var rng = SplitMix64(seed: 0x6669_7273_74)
    var hits = 0
    var failures = 0
    for _ in 0..<300 {
      var a = (0..<23).map { _ in palette[Int(rng.next() % UInt64(palette.count))] }
      a.withUnsafeMutableBufferPointer { p in
        for lower in 0...23 {
          for upper in lower...23 {
            let range = lower..<upper
            for target in palette {
              let plain = range.first { p[$0] == target }
              let magnitude = range.first { abs(p[$0]) == target }
              if SampleSummary.Accumulator.firstIndex(p, in: range, equalTo: target, magnitude: false) != plain { failures += 1 }
              if SampleSummary.Accumulator.firstIndex(p, in: range, equalTo: target, magnitude: true) != magnitude { failures += 1 }
              if plain != nil { hits += 1 }
            }
          }
        }
      }
    }
    #expect(failures == 0)
    #expect(hits > 100_000)
  }
}
