/// Leaky ReLU, catalog id `leaky-relu`: its entry (`spec`: signature, views, declared
/// properties, conventions, references), its documented `formula`, and
/// its stable implementation with the notes on why it is stable.
enum LeakyReLU {
  static let spec = FunctionSpec(
    id: "leaky-relu", name: "Leaky ReLU", family: .activation, aliases: ["lrelu", "leakyrelu", "prelu", "rrelu"],
    summary: "x for x ≥ 0, a x below: ReLU with a small slope a on the negative side, so that no unit's gradient is exactly zero.",
    parameters: [
      ParameterSpec(
        name: "slope", symbol: "a", defaultValue: 0.01, range: .nonNegative, grid: [0, 0.01, 0.1, 0.2, 0.3],
        summary: "the slope for x < 0 (0 gives ReLU; PyTorch and jax default {torch.leaky_relu.kink-and-default.default_negative_slope}, Keras {keras.leaky_relu.defaults.activation_default})")
    ],
    arguments: [.activationInput], differentiable: ["x"],
    evaluate: FunctionSpec.scalarEvaluator("x") { p, _ in
      let a = p["slope"]
      return { x in jet(x, slope: a) }
    },
    views: { p in
      let a = p["slope"]
      return [
        Activations.view(
          plotRange: -4...4, breakpoints: [0],
          declared: DeclaredProperties(
            infimum: a > 0 ? RangeBound(-.infinity, attained: false) : RangeBound(0, attained: true),
            supremum: RangeBound(.infinity, attained: false),
            monotonic: .increasing,
            derivativeMonotonic: a < 1 ? .increasing : (a == 1 ? .constant : .decreasing),
            continuity: a == 1 ? .cInfinity : .c0,
            // Mean output (1 − a)/sqrt(2 pi): 0 only for a = 1 (the identity); f(0) = 0.
            zeroCentered: a == 1, passesThroughOrigin: true, identityNearOrigin: a == 1 ? true : nil, maxAbsDerivative: max(a, 1),
            saturatesLeft: a == 0, saturatesRight: false, convex: a <= 1, concave: a >= 1, nonNegative: a == 0),
          { x in jet(x, slope: a) })
      ]
    },
    formula: formula,
    implementationNote: "x for x ≥ 0, a x below (one rounding); the derivative at 0 is the catalog's a.",
    conventions: [
      FrameworkConvention(.pytorch, "torch.nn.functional.leaky_relu(x, negative_slope=0.01)", "none: the same default slope {torch.leaky_relu.kink-and-default.default_negative_slope}, derivative {torch.leaky_relu.kink-and-default.grad_at_0} (a) at 0", definitional: ["at 0"]),
      FrameworkConvention(.keras, "keras.activations.leaky_relu(x, negative_slope=0.2)", "default slope {keras.leaky_relu.defaults.activation_default}, not the catalog's 0.01 (the LeakyReLU layer defaults to {keras.leaky_relu.defaults.layer_default})", definitional: ["the catalog's 0.01"]),
      FrameworkConvention(.optax, "", "no equivalent (optax holds losses)"),
      FrameworkConvention(
        .pytorch, "torch.nn.PReLU(num_parameters=1, init=0.25)",
        "alias prelu: the slope a is learned, initially {torch.prelu.init.init}; at a fixed a it is this function"),
      FrameworkConvention(
        .pytorch, "torch.nn.RReLU(lower=1/8, upper=1/3)",
        "alias rrelu: in training a is drawn from U(lower, upper) per element; in evaluation a = (lower + upper)/2, this function at that slope (at the defaults lower {torch.rrelu.eval-slope.lower} and upper {torch.rrelu.eval-slope.upper}, f(-1) = {torch.rrelu.eval-slope.value_at_minus_1})",
        definitional: ["(lower + upper)/2", "f(-1)"]),
      FrameworkConvention(.jaxnn, "jax.nn.leaky_relu(x, negative_slope=0.01)", "written with jnp.where(x >= 0, ...): derivative {jax.leaky_relu.kink-and-default.grad_at_0} at 0, not a", definitional: ["x >= 0", "at 0"]),
    ],
    references: [
      Reference("Maas, Hannun, Ng, Rectifier nonlinearities improve neural network acoustic models, ICML workshop", year: 2013)
    ],
    figures: FigureHints(
      family: ParameterFamilyFigure(parameter: "slope", xRange: -4...4, note: "The slope a for x < 0; a = 0 is relu."))
  )

  /// The documented formulas: the tree the manual prints and the tests evaluate.
  static let formula = FunctionFormula(
    value: .cases([(.x, .greaterOrEqual(.x, .n(0))), (slope * .x, .otherwise)]),
    derivatives: [("x", .cases([(.n(1), .greater(.x, .n(0))), (slope, .otherwise)]))],
    secondDerivative: .n(0))

  /// The slope parameter, printed a.
  static let slope = Expr.symbol(Symbol("slope", latex: "a", mathml: "<mi>a</mi>"))

  /// x for x >= 0, a x below; f' = 1 for x > 0, else a (a at the kink); f'' = 0.
  @Sendable static func jet(_ x: Double, slope a: Double) -> Jet {
    if x > 0 { return Jet(value: x, d1: 1, d2: 0) }
    return Jet(value: x == 0 ? x : a * x, d1: a, d2: 0)
  }
}
