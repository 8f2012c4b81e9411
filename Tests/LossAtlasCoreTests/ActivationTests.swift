import Foundation
import LossAtlasCore
import TestSupport
import Testing

/// Identities, kink conventions, limits, domain errors and known values of
/// the scalar and vector activations. Every expected number says where it
/// comes from; tolerances are in ulp of the expected value with the reason.
@Suite struct ActivationTests {
  // MARK: - Helpers

  /// f, f', f'' of a scalar activation at x through the general evaluator.
  static func jet(_ id: String, _ x: Double, _ params: [String: Double] = [:]) throws -> Jet {
    let e = try Catalog.function(named: id).evaluate(parameters: params, arguments: ["x": .real(x)])
    return Jet(value: e.value.scalarValue!, d1: e.gradient("x")!.scalarValue!, d2: e.secondDerivative!)
  }

  /// Value and Jacobian of a vector activation.
  static func vector(_ id: String, _ z: [Double]) throws -> (value: [Double], jacobian: [[Double]]) {
    let e = try Catalog.function(named: id).evaluate(arguments: ["z": .vector(z)])
    guard case .vector(let v) = e.value, case .matrix(let j)? = e.gradient("z") else {
      Issue.record("\(id): value is not a vector or gradient not a matrix")
      return ([], [])
    }
    return (v, j)
  }

  /// |a - b| in units of ulp(b) (ulp of the least subnormal for b = 0).
  static func ulps(_ a: Double, _ b: Double) -> Double {
    if a == b { return 0 }
    return abs(a - b) / max(b.ulp, Double.leastNonzeroMagnitude)
  }

  /// A grid over the interesting part of the real line plus far-out points.
  static let grid: [Double] = (-160...160).map { Double($0) / 8 } + [-700, -300, -40, 40, 300, 700]

  // MARK: - Identities

  @Test("tanh x = 2 sigma(2x) - 1 on a grid")
  func tanhIsScaledSigmoid() throws {
    for x in Self.grid {
      let t = try Self.jet("tanh", x).value
      let s = try Self.jet("sigmoid", 2 * x).value
      // 2 sigma - 1 is evaluated in Double here: it cancels near 0, so the
      // comparison is absolute, 2 ulp(1) for the subtraction and sigma's error.
      #expect(abs(t - (2 * s - 1)) <= 2 * Double.ulpOfOne, "x = \(x): tanh \(t), 2 sigma(2x) - 1 = \(2 * s - 1)")
    }
  }

  @Test("tanh' = 1 - tanh^2 where that does not cancel, and tanh'(20) is about 4 e^-40, not 0")
  func tanhDerivative() throws {
    for x in stride(from: -0.5, through: 0.5, by: 1.0 / 16) {
      let j = try Self.jet("tanh", x)
      // |tanh| <= 0.47 here, so 1 - t^2 loses at most a bit: 3 ulp.
      #expect(Self.ulps(j.d1, 1 - j.value * j.value) <= 3, "x = \(x)")
      // tanh'' = -2 tanh sech^2 (closed form).
      #expect(Self.ulps(j.d2, -2 * j.value * j.d1) <= 1, "x = \(x)")
    }
    // sech^2(20) = 1.6993417021166355e-17 (mpmath, 50 digits, rounded).
    #expect(Self.ulps(try Self.jet("tanh", 20).d1, 1.6993417021166355e-17) <= 2)
    #expect(Self.ulps(try Self.jet("tanh", -20).d1, 1.6993417021166355e-17) <= 2)
  }

  @Test("log-sigmoid(x) = -softplus(-x) and its derivative is sigma(-x)")
  func logSigmoidIsNegatedSoftplus() throws {
    for x in Self.grid {
      let l = try Self.jet("log-sigmoid", x)
      let sp = try Self.jet("softplus", -x)
      // Both sides are within about 2 ulp of the same number.
      #expect(Self.ulps(l.value, -sp.value) <= 4, "x = \(x): \(l.value) vs \(-sp.value)")
      let s = try Self.jet("sigmoid", -x).value
      #expect(Self.ulps(l.d1, s) <= 3, "x = \(x): log-sigmoid' \(l.d1) vs sigma(-x) \(s)")
    }
  }

  @Test("softplus' = sigma(beta x) and softplus'' = beta sigma sigma(-)", arguments: [0.5, 1, 2, 5, 10])
  func softplusDerivativeIsSigmoid(beta: Double) throws {
    for x in Self.grid {
      let j = try Self.jet("softplus", x, ["beta": beta])
      let s = try Self.jet("sigmoid", beta * x)
      // beta * x is exact for these grid points and betas (dyadic).
      #expect(Self.ulps(j.d1, s.value) <= 3, "beta \(beta) x = \(x): \(j.d1) vs \(s.value)")
      #expect(Self.ulps(j.d2, beta * s.d1) <= 3, "beta \(beta) x = \(x): \(j.d2) vs \(beta * s.d1)")
    }
    // softplus(0) = log 2 / beta; softplus''(0) = beta / 4 exactly.
    #expect(Self.ulps(try Self.jet("softplus", 0, ["beta": beta]).value, M_LN2 / beta) <= 1)
    #expect(try Self.jet("softplus", 0, ["beta": beta]).d2 == beta / 4)
  }

  @Test("silu with beta = 1 is x sigma(x); silu'(0) = 1/2 and silu''(0) = beta/2", arguments: [0.5, 1, 2, 5])
  func siluIsXSigmoid(beta: Double) throws {
    for x in Self.grid where beta == 1 {
      let j = try Self.jet("silu", x)
      let s = try Self.jet("sigmoid", x).value
      // x * sigma rounds once more than silu: 3 ulp.
      #expect(Self.ulps(j.value, x * s) <= 3, "x = \(x): silu \(j.value) vs x sigma(x) \(x * s)")
    }
    let j0 = try Self.jet("silu", 0, ["beta": beta])
    #expect(j0.value == 0 && j0.d1 == 0.5 && j0.d2 == beta / 2)
  }

  @Test("selu = lambda elu(alpha) with the paper's constants")
  func seluIsScaledElu() throws {
    let lambda = 1.0507009873554804934193349852946
    let alpha = 1.6732632423543772848170429916717
    for x in Self.grid {
      let s = try Self.jet("selu", x)
      let e = try Self.jet("elu", x, ["alpha": alpha])
      // lambda * elu rounds twice more and uses the rounded alpha: 4 ulp.
      #expect(Self.ulps(s.value, lambda * e.value) <= 4, "x = \(x): \(s.value) vs \(lambda * e.value)")
      #expect(Self.ulps(s.d1, lambda * e.d1) <= 4, "x = \(x): \(s.d1) vs \(lambda * e.d1)")
    }
  }

  @Test("hard-sigmoid = relu6(x + 3) / 6 and hard-swish = x hard-sigmoid(x)")
  func hardFunctionsAreRelu6() throws {
    for x in Self.grid {
      let hs = try Self.jet("hard-sigmoid", x).value
      let r6 = try Self.jet("relu6", x + 3).value  // x + 3 exact on this dyadic grid
      #expect(Self.ulps(hs, r6 / 6) <= 0.5, "x = \(x): \(hs) vs \(r6 / 6)")
      let hw = try Self.jet("hard-swish", x).value
      // x * (correctly rounded hard-sigmoid) rounds once more: 1 ulp.
      #expect(Self.ulps(hw, x * hs) <= 1, "x = \(x): \(hw) vs \(x * hs)")
    }
  }

  @Test("gelu-tanh stays within 5e-4 of gelu (the approximation's known accuracy)")
  func geluTanhApproximatesGelu() throws {
    for x in Self.grid {
      let a = try Self.jet("gelu", x).value
      let b = try Self.jet("gelu-tanh", x).value
      #expect(abs(a - b) < 5e-4, "x = \(x): gelu \(a), gelu-tanh \(b)")
    }
  }

  // MARK: - Kink conventions

  @Test("the catalog's subgradients at the kinks, and d2 of the owning piece")
  func kinkConventions() throws {
    #expect(try Self.jet("relu", 0) == Jet(value: 0, d1: 0, d2: 0))
    for a in [0, 0.01, 0.2, 2.5] {
      #expect(try Self.jet("leaky-relu", 0, ["slope": a]).d1 == a, "leaky-relu'(0) is the slope \(a)")
    }
    #expect(try Self.jet("relu6", 0).d1 == 0)
    #expect(try Self.jet("relu6", 6) == Jet(value: 6, d1: 0, d2: 0))
    #expect(try Self.jet("relu6", 6.0.nextDown).d1 == 1)
    #expect(try Self.jet("hard-tanh", 1) == Jet(value: 1, d1: 0, d2: 0))
    #expect(try Self.jet("hard-tanh", -1) == Jet(value: -1, d1: 0, d2: 0))
    #expect(try Self.jet("hard-sigmoid", 3) == Jet(value: 1, d1: 0, d2: 0))
    #expect(try Self.jet("hard-sigmoid", -3) == Jet(value: 0, d1: 0, d2: 0))
    #expect(try Self.jet("hard-sigmoid", 0).d1 == 1.0 / 6)
    // hard-swish: the closed middle piece owns both kinks.
    #expect(try Self.jet("hard-swish", -3) == Jet(value: 0, d1: -0.5, d2: 1.0 / 3))
    #expect(try Self.jet("hard-swish", 3) == Jet(value: 3, d1: 1.5, d2: 1.0 / 3))
    #expect(try Self.jet("hard-swish", (-3.0).nextDown) == Jet(value: 0, d1: 0, d2: 0))
    #expect(try Self.jet("hard-swish", 3.0.nextUp) == Jet(value: 3.0.nextUp, d1: 1, d2: 0))
    // elu / selu: the left piece alpha e^x owns 0, for f' and f''.
    for alpha in [0.5, 1, 2] {
      #expect(try Self.jet("elu", 0, ["alpha": alpha]) == Jet(value: 0, d1: alpha, d2: alpha))
    }
    let lambdaAlpha = 1.7580993408473768  // lambda * alpha, mpmath, rounded
    #expect(try Self.jet("selu", 0) == Jet(value: 0, d1: lambdaAlpha, d2: lambdaAlpha))
    #expect(try Self.jet("selu", 5e-324).d1 == 1.0507009873554805)
    // softsign'' jumps from +2 to -2 at 0; the jet reports 0 there.
    #expect(try Self.jet("softsign", 0) == Jet(value: 0, d1: 1, d2: 0))
    #expect(try Self.jet("softsign", 5e-324).d2 == -2)
    #expect(try Self.jet("softsign", -5e-324).d2 == 2)
  }

  // MARK: - Known values

  @Test("sigma'(0) = 1/4, gelu'(0) = 1/2, gelu''(0) = sqrt(2/pi)")
  func knownValuesAtZero() throws {
    #expect(try Self.jet("sigmoid", 0) == Jet(value: 0.5, d1: 0.25, d2: 0))
    let g = try Self.jet("gelu", 0)
    #expect(g.value == 0 && g.d1 == 0.5)
    // gelu'' = phi(x)(2 - x^2): 2 phi(0) = sqrt(2/pi) = 0.7978845608028654 (rounded).
    #expect(Self.ulps(g.d2, 0.7978845608028654) <= 1)
    #expect(try Self.jet("tanh", 0) == Jet(value: 0, d1: 1, d2: 0))
  }

  @Test("gelu's minimum at x = -0.7517915 (value -0.1699712): f' changes sign there")
  func geluMinimum() throws {
    let xm = -0.7517915246935645  // mpmath root of Phi(x) + x phi(x)
    #expect(try Self.jet("gelu", xm - 1e-7).d1 < 0)
    #expect(try Self.jet("gelu", xm + 1e-7).d1 > 0)
    #expect(abs(try Self.jet("gelu", xm).value - -0.16997120747990366) < 1e-15)
    #expect(try Self.jet("gelu", xm).d2 > 0)
  }

  @Test("silu's minimum at x = -1.2784645/beta, value -0.2784645/beta", arguments: [0.5, 1, 2, 5])
  func siluMinimum(beta: Double) throws {
    // t* = -1 - W(1/e), f(t*) = -W(1/e) (Lambert W; mpmath).
    let t = -1.2784645427610738
    #expect(try Self.jet("silu", (t - 1e-7) / beta, ["beta": beta]).d1 < 0)
    #expect(try Self.jet("silu", (t + 1e-7) / beta, ["beta": beta]).d1 > 0)
    #expect(abs(try Self.jet("silu", t / beta, ["beta": beta]).value - -0.2784645427610738 / beta) < 1e-15)
  }

  @Test("mish's minimum at x = -1.1924312, value -0.3088434")
  func mishMinimum() throws {
    let xm = -1.1924312145154952  // mpmath root of mish'
    #expect(try Self.jet("mish", xm - 1e-7).d1 < 0)
    #expect(try Self.jet("mish", xm + 1e-7).d1 > 0)
    #expect(abs(try Self.jet("mish", xm).value - -0.30884341301725043) < 1e-15)
  }

  @Test("tiny results where e^x is subnormal keep their digits (mpmath, 50 digits)")
  func subnormalResults() throws {
    // |computed - exact| <= 2 units of 2^-1074: the 4-ulp rule with margin.
    func close(_ a: Double, _ b: Double) -> Bool { abs(a - b) <= 2 * Double.leastNonzeroMagnitude }
    let silu = try Self.jet("silu", -740)
    #expect(close(silu.value, -3.0996675112355562152e-319) && close(silu.d1, -3.0954787713555081663e-319))
    let mish = try Self.jet("mish", -740)
    #expect(close(mish.value, -3.0996675112355562152e-319) && close(mish.d1, -3.0954787713555081663e-319))
    let gelu = try Self.jet("gelu", -38)
    #expect(close(gelu.value, -1.096462777e-314) && close(gelu.d1, -4.1665545693e-313))
    let geluTanh = try Self.jet("gelu-tanh", -21.5)
    #expect(close(geluTanh.value, -2.8e-322) && close(geluTanh.d1, -2.845e-320))
    #expect(close(try Self.jet("elu", -740, ["alpha": 30]).d1, 1.2566219640144146818e-320))
    let softplus = try Self.jet("softplus", -1480, ["beta": 0.5])
    #expect(close(softplus.value, 8.3774797600960978789e-322) && close(softplus.d1, 4.1887398800480489395e-322))
  }

  @Test("the Mills ratio Phi(-t)/phi(t) as a double-double (mpmath, 40 digits, as hi + lo)")
  func millsRatio() {
    let cases: [(t: Double, hi: Double, lo: Double)] = [
      (0, 1.2533141373155003, -9.164289990229583e-17),  // sqrt(pi/2)
      (1, 0.6556795424187984, 2.7085254871687876e-17),
      (5.125, 0.1884126285076003, -1.2424438648718554e-17),  // between nodes
      (26, 0.03840489334210213, 8.278827288136532e-19),  // last tabulated node
      (30, 0.03329641907249721, 3.0477411418409902e-18),  // asymptotic series
    ]
    for c in cases {
      let r = StableMath.millsRatio(c.t)
      // (hi - hi') + (lo - lo') within 2^-60 relative: far below the half ulp
      // the gelu jets need from it.
      let err = abs((r.hi - c.hi) + (r.lo - c.lo))
      #expect(err <= 0x1p-60 * c.hi, "t = \(c.t): \(r.hi) + \(r.lo)")
    }
    // Continuous across the switch to the asymptotic series at 26.
    let below = StableMath.millsRatio(26).value
    let above = StableMath.millsRatio(26.0.nextUp).value
    #expect(Self.ulps(above, below) <= 1)
  }

  @Test("far-out inputs: exact limits, no overflow, no NaN")
  func farOut() throws {
    let big = Double.greatestFiniteMagnitude
    #expect(try Self.jet("softplus", big).value == big)
    #expect(try Self.jet("softplus", 1e300, ["beta": 10]).d1 == 1)
    #expect(try Self.jet("log-sigmoid", -big).value == -big)
    #expect(try Self.jet("log-sigmoid", -big).d1 == 1)
    #expect(try Self.jet("gelu", big) == Jet(value: big, d1: 1, d2: 0))
    #expect(try Self.jet("gelu", -big).value == 0)
    #expect(try Self.jet("gelu-tanh", 1e200).d1 == 1)
    #expect(try Self.jet("mish", -big).value == 0)
    #expect(try Self.jet("silu", -big, ["beta": 5]).d1 == 0)
    #expect(try Self.jet("selu", big).value == .infinity)  // lambda * max exceeds the Double range
    #expect(try Self.jet("softsign", big).value == 1)
    #expect(try Self.jet("softsign", 1e200).d1 == 0)  // exact 1e-400
    // log-sigmoid(40) = -e^-40 (1 - e^-40 / 2 ...) = -4.248354255291589e-18 (mpmath, rounded).
    #expect(Self.ulps(try Self.jet("log-sigmoid", 40).value, -4.248354255291589e-18) <= 1)
  }

  @Test("the naive forms fail where their notes say")
  func naiveFormsFail() throws {
    func naive(_ id: String, _ params: [String: Double] = [:]) throws -> (value: (Double) -> Double, d1: (Double) -> Double) {
      let spec = try Catalog.function(named: id)
      let p = try spec.validateParameters(params)
      return (spec.naive!.value(p), spec.naive!.derivative(p))
    }
    #expect(try naive("tanh").d1(20) == 0)  // exact 1.7e-17
    #expect(try naive("tanh").value(800).isNaN)  // inf / inf
    #expect(try naive("softplus").value(710) == .infinity)  // exact 710
    #expect(try naive("log-sigmoid").value(-800) == -.infinity)  // exact -800
    #expect(try naive("elu").value(-1e-17) == 0)  // exact -1e-17
    #expect(try naive("gelu").value(-10) == 0)  // exact -7.6e-23
    #expect(try naive("gelu-tanh").d1(1e200).isNaN)
    #expect(try naive("mish").value(-40) == 0)  // exact about -40 e^-40
    #expect(try naive("softmax").value(800).isNaN)  // inf / inf
    #expect(try naive("silu").value(-740) == 0)  // exact -3.1e-319
  }

  // MARK: - Vector activations

  static let vectors: [[Double]] = [
    [0], [3, 3], [1, 2, 3], [0.3, -1.2, 2.5, 0, -0.7], [1000, 0, -1000], [-745, 0, 709],
    [36, 37, 38, -36, -37, -38, 0, 1e-300, -1e-300, 20], [1e300, -1e300], (0..<10).map(Double.init),
  ]

  @Test("softmax rows sum to 1 and Jacobian rows sum to 0", arguments: vectors)
  func softmaxSums(z: [Double]) throws {
    let (p, jacobian) = try Self.vector("softmax", z)
    #expect(p.count == z.count && jacobian.count == z.count)
    // Each p_i is within 2 ulp; the Double sum adds C roundings of at most ulp(1)/2.
    #expect(abs(p.reduce(0, +) - 1) <= Double(z.count + 2) * Double.ulpOfOne, "sum p = \(p.reduce(0, +))")
    for (i, row) in jacobian.enumerated() {
      let scale = row.map(abs).max() ?? 0
      #expect(abs(row.reduce(0, +)) <= Double(z.count + 2) * Double.ulpOfOne * scale, "row \(i): \(row)")
      #expect(row[i] >= 0, "diagonal p_i (1 - p_i) is non-negative")
    }
  }

  @Test("log-softmax = log(softmax) where p is representable, Jacobian = delta - p", arguments: vectors)
  func logSoftmaxIsLogOfSoftmax(z: [Double]) throws {
    let (p, pj) = try Self.vector("softmax", z)
    let (l, lj) = try Self.vector("log-softmax", z)
    for i in z.indices where p[i] > 1e-300 && p[i] < 0.5 {
      // log of a 2-ulp p_i is within 2 ulp / |log p| relative: absolute 4 ulp(1) suffices.
      #expect(abs(l[i] - log(p[i])) <= 4 * Double.ulpOfOne * max(1, abs(l[i])), "z = \(z), i = \(i)")
    }
    for i in z.indices {
      for j in z.indices where i != j {
        #expect(Self.ulps(lj[i][j], -p[j]) <= 2, "z = \(z): J[\(i)][\(j)]")
        // softmax's J_ij = p_i * (log-softmax J_ij).
        #expect(Self.ulps(pj[i][j], p[i] * lj[i][j]) <= 3, "z = \(z): softmax J[\(i)][\(j)]")
      }
    }
  }

  @Test("softmax and log-softmax are unchanged by a shift of 1e6 (exact here: the shifted logits are exact)")
  func shiftInvariance() throws {
    let z: [Double] = [0.5, -1.25, 3, 0.125, -7, 2]
    for id in ["softmax", "log-softmax"] {
      let a = try Self.vector(id, z)
      let b = try Self.vector(id, z.map { $0 + 1e6 })
      #expect(a.value == b.value && a.jacobian == b.jacobian, "\(id)")
    }
    // log-softmax of [40, 0]: the largest output is -log1p(e^-40) = -4.248354255291589e-18 (mpmath).
    #expect(Self.ulps(try Self.vector("log-softmax", [40, 0]).value[0], -4.248354255291589e-18) <= 1)
    // 1 - p for z = [-745, 0, 709] is e^-709 (1 + e^-745...) = 1.2167807506234231e-308 (mpmath), not 0.
    #expect(Self.ulps(try Self.vector("log-softmax", [-745, 0, 709]).jacobian[2][2], 1.2167807506234231e-308) <= 1)
  }

  @Test("the 1-D views of softmax and log-softmax are sigma(x) and log sigma(x) of z = [x, 0]")
  func vectorViews() throws {
    let softmax = try Catalog.function(named: "softmax").primaryView
    let logSoftmax = try Catalog.function(named: "log-softmax").primaryView
    for x in Self.grid {
      let (p, pj) = try Self.vector("softmax", [x, 0])
      #expect(Self.ulps(softmax.evaluate(x).value, p[0]) <= 2, "x = \(x)")
      #expect(Self.ulps(softmax.evaluate(x).d1, pj[0][0]) <= 3, "x = \(x)")
      let (l, lj) = try Self.vector("log-softmax", [x, 0])
      #expect(Self.ulps(logSoftmax.evaluate(x).value, l[0]) <= 2, "x = \(x)")
      #expect(Self.ulps(logSoftmax.evaluate(x).d1, lj[0][0]) <= 2, "x = \(x)")
    }
  }

  // MARK: - Domain errors

  @Test("parameters outside their range and bad arguments are errors with exact messages")
  func domainErrors() throws {
    func message(_ id: String, _ params: [String: Double], _ args: [String: ArgumentValue]) -> String? {
      do {
        _ = try Catalog.function(named: id).evaluate(parameters: params, arguments: args)
        return nil
      } catch {
        return error.message
      }
    }
    #expect(
      message("leaky-relu", ["slope": -1], ["x": .real(1)])
        == "parameter slope = -1.0 of leaky-relu is outside its range: allowed [0, inf)")
    #expect(
      message("elu", ["alpha": 0], ["x": .real(1)]) == "parameter alpha = 0.0 of elu is outside its range: allowed (0, inf)")
    #expect(
      message("silu", ["beta": .nan], ["x": .real(1)]) == "parameter beta = nan of silu is outside its range: allowed (0, inf)")
    #expect(
      message("softplus", ["beta": .infinity], ["x": .real(1)])
        == "parameter beta = inf of softplus is outside its range: allowed (0, inf)")
    #expect(message("relu", ["slope": 0.1], ["x": .real(1)]) == "unknown parameter 'slope': relu has no parameters")
    #expect(
      message("gelu", [:], ["x": .real(.nan)])
        == "argument x = nan of gelu is outside its domain: x must be a finite real number")
    #expect(
      message("softmax", [:], ["z": .vector([])])
        == "argument z = an array of length 0 of softmax is outside its domain: z must be an array of 1 or more numbers, each a finite real number")
    #expect(
      message("log-softmax", [:], ["z": .vector([1, .infinity])])
        == "argument z[1] = inf of log-softmax is outside its domain: each element must be a finite real number")
  }

  @Test("aliases users type resolve to the right id")
  func aliases() throws {
    let expected: [String: String] = [
      "swish": "silu", "rectifier": "relu", "lrelu": "leaky-relu", "leaky_relu": "leaky-relu",
      "gelu-erf": "gelu", "approximate-gelu": "gelu-tanh", "hardswish": "hard-swish", "h-swish": "hard-swish",
      "hardsigmoid": "hard-sigmoid", "hardtanh": "hard-tanh", "logsigmoid": "log-sigmoid",
      "log_softmax": "log-softmax", "logsoftmax": "log-softmax",
    ]
    for (alias, id) in expected {
      #expect(try Catalog.function(named: alias).id == id, "\(alias)")
    }
  }
}
