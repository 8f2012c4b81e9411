extension ExactSum {
  /// ``doubleDouble`` with the remainder formed in `scratch` (its storage
  /// reused) instead of in a fresh copy of the partials: the same
  /// operations on the same partials, so the same bits.
  @inlinable
  public func doubleDouble(reusing scratch: inout ExactSum) -> DoubleDouble {
    let hi = value
    guard hi.isFinite, hi != 0 else { return DoubleDouble(hi, 0) }
    scratch.partials.removeAll(keepingCapacity: true)
    scratch.partials.append(contentsOf: partials)
    scratch.special = special
    scratch.add(-hi)
    return DoubleDouble(hi, scratch.value)
  }
}
