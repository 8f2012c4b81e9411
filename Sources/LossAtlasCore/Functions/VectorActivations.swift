/// The VectorActivations family of CATALOG.md, in catalog order.
///
/// Both functions take a vector z of length C >= 1 and return a vector;
/// their gradient is the full C x C Jacobian (row i = d f_i / d z_j). Each
/// has one documented 1-D view, the first output along z = [x, 0].
enum VectorActivations {
  static let all: [FunctionSpec] = [softmax, logSoftmax]

  /// The vector argument z.
  static let logits = ArgumentSpec(
    name: "z", kind: .vector, domain: .finite, minimumCount: 1, summary: "the logits, a vector of length C >= 1")

  /// The 1-D slice z = [x, 0] of a vector activation.
  static func slice(
    label: String, declared: DeclaredProperties, _ jet: @escaping @Sendable (Double) -> Jet
  ) -> ScalarView {
    ScalarView(
      label: label, argument: "z", fixed: [("z[1]", .real(0))], plotRange: -8...8, declared: declared,
      evaluate: jet)
  }

  // MARK: - softmax

  static let softmax = FunctionSpec(
    id: "softmax", name: "Softmax", family: .vectorActivation, aliases: [],
    summary: "p_i = e^(z_i) / sum_j e^(z_j): turns a vector of logits into a probability distribution. The output layer of every multiclass classifier; invariant to adding a constant to all logits.",
    arguments: [logits], differentiable: ["z"],
    evaluate: { _, a in
      let z = a.vector("z")
      let r = StableMath.softmaxParts(z)
      var jacobian: [[Double]] = []
      jacobian.reserveCapacity(z.count)
      for i in z.indices {
        var row = [Double](repeating: 0, count: z.count)
        for j in z.indices {
          // J_ii = p_i (1 - p_i) = p_i * (sum of the other terms) / S; J_ij = -p_i p_j.
          row[j] = i == j ? (r.p[i] * r.complement[i]).value : -(r.p[i] * r.p[j]).value
        }
        jacobian.append(row)
      }
      return Evaluation(
        value: .vector(r.p.map(\.value)), gradient: [NamedTensor("z", .matrix(jacobian))], secondDerivative: nil)
    },
    views: { _ in
      [
        slice(
          label: "z = [x, 0], output p_0",
          declared: DeclaredProperties(
            infimum: RangeBound(0, attained: false), supremum: RangeBound(1, attained: false),
            monotonic: .increasing, derivativeMonotonic: .neither, continuity: .cInfinity,
            zeroCentered: false, identityNearOrigin: false, maxAbsDerivative: 0.25,
            saturatesLeft: true, saturatesRight: true, convex: false, concave: false, nonNegative: true),
          Activations.sigmoidJet)
      ]
    },
    naive: NaiveForm(
      valueFormula: "exp(z_0) / sum_j exp(z_j), along z = [x, 0]", derivativeFormula: "p_0 * (1 - p_0)",
      value: { _ in { x in exp(x) / (exp(x) + exp(0)) } },
      derivative: { _ in
        { x in
          let p = exp(x) / (exp(x) + exp(0))
          return p * (1 - p)
        }
      }),
    implementationNote: "Shift by max(z) with each z_i - max formed exactly (TwoSum) and e^(z_i - max) from the exact argument; S = sum of the terms in double-double, p_i = e_i / S in double-double. 1 - p_i is never formed: J_ii = p_i (sum of the other e_j) / S from prefix and suffix sums. The naive form overflows (inf/inf = NaN) once a logit exceeds 709.78.",
    conventions: [
      FrameworkConvention(.pytorch, "torch.softmax(z, dim=-1)", "backward on the rounded output p: p (1 - p) is 0 where the exact diagonal is below ulp(1) p (measured)"),
      FrameworkConvention(.keras, "keras.activations.softmax(z, axis=-1)", "none in value"),
      FrameworkConvention(.optax, "", "no equivalent (optax holds losses)"),
      FrameworkConvention(.jaxnn, "jax.nn.softmax(z, axis=-1)", "none in value; the gradient is autodiff of the shifted exponentials"),
    ],
    references: [
      Reference("Bridle, Probabilistic interpretation of feedforward classification network outputs, with relationships to statistical pattern recognition, Neurocomputing (NATO ASI)", year: 1990),
      Reference("Goodfellow, Bengio, Courville, Deep Learning, §6.2.2.3", year: 2016),
    ]
  )

  // MARK: - log-softmax

  static let logSoftmax = FunctionSpec(
    id: "log-softmax", name: "Log-softmax", family: .vectorActivation, aliases: ["logsoftmax"],
    summary: "z_i - logsumexp(z): the log-probabilities of softmax, computed without forming p. Feeds the negative log-likelihood loss; exact where log(softmax(z)) gives -inf.",
    arguments: [logits], differentiable: ["z"],
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
        slice(
          label: "z = [x, 0], output 0",
          declared: DeclaredProperties(
            infimum: RangeBound(-.infinity, attained: false), supremum: RangeBound(0, attained: false),
            monotonic: .increasing, derivativeMonotonic: .decreasing, continuity: .cInfinity,
            zeroCentered: false, identityNearOrigin: false, maxAbsDerivative: 1,
            saturatesLeft: false, saturatesRight: true, convex: false, concave: true, nonNegative: false),
          Activations.logSigmoidJet)
      ]
    },
    naive: NaiveForm(
      valueFormula: "log(exp(z_0) / sum_j exp(z_j)), along z = [x, 0]", derivativeFormula: "1 - p_0",
      value: { _ in { x in log(exp(x) / (exp(x) + exp(0))) } },
      derivative: { _ in { x in 1 - exp(x) / (exp(x) + exp(0)) } }),
    implementationNote: "(z_i - max) - log S with z_i - max exact and log S = log1p(sum of the non-maximal terms), so the largest output is accurate when it is tiny (-e^-40 for z = [40, 0]); both terms are non-positive and never cancel. Jacobian delta_ij - p_j with 1 - p_i as the sum of the other terms over S. log(softmax) is -inf once a p_i underflows (z_i 745 below the maximum).",
    conventions: [
      FrameworkConvention(.pytorch, "torch.nn.functional.log_softmax(z, dim=-1)", "none in value; backward is grad - exp(output) * sum(grad)"),
      FrameworkConvention(.keras, "keras.activations.log_softmax(z, axis=-1)", "none in value"),
      FrameworkConvention(.optax, "", "no equivalent (optax holds losses)"),
      FrameworkConvention(.jaxnn, "jax.nn.log_softmax(z, axis=-1)", "none in value"),
    ],
    references: [
      Reference("Bridle, Probabilistic interpretation of feedforward classification network outputs, with relationships to statistical pattern recognition, Neurocomputing (NATO ASI)", year: 1990),
      Reference("Goodfellow, Bengio, Courville, Deep Learning, §6.2.2.3", year: 2016),
    ]
  )
}
