import LossAtlasCore
import Testing

@testable import LossAtlasAnalysis

/// The depth chain's medians come from a window around the middle
/// (`GradientDepth.median(of:scratch:)`, session 19) instead of a selection
/// over all 10,000 products. A median is an order statistic, so the two
/// must give the same number, bit for bit: pinned here against the chain
/// and the selection as they were (main 37efac3, kept verbatim below), on
/// every activation's own products, and on hostile data (ties, half
/// zeros, sorted, infinities, subnormals, a window that misses).
@Suite struct DepthChainFastPathTests {
  /// The chain before session 19, verbatim apart from naming the type's
  /// statics (the default seed's draws).
  enum OldDepthChain {
    static func simulate(_ view: ScalarView) -> GradientDepth {
      let n = GradientDepth.sampleCount
      // The same draws for every activation (common random numbers): the
      // comparison between activations is not blurred by sampling noise, and
      // the million normal draws are made once, not once per activation.
      let z = GradientDepth.sharedDraws
      var products = [Double](repeating: 1, count: n)
      var medians: [Double] = []
      var means: [Double] = []
      var scratch = [Double](repeating: 0, count: n)
      var vanish: Int?
      for depth in 1...GradientDepth.maxDepth {
        let base = (depth - 1) * (n / 2)
        var i = 0
        while i < n {
          let x = z[base + i / 2]
          products[i] *= abs(view.evaluate(x).d1)
          products[i + 1] *= abs(view.evaluate(-x).d1)
          i += 2
        }
        for k in 0..<n { scratch[k] = products[k] }
        let median = OldDepthChain.median(&scratch)
        var sum = 0.0
        for v in products { sum += v }
        medians.append(median)
        means.append(sum / Double(n))
        if vanish == nil && median < GradientDepth.threshold { vanish = depth }
      }
      return GradientDepth(depths: Array(1...GradientDepth.maxDepth), median: medians, mean: means, depthToVanish: vanish)
    }

    static func median(_ a: inout [Double]) -> Double {
      let n = a.count
      if n % 2 == 1 { return select(&a, n / 2) }
      // select leaves a partitioned around k (nothing after a[k] is smaller),
      // so the upper middle value is the smallest of the elements after it.
      let k = n / 2 - 1
      let lower = select(&a, k)
      var upper = a[k + 1]
      for v in a[(k + 1)...] where v < upper { upper = v }
      // The mean of the two, rounded once (halved first only if the sum overflows).
      let sum = lower + upper
      return sum.isFinite ? sum / 2 : lower / 2 + upper / 2
    }
    static func select(_ a: inout [Double], _ k: Int) -> Double {
      precondition(a.indices.contains(k), "select: k = \(k) outside 0..<\(a.count)")
      return a.withUnsafeMutableBufferPointer { floydRivest($0, k, 0, $0.count - 1) }
    }
    static func floydRivest(_ a: UnsafeMutableBufferPointer<Double>, _ k: Int, _ left: Int, _ right: Int) -> Double {
      var left = left
      var right = right
      while right > left {
        if right - left > 600 {
          let n = Double(right - left + 1)
          let i = Double(k - left + 1)
          let z = log(n)
          let s = 0.5 * exp(2 * z / 3)
          let sd = 0.5 * (z * s * (n - s) / n).squareRoot() * (i < n / 2 ? -1 : 1)
          let newLeft = max(left, Int(Double(k) - i * s / n + sd))
          let newRight = min(right, Int(Double(k) + (n - i) * s / n + sd))
          _ = floydRivest(a, k, newLeft, newRight)
        }
        // Partition a[left...right] around t = a[k] (Hoare-style, with t
        // moved to an end first so that both scans stop).
        let t = a[k]
        var i = left
        var j = right
        a.swapAt(left, k)
        if a[right] > t { a.swapAt(right, left) }
        while i < j {
          a.swapAt(i, j)
          i += 1
          j -= 1
          while a[i] < t { i += 1 }
          while a[j] > t { j -= 1 }
        }
        if a[left] == t {
          a.swapAt(left, j)
        } else {
          j += 1
          a.swapAt(j, right)
        }
        if j <= k { left = j + 1 }
        if k <= j { right = j - 1 }
      }
      return a[k]
    }
  }

  static func bits(_ a: [Double]) -> [UInt64] { a.map(\.bitPattern) }

  @Test("every activation's depth study is bit-identical to the old chain's")
  func everyActivation() {
    let activations = Catalog.all.filter { $0.family == .activation }
    #expect(activations.count == 26)
    for spec in activations {
      let new = GradientDepth.simulate(spec.primaryView)
      let old = OldDepthChain.simulate(spec.primaryView)
      #expect(Self.bits(new.median) == Self.bits(old.median), "\(spec.id): medians")
      #expect(Self.bits(new.mean) == Self.bits(old.mean), "\(spec.id): means")
      #expect(new.depthToVanish == old.depthToVanish, "\(spec.id): depth to vanish")
      #expect(new == old, "\(spec.id)")
    }
  }

  /// Data for the medians: the kinds of SelectionTests and the chain's.
  static func data(_ n: Int, seed: UInt64, kind: Int) -> [Double] {
    var rng = SplitMix64(seed: seed)
    let u = (0..<n).map { _ in rng.nextUnit() }
    switch kind {
    case 0: return u
    case 1: return u.map { $0 < 0.5 ? 0 : $0 }  // half exact zeros, as for relu
    case 2: return u.map { Double(Int($0 * 7)) }  // few distinct values: ties
    case 3: return u.map { Double.ulpOfOne * pow(1e300, $0) }  // 16 to 300 decades
    case 4: return u.sorted()
    case 5: return u.sorted(by: >)
    case 6: return [Double](repeating: 0.25, count: n)  // all tied
    case 7: return u.map { $0 < 0.3 ? Double.infinity : $0 }  // overflowed products
    case 8: return u.map { $0 < 0.45 ? .infinity : $0 < 0.9 ? .greatestFiniteMagnitude : $0 }  // middle sum overflows
    case 9: return u.map { $0 * 0x1p-1060 }  // subnormals
    case 10: return u.map { $0 < 0.5 ? 0 : .leastNonzeroMagnitude }
    default:
      // Hostile to the sample (every 25th value): the sampled values are
      // the largest, so the window sits far above the middle.
      return u.indices.map { $0 % 25 == 0 ? 10 + u[$0] : u[$0] }
    }
  }

  @Test("median(of:scratch:) equals the old median and a sort's, bit for bit", arguments: [2, 3, 10, 2_498, 2_500, 2_501, 5_000, 9_999, 10_000, 20_000])
  func medians(n: Int) {
    for kind in 0...11 {
      let a = Self.data(n, seed: UInt64(n * 100 + kind), kind: kind)
      var oldCopy = a
      let old = OldDepthChain.median(&oldCopy)
      let sorted = a.sorted()
      let sum = n % 2 == 1 ? 0 : sorted[n / 2 - 1] + sorted[n / 2]
      let bySort = n % 2 == 1 ? sorted[n / 2] : sum.isFinite ? sum / 2 : sorted[n / 2 - 1] / 2 + sorted[n / 2] / 2
      var scratch = [Double](repeating: .nan, count: n + 3)
      let new = GradientDepth.median(of: a, scratch: &scratch)
      #expect(new.bitPattern == old.bitPattern, "n \(n), kind \(kind): \(new) against \(old)")
      #expect(new.bitPattern == bySort.bitPattern, "n \(n), kind \(kind): \(new) against the sort's \(bySort)")
    }
  }

  @Test("the window path is the one taken on the chain's kind of data, and declines where it cannot answer")
  func windowTaken() {
    for kind in [0, 1, 2, 3, 4, 5, 6, 9, 10] {
      let a = Self.data(10_000, seed: UInt64(kind), kind: kind)
      var scratch = [Double](repeating: 0, count: 10_000)
      var copy = a
      let window = GradientDepth.windowMedian(of: a, scratch: &scratch)
      #expect(window?.bitPattern == OldDepthChain.median(&copy).bitPattern, "kind \(kind)")
    }
    // Every activation's products at depths 1, 2, 10 and 100 (the chain's own data).
    for spec in Catalog.all where spec.family == .activation {
      var products = [Double](repeating: 1, count: GradientDepth.sampleCount)
      let z = GradientDepth.sharedDraws
      for depth in 1...GradientDepth.maxDepth {
        let base = (depth - 1) * (GradientDepth.sampleCount / 2)
        for i in stride(from: 0, to: products.count, by: 2) {
          products[i] *= abs(spec.primaryView.evaluate(z[base + i / 2]).d1)
          products[i + 1] *= abs(spec.primaryView.evaluate(-z[base + i / 2]).d1)
        }
        guard [1, 2, 10, 100].contains(depth) else { continue }
        var scratch = [Double](repeating: 0, count: products.count)
        var copy = products
        let window = GradientDepth.windowMedian(of: products, scratch: &scratch)
        #expect(window?.bitPattern == OldDepthChain.median(&copy).bitPattern, "\(spec.id), depth \(depth)")
      }
    }
    // Odd, small, or a window that misses the middle: nil (the full selection answers).
    var scratch = [Double](repeating: 0, count: 10_001)
    #expect(GradientDepth.windowMedian(of: Self.data(10_001, seed: 1, kind: 0), scratch: &scratch) == nil)
    #expect(GradientDepth.windowMedian(of: Self.data(2_498, seed: 1, kind: 0), scratch: &scratch) == nil)
    #expect(GradientDepth.windowMedian(of: Self.data(10_000, seed: 1, kind: 11), scratch: &scratch) == nil)
  }
}
