extension DoubleDouble {
  /// sqrt(x) for x = hi + lo > 0, to about 2^-104 relative error: the
  /// Double square root s of hi and one Newton correction
  /// (x - s^2) / (2 s), with s^2 formed exactly by FMA. A perfect square
  /// (4, 25, 9/4) gives its root exactly, so scaled or integer inputs keep
  /// exact results exact.
  @inlinable
  public func squareRoot() -> DoubleDouble {
    if hi <= 0 || !hi.isFinite { return DoubleDouble(hi.squareRoot(), 0) }
    let s = hi.squareRoot()
    let p = DoubleDouble.twoProduct(s, s)
    let r = ((hi - p.hi) - p.lo) + lo
    return DoubleDouble.fastTwoSum(s, r / (2 * s))
  }
}
