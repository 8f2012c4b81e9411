extension Softplus {
  /// f'(x) = sigma(beta x) alone: ``jet(_:beta:)``'s d1, bit for bit (the
  /// same ``sigmoids(_:_:beta:)`` and the same choice of R or e R), without
  /// the jet's log1p for f and its product for f''. The depth chain reads
  /// only f'.
  @Sendable static func derivative(_ x: Double, beta: Double) -> Double {
    let t = beta * x
    guard abs(t) <= 700 else { return jetWide(x, beta: beta).d1 }
    let (_, reciprocal, s) = sigmoids(t, x, beta: beta)
    return t > 0 ? reciprocal.value : s.hi + s.lo
  }
}
