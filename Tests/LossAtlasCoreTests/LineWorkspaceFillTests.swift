import Testing

@testable import LossAtlasCore

/// Triplet-margin's differences and cosine-embedding's scaled anchor are
/// written over the line workspace's entries in place (session 22,
/// search-fast) instead of removed and appended. Pinned against the code
/// of main at ec97eb9 (copied below verbatim but for the names): the same
/// lists, bit for bit, and the same returns, one workspace reused across
/// calls as a line reuses it (lengths changing, halving on and off), on the
/// search's probe vectors and hostile ones (NaN, ±inf, ±0, subnormals,
/// 1e±308, differences that overflow; finite ones for cosine, whose
/// arguments are checked finite before).
@Suite struct LineWorkspaceFillTests {
  /// TripletMargin.differences at ec97eb9.
  static func differencesBefore(_ a: [Double], _ p: [Double], _ n: [Double], into work: inout TripletMargin.Workspace) -> Int {
    func fill(_ difference: (Double, Double) -> DoubleDouble) -> Bool {
      work.toP.removeAll(keepingCapacity: true)
      work.toN.removeAll(keepingCapacity: true)
      work.pToN.removeAll(keepingCapacity: true)
      var finite = true
      for (x, y) in zip(a, p) {
        let d = difference(x, y)
        finite = finite && d.hi.isFinite
        work.toP.append(d)
      }
      for (x, y) in zip(a, n) {
        let d = difference(x, y)
        finite = finite && d.hi.isFinite
        work.toN.append(d)
      }
      for (x, y) in zip(n, p) {
        let d = difference(x, y)
        finite = finite && d.hi.isFinite
        work.pToN.append(d)
      }
      return finite
    }
    if fill(StableMath.residual) { return 0 }
    _ = fill(StableMath.halfResidual)
    return 1
  }

  /// CosineEmbedding.scaled(_:into:) at ec97eb9.
  static func scaledBefore(_ v: [Double], into out: inout [Double]) -> Int? {
    var largest = 0.0
    for x in v { largest = max(largest, abs(x)) }
    guard largest > 0 else { return nil }
    let e = Int(largest.exponent)
    if e == 0 { return 0 }
    out.removeAll(keepingCapacity: true)
    for x in v { out.append(StableMath.scaleByPowerOfTwo(x, -e)) }
    return e
  }

  /// The bits of each part, every NaN as one: which NaN inf - inf gives
  /// (its sign) depends on the order in which the compiler puts the
  /// operands of an addition, which IEEE 754 leaves open and this copy,
  /// compiled in another module, does not share; a NaN difference only
  /// ever makes the loss NaN, whose bits nothing reads. Every other part
  /// is compared bit for bit.
  static func bits(_ v: [DoubleDouble]) -> [UInt64] {
    v.flatMap { [$0.hi, $0.lo].map { $0.isNaN ? Double.nan.bitPattern : $0.bitPattern } }
  }

  /// The search's probe vectors of lengths 1 to 3 (grid 0, 1, -2, 4, 30,
  /// and its midpoints), then hostile ones, in a fixed random order.
  static func vectors(finite: Bool = false) -> [[Double]] {
    var rng = SplitMix64(seed: 0x7E1F)
    let grid: [Double] = [0, 1, -2, 4, 30, 0.5, 15, -1, 17]
    let hostile: [Double] = [
      .nan, .infinity, -.infinity, 0, -0.0, 0x1p-1074, -0x1p-1074, 0x1p-1022, 1e-308, 1e308, -1e308,
      .greatestFiniteMagnitude, -.greatestFiniteMagnitude, 0x1.fffffffffffffp1023, 1, 0.1, 3,
    ]
    var out: [[Double]] = []
    for _ in 0..<3000 {
      let length = 1 + Int(rng.next() % 3)
      let pool = rng.next() % 3 == 0 ? hostile.filter { !finite || $0.isFinite } : grid
      out.append((0..<length).map { _ in pool[Int(rng.next() % UInt64(pool.count))] })
    }
    return out
  }

  @Test("triplet-margin's differences: the lists and the halving of main's code, one workspace reused")
  func tripletDifferences() {
    let vs = Self.vectors()
    var work = TripletMargin.Workspace()
    var before = TripletMargin.Workspace()
    var halved = 0
    for i in 0..<(vs.count - 2) {
      // Mostly equal lengths (the search's), every 7th triplet as drawn
      // (zip's shorter length where they differ).
      let a = vs[i]
      let p = i % 7 == 0 || vs[i + 1].count == a.count ? vs[i + 1] : a
      let n = i % 7 == 0 || vs[i + 2].count == a.count ? vs[i + 2] : a.reversed()
      let h = TripletMargin.differences(a, p, n, into: &work)
      let hb = Self.differencesBefore(a, p, n, into: &before)
      #expect(h == hb, "\(a) \(p) \(n)")
      #expect(Self.bits(work.toP) == Self.bits(before.toP), "\(a) \(p) \(n)")
      #expect(Self.bits(work.toN) == Self.bits(before.toN), "\(a) \(p) \(n)")
      #expect(Self.bits(work.pToN) == Self.bits(before.pToN), "\(a) \(p) \(n)")
      halved += h
    }
    #expect(halved > 50)
  }

  @Test("cosine-embedding's scaled anchor: the vector and exponent of main's code, one buffer reused")
  func cosineScaled() {
    var out: [Double] = []
    var before: [Double] = []
    var scaled = 0
    // Finite entries only: the embeddings' domain (an infinite entry
    // traps in both, in scaleByPowerOfTwo's exponent arithmetic).
    for v in Self.vectors(finite: true) {
      let e = CosineEmbedding.scaled(v, into: &out)
      let eb = Self.scaledBefore(v, into: &before)
      #expect(e == eb, "\(v)")
      // Left as it was where e = 0 or nil, as before.
      #expect(out.map(\.bitPattern) == before.map(\.bitPattern), "\(v)")
      if let e, e != 0 { scaled += 1 }
    }
    #expect(scaled > 1000)
  }
}
