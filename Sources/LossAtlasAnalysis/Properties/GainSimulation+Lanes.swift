extension GainSimulation.Draws {
  /// The four doubles p[i], ..., p[i + 3] as one vector (no alignment needed).
  @inline(__always)
  static func lanes(_ p: UnsafePointer<Double>, _ i: Int) -> SIMD4<Double> {
    UnsafeRawPointer(p + i).loadUnaligned(as: SIMD4<Double>.self)
  }
}
