/// Log-softmax, catalog id `log-softmax`: its entry (`spec`: signature, views, declared
/// properties, conventions, references), its documented `formula`, and
/// its stable implementation with the notes on why it is stable.
enum LogSoftmax {
  static let spec = FunctionSpec(
    id: "log-softmax", name: "Log-softmax", family: .vectorActivation, aliases: ["logsoftmax"],
    summary: "zᵢ − logsumexp(z): the log-probabilities of softmax, computed without forming p. Feeds the negative log-likelihood loss; exact where log(softmax(z)) gives −∞.",
    arguments: [VectorActivations.logits], differentiable: ["z"],
    evaluate: { _, a in
      let z = a.vector("z")
      let r = StableMath.softmaxParts(z)
      // log S = log1p(S - 1), S - 1 being the sum of every term but one maximum's 1.
      let logS = log1p(r.sumBesideMaximum.value)
      let values = z.indices.map { i in
        // A difference z_i - max beyond the Double range is -inf, and so is the output.
        r.shifted[i].hi.isFinite ? (r.shifted[i] - logS).value : r.shifted[i].hi
      }
      var jacobian: [[Double]] = []
      jacobian.reserveCapacity(z.count)
      for i in z.indices {
        var row = [Double](repeating: 0, count: z.count)
        for j in z.indices {
          // J_ij = delta_ij - p_j; 1 - p_i = (sum of the other e_j) / S, never a difference.
          row[j] = i == j ? r.complement[i].value : -r.p[j].value
        }
        jacobian.append(row)
      }
      return Evaluation(
        value: .vector(values), gradient: [NamedTensor("z", .matrix(jacobian))], secondDerivative: nil)
    },
    views: { _ in
      [
        VectorActivations.slice(
          label: "z = [x, 0], output 0",
          declared: DeclaredProperties(
            infimum: RangeBound(-.infinity, attained: false), supremum: RangeBound(0, attained: false),
            monotonic: .increasing, derivativeMonotonic: .decreasing, continuity: .cInfinity,
            // Along z = [x, 0]: log sigma(x) < 0, mean < 0; log(1/2) at x = 0.
            zeroCentered: false, passesThroughOrigin: false, identityNearOrigin: false, maxAbsDerivative: 1,
            saturatesLeft: false, saturatesRight: true, convex: false, concave: true, nonNegative: false),
          LogSigmoid.jet)
      ]
    },
    formula: formula,
    naive: NaiveForm(
      valueFormula: "log(exp(z_0) / sum_j exp(z_j)), z = [x, 0]", derivativeFormula: "1 - p_0",
      value: { _ in { x in log(exp(x) / (exp(x) + exp(0))) } },
      derivative: { _ in { x in 1 - exp(x) / (exp(x) + exp(0)) } }),
    implementationNote: "(z_i - max) - log S with z_i - max exact and log S = log1p(sum of the non-maximal terms), so the largest output is accurate when it is tiny (-e^-40 for z = [40, 0]); both terms are non-positive and never cancel. Jacobian delta_ij - p_j with 1 - p_i as the sum of the other terms over S. log(softmax) is -inf once a p_i underflows (z_i 745 below the maximum).",
    conventions: [
      FrameworkConvention(.pytorch, "torch.nn.functional.log_softmax(z, dim=-1)", "none in value; backward is grad - exp(output) * sum(grad) ({torch.log_softmax.backward.source}), so 1 - p_i is 0 once p_i rounds to 1: {torch.log_softmax.backward.j00_at_40} instead of {torch.log_softmax.backward.exact_j00_at_40} at z = [40, 0]", definitional: ["1 - p_i is 0", "rounds to 1", "z = [40, 0]"]),
      FrameworkConvention(.keras, "keras.activations.log_softmax(z, axis=-1)", "none in value; the gradient is JAX's"),
      FrameworkConvention(.optax, "", "no equivalent (optax holds losses)"),
      FrameworkConvention(.jaxnn, "jax.nn.log_softmax(z, axis=-1)", "none in value; the Jacobian entry 1 - p_i is {jax.log_softmax.jacobian.j00_at_40} at z = [40, 0] (exact {jax.log_softmax.jacobian.exact_j00_at_40})", definitional: ["1 - p_i", "z = [40, 0]"]),
    ],
    references: [
      Reference("Bridle, Probabilistic interpretation of feedforward classification network outputs, with relationships to statistical pattern recognition, Neurocomputing (NATO ASI)", year: 1990),
      Reference("Goodfellow, Bengio, Courville, Deep Learning, §6.2.2.3", year: 2016),
    ]
  ).withLines(
    // Along z_i: log p_i = (z_i - max) - log S as the evaluator forms it,
    // then 1 - p_i (the sum of the other terms) and -p_i (1 - p_i).
    VectorActivations.lines { r, i in
      let logS = log1p(r.sumBesideMaximum.value)
      let value = r.shifted[i].hi.isFinite ? (r.shifted[i] - logS).value : r.shifted[i].hi
      return Jet(value: value, d1: r.complement[i].value, d2: -(r.p[i] * r.complement[i]).value)
    })

  /// The documented formulas: the tree the manual prints and the tests evaluate.
  static let formula = FunctionFormula(
    value: .element(.z, index: .i) - .apply(.logSumExp, [.symbol(.z)]),
    derivatives: [("z", .kronecker(.i, .j) - .softmax(of: .z, at: .j))],
    valueIndex: .i, derivativeIndices: [.i, .j])
}
