import LossAtlasAnalysis
import LossAtlasCore
import Testing

/// Hand-known facts behind the statements issue 8 corrects (each
/// expectation says where it comes from).
@Suite struct TruthPagesHandKnownTests {
  static func naive(_ id: String) throws -> [NaiveFailure] {
    let spec = try Catalog.function(named: id)
    return FloatingPointStudy.naiveFailures(
      ViewSamples(spec.primaryView, count: 4001), naive: try #require(spec.naive), parameters: spec.defaultParameters)
  }

  @Test("kl-div: the printed naive formula is accurate until e^x overflows at ln(Double.max) = 709.78, then NaN (inf/inf); f' = 0 at the minimiser s0 = ln 3 (softmax = q there)")
  func klDiv() throws {
    let failures = try Self.naive("kl-div")
    let right = try #require(failures.first { $0.component == "value" && $0.direction == 1 })
    #expect(right.mode == .nan)
    #expect(abs(right.x - log(Double.greatestFiniteMagnitude)) < 1e-12)
    // The printed formula at 36.7368 (where the old closure's 1 - p0 went wrong) is within 1e-15 of the exact value.
    let spec = try Catalog.function(named: "kl-div")
    let naive = try #require(spec.naive).value(spec.defaultParameters)
    let exact = spec.primaryView.evaluate(36.736801).value
    #expect(abs(naive(36.736801) - exact) <= 1e-15 * exact)
    let p = PropertyEngine.analyze(spec, parameters: spec.defaultParameters, viewIndex: 0)
    #expect(p.zeroAtCorrect == .attained)
    #expect(p.gradientZeroAtMinimum)
    if case .point(let x) = p.infimum.locations.first { #expect(abs(x - log(3.0)) < 1e-9) } else { Issue.record("no point minimiser") }
  }

  @Test("gelu: 1 + erf(x/√2) is still 3.6e-9 at x = −5.9 (2Φ(−5.9)) and is exactly 0 in Double from x = −8.37 (where erf rounds to −1: 2Φ(x) < 2^-53)")
  func geluSubexpression() throws {
    let f = try #require(try Self.naive("gelu").first { $0.component.hasPrefix("in ") && $0.direction == -1 })
    let zero = try #require(f.zeroFrom)
    #expect(zero < -8.3 && zero > -8.45)
    // 2 Phi(-5.9) = erfc(5.9 / sqrt 2) = 3.63e-9.
    #expect(abs((1 + erf(-5.9 / 2.0.squareRoot())) - 3.63e-9) < 0.01e-9)
    #expect(1 + erf(zero / 2.0.squareRoot()) == 0)
    #expect(1 + erf(zero.nextUp / 2.0.squareRoot()) != 0)
  }

  @Test("gelu-tanh: 1 + tanh(u) is exactly 0 from x = −7.20; the naive derivative is still 1 at 5.6e102 (x^3 overflows, tanh = 1, (1 − T²) x = 0) and NaN from 1.34e154 (x² overflows: 0 · ∞)")
  func geluTanhSubexpression() throws {
    let failures = try Self.naive("gelu-tanh")
    let sub = try #require(failures.first { $0.component.hasPrefix("in ") && $0.direction == -1 })
    let zero = try #require(sub.zeroFrom)
    #expect(abs(zero + 7.2) < 0.01)
    let spec = try Catalog.function(named: "gelu-tanh")
    let d = try #require(spec.naive).derivative(spec.defaultParameters)
    #expect(d(5.6e102) == 1)
    let nanFrom = try #require(failures.first { $0.component == "derivative" && $0.direction == 1 })
    #expect(nanFrom.mode == .nan)
    // The first x whose square overflows: sqrt(Double.max) to within an ulp or two.
    #expect(abs(nanFrom.x / Double.greatestFiniteMagnitude.squareRoot() - 1) < 1e-15)
    #expect(nanFrom.x * nanFrom.x == .infinity && nanFrom.x.nextDown * nanFrom.x.nextDown < .infinity)
  }

  @Test("GELU attribution: gelu names BERT's first (erf) code, gelu-tanh GPT / GPT-2's (tanh) code, consistently")
  func attribution() throws {
    let gelu = try Catalog.function(named: "gelu").summary
    let tanh = try Catalog.function(named: "gelu-tanh").summary
    #expect(gelu.contains("BERT") && gelu.contains("erf form") && !gelu.contains("activation of BERT and GPT-2"))
    #expect(tanh.contains("GPT-2") && !tanh.contains("original BERT"))
  }
}
