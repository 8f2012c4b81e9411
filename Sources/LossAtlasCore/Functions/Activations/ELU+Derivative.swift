extension ELU {
  /// f'(x) = 1 for x > 0, alpha e^x below, alone: ``jet(_:alpha:)``'s d1,
  /// bit for bit (the same branches and operations), without the jet's
  /// expm1 for f between x = -1 and -1/4, where f' takes exp. The depth
  /// chain reads only f'.
  @Sendable static func derivative(_ x: Double, alpha: Double) -> Double {
    if x > 0 { return 1 }
    if x < -1 {
      guard x >= -700 else { return jetWide(x, alpha: alpha).d1 }
      return alpha * exp(x)
    }
    return alpha * Activations.expNearZero(x, expm1: expm1(x))
  }
}
