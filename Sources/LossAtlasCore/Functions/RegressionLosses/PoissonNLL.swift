/// Poisson negative log-likelihood, catalog id `poisson-nll`: its entry (`spec`: signature, views, declared
/// properties, conventions, references), its documented `formula`, and
/// its stable implementation with the notes on why it is stable.
enum PoissonNLL {
  static let spec = FunctionSpec(
    id: "poisson-nll", name: "Poisson negative log-likelihood", family: .regressionLoss,
    aliases: ["poisson"],
    summary: "exp(z) − y z for a log rate z and a count y ≥ 0: the Poisson negative log-likelihood without the log(y!) term, the loss of count regression (a GLM with log link).",
    arguments: [
      ArgumentSpec(name: "z", summary: "the predicted log rate"),
      ArgumentSpec(name: "y", domain: .nonNegative, summary: "the observed count (any real ≥ 0)"),
    ],
    differentiable: ["z"],
    evaluate: FunctionSpec.scalarEvaluator("z") { _, a in
      let y = a.real("y")
      return { jet($0, y) }
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
          evaluate: { jet($0, 2) }),
        ScalarView(
          label: "z (y = 0)", argument: "z", fixed: [("y", .real(0))], plotRange: -3...3,
          declared: DeclaredProperties(
            infimum: RangeBound(0, attained: false), supremum: RangeBound(.infinity, attained: false),
            monotonic: .increasing, derivativeMonotonic: .increasing, continuity: .cInfinity,
            saturatesLeft: true, saturatesRight: false, convex: true, concave: false, nonNegative: true,
            zeroAtCorrect: .limit, gradientGrowth: .unbounded),
          evaluate: { jet($0, 0) }),
      ]
    },
    domain: { _ in
      // min over z of e^z - y z is y - y ln y (at z = ln y): -13.03 at y = 10,
      // and -> -inf as y grows. Convex in z (f'' = e^z) for every y.
      DeclaredDomainProperties(
        infimum: RangeBound(-.infinity, attained: false), supremum: RangeBound(.infinity, attained: false),
        nonNegative: false, convex: true)
    },
    formula: formula,
    naive: NaiveForm(
      valueFormula: "exp(z) - y * z", derivativeFormula: "exp(z) - y",
      value: { _ in { z in exp(z) - 2 * z } },
      derivative: { _ in { z in exp(z) - 2 } }),
    implementationNote: "e^z = M 2^k with M a double-double (Cody-Waite reduction, 1 + expm1 of the reduced argument), y z an exact product, and e^z - y z, e^z - y summed in double-double before one rounding: both cancel near their roots (e^z - y at z = log y).",
    conventions: [
      FrameworkConvention(.pytorch, "torch.nn.PoissonNLLLoss(log_input=True, full=False)", "same e^z - y z with log_input=True; full=True adds the Stirling term for log(y!); reduction='mean'"),
      FrameworkConvention(.keras, "keras.losses.Poisson()", "takes the rate itself, not its log: yhat - y log(yhat + eps) ({keras.poisson.rate-input.value} at rate 0, y = 1, instead of inf)", definitional: ["rate 0, y = 1"]),
      FrameworkConvention(.optax, "", "no equivalent in optax {versions.optax} (write jnp.exp(z) - y * z)"),
      RegressionLosses.noJaxNN,
    ],
    references: [
      Reference("McCullagh and Nelder, Generalized Linear Models, 2nd ed., ch. 6", year: 1989)
    ]
  )

  /// The documented formulas: the tree the manual prints and the tests evaluate.
  static let formula = FunctionFormula(
    value: .exp(.z) - .y * .z,
    derivatives: [("z", .exp(.z) - .y)],
    secondDerivative: .exp(.z))

  /// e^z - y z, e^z - y, e^z.
  @Sendable static func jet(_ z: Double, _ y: Double) -> Jet {
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
    return careful(z, y)
  }

  @inline(never)
  static func careful(_ z: Double, _ y: Double) -> Jet {
    // A NaN input gives NaN (the fast path sends it here: NaN fails its tests); without this
    // the exponent of e^NaN would be converted to an Int and trap.
    if z.isNaN || y.isNaN { return Jet(value: .nan, d1: .nan, d2: .nan) }
    if z > 800 {
      // e^z > max (1 + z) >= y z + max: every component overflows.
      return Jet(value: .infinity, d1: .infinity, d2: .infinity)
    }
    if z < -800 {
      // e^z < 2^-1154: below half the smallest subnormal, so it only decides
      // the sign of zero: e^z - y z and e^z - y are +0 for y = 0 (0 - y z and
      // 0 - y, not -(y z) and -y, which are -0 there).
      return Jet(value: 0 - y * z, d1: 0 - y, d2: 0)
    }
    let (m, k) = StableMath.expMantissaExponent(z)
    // Far from 2^0 the exponent is kept apart: e^z - y z = 2^k (M - (y 2^-k) z), so that
    // neither e^z (k > 1000) nor the low part of M (k < -900, near the subnormals)
    // loses digits before the cancellation. y 2^-k must stay finite.
    let yk = StableMath.scaleByPowerOfTwo(y, -k)
    if k > 1000 || (k < -900 && yk < 0x1p1000) {
      let v = m - DoubleDouble.twoProduct(yk, z)
      let g = m - yk
      return Jet(
        value: StableMath.scaleByPowerOfTwo(v.hi + v.lo, k), d1: StableMath.scaleByPowerOfTwo(g.hi + g.lo, k),
        d2: StableMath.scaleByPowerOfTwo(m.hi + m.lo, k))
    }
    let ez =
      k >= -1000
      ? DoubleDouble(StableMath.scaleByPowerOfTwo(m.hi, k), StableMath.scaleByPowerOfTwo(m.lo, k))
      : DoubleDouble(StableMath.scaleByPowerOfTwo(m.hi + m.lo, k), 0)
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
