import Foundation
import LossAtlasCore
import Testing

@testable import LossAtlasAnalysis

/// The numerical-safety analysis on 12 formulas whose failures are known.
///
/// Every expected input comes from Tests/TestSupport/Fixtures/safety-reference/
/// derive.py (Python floats and glibc's libm op by op, mpmath 1.3.0 at 80
/// digits, the criterion; its output is derived.txt beside it).
/// Overflow edges are exact: the analysis must find the same Double and its
/// passing neighbour. Cancellation onsets are intermittent (an input fails or
/// passes with its own rounding), so their first failure is pinned to the
/// band between the first failing input of derive.py's dense scan and the
/// edge plain bisection finds, and must be a genuine failure.
@Suite struct SafetyTests {
  static func report(_ text: String, domain: RealInterval = .realLine, plot: ClosedRange<Double> = -5...5) throws -> SafetyReport {
    let e = try UserExpression(ExpressionSource(text, file: "t"), arguments: ["x"])
    return SafetyAnalysis.analyze(e, parameters: [], arguments: [0], differentiatedIndex: 0, domain: domain, plotRange: plot)
  }

  static func findings(_ r: SafetyReport, _ c: SafetyComponent) -> [SafetyFinding] {
    r.findings.filter { $0.component == c }
  }

  /// The example: overflow above 709.78, inaccurate below about -23
  /// (log of a rounded 1), exactly 0 below -36.74, back within 1e-300 below -690.78.
  @Test func logOnePlusExp() throws {
    let r = try Self.report("log(1 + exp(x))")
    #expect(!r.stable)
    let value = Self.findings(r, .value)
    #expect(value.count == 2)
    let left = try #require(value.first)
    let right = try #require(value.last)
    // derive.py: first failure 709.7827128933841 (passes at 709.782712893384).
    #expect(right.firstFailure == 709.7827128933841 && right.lastPass == 709.782712893384)
    #expect(right.kind == .infinite && right.cause == .overflow && right.culprit == "exp(x)" && !right.intermittent)
    // derive.py: the dense scan's first failing input is -22.9217111; plain bisection finds -23.569.
    #expect(left.firstFailure <= -22.92 && left.firstFailure >= -23.6, "\(left.firstFailure)")
    #expect(left.intermittent && left.cause == .logOfRoundedOne && left.culprit == "log(1 + exp(x))")
    // derive.py: far edge -690.7755278982137; exactly 0 from -36.73680056967711.
    #expect(left.start == -690.7755278982137)
    #expect(left.doubleIsZeroFrom == -36.73680056967711)
    // The derivative exp(x) / (1 + exp(x)) is inf / inf = NaN from the same input.
    let derivative = Self.findings(r, .derivative)
    #expect(derivative.count == 1 && derivative[0].firstFailure == 709.7827128933841 && derivative[0].kind == .nan)
    #expect(derivative[0].cause == .overflow && derivative[0].culprit == "exp(x)")
    // The same mathematics as the catalog's softplus.
    #expect(r.equivalents.map(\.id) == ["softplus"])
  }

  @Test func stableSoftplusIsStable() throws {
    let r = try Self.report("max(x, 0) + log1p(exp(-abs(x)))")
    #expect(r.stable)
    #expect(Self.findings(r, .value).isEmpty && Self.findings(r, .derivative).isEmpty)
    #expect(r.equivalents.map(\.id) == ["softplus"])
  }

  @Test func expMinusOneOverX() throws {
    let r = try Self.report("(exp(x) - 1) / x")
    let value = Self.findings(r, .value)
    // Three regions: each side of 0 (where exp(x) - 1 cancels; 0 itself is
    // 0/0, outside the domain), and the overflow.
    #expect(value.count == 3)
    let negative = value[0]
    let positive = value[1]
    let overflow = value[2]
    // Down to the smallest input checked: exp(x) rounds to 1 there and 0 / x = 0 while the exact value is 1.
    #expect(negative.end == -1e-300 && positive.start == 1e-300)
    #expect(positive.firstFailure == 1e-300 && positive.cause == .cancellation && positive.culprit == "exp(x) - 1")
    // derive.py: the dense scan's outermost failures are -7.866e-11 and 1.107e-10 (the onsets are intermittent).
    // The outer edges are failing inputs of the intermittent onset bands (derive.py: failures from -7.866e-11 and 1.107e-10 inward).
    #expect(negative.start >= -7.9e-11 && negative.start <= -1e-12, "\(negative.start)")
    #expect(positive.end <= 1.11e-10 && positive.end >= 1e-12, "\(positive.end)")
    // derive.py: 709.7827128933841.
    #expect(overflow.firstFailure == 709.7827128933841 && overflow.cause == .overflow)
  }

  @Test func squareRootDifferenceCancels() throws {
    let r = try Self.report("sqrt(x^2 + 1) - x")
    let value = Self.findings(r, .value)
    #expect(value.count == 2)
    // derive.py: -1.3407807929942597e+154 (x^2 overflows), passes at -1.3407807929942596e+154.
    #expect(value[0].firstFailure == -1.3407807929942597e+154 && value[0].lastPass == -1.3407807929942596e+154)
    #expect(value[0].cause == .overflow && value[0].culprit == "x^2")
    // derive.py: dense scan 65537.82, plain bisection 117671.66.
    #expect(value[1].firstFailure >= 65537 && value[1].firstFailure <= 117672, "\(value[1].firstFailure)")
    #expect(value[1].cause == .cancellation && value[1].intermittent)
  }

  @Test func oneMinusCosine() throws {
    let r = try Self.report("1 - cos(x)")
    let value = Self.findings(r, .value)
    // Two regions, x in (1.414e-150, 1.05e-5) and its mirror: below, the exact
    // value x^2/2 is under the 1e-300 absolute tolerance (by hand: the edge is
    // sqrt(2e-300) = 1.4142e-150); above, the cancellation's relative error is
    // under 1e-6 (derive.py: the dense scan's last failure 1.0523e-05,
    // plain bisection 6.398e-06).
    #expect(value.count == 2)
    let positive = try #require(value.last)
    #expect(positive.start >= 1.4142e-150 && positive.start <= 1.4143e-150, "\(positive.start)")
    // The outer edge is a failing input of the intermittent onset band (derive.py: failures from 1.0523e-5 inward).
    #expect(positive.end >= 1e-6 && positive.end <= 1.06e-5, "\(positive.end)")
    #expect(positive.intermittent)
    #expect(value[0].end <= -1.4142e-150 && value[0].end >= -1.4143e-150)
    #expect(positive.cause == .cancellation && positive.culprit == "1 - cos(x)")
    // derive.py: exactly 0 from 1.0536712127723507e-08 (cos rounds to 1).
    #expect(positive.doubleIsZeroFrom == 1.0536712127723507e-08)
    #expect(value[0].doubleIsZeroFrom == -1.0536712127723507e-08)
    #expect(Self.findings(r, .derivative).isEmpty)
  }

  @Test func naiveSigmoid() throws {
    let r = try Self.report("exp(x) / (1 + exp(x))")
    let value = Self.findings(r, .value)
    #expect(value.count == 1 && value[0].firstFailure == 709.7827128933841 && value[0].kind == .nan)
    #expect(value[0].cause == .overflow && value[0].culprit == "exp(x)")
    #expect(r.equivalents.map(\.id) == ["sigmoid"])
  }

  @Test func squareOverflows() throws {
    let r = try Self.report("x^2")
    let value = Self.findings(r, .value)
    #expect(value.count == 2)
    #expect(value[0].firstFailure == -1.3407807929942597e+154 && value[1].firstFailure == 1.3407807929942597e+154)
    #expect(value[1].lastPass == 1.3407807929942596e+154 && value[1].kind == .infinite && value[1].cause == .overflow)
  }

  @Test func logSumOfExponentials() throws {
    let r = try Self.report("log(exp(x) + exp(-x))")
    let value = Self.findings(r, .value)
    #expect(value.count == 2)
    #expect(value[0].firstFailure == -709.7827128933841 && value[1].firstFailure == 709.7827128933841)
    #expect(value.allSatisfy { $0.cause == .overflow })
  }

  @Test func squareRootDenominatorOverflows() throws {
    let r = try Self.report("x / sqrt(x^2 + 1)")
    let value = Self.findings(r, .value)
    // derive.py: 1.3407807929942597e+154: x^2 overflows and x / inf = 0 while the exact value is about 1.
    #expect(value.last?.firstFailure == 1.3407807929942597e+154 && value.last?.kind == .inaccurate)
    #expect(value.last?.cause == .overflow && value.last?.culprit == "x^2")
  }

  @Test func squareRootsOfNeighbours() throws {
    let r = try Self.report("sqrt(x + 1) - sqrt(x)", domain: RealInterval(0, .infinity), plot: 0...5)
    let value = Self.findings(r, .value)
    #expect(value.count == 1)
    // derive.py: dense scan 4294968668.2, plain bisection 17327650666.9.
    #expect(value[0].firstFailure >= 4.29e9 && value[0].firstFailure <= 1.74e10, "\(value[0].firstFailure)")
    #expect(value[0].cause == .cancellation && value[0].culprit == "sqrt(x + 1) - sqrt(x)")
  }

  @Test func catalogCallIsStable() throws {
    let r = try Self.report("x * sigmoid(1.702 * x)")
    #expect(r.stable)
  }

  /// Every reported first failure is a genuine failure whose reported
  /// neighbour passes, re-checked from scratch.
  @Test(arguments: ["log(1 + exp(x))", "sqrt(x^2 + 1) - x", "1 - cos(x)", "(exp(x) - 1) / x"])
  func edgesAreGenuine(_ text: String) throws {
    let e = try UserExpression(ExpressionSource(text, file: "t"), arguments: ["x"])
    let probe = SafetyProbe(expression: e, parameters: [], arguments: [0], argument: 0, roots: [e.value, e.gradient[0], e.hessian[0][0]])
    let r = SafetyAnalysis.analyze(e, parameters: [], arguments: [0], differentiatedIndex: 0, plotRange: -5...5)
    for f in r.findings {
      let c = f.component.order
      #expect(probe.check(f.firstFailure).statuses[c].isFailure)
      if let p = f.lastPass {
        #expect(probe.check(p).statuses[c] == .pass)
        #expect(Swift.abs(SafetyAnalysis.key(p) - SafetyAnalysis.key(f.firstFailure)) == 1)
      }
    }
  }
}
