/// The regression losses of CATALOG.md, in catalog order: prediction yhat,
/// target y, residual r = yhat - y (gaussian-nll adds the variance, and
/// poisson-nll takes a log rate z).
///
/// Every loss forms r exactly as a double-double (`StableMath.residual`):
/// yhat - y rounded is already an error of half an ulp of r, which r^2,
/// log cosh r or a kink decision at |r| = delta would carry on. Residuals
/// whose difference overflows (1e308 - (-1e308)) are halved exactly first.
enum RegressionLosses {
  static let all: [FunctionSpec] = [
    mse, mae, huber, smoothL1, logCosh, quantile, barron, gaussianNLL, poissonNLL,
  ]

  // MARK: - Shared pieces

  static let predictionArgument = ArgumentSpec(name: "yhat", summary: "the prediction")
  static let targetArgument = ArgumentSpec(name: "y", summary: "the target")

  /// A loss of (yhat, y) with its parameters read once.
  typealias ResidualJet = @Sendable (Double, Double) -> Jet

  /// `evaluate` for a loss of (yhat, y): the jet in yhat at the given y.
  static func residualEvaluator(
    _ jet: @escaping @Sendable (ParameterValues) -> ResidualJet
  ) -> @Sendable (ParameterValues, ArgumentValues) throws(CatalogError) -> Evaluation {
    FunctionSpec.scalarEvaluator("yhat") { p, a in
      let f = jet(p)
      let y = a.real("y")
      return { f($0, y) }
    }
  }

  /// The primary view of a loss of (yhat, y): yhat over the real line at y = 0.
  static func residualView(
    plotRange: ClosedRange<Double> = -3...3, breakpoints: [Double] = [], declared: DeclaredProperties,
    _ jet: @escaping ResidualJet
  ) -> ScalarView {
    ScalarView(
      label: "yhat (y = 0)", argument: "yhat", fixed: [("y", .real(0))], plotRange: plotRange,
      breakpoints: breakpoints, declared: declared, evaluate: { jet($0, 0) })
  }

  /// What holds for every regression loss in yhat at y = 0: non-negative,
  /// zero exactly at yhat = y, unbounded above, not concave, neither
  /// increasing nor decreasing, f' non-decreasing (all of them are convex in
  /// yhat except barron with alpha < 1).
  static func residualProperties(
    continuity: Smoothness, convex: Bool = true, maxAbsDerivative: Double? = nil,
    supremum: RangeBound = RangeBound(.infinity, attained: false),
    saturates: Bool = false, gradientGrowth: GradientGrowth
  ) -> DeclaredProperties {
    DeclaredProperties(
      infimum: RangeBound(0, attained: true), supremum: supremum,
      monotonic: .neither, derivativeMonotonic: convex ? .increasing : .neither,
      continuity: continuity, maxAbsDerivative: maxAbsDerivative,
      saturatesLeft: saturates, saturatesRight: saturates, convex: convex, concave: false,
      nonNegative: true, zeroAtCorrect: .attained, gradientGrowth: gradientGrowth)
  }

  static let noJaxNN = FrameworkConvention(
    .jaxnn, "", "no equivalent (jax.nn holds activations; see optax)")

  // MARK: - mse

  static let mse = FunctionSpec(
    id: "mse", name: "Mean squared error (L2)", family: .regressionLoss,
    aliases: ["l2", "squared-error", "mean-squared-error"],
    summary: "The squared residual (yhat - y)^2: the Gaussian maximum-likelihood loss and the default for regression; its gradient grows with the residual, so outliers dominate.",
    arguments: [predictionArgument, targetArgument], differentiable: ["yhat"],
    evaluate: residualEvaluator { _ in mseJet },
    views: { _ in
      [residualView(declared: residualProperties(continuity: .cInfinity, gradientGrowth: .unbounded), mseJet)]
    },
    implementationNote: "r = yhat - y is formed exactly (TwoSum) and r^2 = hi^2 + 2 hi lo rounded once (FMA), so the loss is correctly rounded even where yhat - y itself is not exact.",
    conventions: [
      FrameworkConvention(.pytorch, "torch.nn.MSELoss() / F.mse_loss(yhat, y)", "reduction='mean' averages over elements; the per-element loss is the same r^2"),
      FrameworkConvention(.keras, "keras.losses.MeanSquaredError()", "averages over the last axis; per element the same r^2"),
      FrameworkConvention(.optax, "optax.losses.squared_error(yhat, y)", "squared_error is r^2; optax.losses.l2_loss is r^2 / 2 (half the catalog's value and gradient)"),
      noJaxNN,
    ],
    references: [
      Reference("Goodfellow, Bengio, Courville, Deep Learning, §5.5.1", year: 2016),
      Reference("Gauss, Theoria motus corporum coelestium (least squares)", year: 1809),
    ]
  )

  /// r^2, 2r, 2 with r exact: `square` rounds hi^2 + 2 hi lo once; 2r is
  /// 2 hi exactly (doubling commutes with rounding). A residual beyond the
  /// Double range gives inf, as the exact r^2 and 2r are.
  @Sendable static func mseJet(_ yhat: Double, _ y: Double) -> Jet {
    let r = StableMath.residual(yhat, y)
    guard r.hi.isFinite else { return Jet(value: .infinity, d1: r.hi, d2: 2) }
    return Jet(value: StableMath.roundedSquare(r), d1: 2 * r.hi, d2: 2)
  }

  // MARK: - mae

  static let mae = FunctionSpec(
    id: "mae", name: "Mean absolute error (L1)", family: .regressionLoss,
    aliases: ["l1", "absolute-error", "mean-absolute-error"],
    summary: "The absolute residual |yhat - y|: the Laplace maximum-likelihood loss, minimized by the median; robust to outliers, with a constant-size gradient.",
    arguments: [predictionArgument, targetArgument], differentiable: ["yhat"],
    evaluate: residualEvaluator { _ in maeJet },
    views: { _ in
      [
        residualView(
          breakpoints: [0],
          declared: residualProperties(continuity: .c0, maxAbsDerivative: 1, gradientGrowth: .bounded), maeJet)
      ]
    },
    implementationNote: "|yhat - y| is the rounded difference itself, correctly rounded; the subgradient at r = 0 is 0, as PyTorch's sign.",
    conventions: [
      FrameworkConvention(.pytorch, "torch.nn.L1Loss() / F.l1_loss(yhat, y)", "reduction='mean'; gradient sign(r), 0 at r = 0 (as here)"),
      FrameworkConvention(.keras, "keras.losses.MeanAbsoluteError()", "averages over the last axis; per element the same |r|"),
      FrameworkConvention(.optax, "", "no dedicated loss in optax 0.2.8 (write jnp.abs(yhat - y))"),
      noJaxNN,
    ],
    references: [
      Reference("Goodfellow, Bengio, Courville, Deep Learning, §5.5.1 and §6.2.1.2", year: 2016),
      Reference("Koenker and Bassett, Regression Quantiles, Econometrica 46(1)", year: 1978),
    ]
  )

  /// |r|, sign r (0 at r = 0), 0: the rounded difference is exact enough,
  /// since |hi| = round(|r|).
  @Sendable static func maeJet(_ yhat: Double, _ y: Double) -> Jet {
    let r = yhat - y
    return Jet(value: abs(r), d1: r > 0 ? 1 : (r < 0 ? -1 : 0), d2: 0)
  }

  // MARK: - huber

  static let huber = FunctionSpec(
    id: "huber", name: "Huber loss", family: .regressionLoss, aliases: ["huber-loss"],
    summary: "Quadratic for |r| <= delta and linear beyond: the squared error's efficiency near the fit with the absolute error's robustness to outliers (Huber's M-estimator).",
    parameters: [
      ParameterSpec(
        name: "delta", symbol: "\\delta", defaultValue: 1, range: .positive, grid: [0.5, 1, 2, 4],
        summary: "where the quadratic piece meets the linear one; also the largest |gradient|")
    ],
    arguments: [predictionArgument, targetArgument], differentiable: ["yhat"],
    evaluate: residualEvaluator { p in huberJet(delta: p["delta"]) },
    views: { p in
      let delta = p["delta"]
      return [
        residualView(
          breakpoints: [-delta, delta],
          declared: residualProperties(continuity: .c1, maxAbsDerivative: delta, gradientGrowth: .bounded),
          huberJet(delta: delta))
      ]
    },
    implementationNote: "The piece is chosen on the exact residual hi + lo (|r| <= delta decided without rounding); r^2 / 2 as (hi/2) hi by FMA plus hi lo, and delta (|r| - delta/2) as a double-double product rounded once. The gradient on the quadratic piece is r itself, exact even at r = 1e-300.",
    conventions: [
      FrameworkConvention(.pytorch, "torch.nn.HuberLoss(delta=1.0) / F.huber_loss", "same per-element loss; reduction='mean'. SmoothL1Loss(beta) is this divided by beta"),
      FrameworkConvention(.keras, "keras.losses.Huber(delta=1.0)", "same per-element loss, averaged over the last axis"),
      FrameworkConvention(.optax, "optax.losses.huber_loss(yhat, y, delta=1.0)", "documented as clipping the L2 gradient to [-delta, delta]; its gradient was 0 instead of r for residuals near 1e-15 (measured, optax 0.2.8)"),
      noJaxNN,
    ],
    references: [
      Reference("Huber, Robust Estimation of a Location Parameter, Ann. Math. Statist. 35(1)", year: 1964),
      Reference("Girshick, Fast R-CNN, ICCV", year: 2015),
    ]
  )

  /// r^2/2, r, 1 for |r| <= delta; delta (|r| - delta/2), delta sign r, 0
  /// beyond (the catalog gives the kink |r| = delta to the quadratic piece).
  static func huberJet(delta: Double) -> ResidualJet {
    { yhat, y in
      let r = StableMath.residual(yhat, y)
      if r.hi.isFinite {
        let a = abs(r.hi)
        let lo = r.hi < 0 ? -r.lo : r.lo
        if a < delta || (a == delta && lo <= 0) {
          return Jet(value: StableMath.roundedHalfSquare(r), d1: r.hi, d2: 1)
        }
        let t = DoubleDouble.fastTwoSum(a, -0.5 * delta) + lo
        return Jet(value: StableMath.roundedProduct(t, delta), d1: r.hi > 0 ? delta : -delta, d2: 0)
      }
      // |r| > max >= delta: delta (|r| - delta/2) = 2 delta (|r/2| - delta/4).
      let h = StableMath.halfResidual(yhat, y)
      let t = DoubleDouble.fastTwoSum(abs(h.hi), -0.25 * delta) + (h.hi < 0 ? -h.lo : h.lo)
      return Jet(value: 2 * StableMath.roundedProduct(t, delta), d1: h.hi > 0 ? delta : -delta, d2: 0)
    }
  }

  // MARK: - smooth-l1

  static let smoothL1 = FunctionSpec(
    id: "smooth-l1", name: "Smooth L1 loss", family: .regressionLoss, aliases: ["smoothl1"],
    summary: "r^2 / (2 beta) for |r| < beta and |r| - beta/2 beyond: Huber's loss divided by beta, so the linear part has slope 1 whatever beta is (Fast R-CNN's box regression loss).",
    parameters: [
      ParameterSpec(
        name: "beta", symbol: "\\beta", defaultValue: 1, range: .nonNegative, grid: [0, 0.5, 1, 2],
        summary: "width of the quadratic zone; beta = 0 is the absolute error")
    ],
    arguments: [predictionArgument, targetArgument], differentiable: ["yhat"],
    evaluate: residualEvaluator { p in smoothL1Jet(beta: p["beta"]) },
    views: { p in
      let beta = p["beta"]
      return [
        residualView(
          breakpoints: beta > 0 ? [-beta, beta] : [0],
          declared: residualProperties(
            continuity: beta > 0 ? .c1 : .c0, maxAbsDerivative: 1, gradientGrowth: .bounded),
          smoothL1Jet(beta: beta))
      ]
    },
    implementationNote: "As huber with the piece chosen on the exact residual; r^2 / (2 beta) as a double-double quotient (with an exponent kept apart when r^2 or the quotient would leave the Double range) and r / beta with its FMA remainder.",
    conventions: [
      FrameworkConvention(.pytorch, "torch.nn.SmoothL1Loss(beta=1.0) / F.smooth_l1_loss", "same per-element loss (beta = 0 is L1); equals HuberLoss(delta=beta) / beta, so the two differ by a factor beta"),
      FrameworkConvention(.keras, "", "no equivalent (keras.losses.Huber is beta times this loss)"),
      FrameworkConvention(.optax, "", "no equivalent (optax.losses.huber_loss(delta=beta) / beta)"),
      noJaxNN,
    ],
    references: [
      Reference("Girshick, Fast R-CNN, ICCV", year: 2015),
      Reference("Huber, Robust Estimation of a Location Parameter, Ann. Math. Statist. 35(1)", year: 1964),
    ]
  )

  /// r^2/(2 beta), r/beta, 1/beta for |r| < beta; |r| - beta/2, sign r, 0
  /// for |r| >= beta; beta = 0 is mae (gradient 0 at r = 0).
  static func smoothL1Jet(beta: Double) -> ResidualJet {
    if beta == 0 { return maeJet }
    let twoBeta = 2 * beta
    let invBeta = 1 / beta
    let fast = beta <= 0x1p200
    let scaledTwoBeta = ScaledDD(beta).timesPowerOfTwo(1)
    return { yhat, y in
      let r = StableMath.residual(yhat, y)
      if r.hi.isFinite {
        let a = abs(r.hi)
        let lo = r.hi < 0 ? -r.lo : r.lo
        if a < beta || (a == beta && lo < 0) {
          let value: Double
          if fast && a >= 0x1p-400 {
            let p = DoubleDouble.twoProduct(r.hi, r.hi)
            let sq = DoubleDouble.fastTwoSum(p.hi, p.lo.addingProduct(2 * r.hi, r.lo))
            value = StableMath.roundedQuotient(sq, twoBeta)
          } else {
            let s = ScaledDD(r)
            value = (s * s / scaledTwoBeta).double
          }
          return Jet(value: value, d1: StableMath.roundedQuotient(r, beta), d2: invBeta)
        }
        let t = DoubleDouble.fastTwoSum(a, -0.5 * beta) + lo
        return Jet(value: t.hi + t.lo, d1: r.hi > 0 ? 1 : -1, d2: 0)
      }
      let h = StableMath.halfResidual(yhat, y)
      let t = DoubleDouble.fastTwoSum(abs(h.hi), -0.25 * beta) + (h.hi < 0 ? -h.lo : h.lo)
      return Jet(value: 2 * (t.hi + t.lo), d1: h.hi > 0 ? 1 : -1, d2: 0)
    }
  }

  // MARK: - log-cosh

  static let logCosh = FunctionSpec(
    id: "log-cosh", name: "Log-cosh loss", family: .regressionLoss, aliases: ["logcosh"],
    summary: "log cosh(yhat - y): about r^2 / 2 for small residuals and |r| - log 2 for large ones, a smooth (C-infinity) alternative to Huber with gradient tanh r.",
    arguments: [predictionArgument, targetArgument], differentiable: ["yhat"],
    evaluate: residualEvaluator { _ in logCoshJet },
    views: { _ in
      [
        residualView(
          declared: residualProperties(continuity: .cInfinity, maxAbsDerivative: 1, gradientGrowth: .bounded),
          logCoshJet)
      ]
    },
    naive: NaiveForm(
      valueFormula: "log(cosh(r))", derivativeFormula: "sinh(r) / cosh(r)",
      value: { _ in { r in log(cosh(r)) } },
      derivative: { _ in { r in sinh(r) / cosh(r) } }),
    implementationNote: "|r| >= 0.7: (|r| - log 2) + log1p(e^(-2|r|)), two non-negative terms (never overflows), tanh r = 1 - 2E/(1 + E) with E = e^(-2|r|); 1/16 <= |r| < 0.7: F = e^-|r| and G = e^|r| to about 2^-59 (a table exp in double-double), tanh r = (G - F)/(G + F), log cosh r = log((G + F)/2), or log1p((G - 1)^2 F / 2) below 1/4 so that nothing cancels; below 1/16 the Taylor series to r^14. sech^2 r = 4 E / (1 + E)^2 or 4/(G + F)^2 rather than 1 - tanh^2 r.",
    conventions: [
      FrameworkConvention(.pytorch, "torch.log(torch.cosh(yhat - y)) (no built-in)", "written by hand it overflows to inf for |r| > 710 and is 0 below |r| ~ 1e-8 (cosh rounds to 1)"),
      FrameworkConvention(.keras, "keras.losses.LogCosh()", "averaged over the last axis; computed as r + softplus(-2r) - log 2"),
      FrameworkConvention(.optax, "optax.losses.log_cosh(yhat, y)", "returned 0 for residuals near 1e-9 where the exact value is about 3e-19 (measured, optax 0.2.8)"),
      noJaxNN,
    ],
    references: [
      Reference("Saleh and Saleh, Statistical Properties of the log-cosh Loss Function Used in Machine Learning, arXiv:2208.04564", year: 2022),
      Reference("Goodfellow, Bengio, Courville, Deep Learning, §5.5.1", year: 2016),
    ]
  )

  /// log cosh r, tanh r, sech^2 r with r = hi + lo exact: each piece is
  /// evaluated at |hi| and corrected by its derivative times lo.
  @Sendable static func logCoshJet(_ yhat: Double, _ y: Double) -> Jet {
    let r = StableMath.residual(yhat, y)
    guard r.hi.isFinite else { return logCoshHuge(yhat, y) }
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
      let h = 1 / onePlus.hi
      let rho = 1.0.addingProduct(-onePlus.hi, h) - onePlus.lo * h  // 1 - (1 + E) h
      let p = e2 * h
      let ehLo = (-p).addingProduct(e2, h) + p * rho  // E h = p + ehLo
      let tt = DoubleDouble.fastTwoSum(1, -2 * p)
      t = tt.hi + (tt.lo - 2 * ehLo)
      sech2 = 4 * p * h * (1 + 2 * rho)
      let u = DoubleDouble.twoSum(a, -ScaledDD.ln2.hi)
      value = u.hi + (u.lo + ((l + onePlus.lo * h) - ScaledDD.ln2.lo + t * lo))
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
      let ic = StableMath.ddReciprocal(cosh2)
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
  static func logCoshHuge(_ yhat: Double, _ y: Double) -> Jet {
    let h = StableMath.halfResidual(yhat, y)
    let t = DoubleDouble.fastTwoSum(abs(h.hi), h.hi < 0 ? -h.lo : h.lo)
      - DoubleDouble(0.5 * ScaledDD.ln2.hi, 0.5 * ScaledDD.ln2.lo)
    return Jet(value: 2 * (t.hi + t.lo), d1: h.hi > 0 ? 1 : -1, d2: 0)
  }

  // MARK: - quantile

  static let quantile = FunctionSpec(
    id: "quantile", name: "Quantile (pinball) loss", family: .regressionLoss,
    aliases: ["pinball", "quantile-loss"],
    summary: "With u = y - yhat: tau u for under-prediction and (tau - 1) u for over-prediction; minimized by the tau-quantile of the target, the loss of quantile regression and of prediction intervals.",
    parameters: [
      ParameterSpec(
        name: "tau", symbol: "\\tau", defaultValue: 0.5, range: .unitOpen, grid: [0.1, 0.5, 0.9],
        summary: "the quantile level; tau = 0.5 is half the absolute error")
    ],
    arguments: [predictionArgument, targetArgument], differentiable: ["yhat"],
    evaluate: residualEvaluator { p in quantileJet(tau: p["tau"]) },
    views: { p in
      let tau = p["tau"]
      return [
        residualView(
          breakpoints: [0],
          declared: residualProperties(
            continuity: .c0, maxAbsDerivative: max(tau, 1 - tau), gradientGrowth: .bounded),
          quantileJet(tau: tau))
      ]
    },
    implementationNote: "tau u and (1 - tau) |u| are double-double products of the exact residual with tau and with the exact 1 - tau (TwoSum), each rounded once.",
    conventions: [
      FrameworkConvention(.pytorch, "torch.maximum(tau * u, (tau - 1) * u) (no built-in)", "written by hand; the gradient at the kink u = 0 is whatever the tie rule of the chosen max gives, not necessarily the catalog's 0"),
      FrameworkConvention(.keras, "", "no equivalent in Keras core (TensorFlow Addons had tfa.losses.PinballLoss)"),
      FrameworkConvention(.optax, "jnp.maximum(tau * u, (tau - 1) * u) (no built-in)", "jnp.maximum splits the gradient at ties: 1/2 - tau at u = 0 instead of 0 (measured, JAX 0.10)"),
      noJaxNN,
    ],
    references: [
      Reference("Koenker and Bassett, Regression Quantiles, Econometrica 46(1)", year: 1978)
    ]
  )

  /// tau u, -tau for u = y - yhat > 0; (1 - tau)(-u), 1 - tau for u < 0;
  /// 0, 0 at u = 0; f'' = 0 on both pieces.
  static func quantileJet(tau: Double) -> ResidualJet {
    let oneMinusTau = DoubleDouble.twoSum(1, -tau)
    let oneMinusTauRounded = 1 - tau
    return { yhat, y in
      var r = StableMath.residual(yhat, y)
      var scale = 1.0
      if !r.hi.isFinite {
        r = StableMath.halfResidual(yhat, y)
        scale = 2
      }
      if r.hi == 0 { return Jet(value: 0, d1: 0, d2: 0) }
      if r.hi < 0 {
        return Jet(value: scale * StableMath.roundedProduct(-r, tau), d1: -tau, d2: 0)
      }
      let v = r * oneMinusTau
      return Jet(value: scale * (v.hi + v.lo), d1: oneMinusTauRounded, d2: 0)
    }
  }

  // MARK: - barron

  static let barron = FunctionSpec(
    id: "barron", name: "General robust loss (Barron)", family: .regressionLoss,
    aliases: ["general-robust", "adaptive-robust"],
    summary: "Barron's one-parameter family of robust losses in x = r / c: alpha = 2 is the squared error, 1 pseudo-Huber (Charbonnier), 0 Cauchy (Lorentzian), -2 Geman-McClure, -inf Welsch; lower alpha discounts outliers more.",
    parameters: [
      ParameterSpec(
        name: "alpha", symbol: "\\alpha", defaultValue: 1, range: .realOrNegativeInfinity,
        grid: [-.infinity, -2, 0, 0.5, 1, 2, 4],
        summary: "shape: the power the loss grows with far out is alpha (log growth at 0, bounded below 0)"),
      ParameterSpec(
        name: "c", symbol: "c", defaultValue: 1, range: .positive, grid: [1],
        summary: "scale: the width of the quadratic bowl around r = 0"),
    ],
    arguments: [predictionArgument, targetArgument], differentiable: ["yhat"],
    evaluate: residualEvaluator { p in barronJet(alpha: p["alpha"], c: p["c"]) },
    views: { p in
      let alpha = p["alpha"]
      let c = p["c"]
      return [
        residualView(plotRange: -6...6, declared: barronProperties(alpha: alpha, c: c), barronJet(alpha: alpha, c: c))
      ]
    },
    naive: NaiveForm(
      valueFormula: "abs(alpha - 2) / alpha * (pow((r / c)^2 / abs(alpha - 2) + 1, alpha / 2) - 1)",
      derivativeFormula: "r / c^2 * pow((r / c)^2 / abs(alpha - 2) + 1, alpha / 2 - 1)",
      value: { p in
        let a = p["alpha"]
        let c = p["c"]
        return { r in
          let x = r / c
          return abs(a - 2) / a * (pow(x * x / abs(a - 2) + 1, a / 2) - 1)
        }
      },
      derivative: { p in
        let a = p["alpha"]
        let c = p["c"]
        return { r in r / (c * c) * pow((r / c) * (r / c) / abs(a - 2) + 1, a / 2 - 1) }
      }),
    implementationNote: "x = r / c, x^2 and s = x^2 / |alpha - 2| are carried as double-doubles with a separate exponent. Small s: the series x^2/2 (1 + (alpha/4 - 1/2) s + ...); otherwise L = log1p(s) to about 2^-66 (one Newton step on glibc's log1p with a double-double exp), then |alpha - 2|/alpha expm1(alpha/2 L), or, where (1 + s)^(alpha/2) > e, e^(alpha/2 L) in double-double with its power of two kept apart (exp(alpha/2 log1p(s)) in Double loses hundreds of ulp there); f' = (r/c^2) e^((alpha/2 - 1) L) the same way. The limits alpha = 2, 0, -inf are their own closed forms (x^2/2, log1p(x^2/2), -expm1(-x^2/2)).",
    conventions: [
      FrameworkConvention(.pytorch, "", "no built-in; the author's robust_loss_pytorch package (general.lossfun(x, alpha, scale)) implements it"),
      FrameworkConvention(.keras, "", "no equivalent"),
      FrameworkConvention(.optax, "", "no built-in; the author's JAX code lives in google-research/robust_loss_jax"),
      noJaxNN,
    ],
    references: [
      Reference("Barron, A General and Adaptive Robust Loss Function, CVPR", year: 2019)
    ]
  )

  /// Declared properties of barron's view at (alpha, c).
  static func barronProperties(alpha a: Double, c: Double) -> DeclaredProperties {
    // Far out the loss grows like |x|^alpha (log |x| at 0) and tends to
    // |alpha - 2| / |alpha| below 0 (1 at -inf).
    let supremum: RangeBound
    if a >= 0 {
      supremum = RangeBound(.infinity, attained: false)
    } else if a == -.infinity {
      supremum = RangeBound(1, attained: false)
    } else {
      supremum = RangeBound(abs(a - 2) / abs(a), attained: false)
    }
    // f'' = (1/c^2) (1 + s)^(alpha/2 - 2) (1 + (alpha - 1) s) >= 0 iff alpha >= 1.
    let convex = a >= 1
    // sup |f'|: unbounded for alpha > 1, 1/c at alpha = 1 (not attained);
    // for alpha < 1 attained at s = 1 / (1 - alpha):
    // (1/c) ((2 - alpha)/(1 - alpha))^((alpha - 1)/2), e^(-1/2)/c at -inf.
    let maxAbs: Double?
    let growth: GradientGrowth
    if a > 1 {
      maxAbs = nil
      growth = .unbounded
    } else if a == 1 {
      maxAbs = 1 / c
      growth = .bounded
    } else if a == -.infinity {
      maxAbs = exp(-0.5) / c
      growth = .redescending
    } else {
      maxAbs = pow((2 - a) / (1 - a), (a - 1) / 2) / c
      growth = .redescending
    }
    return residualProperties(
      continuity: .cInfinity, convex: convex, maxAbsDerivative: maxAbs, supremum: supremum,
      saturates: a < 1, gradientGrowth: growth)
  }

  /// Barron's loss, its derivative r/c^2 (1 + s)^(alpha/2 - 1) and second
  /// derivative (1/c^2) (1 + s)^(alpha/2 - 2) (1 + (alpha - 1) s), with
  /// s = x^2 / |alpha - 2|, x = r / c. At r = 0 every alpha gives 0, 0, 1/c^2.
  static func barronJet(alpha a: Double, c: Double) -> ResidualJet {
    let careful = barronCarefulJet(alpha: a, c: c)
    // Fast paths: 2^-500 <= |x| <= 2^100 and 2^-200 <= c <= 2^200 keep x^2,
    // x / c, 1/c^2 and every product below far inside the normal range, so
    // plain double-double arithmetic (no separate exponent) is exact to about
    // 2^-100 before the one final rounding of each component.
    guard c >= 0x1p-200 && c <= 0x1p200 else { return careful }
    let k = BarronFastConstants(c: c)
    switch a {
    case 1: return { yhat, y in barronFastAlphaOne(yhat, y, k) ?? careful(yhat, y) }
    case 2: return { yhat, y in barronFastAlphaTwo(yhat, y, k) ?? careful(yhat, y) }
    case -2: return { yhat, y in barronFastAlphaMinusTwo(yhat, y, k) ?? careful(yhat, y) }
    case 4: return { yhat, y in barronFastAlphaFour(yhat, y, k) ?? careful(yhat, y) }
    case 0: return { yhat, y in barronFastAlphaZero(yhat, y, k) ?? careful(yhat, y) }
    case -.infinity: return { yhat, y in barronFastWelsch(yhat, y, k) ?? careful(yhat, y) }
    default:
      // Any other alpha with 2^-20 <= |alpha| <= 16 and |alpha - 2| >= 2^-20.
      guard let g = BarronGeneralConstants(alpha: a) else { return careful }
      return { yhat, y in barronFastGeneral(yhat, y, k, g) ?? careful(yhat, y) }
    }
  }

  /// The constants of the general fast path: 1/|alpha - 2| and
  /// |alpha - 2|/alpha in double-double, alpha/2, alpha/2 - 1 and
  /// alpha - 1 exact.
  struct BarronGeneralConstants: Sendable {
    let halfAlpha: Double
    let halfAlphaMinusOne: DoubleDouble
    let alphaMinusOne: DoubleDouble
    let invB: DoubleDouble
    let bOverA: DoubleDouble
    init?(alpha a: Double) {
      guard abs(a) >= 0x1p-20 && abs(a) <= 16 && abs(a - 2) >= 0x1p-20 else { return nil }
      let bDD = DoubleDouble.twoSum(a, -2)
      let absB = bDD.hi < 0 ? -bDD : bDD
      halfAlpha = 0.5 * a
      halfAlphaMinusOne = DoubleDouble.twoSum(0.5 * a, -1)
      alphaMinusOne = DoubleDouble.twoSum(a, -1)
      invB = DoubleDouble(1) / absB
      bOverA = absB / DoubleDouble(a)
    }
  }

  /// Any alpha (2^-20 <= |alpha| <= 16): with s = x^2/|alpha - 2| >= 2^-20,
  /// L = log1p(s) (its Taylor series to s^14 below 1/16, else glibc's log
  /// of 1 + s refined by one Newton step with the lean exp: about 2^-59.5
  /// absolute), E = (alpha/2) L and F = (alpha/2 - 1) L exact products,
  /// value = |alpha - 2|/alpha expm1(E) (Taylor to E^11 below 1/16, else
  /// the lean exp minus 1), f' = (x/c) e^F and
  /// f'' = (1/c^2) e^F (1 + (alpha - 1) s)/(1 + s), every exponential
  /// within |E|, |F| <= 200 so that the results stay normal; nil otherwise
  /// (the careful path, which also has the small-s series).
  @inline(__always)
  static func barronFastGeneral(
    _ yhat: Double, _ y: Double, _ k: BarronFastConstants, _ g: BarronGeneralConstants
  ) -> Jet? {
    guard let (x, dBase) = barronFastResidual(yhat, y, k) else { return nil }
    let s = StableMath.looseProduct(barronSquare(x, times: 1), g.invB)
    let sh = s.hi
    guard sh >= 0x1p-20 && sh <= 0x1p200 else { return nil }
    let w = DoubleDouble.twoSum(1, sh) + s.lo  // 1 + s
    let l: DoubleDouble
    if sh < 0.0625 {
      // log1p(s) = s - s^2/2 + ... + s^14/14 (truncation below 2^-60 relative).
      var c = 1.0 / 14
      c = c * sh - 1.0 / 13
      c = c * sh + 1.0 / 12
      c = c * sh - 1.0 / 11
      c = c * sh + 1.0 / 10
      c = c * sh - 1.0 / 9
      c = c * sh + 1.0 / 8
      c = c * sh - 1.0 / 7
      c = c * sh + 1.0 / 6
      c = c * sh - 1.0 / 5
      c = c * sh + 1.0 / 4
      c = c * sh - 1.0 / 3
      c = c * sh + 0.5
      l = DoubleDouble.fastTwoSum(sh, s.lo - (sh * sh) * c)
    } else {
      let l0 = log(w.hi)
      let e = StableMath.expNegativeLean(l0)
      let we = StableMath.looseProduct(w, e)
      l = DoubleDouble.fastTwoSum(l0, (we.hi - 1) + we.lo)
    }
    let e = StableMath.looseProduct(l, g.halfAlpha)
    let f = StableMath.looseProduct(l, g.halfAlphaMinusOne)
    let eh = e.hi
    guard abs(eh) <= 200 && abs(f.hi) <= 200 else { return nil }
    let em1: DoubleDouble
    if abs(eh) < 0.0625 {
      // expm1(E) = E + E^2/2 + ... + E^11/11! (truncation below 2^-65 relative).
      var c = 1.0 / 39_916_800
      c = c * eh + 1.0 / 3_628_800
      c = c * eh + 1.0 / 362_880
      c = c * eh + 1.0 / 40_320
      c = c * eh + 1.0 / 5_040
      c = c * eh + 1.0 / 720
      c = c * eh + 1.0 / 120
      c = c * eh + 1.0 / 24
      c = c * eh + 1.0 / 6
      c = c * eh + 0.5
      em1 = DoubleDouble.fastTwoSum(eh, e.lo.addingProduct(eh * eh, c))
    } else {
      let ee = StableMath.expNegativeLean(-eh)
      let ev = DoubleDouble.fastTwoSum(ee.hi, ee.lo.addingProduct(ee.hi, e.lo))
      em1 = DoubleDouble.twoSum(ev.hi, -1) + ev.lo
    }
    let value = StableMath.roundedDDProduct(em1, g.bOverA)
    let ef0 = StableMath.expNegativeLean(-f.hi)
    let ef = DoubleDouble(ef0.hi, ef0.lo.addingProduct(ef0.hi, f.lo))
    let d1 = StableMath.roundedDDProduct(dBase, ef)
    let am = StableMath.looseProduct(s, g.alphaMinusOne)
    let bend = DoubleDouble.twoSum(1, am.hi) + am.lo
    let iw = StableMath.ddReciprocal(w)
    let d2 = StableMath.roundedDDProduct(StableMath.looseProduct(times(ef, k.invC2, k.cIsOne), iw), bend)
    return Jet(value: value, d1: d1, d2: d2)
  }

  /// 1/c and 1/c^2 as double-doubles (c = 1 exact), for the fast paths.
  struct BarronFastConstants: Sendable {
    let c: Double
    let cIsOne: Bool
    let invC: DoubleDouble
    let invC2: DoubleDouble
    init(c: Double) {
      self.c = c
      cIsOne = c == 1
      invC = DoubleDouble(1) / DoubleDouble(c)
      invC2 = invC * invC
    }
  }

  /// x = r / c as a double-double and x / c = r / c^2, or nil when |x| is
  /// outside 2^-500...2^100 (or r overflows): the caller's careful path.
  @inline(__always)
  static func barronFastResidual(_ yhat: Double, _ y: Double, _ k: BarronFastConstants)
    -> (x: DoubleDouble, dBase: DoubleDouble)?
  {
    let r = StableMath.residual(yhat, y)
    if k.cIsOne {
      let ah = abs(r.hi)
      guard ah >= 0x1p-500 && ah <= 0x1p100 else { return nil }
      return (r, r)
    }
    let xh = r.hi / k.c
    let ah = abs(xh)
    guard ah >= 0x1p-500 && ah <= 0x1p100 else { return nil }
    let xl = (r.hi.addingProduct(-xh, k.c) + r.lo) * k.invC.hi
    let x = DoubleDouble.fastTwoSum(xh, xl)
    return (x, x * k.invC)
  }

  /// x^2 * scale (scale a power of two) as a double-double, x = hi + lo.
  @inline(__always)
  static func barronSquare(_ x: DoubleDouble, times scale: Double) -> DoubleDouble {
    let p = DoubleDouble.twoProduct(x.hi, x.hi)
    let s = DoubleDouble.fastTwoSum(p.hi, p.lo.addingProduct(2 * x.hi, x.lo))
    return DoubleDouble(s.hi * scale, s.lo * scale)
  }

  @inline(__always)
  static func times(_ a: DoubleDouble, _ b: DoubleDouble, _ cIsOne: Bool) -> DoubleDouble {
    cIsOne ? a : a * b
  }

  /// alpha = 1 (pseudo-Huber): sqrt(1 + s) - 1, (x/c) (1 + s)^(-1/2),
  /// (1/c^2) (1 + s)^(-3/2) with s = x^2. sqrt(1 + s) is carried as a
  /// double-double (the FMA residual of the rounded root), so
  /// sqrt(1 + s) - 1 is exact to 2^-100 for s >= 2^-20; below, the series
  /// s/2 - s^2/8 + s^3/16 (the next term is 5 s^4/128 < 2^-83 relative).
  @inline(__always)
  static func barronFastAlphaOne(_ yhat: Double, _ y: Double, _ k: BarronFastConstants) -> Jet? {
    guard let (x, dBase) = barronFastResidual(yhat, y, k) else { return nil }
    let s = barronSquare(x, times: 1)
    let t = DoubleDouble.twoSum(1, s.hi) + s.lo
    let sq = t.hi.squareRoot()
    let inv = 1 / sq
    // sqrt(t) = sq + sqc, 1/sqrt(t) = g.
    let sqc = (t.hi.addingProduct(-sq, sq) + t.lo) * (0.5 * inv)
    // 1/sqrt(t) = gh + gl.
    let gh = inv
    let gl = -inv * ((-1.0).addingProduct(sq, inv) + sqc * inv)
    let value: Double
    if s.hi >= 0x1p-20 {
      // sq - 1 is exact for sq <= 2 (Sterbenz) and rounded once (below
      // 2^-53 of a result >= 1) above.
      value = (sq - 1) + sqc
    } else {
      let sh = s.hi
      value = 0.5 * sh + (0.5 * s.lo + sh * sh * (-0.125 + sh * 0.0625))
    }
    let d1 = StableMath.roundedDDProduct(dBase, DoubleDouble(gh, gl))
    // (gh + gl)^3 = gh^3 (1 + 3 gl/gh) to 2^-104.
    let p2 = gh * gh
    let p3 = p2 * gh
    let e3 = (-p3).addingProduct(p2, gh) + ((-p2).addingProduct(gh, gh) * gh + 3 * p3 * (gl * sq))
    let g3c = p3 + e3
    let d2 = k.cIsOne ? g3c : StableMath.roundedDDProduct(k.invC2, DoubleDouble(g3c))
    return Jet(value: value, d1: d1, d2: d2)
  }

  /// alpha = 2: x^2/2, x/c, 1/c^2.
  @inline(__always)
  static func barronFastAlphaTwo(_ yhat: Double, _ y: Double, _ k: BarronFastConstants) -> Jet? {
    guard let (x, dBase) = barronFastResidual(yhat, y, k) else { return nil }
    let v = barronSquare(x, times: 0.5)
    return Jet(value: v.value, d1: dBase.value, d2: k.invC2.value)
  }

  /// alpha = -2 (Geman-McClure), s = x^2/4, w = 1 + s: 2 s / w,
  /// (x/c) / w^2, (1/c^2) (1 - 3s) / w^3, with 1/w one reciprocal and
  /// 1 - 3s exact (it vanishes at s = 1/3).
  @inline(__always)
  static func barronFastAlphaMinusTwo(_ yhat: Double, _ y: Double, _ k: BarronFastConstants) -> Jet? {
    guard let (x, dBase) = barronFastResidual(yhat, y, k) else { return nil }
    let s = barronSquare(x, times: 0.25)
    let w = DoubleDouble.twoSum(1, s.hi) + s.lo
    let iw = StableMath.ddReciprocal(w)
    let iw2 = iw * iw
    let value = StableMath.roundedDDProduct(DoubleDouble(2 * s.hi, 2 * s.lo), iw)
    let d1 = StableMath.roundedDDProduct(dBase, iw2)
    let three = DoubleDouble.twoProduct(-3, s.hi)
    let bend = (DoubleDouble.twoSum(1, three.hi) + three.lo) + (-3 * s.lo)
    let d2 = StableMath.roundedDDProduct(times(iw2 * iw, k.invC2, k.cIsOne), bend)
    return Jet(value: value, d1: d1, d2: d2)
  }

  /// alpha = 4, s = x^2/2: s (1 + s/2), (x/c)(1 + s), (1/c^2)(1 + 3s).
  @inline(__always)
  static func barronFastAlphaFour(_ yhat: Double, _ y: Double, _ k: BarronFastConstants) -> Jet? {
    guard let (x, dBase) = barronFastResidual(yhat, y, k) else { return nil }
    let s = barronSquare(x, times: 0.5)
    let value = StableMath.roundedDDProduct(s, DoubleDouble(0.5 * s.hi, 0.5 * s.lo) + 1.0)
    let d1 = StableMath.roundedDDProduct(dBase, s + 1.0)
    let d2 = k.cIsOne ? (s * 3.0 + 1.0).value : StableMath.roundedDDProduct(s * 3.0 + 1.0, k.invC2)
    return Jet(value: value, d1: d1, d2: d2)
  }

  /// alpha = 0 (Cauchy), s = x^2/2, w = 1 + s: log1p(s) (glibc's log1p of
  /// s.hi plus s.lo / w), (x/c) / w, (1/c^2) (1 - s) / w^2.
  @inline(__always)
  static func barronFastAlphaZero(_ yhat: Double, _ y: Double, _ k: BarronFastConstants) -> Jet? {
    guard let (x, dBase) = barronFastResidual(yhat, y, k) else { return nil }
    let s = barronSquare(x, times: 0.5)
    let w = DoubleDouble.twoSum(1, s.hi) + s.lo
    let iw = StableMath.ddReciprocal(w)
    let value = log1p(s.hi) + s.lo * iw.hi
    let d1 = StableMath.roundedDDProduct(dBase, iw)
    let oneMinusS = DoubleDouble.twoSum(1, -s.hi) + (-s.lo)
    let d2 = StableMath.roundedDDProduct(times(iw * iw, k.invC2, k.cIsOne), oneMinusS)
    return Jet(value: value, d1: d1, d2: d2)
  }

  /// alpha = -inf (Welsch), s = x^2/2 <= 300: -expm1(-s), (x/c) e^-s,
  /// (1/c^2) e^-s (1 - 2s), e^-s = exp(-s.hi)(1 - s.lo).
  @inline(__always)
  static func barronFastWelsch(_ yhat: Double, _ y: Double, _ k: BarronFastConstants) -> Jet? {
    guard let (x, dBase) = barronFastResidual(yhat, y, k) else { return nil }
    let s = barronSquare(x, times: 0.5)
    guard s.hi <= 300 else { return nil }
    let eh = exp(-s.hi)
    let decay = DoubleDouble.fastTwoSum(eh, -eh * s.lo)
    let value = -expm1(-s.hi) + eh * s.lo
    let d1 = StableMath.roundedDDProduct(dBase, decay)
    let bend = (DoubleDouble.twoSum(1, -2 * s.hi) + (-2 * s.lo))
    let d2 = StableMath.roundedDDProduct(times(decay, k.invC2, k.cIsOne), bend)
    return Jet(value: value, d1: d1, d2: d2)
  }

  /// The careful barron jet for every (alpha, c): ``ScaledDD`` throughout.
  static func barronCarefulJet(alpha a: Double, c: Double) -> ResidualJet {
    let invC = ScaledDD.one / c
    let invC2 = invC * invC
    let invC2d = invC2.double
    if a == 2 {
      return { yhat, y in
        let r = StableMath.scaledResidual(yhat, y)
        let x = r * invC
        return Jet(value: (x * x).timesPowerOfTwo(-1).double, d1: (x * invC).double, d2: invC2d)
      }
    }
    if a == 0 {
      // log(1 + s), (r/c^2) / (1 + s), (1/c^2) (1 - s) / (1 + s)^2 with s = x^2 / 2.
      return { yhat, y in
        let r = StableMath.scaledResidual(yhat, y)
        if r.isZero { return Jet(value: 0, d1: 0, d2: invC2d) }
        let x = r * invC
        let s = (x * x).timesPowerOfTwo(-1)
        let sd = s.double
        let w = ScaledDD.one + s
        let value: Double
        if sd < 0x1p-20 {
          value = (s * DoubleDouble.fastTwoSum(1, sd * (-0.5 + sd / 3))).double
        } else {
          let l = StableMath.log1pDoubleDouble(s)
          value = l.hi + l.lo
        }
        let d1 = (x * invC / w).double
        let d2 = (invC2 * (ScaledDD.one - s) / (w * w)).double
        return Jet(value: value, d1: d1, d2: d2)
      }
    }
    if a == -.infinity {
      // 1 - e^(-s), (r/c^2) e^(-s), (1/c^2) e^(-s) (1 - 2s) with s = x^2 / 2.
      return { yhat, y in
        let r = StableMath.scaledResidual(yhat, y)
        if r.isZero { return Jet(value: 0, d1: 0, d2: invC2d) }
        let x = r * invC
        let s = (x * x).timesPowerOfTwo(-1)
        let sd = s.double
        let value: Double
        let decay: ScaledDD
        if sd < 0x1p-20 {
          value = (s * DoubleDouble.fastTwoSum(1, sd * (-0.5 + sd / 6))).double
          decay = StableMath.scaledExp(-s.doubleDouble)
        } else if sd > 1.0e6 {
          value = 1
          decay = .zero
        } else {
          let t = s.doubleDouble
          value = -expm1(-t.hi) + exp(-t.hi) * t.lo
          decay = StableMath.scaledExp(-t)
        }
        let d1 = (x * invC * decay).double
        let d2 = (invC2 * decay * (ScaledDD.one - s.timesPowerOfTwo(1))).double
        return Jet(value: value, d1: d1, d2: d2)
      }
    }
    let bDD = DoubleDouble.twoSum(a, -2)
    let absB = bDD.hi < 0 ? -bDD : bDD
    let b = ScaledDD(absB)
    let halfA = DoubleDouble(0.5 * a, 0)
    let pD = DoubleDouble.twoSum(0.5 * a, -1)
    let aMinusOne = DoubleDouble.twoSum(a, -1)
    let tinyAlpha = abs(a) < 0x1p-20
    let bOverA = tinyAlpha ? DoubleDouble(0, 0) : absB / DoubleDouble(a, 0)
    let halfB = DoubleDouble(0.5 * absB.hi, 0.5 * absB.lo)
    // Series in s (coefficients from log1p and expm1, see the doc comment).
    let c1 = 0.25 * a - 0.5
    let c2 = 1.0 / 3 - 0.25 * a + a * a / 24
    let p1 = 0.5 * a - 1
    let p2 = p1 * (0.5 * a - 2) / 2
    let q1 = 1.5 * a - 3
    let q2 = (0.5 * a - 2) * ((0.5 * a - 3) / 2 + (a - 1))
    let seriesLimit = 0x1p-20 / max(1, abs(a))
    return { yhat, y in
      let r = StableMath.scaledResidual(yhat, y)
      if r.isZero { return Jet(value: 0, d1: 0, d2: invC2d) }
      let x = r * invC
      let x2 = x * x
      let s = x2 / b
      let dBase = x * invC
      let sd = s.double
      if sd < seriesLimit {
        // V = x^2/2 (1 + c1 s + c2 s^2 + O(s^3)), (1 + s)^(a/2 - 1) = 1 + p1 s + p2 s^2 + ...
        let value = (x2 * DoubleDouble.fastTwoSum(1, sd * (c1 + c2 * sd))).timesPowerOfTwo(-1).double
        let d1 = (dBase * DoubleDouble.fastTwoSum(1, sd * (p1 + p2 * sd))).double
        return Jet(value: value, d1: d1, d2: invC2d * (1 + sd * (q1 + q2 * sd)))
      }
      // L = log(1 + s) to about 2^-66, E = (alpha/2) L exact in double-double.
      let l = StableMath.log1pDoubleDouble(s)
      let w = ScaledDD.one + s
      let e = DoubleDouble.twoProduct(halfA.hi, l.hi) + halfA.hi * l.lo
      let value: Double
      if tinyAlpha {
        // |b|/a expm1(E) = (|b|/2) L expm1(E)/E with |E| < 2^-9: Taylor series of expm1(E)/E.
        let t = e.hi
        let phi = DoubleDouble.fastTwoSum(1, t * (0.5 + t * (1.0 / 6 + t * (1.0 / 24 + t * (1.0 / 120 + t / 720)))))
        let v = (halfB * l) * phi
        value = v.hi + v.lo
      } else if e.hi <= 1 {
        // |b|/a expm1(E): every alpha < 0, and alpha > 0 while (1 + s)^(alpha/2) <= e.
        let em = expm1(e.hi)
        value = (ScaledDD(DoubleDouble.fastTwoSum(em, (1 + em) * e.lo)) * bOverA).double
      } else {
        // (1 + s)^(alpha/2) = e^E > e: |b|/a (e^E - 1), e^E in double-double with its exponent apart.
        value = ((StableMath.scaledExp(e) - .one) * bOverA).double
      }
      // (1 + s)^(alpha/2 - 1) = e^F, F = (alpha/2 - 1) L.
      let pd = StableMath.scaledExp(pD * l)
      let d1 = (dBase * pd).double
      let d2 = (invC2 * pd / w * (ScaledDD.one + s * aMinusOne)).double
      return Jet(value: value, d1: d1, d2: d2)
    }
  }

  // MARK: - gaussian-nll

  static let gaussianNLL = FunctionSpec(
    id: "gaussian-nll", name: "Gaussian negative log-likelihood", family: .regressionLoss,
    aliases: ["gaussian-nll-loss"],
    summary: "(log var + (y - mu)^2 / var) / 2: the negative log-likelihood of a normal distribution whose mean and variance the model both predicts (heteroscedastic regression), without the constant log(2 pi)/2.",
    arguments: [
      ArgumentSpec(name: "yhat", summary: "the predicted mean mu"),
      targetArgument,
      ArgumentSpec(name: "var", domain: .positive, summary: "the predicted variance"),
    ],
    differentiable: ["yhat", "var"],
    evaluate: { _, a in
      let g = gaussianNLLJets(a.real("yhat"), a.real("y"), a.real("var"))
      return Evaluation(
        value: .scalar(g.value),
        gradient: [NamedTensor("yhat", .scalar(g.dMean)), NamedTensor("var", .scalar(g.dVar))],
        secondDerivative: g.d2Mean)
    },
    views: { _ in
      [
        ScalarView(
          label: "yhat (y = 0, var = 1)", argument: "yhat", fixed: [("y", .real(0)), ("var", .real(1))],
          plotRange: -3...3,
          declared: residualProperties(continuity: .cInfinity, gradientGrowth: .unbounded),
          evaluate: { yhat in
            let g = gaussianNLLJets(yhat, 0, 1)
            return Jet(value: g.value, d1: g.dMean, d2: g.d2Mean)
          }),
        ScalarView(
          label: "var (yhat - y = 1)", argument: "var", fixed: [("yhat", .real(1)), ("y", .real(0))],
          domain: RealInterval(0, .infinity, lowerClosed: false), plotRange: 0.05...4,
          declared: DeclaredProperties(
            // (log v + 1/v)/2: minimum 1/2 at v = 1; f'' = (2 - v)/(2 v^3) changes sign at v = 2.
            infimum: RangeBound(0.5, attained: true), supremum: RangeBound(.infinity, attained: false),
            monotonic: .neither, continuity: .cInfinity, saturatesLeft: false, saturatesRight: true,
            convex: false, concave: false, nonNegative: true),
          evaluate: { v in
            let g = gaussianNLLJets(1, 0, v)
            return Jet(value: g.value, d1: g.dVar, d2: g.d2Var)
          }),
      ]
    },
    naive: NaiveForm(
      valueFormula: "0.5 * (log(var) + (yhat - y)^2 / var)", derivativeFormula: "(yhat - y) / var",
      value: { _ in { yhat in 0.5 * (log(1.0) + (yhat - 0) * (yhat - 0) / 1.0) } },
      derivative: { _ in { yhat in (yhat - 0) / 1.0 } }),
    implementationNote: "r^2 / var is a double-double with its own exponent (finite for r = 1e300, var = 1e-300 only if the exact value is), log var = k log 2 + log m from the frexp split, so that log var + r^2/var is summed in double-double; the var gradient as (1 - r^2/var) / (2 var), whose difference is exact there.",
    conventions: [
      FrameworkConvention(.pytorch, "torch.nn.GaussianNLLLoss(full=False, eps=1e-6)", "clamps var at eps = 1e-6 (loss and var gradient off by orders of magnitude for smaller variances, measured PyTorch 2.15); full=False drops log(2 pi)/2 as here; reduction='mean'"),
      FrameworkConvention(.keras, "", "no equivalent (write 0.5 * (log(var) + (y - mu)^2 / var))"),
      FrameworkConvention(.optax, "", "no equivalent in optax 0.2.8 (write it with jnp)"),
      noJaxNN,
    ],
    references: [
      Reference("Nix and Weigend, Estimating the Mean and Variance of the Target Probability Distribution, ICNN", year: 1994),
      Reference("Kendall and Gal, What Uncertainties Do We Need in Bayesian Deep Learning for Computer Vision?, NeurIPS", year: 2017),
    ]
  )

  /// Value, both gradient components and both second derivatives of
  /// gaussian-nll at one point.
  struct GaussianNLLJets {
    var value: Double
    var dMean: Double
    var dVar: Double
    var d2Mean: Double
    var d2Var: Double
  }

  /// (log v + q)/2, r/v, (1 - q)/(2v), 1/v, (2q - 1)/(2 v^2) with q = r^2 / v
  /// carried as a ``ScaledDD`` (no intermediate overflow or underflow) and
  /// log v as a double-double (``StableMath/logDoubleDouble(_:)``).
  @inline(__always)
  static func gaussianNLLJets(_ yhat: Double, _ y: Double, _ v: Double) -> GaussianNLLJets {
    let r = StableMath.residual(yhat, y)
    let ar = abs(r.hi)
    if v >= 0x1p-200 && v <= 0x1p200 && ar <= 0x1p200 && (ar >= 0x1p-200 || ar == 0) {
      return gaussianNLLFast(r, v)
    }
    return gaussianNLLCareful(yhat, y, v)
  }

  /// The jets for 2^-200 <= |r| <= 2^200 (or r = 0) and 2^-200 <= v <= 2^200,
  /// where q = r^2 / v and every intermediate stay far inside the normal
  /// range: 1/v as a double-double (one division and its FMA residual),
  /// q, 1 - q and 2q - 1 in double-double, each component one rounded
  /// product. The value (log v + q)/2 adds glibc's log v to q in
  /// double-double where they do not cancel (the sum at least half of
  /// |log v|); where they cancel by up to 2^6, log v is refined to about
  /// 2^-59 |log v| by one Newton step with ``StableMath/expNegativeLean(_:)``;
  /// beyond, ``StableMath/logDoubleDouble(_:)`` (about 2^-100).
  @inline(__always)
  static func gaussianNLLFast(_ r: DoubleDouble, _ v: Double) -> GaussianNLLJets {
    let ivh = 1 / v
    let iv = DoubleDouble(ivh, 1.0.addingProduct(-v, ivh) * ivh)
    let p = DoubleDouble.twoProduct(r.hi, r.hi)
    let r2 = DoubleDouble(p.hi, p.lo.addingProduct(2 * r.hi, r.lo))
    let q = StableMath.looseProduct(r2, iv)
    let lv = log(v)
    let sum = lv + q.hi
    let value: Double
    if lv == 0 {
      value = 0.5 * (q.hi + q.lo)
    } else if abs(sum) >= 0.5 * abs(lv) {
      // No cancellation: log v's half ulp is at most an ulp of the sum.
      let t = DoubleDouble.twoSum(lv, q.hi) + q.lo
      value = 0.5 * (t.hi + t.lo)
    } else if abs(sum) >= 0x1p-6 * abs(lv) {
      // log v = l0 + (v e^-l0 - 1) to about 2^-59 |log v|, a quarter ulp of the sum.
      let e = StableMath.expNegativeLean(lv)
      let ve = StableMath.looseProduct(e, v)
      let correction = (ve.hi - 1) + ve.lo
      let t = DoubleDouble.twoSum(lv, q.hi) + (q.lo + correction)
      value = 0.5 * (t.hi + t.lo)
    } else {
      // Deep cancellation: log v to about 2^-100.
      let t = StableMath.logDoubleDouble(v) + q
      value = 0.5 * (t.hi + t.lo)
    }
    let dMean = StableMath.roundedDDProduct(r, iv)
    // 1 - q = (v - r^2) / v and 2q - 1 = (2 r^2 - v) / v with the
    // numerators exact (they vanish at q = 1 and q = 1/2).
    let vMinusR2 = (DoubleDouble.twoSum(v, -r2.hi) + (-r2.lo))
    let dVar = 0.5 * StableMath.roundedDDProduct(StableMath.looseProduct(iv, iv), vMinusR2)
    let twoR2MinusV = DoubleDouble.twoSum(2 * r2.hi, -v) + 2 * r2.lo
    let iv3 = StableMath.looseProduct(StableMath.looseProduct(iv, iv), iv)
    let d2Var = 0.5 * StableMath.roundedDDProduct(iv3, twoR2MinusV)
    return GaussianNLLJets(value: value, dMean: dMean, dVar: dVar, d2Mean: ivh, d2Var: d2Var)
  }

  /// The careful jets for any inputs: ``ScaledDD`` throughout.
  static func gaussianNLLCareful(_ yhat: Double, _ y: Double, _ v: Double) -> GaussianNLLJets {
    let r = StableMath.scaledResidual(yhat, y)
    let vs = ScaledDD(v)
    let q = r * r / vs
    let lv = StableMath.logDoubleDouble(v)
    let value: Double
    if q.e > 1024 {
      value = .infinity
    } else if lv.hi == 0 {
      value = q.timesPowerOfTwo(-1).double
    } else {
      let t = q.timesPowerOfTwo(-1).doubleDouble + DoubleDouble(0.5 * lv.hi, 0.5 * lv.lo)
      value = t.hi + t.lo
    }
    let dMean = (r / vs).double
    let dVar = ((ScaledDD.one - q) / vs).timesPowerOfTwo(-1).double
    let d2Var = ((q.timesPowerOfTwo(1) - .one) / (vs * vs)).timesPowerOfTwo(-1).double
    return GaussianNLLJets(value: value, dMean: dMean, dVar: dVar, d2Mean: 1 / v, d2Var: d2Var)
  }

  // MARK: - poisson-nll

  static let poissonNLL = FunctionSpec(
    id: "poisson-nll", name: "Poisson negative log-likelihood", family: .regressionLoss,
    aliases: ["poisson"],
    summary: "e^z - y z for a log rate z and a count y >= 0: the Poisson negative log-likelihood without the log(y!) term, the loss of count regression (a GLM with log link).",
    arguments: [
      ArgumentSpec(name: "z", summary: "the predicted log rate"),
      ArgumentSpec(name: "y", domain: .nonNegative, summary: "the observed count (any real >= 0)"),
    ],
    differentiable: ["z"],
    evaluate: FunctionSpec.scalarEvaluator("z") { _, a in
      let y = a.real("y")
      return { poissonJet($0, y) }
    },
    views: { _ in
      [
        ScalarView(
          label: "z (y = 2)", argument: "z", fixed: [("y", .real(2))], plotRange: -3...3,
          declared: DeclaredProperties(
            // minimum at z = log 2: 2 - 2 log 2 > 0.
            infimum: RangeBound(2 - 2 * log(2.0), attained: true), supremum: RangeBound(.infinity, attained: false),
            monotonic: .neither, derivativeMonotonic: .increasing, continuity: .cInfinity,
            saturatesLeft: false, saturatesRight: false, convex: true, concave: false, nonNegative: true,
            zeroAtCorrect: .never, gradientGrowth: .unbounded),
          evaluate: { poissonJet($0, 2) }),
        ScalarView(
          label: "z (y = 0)", argument: "z", fixed: [("y", .real(0))], plotRange: -3...3,
          declared: DeclaredProperties(
            infimum: RangeBound(0, attained: false), supremum: RangeBound(.infinity, attained: false),
            monotonic: .increasing, derivativeMonotonic: .increasing, continuity: .cInfinity,
            saturatesLeft: true, saturatesRight: false, convex: true, concave: false, nonNegative: true,
            zeroAtCorrect: .limit, gradientGrowth: .unbounded),
          evaluate: { poissonJet($0, 0) }),
      ]
    },
    naive: NaiveForm(
      valueFormula: "exp(z) - y * z", derivativeFormula: "exp(z) - y",
      value: { _ in { z in exp(z) - 2 * z } },
      derivative: { _ in { z in exp(z) - 2 } }),
    implementationNote: "e^z = M 2^k with M a double-double (Cody-Waite reduction, 1 + expm1 of the reduced argument), y z an exact product, and e^z - y z, e^z - y summed in double-double before one rounding: both cancel near their roots (e^z - y at z = log y).",
    conventions: [
      FrameworkConvention(.pytorch, "torch.nn.PoissonNLLLoss(log_input=True, full=False)", "same e^z - y z with log_input=True; full=True adds the Stirling term for log(y!); reduction='mean'"),
      FrameworkConvention(.keras, "keras.losses.Poisson()", "takes the rate itself, not its log: yhat - y log(yhat + eps)"),
      FrameworkConvention(.optax, "", "no equivalent in optax 0.2.8 (write jnp.exp(z) - y * z)"),
      noJaxNN,
    ],
    references: [
      Reference("McCullagh and Nelder, Generalized Linear Models, 2nd ed., ch. 6", year: 1989)
    ]
  )

  /// e^z - y z, e^z - y, e^z.
  @Sendable static func poissonJet(_ z: Double, _ y: Double) -> Jet {
    // Fast path: |z| <= 700 with e^z from the lean exp (about 2^-59) in
    // double-double and y z exact, as long as neither e^z - y nor
    // e^z - y z cancels by more than 2^-4 (then the lean exp's error is a
    // sixteenth of an ulp of the result, and the sum is rounded once).
    if abs(z) <= 700 {
      let e = StableMath.expNegativeLean(-z)
      let yz = DoubleDouble.twoProduct(y, z)
      let g = DoubleDouble.twoSum(e.hi, -y)
      let v = DoubleDouble.twoSum(e.hi, -yz.hi)
      if abs(g.hi) >= 0.0625 * e.hi && abs(v.hi) >= 0.0625 * max(e.hi, abs(yz.hi)) && abs(yz.hi) <= 0x1p1000 {
        return Jet(value: v.hi + (v.lo + (e.lo - yz.lo)), d1: g.hi + (g.lo + e.lo), d2: e.hi + e.lo)
      }
    }
    return poissonCareful(z, y)
  }

  @inline(never)
  static func poissonCareful(_ z: Double, _ y: Double) -> Jet {
    if z > 800 {
      // e^z > max (1 + z) >= y z + max: every component overflows.
      return Jet(value: .infinity, d1: .infinity, d2: .infinity)
    }
    if z < -800 {
      // e^z < 2^-1154: below half the smallest subnormal, so it only decides
      // the sign of zero.
      return Jet(value: -(y * z), d1: -y, d2: 0)
    }
    let (m, k) = StableMath.expMantissaExponent(z)
    // Far from 2^0 the exponent is kept apart: e^z - y z = 2^k (M - (y 2^-k) z), so that
    // neither e^z (k > 1000) nor the low part of M (k < -900, near the subnormals)
    // loses digits before the cancellation. y 2^-k must stay finite.
    let yk = ScaledDD.scale(y, -k)
    if k > 1000 || (k < -900 && yk < 0x1p1000) {
      let v = m - DoubleDouble.twoProduct(yk, z)
      let g = m - yk
      return Jet(
        value: ScaledDD.scale(v.hi + v.lo, k), d1: ScaledDD.scale(g.hi + g.lo, k),
        d2: ScaledDD.scale(m.hi + m.lo, k))
    }
    let ez =
      k >= -1000
      ? DoubleDouble(ScaledDD.scale(m.hi, k), ScaledDD.scale(m.lo, k))
      : DoubleDouble(ScaledDD.scale(m.hi + m.lo, k), 0)
    let yz = DoubleDouble.twoProduct(y, z)
    let value: Double
    if !yz.hi.isFinite {
      value = -yz.hi
    } else {
      let v = ez - yz
      value = v.hi + v.lo
    }
    let g = ez - y
    return Jet(value: value, d1: g.hi + g.lo, d2: ez.hi + ez.lo)
  }
}
