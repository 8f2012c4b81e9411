/// GLU (gated linear unit), catalog id `glu`: its entry (`spec`: signature, views, declared
/// properties, conventions, references), its documented `formula`, and
/// its kernel (the sigmoid's own jet, times a).
enum GLU {
  static let spec = FunctionSpec(
    id: "glu", name: "GLU (gated linear unit)", family: .gatedUnit, aliases: [],
    summary: "a σ(b): the value half a passed through a sigmoid gate computed from the other half b (Dauphin et al. 2017). The gate is in (0, 1), so the unit scales a down, never flips it.",
    arguments: GatedUnits.arguments, differentiable: ["a", "b"],
    evaluate: GatedUnits.evaluator { _ in Kernel() },
    views: { p in
      let gate = Sigmoid.spec.primaryView
      return GatedUnits.views(
        gatePlotRange: gate.plotRange, gate: gate.declared, gateAtZero: 0.5, slopeAtZero: 0.25,
        gateValue: GatedUnits.gateValue(formula, p), Kernel())
    },
    surfaces: { _ in [GatedUnits.surface(gatePlotRange: Sigmoid.spec.primaryView.plotRange) { b, a in jet(a, b) }] },
    formula: formula,
    implementationNote: "The sigmoid's own jet at b (about 1 ulp), each of sigma, sigma', sigma'' times a rounded once. Where sigma(b) or its derivatives fall below the normal range (|b| > 708) and |a| > 1, e^-|b| is kept as m 2^k and a joins the mantissa before the one rounding (at a = 1e300, b = -746 the plain product of the subnormal sigma(-746) would keep about one digit).",
    conventions: [
      FrameworkConvention(
        .pytorch, "torch.nn.functional.glu(x, dim=-1)",
        "takes one tensor and splits it in halves along dim (default {torch.glu.default.dim}): a is the first half, b the second; the same a sigma(b)"),
      FrameworkConvention(
        .keras, "keras.activations.glu(x, axis=-1)",
        "splits its input in halves along axis (default {keras.glu.halves.default_axis}): a is the first half, b the second; a sigma(b) within {keras.glu.halves.ulp_error_vs_a_sigmoid_b} ulp"),
      FrameworkConvention(.optax, "", "no equivalent (optax holds losses)"),
      FrameworkConvention(
        .jaxnn, "jax.nn.glu(x, axis=-1)",
        "splits x in halves x1, x2 along axis and returns {jax.glu.source.formula}: a = x1, b = x2", definitional: ["x1, x2", "a = x1, b = x2"]),
    ],
    references: [
      Reference("Dauphin, Fan, Auli, Grangier, Language modeling with gated convolutional networks, ICML", year: 2017, url: "https://arxiv.org/abs/1612.08083")
    ]
  )

  /// The documented formulas: the tree the manual prints and the tests evaluate.
  static let formula: FunctionFormula = {
    let a = GatedUnits.a
    let b = GatedUnits.b
    let slope = Expr.sigma(b) * .sigma(-b)
    return FunctionFormula(
      value: a * .sigma(b),
      derivatives: [("a", .sigma(b)), ("b", a * .sigma(b) * .sigma(-b))],
      hessian: [[.n(0), slope], [slope, a * .sigma(b) * .sigma(-b) * (.n(1) - .n(2) * .sigma(b))]])
  }()

  /// The unit's kernel (``jet(_:_:)``) as a value for the generic views.
  struct Kernel: GatedUnits.Kernel {
    func callAsFunction(_ a: Double, _ b: Double) -> SurfaceJet { jet(a, b) }
  }

  /// a sigma(b) with its gradient and Hessian (``GatedUnits/product(_:_:)``).
  @Sendable static func jet(_ a: Double, _ b: Double) -> SurfaceJet {
    let g = Sigmoid.jet(b)
    if GatedUnits.needsTail(a, g) { return GatedUnits.product(g, tail: times(b, a)) }
    return GatedUnits.product(a, g)
  }

  /// c sigma(b), c sigma'(b), c sigma''(b), each rounded once.
  ///
  /// For |b| <= 700 every part of the sigmoid's jet is normal (sigma''(0) = 0
  /// is exact): the plain products. Beyond, with e = e^-|b| < 1e-304 kept as
  /// m 2^k (1 + e is 1 to double precision):
  /// ```
  /// b > 700:   sigma = 1 - e -> c,   sigma' = e,   sigma'' = -e
  /// b < -700:  sigma = e,            sigma' = e,   sigma'' = e
  /// ```
  static func times(_ b: Double, _ c: Double) -> Jet {
    if abs(b) <= 700 {
      let g = Sigmoid.jet(b)
      return Jet(value: c * g.value, d1: c * g.d1, d2: c * g.d2)
    }
    let cm = c < 0 ? -c.significand : c.significand
    let (m, k) = StableMath.expScaled(DoubleDouble(-abs(b)))
    let ce = StableMath.scaleByPowerOfTwo(cm * m, k + Int(c.exponent))  // c e^-|b|, rounded once
    return b > 0 ? Jet(value: c, d1: ce, d2: -ce) : Jet(value: ce, d1: ce, d2: ce)
  }
}
