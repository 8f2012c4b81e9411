import Foundation
@testable import LossAtlasAnalysis
import LossAtlasCore
import TestSupport
import Testing

/// Issue 8's definitions, each pinned on cases known by hand (every
/// expected number says where it comes from).
@Suite struct DefinitionTests {
  static func view(_ id: String, _ params: [String: Double] = [:], _ index: Int = 0) throws -> ScalarView {
    let spec = try Catalog.function(named: id)
    return spec.views(try spec.validateParameters(params))[index]
  }

  static func properties(_ id: String, _ params: [String: Double] = [:], view: Int = 0) throws -> ViewProperties {
    try HandKnownPropertyTests.properties(id, params, view: view)
  }

  static func domain(_ id: String, _ params: [String: Double] = [:]) throws -> DomainProperties {
    let spec = try Catalog.function(named: id)
    let p = try spec.validateParameters(params)
    let views = spec.views(p).indices.map { PropertyEngine.analyze(spec, parameters: p, viewIndex: $0) }
    return DomainProperties.compute(spec, parameters: p, views: views)
  }

  // MARK: 1. zero-centred: E[f(X)] = 0 for X ~ N(0, 1)

  @Test("zero-centred: tanh yes (odd: its mean is exactly 0), relu no with mean 1/sqrt(2 pi) to 1e-14")
  func zeroCentred() throws {
    let tanh = try Self.properties("tanh")
    #expect(tanh.meanOutput == 0)
    #expect(tanh.zeroCentered == true && tanh.passesThroughOrigin == true)
    let relu = try Self.properties("relu")
    // E[max(X, 0)] = ∫_0^∞ x φ(x) dx = φ(0) = 1/sqrt(2 pi).
    let m = try #require(relu.meanOutput)
    #expect(abs(m - 1 / (2 * Double.pi).squareRoot()) <= 1e-14)
    #expect(relu.zeroCentered == false)
    // ... and relu still passes through the origin: the old meaning is its own property.
    #expect(relu.passesThroughOrigin == true)
  }

  @Test("zero-centred: sigmoid no (mean 1/2 by sigma(x) + sigma(-x) = 1) and not through 0; selu yes (its alpha solves E[selu(X)] = 0)")
  func zeroCentredOthers() throws {
    let sigmoid = try Self.properties("sigmoid")
    #expect(abs(try #require(sigmoid.meanOutput) - 0.5) <= 1e-15)
    #expect(sigmoid.zeroCentered == false && sigmoid.passesThroughOrigin == false)
    // gelu: E[X Φ(X)] = E[φ(X)] (Stein) = 1/(2 sqrt(pi)).
    let gelu = try Self.properties("gelu")
    #expect(abs(try #require(gelu.meanOutput) - 1 / (2 * Double.pi.squareRoot())) <= 1e-14)
    #expect(gelu.zeroCentered == false)
    // elu: φ(0) + e^(1/2) Φ(−1) − 1/2 (the negative part is E[(e^X − 1) 1{X < 0}]).
    let elu = try Self.properties("elu")
    let eluMean = IndependentNumerics.density(0) + exp(0.5) * IndependentNumerics.cdf(-1) - 0.5
    #expect(abs(try #require(elu.meanOutput) - eluMean) <= 1e-14)
    #expect(elu.zeroCentered == false)
    // selu: λ(φ(0) + α(e^(1/2) Φ(−1) − 1/2)) = 0 for the catalog's α (Klambauer et al. 2017).
    let selu = try Self.properties("selu")
    #expect(abs(try #require(selu.meanOutput)) <= 1e-12)
    #expect(selu.zeroCentered == true)
    // softsign and identity: odd, so 0.
    #expect(try Self.properties("softsign").zeroCentered == true)
    #expect(try Self.properties("identity").meanOutput == 0)
    // Losses have no mean output.
    #expect(try Self.properties("mse").meanOutput == nil)
  }

  @Test("the quadrature: E[X^2] = 1, E[|X|] = sqrt(2/pi), E[e^X] = e^(1/2), and E[X^2] = q at variance q")
  func quadrature() {
    #expect(abs(GaussianExpectation.mean({ $0 * $0 }) - 1) <= 1e-15)
    #expect(abs(GaussianExpectation.mean({ abs($0) }, breakpoints: [0]) - (2 / Double.pi).squareRoot()) <= 1e-15)
    #expect(abs(GaussianExpectation.mean({ exp($0) }) - exp(0.5)) <= 4e-16 * exp(0.5))
    #expect(abs(GaussianExpectation.mean({ $0 * $0 }, variance: 7.5) - 7.5) <= 1e-14)
    // An odd function integrates to exactly 0 (mirrored halves).
    #expect(GaussianExpectation.mean({ $0 * $0 * $0 + sin($0) }) == 0)
  }

  @Test("the quadrature of an integrand that overflows (x⁴ at variance 1e200, 10⁴⁰⁰ z⁴: inf × φ = NaN where φ underflows) returns a non-finite mean after a bounded number of evaluations, not 2⁴⁰ halvings")
  func quadratureOfAnOverflowingIntegrand() {
    // A class, so the @Sendable-free closure can count through a reference.
    final class Counter { var calls = 0 }
    let counter = Counter()
    let mean = GaussianExpectation.mean({ x in
      counter.calls += 1
      return x * x * x * x
    }, variance: 1e200)
    #expect(!mean.isFinite)
    // 6 cuts a side, 2 sides, 21 points a piece: 252 evaluations if no
    // piece is halved; the finite pieces near 0 may be halved a few times.
    #expect(counter.calls <= 100_000, "\(counter.calls) evaluations")
  }

  @Test("the quadrature scales: E[X⁴] = 3q² to 1e-14 relative at q = 1 ... 1e120 (at q = 1e30 the old fixed 1e-18 absolute floor halved tail pieces to depth 40), within a bounded number of evaluations")
  func quadratureScales() {
    final class Counter { var calls = 0 }
    for q in [1.0, 1e10, 1e30, 1e60, 1e120] {
      let counter = Counter()
      let mean = GaussianExpectation.mean({ x in
        counter.calls += 1
        let s = x * x
        return s * s
      }, variance: q)
      #expect(abs(mean / (3 * q * q) - 1) <= 1e-14, "q = \(q): \(mean)")
      #expect(counter.calls <= 100_000, "q = \(q): \(counter.calls) evaluations")
    }
  }

  // MARK: 2. Saturation is about the tails

  @Test("saturation: gelu's low-slope stretch around its minimum is a flat zone, not a saturation interval")
  func geluFlatZone() throws {
    let p = try Self.properties("gelu")
    // The tail: |f'| < 1% of max |f'| for x below about -3.02.
    #expect(p.saturationIntervals.count == 1)
    #expect(p.saturationIntervals[0].lower == -.infinity)
    #expect(p.flatZones.count == 1)
    let zone = p.flatZones[0]
    #expect(zone.kind == .nearMinimum)
    guard case .point(let minimum) = p.infimum.location else {
      Issue.record("gelu's minimum should be at a point")
      return
    }
    // The stationary point inside the zone is the minimum, where Φ(x) + x φ(x) = 0.
    #expect(abs(try #require(zone.at) - minimum) <= 1e-12)
    #expect(zone.interval.lower < minimum && minimum < zone.interval.upper)
    #expect(p.saturatesLeft && !p.saturatesRight)
  }

  @Test("saturation: huber has none (|f'| = |r| near 0 is a flat zone around the minimum at r = 0); sigmoid's two tails")
  func huberAndSigmoid() throws {
    let huber = try Self.properties("huber")
    #expect(huber.saturationIntervals.isEmpty)
    #expect(huber.flatZones.count == 1 && huber.flatZones[0].kind == .nearMinimum && huber.flatZones[0].at == 0)
    // |f'| = |r| < 0.01 * delta (delta = 1): the zone is [-0.01, 0.01], bisected to 1e-9.
    #expect(abs(huber.flatZones[0].interval.upper - 0.01) <= 1e-10)
    let sigmoid = try Self.properties("sigmoid")
    #expect(sigmoid.saturationIntervals.count == 2 && sigmoid.flatZones.isEmpty)
    // sigma' = 1/400 of 1/4... i.e. sigma(1 - sigma) = 0.0025 at x = logit((1 + sqrt(0.99)) / 2).
    let x = log((1 + 0.99.squareRoot()) / (1 - 0.99.squareRoot()))
    #expect(abs(sigmoid.saturationIntervals[1].lower - x) <= 1e-8 * x)
  }

  @Test("saturation tails end open at a breakpoint on the other side: hard-swish (-inf, -3) (f'(-3) = -1/2), hard-sigmoid (-inf, -3] (f'(-3) = 0)")
  func tailEnds() throws {
    let hardSwish = try Self.properties("hard-swish")
    #expect(hardSwish.saturationIntervals.map(\.interval) == [RealInterval(-.infinity, -3, upperClosed: false)])
    let hardSigmoid = try Self.properties("hard-sigmoid")
    #expect(hardSigmoid.saturationIntervals.map(\.interval) == [
      RealInterval(-.infinity, -3, upperClosed: true), RealInterval(3, .infinity, lowerClosed: true),
    ])
    let relu = try Self.properties("relu")
    #expect(relu.saturationIntervals.map(\.interval) == [RealInterval(-.infinity, 0, upperClosed: true)])
    // mae'(0) = 0 at a single point: not a flat zone (|f'| = 1 on either side).
    let mae = try Self.properties("mae")
    #expect(mae.flatZones.isEmpty && mae.saturationIntervals.isEmpty)
  }

  // MARK: 3. Whole domain

  @Test("whole domain: gaussian-nll is not non-negative (at yhat = y, var = 0.5 it is log(0.5)/2), and unbounded below")
  func gaussianNLL() throws {
    let d = try Self.domain("gaussian-nll")
    #expect(!d.nonNegative)
    let w = try #require(d.negativeWitness)
    let a = w.point.arguments
    guard case .real(let yhat)? = a["yhat"], case .real(let y)? = a["y"], case .real(let v)? = a["var"] else {
      Issue.record("witness arguments")
      return
    }
    // The loss's own formula at the witness: (log v + (y - yhat)^2 / v) / 2.
    #expect(abs(w.value - (log(v) + (y - yhat) * (y - yhat) / v) / 2) <= 1e-15 * max(1, abs(w.value)))
    #expect(w.value < 0)
    #expect(d.infimum.value == -.infinity && d.infimum.kind == .unbounded && d.infimum.toward?.argument == "var")
    // The issue's example: gaussian-nll(0, 0, 0.1) = log(0.1)/2 = -1.1513.
    let e = try Catalog.function(named: "gaussian-nll").evaluate(arguments: ["yhat": .real(0), "y": .real(0), "var": .real(0.1)])
    #expect(abs(try #require(e.value.scalarValue) - log(0.1) / 2) <= 1e-15)
    // Its primary view (y = 0, var = 1) is non-negative: a view is not the function.
    #expect(try Self.properties("gaussian-nll").nonNegative)
    #expect(d.convex)
  }

  @Test("whole domain: poisson-nll is unbounded below (min over z of e^z - y z is y - y ln y), mse is non-negative")
  func poissonAndMSE() throws {
    let d = try Self.domain("poisson-nll")
    #expect(!d.nonNegative && d.infimum.value == -.infinity)
    let w = try #require(d.negativeWitness)
    guard case .real(let z)? = w.point.arguments["z"], case .real(let y)? = w.point.arguments["y"] else {
      Issue.record("witness arguments")
      return
    }
    // The critical point z = ln y, value y - y ln y.
    #expect(abs(z - log(y)) <= 1e-12 * max(1, abs(z)))
    #expect(abs(w.value - (y - y * log(y))) <= 1e-12 * max(1, abs(w.value)))
    // The issue's example: poisson-nll(ln 10, 10) = 10 - 10 ln 10 = -13.03.
    let e = try Catalog.function(named: "poisson-nll").evaluate(arguments: ["z": .real(log(10.0)), "y": .real(10)])
    #expect(abs(try #require(e.value.scalarValue) - (10 - 10 * log(10.0))) <= 1e-13)
    let mse = try Self.domain("mse")
    #expect(mse.nonNegative && mse.infimum.value == 0 && mse.infimum.attained && mse.negativeWitness == nil)
  }

  @Test("whole domain: barron is convex in yhat at alpha = 1 (f'' = (1 + s)^(-3/2) > 0), not at alpha = 0 (Cauchy)")
  func barronConvexity() throws {
    #expect(try Self.domain("barron", ["alpha": 1]).convex)
    #expect(try !Self.domain("barron", ["alpha": 0]).convex)
    #expect(try Self.domain("barron", ["alpha": 2]).convex)
  }

  @Test("whole domain: hinge is monotonic in s for each label but in opposite directions, so not over its domain")
  func hingeMonotonic() throws {
    let d = try Self.domain("hinge")
    #expect(d.monotonic == .neither)
    #expect(try Self.properties("hinge", view: 0).monotonic == .decreasing)
    #expect(try Self.properties("hinge", view: 1).monotonic == .increasing)
    #expect(d.nonNegative && d.convex)
  }

  // MARK: 4. Gradient gain with weights

  @Test("gradient gain: relu at He is exactly 1 (2 P(h > 0)), at Xavier 1/2; every q is a fixed point at He")
  func reluGain() throws {
    let v = try Self.view("relu")
    let he = GradientGain.compute(v, initialization: .he)
    #expect(abs(he.gain - 1) <= 1e-14)
    #expect(he.source == .everyVariance && he.q == 1)
    let xavier = GradientGain.compute(v, initialization: .xavier)
    #expect(abs(xavier.gain - 0.5) <= 1e-14)
    #expect(xavier.source == .noFixedPoint)
  }

  @Test("gradient gain: sigmoid's is at most sigma_w^2 / 16 (sigma' <= 1/4), at its variance fixed point")
  func sigmoidGain() throws {
    let v = try Self.view("sigmoid")
    let xavier = GradientGain.compute(v, initialization: .xavier)
    #expect(xavier.gain <= 1.0 / 16)
    #expect(xavier.source == .fixedPoint)
    // The fixed point: q = E[sigma(sqrt(q) Z)^2], by the independent quadrature.
    let m = IndependentNumerics.normalMean({ let s = 1 / (1 + exp(-$0)); return s * s }, variance: xavier.q)
    #expect(abs(m - xavier.q) <= 1e-13)
    let he = GradientGain.compute(v, initialization: .he)
    #expect(he.gain <= 2.0 / 16)
    // The model over depth is the product of the layer gains: chi^k at a fixed point.
    #expect(abs(xavier.depthRatio[9] - pow(xavier.gain, 10)) <= 1e-12 * pow(xavier.gain, 10))
  }

  @Test("gradient gain: identity is sigma_w^2 (f' = 1); selu at Xavier sits at q = 1 (its self-normalising fixed point)")
  func identityAndSelu() throws {
    #expect(GradientGain.compute(try Self.view("identity"), initialization: .he).gain == 2)
    let selu = GradientGain.compute(try Self.view("selu"), initialization: .xavier)
    #expect(selu.source == .fixedPoint && abs(selu.q - 1) <= 1e-12)
    // chi = λ² (1/2 + α² e² Φ(−2)) at q = 1.
    let lambda = 1.0507009873554804934193349852946
    let alpha = 1.6732632423543772848170429916717
    let chi = lambda * lambda * (0.5 + alpha * alpha * exp(2) * IndependentNumerics.cdf(-2))
    #expect(abs(selu.gain - chi) <= 1e-14 * chi)
  }

  // MARK: 4b. The median

  @Test("median: the ordinary median (mean of the two middle values for an even count); relu's is 0.5 at L = 1")
  func median() throws {
    var a: [Double] = [5, 1, 4, 2]
    #expect(GradientDepth.median(&a) == 3)
    var b: [Double] = [3, 1, 2]
    #expect(GradientDepth.median(&b) == 2)
    // Against a sort, on the engine's own kind of data.
    var rng = SplitMix64(seed: 42)
    let values = (0..<10_000).map { _ in rng.nextUnit() }
    var c = values
    let sorted = values.sorted()
    #expect(GradientDepth.median(&c) == (sorted[4999] + sorted[5000]) / 2)
    let relu = GradientDepth.simulate(try Self.view("relu"))
    // 5,000 antithetic pairs: exactly 5,000 factors are 1 and 5,000 are 0.
    #expect(relu.median[0] == 0.5)
    #expect(relu.depthToVanish == 2)
  }

  // MARK: 5. Monotonic claims accept a boolean

  @Test("monotonic and derivative-monotonic accept expect: true (either direction) and false")
  func monotonicBool() throws {
    let yaml = """
      claims:
        - {id: a, function: sigmoid, property: monotonic, expect: true}
        - {id: b, function: log-sigmoid, property: monotonic, expect: true}
        - {id: c, function: gelu, property: monotonic, expect: false}
        - {id: d, function: gelu, property: monotonic, expect: true, verdict: false}
        - {id: e, function: softplus, property: derivative-monotonic, expect: true}
        - {id: f, function: tanh, property: derivative-monotonic, expect: false}
      """
    let results = try ClaimEvaluator().evaluate(try ClaimFile.parse(yaml, file: "t.yaml"))
    #expect(results.map(\.passes) == Array(repeating: true, count: 6))
    #expect(results.map(\.holds) == [true, true, true, false, true, true])
  }

  @Test("claims: zero-centered, mean-output, passes-through-origin, gradient-gain with init, whole-domain non-negative")
  func claims() throws {
    let yaml = """
      claims:
        - {id: a, function: relu, property: zero-centered, expect: false}
        - {id: b, function: relu, property: passes-through-origin, expect: true}
        - {id: c, function: relu, property: mean-output, expect: {approx: 0.3989422804014327, tol: 1.0e-14}}
        - {id: d, function: relu, property: gradient-gain, init: he, expect: {equals: 1}}
        - {id: e, function: sigmoid, property: gradient-gain, expect: {at-most: 0.0625}}
        - {id: f, function: gaussian-nll, property: non-negative, expect: false}
        - {id: g, function: gaussian-nll, args: {y: 0, var: 1}, property: non-negative, expect: true}
        - {id: h, function: poisson-nll, property: range, expect: [-inf, inf]}
        - {id: i, function: tanh, property: zero-centered, expect: true}
      """
    let results = try ClaimEvaluator().evaluate(try ClaimFile.parse(yaml, file: "t.yaml"))
    for r in results { #expect(r.passes, "\(r.claim.id): \(r.computed)") }
    // The witness is printed with the verdict.
    #expect(results[5].computed[0].contains("gaussian-nll(yhat = 0.0, y = 0.0, var = 0.5) = -0.3465735902799726"))
  }

  @Test("a bad init is a clear error naming the claim and the allowed values")
  func badInit() {
    let yaml = "claims:\n  - {id: a, function: relu, property: gradient-gain, init: kaiming, expect: 1}\n"
    #expect(throws: ClaimFileError.self) { try ClaimFile.parse(yaml, file: "t.yaml") }
    do {
      _ = try ClaimFile.parse(yaml, file: "t.yaml")
    } catch {
      #expect(error.description.contains("'init' must be he or xavier"))
    }
  }

  // MARK: B. Attainment sets and both sides

  @Test("attainment: huber's |f'| = delta on (-inf, -delta] and [delta, inf), both named; relu's 0 on (-inf, 0]")
  func attainment() throws {
    let huber = try Self.properties("huber", ["delta": 2])
    // huber'(±delta) = ±delta: the ends are attained.
    #expect(huber.maxAbsDerivative.locations == [
      .interval(RealInterval(-.infinity, -2, upperClosed: true)), .interval(RealInterval(2, .infinity, lowerClosed: true)),
    ])
    #expect(Format.extremum(huber.maxAbsDerivative) == "2.0 (attained, on (-inf, -2] and on [2, inf))")
    // mae'(0) = 0: open at 0 on both sides.
    let mae = try Self.properties("mae")
    #expect(mae.maxAbsDerivative.locations == [
      .interval(RealInterval(-.infinity, 0, upperClosed: false)), .interval(RealInterval(0, .infinity, lowerClosed: false)),
    ])
    // hard-tanh: -1 on (-inf, -1] and 1 on [1, inf) (hard-tanh(±1) = ±1).
    let hardTanh = try Self.properties("hard-tanh")
    #expect(hardTanh.infimum.location == .interval(RealInterval(-.infinity, -1, upperClosed: true)))
    #expect(hardTanh.supremum.location == .interval(RealInterval(1, .infinity, lowerClosed: true)))
  }
}
