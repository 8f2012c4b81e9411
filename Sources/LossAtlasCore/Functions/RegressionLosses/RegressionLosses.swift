/// What the regression losses of CATALOG.md share: prediction yhat,
/// target y, residual r = yhat - y (gaussian-nll adds the variance, and
/// poisson-nll takes a log rate z); their evaluator, view and properties.
///
/// Every loss forms r exactly as a double-double (`StableMath.residual`):
/// yhat - y rounded is already an error of half an ulp of r, which r^2,
/// log cosh r or a kink decision at |r| = delta would carry on. Residuals
/// whose difference overflows (1e308 - (-1e308)) are halved exactly first.
enum RegressionLosses {
  // MARK: - Shared pieces

  static let predictionArgument = ArgumentSpec(name: "yhat", summary: "the prediction")
  static let targetArgument = ArgumentSpec(name: "y", summary: "the target")

  /// A loss of (yhat, y) with its parameters read once.
  typealias ResidualJet = @Sendable (Double, Double) -> Jet

  /// `evaluate` for a loss of (yhat, y): the jet in yhat at the given y.
  static func residualEvaluator(
    _ jet: @escaping @Sendable (ParameterValues) -> ResidualJet
  ) -> @Sendable (ParameterValues, ArgumentValues) throws(CatalogError) -> Evaluation {
    FunctionSpec.scalarEvaluator("yhat") { p, a in
      let f = jet(p)
      let y = a.real("y")
      return { f($0, y) }
    }
  }

  /// The primary view of a loss of (yhat, y): yhat over the real line at y = 0.
  static func residualView(
    plotRange: ClosedRange<Double> = -3...3, breakpoints: [Double] = [], declared: DeclaredProperties,
    _ jet: @escaping ResidualJet
  ) -> ScalarView {
    ScalarView(
      label: "yhat (y = 0)", argument: "yhat", fixed: [("y", .real(0))], plotRange: plotRange,
      breakpoints: breakpoints, declared: declared, evaluate: { jet($0, 0) })
  }

  /// What holds for every regression loss in yhat at y = 0: non-negative,
  /// zero exactly at yhat = y, unbounded above, not concave, neither
  /// increasing nor decreasing, f' non-decreasing (all of them are convex in
  /// yhat except barron with alpha < 1).
  static func residualProperties(
    continuity: Smoothness, convex: Bool = true, maxAbsDerivative: Double? = nil,
    supremum: RangeBound = RangeBound(.infinity, attained: false),
    saturates: Bool = false, gradientGrowth: GradientGrowth
  ) -> DeclaredProperties {
    DeclaredProperties(
      infimum: RangeBound(0, attained: true), supremum: supremum,
      monotonic: .neither, derivativeMonotonic: convex ? .increasing : .neither,
      continuity: continuity, maxAbsDerivative: maxAbsDerivative,
      saturatesLeft: saturates, saturatesRight: saturates, convex: convex, concave: false,
      nonNegative: true, zeroAtCorrect: .attained, gradientGrowth: gradientGrowth)
  }

  /// Over the whole domain (yhat and y free) a loss of r = yhat - y alone
  /// takes the values of its view at y = 0: minimum 0 at yhat = y, no
  /// bound above, non-negative, convex in yhat for every y (the losses that
  /// are not convex declare otherwise).
  static func residualDomain(convex: Bool = true, supremum: RangeBound = RangeBound(.infinity, attained: false))
    -> DeclaredDomainProperties
  {
    DeclaredDomainProperties(infimum: RangeBound(0, attained: true), supremum: supremum, nonNegative: true, convex: convex)
  }

  static let noJaxNN = FrameworkConvention(
    .jaxnn, "", "no equivalent (jax.nn holds activations; see optax)")
}
