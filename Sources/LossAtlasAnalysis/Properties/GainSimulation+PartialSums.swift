extension GainSimulation.Draws {
  /// The 16 partial sums of one dot product Σ_j a_j b_j of
  /// ``forward(layer:_:_:jobs:scales:)``: lane k of part m holds the
  /// products at j ≡ 4m + k mod 16, added in increasing j.
  struct PartialSums {
    var a0 = SIMD4<Double>(repeating: 0)
    var a1 = SIMD4<Double>(repeating: 0)
    var a2 = SIMD4<Double>(repeating: 0)
    var a3 = SIMD4<Double>(repeating: 0)

    /// Parts 0 and 1 (half 0) or 2 and 3 (half 1).
    @inline(__always)
    mutating func set(_ half: Int, _ x: SIMD4<Double>, _ y: SIMD4<Double>) {
      if half == 0 {
        a0 = x
        a1 = y
      } else {
        a2 = x
        a3 = y
      }
    }

    /// The sum in a fixed order: the parts as (a0 + a1) + (a2 + a3), then
    /// the lanes l of that as (l0 + l1) + (l2 + l3).
    var total: Double {
      let acc = (a0 + a1) + (a2 + a3)
      return (acc[0] + acc[1]) + (acc[2] + acc[3])
    }
  }
}
