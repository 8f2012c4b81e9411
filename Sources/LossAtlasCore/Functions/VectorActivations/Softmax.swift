/// Softmax, catalog id `softmax`: its entry (`spec`: signature, views, declared
/// properties, conventions, references), its documented `formula`, and
/// its stable implementation with the notes on why it is stable.
enum Softmax {
  static let spec = FunctionSpec(
    id: "softmax", name: "Softmax", family: .vectorActivation, aliases: [],
    summary: "pᵢ = exp(zᵢ) / Σⱼ exp(zⱼ): turns a vector of logits into a probability distribution. The output layer of every multiclass classifier; invariant to adding a constant to all logits.",
    arguments: [VectorActivations.logits], differentiable: ["z"],
    evaluate: { _, a in
      let z = a.vector("z")
      let r = StableMath.softmaxParts(z)
      return Evaluation(
        value: .vector(r.p.map(\.value)), gradient: [NamedTensor("z", .matrix(jacobian(r)))], secondDerivative: nil)
    },
    views: { _ in
      [
        VectorActivations.slice(
          label: "z = [x, 0], output p_0",
          declared: DeclaredProperties(
            infimum: RangeBound(0, attained: false), supremum: RangeBound(1, attained: false),
            monotonic: .increasing, derivativeMonotonic: .neither, continuity: .cInfinity,
            // Along z = [x, 0]: sigma(x), mean output 1/2; 1/2 at x = 0.
            zeroCentered: false, passesThroughOrigin: false, identityNearOrigin: false, maxAbsDerivative: 0.25,
            saturatesLeft: true, saturatesRight: true, convex: false, concave: false, nonNegative: true),
          Sigmoid.jet)
      ]
    },
    formula: formula,
    naive: NaiveForm(
      valueFormula: "exp(z_0) / sum_j exp(z_j), z = [x, 0]", derivativeFormula: "p_0 * (1 - p_0)",
      value: { _ in { x in exp(x) / (exp(x) + exp(0)) } },
      derivative: { _ in
        { x in
          let p = exp(x) / (exp(x) + exp(0))
          return p * (1 - p)
        }
      }),
    implementationNote: "Shift by max(z) with each z_i - max formed exactly (TwoSum) and e^(z_i - max) from the exact argument; S = sum of the terms in double-double, p_i = e_i / S in double-double. 1 - p_i is never formed: J_ii = p_i (sum of the other e_j) / S from prefix and suffix sums. The naive form overflows (inf/inf = NaN) once e^x does (computed below).",
    conventions: [
      FrameworkConvention(.pytorch, "torch.softmax(z, dim=-1)", "backward on the rounded output p: the diagonal p (1 - p) at z = [t, 0] is exactly 0 from t = {torch.softmax.jacobian-diagonal.zero_from} (at z = [40, 0]: 0 instead of {torch.softmax.jacobian-diagonal.exact_j00_at_40})", definitional: ["p (1 - p)", "z = [t, 0]", "exactly 0", "z = [40, 0]: 0"]),
      FrameworkConvention(.keras, "keras.activations.softmax(z, axis=-1)", "none in value; the gradient is JAX's"),
      FrameworkConvention(.optax, "", "no equivalent (optax holds losses)"),
      FrameworkConvention(.jaxnn, "jax.nn.softmax(z, axis=-1)", "none in value; the gradient is a custom JVP y (x_dot - sum(y x_dot)) on the rounded output ({jax.softmax.jacobian-diagonal.source}): the diagonal entry at z = [t, 0] is exactly 0 from t = {jax.softmax.jacobian-diagonal.zero_from} (at z = [40, 0]: 0 instead of {jax.softmax.jacobian-diagonal.exact_j00_at_40})", definitional: ["z = [t, 0]", "exactly 0", "z = [40, 0]: 0"]),
    ],
    references: [
      Reference("Bridle, Probabilistic interpretation of feedforward classification network outputs, with relationships to statistical pattern recognition, Neurocomputing (NATO ASI)", year: 1990),
      Reference("Goodfellow, Bengio, Courville, Deep Learning, §6.2.2.3", year: 2016),
    ]
  ).withLines(
    // Along z_i: p_i, p_i (1 - p_i) and p_i (1 - p_i) (1 - 2 p_i), with
    // 1 - p_i the sum of the other terms (never a difference) and
    // 1 - 2 p_i = (1 - p_i) - p_i in double-double.
    VectorActivations.lines { r, i in
      let p = r.p[i]
      let c = r.complement[i]
      let slope = p * c
      return Jet(value: p.value, d1: slope.value, d2: (slope * (c - p)).value)
    })

  /// The Jacobian J_ij = p_i (delta_ij - p_j) of softmax, row by row, from
  /// its parts (also softmin's, negated: softmin(z) = softmax(-z)).
  ///
  /// ```
  /// J_ii = p_i (1 - p_i) = p_i * (sum over j != i of e_j) / S;   J_ij = -p_i p_j
  /// ```
  /// The diagonal never forms 1 - p_i as a difference (it is 0 once p_i
  /// rounds to 1, where the exact value is e^-(gap) p_i); each entry is a
  /// double-double product rounded once.
  static func jacobian(_ r: StableMath.SoftmaxParts) -> [[Double]] {
    let n = r.p.count
    var jacobian: [[Double]] = []
    jacobian.reserveCapacity(n)
    for i in 0..<n {
      var row = [Double](repeating: 0, count: n)
      for j in 0..<n {
        row[j] = i == j ? (r.p[i] * r.complement[i]).value : -(r.p[i] * r.p[j]).value
      }
      jacobian.append(row)
    }
    return jacobian
  }

  /// The documented formulas: the tree the manual prints and the tests evaluate.
  static let formula = FunctionFormula(
    value: .exp(.element(.z, index: .i)) / .sumOver(.j, excluding: nil, .exp(.element(.z, index: .j))),
    derivatives: [("z", .softmax(of: .z, at: .i) * (.kronecker(.i, .j) - .softmax(of: .z, at: .j)))],
    valueIndex: .i, derivativeIndices: [.i, .j])
}
