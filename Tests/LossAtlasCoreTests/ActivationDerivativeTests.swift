import Foundation
import Testing

@testable import LossAtlasCore

/// Softplus, log-sigmoid, elu, selu and celu offer f' alone
/// (`ScalarView.derivative`, session 23, depth-chain): the same bits as the
/// jet's f', without the libm call the jet makes only for f (log1p;
/// expm1 between -1 and -1/4). Their jets now read f' through helpers
/// shared with the derivative (`sigmoids`, `Activations.expNearZero`,
/// `SELU.timesLambdaAlpha`). Pinned here: the new jets against the jets as
/// they were (main 6fc533a, kept verbatim below apart from naming the
/// type's statics), all three parts bit for bit, and each derivative
/// against the old jet's f', at every parameter setting of the grid and
/// beyond it, over the depth chain's own draws, a dense sweep, every
/// branch boundary and its neighbours, and hostile inputs (NaN, ±inf, ±0,
/// subnormals, the extremes).
///
/// Tanh, sigmoid, softsign and tanhshrink declare an even f'
/// (`ScalarView.evenDerivative`: their jets compute f' from |x| alone),
/// which lets the depth chain evaluate f' once per antithetic pair: pinned
/// here as |f'(-x)| against |f'(x)|, bit for bit, over the same inputs.
@Suite struct ActivationDerivativeTests {
  /// The jets before session 23, verbatim apart from the names.
  enum Old {
    static func softplus(_ x: Double, beta: Double) -> Jet {
      let t = beta * x
      guard abs(t) <= 700 else { return Softplus.jetWide(x, beta: beta) }
      let tl = (-t).addingProduct(beta, x)  // t + tl = beta x (TwoProduct)
      // e^-|t| from the exact argument: e0 (1 -+ tl), as StableMath.exp(_:) does it (written out:
      // negating e0 rather than tl measured 0.4 ns/point faster here).
      let e0 = exp(-abs(t))
      let e = e0.addingProduct(-e0, t >= 0 ? tl : -tl)
      let reciprocal = StableMath.Reciprocal(DoubleDouble.fastTwoSum(1, e))  // sigma(|t|) = R
      let s = reciprocal.times(e)  // sigma(-|t|) = e R
      let d2 = beta * reciprocal.timesRounded(s)
      let l = log1p(e) / beta
      if t > 0 { return Jet(value: x + l, d1: reciprocal.value, d2: d2) }
      return Jet(value: l, d1: s.hi + s.lo, d2: d2)
    }

    static func logsigmoid(_ x: Double) -> Jet {
      let e = exp(-abs(x))
      let reciprocal = StableMath.Reciprocal(DoubleDouble.fastTwoSum(1, e))  // sigma(|x|) = R
      let s = reciprocal.times(e)  // sigma(-|x|) = e R
      let d2 = -reciprocal.timesRounded(s)
      let l = log1p(e)
      if x >= 0 { return Jet(value: -l, d1: s.hi + s.lo, d2: d2) }
      return Jet(value: x - l, d1: reciprocal.value, d2: d2)
    }

    static func elu(_ x: Double, alpha: Double) -> Jet {
      if x > 0 { return Jet(value: x, d1: 1, d2: 0) }
      if x < -1 {
        guard x >= -700 else { return ELU.jetWide(x, alpha: alpha) }
        let e = exp(x)
        let em1 = DoubleDouble.fastTwoSum(-1, e)  // e - 1 exactly
        let d1 = alpha * e
        return Jet(value: (alpha * em1.lo).addingProduct(alpha, em1.hi), d1: d1, d2: d1)
      }
      let m = expm1(x)
      let d1 = alpha * (x < -0.25 ? exp(x) : 1 + m)
      return Jet(value: alpha * m, d1: d1, d2: d1)
    }

    static func selu(_ x: Double) -> Jet {
      if x > 0 {
        let hi = SELU.lambda.hi * x
        let value = hi.isFinite ? (SELU.lambda * x).value : hi
        return Jet(value: value, d1: SELU.lambda.hi, d2: 0)
      }
      // As elu's: e^x - 1 and e^x from exp (TwoSum) below -1, from expm1 (1 + m exact) above -1/4,
      // from expm1 and exp between.
      let la = SELU.lambdaAlpha
      if x < -1 {
        guard x >= -700 else {
          let (m, k) = StableMath.expScaled(DoubleDouble(x))
          let d1 = StableMath.scaleByPowerOfTwo((la * m).value, k)
          return Jet(value: (la * expm1(x)).value, d1: d1, d2: d1)
        }
        let e = exp(x)
        let em1 = DoubleDouble.fastTwoSum(-1, e)  // e - 1 exactly
        let v = DoubleDouble.twoProduct(la.hi, em1.hi)
        let vl = v.lo + (la.hi * em1.lo + la.lo * em1.hi)
        let d1 = (la.lo * e).addingProduct(la.hi, e)
        return Jet(value: v.hi + vl, d1: d1, d2: d1)
      }
      let m = expm1(x)
      let e = x < -0.25 ? exp(x) : 1 + m
      let d1 = (la.lo * e).addingProduct(la.hi, e)
      return Jet(value: (la.lo * m).addingProduct(la.hi, m), d1: d1, d2: d1)
    }

    static func celu(_ x: Double, alpha: Double) -> Jet {
      if x > 0 { return Jet(value: x, d1: 1, d2: 0) }
      let uh = x / alpha
      if abs(uh) < 0x1p-26 {
        // alpha expm1(u) = x (1 + u/2 + u^2/6 + ...), u^3/24 < 2^-80.
        let e = exp(uh)
        return Jet(value: x.addingProduct(x, uh * (0.5 + uh * (1.0 / 6))), d1: e, d2: e / alpha)
      }
      // uh is finite and below -2^-26 here (x / alpha = -inf fails the next test).
      guard uh >= -708 else { return CELU.jetWide(uh, x: x, alpha: alpha) }
      let ul = x.addingProduct(-uh, alpha) / alpha  // quotient remainder; x / alpha = uh + ul
      if uh >= -1 {
        let m = expm1(uh)
        let e = uh < -0.25 ? exp(uh) : 1 + m  // e^uh; 1 + m is within 0.8 ulp above -1/4
        let d1 = e.addingProduct(e, ul)
        // alpha (e^u - 1) = alpha m + alpha e^uh ul: the product alpha m exact (TwoProduct), one rounding.
        let p = alpha * m
        return Jet(value: p + ((-p).addingProduct(alpha, m) + alpha * (e * ul)), d1: d1, d2: d1 / alpha)
      }
      let e0 = exp(uh)
      let e = e0.addingProduct(e0, ul)  // e^u
      let h = e - 1  // e - 1 = h + hl exactly
      let hl = e - (h + 1)
      return Jet(value: (alpha * hl).addingProduct(alpha, h), d1: e, d2: e / alpha)
    }

  }

  /// An activation with an f'-only kernel: its id, parameter settings
  /// (the grid and beyond: tiny, huge, non-dyadic) and the old jet.
  struct Case: Sendable {
    let id: String
    let settings: [Double]
    let old: @Sendable (Double, Double) -> Jet
  }

  static let cases: [Case] = [
    Case(id: "softplus", settings: [1, 0.5, 2, 5, 10, 0.1, 0.3, 1e-3, 1e-300, 7.7, 1e3, 1e300]) { x, beta in Old.softplus(x, beta: beta) },
    Case(id: "log-sigmoid", settings: [.nan]) { x, _ in Old.logsigmoid(x) },
    Case(id: "elu", settings: [1, 0.5, 2, 0.1, 1.6732632423543772, 1e-300, 1e300]) { x, alpha in Old.elu(x, alpha: alpha) },
    Case(id: "selu", settings: [.nan]) { x, _ in Old.selu(x) },
    Case(id: "celu", settings: [1, 0.5, 2, 0.1, 0.3, 3, 1e-300, 1e-10, 1e10, 1e300]) { x, alpha in Old.celu(x, alpha: alpha) },
  ]

  /// The view at a setting (NaN: the function has no parameter).
  static func view(_ id: String, _ setting: Double) -> ScalarView {
    let spec = Catalog.all.first { $0.id == id }!
    guard let parameter = spec.parameters.first, !setting.isNaN else { return spec.primaryView }
    return spec.views(ParameterValues([parameter.name: setting]))[0]
  }

  /// Points where a branch changes, for a parameter p: the branches'
  /// thresholds in x and in u = x / p or t = p x.
  static func boundaries(_ p: Double) -> [Double] {
    let edges: [Double] = [
      0, 1, -1, 0.25, -0.25, 700, -700, 708, -708, 1600, -1600, 0x1p-26, -0x1p-26, 0x1.62e42fefa39efp-1,
      -0x1.62e42fefa39efp-1, 745, -745, 746, -746, 0x1.62e42fefa39efp-2, -0x1.62e42fefa39efp-2, 0.3, -0.3, 350,
      -350, 354, -354,
    ]
    guard p.isFinite else { return edges }
    return edges + edges.flatMap { [$0 * p, $0 / p] }
  }

  /// The depth chain's draws and their negations, a dense sweep, every
  /// boundary and its four neighbours either side, and hostile inputs.
  static func inputs(_ p: Double) -> [Double] {
    var xs: [Double] = []
    var rng = SplitMix64(seed: 0x6465_7074_6873)
    // The chain's x ~ N(0, 1): Box-Muller as GradientDepth draws them.
    for _ in 0..<20_000 {
      var u = rng.nextUnit()
      while u == 0 { u = rng.nextUnit() }
      let v = rng.nextUnit()
      let z = (-2 * log(u)).squareRoot() * cos(2 * Double.pi * v)
      xs += [z, -z]
    }
    for i in -40_000...40_000 { xs.append(Double(i) / 1_000) }  // -40 ... 40, step 0.001
    for i in -2_000...2_000 { xs.append(Double(i) * 0.5) }  // -1000 ... 1000
    for b in boundaries(p) {
      var lo = b
      var hi = b
      for _ in 0..<4 {
        lo = lo.nextDown
        hi = hi.nextUp
        xs += [lo, hi]
      }
      xs.append(b)
    }
    xs += [
      .nan, -.nan, .infinity, -.infinity, 0, -0.0, .leastNonzeroMagnitude, -.leastNonzeroMagnitude,
      .leastNormalMagnitude, -.leastNormalMagnitude, Double.leastNormalMagnitude.nextDown,
      -Double.leastNormalMagnitude.nextDown, .greatestFiniteMagnitude, -.greatestFiniteMagnitude, 1e-300, -1e-300,
      0x1p-1060, -0x1p-1060, 1e300, -1e300, .ulpOfOne, -.ulpOfOne,
    ]
    return xs
  }

  @Test("the five activations with an f'-only kernel offer it, and no other view does")
  func offered() {
    let ids = Catalog.all.filter { spec in spec.views(spec.defaultParameters).contains { $0.derivative != nil } }.map(\.id)
    #expect(Set(ids) == Set(Self.cases.map(\.id)))
  }

  static let evenIDs: Set<String> = ["tanh", "sigmoid", "softsign", "tanhshrink"]

  /// The catalog's functions whose primary view declares an even f'.
  static let evenDeclared: [String] = Catalog.all.filter { $0.primaryView.evenDerivative }.map(\.id)

  @Test("tanh, sigmoid, softsign and tanhshrink declare an even f', and no other view does")
  func evenOffered() {
    let ids = Catalog.all.filter { spec in spec.views(spec.defaultParameters).contains(where: \.evenDerivative) }.map(\.id)
    #expect(Set(ids) == Self.evenIDs)
    #expect(Set(Self.evenDeclared) == Self.evenIDs)
  }

  @Test("where a view declares an even f', |f'(-x)| has the bits of |f'(x)|", arguments: evenDeclared)
  func even(id: String) {
    let view = Self.view(id, .nan)
    #expect(view.evenDerivative)
    var mismatches: [Double] = []
    for x in Self.inputs(1) where abs(view.evaluate(x).d1).bitPattern != abs(view.evaluate(-x).d1).bitPattern {
      mismatches.append(x)
    }
    #expect(mismatches.isEmpty, "\(id): |f'(x)| and |f'(-x)| differ at \(mismatches.prefix(5))")
  }

  @Test("each new jet equals the old one bit for bit (f, f', f''), and each derivative equals the old jet's f'", arguments: cases.map(\.id))
  func pinned(id: String) {
    let c = Self.cases.first { $0.id == id }!
    for p in c.settings {
      let view = Self.view(id, p)
      let derivative = try! #require(view.derivative, "\(id): no derivative")
      var jetMismatches: [Double] = []
      var derivativeMismatches: [Double] = []
      for x in Self.inputs(p) {
        let old = c.old(x, p)
        let new = view.evaluate(x)
        if new.value.bitPattern != old.value.bitPattern || new.d1.bitPattern != old.d1.bitPattern
          || new.d2.bitPattern != old.d2.bitPattern
        {
          jetMismatches.append(x)
        }
        if derivative(x).bitPattern != old.d1.bitPattern { derivativeMismatches.append(x) }
      }
      #expect(jetMismatches.isEmpty, "\(id) at \(p): jet differs at \(jetMismatches.prefix(5))")
      #expect(derivativeMismatches.isEmpty, "\(id) at \(p): derivative differs at \(derivativeMismatches.prefix(5))")
    }
  }
}
