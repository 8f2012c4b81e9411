/// Integer keys for a set of probe vectors of one length and for the
/// midpoints of their pairs, equal exactly when the two vectors' elements
/// have the same bits: the whole-domain search's midpoint table is keyed by
/// them instead of by an array of bit patterns built and hashed per pair.
///
/// Every element of a midpoint (a + b)/2, formed as a_k/2 + b_k/2, is
/// x/2 + y/2 for two elements x, y of the probe vectors, of which a search
/// has a handful (its grid). Each distinct bit pattern among those
/// elements and their pairwise midpoints gets a digit; a vector's key is
/// its digits read in that base. Vectors of one length with the same key
/// have the same digits, so the same bits, and the other way round.
struct MidpointKeys {
  /// The vectors' length.
  let length: Int
  /// Each probe vector's elements as indices into the distinct elements,
  /// vector after vector (`length` entries each): one flat array, so that
  /// forming a key retains no inner array.
  let elements: [Int]
  /// The digit of each distinct element.
  let elementDigit: [Int]
  /// The digit of x_i/2 + x_j/2 for the distinct elements x_i, x_j, at
  /// `i * distinct + j`.
  let midpointDigit: [Int]
  /// The number of distinct elements.
  let distinct: Int
  /// The number of digits (the base).
  let radix: Int
  /// The number of keys, radix^length: every key lies in 0..<size, so a
  /// table of `size` rows indexed by key needs no hashing.
  let size: Int
  /// The largest `size` kept: keys beyond would need a table too large
  /// to clear per search (the search's own grids need at most 14^3 = 2,744).
  static let largestSize = 1 << 16

  /// Keys for `vectors`, all of one length; nil when they have different
  /// lengths or there would be more than ``largestSize`` keys (no table then).
  init?(_ vectors: [[Double]]) {
    let length = vectors.first?.count ?? 0
    guard vectors.allSatisfy({ $0.count == length }) else { return nil }
    var index: [UInt64: Int] = [:]
    var distinct: [Double] = []
    var elements: [Int] = []
    elements.reserveCapacity(vectors.count * length)
    for v in vectors {
      for x in v {
        if let i = index[x.bitPattern] {
          elements.append(i)
        } else {
          index[x.bitPattern] = distinct.count
          elements.append(distinct.count)
          distinct.append(x)
        }
      }
    }
    var digits: [UInt64: Int] = [:]
    func digit(_ x: Double) -> Int {
      if let d = digits[x.bitPattern] { return d }
      digits[x.bitPattern] = digits.count
      return digits.count - 1
    }
    elementDigit = distinct.map(digit)
    midpointDigit = distinct.flatMap { x in distinct.map { y in digit(x / 2 + y / 2) } }
    radix = Swift.max(digits.count, 1)
    // radix^length keys: the largest is radix^length - 1.
    var size = 1
    for _ in 0..<length {
      let (next, overflow) = size.multipliedReportingOverflow(by: radix)
      guard !overflow, next <= Self.largestSize else { return nil }
      size = next
    }
    self.size = size
    self.length = length
    self.distinct = distinct.count
    self.elements = elements
  }

  /// The key of probe vector `i`.
  func probe(_ i: Int) -> Int {
    var key = 0
    for k in (0..<length).reversed() { key = key * radix + elementDigit[elements[i * length + k]] }
    return key
  }

  /// The key of the midpoint of probe vectors `i` and `j` (a_k/2 + b_k/2
  /// element by element, a the i-th).
  func midpoint(_ i: Int, _ j: Int) -> Int {
    var key = 0
    for k in (0..<length).reversed() {
      key = key * radix + midpointDigit[elements[i * length + k] * distinct + elements[j * length + k]]
    }
    return key
  }
}
