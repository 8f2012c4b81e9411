extension GainSimulation.Draws {
  /// One dot product Σ_j a_j b_j of ``forward(layer:_:_:jobs:scales:)``
  /// from its 16 partial sums (lane k of part a_m holds the products at
  /// j ≡ 4m + k mod 16, added in increasing j), given as `first` = a_0 + a_1
  /// and `second` = a_2 + a_3: the sum (a_0 + a_1) + (a_2 + a_3), then its
  /// lanes l as (l_0 + l_1) + (l_2 + l_3).
  @inline(__always)
  static func dotTotal(first: SIMD4<Double>, second: SIMD4<Double>) -> Double {
    let acc = first + second
    return (acc[0] + acc[1]) + (acc[2] + acc[3])
  }
}
