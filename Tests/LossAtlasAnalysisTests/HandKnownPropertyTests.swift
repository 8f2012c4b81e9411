import LossAtlasAnalysis
import LossAtlasCore
import Testing

/// The property engine on catalog functions whose answers are known by
/// hand (each expectation says where it comes from).
@Suite struct HandKnownPropertyTests {
  static func properties(_ id: String, _ params: [String: Double] = [:], view: Int = 0) throws -> ViewProperties {
    let spec = try Catalog.function(named: id)
    return PropertyEngine.analyze(spec, parameters: try spec.validateParameters(params), viewIndex: view)
  }

  static func close(_ a: Double, _ b: Double, _ rel: Double) -> Bool { abs(a - b) <= rel * max(abs(a), abs(b)) }

  @Test("sigmoid: max slope 1/4 at 0 (sigma'(0) = sigma(0)^2 = 1/4)")
  func sigmoidSlope() throws {
    let p = try Self.properties("sigmoid")
    #expect(p.maxAbsDerivative == Extremum(value: 0.25, attained: true, location: .point(0)))
    #expect(p.infimum == Extremum(value: 0, attained: false, location: .approached(-.infinity)))
    #expect(p.supremum == Extremum(value: 1, attained: false, location: .approached(.infinity)))
    #expect(p.saturatesLeft && p.saturatesRight)
  }

  @Test("relu: dead on (-inf, 0] (relu'(0) = 0 by the catalog), saturates left only")
  func reluDead() throws {
    let p = try Self.properties("relu")
    #expect(p.deadRegions.map(\.interval) == [RealInterval(-.infinity, 0, upperClosed: true)])
    #expect(p.saturatesLeft && !p.saturatesRight)
    #expect(p.monotonic == .increasing && p.continuity == .c0 && p.convex)
    // relu(0) = 0 too: the minimum is attained on (-inf, 0], closed at 0.
    #expect(p.infimum == Extremum(value: 0, attained: true, location: .interval(RealInterval(-.infinity, 0, upperClosed: true))))
    // relu'(0) = 0: max |f'| = 1 is attained on (0, inf), open at 0.
    #expect(p.maxAbsDerivative == Extremum(value: 1, attained: true, location: .interval(RealInterval(0, .infinity, lowerClosed: false))))
  }

  @Test("leaky-relu: saturates nowhere (f' is the slope on the left), no dead region")
  func leakyRelu() throws {
    let p = try Self.properties("leaky-relu")
    #expect(!p.saturatesLeft && !p.saturatesRight)
    #expect(p.deadRegions.isEmpty)
    // With slope 0 it is relu and saturates on the left.
    #expect(try Self.properties("leaky-relu", ["slope": 0]).saturatesLeft)
  }

  @Test("gelu: not monotonic, minimum at x = -0.7517915 with value -0.1699712 (x Phi(x) minimised where Phi(x) + x phi(x) = 0)")
  func geluMinimum() throws {
    let p = try Self.properties("gelu")
    #expect(p.monotonic == .neither)
    #expect(p.infimum.attained)
    guard case .point(let x) = p.infimum.location else {
      Issue.record("gelu's minimum should be at a point")
      return
    }
    #expect(abs(x - -0.7517915) < 5e-8)
    #expect(abs(p.infimum.value - -0.1699712) < 5e-8)
  }

  @Test("silu: minimum at x = -1.2784645 with value -0.2784645 (x = -1 - W(1/e) and f = x + 1 there)")
  func siluMinimum() throws {
    let p = try Self.properties("silu")
    guard case .point(let x) = p.infimum.location else {
      Issue.record("silu's minimum should be at a point")
      return
    }
    #expect(abs(x - -1.2784645) < 5e-8)
    #expect(abs(p.infimum.value - -0.2784645) < 5e-8)
    #expect(p.monotonic == .neither)
  }

  @Test("softsign: range (-1, 1), neither end attained (|x| / (1 + |x|) < 1)")
  func softsignRange() throws {
    let p = try Self.properties("softsign")
    #expect(p.infimum == Extremum(value: -1, attained: false, location: .approached(-.infinity)))
    #expect(p.supremum == Extremum(value: 1, attained: false, location: .approached(.infinity)))
  }

  @Test("tanh: zero-centred, identity near 0, max slope 1 at 0 (tanh'(0) = 1)")
  func tanhOrigin() throws {
    let p = try Self.properties("tanh")
    #expect(p.zeroCentered == true && p.identityNearOrigin == true)
    #expect(p.maxAbsDerivative == Extremum(value: 1, attained: true, location: .point(0)))
  }

  @Test("depth to vanish: sigmoid about 9 (E log sigma' = -1.57 a layer), tanh about 19 (-0.72), relu 2 (median 0.5 at L = 1, half the paths dead; 0 from L = 2)")
  func depthToVanish() throws {
    func depth(_ id: String) throws -> Int? {
      GradientDepth.simulate(try Catalog.function(named: id).primaryView).depthToVanish
    }
    let sigmoid = try #require(try depth("sigmoid"))
    let tanh = try #require(try depth("tanh"))
    #expect((8...10).contains(sigmoid))
    #expect((17...21).contains(tanh))
    #expect(try depth("relu") == 2)
    #expect(try depth("identity") == nil)
  }

  @Test("precision: Float64 sigmoid rounds to 1 from x = 54 ln 2 = 37.43 (e^-x below half an ulp under 1)")
  func sigmoidPrecision() throws {
    let view = try Catalog.function(named: "sigmoid").primaryView
    let thresholds = FloatingPointStudy.precision(ViewSamples(view, count: 4001))
    let t = try #require(thresholds.first { $0.format == .float64 && $0.direction == 1 && $0.kind == .valueReachesLimit }?.x)
    #expect(Self.close(t, 54 * log(2.0), 1e-3))
    let naive = FloatingPointStudy.naiveFailures(
      ViewSamples(view, count: 4001), naive: try Catalog.function(named: "sigmoid").naive!, parameters: ParameterValues())
    // sigma (1 - sigma) loses 1% once e^-x ~ 0.01 * 2^-53 relative: x ~ 36.7 - 4.6 = 33.6.
    let d = try #require(naive.first { $0.component == "derivative" && $0.direction == 1 })
    #expect(d.x > 30 && d.x < 36.8)
  }
}

/// Losses whose properties are known by hand.
@Suite struct HandKnownLossTests {
  static func properties(_ id: String, _ params: [String: Double] = [:], view: Int = 0) throws -> ViewProperties {
    try HandKnownPropertyTests.properties(id, params, view: view)
  }

  @Test("huber: C1 not C2 (f'' jumps from 1 to 0 at |r| = delta), convex, gradient bounded by delta")
  func huber() throws {
    for delta in [0.5, 1, 2, 4] {
      let p = try Self.properties("huber", ["delta": delta])
      #expect(p.continuity == .c1, "delta \(delta)")
      #expect(p.convex && p.convexityCrossCheck)
      #expect(p.gradientGrowth == .bounded)
      #expect(p.maxAbsDerivative.value == delta)
    }
  }

  @Test("mae: C0 (f' jumps from -1 to 1 at 0), zero attained at r = 0 with the subgradient 0")
  func mae() throws {
    let p = try Self.properties("mae")
    #expect(p.continuity == .c0)
    #expect(p.zeroAtCorrect == .attained && p.gradientZeroAtMinimum)
    #expect(p.maxAbsDerivative.value == 1)
  }

  @Test("mse: unbounded gradient, zero attained at r = 0")
  func mse() throws {
    let p = try Self.properties("mse")
    #expect(p.gradientGrowth == .unbounded)
    #expect(p.zeroAtCorrect == .attained)
    #expect(p.continuity == .cInfinity && p.convex)
  }

  @Test("hinge: convex, zero attained for y s >= 1 (a flat piece), C0")
  func hinge() throws {
    let p = try Self.properties("hinge")
    #expect(p.convex && p.convexityCrossCheck)
    #expect(p.zeroAtCorrect == .attained)
    #expect(p.continuity == .c0)
    #expect(p.deadRegions.map(\.interval) == [RealInterval(1, .infinity, lowerClosed: true)])
  }

  @Test("logistic: zero only in the limit s -> inf (log(1 + e^-s) > 0)")
  func logistic() throws {
    let p = try Self.properties("logistic")
    #expect(p.zeroAtCorrect == .limit)
    #expect(p.infimum == Extremum(value: 0, attained: false, location: .approached(.infinity)))
    #expect(p.convex)
  }

  @Test("barron: alpha = -2 not convex, redescending; alpha = 1 convex, bounded; alpha = 2 is mse / 2")
  func barron() throws {
    let minus2 = try Self.properties("barron", ["alpha": -2])
    #expect(!minus2.convex && minus2.convexityCrossCheck)
    #expect(minus2.gradientGrowth == .redescending)
    let one = try Self.properties("barron", ["alpha": 1])
    #expect(one.convex && one.gradientGrowth == .bounded)
    let two = try Self.properties("barron", ["alpha": 2])
    #expect(two.gradientGrowth == .unbounded)
  }

  @Test("quantile: the minimiser of the mean loss over 0...9, 30 is the tau-quantile; mse's is the mean, mae's the median")
  func minimisers() throws {
    let targets = EmpiricalMinimiser.defaultTargets
    func minimiser(_ id: String, _ params: [String: Double] = [:]) throws -> Double {
      let spec = try Catalog.function(named: id)
      return try #require(EmpiricalMinimiser.compute(spec, parameters: try spec.validateParameters(params), targets: targets)).minimiser
    }
    #expect(abs(try minimiser("mse") - targets.reduce(0, +) / Double(targets.count)) < 1e-12)
    #expect(abs(try minimiser("mae") - 5) < 1e-9)
    // tau = 0.9: the 0.9-quantile of 11 sorted targets is the 10th, 9.
    #expect(abs(try minimiser("quantile", ["tau": 0.9]) - 9) < 1e-9)
    #expect(abs(try minimiser("quantile", ["tau": 0.1]) - 1) < 1e-9)
  }

  @Test("bce with a soft target y = 0.3: minimum at p = y, value the entropy H(0.3) > 0 (never zero)")
  func bceSoftTarget() throws {
    let spec = try Catalog.function(named: "bce")
    let index = try #require(spec.primaryView.label.isEmpty ? nil : spec.views(spec.defaultParameters).firstIndex { v in
      v.fixed.contains { $0.name == "y" && $0.value == .real(0.3) }
    })
    let p = try Self.properties("bce", view: index)
    #expect(p.zeroAtCorrect == .never)
    guard case .point(let x) = p.infimum.location else {
      Issue.record("bce's minimum should be at a point")
      return
    }
    #expect(abs(x - 0.3) < 1e-9)
    let entropy = -(0.3 * log(0.3) + 0.7 * log(0.7))
    #expect(abs(p.infimum.value - entropy) < 1e-12)
  }
}
