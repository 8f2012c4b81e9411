/// GEGLU, catalog id `geglu`: its entry (`spec`: signature, views, declared
/// properties, conventions, references), its documented `formula`, and
/// its kernel (gelu's own jet, times a).
enum GEGLU {
  static let spec = FunctionSpec(
    id: "geglu", name: "GEGLU", family: .gatedUnit, aliases: [],
    summary: "a gelu(b), gelu in its erf form: the GLU variant with a GELU gate (Shazeer 2020), used in the feed-forward layers of T5 v1.1 and other Transformers.",
    arguments: GatedUnits.arguments, differentiable: ["a", "b"],
    evaluate: GatedUnits.evaluator { _ in Kernel() },
    views: { p in
      let gate = GELU.spec.primaryView
      return GatedUnits.views(
        gatePlotRange: gate.plotRange, gate: gate.declared, gateAtZero: 0, slopeAtZero: 0.5,
        gateValue: GatedUnits.gateValue(formula, p), Kernel())
    },
    surfaces: { _ in [GatedUnits.surface(gatePlotRange: GELU.spec.primaryView.plotRange) { b, a in jet(a, b) }] },
    formula: formula,
    implementationNote: "gelu's own jet at b (the Mills-ratio form, within about 1 ulp), each part times a rounded once. Below b = -6, where gelu(b) and its derivatives head below the normal range, and |a| > 1, gelu's tail kernel takes a into the mantissa of phi(b) = m 2^k before the one rounding (at a = 1e300, b = -40 gelu(b) itself rounds to 0 while a gelu(b) is a normal number).",
    conventions: [
      FrameworkConvention(.pytorch, "", "no GEGLU module; a * torch.nn.functional.gelu(b) by hand (the default approximate='none' is this erf form)"),
      FrameworkConvention(.keras, "", "no GEGLU activation; a * keras.activations.gelu(b, approximate=False) by hand"),
      FrameworkConvention(.optax, "", "no equivalent (optax holds losses)"),
      FrameworkConvention(.jaxnn, "", "no geglu; a * jax.nn.gelu(b, approximate=False) by hand (jax.nn.gelu defaults to the tanh form)"),
    ],
    references: [
      Reference("Shazeer, GLU variants improve Transformer, arXiv:2002.05202", year: 2020, url: "https://arxiv.org/abs/2002.05202"),
      Reference("Hendrycks, Gimpel, Gaussian error linear units (GELUs), arXiv:1606.08415", year: 2016),
    ]
  )

  /// The documented formulas: the tree the manual prints and the tests evaluate.
  static let formula: FunctionFormula = {
    let a = GatedUnits.a
    let b = GatedUnits.b
    let slope = Expr.Phi(b) + b * .phi(b)
    return FunctionFormula(
      value: a * b * .Phi(b),
      derivatives: [("a", b * .Phi(b)), ("b", a * (.Phi(b) + b * .phi(b)))],
      hessian: [[.n(0), slope], [slope, a * (.n(2) - b.pow(.n(2))) * .phi(b)]],
      definitions: [
        (.Phi(b), .n(1) / .n(2) * (.n(1) + .erf(b / .sqrt(.n(2))))),
        (.phi(b), .exp(-(b.pow(.n(2)) / .n(2))) / .sqrt(.n(2) * .pi)),
      ])
  }()

  /// The unit's kernel (``jet(_:_:)``) as a value for the generic views.
  struct Kernel: GatedUnits.Kernel {
    func callAsFunction(_ a: Double, _ b: Double) -> SurfaceJet { jet(a, b) }
  }

  /// a gelu(b) with its gradient and Hessian (``GatedUnits/product(_:_:)``).
  @Sendable static func jet(_ a: Double, _ b: Double) -> SurfaceJet {
    let g = GELU.jet(b)
    if GatedUnits.needsTail(a, g) { return GatedUnits.product(g, tail: times(b, a)) }
    return GatedUnits.product(a, g)
  }

  /// c gelu(b), c gelu'(b), c gelu''(b), each rounded once: the plain
  /// products for |b| <= 6 (gelu' and gelu'' are normal there, and so is
  /// gelu(b) except at b = 0, where it is exactly 0, and for |b| below
  /// 2^-1000, where gelu(b) = b/2 to double precision and c gelu(b) is
  /// (c b)/2); gelu's tail kernel with the factor beyond.
  static func times(_ b: Double, _ c: Double) -> Jet {
    if abs(b) <= 6 {
      let g = GELU.jet(b)
      let value = abs(b) < 0x1p-1000 ? (c * b) * 0.5 : c * g.value
      return Jet(value: value, d1: c * g.d1, d2: c * g.d2)
    }
    return GELU.jetWide(b, times: c)
  }
}
