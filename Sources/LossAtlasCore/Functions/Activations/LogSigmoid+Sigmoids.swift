extension LogSigmoid {
  /// e = e^-|x|, R = sigma(|x|) = 1/(1 + e) and s = sigma(-|x|) = e R: what
  /// ``jet(_:)`` and ``derivative(_:)`` share, so that both read f' from
  /// the same operations.
  @inline(__always)
  static func sigmoids(_ x: Double) -> (e: Double, reciprocal: StableMath.Reciprocal, s: DoubleDouble) {
    let e = exp(-abs(x))
    let reciprocal = StableMath.Reciprocal(DoubleDouble.fastTwoSum(1, e))  // sigma(|x|) = R
    return (e, reciprocal, reciprocal.times(e))  // sigma(-|x|) = e R
  }
}
