/// The scalar activations of CATALOG.md, in catalog order.
///
/// Each entry's implementation lives in `StableMath` (or beside the entry
/// when it is a one-liner); the entry itself holds the signature, views,
/// declared properties and documentation.
enum Activations {
  static let all: [FunctionSpec] = [
    identity, sigmoid, hyperbolicTangent, relu, leakyReLU, relu6, elu, selu, gelu, geluTanh, silu, mish, softplus,
    softsign, hardSigmoid, hardTanh, hardSwish, logSigmoid,
  ]

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
    implementationNote: "Branch on the sign of x before calling exp (1/(1+e^-x) for x >= 0, e^x/(1+e^x) below; 1 + e formed exactly and the quotients taken in double-double), and the derivative as e^-|x| / (1 + e^-|x|)^2 rather than sigma(1 - sigma), which is 0 once sigma rounds to 1.",
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
  /// `tanh(-x/2)`, exact in sign and accurate to an ulp everywhere. One exp
  /// (expm1 below |x| = ln 2) and one division: 1/(1 + e) = r (1 + eps) with
  /// eps = 1 - (1 + e) r from an fma, the double-double products written out
  /// (about 1 ulp; the Double forms reach 2.4 ulp near x = -21).
  @Sendable static func sigmoidJet(_ x: Double) -> Jet {
    // e = e^-|x| (eh + el), 1 - e (om); below |x| = ln 2 from expm1, so that 1 - e does not cancel.
    let a = abs(x)
    let eh: Double
    let el: Double
    let om: Double
    if a < 0x1.62e42fefa39efp-1 {
      let m = expm1(-a)
      eh = 1 + m
      el = (1 - eh) + m
      om = -m
    } else {
      eh = exp(-a)
      el = 0
      om = 1 - eh
    }
    // sigma(|x|) = R = r (1 + eps), r = 1/(1 + e).hi; sigma(-|x|) = e R = sh + sl
    let dh = 1 + eh
    let dl = ((1 - dh) + eh) + el
    let r = 1 / dh
    let eps = 1.0.addingProduct(-dh, r) - dl * r
    let sh = eh * r
    let sl = (-sh).addingProduct(eh, r) + (el * r + sh * eps)
    let d1 = (sh * r * eps + sl * r).addingProduct(sh, r)
    // 1 - 2 sigma(x) = -sign(x) tanh(|x|/2) = -sign(x) (1 - e)/(1 + e)
    let tanhHalf = om * r
    if x >= 0 { return Jet(value: r.addingProduct(r, eps), d1: d1, d2: -d1 * tanhHalf) }
    return Jet(value: sh + sl, d1: d1, d2: d1 * tanhHalf)
  }

  // MARK: - tanh

  static let hyperbolicTangent = FunctionSpec(
    id: "tanh", name: "Hyperbolic tangent", family: .activation, aliases: ["hyperbolic-tangent"],
    summary: "tanh x = (e^x - e^-x) / (e^x + e^-x): a zero-centred sigmoid onto (-1, 1), equal to 2 sigma(2x) - 1. The classic recurrent-network activation; it saturates on both sides.",
    arguments: [.activationInput], differentiable: ["x"],
    evaluate: FunctionSpec.scalarEvaluator("x") { _, _ in tanhJet },
    views: { _ in
      [
        view(
          plotRange: -4...4,
          declared: DeclaredProperties(
            infimum: RangeBound(-1, attained: false), supremum: RangeBound(1, attained: false),
            monotonic: .increasing, derivativeMonotonic: .neither, continuity: .cInfinity,
            zeroCentered: true, identityNearOrigin: true, maxAbsDerivative: 1,
            saturatesLeft: true, saturatesRight: true, convex: false, concave: false, nonNegative: false),
          tanhJet)
      ]
    },
    naive: NaiveForm(
      valueFormula: "(exp(x) - exp(-x)) / (exp(x) + exp(-x))", derivativeFormula: "1 - tanh(x)^2",
      value: { _ in { x in (exp(x) - exp(-x)) / (exp(x) + exp(-x)) } },
      derivative: { _ in
        { x in
          let t = LossAtlasCore.tanh(x)
          return 1 - t * t
        }
      }),
    implementationNote: "From e = e^(-2|x|) and 1 - e (expm1 below 2|x| = ln 2, so 1 - e never cancels), one libm call for both: tanh |x| = (1 - e)/(1 + e) and sech^2 x = 4e/(1 + e)^2 with 1 + e exact, never 1 - tanh^2, which is 0 above |x| = 19.1 where the exact value is about 4 e^(-2|x|). (glibc's tanh itself is up to 1.9 ulp off near |x| = 0.5; this is within 1.2.)",
    conventions: [
      FrameworkConvention(.pytorch, "torch.tanh(x)", "backward is 1 - y^2 on the rounded output: 0 instead of about 4 e^(-2|x|) above |x| = 19 (measured)"),
      FrameworkConvention(.keras, "keras.activations.tanh(x)", "none in value; the gradient is the backend's"),
      FrameworkConvention(.optax, "", "no equivalent (optax holds losses)"),
      FrameworkConvention(.jaxnn, "jax.nn.tanh(x)", "autodiff of the rounded output: derivative 0 above x = 20 (measured)"),
    ],
    references: [Reference("Goodfellow, Bengio, Courville, Deep Learning, §6.3.2", year: 2016)]
  )

  /// tanh x, sech^2 x, -2 tanh(x) sech^2(x), all from one exp (expm1 below
  /// 2|x| = ln 2, as in ``StableMath/logisticParts(_:)``) and one division:
  /// ```
  /// tanh |x| = (1 - e) / (1 + e),   sech^2 x = 4 e / (1 + e)^2,   e = e^-2|x|
  /// ```
  @Sendable static func tanhJet(_ x: Double) -> Jet {
    let a = abs(x)
    if a > 354 {
      // e^-2|x| is subnormal: tanh = ±1, sech^2 = 4 m 2^k rounded once.
      let (m, k) = StableMath.expScaled(DoubleDouble(-2 * a))
      let d1 = StableMath.scaled(4 * m, k)
      return Jet(value: x > 0 ? 1 : -1, d1: d1, d2: x > 0 ? -2 * d1 : 2 * d1)
    }
    // e = e^-2|x| = eh + el and 1 - e = omh + oml, each exact from one libm call (expm1 below 2|x| = ln 2)
    let eh: Double
    let el: Double
    let omh: Double
    let oml: Double
    if a < 0x1.62e42fefa39efp-2 {
      let m = expm1(-2 * a)
      eh = 1 + m
      el = (1 - eh) + m
      omh = -m
      oml = 0
    } else {
      eh = exp(-2 * a)
      el = 0
      omh = 1 - eh  // e <= 1/2
      oml = (1 - omh) - eh
    }
    // 1/(1 + e) = r (1 + eps); tanh |x| = (1 - e) r (1 + eps); sech^2 x = 4 e r^2 (1 + 2 eps)
    let dh = 1 + eh
    let dl = ((1 - dh) + eh) + el
    let r = 1 / dh
    let eps = 1.0.addingProduct(-dh, r) - dl * r
    let t = (oml * r + omh * r * eps).addingProduct(omh, r)
    let rr = r * r
    let rrl = (-rr).addingProduct(r, r)
    let d1 = 4 * (eh * rrl + el * rr + 2 * eh * rr * eps).addingProduct(eh, rr)
    let value = x < 0 ? -t : t
    return Jet(value: value, d1: d1, d2: -2 * value * d1)
  }

  // MARK: - relu

  static let relu = FunctionSpec(
    id: "relu", name: "ReLU (rectified linear unit)", family: .activation, aliases: ["rectifier"],
    summary: "max(0, x): the default hidden activation of deep networks. Cheap, non-saturating for x > 0, exactly 0 (with zero gradient) for x < 0.",
    arguments: [.activationInput], differentiable: ["x"],
    evaluate: FunctionSpec.scalarEvaluator("x") { _, _ in reluJet },
    views: { _ in
      [
        view(
          plotRange: -4...4, breakpoints: [0],
          declared: DeclaredProperties(
            infimum: RangeBound(0, attained: true), supremum: RangeBound(.infinity, attained: false),
            monotonic: .increasing, derivativeMonotonic: .increasing, continuity: .c0,
            zeroCentered: nil, identityNearOrigin: nil, maxAbsDerivative: 1,
            saturatesLeft: true, saturatesRight: false, convex: true, concave: false, nonNegative: true),
          reluJet)
      ]
    },
    implementationNote: "max(0, x) and the catalog's subgradient 0 at x = 0; exact for every input.",
    conventions: [
      FrameworkConvention(.pytorch, "torch.relu(x)", "none: relu'(0) = 0 as here"),
      FrameworkConvention(.keras, "keras.activations.relu(x)", "none at the defaults (negative_slope=0, max_value=None, threshold=0)"),
      FrameworkConvention(.optax, "", "no equivalent (optax holds losses)"),
      FrameworkConvention(.jaxnn, "jax.nn.relu(x)", "grad relu(0) = 0 as here (documented); XLA on CPU flushes subnormal inputs to 0 (measured)"),
    ],
    references: [
      Reference("Nair, Hinton, Rectified linear units improve restricted Boltzmann machines, ICML", year: 2010),
      Reference("Glorot, Bordes, Bengio, Deep sparse rectifier neural networks, AISTATS", year: 2011),
    ]
  )

  /// max(0, x); f' = 1 for x > 0, else 0 (0 at the kink); f'' = 0.
  @Sendable static func reluJet(_ x: Double) -> Jet {
    x > 0 ? Jet(value: x, d1: 1, d2: 0) : Jet(value: 0, d1: 0, d2: 0)
  }

  // MARK: - leaky-relu

  static let leakyReLU = FunctionSpec(
    id: "leaky-relu", name: "Leaky ReLU", family: .activation, aliases: ["lrelu", "leakyrelu"],
    summary: "x for x >= 0, a x below: ReLU with a small slope a on the negative side, so that no unit's gradient is exactly zero.",
    parameters: [
      ParameterSpec(
        name: "slope", symbol: "a", defaultValue: 0.01, range: .nonNegative, grid: [0, 0.01, 0.1, 0.2, 0.3],
        summary: "the slope for x < 0 (0 gives ReLU; PyTorch and jax default 0.01, Keras 0.2)")
    ],
    arguments: [.activationInput], differentiable: ["x"],
    evaluate: FunctionSpec.scalarEvaluator("x") { p, _ in
      let a = p["slope"]
      return { x in leakyReLUJet(x, slope: a) }
    },
    views: { p in
      let a = p["slope"]
      return [
        view(
          plotRange: -4...4, breakpoints: [0],
          declared: DeclaredProperties(
            infimum: a > 0 ? RangeBound(-.infinity, attained: false) : RangeBound(0, attained: true),
            supremum: RangeBound(.infinity, attained: false),
            monotonic: .increasing,
            derivativeMonotonic: a < 1 ? .increasing : (a == 1 ? .constant : .decreasing),
            continuity: a == 1 ? .cInfinity : .c0,
            zeroCentered: nil, identityNearOrigin: a == 1 ? true : nil, maxAbsDerivative: max(a, 1),
            saturatesLeft: a == 0, saturatesRight: false, convex: a <= 1, concave: a >= 1, nonNegative: a == 0),
          { x in leakyReLUJet(x, slope: a) })
      ]
    },
    implementationNote: "x for x >= 0, a x below (one rounding); the derivative at 0 is the catalog's a.",
    conventions: [
      FrameworkConvention(.pytorch, "torch.nn.functional.leaky_relu(x, negative_slope=0.01)", "none: same default slope, derivative a at 0"),
      FrameworkConvention(.keras, "keras.activations.leaky_relu(x, negative_slope=0.2)", "default slope 0.2, not 0.01 (the LeakyReLU layer defaults to 0.3)"),
      FrameworkConvention(.optax, "", "no equivalent (optax holds losses)"),
      FrameworkConvention(.jaxnn, "jax.nn.leaky_relu(x, negative_slope=0.01)", "written with jnp.where(x >= 0, ...): derivative 1 at 0, not a; XLA on CPU flushes subnormal inputs to 0 (measured)"),
    ],
    references: [
      Reference("Maas, Hannun, Ng, Rectifier nonlinearities improve neural network acoustic models, ICML workshop", year: 2013)
    ]
  )

  /// x for x >= 0, a x below; f' = 1 for x > 0, else a (a at the kink); f'' = 0.
  @Sendable static func leakyReLUJet(_ x: Double, slope a: Double) -> Jet {
    if x > 0 { return Jet(value: x, d1: 1, d2: 0) }
    return Jet(value: x == 0 ? x : a * x, d1: a, d2: 0)
  }

  // MARK: - relu6

  static let relu6 = FunctionSpec(
    id: "relu6", name: "ReLU6", family: .activation, aliases: [],
    summary: "min(max(0, x), 6): ReLU capped at 6, used in MobileNets so that activations stay in a range low-precision arithmetic can hold.",
    arguments: [.activationInput], differentiable: ["x"],
    evaluate: FunctionSpec.scalarEvaluator("x") { _, _ in relu6Jet },
    views: { _ in
      [
        view(
          plotRange: -3...9, breakpoints: [0, 6],
          declared: DeclaredProperties(
            infimum: RangeBound(0, attained: true), supremum: RangeBound(6, attained: true),
            monotonic: .increasing, derivativeMonotonic: .neither, continuity: .c0,
            zeroCentered: nil, identityNearOrigin: nil, maxAbsDerivative: 1,
            saturatesLeft: true, saturatesRight: true, convex: false, concave: false, nonNegative: true),
          relu6Jet)
      ]
    },
    implementationNote: "A clamp to [0, 6], exact; derivative 1 only strictly inside (0, 6), so 0 at both kinks.",
    conventions: [
      FrameworkConvention(.pytorch, "torch.nn.functional.relu6(x)", "none: hardtanh(x, 0, 6), derivative 0 at 0 and 6"),
      FrameworkConvention(.keras, "keras.activations.relu6(x)", "none in value; the gradient at the kinks is the backend's"),
      FrameworkConvention(.optax, "", "no equivalent (optax holds losses)"),
      FrameworkConvention(.jaxnn, "jax.nn.relu6(x)", "none: custom derivative 0 at 0 and 6 (jnp.minimum/maximum alone would split it to 1/2)"),
    ],
    references: [
      Reference("Krizhevsky, Convolutional deep belief networks on CIFAR-10 (technical report)", year: 2010),
      Reference("Howard et al., MobileNets: efficient convolutional neural networks for mobile vision applications", year: 2017),
    ]
  )

  /// min(max(0, x), 6); f' = 1 on (0, 6), else 0; f'' = 0.
  @Sendable static func relu6Jet(_ x: Double) -> Jet {
    if x <= 0 { return Jet(value: 0, d1: 0, d2: 0) }
    if x >= 6 { return Jet(value: 6, d1: 0, d2: 0) }
    return Jet(value: x, d1: 1, d2: 0)
  }

  // MARK: - elu

  static let elu = FunctionSpec(
    id: "elu", name: "ELU (exponential linear unit)", family: .activation, aliases: [],
    summary: "x for x > 0, alpha (e^x - 1) below: smooth negative saturation at -alpha pushes mean activations toward zero.",
    parameters: [
      ParameterSpec(
        name: "alpha", symbol: "\\alpha", defaultValue: 1, range: .positive, grid: [0.5, 1, 2],
        summary: "the negative saturation value -alpha and the slope alpha at 0 from the left")
    ],
    arguments: [.activationInput], differentiable: ["x"],
    evaluate: FunctionSpec.scalarEvaluator("x") { p, _ in
      let alpha = p["alpha"]
      return { x in eluJet(x, alpha: alpha) }
    },
    views: { p in
      let alpha = p["alpha"]
      return [
        view(
          plotRange: -4...4, breakpoints: [0],
          declared: DeclaredProperties(
            infimum: RangeBound(-alpha, attained: false), supremum: RangeBound(.infinity, attained: false),
            monotonic: .increasing, derivativeMonotonic: alpha <= 1 ? .increasing : .neither,
            continuity: alpha == 1 ? .c1 : .c0,
            zeroCentered: nil, identityNearOrigin: alpha == 1 ? true : nil, maxAbsDerivative: max(alpha, 1),
            saturatesLeft: true, saturatesRight: false, convex: alpha <= 1, concave: false, nonNegative: false),
          { x in eluJet(x, alpha: alpha) })
      ]
    },
    naive: NaiveForm(
      valueFormula: "alpha * (exp(x) - 1) for x <= 0", derivativeFormula: "alpha * exp(x) for x <= 0",
      value: { p in
        let alpha = p["alpha"]
        return { x in x > 0 ? x : alpha * (exp(x) - 1) }
      },
      derivative: { p in
        let alpha = p["alpha"]
        return { x in x > 0 ? 1 : alpha * exp(x) }
      }),
    implementationNote: "alpha * expm1(x) for x <= 0: exp(x) - 1 cancels near 0 (all digits lost at |x| = 1e-16). The left derivative alpha e^x is kept as m 2^k below x = -700 so that alpha does not multiply a subnormal's rounding error.",
    conventions: [
      FrameworkConvention(.pytorch, "torch.nn.functional.elu(x, alpha=1.0)", "none"),
      FrameworkConvention(.keras, "keras.activations.elu(x, alpha=1.0)", "none"),
      FrameworkConvention(.optax, "", "no equivalent (optax holds losses)"),
      FrameworkConvention(.jaxnn, "jax.nn.elu(x, alpha=1.0)", "none: jnp.where(x > 0, x, alpha * expm1(x)), derivative alpha at 0"),
    ],
    references: [
      Reference("Clevert, Unterthiner, Hochreiter, Fast and accurate deep network learning by exponential linear units (ELUs), ICLR", year: 2016)
    ]
  )

  /// x for x > 0, alpha expm1(x) below; f' = 1 or alpha e^x (alpha at 0);
  /// f'' = 0 or alpha e^x (the left piece owns 0).
  ///
  /// Mostly one libm call:
  /// ```
  /// x < -1:          e = exp(x), e - 1 as a TwoSum (e < 0.37: exp's error reaches e - 1 damped by e/(1 - e) < 0.6)
  /// -1 <= x < -1/4:  expm1(x) for f, exp(x) for f'
  /// -1/4 <= x <= 0:  m = expm1(x), e^x = 1 + m (exact; expm1's error reaches it damped by |m|/e < 0.3)
  /// ```
  /// Below x = -700 e^x is kept as m 2^k (``eluJetWide(_:alpha:)``).
  @Sendable static func eluJet(_ x: Double, alpha: Double) -> Jet {
    if x > 0 { return Jet(value: x, d1: 1, d2: 0) }
    if x < -1 {
      guard x >= -700 else { return eluJetWide(x, alpha: alpha) }
      let e = exp(x)
      let h = e - 1
      let hl = e - (h + 1)  // e - 1 = h + hl
      let d1 = alpha * e
      return Jet(value: (alpha * hl).addingProduct(alpha, h), d1: d1, d2: d1)
    }
    let m = expm1(x)
    let d1 = alpha * (x < -0.25 ? exp(x) : 1 + m)
    return Jet(value: alpha * m, d1: d1, d2: d1)
  }

  /// ``eluJet(_:alpha:)`` below x = -700.
  static func eluJetWide(_ x: Double, alpha: Double) -> Jet {
    let (m, k) = StableMath.expScaled(DoubleDouble(x))
    let d1 = StableMath.scaled(alpha * m, k)
    return Jet(value: alpha * expm1(x), d1: d1, d2: d1)
  }

  // MARK: - selu

  static let selu = FunctionSpec(
    id: "selu", name: "SELU (scaled ELU)", family: .activation, aliases: [],
    summary: "lambda * elu(x; alpha) with the fixed constants lambda = 1.0507..., alpha = 1.6733... that make activations self-normalizing (mean 0, variance 1) in deep fully connected networks.",
    arguments: [.activationInput], differentiable: ["x"],
    evaluate: FunctionSpec.scalarEvaluator("x") { _, _ in seluJet },
    views: { _ in
      [
        view(
          plotRange: -4...4, breakpoints: [0],
          declared: DeclaredProperties(
            infimum: RangeBound(-StableMath.seluLambdaAlpha.hi, attained: false),
            supremum: RangeBound(.infinity, attained: false),
            monotonic: .increasing, derivativeMonotonic: .neither, continuity: .c0,
            zeroCentered: nil, identityNearOrigin: false, maxAbsDerivative: StableMath.seluLambdaAlpha.hi,
            saturatesLeft: true, saturatesRight: false, convex: false, concave: false, nonNegative: false),
          seluJet)
      ]
    },
    naive: NaiveForm(
      valueFormula: "lambda * alpha * (exp(x) - 1) for x <= 0", derivativeFormula: "lambda * alpha * exp(x) for x <= 0",
      value: { _ in
        { x in
          let lambda = 1.0507009873554804934193349852946
          let alpha = 1.6732632423543772848170429916717
          return x > 0 ? lambda * x : lambda * (alpha * (exp(x) - 1))
        }
      },
      derivative: { _ in
        { x in
          let lambda = 1.0507009873554804934193349852946
          let alpha = 1.6732632423543772848170429916717
          return x > 0 ? lambda : lambda * (alpha * exp(x))
        }
      }),
    implementationNote: "lambda and lambda * alpha as double-double constants (the exact decimals of the paper), times x or expm1(x) with one rounding; the left derivative as m 2^k below x = -700.",
    conventions: [
      FrameworkConvention(.pytorch, "torch.selu(x)", "constants rounded to float64 (each product rounds twice)"),
      FrameworkConvention(.keras, "keras.activations.selu(x)", "constants rounded to float64"),
      FrameworkConvention(.optax, "", "no equivalent (optax holds losses)"),
      FrameworkConvention(.jaxnn, "jax.nn.selu(x)", "constants rounded to float64; derivative at 0 from jnp.where(x > 0, ...): lambda alpha, as here"),
    ],
    references: [
      Reference("Klambauer, Unterthiner, Mayr, Hochreiter, Self-normalizing neural networks, NeurIPS", year: 2017)
    ]
  )

  /// lambda x for x > 0, lambda alpha expm1(x) below; f' = lambda or
  /// lambda alpha e^x (lambda alpha at 0); f'' = 0 or lambda alpha e^x.
  @Sendable static func seluJet(_ x: Double) -> Jet {
    if x > 0 {
      let hi = StableMath.seluLambda.hi * x
      let value = hi.isFinite ? (StableMath.seluLambda * x).value : hi
      return Jet(value: value, d1: StableMath.seluLambda.hi, d2: 0)
    }
    // As elu's: e^x - 1 and e^x from exp (TwoSum) below -1, from expm1 (1 + m exact) above -1/4,
    // from expm1 and exp between.
    let la = StableMath.seluLambdaAlpha
    if x < -1 {
      guard x >= -700 else {
        let (m, k) = StableMath.expScaled(DoubleDouble(x))
        let d1 = StableMath.scaled((la * m).value, k)
        return Jet(value: (la * expm1(x)).value, d1: d1, d2: d1)
      }
      let e = exp(x)
      let h = e - 1
      let hl = e - (h + 1)  // e - 1 = h + hl
      let v = la.hi * h
      let vl = (-v).addingProduct(la.hi, h) + (la.hi * hl + la.lo * h)
      let d1 = (la.lo * e).addingProduct(la.hi, e)
      return Jet(value: v + vl, d1: d1, d2: d1)
    }
    let m = expm1(x)
    let e = x < -0.25 ? exp(x) : 1 + m
    let d1 = (la.lo * e).addingProduct(la.hi, e)
    return Jet(value: (la.lo * m).addingProduct(la.hi, m), d1: d1, d2: d1)
  }

  // MARK: - gelu

  static let gelu = FunctionSpec(
    id: "gelu", name: "GELU (Gaussian error linear unit)", family: .activation, aliases: ["gelu-erf"],
    summary: "x Phi(x), x weighted by the standard normal CDF: a smooth ReLU with a small negative dip (minimum -0.170 at x = -0.752). The activation of BERT and GPT-2.",
    arguments: [.activationInput], differentiable: ["x"],
    evaluate: FunctionSpec.scalarEvaluator("x") { _, _ in geluJet },
    views: { _ in
      [
        view(
          plotRange: -5...5,
          declared: DeclaredProperties(
            infimum: RangeBound(-0.16997120747990366, attained: true), supremum: RangeBound(.infinity, attained: false),
            monotonic: .neither, derivativeMonotonic: .neither, continuity: .cInfinity,
            zeroCentered: nil, identityNearOrigin: false, maxAbsDerivative: 1.1289041451851547,
            saturatesLeft: true, saturatesRight: false, convex: false, concave: false, nonNegative: false),
          geluJet)
      ]
    },
    naive: NaiveForm(
      valueFormula: "x / 2 * (1 + erf(x / sqrt(2)))",
      derivativeFormula: "(1 + erf(x / sqrt(2))) / 2 + x * exp(-x^2 / 2) / sqrt(2 pi)",
      value: { _ in naiveGelu },
      derivative: { _ in naiveGeluDerivative }),
    implementationNote: "Phi(x) = phi(x) R(-x) for x <= 0 and 1 - phi(x) R(x) above, with the Mills ratio R as a double-double (tabulated Taylor series, asymptotic series beyond 26) and phi from exp of the exactly formed -x^2/2; then f' = phi (R + x) for x < 0 has its cancellation done exactly. 1 + erf(x/sqrt 2) cancels to 0 below x = -5.9 (exact gelu there is about -x phi(x)), and libm's erfc is 2-3 ulp off.",
    conventions: [
      FrameworkConvention(.pytorch, "torch.nn.functional.gelu(x)", "none: the default approximate='none' is this erf form"),
      FrameworkConvention(.keras, "keras.activations.gelu(x, approximate=False)", "none: the default is this erf form"),
      FrameworkConvention(.optax, "", "no equivalent (optax holds losses)"),
      FrameworkConvention(.jaxnn, "jax.nn.gelu(x, approximate=False)", "defaults to approximate=True, the tanh form (our gelu-tanh); pass approximate=False for this one"),
    ],
    references: [Reference("Hendrycks, Gimpel, Gaussian error linear units (GELUs), arXiv:1606.08415", year: 2016)]
  )

  /// The textbook gelu, x/2 (1 + erf(x / sqrt 2)).
  @Sendable static func naiveGelu(_ x: Double) -> Double {
    let z: Double = x / 2.0.squareRoot()
    return x / 2 * (1 + erf(z))
  }

  /// The textbook gelu derivative (1 + erf(x / sqrt 2)) / 2 + x exp(-x^2/2) / sqrt(2 pi).
  @Sendable static func naiveGeluDerivative(_ x: Double) -> Double {
    let z: Double = x / 2.0.squareRoot()
    let density: Double = exp(-x * x / 2) / (2 * Double.pi).squareRoot()
    return (1 + erf(z)) / 2 + x * density
  }

  /// x Phi(x), Phi(x) + x phi(x), phi(x) (2 - x^2).
  ///
  /// With R the Mills ratio (``StableMath/millsRatio(_:)``) and phi formed
  /// as m 2^k (subnormal below x = -37.6):
  /// ```
  /// x <= 0:  f = x phi R(-x),        f' = phi (R(-x) + x)
  /// x >  0:  f = x (1 - phi R(x)),   f' = 1 - phi R(x) + x phi
  /// ```
  /// For |x| <= 6 (every plotted point) R comes from
  /// ``StableMath/millsRatioTabulated(_:)`` and the double-double products
  /// are written out (one exp, no division):
  /// ```
  /// e = e^(-x^2/2) (x^2 exact);  E = e / sqrt(2 pi) = phi;  Q = E R = Phi(-|x|)
  /// x <= 0:  f = x Q;            f' = E (R + x)   (R + x a TwoSum: it cancels at x = -0.75)
  /// x >  0:  f = x (1 - Q);      f' = (1 - Q) + x E
  /// ```
  /// Beyond, ``geluJetWide(_:)``.
  @Sendable static func geluJet(_ x: Double) -> Jet {
    guard abs(x) <= 6 else { return geluJetWide(x) }
    let r = StableMath.millsRatioTabulated(abs(x))
    let c = StableMath.inverseSqrtTwoPi
    let x2 = x * x
    let x2l = (-x2).addingProduct(x, x)
    let e0 = exp(-0.5 * x2)
    let e = e0.addingProduct(e0, -0.5 * x2l)  // e^(-x^2/2)
    let eh = e * c.hi  // phi(x) = eh + el
    let el = (-eh).addingProduct(e, c.hi) + e * c.lo
    let qh = eh * r.hi  // Phi(-|x|) = qh + ql
    let ql = (-qh).addingProduct(eh, r.hi) + (eh * r.lo + el * r.hi)
    let d2 = eh * ((2 - x2) - x2l)
    if x <= 0 {
      let dh = r.hi + x
      let dbb = dh - x
      let dl = ((x - (dh - dbb)) + (r.hi - dbb)) + r.lo
      return Jet(value: (x * ql).addingProduct(x, qh), d1: (eh * dl + el * dh).addingProduct(eh, dh), d2: d2)
    }
    let ph = 1 - qh  // Phi(x) = ph + pl; qh <= 1/2
    let pl = ((1 - ph) - qh) - ql
    return Jet(value: (x * pl).addingProduct(x, ph), d1: ph + pl.addingProduct(x, eh), d2: d2)
  }

  /// ``geluJet(_:)`` for |x| > 6, from ``StableMath/millsRatio(_:)``.
  /// Below x = -39.5 every result is under 2^-1075 (0); above 40, x, 1, 0.
  static func geluJetWide(_ x: Double) -> Jet {
    if x < -39.5 { return Jet(value: 0, d1: 0, d2: 0) }
    if x > 40 { return Jet(value: x, d1: 1, d2: 0) }
    let x2 = StableMath.exactProduct(x, x)
    let (m, k) = StableMath.expScaled(x2 * -0.5)
    let phi = StableMath.inverseSqrtTwoPi * m  // phi(x) = phi * 2^k
    let d2 = StableMath.scaled((phi * (DoubleDouble(2) - x2)).value, k)
    if x > 26 { return Jet(value: x, d1: 1, d2: d2) }
    let r = StableMath.millsRatio(abs(x))
    if x <= 0 {
      let value = StableMath.scaled(((phi * r) * x).value, k)
      let d1 = StableMath.scaled((phi * (r + x)).value, k)
      return Jet(value: value, d1: d1, d2: d2)
    }
    let cdf = DoubleDouble(1) - phi * r
    return Jet(value: (cdf * x).value, d1: (cdf + phi * x).value, d2: d2)
  }

  // MARK: - gelu-tanh

  static let geluTanh = FunctionSpec(
    id: "gelu-tanh", name: "GELU, tanh approximation", family: .activation,
    aliases: ["gelu-approx", "approximate-gelu"],
    summary: "x/2 (1 + tanh(sqrt(2/pi) (x + 0.044715 x^3))): the tanh approximation of GELU used by the original BERT and GPT-2 code and by jax.nn.gelu's default; within 5e-4 of gelu.",
    arguments: [.activationInput], differentiable: ["x"],
    evaluate: FunctionSpec.scalarEvaluator("x") { _, _ in geluTanhJet },
    views: { _ in
      [
        view(
          plotRange: -5...5,
          declared: DeclaredProperties(
            infimum: RangeBound(-0.17004075057125406, attained: true), supremum: RangeBound(.infinity, attained: false),
            monotonic: .neither, derivativeMonotonic: .neither, continuity: .cInfinity,
            zeroCentered: nil, identityNearOrigin: false, maxAbsDerivative: 1.1289930686587717,
            saturatesLeft: true, saturatesRight: false, convex: false, concave: false, nonNegative: false),
          geluTanhJet)
      ]
    },
    naive: NaiveForm(
      valueFormula: "0.5 * x * (1 + tanh(sqrt(2/pi) * (x + 0.044715 * x^3)))",
      derivativeFormula: "0.5 (1 + T) + 0.5 x (1 - T^2) sqrt(2/pi) (1 + 3 * 0.044715 x^2), T the tanh above",
      value: { _ in naiveGeluTanh },
      derivative: { _ in naiveGeluTanhDerivative }),
    implementationNote: "As x sigma(v) with v = 2 sqrt(2/pi) (x + 0.044715 x^3) formed in double-double from the exact constants, so 1 + tanh(u) never cancels (it is 0 to double precision below x = -5.9 in the naive form) and e^-|v| has an exact argument; f' = sigma(v) (1 + x v' sigma(-v)) in double-double. The naive derivative is NaN (0 * inf) for |x| > 5.6e102 and returns 0 where the exact value is about x v' e^v.",
    conventions: [
      FrameworkConvention(.pytorch, "torch.nn.functional.gelu(x, approximate='tanh')", "NaN gradient for |x| > 1.3e154 (measured)"),
      FrameworkConvention(.keras, "keras.activations.gelu(x, approximate=True)", "none in value; the default approximate=False is the erf form"),
      FrameworkConvention(.optax, "", "no equivalent (optax holds losses)"),
      FrameworkConvention(.jaxnn, "jax.nn.gelu(x)", "this is the default (approximate=True); its derivative is NaN at large x (measured)"),
    ],
    references: [Reference("Hendrycks, Gimpel, Gaussian error linear units (GELUs), arXiv:1606.08415", year: 2016)]
  )

  /// The textbook gelu-tanh, 0.5 x (1 + tanh(k (x + 0.044715 x^3))).
  @Sendable static func naiveGeluTanh(_ x: Double) -> Double {
    let k: Double = (2 / Double.pi).squareRoot()
    let u: Double = k * (x + 0.044715 * x * x * x)
    return 0.5 * x * (1 + LossAtlasCore.tanh(u))
  }

  /// The textbook gelu-tanh derivative 0.5 (1 + T) + 0.5 x (1 - T^2) k (1 + 3 c x^2).
  @Sendable static func naiveGeluTanhDerivative(_ x: Double) -> Double {
    let k: Double = (2 / Double.pi).squareRoot()
    let t: Double = LossAtlasCore.tanh(k * (x + 0.044715 * x * x * x))
    let du: Double = k * (1 + 3 * 0.044715 * x * x)
    return 0.5 * (1 + t) + 0.5 * x * (1 - t * t) * du
  }

  /// x sigma(v), sigma(v) (1 + x v' sigma(-v)), and
  /// sigma(v) sigma(-v) (2 v' + x v'' + x v'^2 (sigma(-v) - sigma(v))),
  /// v = 2k (x + c x^3), v' = 2k (1 + 3c x^2), v'' = 12 k c x.
  ///
  /// For |x| <= 20 (|v| < 610: every plotted point), one exp and one
  /// division, the double-double steps written out without renormalizing:
  /// ```
  /// x^2 exact (TwoProduct);  w = 1 + c x^2,  w3 = 1 + 3c x^2  (c, k as double-double pairs)
  /// v = 2k x w  (double-double: e^-|v| needs |v| to 2^-60 absolute);  e = e^-|v|
  /// r = 1/(1 + e).hi,  eps = 1 - (1 + e) r:  sigma(|v|) = R = r (1 + eps)
  /// x >= 0:  f = x R;  f' = R (1 + q),  q = x v' e R (positive, at most 0.3)
  /// x <  0:  f = (x e) R;  f' = (e R)(1 + x v' R) with 1 + x v' R a double-double
  /// ```
  /// 1 + x v' R cancels at the minimum of f (x = -0.75) and is formed exactly
  /// from its parts, so exp's own error is the only one left there.
  /// Beyond |x| = 20, ``geluTanhJetWide(_:)``.
  @Sendable static func geluTanhJet(_ x: Double) -> Jet {
    guard abs(x) <= 20 else { return geluTanhJetWide(x) }
    let k2 = StableMath.twoSqrtTwoOverPi
    let c = StableMath.geluTanhCubic
    let c3 = StableMath.geluTanhCubic3
    let x2 = x * x
    let x2l = (-x2).addingProduct(x, x)
    // w = 1 + c x^2 (c x^2 >= 0, so 1 + p sums the larger and the smaller in TwoSum order)
    let p = c.hi * x2
    let pl = (-p).addingProduct(c.hi, x2) + (c.hi * x2l + c.lo * x2)
    let wa = max(1, p)
    let wb = min(1, p)
    let wh = wa + wb
    let wl = (wb - (wh - wa)) + pl
    // u = 2k x; v = u w
    let uh = k2.hi * x
    let ul = (-uh).addingProduct(k2.hi, x) + k2.lo * x
    let vh = uh * wh
    let vl = (-vh).addingProduct(uh, wh) + (uh * wl + ul * wh)
    let e0 = exp(-abs(vh))
    let e = e0.addingProduct(-e0, vh >= 0 ? vl : -vl)  // e^-|v|
    let dh = 1 + e
    let dl = (1 - dh) + e
    let r = 1 / dh
    let eps = 1.0.addingProduct(-dh, r) - dl * r
    let rl = r * eps
    // w3 = 1 + 3c x^2; x v' = u w3
    let p3 = c3.hi * x2
    let w3h = 1 + p3
    let dv = k2.hi * w3h  // v'
    let ddv = 12 * StableMath.sqrtTwoOverPi.hi * c.hi * x  // v''
    if vh >= 0 {
      // sigma(v) = R, sigma(-v) = e R
      let sm = e * r
      let g = uh * w3h  // x v'
      let q = g * sm
      let d2 = (sm * r) * (2 * dv + x * ddv + g * dv * (sm - r))
      return Jet(value: (x * rl).addingProduct(x, r), d1: r.addingProduct(r, q + eps + eps * q), d2: d2)
    }
    // sigma(v) = e R, sigma(-v) = R; x v', x e, 1 + x v' R and e R as double-doubles
    let p3l = (-p3).addingProduct(c3.hi, x2) + (c3.hi * x2l + c3.lo * x2)
    let w3a = max(1, p3)
    let w3l = (min(1, p3) - (w3h - w3a)) + p3l
    let gh = uh * w3h
    let gl = (-gh).addingProduct(uh, w3h) + (uh * w3l + ul * w3h)
    let xe = x * e
    let xel = (-xe).addingProduct(x, e)
    let ph = gh * r
    let pll = (-ph).addingProduct(gh, r) + (gh * rl + gl * r)
    let cc = DoubleDouble.twoSum(1, ph)
    let cl = cc.lo + pll
    let sh = e * r
    let sl = (-sh).addingProduct(e, r) + e * rl
    let d2 = (sh * r) * (2 * dv + x * ddv + gh * dv * ((r - sh) + (rl - sl)))
    let value = (xe * rl + xel * r).addingProduct(xe, r)
    return Jet(value: value, d1: (sh * cl + sl * cc.hi).addingProduct(sh, cc.hi), d2: d2)
  }

  /// ``geluTanhJet(_:)`` for |x| > 20. Above x = 25 (v > 1150) the result is
  /// x, 1, 0 to double precision; below x = -25 every result is under 2^-1075.
  static func geluTanhJetWide(_ x: Double) -> Jet {
    if x > 25 { return Jet(value: x, d1: 1, d2: 0) }
    if x < -25 { return Jet(value: 0, d1: 0, d2: 0) }
    let x2 = StableMath.exactProduct(x, x)
    let v = StableMath.twoSqrtTwoOverPi * (StableMath.geluTanhCubic * (x2 * x) + x)
    let dv = StableMath.twoSqrtTwoOverPi * (StableMath.geluTanhCubic3 * x2 + 1)
    let ddv = 12 * StableMath.sqrtTwoOverPi.hi * StableMath.geluTanhCubic.hi * x
    let dvx = dv * x
    let dvd = dv.hi
    let s: DoubleDouble  // sigma(v)
    let sm: DoubleDouble  // sigma(-v)
    if v.hi >= 0 {
      let (m, k) = StableMath.expScaled(-v)
      if k != 0 {
        // e^-v < 1e-304: f = x and f' = 1 to double precision; f'' = e^-v (2v' + x v'' - x v'^2)
        // as m 2^k, rounded once (sigma sigma(-v) itself would be subnormal, its rounding
        // error multiplied by x v'^2, about 2e5 at x = 21).
        return Jet(value: x, d1: 1, d2: StableMath.scaled(m * (2 * dvd + x * ddv - x * dvd * dvd), k))
      }
      s = StableMath.reciprocal(DoubleDouble.twoSum(1, m))
      sm = s * m
    } else {
      let (m, k) = StableMath.expScaled(v)
      if k != 0 {
        // e^v < 1e-304: sigma(v) = e^v, sigma(-v) = 1 to double precision.
        let d2 = m * (2 * dvd + x * ddv + x * dvd * dvd)
        return Jet(
          value: StableMath.scaled(m * x, k), d1: StableMath.scaled((dvx + 1).value * m, k),
          d2: StableMath.scaled(d2, k))
      }
      sm = StableMath.reciprocal(DoubleDouble.twoSum(1, m))
      s = sm * m
    }
    let d2 = (s * sm).hi * (2 * dvd + x * ddv + x * dvd * dvd * (sm - s).hi)
    return Jet(value: (s * x).value, d1: (s * (dvx * sm + 1)).value, d2: d2)
  }

  // MARK: - silu

  static let silu = FunctionSpec(
    id: "silu", name: "SiLU (swish)", family: .activation, aliases: ["swish"],
    summary: "x sigma(beta x): the sigmoid-weighted linear unit (swish with beta = 1). Smooth, non-monotonic (minimum -0.278/beta at x = -1.278/beta); beta -> inf approaches ReLU.",
    parameters: [
      ParameterSpec(
        name: "beta", symbol: "\\beta", defaultValue: 1, range: .positive, grid: [0.5, 1, 2, 5],
        summary: "the sharpness: the sigmoid's slope (1 is SiLU; large beta approaches ReLU)")
    ],
    arguments: [.activationInput], differentiable: ["x"],
    evaluate: FunctionSpec.scalarEvaluator("x") { p, _ in
      let beta = p["beta"]
      return { x in siluJet(x, beta: beta) }
    },
    views: { p in
      let beta = p["beta"]
      return [
        view(
          plotRange: -6...6,
          declared: DeclaredProperties(
            infimum: RangeBound(-0.2784645427610738 / beta, attained: true),
            supremum: RangeBound(.infinity, attained: false),
            monotonic: .neither, derivativeMonotonic: .neither, continuity: .cInfinity,
            zeroCentered: nil, identityNearOrigin: false, maxAbsDerivative: 1.099839320128867,
            saturatesLeft: true, saturatesRight: false, convex: false, concave: false, nonNegative: false),
          { x in siluJet(x, beta: beta) })
      ]
    },
    naive: NaiveForm(
      valueFormula: "x / (1 + exp(-beta * x))", derivativeFormula: "s + beta * x * s * (1 - s), s = 1 / (1 + exp(-beta * x))",
      value: { p in
        let beta = p["beta"]
        return { x in x / (1 + exp(-beta * x)) }
      },
      derivative: { p in
        let beta = p["beta"]
        return { x in
          let s = 1 / (1 + exp(-beta * x))
          return s + beta * x * s * (1 - s)
        }
      }),
    implementationNote: "t = beta x formed exactly (TwoProduct); sigma(t) and sigma(-t) from e^-|t| with 1 + e exact, f' = sigma(t) (1 + t sigma(-t)) in double-double (no 1 - s cancellation); below t = -700 the factor e^t is kept as m 2^k so that x e^t does not multiply a subnormal's rounding error.",
    conventions: [
      FrameworkConvention(.pytorch, "torch.nn.functional.silu(x)", "no beta: only beta = 1"),
      FrameworkConvention(.keras, "keras.activations.silu(x)", "no beta: only beta = 1 (keras.activations.swish is the same function)"),
      FrameworkConvention(.optax, "", "no equivalent (optax holds losses)"),
      FrameworkConvention(.jaxnn, "jax.nn.silu(x)", "no beta: only beta = 1 (jax.nn.swish is the same function)"),
    ],
    references: [
      Reference("Elfwing, Uchibe, Doya, Sigmoid-weighted linear units for neural network function approximation in reinforcement learning, Neural Networks", year: 2018),
      Reference("Ramachandran, Zoph, Le, Searching for activation functions, arXiv:1710.05941", year: 2017),
    ]
  )

  /// x sigma(t), sigma(t) (1 + t sigma(-t)), beta sigma(t) sigma(-t) (2 + t (sigma(-t) - sigma(t))),
  /// t = beta x.
  ///
  /// For |t| <= 700 (every plotted point), one exp and one division, the
  /// double-double steps written out without renormalizing between them:
  /// ```
  /// t + tl = beta x (TwoProduct);  e = e^-|t| (argument exact);  d = 1 + e (TwoSum)
  /// r = 1/d.hi,  eps = 1 - d r (fma, with d.lo):  sigma(|t|) = r (1 + eps) to 2^-100
  /// t >= 0:  f = x r (1 + eps);  f' = r (1 + eps) (1 + q), q = t e r <= 0.28
  /// t <  0:  f = (x e) r (1 + eps);  f' = (e R) (1 + t R) with 1 + t R a double-double
  /// ```
  /// For t >= 0 every term of f' is positive and q's few roundings are damped
  /// by q / (1 + q) <= 0.22; for t < 0, 1 + t R cancels at the minimum of f
  /// (t = -1.278) and is formed exactly from R's two parts, so the only error
  /// left there is exp's own (the same as the general path below).
  @Sendable static func siluJet(_ x: Double, beta: Double) -> Jet {
    let t = beta * x
    guard abs(t) <= 700 else { return siluJetWide(x, beta: beta) }
    let tl = (-t).addingProduct(beta, x)  // t + tl = beta x exactly
    let e0 = exp(-abs(t))
    let e = e0.addingProduct(-e0, t >= 0 ? tl : -tl)  // e^-|beta x|
    let dh = 1 + e
    let dl = (1 - dh) + e
    let r = 1 / dh
    let eps = 1.0.addingProduct(-dh, r) - dl * r
    let rl = r * eps
    if t >= 0 {
      // sigma(t) = R = r + rl, sigma(-t) = e R
      let sm = e * r
      let q = t * sm
      let d2 = beta * (sm * r) * (2 + t * (sm - r))
      return Jet(value: (x * rl).addingProduct(x, r), d1: r.addingProduct(r, q + eps + eps * q), d2: d2)
    }
    // sigma(t) = e R, sigma(-t) = R; x e, c = 1 + t R and s = e R as double-doubles
    let xe = x * e
    let xel = (-xe).addingProduct(x, e)
    let p = t * r
    let pl = (-p).addingProduct(t, r) + (t * rl + tl * r)
    let c = DoubleDouble.twoSum(1, p)
    let cl = c.lo + pl
    let sh = e * r
    let sl = (-sh).addingProduct(e, r) + e * rl
    // 2 + t (sigma(-t) - sigma(t)) cancels at the roots of f'' (t = -2.40): the difference from both parts.
    let d2 = beta * (sh * r) * (2 + t * ((r - sh) + (rl - sl)))
    let value = (xe * rl + xel * r).addingProduct(xe, r)
    return Jet(value: value, d1: (sh * cl + sl * c.hi).addingProduct(sh, c.hi), d2: d2)
  }

  /// ``siluJet(_:beta:)`` for |beta x| > 700, where e^-|t| may be subnormal.
  static func siluJetWide(_ x: Double, beta: Double) -> Jet {
    let t = StableMath.exactProduct(beta, x)
    // beta = bs 2^be, so that f'' = beta e^t (...) as m 2^k neither overflows nor underflows
    // early (beta may be up to 1.8e308; e^-t (2 - t) at t = 1000 is 5e-432).
    let bs = beta.significand
    let be = Int(beta.exponent)
    if t.hi > 700 {
      // e^-t < 1e-304: f = x and f' = 1 to double precision; f'' = beta e^-t (2 - t) as m 2^k.
      let (m, k) = StableMath.expScaled(-t)
      return Jet(value: x, d1: 1, d2: m == 0 ? 0 : StableMath.scaled(bs * m * (2 - t.hi), k + be))
    }
    if t.hi >= 0 {
      let e = StableMath.exp(-t)
      let s = StableMath.reciprocal(DoubleDouble.twoSum(1, e))  // sigma(t)
      let sm = s * e  // sigma(-t)
      let d2 = beta * (sm * s).hi * (2 + t.hi * (sm - s).hi)
      return Jet(value: (s * x).value, d1: (s * (t * sm + 1)).value, d2: d2)
    }
    let (m, k) = StableMath.expScaled(t)
    if m == 0 { return Jet(value: 0, d1: 0, d2: 0) }  // t < -1600: |x| e^t < 2^-2000
    if k != 0 {
      // e^t < 1e-304: sigma(t) = e^t and sigma(-t) = 1 to double precision.
      return Jet(
        value: StableMath.scaled(m * x, k), d1: StableMath.scaled((t + 1).value * m, k),
        d2: StableMath.scaled(bs * m * (2 + t.hi), k + be))
    }
    let sm = StableMath.reciprocal(DoubleDouble.twoSum(1, m))  // sigma(-t)
    let s = sm * m  // sigma(t)
    let d2 = beta * (s * sm).hi * (2 + t.hi * (sm - s).hi)
    return Jet(value: (s * x).value, d1: (s * (t * sm + 1)).value, d2: d2)
  }

  // MARK: - mish

  static let mish = FunctionSpec(
    id: "mish", name: "Mish", family: .activation, aliases: [],
    summary: "x tanh(softplus(x)): a smooth, non-monotonic activation close to SiLU (minimum -0.309 at x = -1.19), used in YOLOv4.",
    arguments: [.activationInput], differentiable: ["x"],
    evaluate: FunctionSpec.scalarEvaluator("x") { _, _ in mishJet },
    views: { _ in
      [
        view(
          plotRange: -5...5,
          declared: DeclaredProperties(
            infimum: RangeBound(-0.30884341301725043, attained: true), supremum: RangeBound(.infinity, attained: false),
            monotonic: .neither, derivativeMonotonic: .neither, continuity: .cInfinity,
            zeroCentered: nil, identityNearOrigin: false, maxAbsDerivative: 1.088498161251728,
            saturatesLeft: true, saturatesRight: false, convex: false, concave: false, nonNegative: false),
          mishJet)
      ]
    },
    naive: NaiveForm(
      valueFormula: "x * tanh(log(1 + exp(x)))",
      derivativeFormula: "tanh(sp) + x * sigma(x) * (1 - tanh(sp)^2), sp = log(1 + exp(x))",
      value: { _ in { x in x * tanh(log(1 + exp(x))) } },
      derivative: { _ in
        { x in
          let t = tanh(log(1 + exp(x)))
          return t + x / (1 + exp(-x)) * (1 - t * t)
        }
      }),
    implementationNote: "With w = e^x, tanh(softplus x) = w (w + 2) / (w^2 + 2w + 2) (and (1 + 2v) / (1 + 2v + 2v^2) with v = e^-x for x >= 0): only positive terms, no log, no tanh; f' = w/D ((w + 2) + 4x (1 + w)/D) in double-double. The naive form is 0 below x = -37 where the exact value is about x e^x, and its 1 - tanh^2 is 0 above x = 19.",
    conventions: [
      FrameworkConvention(.pytorch, "torch.nn.functional.mish(x)", "none"),
      FrameworkConvention(.keras, "keras.activations.mish(x)", "none in value (written as x * tanh(softplus(x)))"),
      FrameworkConvention(.optax, "", "no equivalent (optax holds losses)"),
      FrameworkConvention(.jaxnn, "jax.nn.mish(x)", "none in value (written as x * tanh(softplus(x)))"),
    ],
    references: [Reference("Misra, Mish: a self regularized non-monotonic activation function, arXiv:1908.08681", year: 2019)]
  )

  /// x g, g + x sigma(x) sech^2(sp), sigma sech^2(sp) (2 + x ((1 - sigma) - 2 g sigma)),
  /// g = tanh(sp), sp = softplus(x), all as rational functions of e^x.
  ///
  /// For |x| <= 700, one exp and one division with the double-double steps
  /// written out (no renormalization between them):
  /// ```
  /// x >= 0:  v = e^-x;  N = 1 + 2v,  D = N + 2v^2 (exact sums);  g = N / D
  ///          f' = g + x h,  h = 4v^2 (1 + v) / D^2  (both terms positive)
  /// x <  0:  w = e^x;  m = w (w + 2),  D = 2 + m;  g = m / D
  ///          f' = (m + 4x w (1 + w) / D) / D  (the bracket cancels at the minimum, x = -1.19,
  ///          and is summed from double-double terms)
  /// ```
  /// with 1/D = r (1 + eps), r = 1/D.hi and eps = 1 - D r from an fma.
  @Sendable static func mishJet(_ x: Double) -> Jet {
    guard abs(x) <= 700 else { return mishJetWide(x) }
    if x >= 0 {
      let v = exp(-x)
      let tv = 2 * v
      let nh = 1 + tv
      let nbb = nh - 1
      let nl = (1 - (nh - nbb)) + (tv - nbb)
      let v2 = v * v
      let v2l = (-v2).addingProduct(v, v)
      let dh = nh + 2 * v2  // 2v^2 <= N
      let dl = (2 * v2 - (dh - nh)) + (nl + 2 * v2l)
      let r = 1 / dh
      let eps = 1.0.addingProduct(-dh, r) - dl * r
      let gh = nh * r
      let gl = (-gh).addingProduct(nh, r) + (nl * r + gh * eps)
      let h = 4 * v2 * (1 + v) * (r * r)
      let b = (2 * v * v2 + 2 * v2 - 3 * v - 2) * r / (1 + v)
      var d2 = h * (2 + x * b)
      if x > 350 {
        // v^2 = e^-2x is subnormal above x = 354, and f'' multiplies its rounding error by about
        // 8x (the exact f'' is normal up to x = 372): v^2 as m 2^k, rounded once at the end.
        let (m2, k2) = StableMath.expScaled(DoubleDouble(-2 * x))
        d2 = StableMath.scaled(4 * m2 * (1 + v) * (r * r) * (2 + x * b), k2)
      }
      return Jet(value: (x * gl).addingProduct(x, gh), d1: gh + (gl + x * h), d2: d2)
    }
    let w = exp(x)
    let s2 = w + 2
    let s2l = (2 - s2) + w
    let m = w * s2
    let ml = (-m).addingProduct(w, s2) + w * s2l
    let dh = 2 + m
    let dbb = dh - m
    let dl = ((m - (dh - dbb)) + (2 - dbb)) + ml
    let r = 1 / dh
    let eps = 1.0.addingProduct(-dh, r) - dl * r
    let gh = m * r
    let gl = (-gh).addingProduct(m, r) + (ml * r + gh * eps)
    // n = w (1 + w) = w + w^2; a = 4x n; bracket = m + a / D; f' = bracket / D
    let w2 = w * w
    let w2l = (-w2).addingProduct(w, w)
    let nh = w + w2
    let nl = ((w - nh) + w2) + w2l
    let x4 = 4 * x
    let ah = x4 * nh
    let al = (-ah).addingProduct(x4, nh) + x4 * nl
    let bh = ah * r
    let bl = (-bh).addingProduct(ah, r) + (al * r + bh * eps)
    let ch = m + bh
    let cbb = ch - m
    let cl = ((m - (ch - cbb)) + (bh - cbb)) + (ml + bl)
    let h = 4 * nh * (r * r)  // sigma sech^2(sp)
    let b = (2 + 2 * w - 3 * w2 - 2 * w * w2) * r / (1 + w)
    return Jet(
      value: (x * gl).addingProduct(x, gh), d1: (ch * eps * r + cl * r).addingProduct(ch, r), d2: h * (2 + x * b))
  }

  /// ``mishJet(_:)`` for |x| > 700.
  static func mishJetWide(_ x: Double) -> Jet {
    if x > 800 { return Jet(value: x, d1: 1, d2: 0) }  // e^-x < 2^-1150
    if x >= 0 {
      // v = e^-x; D' = 1 + 2v + 2v^2; g = (1 + 2v) / D';
      // f' = g + 4x v^2 (1 + v) / D'^2.
      let v = exp(-x)
      let vv = DoubleDouble.twoProduct(v, v)
      let twoVPlus1 = DoubleDouble.twoSum(2 * v, 1)
      let dp = vv * 2 + twoVPlus1
      let rp = StableMath.reciprocal(dp)
      let g = twoVPlus1 * rp
      let h = (vv * 4) * (DoubleDouble(1) + v) * (rp * rp)  // sigma sech^2(sp)
      let b = (2 * v * v * v + 2 * v * v - 3 * v - 2) / ((1 + v) * dp.hi)
      return Jet(value: (g * x).value, d1: (g + h * x).value, d2: h.hi * (2 + x * b))
    }
    let (m, k) = StableMath.expScaled(DoubleDouble(x))
    if m == 0 { return Jet(value: 0, d1: 0, d2: 0) }  // x < -1600: |x| e^x < 2^-2000
    if k != 0 {
      // w < 1e-304: g = w, f' = w (1 + x), f'' = w (2 + x) to double precision.
      return Jet(
        value: StableMath.scaled(m * x, k), d1: StableMath.scaled(m * (1 + x), k),
        d2: StableMath.scaled(m * (2 + x), k))
    }
    // w = e^x; D = w^2 + 2w + 2; g = w (w + 2) / D;
    // f' = w/D ((w + 2) + 4x (1 + w) / D).
    let w = m
    let wp2 = DoubleDouble.twoSum(w, 2)
    let rd = StableMath.reciprocal(wp2 * w + 2)
    let wOverD = rd * w
    let g = wOverD * wp2
    let onePlusW = DoubleDouble.twoSum(1, w)
    let d1 = wOverD * (wp2 + (onePlusW * (4 * x)) * rd)
    let h = (onePlusW * (4 * w)) * (rd * rd)  // sigma sech^2(sp)
    let b = (2 + 2 * w - 3 * w * w - 2 * w * w * w) * rd.hi / onePlusW.hi
    return Jet(value: (g * x).value, d1: d1.value, d2: h.hi * (2 + x * b))
  }

  // MARK: - softplus

  static let softplus = FunctionSpec(
    id: "softplus", name: "Softplus", family: .activation, aliases: [],
    summary: "(1/beta) log(1 + e^(beta x)): a smooth ReLU whose derivative is the sigmoid; beta sets how sharp the corner is.",
    parameters: [
      ParameterSpec(
        name: "beta", symbol: "\\beta", defaultValue: 1, range: .positive, grid: [0.5, 1, 2, 5, 10],
        summary: "the sharpness: softplus approaches ReLU as beta grows (its value at 0 is log 2 / beta)")
    ],
    arguments: [.activationInput], differentiable: ["x"],
    evaluate: FunctionSpec.scalarEvaluator("x") { p, _ in
      let beta = p["beta"]
      return { x in softplusJet(x, beta: beta) }
    },
    views: { p in
      let beta = p["beta"]
      return [
        view(
          plotRange: -6...6,
          declared: DeclaredProperties(
            infimum: RangeBound(0, attained: false), supremum: RangeBound(.infinity, attained: false),
            monotonic: .increasing, derivativeMonotonic: .increasing, continuity: .cInfinity,
            zeroCentered: false, identityNearOrigin: false, maxAbsDerivative: 1,
            saturatesLeft: true, saturatesRight: false, convex: true, concave: false, nonNegative: true),
          { x in softplusJet(x, beta: beta) })
      ]
    },
    naive: NaiveForm(
      valueFormula: "log(1 + exp(beta * x)) / beta", derivativeFormula: "1 / (1 + exp(-beta * x))",
      value: { p in
        let beta = p["beta"]
        return { x in log(1 + exp(beta * x)) / beta }
      },
      derivative: { p in
        let beta = p["beta"]
        return { x in 1 / (1 + exp(-beta * x)) }
      }),
    implementationNote: "t = beta x formed exactly; for t > 0 the value is x + log1p(e^-t)/beta (no overflow; x itself, not t/beta, so no rounding), below log1p(e^t)/beta, and e^t as m 2^k below t = -700. The naive form overflows to inf above x = 709.78/beta and is 0 below x = -37/beta.",
    conventions: [
      FrameworkConvention(.pytorch, "torch.nn.functional.softplus(x, beta=1.0, threshold=20.0)", "returns x for beta x > 20: value off by up to about 5e5 ulp just past the threshold and gradient exactly 1 (measured)"),
      FrameworkConvention(.keras, "keras.activations.softplus(x)", "no beta: only beta = 1"),
      FrameworkConvention(.optax, "", "no equivalent (optax holds losses)"),
      FrameworkConvention(.jaxnn, "jax.nn.softplus(x)", "no beta: only beta = 1 (jnp.logaddexp(x, 0))"),
    ],
    references: [
      Reference("Dugas, Bengio, Belisle, Nadeau, Garcia, Incorporating second-order functional knowledge for better option pricing, NeurIPS", year: 2001),
      Reference("Glorot, Bordes, Bengio, Deep sparse rectifier neural networks, AISTATS", year: 2011),
    ]
  )

  /// (1/beta) log(1 + e^t), sigma(t), beta sigma(t) sigma(-t), t = beta x.
  ///
  /// For |t| <= 700: e = e^-|t| (argument exact), 1/(1 + e) = r (1 + eps)
  /// with eps = 1 - (1 + e) r from an fma (one reciprocal, the double-double
  /// products written out), log1p(e) once:
  /// ```
  /// t > 0:  f = x + log1p(e)/beta,  f' = R          (R = sigma(|t|))
  /// t <= 0: f = log1p(e)/beta,      f' = e R
  /// ```
  @Sendable static func softplusJet(_ x: Double, beta: Double) -> Jet {
    let t = beta * x
    guard abs(t) <= 700 else { return softplusJetWide(x, beta: beta) }
    let tl = (-t).addingProduct(beta, x)  // t + tl = beta x
    let e0 = exp(-abs(t))
    let e = e0.addingProduct(-e0, t >= 0 ? tl : -tl)
    let dh = 1 + e
    let dl = (1 - dh) + e
    let r = 1 / dh
    let eps = 1.0.addingProduct(-dh, r) - dl * r
    let sh = e * r  // sigma(-|t|) = sh + sl
    let sl = (-sh).addingProduct(e, r) + sh * eps
    let d2 = beta * (sh * r * eps + sl * r).addingProduct(sh, r)
    let l = log1p(e) / beta
    if t > 0 { return Jet(value: x + l, d1: r.addingProduct(r, eps), d2: d2) }
    return Jet(value: l, d1: sh + sl, d2: d2)
  }

  /// ``softplusJet(_:beta:)`` for |beta x| > 700.
  static func softplusJetWide(_ x: Double, beta: Double) -> Jet {
    let t = StableMath.exactProduct(beta, x)
    if t.hi > 0 {
      let e = StableMath.exp(-t)
      let s = StableMath.reciprocal(DoubleDouble.twoSum(1, e))  // sigma(t)
      let value = x + log1p(e) / beta  // x >= 0 and the quotient: no cancellation
      return Jet(value: value, d1: s.value, d2: beta * ((s * e) * s).value)
    }
    let (m, k) = StableMath.expScaled(t)
    if k != 0 {
      // e^t < 1e-304: log1p(e^t) = sigma(t) = e^t to double precision.
      return Jet(
        value: StableMath.scaled(m / beta, k), d1: StableMath.scaled(m, k), d2: StableMath.scaled(beta * m, k))
    }
    let sm = StableMath.reciprocal(DoubleDouble.twoSum(1, m))  // sigma(-t)
    let s = sm * m  // sigma(t)
    let value = log1p(m) / beta
    return Jet(value: value, d1: s.value, d2: beta * (s * sm).value)
  }

  // MARK: - softsign

  static let softsign = FunctionSpec(
    id: "softsign", name: "Softsign", family: .activation, aliases: [],
    summary: "x / (1 + |x|): a rational tanh-like squashing onto (-1, 1) whose tails approach ±1 polynomially (1/x) rather than exponentially.",
    arguments: [.activationInput], differentiable: ["x"],
    evaluate: FunctionSpec.scalarEvaluator("x") { _, _ in softsignJet },
    views: { _ in
      [
        view(
          plotRange: -8...8, breakpoints: [0],
          declared: DeclaredProperties(
            infimum: RangeBound(-1, attained: false), supremum: RangeBound(1, attained: false),
            monotonic: .increasing, derivativeMonotonic: .neither, continuity: .c1,
            zeroCentered: true, identityNearOrigin: true, maxAbsDerivative: 1,
            saturatesLeft: true, saturatesRight: true, convex: false, concave: false, nonNegative: false),
          softsignJet)
      ]
    },
    naive: NaiveForm(
      valueFormula: "x / (1 + abs(x))", derivativeFormula: "1 / (1 + abs(x))^2",
      value: { _ in { x in x / (1 + abs(x)) } },
      derivative: { _ in
        { x in
          let d = 1 + abs(x)
          return 1 / (d * d)
        }
      }),
    implementationNote: "1 + |x| formed exactly and divided in double-double; the derivative as (1/(1 + |x|))^2, so the square never overflows (the naive (1 + |x|)^2 is inf above |x| = 1.3e154, giving 0 where the exact value is still a subnormal). f'' = -2 sign(x) / (1 + |x|)^3 jumps from +2 to -2 at 0; the jet gives 0 there.",
    conventions: [
      FrameworkConvention(.pytorch, "torch.nn.functional.softsign(x)", "none"),
      FrameworkConvention(.keras, "keras.activations.softsign(x)", "none"),
      FrameworkConvention(.optax, "", "no equivalent (optax holds losses)"),
      FrameworkConvention(.jaxnn, "jax.nn.soft_sign(x)", "none"),
    ],
    references: [
      Reference("Bergstra, Desjardins, Lamblin, Bengio, Quadratic polynomials learn better image features (technical report 1337, Université de Montréal)", year: 2009),
      Reference("Glorot, Bengio, Understanding the difficulty of training deep feedforward neural networks, AISTATS", year: 2010),
    ]
  )

  /// x / (1 + |x|), 1 / (1 + |x|)^2, -2 sign(x) / (1 + |x|)^3 (0 at x = 0,
  /// between the one-sided values -2 and +2).
  ///
  /// One division, the double-double steps written out:
  /// ```
  /// 1 + |x| = dh + dl (TwoSum of the larger and the smaller of 1, |x|)
  /// r = 1/dh,  eps = 1 - (dh + dl) r (fma):  1/(1 + |x|) = r (1 + eps) to 2^-100
  /// f' = r^2 (1 + 2 eps),  f'' = -2 sign(x) r^3 (1 + 3 eps)    (r^2, r^2 r as TwoProducts)
  /// f  = x r (1 + eps)           for |x| <= 1   (x r as TwoProduct)
  ///    = sign(x) (1 - r (1 + eps))  above, where r may be subnormal (x r would lose its digits)
  /// ```
  /// Each result is within about half an ulp; r^2 never overflows (the naive
  /// (1 + |x|)^2 does above 1.3e154).
  @Sendable static func softsignJet(_ x: Double) -> Jet {
    let a = abs(x)
    let big = max(1, a)
    let small = min(1, a)
    let dh = big + small
    let dl = small - (dh - big)
    let r = 1 / dh
    let eps = 1.0.addingProduct(-dh, r) - dl * r
    let rr = r * r
    let rrl = (-rr).addingProduct(r, r)
    let d1 = rr + (rrl + 2 * rr * eps)
    let r3 = rr * r  // r^3 (1 + 3 eps) with r^2 r exact
    let r3v = r3 + (((-r3).addingProduct(rr, r) + rrl * r) + 3 * r3 * eps)
    let d2 = x == 0 ? 0 : (x > 0 ? -2 * r3v : 2 * r3v)
    if a <= 1 {
      let v = x * r
      let vl = (-v).addingProduct(x, r)
      return Jet(value: v + (vl + v * eps), d1: d1, d2: d2)
    }
    let one = 1 - r  // r < 1/2
    let v = one + (((1 - one) - r) - r * eps)
    return Jet(value: x > 0 ? v : -v, d1: d1, d2: d2)
  }

  // MARK: - hard-sigmoid

  static let hardSigmoid = FunctionSpec(
    id: "hard-sigmoid", name: "Hard sigmoid", family: .activation, aliases: ["hardsigmoid"],
    summary: "relu6(x + 3) / 6: a piecewise-linear sigmoid onto [0, 1], linear on (-3, 3). The gate of MobileNetV3's hard-swish.",
    arguments: [.activationInput], differentiable: ["x"],
    evaluate: FunctionSpec.scalarEvaluator("x") { _, _ in hardSigmoidJet },
    views: { _ in
      [
        view(
          plotRange: -5...5, breakpoints: [-3, 3],
          declared: DeclaredProperties(
            infimum: RangeBound(0, attained: true), supremum: RangeBound(1, attained: true),
            monotonic: .increasing, derivativeMonotonic: .neither, continuity: .c0,
            zeroCentered: false, identityNearOrigin: false, maxAbsDerivative: 1.0 / 6,
            saturatesLeft: true, saturatesRight: true, convex: false, concave: false, nonNegative: true),
          hardSigmoidJet)
      ]
    },
    implementationNote: "(x + 3) / 6 with x + 3 formed exactly (TwoSum) and divided in double-double: one rounding. Derivative 1/6 only strictly inside (-3, 3).",
    conventions: [
      FrameworkConvention(.pytorch, "torch.nn.functional.hardsigmoid(x)", "float64 backward multiplies by the float32 constant 1.0f/6: gradient 0.1666666716337204 on (-3, 3) (measured)"),
      FrameworkConvention(.keras, "keras.activations.hard_sigmoid(x)", "Keras 3 uses relu6(x + 3) / 6 as here; Keras 2 (tf.keras) used clip(0.2 x + 0.5, 0, 1)"),
      FrameworkConvention(.optax, "", "no equivalent (optax holds losses)"),
      FrameworkConvention(.jaxnn, "jax.nn.hard_sigmoid(x)", "none: relu6(x + 3) / 6"),
    ],
    references: [Reference("Howard et al., Searching for MobileNetV3, ICCV", year: 2019)]
  )

  /// relu6(x + 3) / 6; f' = 1/6 on (-3, 3), else 0; f'' = 0.
  @Sendable static func hardSigmoidJet(_ x: Double) -> Jet {
    if x <= -3 { return Jet(value: 0, d1: 0, d2: 0) }
    if x >= 3 { return Jet(value: 1, d1: 0, d2: 0) }
    return Jet(value: (DoubleDouble.twoSum(x, 3) / 6).value, d1: 1.0 / 6, d2: 0)
  }

  // MARK: - hard-tanh

  static let hardTanh = FunctionSpec(
    id: "hard-tanh", name: "Hard tanh", family: .activation, aliases: ["hardtanh"],
    summary: "min(max(x, -1), 1): the identity clipped to [-1, 1], a piecewise-linear tanh.",
    arguments: [.activationInput], differentiable: ["x"],
    evaluate: FunctionSpec.scalarEvaluator("x") { _, _ in hardTanhJet },
    views: { _ in
      [
        view(
          plotRange: -5...5, breakpoints: [-1, 1],
          declared: DeclaredProperties(
            infimum: RangeBound(-1, attained: true), supremum: RangeBound(1, attained: true),
            monotonic: .increasing, derivativeMonotonic: .neither, continuity: .c0,
            zeroCentered: true, identityNearOrigin: true, maxAbsDerivative: 1,
            saturatesLeft: true, saturatesRight: true, convex: false, concave: false, nonNegative: false),
          hardTanhJet)
      ]
    },
    implementationNote: "A clamp to [-1, 1], exact; derivative 1 only strictly inside (-1, 1), so 0 at both kinks.",
    conventions: [
      FrameworkConvention(.pytorch, "torch.nn.functional.hardtanh(x)", "none: derivative 0 at ±1"),
      FrameworkConvention(.keras, "keras.activations.hard_tanh(x)", "none in value; the gradient at the kinks is the backend's"),
      FrameworkConvention(.optax, "", "no equivalent (optax holds losses)"),
      FrameworkConvention(.jaxnn, "jax.nn.hard_tanh(x)", "XLA on CPU flushes subnormal inputs to 0 (measured)"),
    ],
    references: [Reference("Collobert, Large scale machine learning (PhD thesis, Université Paris VI)", year: 2004)]
  )

  /// min(max(x, -1), 1); f' = 1 on (-1, 1), else 0; f'' = 0.
  @Sendable static func hardTanhJet(_ x: Double) -> Jet {
    if x <= -1 { return Jet(value: -1, d1: 0, d2: 0) }
    if x >= 1 { return Jet(value: 1, d1: 0, d2: 0) }
    return Jet(value: x, d1: 1, d2: 0)
  }

  // MARK: - hard-swish

  static let hardSwish = FunctionSpec(
    id: "hard-swish", name: "Hard swish", family: .activation, aliases: ["hardswish", "h-swish"],
    summary: "x relu6(x + 3) / 6: a piecewise-quadratic SiLU (0 below -3, x above 3) from MobileNetV3, cheap on mobile hardware.",
    arguments: [.activationInput], differentiable: ["x"],
    evaluate: FunctionSpec.scalarEvaluator("x") { _, _ in hardSwishJet },
    views: { _ in
      [
        view(
          plotRange: -5...5, breakpoints: [-3, 3],
          declared: DeclaredProperties(
            infimum: RangeBound(-0.375, attained: true), supremum: RangeBound(.infinity, attained: false),
            monotonic: .neither, derivativeMonotonic: .neither, continuity: .c0,
            zeroCentered: nil, identityNearOrigin: false, maxAbsDerivative: 1.5,
            saturatesLeft: true, saturatesRight: false, convex: false, concave: false, nonNegative: false),
          hardSwishJet)
      ]
    },
    implementationNote: "x (x + 3) / 6 on [-3, 3] with x + 3 exact (TwoSum), the product and quotient in double-double: one rounding. The derivative (2x + 3)/6 belongs to the closed middle piece, so -1/2 at -3 and 3/2 at 3 as the catalog says.",
    conventions: [
      FrameworkConvention(.pytorch, "torch.nn.functional.hardswish(x)", "none: backward x/3 + 1/2 on [-3, 3], -1/2 at -3 and 3/2 at 3"),
      FrameworkConvention(.keras, "keras.activations.hard_silu(x)", "none in value (alias keras.activations.hard_swish)"),
      FrameworkConvention(.optax, "", "no equivalent (optax holds losses)"),
      FrameworkConvention(.jaxnn, "jax.nn.hard_swish(x)", "written as x * relu6(x + 3) / 6, so autodiff gives 1 at x = 3 (relu6'(6) = 0) and 0 at x = -3"),
    ],
    references: [Reference("Howard et al., Searching for MobileNetV3, ICCV", year: 2019)]
  )

  /// 0, x (x + 3)/6, x on the three pieces; f' = 0, (2x + 3)/6, 1 with the
  /// closed middle piece [-3, 3] owning both kinks; f'' = 0, 1/3, 0.
  @Sendable static func hardSwishJet(_ x: Double) -> Jet {
    if x < -3 { return Jet(value: 0, d1: 0, d2: 0) }
    if x > 3 { return Jet(value: x, d1: 1, d2: 0) }
    let value = ((DoubleDouble.twoSum(x, 3) * x) / 6).value
    let d1 = (DoubleDouble.twoSum(2 * x, 3) / 6).value
    return Jet(value: value, d1: d1, d2: 1.0 / 3)
  }

  // MARK: - log-sigmoid

  static let logSigmoid = FunctionSpec(
    id: "log-sigmoid", name: "Log-sigmoid", family: .activation, aliases: ["logsigmoid"],
    summary: "log sigma(x) = -softplus(-x): the log-probability of the positive class of a logistic model; the building block of stable binary cross-entropy.",
    arguments: [.activationInput], differentiable: ["x"],
    evaluate: FunctionSpec.scalarEvaluator("x") { _, _ in logSigmoidJet },
    views: { _ in
      [
        view(
          plotRange: -8...8,
          declared: DeclaredProperties(
            infimum: RangeBound(-.infinity, attained: false), supremum: RangeBound(0, attained: false),
            monotonic: .increasing, derivativeMonotonic: .decreasing, continuity: .cInfinity,
            zeroCentered: false, identityNearOrigin: false, maxAbsDerivative: 1,
            saturatesLeft: false, saturatesRight: true, convex: false, concave: true, nonNegative: false),
          logSigmoidJet)
      ]
    },
    naive: NaiveForm(
      valueFormula: "log(1 / (1 + exp(-x)))", derivativeFormula: "1 / (1 + exp(x))",
      value: { _ in { x in log(1 / (1 + exp(-x))) } },
      derivative: { _ in { x in 1 / (1 + exp(x)) } }),
    implementationNote: "-softplus(-x) as min(x, 0) - log1p(e^-|x|): both terms non-positive, so no cancellation. The naive log(1/(1 + exp(-x))) is -inf below x = -709.78 (exact: about x) and 0 above x = 37 (exact: about -e^-x).",
    conventions: [
      FrameworkConvention(.pytorch, "torch.nn.functional.logsigmoid(x)", "none"),
      FrameworkConvention(.keras, "keras.activations.log_sigmoid(x)", "none"),
      FrameworkConvention(.optax, "", "no equivalent (optax holds losses)"),
      FrameworkConvention(.jaxnn, "jax.nn.log_sigmoid(x)", "none: -softplus(-x)"),
    ],
    references: [Reference("Goodfellow, Bengio, Courville, Deep Learning, §6.2.2.2", year: 2016)]
  )

  /// -softplus(-x), sigma(-x), -sigma(x) sigma(-x).
  ///
  /// e = e^-|x|; 1/(1 + e) = r (1 + eps) with eps = 1 - (1 + e) r from an fma
  /// (one division, the double-double products written out); log1p(e) once.
  @Sendable static func logSigmoidJet(_ x: Double) -> Jet {
    let e = exp(-abs(x))
    let dh = 1 + e
    let dl = (1 - dh) + e
    let r = 1 / dh
    let eps = 1.0.addingProduct(-dh, r) - dl * r
    let sh = e * r  // sigma(-|x|) = sh + sl
    let sl = (-sh).addingProduct(e, r) + sh * eps
    let d2 = -(sh * r * eps + sl * r).addingProduct(sh, r)
    let l = log1p(e)
    if x >= 0 { return Jet(value: -l, d1: sh + sl, d2: d2) }
    return Jet(value: x - l, d1: r.addingProduct(r, eps), d2: d2)
  }
}
