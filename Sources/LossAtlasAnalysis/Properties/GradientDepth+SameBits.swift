extension GradientDepth {
  /// Whether every element of `w` (not empty) has the bits of the first:
  /// the OR of x_i XOR x_0 over i is 0. One pass with no data-dependent
  /// branch (the compiler vectorises it).
  static func sameBits(_ w: UnsafeMutableBufferPointer<Double>) -> Bool {
    let first = w[0].bitPattern
    var differ: UInt64 = 0
    for v in w { differ |= v.bitPattern ^ first }
    return differ == 0
  }
}
