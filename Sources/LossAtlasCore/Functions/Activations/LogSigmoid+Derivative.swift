extension LogSigmoid {
  /// f'(x) = sigma(-x) alone: ``jet(_:)``'s d1, bit for bit (the same
  /// ``sigmoids(_:)`` and the same choice of e R or R), without the jet's
  /// log1p for f and its product for f''. The depth chain reads only f'.
  @Sendable static func derivative(_ x: Double) -> Double {
    let (_, reciprocal, s) = sigmoids(x)
    return x >= 0 ? s.hi + s.lo : reciprocal.value
  }
}
