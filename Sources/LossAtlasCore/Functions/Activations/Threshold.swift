/// Threshold, catalog id `threshold`: its entry (`spec`: signature, views, declared
/// properties, conventions, references), its documented `formula`, and
/// its implementation.
enum Threshold {
  static let spec = FunctionSpec(
    id: "threshold", name: "Threshold", family: .activation, aliases: [],
    summary: "x above the threshold t, the constant v at and below it: PyTorch's Threshold(threshold, value). Unless v = t it jumps at t (a discontinuous activation); t = v = 0 is relu.",
    parameters: [
      ParameterSpec(
        name: "threshold", symbol: "t", defaultValue: 1, range: anyFinite, grid: [-1, 0, 1],
        summary: "the threshold t: inputs above it pass, inputs at or below it are replaced"),
      ParameterSpec(
        name: "value", symbol: "v", defaultValue: 0, range: anyFinite, grid: [0, 2],
        summary: "the constant v that replaces every input x ≤ t"),
    ],
    arguments: [.activationInput], differentiable: ["x"],
    evaluate: FunctionSpec.scalarEvaluator("x") { p, _ in
      let t = p["threshold"]
      let v = p["value"]
      return { x in jet(x, threshold: t, value: v) }
    },
    views: { p in
      let t = p["threshold"]
      let v = p["value"]
      // Range {v} ∪ (t, inf); the jump at t is t - v (up when v < t, down when v > t).
      return [
        Activations.view(
          plotRange: (t - 4)...(t + 4), breakpoints: [t],
          declared: DeclaredProperties(
            infimum: v <= t ? RangeBound(v, attained: true) : RangeBound(t, attained: false),
            supremum: RangeBound(.infinity, attained: false),
            monotonic: v <= t ? .increasing : .neither, derivativeMonotonic: .increasing,
            continuity: v == t ? .c0 : .discontinuous,
            zeroCentered: zeroCentered(threshold: t, value: v), passesThroughOrigin: (t < 0 ? 0 : v) == 0, identityNearOrigin: t < 0, maxAbsDerivative: 1,
            saturatesLeft: true, saturatesRight: false, convex: v == t, concave: false,
            nonNegative: min(v, t) >= 0),
          { x in jet(x, threshold: t, value: v) })
      ]
    },
    formula: formula,
    implementationNote: "x or the constant v, exact for every input; x > t is decided on the exact inputs, so x = t gives v with derivative 0 (the lower piece owns the jump).",
    conventions: [
      FrameworkConvention(
        .pytorch, "torch.nn.functional.threshold(x, threshold, value)",
        "none: derivative {torch.shrink-threshold.grad-at-kinks.threshold_at_t} at x = t as here; PyTorch's Threshold has no defaults (t = 1, v = 0 are the catalog's, chosen to show the jump)", definitional: ["t = 1, v = 0"]),
      FrameworkConvention(
        .keras, "keras.activations.threshold(x, threshold, default_value)",
        "none: derivative {keras.shrink-threshold.grad-at-kinks.threshold_at_t} at x = t as here; no defaults either"),
      FrameworkConvention(.optax, "", "no equivalent (optax holds losses)"),
      FrameworkConvention(.jaxnn, "", "no threshold in jax.nn; jnp.where(x > t, x, v) by hand"),
    ],
    references: [
      Reference("PyTorch documentation, torch.nn.Threshold", year: 2016, url: "https://pytorch.org/docs/stable/generated/torch.nn.Threshold.html")
    ]
  )

  /// Any finite real number (the threshold and the replacement value).
  static let anyFinite = ParameterRange(lower: -.infinity, lowerInclusive: false, upper: .infinity, upperInclusive: false)

  /// The parameters, printed t and v.
  static let t = Expr.symbol(Symbol("threshold", latex: "t", mathml: "<mi>t</mi>"))
  static let v = Expr.symbol(Symbol("value", latex: "v", mathml: "<mi>v</mi>"))

  /// Whether the mean output for X ~ N(0, 1) is 0 (the engine's test, within
  /// 1e-12): E[f(X)] = E[X; X > t] + v P(X <= t) = phi(t) + v Phi(t). Declared
  /// only away from the tolerance (|mean| <= 1e-13 or > 1e-11), where a
  /// closed form accurate to a few ulp of its terms decides it; nil between,
  /// so that a parameter pair on the edge is not declared either way.
  static func zeroCentered(threshold t: Double, value v: Double) -> Bool? {
    let phi = exp(-0.5 * t * t) / (2 * Double.pi).squareRoot()
    let cdf = 0.5 * erfc(-t / 2.0.squareRoot())
    let mean = phi + v * cdf
    if abs(mean) <= 1e-13 { return true }
    return abs(mean) > 1e-11 ? false : nil
  }

  /// The documented formulas: the tree the manual prints and the tests evaluate.
  static let formula = FunctionFormula(
    value: .cases([(.x, .greater(.x, t)), (v, .otherwise)]),
    derivatives: [("x", .cases([(.n(1), .greater(.x, t)), (.n(0), .otherwise)]))],
    secondDerivative: .n(0))

  /// x for x > t, else v; f' = 1 or 0 (0 at t); f'' = 0.
  @Sendable static func jet(_ x: Double, threshold t: Double, value v: Double) -> Jet {
    x > t ? Jet(value: x, d1: 1, d2: 0) : Jet(value: v, d1: 0, d2: 0)
  }
}
