/// Dice loss, catalog id `dice`: its entry (`spec`: signature, views, declared
/// properties, conventions, references), its documented `formula`, and
/// its stable implementation with the notes on why it is stable.
enum Dice {
  static let spec = FunctionSpec(
    id: "dice", name: "Dice loss", family: .overlapLoss, aliases: ["dice-loss", "soft-dice"],
    summary: "1 − (2 I + s) / (P + Y + s) with I = Σ pᵢ yᵢ, P = Σ pᵢ, Y = Σ yᵢ: one minus the (smoothed) Dice coefficient of a predicted and a target mask. The loss of image segmentation (V-Net), insensitive to how much background there is.",
    parameters: [OverlapLosses.smooth(grid: [0, 1])],
    arguments: [OverlapLosses.prediction, OverlapLosses.target], differentiable: ["p"],
    evaluate: { params, args throws(CatalogError) in try evaluate(params, args, withGradient: true) },
    views: { params in
      let s = params["smooth"]
      return OverlapLosses.views { y0 in
        // N = P + Y - 2I and P + Y + s along p = [x, 3/4, 1/4], y = [y0, 1, 0].
        y0 == 1
          ? OverlapLosses.Rational(c0: 1.5, c1: -1, d0: 3 + s, d1: 1)
          : OverlapLosses.Rational(c0: 0.5, c1: 1, d0: 2 + s, d1: 1)
      }
    },
    formula: formula,
    implementationNote: "L is formed as its own ratio (P + Y - 2 I) / (P + Y + s), the numerator the sum of the non-negative terms p_i (1 - y_i) + y_i (1 - p_i), never as 1 - (2 I + s) / (P + Y + s): near a perfect mask (L = 5e-17) the ratio rounds to 1 and the difference to 0. Inputs are scaled by a power of two, sums are exact expansions rounded once, and the gradient's numerator (2 I + s) - 2 y_i (P + Y + s), which cancels wherever y_i is close to half of 1 - L, is exact too. Empty masks (all p = y = 0) give 0 for s > 0 and an error for s = 0.",
    conventions: [
      FrameworkConvention(.pytorch, "", "no built-in"),
      FrameworkConvention(.keras, "keras.losses.Dice()", "no smoothing: 1 - 2 I / (P + Y + epsilon), so two empty masks give {keras.dice.smoothing.at_empty} (the catalog with s = 1: 0)", definitional: ["1 - 2 I / (P + Y + epsilon)", "s = 1: 0"]),
      FrameworkConvention(.optax, "optax.losses.dice_loss(p, y)", "per class, with softmax applied first by default (apply_softmax {optax.dice_loss.conventions.default_apply_softmax}); its smooth s is the catalog's smooth 2 s ({optax.dice_loss.conventions.ulp_error_vs_catalog_smooth_2} ulp apart); computed as 1 - ratio, it returns {optax.dice_loss.conventions.class_0} where the exact loss is {optax.dice_loss.conventions.exact_class_0}", definitional: ["smooth 2 s", "1 - ratio"]),
      FrameworkConvention(.jaxnn, "", "no equivalent (jax.nn holds activations; see optax)"),
    ],
    references: [
      Reference("Dice, Measures of the amount of ecologic association between species, Ecology 26(3)", year: 1945),
      Reference("Milletari, Navab, Ahmadi, V-Net: fully convolutional neural networks for volumetric medical image segmentation, 3DV", year: 2016),
      Reference("Sudre, Li, Vercauteren, Ourselin, Cardoso, Generalised Dice overlap as a deep learning loss function for highly unbalanced segmentations, DLMIA", year: 2017),
    ]
  ).withValue { params, args throws(CatalogError) in try evaluate(params, args, withGradient: false).value.scalarValue }.withValueLine(valueLine)

  // MARK: - Formula

  static let smooth = Expr.symbol(Symbol("smooth", latex: "s", mathml: "<mi>s</mi>"))
  static func sum(_ body: Expr) -> Expr { .sumOver(.l, excluding: nil, body) }
  static let pl = Expr.element(.p, index: .l)
  static let yl = Expr.element(.y, index: .l)
  static let overlap = Expr.named(Symbol("I", latex: "I", mathml: "<mi>I</mi>"), sum(pl * yl))
  static let total = Expr.named(Symbol("P", latex: "P", mathml: "<mi>P</mi>"), sum(pl))
  static let targetTotal = Expr.named(Symbol("Y", latex: "Y", mathml: "<mi>Y</mi>"), sum(yl))
  static let denominator = total + targetTotal + smooth
  static let numerator = .n(2) * overlap + smooth

  /// The documented formulas: the tree the manual prints and the tests evaluate.
  static let formula = FunctionFormula(
    value: .n(1) - numerator / denominator,
    derivatives: [("p", -((.n(2) * .element(.y, index: .j) * denominator - numerator) / denominator.pow(.n(2))))],
    derivativeIndices: [.j])

  // MARK: - Implementation

  /// The entry's evaluator; `withGradient: false` stops at the value (the
  /// value-only path the whole-domain search reads, the same bits).
  static func evaluate(_ params: ParameterValues, _ args: ArgumentValues, withGradient: Bool) throws(CatalogError) -> Evaluation {
    let p = args.vector("p")
    let y = args.vector("y")
    try OverlapLosses.requireSameLength(p, y, id: "dice")
    return try evaluation(p, y, smooth: params["smooth"], withGradient: withGradient)
  }

  /// The value along p with y and smooth read once (``FunctionSpec/valueLine``):
  /// nil where ``evaluate(_:_:withGradient:)`` throws, else its value, from
  /// ``value(_:_:smooth:_:)`` in one workspace reused from call to call.
  static func valueLine(_ params: ParameterValues, _ others: ArgumentValues) -> ValueLine {
    let y = others.vector("y")
    let s = params["smooth"]
    var work = OverlapLosses.Workspace()
    return { p in
      guard p.count == y.count else { return nil }
      return value(p, y, smooth: s, &work)
    }
  }

  /// The value of ``evaluation(_:_:smooth:withGradient:)`` (the same
  /// operations up to the value, the scaled vectors and the sums N' and D'
  /// in `work`), nil where it throws (P + Y + s = 0).
  static func value(_ p: [Double], _ y: [Double], smooth s: Double, _ work: inout OverlapLosses.Workspace) -> Double? {
    let sc = OverlapLosses.scaled(p, y, smooth: s, into: &work.p, &work.y)
    work.first.removeAll()  // N'
    work.second.removeAll()  // D'
    for i in p.indices {
      OverlapLosses.addComplementProduct(&work.first, work.p[i], y[i])
      OverlapLosses.addComplementProduct(&work.first, work.y[i], p[i])
      work.second.add(work.p[i])
      work.second.add(work.y[i])
    }
    work.second.add(sc.smooth)
    guard work.second.sign > 0 else { return nil }
    let d = work.second.doubleDouble(reusing: &work.rest)
    return (work.first.doubleDouble(reusing: &work.rest) / d).value
  }

  /// In units of lambda (see ``OverlapLosses/Scaled``):
  ///
  /// ```
  /// L      = N' / D',  N' = sum p'_i (1 - y_i) + y'_i (1 - p_i) = lambda (P + Y - 2 I)
  ///                    D' = sum p'_i + y'_i + lambda s        = lambda (P + Y + s)
  /// dL/dp_i = (2 I' + lambda^2 s - 2 y'_i D') / D'^2,  I' = sum p'_i y'_i = lambda^2 I
  /// ```
  /// every sum and numerator an exact expansion, rounded once.
  ///
  /// - Throws: ``CatalogError`` where P + Y + s = 0 (empty masks, s = 0).
  static func evaluation(
    _ p: [Double], _ y: [Double], smooth s: Double, withGradient: Bool = true
  ) throws(CatalogError) -> Evaluation {
    let sc = OverlapLosses.scaled(p, y, smooth: s)
    var numerator = ExactSum()
    var denominator = ExactSum()
    var base = ExactSum()  // 2 I' + lambda^2 s
    for i in p.indices {
      OverlapLosses.addComplementProduct(&numerator, sc.p[i], y[i])
      OverlapLosses.addComplementProduct(&numerator, sc.y[i], p[i])
      denominator.add(sc.p[i])
      denominator.add(sc.y[i])
      base.addProduct(2 * sc.p[i], sc.y[i])
    }
    denominator.add(sc.smooth)
    base.add(sc.lambdaSmooth)
    guard denominator.sign > 0 else {
      throw CatalogError(
        .badArgument,
        "dice is undefined where P + Y + smooth = 0: argument p and argument y are all zeros and smooth = 0 (give smooth > 0, or a nonzero mask)")
    }
    let d = denominator.doubleDouble
    let value = (numerator.doubleDouble / d).value
    guard withGradient else { return Evaluation(value: .scalar(value), gradient: []) }
    let dd = d * d
    var gradient = [Double](repeating: 0, count: p.count)
    var t = ExactSum()
    for i in p.indices {
      t.removeAll()
      t.addProduct(base, 1)
      t.addProduct(denominator, -2 * sc.y[i])
      let n = t.doubleDouble
      let q = (n / dd).value
      // Beyond the Double range (empty masks, s = 5e-324: dL/dp_i = 1/s =
      // 2^1074) the double-double division's correction is inf - inf;
      // the leading quotient is then the correctly rounded ±inf.
      gradient[i] = q.isNaN ? n.hi / dd.hi : q
    }
    return Evaluation(value: .scalar(value), gradient: [NamedTensor("p", .vector(gradient))])
  }
}
