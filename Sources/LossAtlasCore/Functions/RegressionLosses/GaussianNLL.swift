/// Gaussian negative log-likelihood, catalog id `gaussian-nll`: its entry (`spec`: signature, views, declared
/// properties, conventions, references), its documented `formula`, and
/// its stable implementation with the notes on why it is stable.
enum GaussianNLL {
  static let spec = FunctionSpec(
    id: "gaussian-nll", name: "Gaussian negative log-likelihood", family: .regressionLoss,
    aliases: ["gaussian-nll-loss"],
    summary: "(log var + (y − μ)² / var) / 2: the negative log-likelihood of a normal distribution whose mean and variance the model both predicts (heteroscedastic regression), without the constant log(2π)/2.",
    arguments: [
      ArgumentSpec(name: "yhat", summary: "the predicted mean μ"),
      RegressionLosses.targetArgument,
      ArgumentSpec(name: "var", domain: .positive, summary: "the predicted variance"),
    ],
    differentiable: ["yhat", "var"],
    evaluate: { _, a in
      let g = jets(a.real("yhat"), a.real("y"), a.real("var"))
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
          declared: RegressionLosses.residualProperties(continuity: .cInfinity, gradientGrowth: .unbounded),
          evaluate: { yhat in
            let g = jets(yhat, 0, 1)
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
            let g = jets(1, 0, v)
            return Jet(value: g.value, d1: g.dVar, d2: g.d2Var)
          }),
      ]
    },
    domain: { _ in
      // At yhat = y the loss is log(var)/2, which falls without bound as
      // var -> 0 (gaussian-nll(0, 0, 0.1) = -1.15): not non-negative, though
      // every view drawn here is. Convex in yhat (f'' = 1/var) for every y, var.
      DeclaredDomainProperties(
        infimum: RangeBound(-.infinity, attained: false), supremum: RangeBound(.infinity, attained: false),
        nonNegative: false, convex: true)
    },
    formula: formula,
    naive: NaiveForm(
      valueFormula: "0.5 * (log(var) + (yhat - y)^2 / var)", derivativeFormula: "(yhat - y) / var",
      value: { _ in { yhat in 0.5 * (log(1.0) + (yhat - 0) * (yhat - 0) / 1.0) } },
      derivative: { _ in { yhat in (yhat - 0) / 1.0 } }),
    implementationNote: "r^2 / var is a double-double with its own exponent (finite for r = 1e300, var = 1e-300 only if the exact value is), log var = k log 2 + log m from the frexp split, so that log var + r^2/var is summed in double-double; the var gradient as (1 - r^2/var) / (2 var), whose difference is exact there.",
    conventions: [
      FrameworkConvention(.pytorch, "torch.nn.GaussianNLLLoss(full=False, eps=1e-6)", "clamps var at eps = {torch.gaussian_nll_loss.var-clamp.default_eps} without cutting its gradient: at var = 1e-300, mu = y the loss is {torch.gaussian_nll_loss.var-clamp.value} (exact {torch.gaussian_nll_loss.var-clamp.exact_value}) and d/dvar {torch.gaussian_nll_loss.var-clamp.grad_var} (exact {torch.gaussian_nll_loss.var-clamp.exact_grad_var}); full=False drops log(2 pi)/2 as here; reduction='mean'", definitional: ["var = 1e-300", "log(2 pi)/2"]),
      FrameworkConvention(.keras, "", "no equivalent (write 0.5 * (log(var) + (y - mu)^2 / var))", definitional: ["0.5 * (log(var) + (y - mu)^2 / var)"]),
      FrameworkConvention(.optax, "", "no equivalent in optax {versions.optax} (write it with jnp)"),
      RegressionLosses.noJaxNN,
    ],
    references: [
      Reference("Nix and Weigend, Estimating the Mean and Variance of the Target Probability Distribution, ICNN", year: 1994),
      Reference("Kendall and Gal, What Uncertainties Do We Need in Bayesian Deep Learning for Computer Vision?, NeurIPS", year: 2017),
    ]
  ).withLines(
    ViewLines(
      jet: { _, a, axis in
        let (yhat, y, v) = (a.real("yhat"), a.real("y"), a.real("var"))
        switch axis {
        case ViewAxis("yhat"):
          return { x in
            let g = jets(x, y, v)
            return Jet(value: g.value, d1: g.dMean, d2: g.d2Mean)
          }
        case ViewAxis("var"):
          return { x in
            let g = jets(yhat, y, x)
            return Jet(value: g.value, d1: g.dVar, d2: g.d2Var)
          }
        default:
          return nil
        }
      },
      // In yhat the loss depends on yhat - y: its views move with y.
      centre: { a, axis in axis == ViewAxis("yhat") ? a.real("y") : nil }))

  /// The documented formulas: the tree the manual prints and the tests evaluate.
  static let formula = FunctionFormula(
    value: .n(1) / .n(2) * (.log(variance) + (.y - .yhat).pow(.n(2)) / variance),
    derivatives: [
      ("yhat", (.yhat - .y) / variance),
      ("var", .n(1) / (.n(2) * variance) * (.n(1) - (.y - .yhat).pow(.n(2)) / variance)),
    ],
    secondDerivative: .n(1) / variance)

  /// The variance argument, printed sigma^2.
  static let variance = Expr.symbol(Symbol("var", latex: "\\sigma^2", mathml: "<msup><mi>σ</mi><mn>2</mn></msup>"))

  /// Value, both gradient components and both second derivatives of
  /// gaussian-nll at one point.
  struct Jets {
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
  static func jets(_ yhat: Double, _ y: Double, _ v: Double) -> Jets {
    let r = StableMath.residual(yhat, y)
    let ar = abs(r.hi)
    if v >= 0x1p-200 && v <= 0x1p200 && ar <= 0x1p200 && (ar >= 0x1p-200 || ar == 0) {
      return fast(r, v)
    }
    return careful(yhat, y, v)
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
  static func fast(_ r: DoubleDouble, _ v: Double) -> Jets {
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
    return Jets(value: value, dMean: dMean, dVar: dVar, d2Mean: ivh, d2Var: d2Var)
  }

  /// The careful jets for any inputs: ``ScaledDD`` throughout.
  static func careful(_ yhat: Double, _ y: Double, _ v: Double) -> Jets {
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
    return Jets(value: value, dMean: dMean, dVar: dVar, d2Mean: 1 / v, d2Var: d2Var)
  }
}
