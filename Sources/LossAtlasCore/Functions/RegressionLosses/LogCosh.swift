/// Log-cosh loss, catalog id `log-cosh`: its entry (`spec`: signature, views, declared
/// properties, conventions, references), its documented `formula`, and
/// its stable implementation with the notes on why it is stable.
enum LogCosh {
  static let spec = FunctionSpec(
    id: "log-cosh", name: "Log-cosh loss", family: .regressionLoss, aliases: ["logcosh"],
    summary: "log cosh(ŷ − y): about r² / 2 for small residuals and |r| − log 2 for large ones, a smooth (C∞) alternative to Huber with gradient tanh r.",
    arguments: [RegressionLosses.predictionArgument, RegressionLosses.targetArgument], differentiable: ["yhat"],
    evaluate: RegressionLosses.residualEvaluator { _ in jet },
    views: { _ in
      [
        RegressionLosses.residualView(
          declared: RegressionLosses.residualProperties(continuity: .cInfinity, maxAbsDerivative: 1, gradientGrowth: .bounded),
          jet)
      ]
    },
    domain: { _ in RegressionLosses.residualDomain() },
    formula: formula,
    naive: NaiveForm(
      valueFormula: "log(cosh(r))", derivativeFormula: "sinh(r) / cosh(r)",
      value: { _ in { r in log(cosh(r)) } },
      derivative: { _ in { r in sinh(r) / cosh(r) } }),
    implementationNote: "|r| ≥ 0.7: (|r| - log 2) + log1p(e^(-2|r|)), two non-negative terms (never overflows), tanh r = 1 - 2E/(1 + E) with E = e^(-2|r|); 1/16 ≤ |r| < 0.7: F = e^-|r| and G = e^|r| to about 2^-59 (a table exp in double-double), tanh r = (G - F)/(G + F), log cosh r = log((G + F)/2), or log1p((G - 1)^2 F / 2) below 1/4 so that nothing cancels; below 1/16 the Taylor series to r^14. sech^2 r = 4 E / (1 + E)^2 or 4/(G + F)^2 rather than 1 - tanh^2 r.",
    conventions: [
      FrameworkConvention(.pytorch, "torch.log(torch.cosh(yhat - y)) (no built-in)", "written by hand it overflows to inf from |r| = {torch.log_cosh.by-hand.inf_from} and is exactly 0 up to |r| = {torch.log_cosh.by-hand.zero_up_to} (cosh rounds to 1)", definitional: ["exactly 0", "rounds to 1"]),
      FrameworkConvention(.keras, "keras.losses.LogCosh()", "averaged over the last axis; computed as r + softplus(-2r) - log 2, which cancels for small r: {keras.log_cosh.small.value_at_1e_9} at r = 1e-9 (exact {keras.log_cosh.small.exact_at_1e_9})", definitional: ["softplus(-2r) - log 2", "r = 1e-9"]),
      FrameworkConvention(.optax, "optax.losses.log_cosh(yhat, y)", "logaddexp(r, -r) - log 2 cancels: {optax.log_cosh.small.value_at_1e_9} at r = 1e-9 (exact {optax.log_cosh.small.exact_at_1e_9}), {optax.log_cosh.small.value_at_1e_8} at 1e-8 (exact {optax.log_cosh.small.exact_at_1e_8})", definitional: ["log 2", "r = 1e-9", "at 1e-8"]),
      RegressionLosses.noJaxNN,
    ],
    references: [
      Reference("Saleh and Saleh, Statistical Properties of the log-cosh Loss Function Used in Machine Learning, arXiv:2208.04564", year: 2022),
      Reference("Goodfellow, Bengio, Courville, Deep Learning, §5.5.1", year: 2016),
    ]
  )

  /// The documented formulas: the tree the manual prints and the tests evaluate.
  static let formula = FunctionFormula(
    value: .log(.cosh(.r)),
    derivatives: [("yhat", .tanh(.r))],
    secondDerivative: .n(1) - .tanh(.r).pow(.n(2)))

  /// log cosh r, tanh r, sech^2 r with r = hi + lo exact: each piece is
  /// evaluated at |hi| and corrected by its derivative times lo.
  @Sendable static func jet(_ yhat: Double, _ y: Double) -> Jet {
    let r = StableMath.residual(yhat, y)
    guard r.hi.isFinite else { return jetHuge(yhat, y) }
    let a = abs(r.hi)
    let lo = r.hi < 0 ? -r.lo : r.lo
    let value: Double
    let t: Double
    let sech2: Double
    if a < 0.0625 {
      // Series (the first omitted terms are below 2^-64 relative at a = 1/16):
      // log cosh a = a^2/2 (1 - a^2/6 + 2a^4/45 - 17a^6/1260 + 62a^8/14175
      // - 691a^10/467775 + 21844a^12/42567525), tanh a = a (1 - a^2/3
      // + 2a^4/15 - 17a^6/315 + 62a^8/2835 - 1382a^10/155925
      // + 21844a^12/6081075), sech^2 a = 1 - tanh^2 a (no cancellation).
      let h = 0.5 * a
      let p = h * a
      let err = (-p).addingProduct(h, a)
      let a2 = a * a
      var sv = 21844.0 / 42567525
      sv = sv * a2 - 691.0 / 467775
      sv = sv * a2 + 62.0 / 14175
      sv = sv * a2 - 17.0 / 1260
      sv = sv * a2 + 2.0 / 45
      sv = sv * a2 - 1.0 / 6
      var st = 21844.0 / 6081075
      st = st * a2 - 1382.0 / 155925
      st = st * a2 + 62.0 / 2835
      st = st * a2 - 17.0 / 315
      st = st * a2 + 2.0 / 15
      st = st * a2 - 1.0 / 3
      t = a + a * (a2 * st)
      value = p + (err + t * lo + p * (a2 * sv))
      sech2 = 1.0.addingProduct(-t, t)
    } else if a >= 0.7 {
      // E = e^-2a <= e^-1.4 (glibc's exp, within half an ulp; it moves
      // tanh a by at most half an ulp), h = 1/(1 + E) with 1 + E exact and
      // the reciprocal's residual rho: tanh a = 1 - 2E h with E h exact to
      // 2^-104 (FMA) and 1 - 2Eh by TwoSum, sech^2 a = 4 E h^2,
      // log cosh a = (a - log 2) + log(1 + E), two non-negative terms for
      // a >= log 2 (glibc's log of the rounded 1 + E plus its rounding to
      // first order).
      let e2 = exp(-2 * a)
      let onePlus = DoubleDouble.fastTwoSum(1, e2)
      let l = log(onePlus.hi)
      let reciprocal = StableMath.Reciprocal(onePlus)  // 1/(1 + E) = h (1 + rho)
      let (h, rho) = (reciprocal.r, reciprocal.eps)
      let eh = reciprocal.times(e2)  // E h = p + ehLo
      let (p, ehLo) = (eh.hi, eh.lo)
      let tt = DoubleDouble.fastTwoSum(1, -2 * p)
      t = tt.hi + (tt.lo - 2 * ehLo)
      sech2 = 4 * p * h * (1 + 2 * rho)
      let u = DoubleDouble.twoSum(a, -StableMath.ln2.hi)
      value = u.hi + (u.lo + ((l + onePlus.lo * h) - StableMath.ln2.lo + t * lo))
    } else {
      // 1/16 <= a < 0.7: F = e^-a and G = e^a from the lean exp (about
      // 2^-59.5 each, computed side by side): tanh a = (G - F)/(G + F),
      // sech^2 a = 4/(G + F)^2 with one reciprocal; below 1/4,
      // log cosh a = log1p(w), w = cosh a - 1 = (G - 1)^2 F / 2, and G - F,
      // G - 1 lose at most 1/a <= 16 to cancellation (2^-55.5 relative);
      // log1p(w) as glibc's log of the rounded 1 + w plus its rounding to
      // first order.
      let f = StableMath.expNegativeLean(a)
      let g = StableMath.expNegativeLean(-a)
      let sinh2 = DoubleDouble.twoSum(g.hi, -f.hi) + (g.lo - f.lo)
      let cosh2 = DoubleDouble.twoSum(g.hi, f.hi) + (g.lo + f.lo)
      let ic = StableMath.reciprocal(cosh2)
      t = StableMath.roundedDDProduct(sinh2, ic)
      sech2 = 4 * StableMath.roundedDDProduct(ic, ic)
      if a >= 0.25 {
        // log cosh a = log((G + F)/2) >= 0.03 directly: the 2^-59 of G + F
        // is at most 2^-54 of the result, and the log starts two steps
        // earlier (it ends the longest chain).
        value = log(0.5 * cosh2.hi) + (cosh2.lo * ic.hi + t * lo)
      } else {
        let n = DoubleDouble.fastTwoSum(g.hi, -1) + g.lo
        let w = StableMath.looseProduct(StableMath.looseProduct(n, n), DoubleDouble(0.5 * f.hi, 0.5 * f.lo))
        let c = DoubleDouble.fastTwoSum(1, w.hi) + w.lo
        value = log(c.hi) + (c.lo / c.hi + t * lo)
      }
    }
    let d1 = t + sech2 * lo
    return Jet(value: value, d1: r.hi < 0 ? -d1 : d1, d2: sech2)
  }

  /// |r| > max: |r| - log 2 = 2 (|r/2| - log 2 / 2); tanh = ±1, sech^2 = 0.
  @inline(never)
  static func jetHuge(_ yhat: Double, _ y: Double) -> Jet {
    let h = StableMath.halfResidual(yhat, y)
    let t = DoubleDouble.fastTwoSum(abs(h.hi), h.hi < 0 ? -h.lo : h.lo)
      - DoubleDouble(0.5 * StableMath.ln2.hi, 0.5 * StableMath.ln2.lo)
    return Jet(value: 2 * (t.hi + t.lo), d1: h.hi > 0 ? 1 : -1, d2: 0)
  }
}
