extension Activations {
  /// e^u for -1 <= u <= 0 as the exponential-linear units (elu, selu, celu)
  /// take it for f': exp(u) below u = -1/4, 1 + expm1(u) from -1/4 up (the
  /// sum exact, expm1's error reaching e^u damped by |m|/e^u < 0.3).
  ///
  /// `m`, expm1(u), is evaluated only from -1/4 up: a jet has it already
  /// (for f), a derivative alone calls expm1 only there. Both get the same
  /// bits either way (the same operations on the same operands).
  @inline(__always)
  static func expNearZero(_ u: Double, expm1 m: @autoclosure () -> Double) -> Double {
    u < -0.25 ? exp(u) : 1 + m()
  }
}
