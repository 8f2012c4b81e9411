/// An exact sum of products of Doubles over the whole exponent range, each
/// product carrying an extra power of two, read as a ``ScaledDD``.
///
/// ``ExactSum`` is exact only while every product and its error term stay
/// in the Double range. A gradient numerator such as tversky's
/// g_i (T + s) - y_i (alpha F + beta N), with alpha = 1e300 and s = 1e-300,
/// has terms whose products overflow or underflow although the result is
/// a modest number. Here each factor is split into a mantissa in [1, 2)
/// and its exponent, the mantissas are multiplied exactly (TwoProduct:
/// products in [1, 8), never out of range), and only when the sum is read
/// are the terms brought into a frame and summed exactly (see ``value``).
public struct WideExactSum: Sendable {
  /// Each term is `mantissa * 2^exponent`.
  @usableFromInline var terms: [(mantissa: Double, exponent: Int)] = []

  @inlinable
  public init() {}

  /// x = m 2^e with m in [1, 2) (signed), or nil for 0.
  @inlinable
  static func split(_ x: Double) -> (Double, Int)? {
    guard x != 0, x.isFinite else { return nil }
    return (x < 0 ? -x.significand : x.significand, Int(x.exponent))
  }

  /// Adds x y 2^e exactly.
  @inlinable
  public mutating func addProduct(_ x: Double, _ y: Double, exponent e: Int = 0) {
    guard let (mx, ex) = WideExactSum.split(x), let (my, ey) = WideExactSum.split(y) else { return }
    let p = DoubleDouble.twoProduct(mx, my)
    terms.append((p.hi, ex + ey + e))
    if p.lo != 0 { terms.append((p.lo, ex + ey + e)) }
  }

  /// Adds x y z 2^e exactly.
  @inlinable
  public mutating func addProduct(_ x: Double, _ y: Double, _ z: Double, exponent e: Int = 0) {
    guard let (mx, ex) = WideExactSum.split(x), let (my, ey) = WideExactSum.split(y),
      let (mz, ez) = WideExactSum.split(z)
    else { return }
    let p = DoubleDouble.twoProduct(mx, my)
    for part in [p.hi, p.lo] where part != 0 {
      let q = DoubleDouble.twoProduct(part, mz)
      terms.append((q.hi, ex + ey + ez + e))
      if q.lo != 0 { terms.append((q.lo, ex + ey + ez + e)) }
    }
  }

  /// Forgets every term, keeping the storage.
  @inlinable
  public mutating func removeAll() { terms.removeAll(keepingCapacity: true) }

  /// The sum, to double-double precision with an unbounded exponent.
  ///
  /// The terms are summed exactly in a frame 2^-f, f the largest term's
  /// exponent; a term that would fall below the frame's normal range waits.
  /// When the waiting terms could still matter (the sum cancelled to within
  /// 2^110 of them: 1e300 * 1e300 - 1e300 * 1e300 + 3 * 2^-2000), the frame
  /// moves down to the sum or the largest waiting term and the exact
  /// partial sum is carried into it; so a cancellation is exact however
  /// far apart the terms are.
  public var value: ScaledDD {
    var pending = terms.filter { $0.mantissa != 0 }
    guard var frame = pending.map({ Int($0.mantissa.exponent) + $0.exponent }).max() else { return .zero }
    var carry: [Double] = []
    while true {
      var sum = ExactSum()
      for c in carry { sum.add(c) }
      var waiting: [(mantissa: Double, exponent: Int)] = []
      var waitingTop = Int.min
      for t in pending {
        let e = Int(t.mantissa.exponent) + t.exponent - frame
        if e >= -1022 + 53 {
          sum.add(StableMath.scaleByPowerOfTwo(t.mantissa, t.exponent - frame))
        } else {
          waiting.append(t)
          waitingTop = max(waitingTop, Int(t.mantissa.exponent) + t.exponent)
        }
      }
      let v = sum.value
      let vTop = v == 0 ? Int.min : Int(v.exponent) + frame
      if waiting.isEmpty || (v != 0 && vTop > waitingTop + 110) {
        return v == 0 ? .zero : ScaledDD(sum.doubleDouble, exponent: frame)
      }
      // Move the frame down; carry the exact partial sum into it.
      let next = max(vTop, waitingTop)
      carry = sum.withPartials { parts in parts.map { StableMath.scaleByPowerOfTwo($0, frame - next) } }
      pending = waiting
      frame = next
    }
  }
}
