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
///
/// Storage: the partials stay in place (`head`, no heap, no uniqueness
/// check, nothing allocated by `init` or a copy) while there are at most
/// ``inlineCapacity`` of them, which is nearly always; past that they move
/// to `spill` until they shrink back. Where they live does not change the
/// arithmetic: every add is the same grow-expansion on the same partials.
public struct ExactSum: Sendable {
  /// The partials in place, the first `count` of them meaningful while
  /// `count <= inlineCapacity`.
  @usableFromInline typealias Inline = (Double, Double, Double, Double, Double, Double, Double, Double)
  @usableFromInline var head: Inline = (0, 0, 0, 0, 0, 0, 0, 0)
  /// The partials while `count > inlineCapacity` (its first `count` entries;
  /// the storage is kept when they move back in place).
  @usableFromInline var spill: [Double] = []
  /// How many partials there are.
  @usableFromInline var count = 0
  @usableFromInline var special: Double = 0

  /// How many partials `head` holds.
  @inlinable static var inlineCapacity: Int { 8 }

  @inlinable
  public init() {}

  /// Adds `x` exactly.
  @inlinable @inline(__always)
  public mutating func add(_ x: Double) {
    // Adding ±0 to a single nonzero partial p leaves it as it was (the
    // loop would form p + 0 = p and the error ±0, which it drops); with
    // more partials the loop may regroup them, so it runs. Checked at the
    // call (inlined): the zero parts of exact products are most terms.
    if x == 0 && count == 1 && head.0 != 0 { return }
    addTerm(x)
  }

  /// ``add(_:)`` past the zero check.
  @inlinable
  mutating func addTerm(_ x: Double) {
    guard x.isFinite else {
      special += x
      return
    }
    let n = count
    if n < Self.inlineCapacity {
      // At most n + 1 <= inlineCapacity partials come out: they fit in place.
      count = withUnsafeMutableBytes(of: &head) { Self.grow($0.baseAddress!.assumingMemoryBound(to: Double.self), n, x) }
    } else {
      addSpilled(x)
    }
  }

  /// Shewchuk's grow-expansion with zero elimination on the `n` partials
  /// at `p` (room for n + 1): each partial, smallest first, is two-summed
  /// with the running `x`; the nonzero errors are kept in order and the
  /// final `x` goes last. Returns the new count.
  @inlinable @inline(__always)
  static func grow(_ p: UnsafeMutablePointer<Double>, _ n: Int, _ x: Double) -> Int {
    var x = x
    var i = 0
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
    p[i] = x
    return i + 1
  }

  /// ``add(_:)`` with `count >= inlineCapacity`: in `spill`, moved there
  /// first if the partials are in place, and back in place if they shrink.
  @usableFromInline
  mutating func addSpilled(_ x: Double) {
    let n = count
    if n == Self.inlineCapacity {
      let h = head
      spill.removeAll(keepingCapacity: true)
      withUnsafeBytes(of: h) { spill.append(contentsOf: $0.bindMemory(to: Double.self)) }
    }
    while spill.count <= n { spill.append(0) }
    let m = spill.withUnsafeMutableBufferPointer { Self.grow($0.baseAddress!, n, x) }
    count = m
    if m <= Self.inlineCapacity {
      var h = head
      withUnsafeMutableBytes(of: &h) { h in
        for j in 0..<m { h.storeBytes(of: spill[j], toByteOffset: j * MemoryLayout<Double>.stride, as: Double.self) }
      }
      head = h
    }
  }

  /// Calls `body` with the partials (smallest first), wherever they are.
  @inlinable
  public func withPartials<R>(_ body: (UnsafeBufferPointer<Double>) -> R) -> R {
    let n = count
    if n <= Self.inlineCapacity {
      return withUnsafeBytes(of: head) { body(UnsafeBufferPointer(start: $0.baseAddress!.assumingMemoryBound(to: Double.self), count: n)) }
    }
    return spill.withUnsafeBufferPointer { body(UnsafeBufferPointer(rebasing: $0[..<n])) }
  }

  /// The partials (smallest first), copied into an array.
  @inlinable
  public var partials: [Double] { withPartials { Array($0) } }

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
    let special = self.special
    return withPartials { partials in
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
  }

  /// The correctly rounded sum of `terms`.
  @inlinable
  public static func of(_ terms: [Double]) -> Double {
    var s = ExactSum()
    for t in terms { s.add(t) }
    return s.value
  }
}
