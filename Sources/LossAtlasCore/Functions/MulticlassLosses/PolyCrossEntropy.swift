/// Poly-1 cross-entropy, catalog id `poly-cross-entropy`: its entry (`spec`: signature, views, declared
/// properties, conventions, references), its documented `formula`, and
/// its stable implementation with the notes on why it is stable.
enum PolyCrossEntropy {
  static let spec = FunctionSpec(
    id: "poly-cross-entropy", name: "Poly-1 cross-entropy", family: .multiclassLoss,
    aliases: ["poly-1", "poly1", "poly-loss"],
    summary: "CE(s, k) + ε(1 − pₖ), p = softmax(s): cross-entropy plus ε times its first Taylor term in 1 − pₖ. Poly-1 of Leng et al. 2022 (optax poly_loss_cross_entropy); ε > 0 pushes harder on confident mistakes, ε = −1 drops the leading term.",
    parameters: [
      ParameterSpec(
        name: "epsilon", symbol: "\\epsilon", defaultValue: 2, range: ParameterRange(lower: -1, lowerInclusive: true, upper: .infinity, upperInclusive: false), grid: [-1, 0, 2],
        summary: "the weight of the first polynomial term 1 − pₖ (0 is cross-entropy; ≥ −1 keeps the loss non-negative)")
    ],
    arguments: [MulticlassLosses.scores, MulticlassLosses.trueClass], differentiable: ["s"],
    evaluate: { p, a throws(CatalogError) in
      let s = a.vector("s")
      let k = try MulticlassLosses.classIndex(a, classes: s.count, id: "poly-cross-entropy")
      return evaluation(s, k: k, epsilon: p["epsilon"])
    },
    views: { p in
      let epsilon = p["epsilon"]
      return [
        ScalarView(
          label: "s = [x, 0], k = 0", argument: "s[0]", fixed: [("k", .integer(0))], plotRange: -6...6,
          declared: sliceDeclared(epsilon: epsilon), evaluate: { x in slice2(x, epsilon: epsilon) })
      ]
    },
    formula: formula,
    naive: NaiveForm(
      valueFormula: "-log(p_0) + epsilon (1 - p_0), p_0 = exp(x) / (exp(x) + 1)  (s = [x, 0], k = 0)",
      derivativeFormula: "(p_0 - 1) - epsilon p_0 (1 - p_0)",
      value: { p in
        let epsilon = p["epsilon"]
        return { x in
          let p0 = exp(x) / (exp(x) + 1)
          return -log(p0) + epsilon * (1 - p0)
        }
      },
      derivative: { p in
        let epsilon = p["epsilon"]
        return { x in
          let p0 = exp(x) / (exp(x) + 1)
          return (p0 - 1) - epsilon * p0 * (1 - p0)
        }
      }),
    implementationNote: "c = 1 - p_k is formed as (sum over j ≠ k of e^(s_j - m)) / S, never as 1 - p_k, so it keeps its digits when p_k is within an ulp of 1 (both CE and 1 - p_k are then about c). For epsilon ≥ 0, L = CE + epsilon c, two non-negative terms; for -1 ≤ epsilon < 0, L = psi(c) + (1 + epsilon) c with psi(c) = -log(1 - c) - c = c^2/2 + c^3/3 + ... ≥ 0 (its series below c = 2^-10, CE - c in double-double above), again two non-negative terms: the textbook CE + epsilon (1 - p_k) cancels to nothing at epsilon = -1. The gradient (p_j - [j = k]) F with F = 1 + epsilon p_k, formed as (1 + epsilon) + (-epsilon) c for epsilon < 0 (no cancellation).",
    conventions: [
      FrameworkConvention(.pytorch, "", "no built-in; cross_entropy(s, k) + epsilon * (1 - softmax(s)[k]) by hand",
        definitional: ["(1 - softmax(s)[k])"]),
      FrameworkConvention(.keras, "", "no equivalent"),
      FrameworkConvention(.optax, "optax.losses.poly_loss_cross_entropy(s, onehot(k), epsilon=2.0)", "takes one-hot (or soft) labels; loses both terms when p_k is within an ulp of 1: at s = [40, 0], k = 0 value {optax.poly_loss_cross_entropy.saturated.value} and gradient {optax.poly_loss_cross_entropy.saturated.grad_0} (exact {optax.poly_loss_cross_entropy.saturated.exact_value} and {optax.poly_loss_cross_entropy.saturated.exact_grad_0})",
        definitional: ["s = [40, 0], k = 0", "within an ulp of 1"]),
      FrameworkConvention(.jaxnn, "", "no equivalent (jax.nn holds activations; see optax)"),
    ],
    references: [
      Reference("Leng, Tan, Liu, Cubuk, Shi, Cheng, Anguelov, PolyLoss: a polynomial expansion perspective of classification loss functions, ICLR (arXiv:2204.12511)", year: 2022)
    ]
  )

  /// The parameter epsilon, printed as epsilon.
  static let epsilon = Expr.symbol(Symbol("epsilon", latex: "\\epsilon", mathml: "<mi>ϵ</mi>"))

  /// The documented formulas: the tree the manual prints and the tests evaluate.
  static let formula = FunctionFormula(
    value: .apply(.logSumExp, [.symbol(.s)]) - .element(.s, index: .k)
      + epsilon * (.n(1) - .softmax(of: .s, at: .k)),
    derivatives: [
      (
        "s",
        .softmax(of: .s, at: .j) - .kronecker(.j, .k)
          - epsilon * .softmax(of: .s, at: .k) * (.kronecker(.j, .k) - .softmax(of: .s, at: .j))
      )
    ],
    derivativeIndices: [.j])

  /// L and its gradient:
  ///
  /// ```
  /// c = 1 - p_k = (sum over j != k of w_j) / S          (w_j = e^(s_j - m), S = sum w_j)
  /// CE = (m - s_k) + log S = -log(1 - c)
  /// L = CE + epsilon c                    (epsilon >= 0)
  ///   = psi(c) + (1 + epsilon) c          (epsilon < 0),   psi(c) = -log(1 - c) - c
  /// g_j = p_j F (j != k),  g_k = -c F,    F = 1 + epsilon p_k = (1 + epsilon) + (-epsilon) c (epsilon < 0)
  /// ```
  /// Every sum is of non-negative terms. psi(c) = sum_{n >= 2} c^n / n is
  /// summed as c^2 (1/2 + c/3 + ...) below c = 2^-10 (terms to c^11/13:
  /// truncation below 2^-100 of the result), with c^2 as mantissa * 2^n so
  /// that c = e^-400 still gives c^2/2 = e^-800 / 2 (it underflows to 0 only
  /// after the final rounding); above, CE - c cancels at most 11 bits of
  /// double-double CE. The products p_j F and c F are formed with separate
  /// powers of two (`ScaledDD`), so a gradient below the normal range
  /// (epsilon = -1: -c^2) keeps its digits until the final rounding.
  static func evaluation(_ s: [Double], k: Int, epsilon: Double) -> Evaluation {
    let softmax = StableMath.SoftmaxExpansion(s)
    let c = softmax.complement(k)
    let cs = ScaledDD(c.mantissa, exponent: c.exponent)
    let ce = StableMath.scaledResidual(softmax.maximum, s[k]) + ScaledDD(softmax.logSum)
    let value: Double
    let factor: ScaledDD
    if epsilon >= 0 {
      value = (ce + cs * DoubleDouble(epsilon)).double
      factor = ScaledDD(DoubleDouble(1) + softmax.probability(k).doubleDouble * epsilon)
    } else {
      let onePlusEpsilon = ScaledDD(DoubleDouble.twoSum(1, epsilon))
      let psi: ScaledDD
      if c.value < 0x1p-10 {
        // c^2 (1/2 + c/3 + ... + c^11/13), the bracket in double-double.
        let cd = c.doubleDouble
        var bracket = DoubleDouble(1.0 / 13)
        for n in stride(from: 12, through: 3, by: -1) { bracket = bracket * cd + DoubleDouble(1) / Double(n) }
        bracket = bracket * cd + 0.5
        psi = cs * cs * bracket
      } else {
        psi = ce - cs
      }
      value = (psi + onePlusEpsilon * cs).double
      factor = onePlusEpsilon + cs * DoubleDouble(-epsilon)
    }
    var gradient = [Double](repeating: 0, count: s.count)
    for j in s.indices {
      if j == k {
        gradient[j] = (-(cs * factor)).double
      } else {
        let p = softmax.probability(j)
        gradient[j] = (ScaledDD(p.mantissa, exponent: p.exponent) * factor).double
      }
    }
    return Evaluation(value: .scalar(value), gradient: [NamedTensor("s", .vector(gradient))])
  }

  /// s = [x, 0], k = 0, with p = sigma(x), q = sigma(-x) = 1 - p:
  ///
  /// ```
  /// L = softplus(-x) + epsilon q,   L' = -q (1 + epsilon p),   L'' = p q (1 + epsilon (p - q))
  /// ```
  /// The general evaluator's pieces for two classes, with the same
  /// non-negative forms, from one exp and one log1p: E = e^-|x|,
  /// sigma(|x|) = 1 / (1 + E) = r (1 + eps) (eps = 1 - (1 + E) r from an
  /// fma), sigma(-|x|) = E sigma(|x|), softplus(-x) = max(-x, 0) + log1p(E);
  /// q is sigma(-x) directly, never 1 - p. For epsilon < 0,
  /// L = psi(q) + (1 + epsilon) q with psi as in ``evaluation(_:k:epsilon:)``:
  /// its series below q = 2^-10, -log1p(-q) - q in double-double up to
  /// q = 1/2 (psi' = q / (1 - q): the rounding of q costs about 2 ulp), and
  /// softplus(-x) - q in double-double above (psi >= 0.19 there).
  @Sendable static func slice2(_ x: Double, epsilon: Double) -> Jet {
    let a = abs(x)
    let e = exp(-a)
    let dh = 1 + e
    let dl = (1 - dh) + e
    let rh = 1 / dh
    let eps = 1.0.addingProduct(-dh, rh) - dl * rh
    let large = rh.addingProduct(rh, eps)  // sigma(|x|)
    let small = (e * rh).addingProduct(e * rh, eps)  // sigma(-|x|)
    let (p, q) = x >= 0 ? (large, small) : (small, large)
    let l = log1p(e)
    let d2 = small * large * (1 + epsilon * (p - q))
    let value: Double
    if epsilon >= 0 {
      value = (x >= 0 ? l : a + l) + epsilon * q
    } else if q < 0x1p-10 {
      var bracket = 1.0 / 13
      for n in stride(from: 12, through: 2, by: -1) { bracket = bracket * q + 1 / Double(n) }
      value = (1 + epsilon) * q + q * q * bracket
    } else if q <= 0.5 {
      let psi = -StableMath.log1pDoubleDouble(DoubleDouble(-q)) - q
      value = (psi + (1 + epsilon) * q).value
    } else {
      // x < 0: -log(1 - q) = softplus(-x) = |x| + log1p(E) >= ln 2.
      let ce = StableMath.log1pDoubleDouble(DoubleDouble(e)) + a
      value = ((ce - q) + (1 + epsilon) * q).value
    }
    let factor = epsilon >= 0 ? 1 + epsilon * p : (1 + epsilon) + (-epsilon) * q
    return Jet(value: value, d1: -q * factor, d2: d2)
  }

  /// The slice is decreasing (L' = -q (1 + epsilon p) < 0 for epsilon >= -1)
  /// from +inf to 0; convex exactly when epsilon <= 1 (L'' = p q (1 + epsilon
  /// (p - q)) < 0 where p - q < -1/epsilon); |L'| = q (1 + epsilon (1 - q))
  /// peaks at q = (1 + epsilon) / (2 epsilon) with (1 + epsilon)^2 / (4 epsilon)
  /// for epsilon > 1, and tends to 1 (x -> -inf) otherwise.
  static func sliceDeclared(epsilon: Double) -> DeclaredProperties {
    DeclaredProperties(
      infimum: RangeBound(0, attained: false), supremum: RangeBound(.infinity, attained: false),
      monotonic: .decreasing, derivativeMonotonic: epsilon <= 1 ? .increasing : .neither, continuity: .cInfinity,
      maxAbsDerivative: epsilon > 1 ? (1 + epsilon) * (1 + epsilon) / (4 * epsilon) : 1,
      saturatesLeft: false, saturatesRight: true, convex: epsilon <= 1, concave: false, nonNegative: true,
      zeroAtCorrect: .limit, gradientGrowth: .bounded)
  }
}
