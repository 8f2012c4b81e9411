/// Mean squared logarithmic error, catalog id `msle`: its entry (`spec`: signature, views, declared
/// properties, conventions, references), its documented `formula`, and
/// its stable implementation with the notes on why it is stable.
enum MSLE {
  static let spec = FunctionSpec(
    id: "msle", name: "Mean squared logarithmic error", family: .regressionLoss,
    aliases: ["mean-squared-logarithmic-error"],
    summary: "(log(1 + ŷ) − log(1 + y))²: the squared error of log(1 + ·), so relative rather than absolute misses count; for targets spanning orders of magnitude (counts, prices). Its minimiser is a geometric mean of 1 + y, minus 1.",
    arguments: [
      ArgumentSpec(name: "yhat", domain: aboveMinusOne, summary: "the prediction (> −1)"),
      ArgumentSpec(name: "y", domain: aboveMinusOne, summary: "the target (> −1)"),
    ],
    differentiable: ["yhat"],
    evaluate: FunctionSpec.scalarEvaluator("yhat") { _, a in
      let y = a.real("y")
      return { jet($0, y) }
    },
    views: { _ in
      [
        ScalarView(
          label: "yhat (y = 0)", argument: "yhat", fixed: [("y", .real(0))],
          domain: RealInterval(-1, .infinity, lowerClosed: false), plotRange: -0.9...6,
          declared: DeclaredProperties(
            infimum: RangeBound(0, attained: true), supremum: RangeBound(.infinity, attained: false),
            monotonic: .neither, derivativeMonotonic: .neither, continuity: .cInfinity,
            maxAbsDerivative: .infinity, saturatesLeft: false, saturatesRight: true, convex: false, concave: false,
            nonNegative: true, zeroAtCorrect: .attained, gradientGrowth: .unbounded),
          evaluate: { jet($0, 0) })
      ]
    },
    formula: formula,
    implementationNote: "The difference of logs is one log: delta = log1p((ŷ - y) / (1 + y)) when ŷ ≥ y and -log1p((y - ŷ) / (1 + ŷ)) below, so the argument of log1p is never negative (log1p is well conditioned there) and nothing cancels: at y = 1e8, ŷ = y + 1 the two logs agree to 8 digits and their difference would keep 8. The residual and 1 + y are exact double-doubles, their quotient a double-double; a quotient beyond the Double range goes through a scaled double-double. L = delta^2 and the derivative 2 delta / (1 + ŷ) are rounded once (for a quotient below 2^-500, delta is the quotient itself).",
    conventions: [
      FrameworkConvention(.pytorch, "", "no built-in"),
      FrameworkConvention(.keras, "keras.losses.MeanSquaredLogarithmicError()", "clips both inputs below at an epsilon before log(x + 1), so predictions in (-1, 0) count as 0: at yhat = -0.5, y = 0 it gives {keras.msle.clip.value} (exact {keras.msle.clip.exact})", definitional: ["log(x + 1)", "(-1, 0)", "count as 0", "yhat = -0.5, y = 0"]),
      FrameworkConvention(.optax, "", "no built-in"),
      RegressionLosses.noJaxNN,
    ],
    references: [
      Reference("Hyndman, Koehler, Another look at measures of forecast accuracy, International Journal of Forecasting 22(4)", year: 2006),
      Reference("Keras documentation, keras.losses.MeanSquaredLogarithmicError", year: 2015, url: "https://keras.io/api/losses/regression_losses/"),
    ]
  )

  /// (-1, inf)
  static let aboveMinusOne = ArgumentDomain.interval(lower: -1, lowerInclusive: false, upper: .infinity, upperInclusive: false)

  /// delta = log(1 + yhat) - log(1 + y), named.
  static let delta = Expr.named(
    Symbol("delta_log", latex: "\\Delta", mathml: "<mi mathvariant=\"normal\">Δ</mi>"),
    .log(.n(1) + .yhat) - .log(.n(1) + .y))

  /// The documented formulas: the tree the manual prints and the tests evaluate.
  static let formula = FunctionFormula(
    value: delta.pow(.n(2)),
    derivatives: [("yhat", .n(2) * delta / (.n(1) + .yhat))],
    secondDerivative: .n(2) * (.n(1) - delta) / (.n(1) + .yhat).pow(.n(2)))

  /// delta^2, 2 delta / u, 2 (1 - delta) / u^2 with u = 1 + yhat, v = 1 + y
  /// (exact double-doubles) and delta = log(u / v) from log1p of a
  /// non-negative quotient (see the implementation note): ``fastJet(_:_:)``
  /// where its bounds hold, else ``carefulJet(_:_:)``.
  @Sendable static func jet(_ yhat: Double, _ y: Double) -> Jet {
    fastJet(yhat, y) ?? carefulJet(yhat, y)
  }

  /// The jet with one division per denominator, for u and v in
  /// [2^-60, 2^500] and a quotient q >= 2^-20 (nil otherwise):
  ///
  /// ```
  /// 1/u = ru (1 + eps_u), 1/v = rv (1 + eps_v)   (StableMath.Reciprocal: one division, one fma each)
  /// q = |r| / min(u, v)  as |r| times that reciprocal, to about 2^-104
  /// log1p(q) = log(w) + (w_lo + q_lo) / (1 + q),  w + w_lo = 1 + q_hi exactly (TwoSum)
  /// 1 / (1 + q) = min(u, v) / max(u, v)
  /// ```
  /// The same quotient and first-order log1p correction as the careful
  /// path (which divides double-doubles: two divisions and a double-double
  /// product per quotient, seven divisions a point), from two reciprocals
  /// that the quotient, the correction, f' = 2 delta / u and f'' = 2 (1 -
  /// delta) / u^2 share. glibc's log of w = 1 + q rounded is within half an
  /// ulp of log(w), and the correction is exact to 2^-52 of itself (it is
  /// at most 2^-52 of log1p(q) for q >= 2^-20): delta carries only log's
  /// rounding, as log1p(q_hi) did. (1 - delta) is formed in double-double,
  /// so f'' keeps its digits near delta = 1.
  @inline(__always)
  static func fastJet(_ yhat: Double, _ y: Double) -> Jet? {
    let u = DoubleDouble.twoSum(1, yhat)
    let v = DoubleDouble.twoSum(1, y)
    guard u.hi >= 0x1p-60 && u.hi <= 0x1p500 && v.hi >= 0x1p-60 && v.hi <= 0x1p500 else { return nil }
    let r = StableMath.residual(yhat, y)  // u - v exactly
    let above = r.hi >= 0
    let ru = StableMath.Reciprocal(u)
    let rv = StableMath.Reciprocal(v)
    // q = |r| / min(u, v) >= 0 (unnormalized), and 1 / (1 + q) = min / max.
    let q = (above ? rv : ru).times(DoubleDouble(abs(r.hi), above ? r.lo : -r.lo))
    guard q.hi >= 0x1p-20 else { return nil }
    let shrink = above ? v.hi * ru.r : u.hi * rv.r
    let w = DoubleDouble.twoSum(1, q.hi)
    let d = DoubleDouble.fastTwoSum(log(w.hi), (w.lo + q.lo) * shrink)
    let delta = above ? d : DoubleDouble(-d.hi, -d.lo)
    let value = StableMath.roundedSquare(delta)
    let d1 = ru.timesRounded(DoubleDouble(2 * delta.hi, 2 * delta.lo))
    let oneMinus = DoubleDouble.twoSum(1, -delta.hi) + (-delta.lo)
    let inverse = DoubleDouble(ru.r, ru.r * ru.eps)  // 1/u to about 2^-104
    let d2 = 2 * StableMath.roundedDDProduct(oneMinus, StableMath.looseProduct(inverse, inverse))
    return Jet(value: value, d1: d1, d2: d2)
  }

  /// The jet for every u, v in the domain: double-double quotients, a
  /// series below q = 2^-20, a scaled double-double beyond the Double range.
  @inline(never)
  static func carefulJet(_ yhat: Double, _ y: Double) -> Jet {
    let u = DoubleDouble.twoSum(1, yhat)
    let v = DoubleDouble.twoSum(1, y)
    let r = StableMath.residual(yhat, y)  // u - v exactly: |yhat|, |y| stay far below overflow here
    let above = r.hi >= 0
    // q = |r| / (the smaller of u, v) >= 0, delta = ±log1p(q).
    let q = DoubleDouble(abs(r.hi), above ? r.lo : -r.lo) / (above ? v : u)
    let sign = above ? 1.0 : -1.0
    let d: DoubleDouble
    if q.hi.isFinite && q.hi < 0x1p1000 {
      if q.hi < 0x1p-500 {
        // delta = ±q (1 - q/2 + ...) = ±q to 2^-500: L = q^2 and the
        // derivative 2 delta / u, both from q's double-double.
        let delta = DoubleDouble(sign * q.hi, sign * q.lo)
        let g = DoubleDouble(2 * delta.hi, 2 * delta.lo) / u
        return Jet(value: StableMath.roundedSquare(delta), d1: g.value, d2: 2 * (1 - delta.hi) / u.hi / u.hi)
      }
      if q.hi < 0x1p-20 {
        // log1p(q) = q - q^2/2 + q^3/3 - q^4/4 + ..., q carried as a
        // double-double (the terms from q^5/5 on are below 2^-100 q).
        let t = q.hi
        d = q + t * t * (-0.5 + t * (1.0 / 3 - t * 0.25))
      } else {
        // glibc's log1p of the high part, and the first-order correction
        // for q's low part: d log1p(q) = dq / (1 + q).
        d = DoubleDouble.fastTwoSum(log1p(q.hi), q.lo / (1 + q.hi))
      }
    } else {
      // The quotient beyond the Double range (u or v near 0 against a huge other).
      let big = ScaledDD(DoubleDouble(abs(r.hi), above ? r.lo : -r.lo)) / ScaledDD(above ? v : u)
      d = StableMath.log1pDoubleDouble(big)
    }
    let delta = DoubleDouble(sign * d.hi, sign * d.lo)
    let value = StableMath.roundedSquare(delta)
    let g = DoubleDouble(2 * delta.hi, 2 * delta.lo) / u
    return Jet(value: value, d1: g.value, d2: 2 * (1 - delta.hi) / u.hi / u.hi)
  }
}
