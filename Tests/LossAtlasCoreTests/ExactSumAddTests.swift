@testable import LossAtlasCore
import Testing

/// ``ExactSum/add(_:)`` keeps its partials in place (one uniqueness check per
/// call, no range replacement): after every term the partials, the special
/// sum and the rounded value are those of the algorithm as it was written
/// before (Shewchuk's grow-expansion with zero elimination, main at cca7f35,
/// copied below), bit for bit, on random sums with wide exponents, exact
/// cancellations, repeated and special terms.
@Suite struct ExactSumAddTests {
  /// The partials after adding `x` to `partials`, as `add` did before.
  static func before(_ partials: [Double], _ x: Double) -> [Double] {
    var partials = partials
    var x = x
    var i = 0
    for j in partials.indices {
      var y = partials[j]
      if abs(x) < abs(y) { swap(&x, &y) }
      let hi = x + y
      let lo = y - (hi - x)
      if lo != 0 {
        partials[i] = lo
        i += 1
      }
      x = hi
    }
    partials.removeSubrange(i...)
    partials.append(x)
    return partials
  }

  static func term(_ rng: inout SplitMix64, _ earlier: [Double]) -> Double {
    let u = rng.nextUnit()
    switch rng.next() % 10 {
    case 0: return earlier.isEmpty ? 1 : -earlier[Int(rng.next() % UInt64(earlier.count))]  // exact cancellation
    case 1: return earlier.isEmpty ? 0.1 : earlier[Int(rng.next() % UInt64(earlier.count))]  // a repeat
    case 2: return (u - 0.5) * 0x1p-1060  // subnormal
    case 3: return (u - 0.5) * 0x1p1000
    case 4: return 0
    case 5: return Double(sign: rng.next() % 2 == 0 ? .plus : .minus, exponent: Int(rng.next() % 200) - 100, significand: 1 + u)
    default: return (u - 0.5) * Double(1 << (rng.next() % 60))
    }
  }

  @Test func samePartialsAsBefore() {
    var rng = SplitMix64(seed: 0xE5A7)
    var terms = 0
    for _ in 0..<3000 {
      var sum = ExactSum()
      var expected: [Double] = []
      var special = 0.0
      var earlier: [Double] = []
      for _ in 0..<Int(rng.next() % 40) {
        let x = Self.term(&rng, earlier)
        earlier.append(x)
        sum.add(x)
        if x.isFinite { expected = Self.before(expected, x) } else { special += x }
        #expect(sum.partials.map(\.bitPattern) == expected.map(\.bitPattern))
        terms += 1
      }
      #expect(sum.special.bitPattern == special.bitPattern)
      // The same sum twice, from a copy: value semantics kept.
      var copy = sum
      copy.add(1)
      #expect(sum.partials.map(\.bitPattern) == expected.map(\.bitPattern))
    }
    #expect(terms > 50_000)
  }

  @Test func specialTerms() {
    var sum = ExactSum()
    sum.add(1)
    sum.add(.infinity)
    sum.add(2)
    #expect(sum.value == .infinity)
    #expect(sum.partials == [3])
    var cancel = ExactSum()
    for x in [1e300, 1, -1e300, 0x1p-1074] { cancel.add(x) }
    #expect(cancel.value == 1)  // fsum: 1 + 2^-1074 rounds to 1
    #expect(cancel.partials == [0x1p-1074, 1])
  }
}
