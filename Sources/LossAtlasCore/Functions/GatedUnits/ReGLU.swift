/// ReGLU, catalog id `reglu`: its entry (`spec`: signature, views, declared
/// properties, conventions, references), its documented `formula`, and
/// its kernel.
enum ReGLU {
  static let spec = FunctionSpec(
    id: "reglu", name: "ReGLU", family: .gatedUnit, aliases: [],
    summary: "a relu(b): the GLU variant with a ReLU gate (Shazeer 2020). The gate is 0 for b ≤ 0, so both gradients vanish there: a dead gate passes nothing back to a or b.",
    arguments: GatedUnits.arguments, differentiable: ["a", "b"],
    evaluate: GatedUnits.evaluator { _ in Kernel() },
    views: { p in
      let gate = ReLU.spec.primaryView
      return GatedUnits.views(
        gatePlotRange: gate.plotRange, breakpoints: [0], gate: gate.declared, gateAtZero: 0, slopeAtZero: 0,
        gateValue: GatedUnits.gateValue(formula, p), Kernel())
    },
    surfaces: { _ in [GatedUnits.surface(gatePlotRange: ReLU.spec.primaryView.plotRange, breakpoints: [0]) { b, a in jet(a, b) }] },
    formula: formula,
    implementationNote: "a b for b > 0 (one rounding), else 0; relu's subgradient 0 at b = 0 gives df/db = 0 and the Hessian entry d2f/da db = 0 there.",
    conventions: [
      FrameworkConvention(
        .pytorch, "", "no ReGLU module; a * torch.relu(b) by hand (relu'(0) = {torch.relu.grad-at-0.grad_at_0}, as here)",
        definitional: ["relu'(0)"]),
      FrameworkConvention(.keras, "", "no ReGLU activation; a * keras.activations.relu(b) by hand"),
      FrameworkConvention(.optax, "", "no equivalent (optax holds losses)"),
      FrameworkConvention(
        .jaxnn, "", "no reglu; a * jax.nn.relu(b) by hand (grad relu(0) = {jax.relu.grad-at-0.grad_at_0}, as here)",
        definitional: ["relu(0)"]),
    ],
    references: [
      Reference("Shazeer, GLU variants improve Transformer, arXiv:2002.05202", year: 2020, url: "https://arxiv.org/abs/2002.05202")
    ]
  )

  /// The documented formulas: the tree the manual prints and the tests evaluate.
  static let formula: FunctionFormula = {
    let a = GatedUnits.a
    let b = GatedUnits.b
    let step = Expr.cases([(.n(1), .greater(b, .n(0))), (.n(0), .otherwise)])
    return FunctionFormula(
      value: a * .max(.n(0), b),
      derivatives: [("a", .max(.n(0), b)), ("b", .cases([(a, .greater(b, .n(0))), (.n(0), .otherwise)]))],
      hessian: [[.n(0), step], [step, .n(0)]])
  }()

  /// The unit's kernel (``jet(_:_:)``) as a value for the generic views.
  struct Kernel: GatedUnits.Kernel {
    func callAsFunction(_ a: Double, _ b: Double) -> SurfaceJet { jet(a, b) }
  }

  /// a relu(b): value a b, gradient (b, a), Hessian [[0, 1], [1, 0]] for
  /// b > 0; all 0 for b <= 0 (relu's subgradient 0 at b = 0).
  @Sendable static func jet(_ a: Double, _ b: Double) -> SurfaceJet {
    if b > 0 { return SurfaceJet(value: a * b, dx: a, dy: b, dxx: 0, dxy: 1, dyy: 0) }
    return SurfaceJet(value: 0, dx: 0, dy: 0, dxx: 0, dxy: 0, dyy: 0)
  }
}
