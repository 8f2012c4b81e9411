import Testing

@testable import LossAtlasCore

/// `TripletMargin.withMargin` takes its workspace `inout` (session 20,
/// perf-facts3) so that a settings line reads it in place instead of
/// copying its six arrays per margin. It must still only read it: the
/// next margin of the same anchor sees what `unsigned` left there.
@Suite struct TripletMarginWorkspaceTests {
  static func snapshot(_ w: TripletMargin.Workspace) -> [[UInt64]] {
    [w.toP.map(\.hi.bitPattern), w.toP.map(\.lo.bitPattern), w.toN.map(\.hi.bitPattern), w.toN.map(\.lo.bitPattern),
     w.pToN.map(\.hi.bitPattern), w.pToN.map(\.lo.bitPattern), w.squares.partials.map(\.bitPattern),
     w.gap.partials.map(\.bitPattern), w.rest.partials.map(\.bitPattern)]
  }

  @Test("withMargin leaves the workspace as unsigned left it, at every margin, on the kink and off it")
  func readsOnly() {
    var rng = SplitMix64(seed: 0x3f20)
    // On the kink d_p - d_n = -m (L = 0: the exact decision runs) and at
    // random triplets; the margins of the grid and hostile ones.
    var triplets: [([Double], [Double], [Double])] = [([0], [1], [2]), ([0, 0], [3, 4], [6, 8]), ([1e300], [-1e300], [1e300])]
    for count in [1, 2, 3] {
      for _ in 0..<200 {
        let v = { (0..<count).map { _ in rng.nextUnit() * 8 - 4 } }
        triplets.append((v(), v(), v()))
      }
    }
    var work = TripletMargin.Workspace()
    var exact = 0
    for (a, p, n) in triplets {
      let u = TripletMargin.unsigned(a, p, n, &work)
      let before = Self.snapshot(work)
      for m in [0.5, 1, 2, 5, 1e-300, 1e300, 0x1p-1074] {
        let d = TripletMargin.withMargin(u, m, &work)
        #expect(Self.snapshot(work) == before, "\(a) \(p) \(n) m = \(m)")
        // The same distances as a fresh workspace's (the value's path).
        var fresh = TripletMargin.Workspace()
        let e = TripletMargin.distances(a, p, n, margin: m, &fresh)
        #expect(d.active == e.active && d.excess.double.bitPattern == e.excess.double.bitPattern)
        if d.excess.isZero { exact += 1 }
      }
    }
    // The kink's triplets reach the exact decision: L = 0 for ([0], [1], [2])
    // at m = 1 and for ([0, 0], [3, 4], [6, 8]) at m = 5.
    #expect(exact >= 2)
  }
}
