import LossAtlasAnalysis
import LossAtlasCore
import Testing

/// The engine on synthetic views whose every property is known by hand,
/// independent of the catalog.
@Suite struct EngineUnitTests {
  static func view(
    _ label: String, domain: RealInterval = .realLine, plot: ClosedRange<Double>, breaks: [Double] = [],
    _ f: @escaping @Sendable (Double) -> Jet
  ) -> ScalarView {
    ScalarView(label: label, argument: "x", domain: domain, plotRange: plot, breakpoints: breaks, declared: DeclaredProperties(), evaluate: f)
  }

  static func analyze(_ v: ScalarView) -> ViewProperties {
    PropertyEngine.analyze(view: v, functionID: v.label)
  }

  @Test func parabolaOnAClosedInterval() {
    // f = x^2 on [-1, 2]: inf 0 at 0, sup 4 at the closed end 2.
    let v = Self.view("x^2", domain: RealInterval(-1, 2), plot: -1...2) { x in Jet(value: x * x, d1: 2 * x, d2: 2) }
    let p = Self.analyze(v)
    #expect(p.infimum == Extremum(value: 0, attained: true, location: .point(0)))
    #expect(p.supremum.value == 4 && p.supremum.attained)
    #expect(p.convex && !p.concave && p.convexityCrossCheck)
    #expect(p.monotonic == .neither)
    #expect(p.continuity == .cInfinity)
  }

  @Test func arctangentHasUnattainedBounds() {
    let v = Self.view("atan", plot: -5...5) { x in Jet(value: atan(x), d1: 1 / (1 + x * x), d2: -2 * x / ((1 + x * x) * (1 + x * x))) }
    let p = Self.analyze(v)
    #expect(p.infimum.value == -Double.pi / 2 && !p.infimum.attained)
    #expect(p.supremum.value == Double.pi / 2 && !p.supremum.attained)
    #expect(p.maxAbsDerivative.value == 1 && p.maxAbsDerivative.location == .point(0))
    #expect(p.saturatesLeft && p.saturatesRight)
    #expect(p.monotonic == .increasing)
    #expect(p.zeroCentered == true && p.identityNearOrigin == true)
    // |f'| < 0.01 for |x| > sqrt(99): the interval ends are root-found.
    #expect(p.saturationIntervals.count == 2)
    #expect(abs(p.saturationIntervals[1].lower - 99.0.squareRoot()) <= 1e-8 * 99.0.squareRoot())
    #expect(p.saturationIntervals[0].lower == -.infinity && p.saturationIntervals[1].upper == .infinity)
  }

  @Test func slowLogGrowthIsUnbounded() {
    // log(1 + x^2) grows by only 9 between 1e298 and 1e300: still unbounded.
    let v = Self.view("log1p(x^2)", plot: -3...3) { x in
      let t = x * x
      return Jet(value: t.isFinite ? log1p(t) : 2 * log(abs(x)), d1: 2 * x / (1 + t), d2: (2 - 2 * t) / ((1 + t) * (1 + t)))
    }
    let p = Self.analyze(v)
    #expect(p.supremum.value == .infinity && !p.supremum.attained)
    #expect(p.infimum == Extremum(value: 0, attained: true, location: .point(0)))
    #expect(p.gradientGrowth == .redescending)
    #expect(!p.convex && !p.concave && p.convexityCrossCheck)
  }

  @Test func kinksJumpsAndDeadPieces() {
    // A hinge-like function: 1 - x for x < 1, 0 after; kink at 1 owned by the right piece.
    let v = Self.view("hinge", plot: -3...3, breaks: [1]) { x in x < 1 ? Jet(value: 1 - x, d1: -1, d2: 0) : Jet(value: 0, d1: 0, d2: 0) }
    let p = Self.analyze(v)
    #expect(p.continuity == .c0)
    #expect(p.convex && p.convexityCrossCheck)
    #expect(p.monotonic == .decreasing)
    #expect(p.infimum.value == 0 && p.infimum.attained)
    #expect(p.deadRegions.map(\.interval) == [RealInterval(1, .infinity, lowerClosed: true)])
    #expect(p.gradientGrowth == .bounded)
    // A step: discontinuous, not convex.
    let step = Self.view("step", plot: -3...3, breaks: [0]) { x in Jet(value: x <= 0 ? 1 : 0, d1: 0, d2: 0) }
    let q = Self.analyze(step)
    #expect(q.continuity == .discontinuous)
    #expect(q.monotonic == .decreasing)
    #expect(!q.convex && !q.concave)
    #expect(q.deadRegions.map(\.interval) == [RealInterval.realLine])
  }

  @Test func smoothnessOrderAtABreakpoint() {
    // x^2/2 inside [-1, 1], |x| - 1/2 outside: C1, not C2.
    let huber = Self.view("huber", plot: -3...3, breaks: [-1, 1]) { x in
      abs(x) <= 1 ? Jet(value: x * x / 2, d1: x, d2: 1) : Jet(value: abs(x) - 0.5, d1: x < 0 ? -1 : 1, d2: 0)
    }
    #expect(Self.analyze(huber).continuity == .c1)
    // x^3 for x > 0, 0 else: C2 (f''' jumps from 0 to 6).
    let cubic = Self.view("cubic", plot: -2...2, breaks: [0]) { x in
      x > 0 ? Jet(value: x * x * x, d1: 3 * x * x, d2: 6 * x) : Jet(value: 0, d1: 0, d2: 0)
    }
    #expect(Self.analyze(cubic).continuity == .c2)
  }

  @Test func underflowIsNotADeadRegion() {
    // e^x: f' underflows to 0 below -745 but is never 0.
    let v = Self.view("exp", plot: -3...3) { x in let e = exp(x); return Jet(value: e, d1: e, d2: e) }
    let p = Self.analyze(v)
    #expect(p.deadRegions.isEmpty)
    #expect(p.infimum == Extremum(value: 0, attained: false, location: .approached(-.infinity)))
    #expect(p.supremum.value == .infinity)
    #expect(p.saturatesLeft && !p.saturatesRight)
  }

  @Test func limitsConvergeOrDiverge() {
    let xs = (0...200).map { pow(10, 290 + Double($0) / 20) }
    #expect(Limit.estimate(xs.map { ($0, 1 - 1 / $0) }) == .finite(1))
    #expect(Limit.estimate(xs.map { ($0, log($0)) }) == .infinite(sign: .plus))
    #expect(Limit.estimate(xs.map { ($0, 2 / $0) }) == .finite(0))
    #expect(Limit.estimate(xs.map { ($0, -$0 * $0) }) == .infinite(sign: .minus))
  }

  @Test func bisectionAndBoundaries() {
    #expect(RootFinding.bisect({ $0 * $0 - 2 }, 0, 2, relativeTolerance: 1e-15) == 2.0.squareRoot() || abs(RootFinding.bisect({ $0 * $0 - 2 }, 0, 2, relativeTolerance: 1e-15) - 2.0.squareRoot()) <= 4e-16)
    #expect(RootFinding.bisect({ sin($0) }, -1, 2) == 0)
    let b = RootFinding.boundary({ $0 >= 709.78 }, from: 1, to: 1e300)
    #expect(b.firstTrue == b.lastFalse.nextUp)
    #expect(b.firstTrue >= 709.78 && b.lastFalse < 709.78)
  }

  @Test func gridsHaveExactEnds() {
    let g = Grid.linear(from: -1, to: 1, count: 3).values
    #expect(g == [-1, 0, 1])
    let s = Grid.symmetricLog(from: -1000, to: 1000, count: 5, scale: 1).values
    #expect(s.first == -1000 && s.last == 1000 && s[2] == 0)
    #expect(Grid.linear(from: 0, to: 0.3, count: 4).values.last == 0.3)
  }
}
