/// The scalar activations of CATALOG.md, in catalog order.
///
/// Each entry's implementation lives in `StableMath` (or beside the entry
/// when it is a one-liner); the entry itself holds the signature, views,
/// declared properties and documentation.
enum Activations {

  /// The one view of an activation: f in x over the whole real line.
  static func view(
    plotRange: ClosedRange<Double>, breakpoints: [Double] = [], declared: DeclaredProperties,
    _ jet: @escaping @Sendable (Double) -> Jet
  ) -> ScalarView {
    ScalarView(
      label: "x", argument: "x", plotRange: plotRange, breakpoints: breakpoints, declared: declared,
      evaluate: jet)
  }
}
