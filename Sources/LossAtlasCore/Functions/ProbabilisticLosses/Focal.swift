/// Focal loss, catalog id `focal`: its entry (`spec`: signature, views, declared
/// properties, conventions, references), its documented `formula`, and
/// its stable implementation with the notes on why it is stable.
enum Focal {
  static let spec = FunctionSpec(
    id: "focal", name: "Focal loss", family: .probabilisticLoss, aliases: ["sigmoid-focal-loss", "focal-loss"],
    summary: "−αₜ (1 − pₜ)ᵞ log pₜ: binary cross-entropy down-weighted by (1 − pₜ)ᵞ on examples that are already classified well, so that training focuses on the hard ones. Introduced for dense object detection (RetinaNet).",
    parameters: [
      ParameterSpec(
        name: "gamma", symbol: "\\gamma", defaultValue: 2, range: .nonNegative, grid: [0, 0.5, 1, 2, 5],
        summary: "focusing exponent; 0 gives α-weighted cross-entropy"),
      ParameterSpec(
        name: "alpha", symbol: "\\alpha", defaultValue: 0.25, range: .unitClosed, grid: [0.25, 0.5],
        summary: "weight of the positive class (1 − α for the negative)"),
    ],
    arguments: [
      ArgumentSpec(name: "z", summary: "the logit (pre-sigmoid score)"),
      ArgumentSpec(name: "y", domain: .labels([0, 1]), summary: "the label, 0 or 1"),
    ],
    differentiable: ["z"],
    evaluate: FunctionSpec.scalarEvaluator("z") { p, a in
      jet(gamma: p["gamma"], alpha: p["alpha"], positive: a.real("y") == 1)
    },
    views: { p in
      let gamma = p["gamma"]
      let alpha = p["alpha"]
      return [
        ScalarView(
          label: "z (y = 1)", argument: "z", fixed: [("y", .real(1))], plotRange: -6...6,
          declared: declared(gamma: gamma, alphaT: alpha, positive: true),
          evaluate: jet(gamma: gamma, alpha: alpha, positive: true)),
        ScalarView(
          label: "z (y = 0)", argument: "z", fixed: [("y", .real(0))], plotRange: -6...6,
          declared: declared(gamma: gamma, alphaT: 1 - alpha, positive: false),
          evaluate: jet(gamma: gamma, alpha: alpha, positive: false)),
      ]
    },
    domain: { p in
      // Tends to 0 as p_t -> 1; convex in z only without the focusing term.
      DeclaredDomainProperties(
        infimum: RangeBound(0, attained: false), supremum: RangeBound(.infinity, attained: false), nonNegative: true,
        convex: p["gamma"] == 0 ? true : nil)
    },
    formula: formula,
    naive: NaiveForm(
      valueFormula: "-alpha (1 - sigma(z))^gamma log sigma(z)",
      derivativeFormula: "alpha gamma (1 - p)^(gamma - 1) p (1 - p) log p - alpha (1 - p)^gamma p (1 - p) / p, p = sigma(z)",
      value: { p in
        let gamma = p["gamma"]
        let alpha = p["alpha"]
        return { z in
          let s = 1 / (1 + exp(-z))
          return -alpha * pow(1 - s, gamma) * log(s)
        }
      },
      derivative: { p in
        let gamma = p["gamma"]
        let alpha = p["alpha"]
        return { z in
          // What autodiff of the naive value computes (torchvision's form).
          let s = 1 / (1 + exp(-z))
          let ds = s * (1 - s)
          let w = pow(1 - s, gamma)
          let dw = -gamma * pow(1 - s, gamma - 1) * ds
          return -alpha * (dw * log(s) + w * ds / s)
        }
      }),
    implementationNote: "In u = z_t: L = alpha_t exp(-gamma softplus(u)) softplus(-u) and -L' = alpha_t sigma(-u)^gamma (gamma sigma(u) softplus(-u) + sigma(-u)), a sum of non-negative terms with no (1 - p_t)^(gamma - 1) (NaN for 0 < gamma < 1 once p_t rounds to 1, as in torchvision from z = {torchvision.sigmoid_focal_loss.nan-grad.nan_from_y1} at y = 1). For |u| ≤ 40 the factors are double-double products from E = e^-|u| to about 2^-59 (a table exp) and glibc's log1p(E), the modulating factor as exact powers for integer gamma; beyond, E is carried to 90 bits as mantissa * 2^n, the modulating factor in log space, and each result is one product of mantissas scaled once, so tiny results (u ≥ 40) keep their digits.",
    conventions: [
      FrameworkConvention(.pytorch, "torchvision.ops.sigmoid_focal_loss(z, y, alpha=0.25, gamma=2)", "computes (1 - p_t)^gamma with p_t from the rounded sigmoid: for 0 < gamma < 1 the gradient is NaN (gamma 0^(gamma - 1) = inf times 0) once p_t rounds to 1: from z = {torchvision.sigmoid_focal_loss.nan-grad.nan_from_y1} (y = 1) and for z ≤ {torchvision.sigmoid_focal_loss.nan-grad.nan_up_to_y0} (y = 0); alpha < 0 disables the weighting", definitional: ["(1 - p_t)", "0 < gamma < 1", "0^(gamma - 1) = inf times 0", "rounds to 1", "y = 1", "y = 0", "alpha < 0"]),
      FrameworkConvention(.keras, "keras.losses.BinaryFocalCrossentropy(apply_class_balancing=True, alpha=0.25, gamma=2, from_logits=True)", "alpha is applied only with apply_class_balancing=True (default {keras.binary_focal_crossentropy.alpha.default_apply_class_balancing}); probability inputs are clipped to [1e-7, 1 - 1e-7], its documented epsilon", definitional: ["[1e-7, 1 - 1e-7]"]),
      FrameworkConvention(.optax, "optax.losses.sigmoid_focal_loss(z, y, alpha=0.25, gamma=2)", "alpha=None (the default) means no alpha weighting, i.e. alpha_t = 1 (within {optax.sigmoid_focal_loss.defaults.unweighted_ulp_error} ulp of it)", definitional: ["alpha_t = 1"]),
      FrameworkConvention(.jaxnn, "", "no equivalent (jax.nn holds activations; see optax)"),
    ],
    references: [
      Reference("Lin, Goyal, Girshick, He, Dollar, Focal loss for dense object detection, ICCV", year: 2017),
    ],
    figures: FigureHints(
      // alpha = 1 makes alpha_t = 1 for y = 1: the catalog's focal loss is then
      // exactly the curves of Lin et al.'s Fig. 1 (any other alpha scales them).
      trueClassProbability: TrueClassProbabilityFigure(
        parameter: "gamma", values: [0, 0.5, 1, 2, 5], fixed: ["alpha": 1], valueNames: [0: "cross-entropy"],
        lossRange: 0...5, title: "Focal loss: γ ∈ {0, 0.5, 1, 2, 5}, α = 1",
        caption: "Focal loss against the probability pₜ of the true class for γ ∈ {0, 0.5, 1, 2, 5}, "
          + "with α = 1 (then α_t = 1 and the curves are those of Lin et al. 2017, Fig. 1; the catalog's default "
          + "α = 0.25 scales every curve by 0.25). pₜ = σ(z) for y = 1, so each point is focal(z = logit pₜ, y = 1).",
        observation: "All curves fall to 0 at pₜ = 1; larger γ flattens them for well-classified examples"))
  )

  /// The documented formulas: the tree the manual prints and the tests evaluate.
  static let formula = FunctionFormula(
    value: -(Focal.alphaT * (.n(1) - Focal.pT).pow(gamma) * .log(Focal.pT)),
    derivatives: [
      (
        "z",
        (.n(2) * .y - .n(1)) * Focal.alphaT * (.n(1) - Focal.pT).pow(gamma)
          * (gamma * Focal.pT * .log(Focal.pT) + Focal.pT - .n(1))
      )
    ],
    secondDerivative: Focal.alphaT * Focal.pT * (.n(1) - Focal.pT).pow(gamma)
      * ((.n(2) * gamma + .n(1)) * (.n(1) - Focal.pT) + gamma * (.n(1) - Focal.pT) * .log(Focal.pT)
        - gamma.pow(.n(2)) * Focal.pT * .log(Focal.pT)))

  /// The focusing parameter gamma.
  static let gamma = Expr.symbol(.greek("gamma", "γ"))
  // The named quantities: p = sigma(z), p_t and alpha_t.
  static let p = Expr.named(.latin("p"), .sigma(.z))
  static let pT = Expr.named(
    Symbol("p_t", latex: "p_t", mathml: "<msub><mi>p</mi><mi>t</mi></msub>"),
    .cases([(p, .equal(.y, .n(1))), (.n(1) - p, .otherwise)]))
  static let alphaT = Expr.named(
    Symbol("alpha_t", latex: "\\alpha_t", mathml: "<msub><mi>α</mi><mi>t</mi></msub>"),
    .cases([(.alpha, .equal(.y, .n(1))), (.n(1) - .alpha, .otherwise)]))

  /// The focal jet in z: u = z for y = 1 and u = -z for y = 0, alpha_t = alpha
  /// or 1 - alpha (formed exactly); dL/dz = ±dL/du.
  static func jet(gamma: Double, alpha: Double, positive: Bool) -> @Sendable (Double) -> Jet {
    let alphaT = positive ? DoubleDouble(alpha) : DoubleDouble.twoSum(1, -alpha)
    // One closure per integer gamma, so that the compiler folds gamma and
    // the power's switch into the fast path.
    switch gammaCase(gamma) {
    case 0:
      if positive {
        return { z in
          fastJet(z, gamma: 0, gammaCase: 0, alphaT: alphaT)
            ?? carefulJet(z, gamma: 0, alphaT: alphaT)
        }
      }
      return { z in
        let j =
          fastJet(-z, gamma: 0, gammaCase: 0, alphaT: alphaT)
          ?? carefulJet(-z, gamma: 0, alphaT: alphaT)
        return Jet(value: j.value, d1: -j.d1, d2: j.d2)
      }
    case 1:
      if positive {
        return { z in
          fastJet(z, gamma: 1, gammaCase: 1, alphaT: alphaT)
            ?? carefulJet(z, gamma: 1, alphaT: alphaT)
        }
      }
      return { z in
        let j =
          fastJet(-z, gamma: 1, gammaCase: 1, alphaT: alphaT)
          ?? carefulJet(-z, gamma: 1, alphaT: alphaT)
        return Jet(value: j.value, d1: -j.d1, d2: j.d2)
      }
    case 2:
      if positive {
        return { z in
          fastJet(z, gamma: 2, gammaCase: 2, alphaT: alphaT)
            ?? carefulJet(z, gamma: 2, alphaT: alphaT)
        }
      }
      return { z in
        let j =
          fastJet(-z, gamma: 2, gammaCase: 2, alphaT: alphaT)
          ?? carefulJet(-z, gamma: 2, alphaT: alphaT)
        return Jet(value: j.value, d1: -j.d1, d2: j.d2)
      }
    case 3:
      if positive {
        return { z in
          fastJet(z, gamma: 3, gammaCase: 3, alphaT: alphaT)
            ?? carefulJet(z, gamma: 3, alphaT: alphaT)
        }
      }
      return { z in
        let j =
          fastJet(-z, gamma: 3, gammaCase: 3, alphaT: alphaT)
          ?? carefulJet(-z, gamma: 3, alphaT: alphaT)
        return Jet(value: j.value, d1: -j.d1, d2: j.d2)
      }
    case 4:
      if positive {
        return { z in
          fastJet(z, gamma: 4, gammaCase: 4, alphaT: alphaT)
            ?? carefulJet(z, gamma: 4, alphaT: alphaT)
        }
      }
      return { z in
        let j =
          fastJet(-z, gamma: 4, gammaCase: 4, alphaT: alphaT)
          ?? carefulJet(-z, gamma: 4, alphaT: alphaT)
        return Jet(value: j.value, d1: -j.d1, d2: j.d2)
      }
    case 5:
      if positive {
        return { z in
          fastJet(z, gamma: 5, gammaCase: 5, alphaT: alphaT)
            ?? carefulJet(z, gamma: 5, alphaT: alphaT)
        }
      }
      return { z in
        let j =
          fastJet(-z, gamma: 5, gammaCase: 5, alphaT: alphaT)
          ?? carefulJet(-z, gamma: 5, alphaT: alphaT)
        return Jet(value: j.value, d1: -j.d1, d2: j.d2)
      }
    default:
      if positive {
        return { z in
          fastJet(z, gamma: gamma, gammaCase: -1, alphaT: alphaT)
            ?? carefulJet(z, gamma: gamma, alphaT: alphaT)
        }
      }
      return { z in
        let j =
          fastJet(-z, gamma: gamma, gammaCase: -1, alphaT: alphaT)
          ?? carefulJet(-z, gamma: gamma, alphaT: alphaT)
        return Jet(value: j.value, d1: -j.d1, d2: j.d2)
      }
    }
  }

  /// The focal loss as a function of u = z_t (u = z for y = 1, -z for
  /// y = 0), with its first two derivatives in u:
  ///
  /// ```
  /// L   = alpha_t sigma(-u)^gamma softplus(-u)
  /// L'  = -alpha_t sigma(-u)^gamma [gamma sigma(u) softplus(-u) + sigma(-u)]
  /// L'' =  alpha_t sigma(-u)^gamma sigma(u)
  ///        [gamma^2 sigma(u) softplus(-u) - gamma sigma(-u) softplus(-u) + (2 gamma + 1) sigma(-u)]
  /// ```
  /// (p_t = sigma(u), -log p_t = softplus(-u), 1 - p_t = sigma(-u).) Both
  /// terms of L' are non-negative, so the gradient never cancels, and no
  /// power gamma - 1 appears: torchvision's gamma (1 - p_t)^(gamma - 1) is
  /// inf * 0 = NaN for 0 < gamma < 1 once p_t rounds to 1.
  ///
  /// Everything is formed from E = e^-|u| carried to 68 bits as
  /// mantissa * 2^n (glibc's half-ulp in E would be equivalent to moving u
  /// by 2^-54, more than an ulp of u for |u| < 1/2, where the input
  /// sensitivity is tiny), and the modulating factor in log space,
  /// sigma(-u)^gamma = exp(-gamma softplus(u)), with softplus(u) in
  /// double-double (a rounded softplus(0) = ln2 would cost gamma ln2 2^-53,
  /// 3.5 ulp-sized relative error at gamma = 5). The second derivative is
  /// formed in double from the same pieces. For u >= 0 the tiny factors E, sigma(-u) and
  /// softplus(-u) = E * log1p(E)/E share E's power of two, so the value and
  /// the gradient are each one product of mantissas scaled once at the end:
  /// e^-720 * e^-30 keeps its digits although e^-720 alone is subnormal.
  /// `alphaT` is alpha or 1 - alpha, formed exactly by the caller.
  @inline(never)
  static func carefulJet(_ u: Double, gamma: Double, alphaT: DoubleDouble) -> Jet {
    let a = abs(u)
    let e = StableMath.expMantissaExponentQuick(DoubleDouble(-a))
    if e.isZero && u >= 0 {
      // E = e^-|u| below e^-50000: every factor of L, L', L'' is below it.
      return Jet(value: 0, d1: -0.0, d2: 0)
    }
    let ev = e.doubleDouble  // E, possibly underflowed (then only used where negligible)
    let h = DoubleDouble(1) / (ev + 1.0)  // 1 / (1 + E)
    // l = log1p(E) = E g, g = log1p(E)/E in [ln2, 1].
    let l: DoubleDouble
    let g: DoubleDouble
    if ev.hi < 0x1p-60 {
      g = DoubleDouble(1) - DoubleDouble(ev.hi * 0.5, ev.lo * 0.5)
      l = ev * g
    } else {
      l = StableMath.log1pDoubleDoubleQuick(ev)
      g = DoubleDouble(1)  // not used: E is normal here
    }
    let hd = h.hi
    if u >= 0 {
      // sigma(-u) = E h, sigma(u) = h, softplus(-u) = E g, softplus(u) = a + l.
      let sp = DoubleDouble.twoSum(a, l.hi) + l.lo
      let modulating = modulatingFactor(gamma: gamma, softplusU: sp)
      if modulating.isZero { return Jet(value: 0, d1: -0.0, d2: 0) }
      let m = modulating * e
      let valueM: StableMath.MantissaExponent
      let gradM: StableMath.MantissaExponent
      if e.exponent > -900 {
        // E normal: L = alpha_t A l, -L' = alpha_t A h (gamma l + E).
        valueM = modulating * (l * alphaT)
        gradM = modulating * (h * (l * gamma + ev) * alphaT)
      } else {
        // E tiny: keep its power of two apart; l = E g.
        valueM = m * (g * alphaT)
        gradM = m * (h * (g * gamma + 1.0) * alphaT)
      }
      // L'' = alpha_t A E h^2 [gamma^2 g - gamma l + 2 gamma + 1]  (in double)
      // = alpha_t A h^2 [gamma^2 l - gamma E l + (2 gamma + 1) E] for a normal E.
      let curv: Double
      if e.exponent > -900 {
        let bracket = gamma * (gamma * l.hi - ev.hi * l.hi) + (2 * gamma + 1) * ev.hi
        curv = StableMath.scaleByPowerOfTwo(modulating.mantissa.hi * (hd * hd * alphaT.hi * bracket), modulating.exponent)
      } else {
        let bracket = gamma * (gamma * g.hi - l.hi) + (2 * gamma + 1)
        curv = StableMath.scaleByPowerOfTwo(m.mantissa.hi * (hd * hd * alphaT.hi * bracket), m.exponent)
      }
      return Jet(value: valueM.value, d1: -gradM.value, d2: curv)
    } else {
      // sigma(-u) = h, sigma(u) = E h, softplus(-u) = a + l, softplus(u) = l.
      let spMinus = DoubleDouble.twoSum(a, l.hi) + l.lo
      let m = modulatingFactor(gamma: gamma, softplusU: l)
      if m.isZero { return Jet(value: 0, d1: -0.0, d2: 0) }
      let valueM = m * (spMinus * alphaT)
      // w = gamma E (a + l), formed as a scaled product (E may be subnormal).
      let w = gamma == 0 ? 0.0 : scaledTimes(e * spMinus, gamma)
      // -L' = alpha_t A h [gamma E (a + l) + 1]
      let gradM = m * (h * DoubleDouble.twoSum(1, w) * alphaT)
      // L'' = alpha_t A E h^2 [gamma (gamma E (a + l) - (a + l)) + 2 gamma + 1]  (in double)
      // E = 0 (|u| > 50000) makes L'' exactly 0 to Double precision; otherwise
      // |u| <= 50000 and the bracket is finite unless gamma > 1e303 (clamped).
      let curv: Double
      if e.isZero {
        curv = 0
      } else {
        let raw = gamma == 0 ? 1.0 : gamma * (w - spMinus.hi) + (2 * gamma + 1)
        let bracket = max(-.greatestFiniteMagnitude, min(.greatestFiniteMagnitude, raw))
        curv = StableMath.scaleByPowerOfTwo(
          m.mantissa.hi * e.mantissa.hi * (hd * hd * alphaT.hi * bracket), m.exponent + e.exponent)
      }
      return Jet(value: valueM.value, d1: -gradM.value, d2: curv)
    }
  }

  /// The focal jet in u for 0 <= |u| <= 40 with gamma (|u| + 1) <= 600 (every
  /// factor and result far inside the normal range), or nil: the caller then
  /// uses ``carefulJet(_:gamma:alphaT:)``.
  ///
  /// The same formulas in lean double-double (products not renormalized,
  /// ``StableMath/looseProduct(_:_:)``): E = e^-|u| from ``StableMath/expNegativeLean(_:)``
  /// (about 2^-59), sigma(|u|) = 1/(1 + E) one reciprocal, log1p(E) as
  /// glibc's log of the rounded 1 + E plus the rounding's first-order term
  /// (within about an ulp of its own), the modulating factor
  /// sigma(-u)^gamma as products for gamma in {0, ..., 5} and glibc's pow
  /// of the high part, corrected for the low part, otherwise. `gammaCase` is
  /// gamma for those integers and -1 for any other gamma (decided once by
  /// the caller). The value and L' carry only the rounding of log1p(E),
  /// (of pow) and their own final rounding: at most about 2 ulp (3 with
  /// pow). L'' has its bracket in double-double for u < 0, where it
  /// vanishes (the inflection), and in double for u >= 0, where its terms
  /// are non-negative.
  @inline(__always)
  static func fastJet(_ u: Double, gamma: Double, gammaCase: Int, alphaT: DoubleDouble) -> Jet? {
    let a = abs(u)
    guard a <= 40 && gamma * (a + 1) <= 600 else { return nil }
    let e = StableMath.expNegativeLean(a)  // E in [e^-40, 1]
    let dh = 1 + e.hi
    let onePlusE = DoubleDouble(dh, (e.hi - (dh - 1)) + e.lo)
    let h = StableMath.reciprocal(onePlusE)  // sigma(|u|)
    let l = LossAtlasCore.log(dh) + onePlusE.lo * h.hi  // log1p(E)
    if gammaCase >= 0 {
      // Integer gamma: the factors as alpha_t E^gamma (formed while 1/(1 + E)
      // is divided) times h^gamma, h^(gamma+1), h^(gamma+2) (formed side by
      // side), so that no output waits on a chain of more than three
      // products after the division.
      let (hg, hg1, hg2) = powersOfH(h, gammaCase)
      if u >= 0 {
        let ae = StableMath.looseProduct(power(e, gamma, gammaCase), alphaT)
        let value = StableMath.roundedDDProduct(StableMath.looseProduct(ae, hg), DoubleDouble(l))
        let gl = DoubleDouble.twoProduct(gamma, l)
        let b1 = DoubleDouble.twoSum(gl.hi, e.hi) + (gl.lo + e.lo)
        let d1 = -StableMath.roundedDDProduct(StableMath.looseProduct(ae, hg1), b1)
        let b2 = (gamma * l) * (gamma - e.hi) + (2 * gamma + 1) * e.hi
        let d2 = StableMath.roundedDDProduct(StableMath.looseProduct(ae, hg2), DoubleDouble(b2))
        return Jet(value: value, d1: d1, d2: d2)
      }
      let w = DoubleDouble.twoSum(a, l)
      let value = StableMath.roundedDDProduct(StableMath.looseProduct(alphaT, hg), w)
      let ge = StableMath.looseProduct(e, gamma)
      let gew = StableMath.looseProduct(ge, w)
      let b1 = DoubleDouble.twoSum(1, gew.hi) + gew.lo
      let d1 = -StableMath.roundedDDProduct(StableMath.looseProduct(alphaT, hg1), b1)
      let t = DoubleDouble.twoSum(ge.hi, -1) + ge.lo
      let wt = StableMath.looseProduct(StableMath.looseProduct(w, t), gamma)
      let b2 = DoubleDouble.twoSum(wt.hi, 2 * gamma + 1) + wt.lo
      let d2 = StableMath.roundedDDProduct(StableMath.looseProduct(StableMath.looseProduct(alphaT, e), hg2), b2)
      return Jet(value: value, d1: d1, d2: d2)
    }
    if u >= 0 {
      // sigma(-u) = E h, sigma(u) = h, softplus(-u) = l.
      let q = StableMath.looseProduct(power(StableMath.looseProduct(e, h), gamma, gammaCase), alphaT)
      let value = StableMath.roundedDDProduct(q, DoubleDouble(l))
      // -L' = Q h (gamma l + E)
      let gl = DoubleDouble.twoProduct(gamma, l)
      let b1 = DoubleDouble.twoSum(gl.hi, e.hi) + (gl.lo + e.lo)
      let qh = StableMath.looseProduct(q, h)
      let d1 = -StableMath.roundedDDProduct(qh, b1)
      // L'' = Q h^2 [gamma l (gamma - E) + (2 gamma + 1) E], every term >= 0
      // but gamma l (gamma - E), which is then small against the last.
      let b2 = (gamma * l) * (gamma - e.hi) + (2 * gamma + 1) * e.hi
      let d2 = StableMath.roundedDDProduct(StableMath.looseProduct(qh, h), DoubleDouble(b2))
      return Jet(value: value, d1: d1, d2: d2)
    }
    // sigma(-u) = h, sigma(u) = E h, softplus(-u) = a + l, softplus(u) = l.
    let q = StableMath.looseProduct(power(h, gamma, gammaCase), alphaT)
    let w = DoubleDouble.twoSum(a, l)
    let value = StableMath.roundedDDProduct(q, w)
    // -L' = Q h [gamma E (a + l) + 1]
    let ge = StableMath.looseProduct(e, gamma)
    let gew = StableMath.looseProduct(ge, w)
    let b1 = DoubleDouble.twoSum(1, gew.hi) + gew.lo
    let qh = StableMath.looseProduct(q, h)
    let d1 = -StableMath.roundedDDProduct(qh, b1)
    // L'' = Q E h^2 [gamma (a + l)(gamma E - 1) + 2 gamma + 1]
    let t = DoubleDouble.twoSum(ge.hi, -1) + ge.lo
    let wt = StableMath.looseProduct(StableMath.looseProduct(w, t), gamma)
    let b2 = DoubleDouble.twoSum(wt.hi, 2 * gamma + 1) + wt.lo
    let d2 = StableMath.roundedDDProduct(StableMath.looseProduct(qh, StableMath.looseProduct(e, h)), b2)
    return Jet(value: value, d1: d1, d2: d2)
  }

  /// x^gamma for a double-double x in (0, 1]: exact products for the small
  /// integers, pow(x.hi, gamma) (1 + gamma x.lo / x.hi) otherwise.
  @inline(__always)
  static func power(_ x: DoubleDouble, _ gamma: Double, _ gammaCase: Int) -> DoubleDouble {
    switch gammaCase {
    case 0: return DoubleDouble(1)
    case 1: return x
    case 2: return StableMath.looseProduct(x, x)
    case 3: return StableMath.looseProduct(StableMath.looseProduct(x, x), x)
    case 4:
      let x2 = StableMath.looseProduct(x, x)
      return StableMath.looseProduct(x2, x2)
    case 5:
      let x2 = StableMath.looseProduct(x, x)
      return StableMath.looseProduct(StableMath.looseProduct(x2, x2), x)
    default:
      let p = LossAtlasCore.pow(x.hi, gamma)
      return DoubleDouble(p, p * (gamma * (x.lo / x.hi)))
    }
  }

  /// (h^n, h^(n+1), h^(n+2)) for n in 0...5, with short product chains.
  @inline(__always)
  static func powersOfH(_ h: DoubleDouble, _ n: Int) -> (DoubleDouble, DoubleDouble, DoubleDouble) {
    let h2 = StableMath.looseProduct(h, h)
    switch n {
    case 0: return (DoubleDouble(1), h, h2)
    case 1: return (h, h2, StableMath.looseProduct(h2, h))
    case 2: return (h2, StableMath.looseProduct(h2, h), StableMath.looseProduct(h2, h2))
    case 3:
      let h4 = StableMath.looseProduct(h2, h2)
      return (StableMath.looseProduct(h2, h), h4, StableMath.looseProduct(h4, h))
    case 4:
      let h4 = StableMath.looseProduct(h2, h2)
      return (h4, StableMath.looseProduct(h4, h), StableMath.looseProduct(h4, h2))
    default:
      let h4 = StableMath.looseProduct(h2, h2)
      let h3 = StableMath.looseProduct(h2, h)
      return (StableMath.looseProduct(h4, h), StableMath.looseProduct(h4, h2), StableMath.looseProduct(h4, h3))
    }
  }

  /// The `gammaCase` of ``fastJet(_:gamma:gammaCase:alphaT:)``.
  static func gammaCase(_ gamma: Double) -> Int {
    [0.0, 1, 2, 3, 4, 5].contains(gamma) ? Int(gamma) : -1
  }

  /// sigma(-u)^gamma = exp(-gamma softplus(u)) as mantissa * 2^n; 1 for
  /// gamma = 0 (also where softplus(u) is huge), 0 where the exponent is
  /// below -50000.
  static func modulatingFactor(gamma: Double, softplusU: DoubleDouble) -> StableMath.MantissaExponent {
    if gamma == 0 { return .one }
    let t = gamma * softplusU.hi
    if !(t < StableMath.expCutoff) { return .zero }
    return StableMath.expMantissaExponentQuick(-(softplusU * gamma))
  }

  /// (m 2^n) * c as a Double without an intermediate overflow or a
  /// subnormal intermediate: c = mc 2^nc is split first.
  static func scaledTimes(_ x: StableMath.MantissaExponent, _ c: Double) -> Double {
    if x.isZero || c == 0 { return 0 }
    let mc = c.significand
    let nc = Int(c.exponent)
    let p = x.mantissa * mc
    return StableMath.scaleByPowerOfTwo(p.hi + p.lo, x.exponent + nc)
  }

  /// What is certainly true of a focal view: decreasing in u for alpha_t > 0,
  /// convex only for gamma = 0 (for gamma > 0 the curvature turns negative
  /// for u below about -(2 + 1/gamma)), limit 0 for a confident correct logit.
  static func declared(gamma: Double, alphaT: Double, positive: Bool) -> DeclaredProperties {
    guard alphaT > 0 else {
      return DeclaredProperties(
        infimum: RangeBound(0, attained: true), supremum: RangeBound(0, attained: true), monotonic: .constant,
        nonNegative: true, zeroAtCorrect: .attained)
    }
    var d = DeclaredProperties(
      infimum: RangeBound(0, attained: false), supremum: RangeBound(.infinity, attained: false),
      monotonic: positive ? .decreasing : .increasing, continuity: .cInfinity,
      saturatesLeft: !positive, saturatesRight: positive, convex: gamma == 0, concave: false, nonNegative: true,
      zeroAtCorrect: .limit, gradientGrowth: .bounded)
    if gamma == 0 {
      d.derivativeMonotonic = .increasing
      d.maxAbsDerivative = alphaT
    }
    return d
  }
}
