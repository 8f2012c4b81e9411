/// Mean absolute percentage error, catalog id `mape`: its entry (`spec`: signature, views, declared
/// properties, conventions, references), its documented `formula`, and
/// its stable implementation with the notes on why it is stable.
enum MAPE {
  static let spec = FunctionSpec(
    id: "mape", name: "Mean absolute percentage error", family: .regressionLoss,
    aliases: ["mean-absolute-percentage-error"],
    summary: "100 |ŷ − y| / |y|: the absolute error as a percentage of the target. Scale-free and easy to read, but undefined at y = 0, huge for targets near 0, and asymmetric (an under-prediction of a positive target costs at most 100).",
    arguments: [
      RegressionLosses.predictionArgument,
      ArgumentSpec(name: "y", domain: .nonZero, summary: "the target (not 0: the error is relative to it)"),
    ],
    differentiable: ["yhat"],
    evaluate: FunctionSpec.scalarEvaluator("yhat") { _, a in
      let y = a.real("y")
      return { jet($0, y) }
    },
    views: { _ in
      [1.0, 0.5].map { y in
        ScalarView(
          label: "yhat (y = \(formatBound(y)))", argument: "yhat", fixed: [("y", .real(y))], plotRange: -1...3,
          breakpoints: [y], declared: declared(target: y), evaluate: { jet($0, y) })
      }
    },
    formula: formula,
    implementationNote: "r = ŷ - y is exact as a double-double, 100 |r| a double-double product and the quotient by |y| rounded once, so the value is correctly rounded for any y, subnormal included (100 / 5e-324 overflows to inf, as the exact value does); residuals whose product with 100 overflows go through a scaled double-double. The derivative 100 sign(r) / |y| is one division, 0 at r = 0 as the catalog says.",
    conventions: [
      FrameworkConvention(.pytorch, "", "no built-in"),
      FrameworkConvention(.keras, "keras.losses.MeanAbsolutePercentageError()", "clips |y| below at an epsilon (1e-7 rounded to float32): at y = 1e-9, yhat = 0 it gives {keras.mape.clip.at_y_1e_9} (exact 100), and at y = 0, outside the catalog's domain, {keras.mape.clip.at_y_0}", definitional: ["float32", "1e-7", "y = 1e-9, yhat = 0", "exact 100", "y = 0"]),
      FrameworkConvention(.optax, "", "no built-in"),
      RegressionLosses.noJaxNN,
    ],
    references: [
      Reference("Hyndman, Koehler, Another look at measures of forecast accuracy, International Journal of Forecasting 22(4)", year: 2006),
      Reference("de Myttenaere, Golden, Le Grand, Rossi, Mean absolute percentage error for regression models, Neurocomputing 192", year: 2016),
    ]
  )

  /// The documented formulas: the tree the manual prints and the tests evaluate.
  static let formula = FunctionFormula(
    value: .n(100) * .abs(.r) / .abs(.y),
    derivatives: [("yhat", .n(100) * .sign(.r) / .abs(.y))],
    secondDerivative: .n(0))

  /// 100 |yhat - 1| for y = 1, 200 |yhat - 1/2| for y = 1/2: V-shaped, the
  /// slope 100 / |y|.
  static func declared(target y: Double) -> DeclaredProperties {
    DeclaredProperties(
      infimum: RangeBound(0, attained: true), supremum: RangeBound(.infinity, attained: false),
      monotonic: .neither, derivativeMonotonic: .increasing, continuity: .c0, maxAbsDerivative: 100 / abs(y),
      saturatesLeft: false, saturatesRight: false, convex: true, concave: false, nonNegative: true,
      zeroAtCorrect: .attained, gradientGrowth: .bounded)
  }

  /// 100 |r| / |y| rounded once, 100 sign(r) / |y|, 0.
  @Sendable static func jet(_ yhat: Double, _ y: Double) -> Jet {
    let ay = abs(y)
    let r = StableMath.residual(yhat, y)
    let slope = 100 / ay
    let d1 = r.hi > 0 ? slope : (r.hi < 0 ? -slope : 0)
    if r.hi.isFinite {
      let a = abs(r.hi)
      let lo = r.hi < 0 ? -r.lo : r.lo
      let hundred = DoubleDouble.twoProduct(a, 100)
      if hundred.hi.isFinite {
        // 100 |r| = hundred + 100 lo exactly enough (100 lo is below an ulp of hi).
        let x = DoubleDouble.fastTwoSum(hundred.hi, hundred.lo.addingProduct(lo, 100))
        let q = StableMath.roundedQuotient(x, ay)
        // A quotient in the normal range is rounded once; below it the
        // correction's own rounding could add a second, so go scaled.
        if q == 0 && x.hi == 0 || q.isInfinite || abs(q) >= 0x1p-1020 {
          return Jet(value: q, d1: d1, d2: 0)
        }
      }
    }
    let value = (StableMath.scaledResidual(yhat, y) * ScaledDD(100) / ScaledDD(ay)).double
    return Jet(value: abs(value), d1: d1, d2: 0)
  }
}
