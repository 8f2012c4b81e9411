extension CELU {
  /// f'(x) = 1 for x > 0, e^(x / alpha) below, alone: ``jet(_:alpha:)``'s
  /// d1, bit for bit (the same branches and operations on u = uh + ul),
  /// without the jet's expm1 for f between u = -1 and -1/4, where f' takes
  /// exp. The depth chain reads only f'.
  @Sendable static func derivative(_ x: Double, alpha: Double) -> Double {
    if x > 0 { return 1 }
    let uh = x / alpha
    if abs(uh) < 0x1p-26 { return exp(uh) }
    guard uh >= -708 else { return jetWide(uh, x: x, alpha: alpha).d1 }
    let ul = x.addingProduct(-uh, alpha) / alpha  // quotient remainder; x / alpha = uh + ul
    let e = uh >= -1 ? Activations.expNearZero(uh, expm1: expm1(uh)) : exp(uh)
    return e.addingProduct(e, ul)
  }
}
