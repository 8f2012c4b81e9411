extension SampleSummary.Accumulator {
  /// The first index i of `range` where `p[i] == target` (`|p[i]| ==
  /// target` when `magnitude`), nil where there is none: what
  /// `range.first { p[$0] == target }` gives, four samples at a time.
  ///
  /// The quiet blocks find their extremes again this way, and on a
  /// monotone stretch the extreme is a block's last sample, so the whole
  /// block is read. Lanes compare with the same `==` (a NaN equals
  /// nothing, -0 equals +0); |p[i]| is p[i] with its sign bit cleared, as
  /// `abs` makes it; a group of four with a hit is read sample by sample
  /// for the first one.
  @inline(__always)
  static func firstIndex(
    _ p: UnsafeMutableBufferPointer<Double>, in range: Range<Int>, equalTo target: Double, magnitude: Bool
  ) -> Int? {
    typealias Lanes = SIMD4<Double>
    typealias Bits = SIMD4<UInt64>
    let mask = Bits(repeating: magnitude ? ~(1 << 63) : ~0)
    let t = Lanes(repeating: target)
    let raw = UnsafeRawPointer(p.baseAddress!)
    var i = range.lowerBound
    while range.upperBound - i >= Lanes.scalarCount {
      let v = unsafeBitCast(raw.loadUnaligned(fromByteOffset: i &* MemoryLayout<Double>.stride, as: Bits.self) & mask, to: Lanes.self)
      if any(v .== t) { break }
      i &+= Lanes.scalarCount
    }
    while i < range.upperBound {
      if (magnitude ? abs(p[i]) : p[i]) == target { return i }
      i &+= 1
    }
    return nil
  }
}
