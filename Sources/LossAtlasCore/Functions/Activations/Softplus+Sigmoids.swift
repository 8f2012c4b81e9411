extension Softplus {
  /// e = e^-|t|, R = sigma(|t|) = 1/(1 + e) and s = sigma(-|t|) = e R for
  /// t = beta x (|t| <= 700): what ``jet(_:beta:)`` and
  /// ``derivative(_:beta:)`` share, so that both read f' from the same
  /// operations.
  ///
  /// e^-|t| comes from the exact argument t + tl = beta x (TwoProduct):
  /// e0 (1 -+ tl), as StableMath.exp(_:) does it (written out: negating e0
  /// rather than tl measured 0.4 ns/point faster here).
  @inline(__always)
  static func sigmoids(_ t: Double, _ x: Double, beta: Double) -> (
    e: Double, reciprocal: StableMath.Reciprocal, s: DoubleDouble
  ) {
    let tl = (-t).addingProduct(beta, x)  // t + tl = beta x (TwoProduct)
    let e0 = exp(-abs(t))
    let e = e0.addingProduct(-e0, t >= 0 ? tl : -tl)
    let reciprocal = StableMath.Reciprocal(DoubleDouble.fastTwoSum(1, e))  // sigma(|t|) = R
    return (e, reciprocal, reciprocal.times(e))  // sigma(-|t|) = e R
  }
}
