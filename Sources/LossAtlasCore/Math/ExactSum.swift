/// The correctly rounded sum of a sequence of Doubles (Shewchuk's adaptive
/// partials, as Python's `math.fsum`).
///
/// Where the answer is itself a cancellation (softmax(s) - q, e^z - y, the
/// terms of a KL divergence near q = p) every term is first formed exactly
/// (as the hi and lo parts of error-free products) and the terms are summed
/// here, so that the only rounding is the final one.
///
/// Non-finite terms are summed naively (an infinite term makes the sum
/// infinite or NaN as IEEE arithmetic says; callers never pass NaN).
public struct ExactSum: Sendable {
  @usableFromInline var partials: [Double] = []
  @usableFromInline var special: Double = 0

  @inlinable
  public init() {
    partials.reserveCapacity(8)
  }

  /// Adds `x` exactly.
  @inlinable
  public mutating func add(_ x: Double) {
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
  @inlinable
  public mutating func add(_ x: DoubleDouble) {
    add(x.hi)
    add(x.lo)
  }

  /// Adds a * b exactly (as its two error-free parts).
  @inlinable
  public mutating func addProduct(_ a: Double, _ b: Double) {
    add(DoubleDouble.twoProduct(a, b))
  }

  /// The sum rounded once to the nearest Double (ties to even).
  @inlinable
  public var value: Double {
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
  @inlinable
  public static func of(_ terms: [Double]) -> Double {
    var s = ExactSum()
    for t in terms { s.add(t) }
    return s.value
  }
}
