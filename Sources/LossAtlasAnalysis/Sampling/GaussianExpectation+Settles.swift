extension GaussianExpectation {
  /// Whether E[g(X)], X ~ N(0, variance), as ``mean(_:variance:breakpoints:)``
  /// computes it, is the expectation and not a truncation of a divergent
  /// (or barely convergent) integral: the integrand g(√q z) φ(z) at the
  /// cuts z = ±38.6 must be negligible,
  ///
  ///   (|h(38.6)| + |h(-38.6)|) · 38.6 <= 1e-15 · max(|mean|, 1e-300),
  ///
  /// a bound on what the cut-off tails could add if the integrand stopped
  /// decaying there. Any g that grows slower than e^(z²/2) passes (φ(38.6)
  /// is about 1e-324); E[e^(X²)] (h infinite at the cut) and E[e^(X²/2)]
  /// (h constant: the quadrature would print 2 · 38.6 / √(2π) = 30.8) fail.
  public static func settles(_ g: (Double) -> Double, variance: Double = 1, mean: Double) -> Bool {
    let s = variance.squareRoot()
    let tail = abs(g(s * zMax) * density(zMax)) + abs(g(-s * zMax) * density(zMax))
    return mean.isFinite && tail * zMax <= 1e-15 * max(abs(mean), 1e-300)
  }
}
