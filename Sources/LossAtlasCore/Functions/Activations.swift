/// The scalar activations of CATALOG.md, in catalog order.
///
/// Each entry's implementation lives in `StableMath` (or beside the entry
/// when it is a one-liner); the entry itself holds the signature, views,
/// declared properties and documentation.
enum Activations {
  static let all: [FunctionSpec] = [identity, sigmoid]

  /// The one view of an activation: f in x over the whole real line.
  static func view(
    plotRange: ClosedRange<Double>, breakpoints: [Double] = [], declared: DeclaredProperties,
    _ jet: @escaping @Sendable (Double) -> Jet
  ) -> ScalarView {
    ScalarView(
      label: "x", argument: "x", plotRange: plotRange, breakpoints: breakpoints, declared: declared,
      evaluate: jet)
  }

  // MARK: - identity

  static let identity = FunctionSpec(
    id: "identity", name: "Identity (linear)", family: .activation, aliases: ["linear"],
    summary: "f(x) = x: no nonlinearity. The output activation of regression heads, and the baseline every other activation is compared against.",
    arguments: [.activationInput], differentiable: ["x"],
    evaluate: FunctionSpec.scalarEvaluator("x") { _, _ in identityJet },
    views: { _ in
      [
        view(
          plotRange: -5...5,
          declared: DeclaredProperties(
            infimum: RangeBound(-.infinity, attained: false), supremum: RangeBound(.infinity, attained: false),
            monotonic: .increasing, derivativeMonotonic: .constant, continuity: .cInfinity,
            zeroCentered: true, identityNearOrigin: true, maxAbsDerivative: 1,
            saturatesLeft: false, saturatesRight: false, convex: true, concave: true),
          identityJet)
      ]
    },
    implementationNote: "Returned as is; exact for every input.",
    conventions: [
      FrameworkConvention(.pytorch, "torch.nn.Identity()", "none"),
      FrameworkConvention(.keras, "keras.activations.linear", "none"),
      FrameworkConvention(.optax, "", "no equivalent (not a loss)"),
      FrameworkConvention(.jaxnn, "", "no named function; use x itself"),
    ],
    references: [Reference("Goodfellow, Bengio, Courville, Deep Learning, §6.2.2.1", year: 2016)]
  )

  @Sendable static func identityJet(_ x: Double) -> Jet { Jet(value: x, d1: 1, d2: 0) }

  // MARK: - sigmoid

  static let sigmoid = FunctionSpec(
    id: "sigmoid", name: "Sigmoid (logistic)", family: .activation, aliases: ["logistic-sigmoid", "expit"],
    summary: "The logistic function 1 / (1 + e^-x): maps the real line onto (0, 1). The output of binary classifiers; as a hidden activation it saturates and shrinks gradients at least fourfold per layer.",
    arguments: [.activationInput], differentiable: ["x"],
    evaluate: FunctionSpec.scalarEvaluator("x") { _, _ in sigmoidJet },
    views: { _ in
      [
        view(
          plotRange: -8...8,
          declared: DeclaredProperties(
            infimum: RangeBound(0, attained: false), supremum: RangeBound(1, attained: false),
            monotonic: .increasing, derivativeMonotonic: .neither, continuity: .cInfinity,
            zeroCentered: false, identityNearOrigin: false, maxAbsDerivative: 0.25,
            saturatesLeft: true, saturatesRight: true, convex: false, concave: false),
          sigmoidJet)
      ]
    },
    naive: NaiveForm(
      valueFormula: "1 / (1 + exp(-x))", derivativeFormula: "sigma(x) * (1 - sigma(x))",
      value: { _ in { x in 1 / (1 + exp(-x)) } },
      derivative: { _ in
        { x in
          let s = 1 / (1 + exp(-x))
          return s * (1 - s)
        }
      }),
    implementationNote: "Branch on the sign of x before calling exp (1/(1+e^-x) for x >= 0, e^x/(1+e^x) below), and the derivative as e^-|x| / (1 + e^-|x|)^2 rather than sigma(1 - sigma), which is 0 once sigma rounds to 1.",
    conventions: [
      FrameworkConvention(.pytorch, "torch.sigmoid(x)", "backward is y (1 - y) on the rounded output: 0 instead of about e^-x above x = 36.7"),
      FrameworkConvention(.keras, "keras.activations.sigmoid(x)", "none in value"),
      FrameworkConvention(.optax, "", "no equivalent (not a loss)"),
      FrameworkConvention(.jaxnn, "jax.nn.sigmoid(x)", "autodiff of the rounded output: derivative off by up to half its value above x = 36"),
    ],
    references: [Reference("Goodfellow, Bengio, Courville, Deep Learning, §6.2.2.2 and §6.3.2", year: 2016)]
  )

  /// sigma(x), sigma'(x) = sigma(x) sigma(-x), sigma''(x) = sigma'(x) (1 - 2 sigma(x)).
  ///
  /// `1 - 2 sigma(x)` cancels near x = 0 and for large |x|; it is written as
  /// `tanh(-x/2)`, exact in sign and accurate to an ulp everywhere.
  @Sendable static func sigmoidJet(_ x: Double) -> Jet {
    let s = StableMath.sigmoid(x)
    let d1 = StableMath.sigmoidProduct(x)
    return Jet(value: s, d1: d1, d2: d1 * tanh(-x / 2))
  }
}
