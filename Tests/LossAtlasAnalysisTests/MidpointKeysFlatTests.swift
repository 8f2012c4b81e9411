@testable import LossAtlasCore
import Testing

@testable import LossAtlasAnalysis

/// The midpoint table's keys in flat arrays (session 20, perf-facts3):
/// ``MidpointKeys`` keeps each vector's element indices and the midpoint
/// digits in one array each (no inner array retained per key), and the
/// searches index a table of `size` rows by key instead of hashing it.
/// The keys must be the integers the nested version gave: that version is
/// kept below verbatim (``ReferenceMidpointKeys``, main 1b31ee7).
@Suite struct MidpointKeysFlatTests {
  /// The search's own probe vectors of both element grids, and hostile
  /// sets: signed zeros, subnormals whose halves round, ±1e308 (whose
  /// halves' sums are exact), repeated vectors, a single vector, length 1.
  static func vectorSets() -> [[[Double]]] {
    var sets: [[[Double]]] = []
    for domain in [ArgumentDomain.finite, .unit] {
      for length in [1, 2, 3] { sets.append(MidpointKeysTests.probeVectors(domain, length: length)) }
    }
    sets.append([[0, -0.0], [-0.0, 0], [0x1p-1074, 1], [-0x1p-1074, 1], [1e308, -1e308], [3, 3]])
    sets.append([[0x1p-1074, 0x1p-1073, -0x1p-1074], [0x1p-1074, 0x1p-1074, 0x1p-1074], [0x1p-1022, -0x1p-1022, 0]])
    sets.append([[.greatestFiniteMagnitude, -.greatestFiniteMagnitude], [.greatestFiniteMagnitude, 1]])
    sets.append([[2, 2], [2, 2], [5, -5]])
    sets.append([[7.5]])
    sets.append([[], []])
    return sets
  }

  @Test("the flat keys are the nested keys, probe by probe and pair by pair")
  func sameKeys() throws {
    for vectors in Self.vectorSets() {
      let old = try #require(ReferenceMidpointKeys(vectors))
      let new = try #require(MidpointKeys(vectors), "\(vectors)")
      #expect(new.radix == old.radix)
      var size = 1
      for _ in 0..<(vectors.first?.count ?? 0) { size *= old.radix }
      #expect(new.size == size)
      for i in vectors.indices {
        #expect(new.probe(i) == old.probe(i))
        #expect((0..<new.size).contains(new.probe(i)))
        for j in vectors.indices {
          #expect(new.midpoint(i, j) == old.midpoint(i, j), "\(vectors[i]) and \(vectors[j])")
          #expect((0..<new.size).contains(new.midpoint(i, j)))
        }
      }
    }
  }

  @Test("no keys for vectors of different lengths, or beyond the table's size")
  func noKeys() {
    #expect(MidpointKeys([[1, 2], [1]]) == nil)
    #expect(ReferenceMidpointKeys([[1, 2], [1]]) == nil)
    // 8 distinct elements and their 36 distinct midpoints: radix 36 (the
    // elements are among the midpoints, x/2 + x/2 = x): 36^3 = 46,656
    // keys fit, 36^4 = 1,679,616 do not (the nested keys did: they only
    // had to fit in an Int); the search then evaluates every midpoint.
    let grid: [Double] = [1, 2, 4, 8, 16, 32, 64, 128]
    let three = grid.map { [$0, $0, $0] }
    let four = grid.map { [$0, $0, $0, $0] }
    #expect(MidpointKeys(three)?.radix == 36)
    #expect(MidpointKeys(three)?.size == 46_656)
    #expect(MidpointKeys(four) == nil)
    #expect(ReferenceMidpointKeys(four) != nil)
  }
}

/// ``MidpointKeys`` as it was on main 1b31ee7, verbatim (nested arrays).
struct ReferenceMidpointKeys {
  /// Each probe vector's elements as indices into the distinct elements.
  let elements: [[Int]]
  /// The digit of each distinct element.
  let elementDigit: [Int]
  /// The digit of x_i/2 + x_j/2 for the distinct elements x_i, x_j.
  let midpointDigit: [[Int]]
  /// The number of digits (the base).
  let radix: Int

  /// Keys for `vectors`, all of one length; nil when they have different
  /// lengths or the keys would not fit in an Int (no table then).
  init?(_ vectors: [[Double]]) {
    let length = vectors.first?.count ?? 0
    guard vectors.allSatisfy({ $0.count == length }) else { return nil }
    var index: [UInt64: Int] = [:]
    var distinct: [Double] = []
    var elements: [[Int]] = []
    elements.reserveCapacity(vectors.count)
    for v in vectors {
      elements.append(
        v.map { x in
          if let i = index[x.bitPattern] { return i }
          index[x.bitPattern] = distinct.count
          distinct.append(x)
          return distinct.count - 1
        })
    }
    var digits: [UInt64: Int] = [:]
    func digit(_ x: Double) -> Int {
      if let d = digits[x.bitPattern] { return d }
      digits[x.bitPattern] = digits.count
      return digits.count - 1
    }
    elementDigit = distinct.map(digit)
    midpointDigit = distinct.map { x in distinct.map { y in digit(x / 2 + y / 2) } }
    radix = Swift.max(digits.count, 1)
    // radix^length must fit: the largest key is radix^length - 1.
    var size = 1
    for _ in 0..<length {
      let (next, overflow) = size.multipliedReportingOverflow(by: radix)
      guard !overflow else { return nil }
      size = next
    }
    self.elements = elements
  }

  /// The key of probe vector `i`.
  func probe(_ i: Int) -> Int {
    var key = 0
    for e in elements[i].reversed() { key = key * radix + elementDigit[e] }
    return key
  }

  /// The key of the midpoint of probe vectors `i` and `j` (a_k/2 + b_k/2
  /// element by element, a the i-th).
  func midpoint(_ i: Int, _ j: Int) -> Int {
    let a = elements[i]
    let b = elements[j]
    var key = 0
    for k in a.indices.reversed() { key = key * radix + midpointDigit[a[k]][b[k]] }
    return key
  }
}
