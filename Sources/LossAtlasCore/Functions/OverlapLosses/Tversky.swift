/// Tversky loss, catalog id `tversky`: its entry (`spec`: signature, views, declared
/// properties, conventions, references), its documented `formula`, and
/// its stable implementation with the notes on why it is stable.
enum Tversky {
  static let spec = FunctionSpec(
    id: "tversky", name: "Tversky loss", family: .overlapLoss, aliases: ["tversky-loss"],
    summary: "1 - (T + s) / (T + alpha F + beta N + s) with T = sum p_i y_i (true positives), F = sum p_i (1 - y_i) (false positives), N = sum (1 - p_i) y_i (false negatives): the dice loss with separate weights on the two kinds of error, for segmentation with small or unbalanced targets.",
    parameters: [
      ParameterSpec(
        name: "alpha", symbol: "\\alpha", defaultValue: 0.3, range: .nonNegative, grid: [0.3, 0.5],
        summary: "the weight of the false positives F"),
      ParameterSpec(
        name: "beta", symbol: "\\beta", defaultValue: 0.7, range: .nonNegative, grid: [0.5, 0.7],
        summary: "the weight of the false negatives N (beta > alpha favours recall)"),
      OverlapLosses.smooth(grid: [1]),
    ],
    arguments: [OverlapLosses.prediction, OverlapLosses.target], differentiable: ["p"],
    evaluate: { params, args throws(CatalogError) in
      let p = args.vector("p")
      let y = args.vector("y")
      try OverlapLosses.requireSameLength(p, y, id: "tversky")
      return try evaluation(p, y, alpha: params["alpha"], beta: params["beta"], smooth: params["smooth"])
    },
    views: { params in
      let (alpha, beta, s) = (params["alpha"], params["beta"], params["smooth"])
      return OverlapLosses.views { y0 in
        // Along p = [x, 3/4, 1/4], y = [y0, 1, 0]:
        // y0 = 1: T = x + 3/4, F = 1/4, N = 5/4 - x; y0 = 0: T = 3/4, F = x + 1/4, N = 1/4.
        let c0 = y0 == 1 ? 0.25 * alpha + 1.25 * beta : 0.25 * (alpha + beta)
        let c1 = y0 == 1 ? -beta : alpha
        return OverlapLosses.Rational(c0: c0, c1: c1, d0: 0.75 + c0 + s, d1: y0 == 1 ? 1 - beta : alpha)
      }
    },
    formula: formula,
    implementationNote: "L is formed as its own ratio (alpha F + beta N) / (T + alpha F + beta N + s), a sum of non-negative terms over a sum of non-negative terms, never as 1 - (a ratio near 1). Inputs are scaled by a power of two and every sum is an exact expansion; the gradient's numerator (alpha (1 - y_i) - beta y_i)(T + s) - y_i (alpha F + beta N), which cancels, is exact too, and rounded once. A zero denominator T + alpha F + beta N + s is an error.",
    conventions: [
      FrameworkConvention(.pytorch, "", "no built-in"),
      FrameworkConvention(.keras, "keras.losses.Tversky(alpha=0.5, beta=0.5)", "its alpha weighs the false negatives and its beta the false positives, the reverse of the catalog's: with alpha = 1, beta = 0 it gives {keras.tversky.alpha-weighs.alpha_1_beta_0} at p = [0.5, 0.5], y = [1, 1], where the catalog (no false positives) gives 0; no smooth term beyond an epsilon"),
      FrameworkConvention(.optax, "", "no tversky_loss; optax.losses.dice_loss takes alpha and beta (defaults {optax.dice_loss.conventions.default_alpha} and {optax.dice_loss.conventions.default_beta}) with its own smoothing (see dice)"),
      FrameworkConvention(.jaxnn, "", "no equivalent (jax.nn holds activations; see optax)"),
    ],
    references: [
      Reference("Tversky, Features of similarity, Psychological Review 84(4)", year: 1977),
      Reference("Salehi, Erdogmus, Gholipour, Tversky loss function for image segmentation using 3D fully convolutional deep networks, MLMI", year: 2017),
    ]
  )

  // MARK: - Formula

  static let pl = Expr.element(.p, index: .l)
  static let yl = Expr.element(.y, index: .l)
  static let truePositives = Expr.named(Symbol("T", latex: "T", mathml: "<mi>T</mi>"), Dice.sum(pl * yl))
  static let falsePositives = Expr.named(Symbol("F", latex: "F", mathml: "<mi>F</mi>"), Dice.sum(pl * (.n(1) - yl)))
  static let falseNegatives = Expr.named(Symbol("N", latex: "N", mathml: "<mi>N</mi>"), Dice.sum((.n(1) - pl) * yl))
  static let errors = .alpha * falsePositives + .beta * falseNegatives
  static let denominator = truePositives + errors + Dice.smooth
  static let yj = Expr.element(.y, index: .j)

  /// The documented formulas: the tree the manual prints and the tests evaluate.
  static let formula = FunctionFormula(
    value: .n(1) - (truePositives + Dice.smooth) / denominator,
    derivatives: [
      (
        "p",
        ((.alpha * (.n(1) - yj) - .beta * yj) * (truePositives + Dice.smooth) - yj * errors) / denominator.pow(.n(2))
      )
    ],
    derivativeIndices: [.j])

  // MARK: - Implementation

  /// In units of lambda (see ``OverlapLosses/Scaled``), T' = sum p'_i y_i,
  /// F' = sum p'_i (1 - y_i), N' = sum (1 - p_i) y'_i, E' = alpha F' + beta N':
  ///
  /// ```
  /// L       = E' / D',  D' = T' + E' + lambda s
  /// dL/dp_i = (g_i (T' + lambda s) - y'_i E') / D'^2,
  ///           g_i = lambda (alpha (1 - y_i) - beta y_i) = alpha (lambda - y'_i) - beta y'_i
  /// ```
  /// every sum and numerator an exact expansion, rounded once. Where a
  /// weight near the Double range overflows an expansion, the same
  /// formulas in ``ScaledDD`` arithmetic (about 2^-100 relative).
  ///
  /// - Throws: ``CatalogError`` where T + alpha F + beta N + s = 0.
  static func evaluation(
    _ p: [Double], _ y: [Double], alpha: Double, beta: Double, smooth s: Double
  ) throws(CatalogError) -> Evaluation {
    let sc = OverlapLosses.scaled(p, y, smooth: s)
    var hits = ExactSum()  // T' + lambda s
    var falsePositives = ExactSum()
    var falseNegatives = ExactSum()
    for i in p.indices {
      hits.addProduct(sc.p[i], y[i])
      OverlapLosses.addComplementProduct(&falsePositives, sc.p[i], y[i])
      OverlapLosses.addComplementProduct(&falseNegatives, sc.y[i], p[i])
    }
    hits.add(sc.smooth)
    var errors = ExactSum()
    errors.addProduct(falsePositives, alpha)
    errors.addProduct(falseNegatives, beta)
    var denominator = hits
    denominator.addProduct(errors, 1)
    guard denominator.sign > 0 else {
      throw CatalogError(
        .badArgument,
        "tversky is undefined where T + alpha F + beta N + smooth = 0 (here T = 0, and alpha F, beta N and smooth are all 0): give smooth > 0, or weights and masks with some error or overlap")
    }
    let d = denominator.doubleDouble
    let value = (errors.doubleDouble / d).value
    var gradient = [Double](repeating: 0, count: p.count)
    var g = ExactSum()
    var t = ExactSum()
    for i in p.indices {
      g.removeAll()
      let c = DoubleDouble.twoSum(sc.lambda, -sc.y[i])
      g.addProduct(alpha, c.hi)
      g.addProduct(alpha, c.lo)
      g.addProduct(-beta, sc.y[i])
      t.removeAll()
      t.addProduct(g, hits)
      t.addProduct(errors, -sc.y[i])
      // Divided by D' twice: D'^2 may overflow for huge weights.
      gradient[i] = (t.doubleDouble / d / d).value
    }
    if !value.isFinite || gradient.contains(where: { !$0.isFinite }) {
      return scaledEvaluation(p, y, alpha: alpha, beta: beta, smooth: s)
    }
    return Evaluation(value: .scalar(value), gradient: [NamedTensor("p", .vector(gradient))])
  }

  /// The same loss with every sum a ``ScaledDD`` (unbounded exponent, about
  /// 2^-100 relative): for weights so large (alpha near 1e308) that the
  /// exact expansions overflow.
  static func scaledEvaluation(_ p: [Double], _ y: [Double], alpha: Double, beta: Double, smooth s: Double) -> Evaluation {
    var t = ScaledDD.zero
    var f = ScaledDD.zero
    var n = ScaledDD.zero
    for i in p.indices {
      t = t + ScaledDD(DoubleDouble.twoProduct(p[i], y[i]))
      f = f + ScaledDD(OverlapLosses.complement(y[i]) * p[i])
      n = n + ScaledDD(OverlapLosses.complement(p[i]) * y[i])
    }
    let hits = t + ScaledDD(s)
    let errors = f * ScaledDD(alpha) + n * ScaledDD(beta)
    let d = hits + errors
    let value = (errors / d).double
    let gradient = p.indices.map { i -> Double in
      let g = ScaledDD(OverlapLosses.complement(y[i]) * alpha) - ScaledDD(DoubleDouble.twoProduct(beta, y[i]))
      return ((g * hits - errors * ScaledDD(y[i])) / d / d).double
    }
    return Evaluation(value: .scalar(value), gradient: [NamedTensor("p", .vector(gradient))])
  }
}
