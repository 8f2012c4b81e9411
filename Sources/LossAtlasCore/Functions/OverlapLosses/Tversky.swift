/// Tversky loss, catalog id `tversky`: its entry (`spec`: signature, views, declared
/// properties, conventions, references), its documented `formula`, and
/// its stable implementation with the notes on why it is stable.
enum Tversky {
  static let spec = FunctionSpec(
    id: "tversky", name: "Tversky loss", family: .overlapLoss, aliases: ["tversky-loss"],
    summary: "1 − (T + s) / (T + αF + βN + s) with T = Σ pᵢ yᵢ (true positives), F = Σ pᵢ (1 − yᵢ) (false positives), N = Σ (1 − pᵢ) yᵢ (false negatives): the dice loss with separate weights on the two kinds of error, for segmentation with small or unbalanced targets.",
    parameters: [
      ParameterSpec(
        name: "alpha", symbol: "\\alpha", defaultValue: 0.3, range: .nonNegative, grid: [0.3, 0.5],
        summary: "the weight of the false positives F"),
      ParameterSpec(
        name: "beta", symbol: "\\beta", defaultValue: 0.7, range: .nonNegative, grid: [0.5, 0.7],
        summary: "the weight of the false negatives N (β > α favours recall)"),
      OverlapLosses.smooth(grid: [1]),
    ],
    arguments: [OverlapLosses.prediction, OverlapLosses.target], differentiable: ["p"],
    evaluate: { params, args throws(CatalogError) in try evaluate(params, args, withGradient: true) },
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
      FrameworkConvention(.keras, "keras.losses.Tversky(alpha=0.5, beta=0.5)", "its alpha weighs the false negatives and its beta the false positives, the reverse of the catalog's: with alpha = 1, beta = 0 it gives {keras.tversky.alpha-weighs.alpha_1_beta_0} at p = [0.5, 0.5], y = [1, 1], where the catalog (no false positives) gives 0; no smooth term beyond an epsilon", definitional: ["alpha = 1, beta = 0", "p = [0.5, 0.5], y = [1, 1]", "gives 0"]),
      FrameworkConvention(.optax, "", "no tversky_loss; optax.losses.dice_loss takes alpha and beta (defaults {optax.dice_loss.conventions.default_alpha} and {optax.dice_loss.conventions.default_beta}) with its own smoothing (see dice)"),
      FrameworkConvention(.jaxnn, "", "no equivalent (jax.nn holds activations; see optax)"),
    ],
    references: [
      Reference("Tversky, Features of similarity, Psychological Review 84(4)", year: 1977),
      Reference("Salehi, Erdogmus, Gholipour, Tversky loss function for image segmentation using 3D fully convolutional deep networks, MLMI", year: 2017),
    ]
  ).withValue { params, args throws(CatalogError) in try evaluate(params, args, withGradient: false).value.scalarValue }.withValueLine(valueLine).withSettingsLine(settingsLine)

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

  /// The entry's evaluator; `withGradient: false` stops at the value (the
  /// value-only path the whole-domain search reads, the same bits).
  static func evaluate(_ params: ParameterValues, _ args: ArgumentValues, withGradient: Bool) throws(CatalogError) -> Evaluation {
    let p = args.vector("p")
    let y = args.vector("y")
    try OverlapLosses.requireSameLength(p, y, id: "tversky")
    return try evaluation(p, y, alpha: params["alpha"], beta: params["beta"], smooth: params["smooth"], withGradient: withGradient)
  }

  /// The value along p with y, alpha, beta and smooth read once
  /// (``FunctionSpec/valueLine``): nil where ``evaluate(_:_:withGradient:)``
  /// throws, else its value, from ``value(_:_:alpha:beta:smooth:_:)`` in one
  /// workspace reused from call to call.
  static func valueLine(_ params: ParameterValues, _ others: ArgumentValues) -> ValueLine {
    let y = others.vector("y")
    let (alpha, beta, s) = (params["alpha"], params["beta"], params["smooth"])
    var work = OverlapLosses.Workspace()
    return { p in
      guard p.count == y.count else { return nil }
      return value(p, y, alpha: alpha, beta: beta, smooth: s, &work)
    }
  }

  /// The value of ``evaluation(_:_:alpha:beta:smooth:withGradient:)`` (the
  /// same operations up to the value, the scaled vectors and the sums T'',
  /// F' and N' in `work`), nil where it throws.
  static func value(
    _ p: [Double], _ y: [Double], alpha: Double, beta: Double, smooth s: Double, _ work: inout OverlapLosses.Workspace
  ) -> Double? {
    value(sums(p, y, &work), alpha: alpha, beta: beta, smooth: s)
  }

  /// T, F and N at (p, y), rounded to double-doubles with their exponents
  /// (the sums T'', F' and N' in `work`): the part of the value every
  /// (alpha, beta, smooth) shares.
  static func sums(_ p: [Double], _ y: [Double], _ work: inout OverlapLosses.Workspace) -> (
    t: ScaledDD, falsePositives: ScaledDD, falseNegatives: ScaledDD
  ) {
    let sc = OverlapLosses.scaled(p, y, smooth: 0, into: &work.p, &work.y)
    let k = -Int(sc.lambda.exponent)
    work.first.removeAll()  // T''
    work.second.removeAll()  // F'
    work.third.removeAll()  // N'
    for i in p.indices {
      work.first.addProduct(work.p[i], work.y[i])
      OverlapLosses.addComplementProduct(&work.second, work.p[i], y[i])
      OverlapLosses.addComplementProduct(&work.third, work.y[i], p[i])
    }
    let t = ScaledDD(work.first.doubleDouble(reusing: &work.rest), exponent: 2 * k)
    let f = ScaledDD(work.second.doubleDouble(reusing: &work.rest), exponent: k)
    let n = ScaledDD(work.third.doubleDouble(reusing: &work.rest), exponent: k)
    return (t, f, n)
  }

  /// (alpha F + beta N) / (T + s + alpha F + beta N) from ``sums(_:_:_:)``;
  /// nil where the denominator is 0.
  static func value(
    _ sums: (t: ScaledDD, falsePositives: ScaledDD, falseNegatives: ScaledDD), alpha: Double, beta: Double,
    smooth s: Double
  ) -> Double? {
    let errors = sums.falsePositives * ScaledDD(alpha) + sums.falseNegatives * ScaledDD(beta)
    let denominator = sums.t + ScaledDD(s) + errors
    guard !denominator.isZero else { return nil }
    return (errors / denominator).double
  }

  /// The values along p at several (alpha, beta, smooth) settings
  /// (``FunctionSpec/settingsLine``): the scaled vectors and T, F, N
  /// formed once per p (``sums(_:_:_:)``), the ratio per setting: for each
  /// setting the bits of ``value(_:_:alpha:beta:smooth:_:)``, NaN where it
  /// is nil.
  static func settingsLine(_ settings: [ParameterValues], _ others: ArgumentValues) -> SettingsLine {
    let y = others.vector("y")
    let weights = settings.map { (alpha: $0["alpha"], beta: $0["beta"], smooth: $0["smooth"]) }
    var work = OverlapLosses.Workspace()
    return { p, values in
      guard p.count == y.count else {
        for k in values.indices { values[k] = .nan }
        return
      }
      let shared = sums(p, y, &work)
      for (k, w) in weights.enumerated() {
        values[k] = value(shared, alpha: w.alpha, beta: w.beta, smooth: w.smooth) ?? .nan
      }
    }
  }

  /// With p' = lambda p, y' = lambda y (lambda = 2^-k a power of two that
  /// brings the largest of p and y near 1, see ``OverlapLosses/Scaled``),
  /// the sums are exact expansions in units of lambda^2 or lambda:
  ///
  /// ```
  /// T = T'' / lambda^2,  T'' = sum p'_i y'_i
  /// F = F' / lambda,     F'  = sum p'_i (1 - y_i)
  /// N = N' / lambda,     N'  = sum (1 - p_i) y'_i
  /// ```
  /// The value L = (alpha F + beta N) / (T + alpha F + beta N + s) is a
  /// ratio of sums of non-negative terms, formed in ``ScaledDD`` (weights
  /// and smoothing from 1e-300 to 1e300 need its exponent). The gradient's
  /// numerator, in units of lambda^2,
  ///
  /// ```
  /// g_i (T'' + lambda^2 s) - y'_i (alpha F' + beta N'),  g_i = alpha (1 - y_i) - beta y_i,
  /// ```
  /// cancels (exactly, for p = y = 1e-300 with alpha = 1, beta = 0) and is
  /// summed exactly over the whole exponent range (``WideExactSum``), then
  /// divided by the denominator squared in ``ScaledDD``.
  ///
  /// - Throws: ``CatalogError`` where T + alpha F + beta N + s = 0.
  static func evaluation(
    _ p: [Double], _ y: [Double], alpha: Double, beta: Double, smooth s: Double, withGradient: Bool = true
  ) throws(CatalogError) -> Evaluation {
    let sc = OverlapLosses.scaled(p, y, smooth: 0)
    let k = -Int(sc.lambda.exponent)
    var hits = ExactSum()  // T''
    var falsePositives = ExactSum()  // F'
    var falseNegatives = ExactSum()  // N'
    for i in p.indices {
      hits.addProduct(sc.p[i], sc.y[i])
      OverlapLosses.addComplementProduct(&falsePositives, sc.p[i], y[i])
      OverlapLosses.addComplementProduct(&falseNegatives, sc.y[i], p[i])
    }
    let t = ScaledDD(hits.doubleDouble, exponent: 2 * k)
    let errors =
      ScaledDD(falsePositives.doubleDouble, exponent: k) * ScaledDD(alpha)
      + ScaledDD(falseNegatives.doubleDouble, exponent: k) * ScaledDD(beta)
    let denominator = t + ScaledDD(s) + errors
    guard !denominator.isZero else {
      throw CatalogError(
        .badArgument,
        "tversky is undefined where T + alpha F + beta N + smooth = 0 (here T = 0, and alpha F, beta N and smooth are all 0): give smooth > 0, or weights and masks (argument p, argument y) with some error or overlap")
    }
    let value = (errors / denominator).double
    guard withGradient else { return Evaluation(value: .scalar(value), gradient: []) }
    let squared = denominator * denominator
    var gradient = [Double](repeating: 0, count: p.count)
    var numerator = WideExactSum()
    for i in p.indices {
      numerator.removeAll()
      let c = OverlapLosses.complement(y[i])
      // g_i (T'' + lambda^2 s): g_i's parts alpha c.hi, alpha c.lo, -beta y_i.
      hits.withPartials { parts in
        for part in parts {
          numerator.addProduct(alpha, c.hi, part)
          numerator.addProduct(alpha, c.lo, part)
          numerator.addProduct(-beta, y[i], part)
        }
      }
      numerator.addProduct(alpha, c.hi, s, exponent: -2 * k)
      numerator.addProduct(alpha, c.lo, s, exponent: -2 * k)
      numerator.addProduct(-beta, y[i], s, exponent: -2 * k)
      // - y'_i (alpha F' + beta N').
      falsePositives.withPartials { parts in for part in parts { numerator.addProduct(-sc.y[i], alpha, part) } }
      falseNegatives.withPartials { parts in for part in parts { numerator.addProduct(-sc.y[i], beta, part) } }
      gradient[i] = (numerator.value.timesPowerOfTwo(2 * k) / squared).double
    }
    return Evaluation(value: .scalar(value), gradient: [NamedTensor("p", .vector(gradient))])
  }
}
