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
///
/// A class (its fields are constants): the search's midpoint loops read
/// the optional keys once per pair, and as a struct of three arrays each
/// read was a copy (three retains and three releases around the line's
/// call).
final class MidpointKeys {
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
