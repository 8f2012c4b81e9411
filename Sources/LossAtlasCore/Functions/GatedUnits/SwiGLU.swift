/// SwiGLU, catalog id `swiglu`: its entry (`spec`: signature, views, declared
/// properties, conventions, references), its documented `formula`, and
/// its kernel (silu's own jet, times a).
enum SwiGLU {
  static let spec = FunctionSpec(
    id: "swiglu", name: "SwiGLU", family: .gatedUnit, aliases: [],
    summary: "a silu(b; β) = a b σ(βb): the GLU variant with a swish gate (Shazeer 2020), the feed-forward unit of PaLM and LLaMA.",
    parameters: [
      ParameterSpec(
        name: "beta", symbol: "\\beta", defaultValue: 1, range: .positive, grid: [0.5, 1, 2],
        summary: "the gate's sharpness, silu's β (1 in the language models; large β approaches ReGLU)")
    ],
    arguments: GatedUnits.arguments, differentiable: ["a", "b"],
    evaluate: GatedUnits.evaluator { p in Kernel(beta: p["beta"]) },
    views: { p in
      let gate = SiLU.spec.views(p)[0]
      return GatedUnits.views(
        gatePlotRange: gate.plotRange, gate: gate.declared, gateAtZero: 0, slopeAtZero: 0.5,
        gateValue: GatedUnits.gateValue(formula, p), Kernel(beta: p["beta"]))
    },
    surfaces: { p in
      let beta = p["beta"]
      return [GatedUnits.surface(gatePlotRange: SiLU.spec.views(p)[0].plotRange) { b, a in jet(a, b, beta: beta) }]
    },
    formula: formula,
    implementationNote: "silu's own jet at b (beta b formed exactly, within about 1 ulp), each part times a rounded once. Where silu(b) or its derivatives fall below the normal range (beta b < -708, or a tiny beta) and |a| > 1, silu's tail kernel takes a into the mantissa of e^(beta b) = m 2^k before the one rounding (at a = 1e300, b = -746 silu(b) itself is a subnormal with few digits while a silu(b) is a normal number).",
    conventions: [
      FrameworkConvention(.pytorch, "", "no SwiGLU module; a * torch.nn.functional.silu(b) by hand (beta = 1 only)", definitional: ["beta = 1"]),
      FrameworkConvention(.keras, "", "no SwiGLU activation; a * keras.activations.silu(b) by hand (beta = 1 only)", definitional: ["beta = 1"]),
      FrameworkConvention(.optax, "", "no equivalent (optax holds losses)"),
      FrameworkConvention(.jaxnn, "", "no swiglu; a * jax.nn.silu(b) by hand (beta = 1 only)", definitional: ["beta = 1"]),
    ],
    references: [
      Reference("Shazeer, GLU variants improve Transformer, arXiv:2002.05202", year: 2020, url: "https://arxiv.org/abs/2002.05202"),
      Reference("Chowdhery et al., PaLM: scaling language modeling with pathways, JMLR 24(240)", year: 2023),
      Reference("Touvron et al., LLaMA: open and efficient foundation language models, arXiv:2302.13971", year: 2023),
    ]
  )

  /// The documented formulas: the tree the manual prints and the tests evaluate.
  static let formula: FunctionFormula = {
    let a = GatedUnits.a
    let b = GatedUnits.b
    let t = Expr.beta * b
    let slope = Expr.sigma(t) + t * .sigma(t) * .sigma(-t)
    return FunctionFormula(
      value: a * b * .sigma(t),
      derivatives: [("a", b * .sigma(t)), ("b", a * slope)],
      hessian: [
        [.n(0), slope],
        [slope, a * .beta * .sigma(t) * .sigma(-t) * (.n(2) + t * (.n(1) - .n(2) * .sigma(t)))],
      ])
  }()

  /// The unit's kernel at beta (``jet(_:_:beta:)``) as a value for the generic views.
  struct Kernel: GatedUnits.Kernel {
    let beta: Double
    func callAsFunction(_ a: Double, _ b: Double) -> SurfaceJet { jet(a, b, beta: beta) }
  }

  /// a silu(b; beta) with its gradient and Hessian
  /// (``GatedUnits/product(_:_:)``); silu's tail kernel, valid for every
  /// b, supplies the products that need it.
  static func jet(_ a: Double, _ b: Double, beta: Double) -> SurfaceJet {
    let g = SiLU.jet(b, beta: beta)
    if GatedUnits.needsTail(a, g) { return GatedUnits.product(g, tail: SiLU.jetWide(b, beta: beta, times: a)) }
    return GatedUnits.product(a, g)
  }
}
