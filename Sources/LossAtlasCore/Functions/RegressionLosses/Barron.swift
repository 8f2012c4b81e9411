/// General robust loss (Barron), catalog id `barron`: its entry (`spec`: signature, views, declared
/// properties, conventions, references), its documented `formula`, and
/// its stable implementation with the notes on why it is stable.
enum Barron {
  static let spec = FunctionSpec(
    id: "barron", name: "General robust loss (Barron)", family: .regressionLoss,
    aliases: ["general-robust", "adaptive-robust"],
    summary: "Barron's one-parameter family of robust losses in x = r / c: α = 2 is the squared error, 1 pseudo-Huber (Charbonnier), 0 Cauchy (Lorentzian), −2 Geman-McClure, −∞ Welsch; lower α discounts outliers more.",
    parameters: [
      ParameterSpec(
        name: "alpha", symbol: "\\alpha", defaultValue: 1, range: .realOrNegativeInfinity,
        grid: [-.infinity, -2, 0, 0.5, 1, 2, 4],
        summary: "shape: the power the loss grows with far out is α (log growth at 0, bounded below 0)"),
      ParameterSpec(
        name: "c", symbol: "c", defaultValue: 1, range: .positive, grid: [1],
        summary: "scale: the width of the quadratic bowl around r = 0"),
    ],
    arguments: [RegressionLosses.predictionArgument, RegressionLosses.targetArgument], differentiable: ["yhat"],
    evaluate: RegressionLosses.residualEvaluator { p in jet(alpha: p["alpha"], c: p["c"]) },
    views: { p in
      let alpha = p["alpha"]
      let c = p["c"]
      return [
        RegressionLosses.residualView(plotRange: -6...6, declared: declared(alpha: alpha, c: c), jet(alpha: alpha, c: c))
      ]
    },
    domain: { p in
      // A loss of r alone: its view's range; convex in yhat iff alpha >= 1.
      let d = declared(alpha: p["alpha"], c: p["c"])
      return RegressionLosses.residualDomain(convex: p["alpha"] >= 1, supremum: d.supremum!)
    },
    formula: formula,
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
      RegressionLosses.noJaxNN,
    ],
    references: [
      Reference("Barron, A General and Adaptive Robust Loss Function, CVPR", year: 2019)
    ],
    figures: FigureHints(
      family: ParameterFamilyFigure(
        parameter: "alpha", values: [-.infinity, -2, 0, 1, 2], derivativeRange: -2...2,
        note: "As in Barron (2019), Fig. 1: α = 2 is L2, α = 1 pseudo-Huber (Charbonnier), α = 0 Cauchy, α = −2 Geman-McClure, α = −∞ Welsch."))
  )

  /// The documented formulas: the tree the manual prints and the tests evaluate.
  static let formula = FunctionFormula(
    value: Barron.cases(
      two: Barron.x.pow(.n(2)) / .n(2),
      zero: .log(Barron.x.pow(.n(2)) / .n(2) + .n(1)),
      minusInfinity: .n(1) - Barron.gauss,
      general: .abs(.alpha - .n(2)) / .alpha * (Barron.base.pow(.alpha / .n(2)) - .n(1))),
    derivatives: [
      (
        "yhat",
        Barron.cases(
          two: .r / c.pow(.n(2)),
          zero: .n(2) * .r / (.r.pow(.n(2)) + .n(2) * c.pow(.n(2))),
          minusInfinity: .r / c.pow(.n(2)) * Barron.gauss,
          general: .r / c.pow(.n(2)) * Barron.base.pow(.alpha / .n(2) - .n(1)))
      )
    ],
    secondDerivative: Barron.cases(
      two: .n(1) / c.pow(.n(2)),
      zero: .n(2) * (.n(2) * c.pow(.n(2)) - .r.pow(.n(2))) / (.r.pow(.n(2)) + .n(2) * c.pow(.n(2))).pow(.n(2)),
      minusInfinity: .n(1) / c.pow(.n(2)) * Barron.gauss * (.n(1) - Barron.x.pow(.n(2))),
      general: .n(1) / c.pow(.n(2)) * Barron.base.pow(.alpha / .n(2) - .n(2))
        * (.n(1) + (.alpha - .n(1)) * Barron.x.pow(.n(2)) / .abs(.alpha - .n(2)))))

  /// The scale c.
  static let c = Expr.symbol(.latin("c"))
  // The pieces: x = r / c, and the limits alpha = 2, 0, -inf as cases.
  static let x = Expr.named(.latin("x"), .r / c)
  /// x^2 / |alpha - 2| + 1
  static let base = x.pow(.n(2)) / .abs(.alpha - .n(2)) + .n(1)
  /// e^(-x^2 / 2)
  static let gauss = Expr.exp(-(x.pow(.n(2)) / .n(2)))

  /// The general formula with its limits at alpha = 2, 0 and -inf.
  static func cases(two: Expr, zero: Expr, minusInfinity: Expr, general: Expr) -> Expr {
    .cases([
      (two, .equal(.alpha, .n(2))),
      (zero, .equal(.alpha, .n(0))),
      (minusInfinity, .equal(.alpha, .n(-.infinity))),
      (general, .otherwise),
    ])
  }

  /// Declared properties of barron's view at (alpha, c).
  static func declared(alpha a: Double, c: Double) -> DeclaredProperties {
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
    return RegressionLosses.residualProperties(
      continuity: .cInfinity, convex: convex, maxAbsDerivative: maxAbs, supremum: supremum,
      saturates: a < 1, gradientGrowth: growth)
  }

  /// Barron's loss, its derivative r/c^2 (1 + s)^(alpha/2 - 1) and second
  /// derivative (1/c^2) (1 + s)^(alpha/2 - 2) (1 + (alpha - 1) s), with
  /// s = x^2 / |alpha - 2|, x = r / c. At r = 0 every alpha gives 0, 0, 1/c^2.
  static func jet(alpha a: Double, c: Double) -> RegressionLosses.ResidualJet {
    let careful = carefulJet(alpha: a, c: c)
    // Fast paths: 2^-500 <= |x| <= 2^100 and 2^-200 <= c <= 2^200 keep x^2,
    // x / c, 1/c^2 and every product below far inside the normal range, so
    // plain double-double arithmetic (no separate exponent) is exact to about
    // 2^-100 before the one final rounding of each component.
    guard c >= 0x1p-200 && c <= 0x1p200 else { return careful }
    let k = FastConstants(c: c)
    switch a {
    case 1: return { yhat, y in fastAlphaOne(yhat, y, k) ?? careful(yhat, y) }
    case 2: return { yhat, y in fastAlphaTwo(yhat, y, k) ?? careful(yhat, y) }
    case -2: return { yhat, y in fastAlphaMinusTwo(yhat, y, k) ?? careful(yhat, y) }
    case 4: return { yhat, y in fastAlphaFour(yhat, y, k) ?? careful(yhat, y) }
    case 0: return { yhat, y in fastAlphaZero(yhat, y, k) ?? careful(yhat, y) }
    case -.infinity: return { yhat, y in fastWelsch(yhat, y, k) ?? careful(yhat, y) }
    default:
      // Any other alpha with 2^-20 <= |alpha| <= 16 and |alpha - 2| >= 2^-20.
      guard let g = GeneralConstants(alpha: a) else { return careful }
      return { yhat, y in fastGeneral(yhat, y, k, g) ?? careful(yhat, y) }
    }
  }

  /// The constants of the general fast path: 1/|alpha - 2| and
  /// |alpha - 2|/alpha in double-double, alpha/2, alpha/2 - 1 and
  /// alpha - 1 exact.
  struct GeneralConstants: Sendable {
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
  static func fastGeneral(
    _ yhat: Double, _ y: Double, _ k: FastConstants, _ g: GeneralConstants
  ) -> Jet? {
    guard let (x, dBase) = fastResidual(yhat, y, k) else { return nil }
    let s = StableMath.looseProduct(square(x, times: 1), g.invB)
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
    let iw = StableMath.reciprocal(w)
    let d2 = StableMath.roundedDDProduct(StableMath.looseProduct(times(ef, k.invC2, k.cIsOne), iw), bend)
    return Jet(value: value, d1: d1, d2: d2)
  }

  /// 1/c and 1/c^2 as double-doubles (c = 1 exact), for the fast paths.
  struct FastConstants: Sendable {
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
  static func fastResidual(_ yhat: Double, _ y: Double, _ k: FastConstants)
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
  static func square(_ x: DoubleDouble, times scale: Double) -> DoubleDouble {
    let s = DoubleDouble.square(x)
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
  static func fastAlphaOne(_ yhat: Double, _ y: Double, _ k: FastConstants) -> Jet? {
    guard let (x, dBase) = fastResidual(yhat, y, k) else { return nil }
    let s = square(x, times: 1)
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
  static func fastAlphaTwo(_ yhat: Double, _ y: Double, _ k: FastConstants) -> Jet? {
    guard let (x, dBase) = fastResidual(yhat, y, k) else { return nil }
    let v = square(x, times: 0.5)
    return Jet(value: v.value, d1: dBase.value, d2: k.invC2.value)
  }

  /// alpha = -2 (Geman-McClure), s = x^2/4, w = 1 + s: 2 s / w,
  /// (x/c) / w^2, (1/c^2) (1 - 3s) / w^3, with 1/w one reciprocal and
  /// 1 - 3s exact (it vanishes at s = 1/3).
  @inline(__always)
  static func fastAlphaMinusTwo(_ yhat: Double, _ y: Double, _ k: FastConstants) -> Jet? {
    guard let (x, dBase) = fastResidual(yhat, y, k) else { return nil }
    let s = square(x, times: 0.25)
    let w = DoubleDouble.twoSum(1, s.hi) + s.lo
    let iw = StableMath.reciprocal(w)
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
  static func fastAlphaFour(_ yhat: Double, _ y: Double, _ k: FastConstants) -> Jet? {
    guard let (x, dBase) = fastResidual(yhat, y, k) else { return nil }
    let s = square(x, times: 0.5)
    let value = StableMath.roundedDDProduct(s, DoubleDouble(0.5 * s.hi, 0.5 * s.lo) + 1.0)
    let d1 = StableMath.roundedDDProduct(dBase, s + 1.0)
    let d2 = k.cIsOne ? (s * 3.0 + 1.0).value : StableMath.roundedDDProduct(s * 3.0 + 1.0, k.invC2)
    return Jet(value: value, d1: d1, d2: d2)
  }

  /// alpha = 0 (Cauchy), s = x^2/2, w = 1 + s: log1p(s) (glibc's log1p of
  /// s.hi plus s.lo / w), (x/c) / w, (1/c^2) (1 - s) / w^2.
  @inline(__always)
  static func fastAlphaZero(_ yhat: Double, _ y: Double, _ k: FastConstants) -> Jet? {
    guard let (x, dBase) = fastResidual(yhat, y, k) else { return nil }
    let s = square(x, times: 0.5)
    let w = DoubleDouble.twoSum(1, s.hi) + s.lo
    let iw = StableMath.reciprocal(w)
    let value = log1p(s.hi) + s.lo * iw.hi
    let d1 = StableMath.roundedDDProduct(dBase, iw)
    let oneMinusS = DoubleDouble.twoSum(1, -s.hi) + (-s.lo)
    let d2 = StableMath.roundedDDProduct(times(iw * iw, k.invC2, k.cIsOne), oneMinusS)
    return Jet(value: value, d1: d1, d2: d2)
  }

  /// alpha = -inf (Welsch), s = x^2/2 <= 300: -expm1(-s), (x/c) e^-s,
  /// (1/c^2) e^-s (1 - 2s), e^-s = exp(-s.hi)(1 - s.lo).
  @inline(__always)
  static func fastWelsch(_ yhat: Double, _ y: Double, _ k: FastConstants) -> Jet? {
    guard let (x, dBase) = fastResidual(yhat, y, k) else { return nil }
    let s = square(x, times: 0.5)
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
  static func carefulJet(alpha a: Double, c: Double) -> RegressionLosses.ResidualJet {
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
    // Beyond |alpha| = 2^500, alpha^2 / 24 (and 1.5 alpha near the top of
    // the range) overflow although every term c_n s^n is tiny: there the
    // series are summed in t = alpha s (|t| < 2^-20 on the series branch)
    // and s, term by term, the same polynomials regrouped.
    let hugeAlpha = abs(a) > 0x1p500
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
        let cv: Double
        let cp: Double
        let cq: Double
        if hugeAlpha {
          let t = a * sd
          cv = (0.25 * t - 0.5 * sd) + (sd * (sd / 3 - 0.25 * t) + t * t / 24)
          cp = (0.5 * t - sd) + (0.5 * t - sd) * (0.5 * t - 2 * sd) / 2
          cq = (1.5 * t - 3 * sd) + (0.5 * t - 2 * sd) * ((0.5 * t - 3 * sd) / 2 + (t - sd))
        } else {
          cv = sd * (c1 + c2 * sd)
          cp = sd * (p1 + p2 * sd)
          cq = sd * (q1 + q2 * sd)
        }
        let value = (x2 * DoubleDouble.fastTwoSum(1, cv)).timesPowerOfTwo(-1).double
        let d1 = (dBase * DoubleDouble.fastTwoSum(1, cp)).double
        return Jet(value: value, d1: d1, d2: invC2d * (1 + cq))
      }
      // L = log(1 + s) to about 2^-66, E = (alpha/2) L exact in double-double;
      // E = ±inf (low part 0, not NaN) where alpha L overflows, so that
      // (1 + s)^(alpha/2) is inf or 0 as the exact value is beyond the range.
      let l = StableMath.log1pDoubleDouble(s)
      let w = ScaledDD.one + s
      let eh = halfA.hi * l.hi
      let e = eh.isFinite ? DoubleDouble.twoProduct(halfA.hi, l.hi) + halfA.hi * l.lo : DoubleDouble(eh, 0)
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
      // (1 + s)^(alpha/2 - 1) = e^F, F = (alpha/2 - 1) L (±inf where it overflows).
      let fh = pD.hi * l.hi
      let pd = StableMath.scaledExp(fh.isFinite ? pD * l : DoubleDouble(fh, 0))
      let d1 = (dBase * pd).double
      let d2 = (invC2 * pd / w * (ScaledDD.one + s * aMinusOne)).double
      return Jet(value: value, d1: d1, d2: d2)
    }
  }
}
