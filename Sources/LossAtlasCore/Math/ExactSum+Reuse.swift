extension ExactSum {
  /// ``doubleDouble`` with the remainder formed in `scratch` (its storage
  /// reused) instead of in a fresh copy of the partials: the same
  /// operations on the same partials, so the same bits.
  @inlinable
  public func doubleDouble(reusing scratch: inout ExactSum) -> DoubleDouble {
    if count == 1 && special == 0 {
      // One partial p: the value is p, and p - p is +0 exactly, which is
      // what the add below leaves in `scratch` (one partial, +0) and reads.
      let hi = head.0
      guard hi != 0 else { return DoubleDouble(hi, 0) }
      scratch.count = 1
      scratch.head.0 = 0
      scratch.special = 0
      return DoubleDouble(hi, 0)
    }
    let hi = value
    guard hi.isFinite, hi != 0 else { return DoubleDouble(hi, 0) }
    scratch.assign(self)
    scratch.add(-hi)
    return DoubleDouble(hi, scratch.value)
  }

  /// Becomes a copy of `other` (its partials and special sum), keeping
  /// this sum's spill storage.
  @inlinable
  public mutating func assign(_ other: ExactSum) {
    special = other.special
    count = other.count
    if other.count <= Self.inlineCapacity {
      head = other.head
    } else {
      spill.removeAll(keepingCapacity: true)
      other.withPartials { spill.append(contentsOf: $0) }
    }
  }
}
