@testable import LossAtlasCore
import Testing

/// ``ExactSum`` keeps its partials in place (a tuple of eight, spilling to
/// an array past that) and skips a zero added to a single nonzero partial
/// (session 22, search-fast). Pinned here against the array-backed sum as
/// it was on main at ec97eb9 (``Before``, copied below verbatim but for its
/// name): after every operation the partials, the special sum, the value,
/// the double-double and the sign are the same bits, on hostile terms
/// (±0, subnormals, ±inf, NaN, 1e±308, exact and huge cancellations, ties,
/// long sums that spill and shrink back), in several orders.
@Suite struct ExactSumInlineTests {
  /// ExactSum at ec97eb9 (ExactSum.swift, ExactSum+Expansion.swift,
  /// ExactSum+Reuse.swift), verbatim but for the name.
  struct Before {
    var partials: [Double] = []
    var special: Double = 0

    init() {
      partials.reserveCapacity(8)
    }

    /// Adds `x` exactly.
    mutating func add(_ x: Double) {
      guard x.isFinite else {
        special += x
        return
      }
      var x = x
      var i = 0
      let n = partials.count
      // In place, one uniqueness check for the loop (not one per store).
      partials.withUnsafeMutableBufferPointer { p in
        for j in 0..<n {
          var y = p[j]
          if abs(x) < abs(y) { swap(&x, &y) }
          let hi = x + y
          let lo = y - (hi - x)
          if lo != 0 {
            p[i] = lo
            i += 1
          }
          x = hi
        }
      }
      // The partials from i on were absorbed: x takes the first of them and
      // the rest go (what removing them all and appending x leaves, without
      // the generic range replacement, which was a tenth of the whole-domain
      // search).
      if i < n {
        partials[i] = x
        while partials.count > i + 1 { partials.removeLast() }
      } else {
        partials.append(x)
      }
    }

    /// Adds both parts of a DoubleDouble exactly.
    mutating func add(_ x: DoubleDouble) {
      add(x.hi)
      add(x.lo)
    }

    /// Adds a * b exactly (as its two error-free parts).
    mutating func addProduct(_ a: Double, _ b: Double) {
      add(DoubleDouble.twoProduct(a, b))
    }

    /// The sum rounded once to the nearest Double (ties to even).
    var value: Double {
      if special != 0 || special.isNaN { return special + (partials.last ?? 0) }
      guard var n = partials.indices.last else { return 0 }
      var hi = partials[n]
      var lo = 0.0
      while n > 0 {
        n -= 1
        let x = hi
        let y = partials[n]
        hi = x + y
        let yr = hi - x
        lo = y - yr
        if lo != 0 { break }
      }
      // Half-way correction: if the remainder is exactly half an ulp and the
      // next partial pushes the same way, round away (as fsum does).
      if n > 0 && ((lo < 0 && partials[n - 1] < 0) || (lo > 0 && partials[n - 1] > 0)) {
        let y = lo * 2
        let x = hi + y
        if y == x - hi { hi = x }
      }
      return hi
    }

    /// The correctly rounded sum of `terms`.
    static func of(_ terms: [Double]) -> Double {
      var s = Before()
      for t in terms { s.add(t) }
      return s.value
    }

    var doubleDouble: DoubleDouble {
      let hi = value
      guard hi.isFinite, hi != 0 else { return DoubleDouble(hi, 0) }
      var rest = self
      rest.add(-hi)
      return DoubleDouble(hi, rest.value)
    }

    var sign: Int {
      let v = value
      return v > 0 ? 1 : (v < 0 ? -1 : 0)
    }

    mutating func addProduct(_ other: Before, _ k: Double) {
      for part in other.partials { addProduct(part, k) }
      if other.special != 0 { add(other.special * k) }
    }

    mutating func addProduct(_ x: Before, _ y: Before) {
      for part in x.partials { addProduct(y, part) }
    }

    mutating func removeAll() {
      partials.removeAll(keepingCapacity: true)
      special = 0
    }

    func doubleDouble(reusing scratch: inout Before) -> DoubleDouble {
      let hi = value
      guard hi.isFinite, hi != 0 else { return DoubleDouble(hi, 0) }
      scratch.partials.removeAll(keepingCapacity: true)
      scratch.partials.append(contentsOf: partials)
      scratch.special = special
      scratch.add(-hi)
      return DoubleDouble(hi, scratch.value)
    }
  }

  /// The bits of `x`, every NaN as one: which NaN inf - inf or NaN + x
  /// gives (its sign, its payload) depends on the order in which the
  /// compiler puts an addition's operands, which IEEE 754 leaves open and
  /// this copy, compiled in another module, does not share; no caller
  /// reads a NaN's bits. Every other value is compared bit for bit.
  static func key(_ x: Double) -> UInt64 { x.isNaN ? Double.nan.bitPattern : x.bitPattern }

  /// Every observable of the two sums, as bits.
  static func bits(_ s: ExactSum) -> [UInt64] {
    let d = s.doubleDouble
    return s.partials.map(key) + [key(s.special), key(s.value), key(d.hi), key(d.lo), UInt64(bitPattern: Int64(s.sign))]
  }

  static func bits(_ s: Before) -> [UInt64] {
    let d = s.doubleDouble
    return s.partials.map(key) + [key(s.special), key(s.value), key(d.hi), key(d.lo), UInt64(bitPattern: Int64(s.sign))]
  }

  /// Hostile single terms.
  static let hostile: [Double] = [
    0, -0.0, 0x1p-1074, -0x1p-1074, 0x1.8p-1070, 0x1p-1022, -0x1.fffffffffffffp-1023, 1e-308, -1e-308, 1e308, -1e308,
    .greatestFiniteMagnitude, -.greatestFiniteMagnitude, 1, -1, 0x1p-53, -0x1p-53, 0x1p-54, 0x1.0000000000001p0, 3, 0.1, -0.1,
    1e16, -1e16, 1e300, -1e300, .infinity, -.infinity, .nan,
  ]

  static func term(_ rng: inout SplitMix64, _ earlier: [Double], finiteOnly: Bool, grid: Bool = false) -> Double {
    let u = rng.nextUnit()
    // The search's inputs: small integers, halves and zeros, whose squares
    // and products sum exactly (one partial: the zero skip's case).
    if grid { return [0, -0.0, 0, 1, -2, 4, 30, 0.5, -15, 0x1p-1074][Int(rng.next() % 10)] }
    switch rng.next() % 12 {
    case 0: return earlier.isEmpty ? 1 : -earlier[Int(rng.next() % UInt64(earlier.count))]  // exact cancellation
    case 1: return earlier.isEmpty ? 0.1 : earlier[Int(rng.next() % UInt64(earlier.count))]  // a repeat
    case 2: return (u - 0.5) * 0x1p-1060  // subnormal
    case 3, 4:
      let x = hostile[Int(rng.next() % UInt64(hostile.count))]
      return finiteOnly && !x.isFinite ? 0 : x
    case 5: return rng.next() % 2 == 0 ? 0 : -0.0
    case 6: return Double(sign: rng.next() % 2 == 0 ? .plus : .minus, exponent: Int(rng.next() % 2000) - 1000, significand: 1 + u)
    case 7:  // half an ulp of an earlier term (ties)
      guard let e = earlier.last, e.isFinite, e != 0 else { return 0x1p-53 }
      return e.ulp / 2
    default: return (u - 0.5) * Double(1 << (rng.next() % 60))
    }
  }

  @Test("add, addProduct and the readings give the bits of the array-backed sum")
  func sameAsBefore() {
    var rng = SplitMix64(seed: 0x51F7)
    var spilled = 0
    var shrank = 0
    var skippedZeros = 0
    for round in 0..<1500 {
      var sum = ExactSum()
      var before = Before()
      var terms: [Double] = []
      let finiteOnly = round % 3 != 0
      let grid = round % 4 == 1
      let length = round % 10 == 0 ? 120 : Int(rng.next() % 40)
      var wasSpilled = false
      for _ in 0..<length {
        let x = Self.term(&rng, terms, finiteOnly: finiteOnly, grid: grid)
        terms.append(x)
        if x == 0 && sum.count == 1 && sum.partials[0] != 0 { skippedZeros += 1 }
        switch rng.next() % 4 {
        case 0:
          let y = Self.term(&rng, terms, finiteOnly: finiteOnly, grid: grid)
          sum.addProduct(x, y)
          before.addProduct(x, y)
        case 1:
          let d = DoubleDouble.twoProduct(x, 1 + rng.nextUnit())
          sum.add(d)
          before.add(d)
        default:
          sum.add(x)
          before.add(x)
        }
        #expect(Self.bits(sum) == Self.bits(before), "round \(round): \(terms)")
        if sum.count > ExactSum.inlineCapacity { wasSpilled = true; spilled += 1 }
        if wasSpilled && sum.count <= ExactSum.inlineCapacity { shrank += 1 }
      }
      // Value semantics: a copy changed leaves the original as it was.
      var copy = sum
      copy.add(1)
      copy.add(-1e300)
      #expect(Self.bits(sum) == Self.bits(before))
      // Reuse: the remainder formed in another sum's storage (spilled or not).
      var scratch = ExactSum()
      var scratchBefore = Before()
      if round % 2 == 0 {
        for t in terms.prefix(30) where t.isFinite {
          scratch.add(t * 3)
          scratchBefore.add(t * 3)
        }
      }
      let r = sum.doubleDouble(reusing: &scratch)
      let rb = before.doubleDouble(reusing: &scratchBefore)
      #expect(r.hi.bitPattern == rb.hi.bitPattern && r.lo.bitPattern == rb.lo.bitPattern)
      #expect(Self.bits(scratch) == Self.bits(scratchBefore))
      // Products with other expansions, and removeAll.
      let k = Self.hostile[round % Self.hostile.count]
      var p = ExactSum()
      var pb = Before()
      p.add(0x1p-30)
      pb.add(0x1p-30)
      p.addProduct(sum, k)
      pb.addProduct(before, k)
      #expect(Self.bits(p) == Self.bits(pb), "round \(round) k = \(k)")
      if finiteOnly && length < 40 {
        var q = ExactSum()
        var qb = Before()
        q.addProduct(sum, p)
        qb.addProduct(before, pb)
        #expect(Self.bits(q) == Self.bits(qb))
      }
      sum.removeAll()
      before.removeAll()
      sum.add(terms.first ?? 2)
      before.add(terms.first ?? 2)
      #expect(Self.bits(sum) == Self.bits(before))
      #expect(Self.key(ExactSum.of(terms)) == Self.key(Before.of(terms)))
    }
    // The paths were all taken: past the inline storage and back, and the zero skip.
    #expect(spilled > 1000 && shrank > 100 && skippedZeros > 300, "spilled \(spilled), shrank \(shrank), zeros skipped \(skippedZeros)")
  }

  @Test("the same terms in several orders: every order gives the bits of the array-backed sum")
  func orders() {
    var rng = SplitMix64(seed: 0x0D3E)
    let sets: [[Double]] = [
      Self.hostile.filter(\.isFinite),
      [1e308, 1e308, -1e308, -1e308, 1, 0x1p-1074],
      [1, 0x1p-53, 0x1p-106, -0x1p-160, 0x1p-53],  // ties, and the half-way correction
      [-0.0, -0.0, -0.0], [0, -0.0], [-0.0, 0x1p-1074, -0x1p-1074],
      (0..<40).map { Double(sign: $0 % 2 == 0 ? .plus : .minus, exponent: $0 * 50 - 1000, significand: 1.5) },
      [.infinity, 1, -.infinity], [.nan, 1], [3, .infinity, 0],
    ]
    for terms in sets {
      var orders = [terms, terms.reversed(), terms.sorted { abs($0) < abs($1) }, terms.sorted { abs($0) > abs($1) }]
      for _ in 0..<20 { orders.append(terms.shuffled(using: &rng)) }
      for order in orders {
        var sum = ExactSum()
        var before = Before()
        for x in order {
          sum.add(x)
          before.add(x)
          #expect(Self.bits(sum) == Self.bits(before), "\(order)")
        }
      }
    }
  }

  @Test("a zero added to one nonzero partial is skipped; to none, or to a zero, it is stored as before")
  func zeros() {
    for p in [1.0, -1, 0x1p-1074, -1e308] {
      for z in [0.0, -0.0] {
        var s = ExactSum()
        s.add(p)
        s.add(z)
        #expect(s.partials.map(\.bitPattern) == [p.bitPattern])
      }
    }
    for (first, second, expected) in [(0.0, -0.0, 0.0), (-0.0, -0.0, -0.0), (-0.0, 0.0, 0.0)] {
      var s = ExactSum()
      s.add(first)
      #expect(s.partials.map(\.bitPattern) == [first.bitPattern])
      s.add(second)
      #expect(s.partials.map(\.bitPattern) == [expected.bitPattern])
      #expect(s.value.bitPattern == expected.bitPattern)
    }
  }
}
