/// Softmin, catalog id `softmin`: its entry (`spec`: signature, views, declared
/// properties, conventions, references), its documented `formula`, and
/// its stable implementation with the notes on why it is stable.
enum Softmin {
  static let spec = FunctionSpec(
    id: "softmin", name: "Softmin", family: .vectorActivation, aliases: [],
    summary: "pᵢ = exp(−zᵢ) / Σⱼ exp(−zⱼ) = softmax(−z): a probability distribution that favours the smallest entries (costs, distances, energies). PyTorch's nn.Softmin.",
    arguments: [VectorActivations.logits], differentiable: ["z"],
    evaluate: { _, a in
      let z = a.vector("z")
      // softmin(z) = softmax(-z): negation is exact, so these are softmax's
      // pieces of -z; J = -(softmax's Jacobian at -z), negation exact again.
      let r = StableMath.softmaxParts(z.map { -$0 })
      let jacobian = Softmax.jacobian(r).map { row in row.map { -$0 } }
      return Evaluation(
        value: .vector(r.p.map(\.value)), gradient: [NamedTensor("z", .matrix(jacobian))], secondDerivative: nil)
    },
    views: { _ in
      [
        VectorActivations.slice(
          label: "z = [x, 0], output p_0",
          declared: DeclaredProperties(
            infimum: RangeBound(0, attained: false), supremum: RangeBound(1, attained: false),
            monotonic: .decreasing, derivativeMonotonic: .neither, continuity: .cInfinity,
            zeroCentered: false, identityNearOrigin: false, maxAbsDerivative: 0.25,
            saturatesLeft: true, saturatesRight: true, convex: false, concave: false, nonNegative: true),
          jet)
      ]
    },
    formula: formula,
    naive: NaiveForm(
      valueFormula: "exp(-z_0) / sum_j exp(-z_j), z = [x, 0]", derivativeFormula: "-p_0 * (1 - p_0)",
      value: { _ in { x in exp(-x) / (exp(-x) + exp(0)) } },
      derivative: { _ in
        { x in
          let p = exp(-x) / (exp(-x) + exp(0))
          return -p * (1 - p)
        }
      }),
    implementationNote: "softmax(-z) with softmax's pieces: shift by the maximum of -z (the minimum of z) with each difference exact, p_i = e_i / S in double-double, and J_ii = -p_i (1 - p_i) with 1 - p_i as the sum of the other terms over S, never a difference. The naive exp(-z) / sum exp(-z) overflows (inf/inf = NaN) once an entry is below -709.78.",
    conventions: [
      FrameworkConvention(.pytorch, "torch.nn.functional.softmin(z, dim=-1)", "the same function, computed as softmax(-z)"),
      FrameworkConvention(.keras, "", "no softmin; keras.activations.softmax(-z) is the same function"),
      FrameworkConvention(.optax, "", "no equivalent (optax holds losses)"),
      FrameworkConvention(.jaxnn, "", "no softmin; jax.nn.softmax(-z) is the same function"),
    ],
    references: [
      Reference("Bridle, Probabilistic interpretation of feedforward classification network outputs, with relationships to statistical pattern recognition, Neurocomputing (NATO ASI)", year: 1990),
      Reference("PyTorch documentation, torch.nn.Softmin", year: 2017),
    ]
  )

  /// p_i = e^(-z_i) / sum_l e^(-z_l), named p (defined once under the formulas).
  static func p(_ index: Symbol) -> Expr {
    let sumIndex: Symbol = index.name == Symbol.j.name ? .l : .j
    let p = Symbol("p", latex: "p_{\(index.latex)}", mathml: "<msub><mi>p</mi>\(index.mathml)</msub>")
    return .named(p, .exp(-.element(.z, index: index)) / .sumOver(sumIndex, excluding: nil, .exp(-.element(.z, index: sumIndex))))
  }

  /// The documented formulas: the tree the manual prints and the tests evaluate.
  static let formula = FunctionFormula(
    value: .exp(-.element(.z, index: .i)) / .sumOver(.j, excluding: nil, .exp(-.element(.z, index: .j))),
    derivatives: [("z", -(p(.i) * (.kronecker(.i, .j) - p(.j))))],
    valueIndex: .i, derivativeIndices: [.i, .j])

  /// z = [x, 0], output 0: sigma(-x), so f' = -sigma'(-x) and f'' = sigma''(-x).
  @Sendable static func jet(_ x: Double) -> Jet {
    let s = Sigmoid.jet(-x)
    return Jet(value: s.value, d1: -s.d1, d2: s.d2)
  }
}
