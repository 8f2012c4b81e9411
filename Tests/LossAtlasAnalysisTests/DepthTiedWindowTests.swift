import LossAtlasCore
import Testing

@testable import LossAtlasAnalysis

/// ``GradientDepth/windowMedian(of:scratch:)`` answers at once when the
/// window's bounds are equal and its values have the same bits (session
/// 22: the piecewise-linear activations' windows hold up to 10,000 equal
/// products, which the selection used to partition). Pinned against the
/// window median as it was (main ec97eb9, kept verbatim below), bit for
/// bit and nil for nil, on tied data of every kind: +0, -0, +0 beside -0
/// (equal, not the same bits: the selection must still decide), ones,
/// infinities, subnormals, the largest finite (whose sum overflows), ties
/// around random values, and NaN among ties. (Mutation tried: the shortcut
/// on p1 == p2 alone, without the same-bits check: 42 failures, all with
/// +0 beside -0.)
@Suite struct DepthTiedWindowTests {
  /// windowMedian and middlePair as they were, verbatim but for naming the
  /// type's select (main ec97eb9).
  enum OldWindow {
    static func windowMedian(of a: [Double], scratch: inout [Double]) -> Double? {
      let n = a.count
      precondition(scratch.count >= n, "median: scratch holds \(scratch.count) < \(n)")
      let stride = 25
      let sampleCount = n / stride
      guard n % 2 == 0 && sampleCount >= 100 else { return nil }
      var sample = [Double](unsafeUninitializedCapacity: sampleCount) { buffer, filled in
        for j in 0..<sampleCount { buffer[j] = a[j * stride] }
        filled = sampleCount
      }
      // The sample's rank of the middle has a standard deviation of about
      // sqrt(sampleCount / 4) ranks.
      let centre = sampleCount / 2
      let margin = Int(2.5 * (Double(sampleCount) / 4).squareRoot()) + 1
      let p1 = GradientDepth.select(&sample, max(0, centre - margin))
      let p2 = GradientDepth.select(&sample, min(sampleCount - 1, centre + margin))
      let k = n / 2 - 1
      var below = 0
      var window = 0
      a.withUnsafeBufferPointer { a in
        scratch.withUnsafeMutableBufferPointer { w in
          for v in a {
            // Written always, kept (window advanced) only inside [p1, p2].
            w[window] = v
            window += v >= p1 && v <= p2 ? 1 : 0
            below += v < p1 ? 1 : 0
          }
        }
      }
      if below <= k && k + 1 < below + window {
        return scratch.withUnsafeMutableBufferPointer { w in
          OldWindow.middlePair(UnsafeMutableBufferPointer(rebasing: w[0..<window]), k - below)
        }
      }
      return nil
    }

    private static func middlePair(_ w: UnsafeMutableBufferPointer<Double>, _ k: Int) -> Double {
      let lower = GradientDepth.floydRivestSelect(w, k)
      var upper = w[k + 1]
      for v in w[(k + 1)...] where v < upper { upper = v }
      let sum = lower + upper
      return sum.isFinite ? sum / 2 : lower / 2 + upper / 2
    }
  }

  /// `n` values, a share `tied` of them `tie` (or, for `tie` = 0 with
  /// `mixedZeros`, +0 and -0 at random), the rest uniform in [0, 2) (and
  /// now and then NaN when `nan`).
  static func data(_ n: Int, seed: UInt64, tie: Double, tied: Double, mixedZeros: Bool = false, nan: Bool = false) -> [Double] {
    var rng = SplitMix64(seed: seed)
    return (0..<n).map { _ in
      if rng.nextUnit() < tied {
        return mixedZeros && rng.next() & 1 == 1 ? -tie : tie
      }
      if nan && rng.nextUnit() < 0.01 { return .nan }
      return 2 * rng.nextUnit()
    }
  }

  static func same(_ a: Double?, _ b: Double?) -> Bool {
    switch (a, b) {
    case (nil, nil): return true
    case (let x?, let y?): return x.bitPattern == y.bitPattern || (x.isNaN && y.isNaN)
    default: return false
    }
  }

  @Test("the window median with the tied shortcut equals the window median as it was, bit for bit and nil for nil: ties of +0, -0, mixed signed zeros, ones, infinities, subnormals, the largest finite, NaN among them; 10 to 100 % tied; even and odd counts")
  func tiedWindows() {
    let ties: [Double] = [0, -0.0, 1, .infinity, .leastNonzeroMagnitude, 0x1p-1060, .greatestFiniteMagnitude, 0.25]
    var compared = 0
    var tiedAnswers = 0
    var mixedSigns = Set<UInt64>()
    for n in [2_500, 5_000, 9_999, 10_000, 20_000] {
      for tie in ties {
        for tied in [0.1, 0.45, 0.55, 0.7, 0.9, 1.0] {
          for (mixed, nan) in [(false, false), (true, false), (false, true)] {
            if mixed && tie != 0 { continue }
            for seed in UInt64(1)...4 {
              let a = Self.data(n, seed: seed &* 7919 &+ UInt64(n), tie: tie, tied: tied, mixedZeros: mixed, nan: nan)
              var s1 = [Double](repeating: .nan, count: n + 2)
              var s2 = s1
              let new = GradientDepth.windowMedian(of: a, scratch: &s1)
              let old = OldWindow.windowMedian(of: a, scratch: &s2)
              #expect(Self.same(new, old), "n \(n), tie \(tie), \(tied) tied, mixed zeros \(mixed), NaN \(nan), seed \(seed): \(String(describing: new)) against \(String(describing: old))")
              compared += 1
              if let old, old == tie { tiedAnswers += 1 }
              if mixed, let old, old == 0 { mixedSigns.insert(old.bitPattern) }
            }
          }
        }
      }
    }
    // The tied answers came up often, and with mixed zeros the selection
    // gave both signs (what a shortcut taken on equal, not identical,
    // values could get wrong).
    #expect(compared > 1000 && tiedAnswers > compared / 4, "\(tiedAnswers) tied answers of \(compared)")
    #expect(mixedSigns.count == 2, "signs of the zero medians with mixed zeros: \(mixedSigns)")
  }

  @Test("sameBits: all the same bits, or not (-0 beside +0, one different element first or last, NaNs of two payloads)")
  func sameBits() {
    func check(_ values: [Double], _ expected: Bool) {
      var v = values
      v.withUnsafeMutableBufferPointer { #expect(GradientDepth.sameBits($0) == expected, "\(values)") }
    }
    check([0], true)
    check([0, 0, 0], true)
    check([-0.0, -0.0], true)
    check([0, -0.0], false)
    check([-0.0, 0, 0], false)
    check([1, 1, 1, 1, 1, 1, 1, 1, 1, 1.0000000000000002], false)
    check([2, 1, 1, 1, 1, 1, 1, 1, 1, 1], false)
    check([.infinity, .infinity], true)
    check([Double(nan: 1, signaling: false), Double(nan: 2, signaling: false)], false)
  }
}
