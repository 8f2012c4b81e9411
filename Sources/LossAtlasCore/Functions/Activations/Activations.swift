/// What the scalar activations of CATALOG.md share: their one view.
///
/// Each activation is one file beside this one (`GELU.swift`, ...) holding
/// its entry, formula and stable jet; `Catalog.all` lists them in catalog
/// order.
enum Activations {
  /// The one view of an activation: f in x over the whole real line
  /// (`derivative`: f' alone, the bits of the jet's f', where that is
  /// cheaper than the jet; `evenDerivative`: the jet computes f' from |x|
  /// alone, so |f'(-x)| has the bits of |f'(x)|).
  static func view(
    plotRange: ClosedRange<Double>, breakpoints: [Double] = [], declared: DeclaredProperties,
    derivative: (@Sendable (Double) -> Double)? = nil, evenDerivative: Bool = false,
    _ jet: @escaping @Sendable (Double) -> Jet
  ) -> ScalarView {
    ScalarView(
      label: "x", argument: "x", plotRange: plotRange, breakpoints: breakpoints, declared: declared,
      derivative: derivative, evenDerivative: evenDerivative, evaluate: jet)
  }
}
