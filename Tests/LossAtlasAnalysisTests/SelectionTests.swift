import LossAtlasCore
import Testing

@testable import LossAtlasAnalysis

/// The depth study's medians come from `GradientDepth.select`; it must give
/// exactly what sorting gives, for every k, on data like the study's
/// (many exact zeros, ties, a wide range of magnitudes) and on plain data.
@Suite struct SelectionTests {
  static func data(_ n: Int, seed: UInt64, kind: Int) -> [Double] {
    var rng = SplitMix64(seed: seed)
    return (0..<n).map { _ in
      let u = rng.nextUnit()
      switch kind {
      case 0: return u
      case 1: return u < 0.5 ? 0 : u  // half exact zeros, as for relu
      case 2: return Double(Int(u * 7))  // few distinct values: ties
      default: return Double.ulpOfOne * pow(1e300, u)  // 16 to 300 decades
      }
    }
  }

  @Test("select equals the sorted array's k-th element", arguments: [1, 2, 3, 10, 601, 602, 1000, 10_000])
  func matchesSorting(n: Int) {
    for kind in 0..<4 {
      let a = Self.data(n, seed: UInt64(n * 10 + kind), kind: kind)
      let sorted = a.sorted()
      let ks = Set([0, n / 4, (n - 1) / 2, n / 2, n - 1].filter { $0 < n })
      for k in ks {
        var copy = a
        #expect(GradientDepth.select(&copy, k) == sorted[k], "n \(n), kind \(kind), k \(k)")
        #expect(copy.sorted() == sorted, "select only reorders")
      }
    }
  }

  @Test("every k of a small array with ties")
  func everyK() {
    let a: [Double] = [3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5, 0, 0, 8, 9, 7, 9, 3, 2, 3]
    let sorted = a.sorted()
    for k in a.indices {
      var copy = a
      #expect(GradientDepth.select(&copy, k) == sorted[k], "k \(k)")
    }
  }
}
