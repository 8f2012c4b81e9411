/// An ``ExactSum`` used as an exact expansion: a real number held as a sum
/// of non-overlapping Doubles, which products with a Double and sums with
/// other expansions keep exact (barring underflow of a product's error
/// term below 2^-1022, an absolute error of at most 2^-1074 per product).
///
/// The cosine, dice and tversky kernels form their numerators this way:
/// a Gram determinant |a|^2 |b|^2 - (a.b)^2, or 2 y_i (P + Y + s) - (2 I + s),
/// whose terms cancel to the last bit for nearly parallel vectors or a
/// nearly perfect mask. Formed exactly and rounded once, the difference
/// has full relative accuracy however much cancels.
extension ExactSum {
  /// The sum as a double-double: `hi` the correctly rounded sum, `lo` the
  /// rounded remainder (so `hi + lo` carries about 106 bits of it).
  @inlinable
  public var doubleDouble: DoubleDouble {
    // One partial p: the value is p and the remainder p - p is +0 exactly.
    if count == 1 && special == 0 { return DoubleDouble(head.0, 0) }
    let hi = value
    guard hi.isFinite, hi != 0 else { return DoubleDouble(hi, 0) }
    var rest = self
    rest.add(-hi)
    return DoubleDouble(hi, rest.value)
  }

  /// -1, 0 or 1: the sign of the exact sum (that of its correct rounding:
  /// a nonzero sum of Doubles is at least 2^-1074 in magnitude, so it
  /// never rounds to 0).
  @inlinable
  public var sign: Int {
    let v = value
    return v > 0 ? 1 : (v < 0 ? -1 : 0)
  }

  /// Adds `k` times the exact sum `other`, exactly: each partial times `k`
  /// as its two error-free parts.
  @inlinable
  public mutating func addProduct(_ other: ExactSum, _ k: Double) {
    other.withPartials { for part in $0 { addProduct(part, k) } }
    if other.special != 0 { add(other.special * k) }
  }

  /// Adds the exact product of two exact sums (every pair of partials as
  /// its two error-free parts).
  @inlinable
  public mutating func addProduct(_ x: ExactSum, _ y: ExactSum) {
    x.withPartials { for part in $0 { addProduct(y, part) } }
  }

  /// Forgets every term, keeping the storage (for reuse in a loop).
  @inlinable
  public mutating func removeAll() {
    count = 0
    special = 0
  }
}
