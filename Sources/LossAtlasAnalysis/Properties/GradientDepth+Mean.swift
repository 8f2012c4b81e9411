extension GradientDepth {
  /// (lower + upper) / 2, rounded once; halved first, lower / 2 + upper / 2,
  /// only if the sum overflows: the median of an even count from its two
  /// middle values.
  static func mean(_ lower: Double, _ upper: Double) -> Double {
    let sum = lower + upper
    return sum.isFinite ? sum / 2 : lower / 2 + upper / 2
  }
}
