import LossAtlasCore

extension GradientGain {
  /// Whether the mean-field model (and the depth study, ``GradientDepth``)
  /// applies to `view`: both draw pre-activations h ~ N(0, q) on the whole
  /// real line, so they need a function defined there. On a smaller domain
  /// (log(x) on (0, inf)) E[f'(h)^2] would integrate over inputs where the
  /// function is not defined: the model does not apply.
  public static func applies(to view: ScalarView) -> Bool {
    view.domain.lower == -.infinity && view.domain.upper == .infinity
  }
}

extension GradientGain {
  /// Why the model (`depth: false`) or the depth study (`depth: true`)
  /// does not apply on `domain`: `the mean-field model draws h ~ N(0, q) on
  /// the whole real line; the function is defined on (0, inf)`.
  public static func inapplicable(_ domain: RealInterval, depth: Bool = false) -> String {
    let draws = depth ? "the study draws x ~ N(0, 1)" : "the mean-field model draws h ~ N(0, q)"
    return "\(draws) on the whole real line; the function is defined on \(domain.description)"
  }
}
