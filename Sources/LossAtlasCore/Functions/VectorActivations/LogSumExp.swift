/// Log-sum-exp, catalog id `logsumexp`: its entry (`spec`: signature, views, declared
/// properties, conventions, references), its documented `formula`, and
/// its stable implementation with the notes on why it is stable.
enum LogSumExp {
  static let spec = FunctionSpec(
    id: "logsumexp", name: "Log-sum-exp", family: .vectorActivation, aliases: ["log-sum-exp", "lse"],
    summary: "log Σⱼ exp(zⱼ): a smooth maximum of a vector (between max z and max z + log C), whose gradient is softmax(z). The normaliser of every softmax model and the pooling of many attention and energy-based layers.",
    arguments: [VectorActivations.logits], differentiable: ["z"],
    evaluate: { _, a in evaluation(a.vector("z")) },
    views: { _ in
      [
        VectorActivations.slice(
          label: "z = [x, 0]",
          declared: DeclaredProperties(
            infimum: RangeBound(0, attained: false), supremum: RangeBound(.infinity, attained: false),
            monotonic: .increasing, derivativeMonotonic: .increasing, continuity: .cInfinity,
            zeroCentered: false, identityNearOrigin: false, maxAbsDerivative: 1,
            saturatesLeft: true, saturatesRight: false, convex: true, concave: false, nonNegative: true),
          { x in Softplus.jet(x, beta: 1) })
      ]
    },
    formula: formula,
    naive: NaiveForm(
      valueFormula: "log(exp(z_0) + exp(z_1)), z = [x, 0]", derivativeFormula: "exp(z_0) / (exp(z_0) + exp(z_1))",
      value: { _ in { x in log(exp(x) + exp(0)) } },
      derivative: { _ in { x in exp(x) / (exp(x) + exp(0)) } }),
    implementationNote: "m + log S with m = max z, S = sum_j e^(z_j - m) ≥ 1, each z_j - m exact (TwoSum); log S = log1p(S - 1) in double-double from the sum of the non-maximal terms, and m + log S rounded once, so the value is correctly rounded even where m and log S nearly cancel (z = [-ln 2, -ln 2]). The gradient is softmax(z), the same pieces as softmax. The naive log(sum exp) overflows to inf once a z_j exceeds 709.78 and is -inf once every z_j is below -745.",
    conventions: [
      FrameworkConvention(.pytorch, "torch.logsumexp(z, dim=-1)", "the same function"),
      FrameworkConvention(.keras, "keras.ops.logsumexp(z, axis=-1)", "an op, not an activation (keras.activations has no logsumexp)"),
      FrameworkConvention(.optax, "", "no equivalent (optax holds losses)"),
      FrameworkConvention(.jaxnn, "jax.nn.logsumexp(z, axis=-1)", "the same function (jax.scipy.special.logsumexp, re-exported); also takes weights b"),
    ],
    references: [
      Reference("Boyd, Vandenberghe, Convex Optimization, §3.1.5 (log-sum-exp is convex)", year: 2004),
      Reference("Blanchard, Higham, Higham, Accurately computing the log-sum-exp and softmax functions, IMA Journal of Numerical Analysis 41", year: 2021),
    ]
  )

  /// The documented formulas: the tree the manual prints and the tests evaluate.
  static let formula = FunctionFormula(
    value: .apply(.logSumExp, [.symbol(.z)]),
    derivatives: [("z", .softmax(of: .z, at: .j))],
    derivativeIndices: [.j])

  /// logsumexp(z) and its gradient softmax(z), from ``StableMath/softmaxParts(_:)``:
  ///
  /// ```
  /// logsumexp(z) = m + log1p(S - 1),   m = max z,   S - 1 = sum of e^(z_j - m) but the maximum's 1
  /// ```
  /// Both parts are double-doubles (log1p to about 2^-86), so the one
  /// rounding is the final one. m + log S cancels when m is negative and
  /// close to -log S (z = [-ln 2, -ln 2 - 1e-15]); there the half ulp of
  /// glibc's exp in each term of S - 1 would be the whole error, so S - 1
  /// is summed again from the 90-bit exp (``StableMath/expMantissaExponent(_:)``)
  /// of the exact shifted logits, and the result keeps its relative accuracy.
  static func evaluation(_ z: [Double]) -> Evaluation {
    let r = StableMath.softmaxParts(z)
    let m = z.max() ?? 0
    var value = (StableMath.log1pDoubleDouble(r.sumBesideMaximum) + m).value
    if abs(value) < 0.25 * abs(m) {
      var beside = DoubleDouble(0)
      var skipped = false
      for (i, d) in r.shifted.enumerated() {
        if !skipped && z[i] == m {
          skipped = true  // the first maximum's term, exactly 1
          continue
        }
        beside = beside + StableMath.expMantissaExponent(d).doubleDouble
      }
      value = (StableMath.log1pDoubleDouble(beside) + m).value
    }
    return Evaluation(value: .scalar(value), gradient: [NamedTensor("z", .vector(r.p.map(\.value)))])
  }
}
