extension SELU {
  /// f'(x) = lambda for x > 0, lambda alpha e^x below, alone: ``jet(_:)``'s
  /// d1, bit for bit (the same branches and operations), without the jet's
  /// expm1 for f between x = -1 and -1/4, where f' takes exp. The depth
  /// chain reads only f'.
  @Sendable static func derivative(_ x: Double) -> Double {
    if x > 0 { return lambda.hi }
    if x < -1 {
      guard x >= -700 else { return jet(x).d1 }
      return timesLambdaAlpha(exp(x))
    }
    return timesLambdaAlpha(Activations.expNearZero(x, expm1: expm1(x)))
  }

  /// lambda alpha e, lambdaAlpha's two parts times e, rounded once (fma).
  @inline(__always)
  static func timesLambdaAlpha(_ e: Double) -> Double {
    (lambdaAlpha.lo * e).addingProduct(lambdaAlpha.hi, e)
  }
}
