import LossAtlasAnalysis
import LossAtlasCore
import Testing

/// The fact audit of the "where the textbook formula fails" points: each is
/// recomputed by an independent uniform scan of the printed formula in
/// Double (a step of 2⁻¹² from the plot centre, unlike the engine's scan,
/// bisection and dense check), which must find no failure before the point,
/// and the point itself must fail with the input just before it clean. To
/// be folded into the FactAudit suite.
@Suite struct NaiveFailureAuditTests {
  static func failure(_ id: String, _ component: String, _ direction: Int) throws -> (NaiveFailure, ScalarView, NaiveForm) {
    let spec = try Catalog.function(named: id)
    let naive = try #require(spec.naive)
    let view = spec.primaryView
    let all = FloatingPointStudy.naiveFailures(ViewSamples(view, count: 4001), naive: naive, parameters: spec.defaultParameters)
    let f = try #require(all.first { $0.component == component && $0.direction == direction })
    return (f, view, naive)
  }

  /// The audit's own failure test: more than 1% off, NaN, ±inf, or 0 in
  /// place of a nonzero value (written out again, not the engine's).
  static func fails(_ naive: Double, _ exact: Double) -> Bool {
    if exact.isNaN { return false }
    if naive.isNaN { return true }
    if naive.isInfinite || exact.isInfinite { return naive != exact }
    if naive == 0 || exact == 0 { return naive != exact }
    return abs(naive / exact - 1) > 0.01
  }

  static let cases: [(String, String, Int)] = [
    ("sigmoid", "derivative", 1), ("softplus", "value", -1), ("log-sigmoid", "value", 1), ("tanh", "derivative", 1),
    ("tanh", "derivative", -1), ("softmax", "derivative", 1), ("log-softmax", "value", 1), ("focal", "value", 1),
    ("focal", "derivative", 1), ("logistic", "value", 1), ("bce-logits", "value", 1), ("cross-entropy", "value", 1),
    ("gelu", "value", -1), ("gelu", "derivative", -1), ("gelu-tanh", "value", -1), ("mish", "value", -1),
  ]

  @Test("first naive failure: the point fails, the input before it does not, and a uniform 2^-12 scan from the centre finds none earlier", arguments: cases)
  func firstFailure(_ id: String, _ component: String, _ direction: Int) throws {
    let spec = try Catalog.function(named: id)
    let (f, view, naive) = try Self.failure(id, component, direction)
    let g = component == "value" ? naive.value(spec.defaultParameters) : naive.derivative(spec.defaultParameters)
    let exact: (Double) -> Double = { component == "value" ? view.evaluate($0).value : view.evaluate($0).d1 }
    #expect(Self.fails(g(f.x), exact(f.x)), "\(id) at \(f.x)")
    let before = direction > 0 ? f.x.nextDown : f.x.nextUp
    #expect(!Self.fails(g(before), exact(before)), "\(id) just before \(f.x)")
    let centre = (view.plotRange.lowerBound + view.plotRange.upperBound) / 2
    var x = centre
    var earliest: Double?
    while direction > 0 ? x < f.x : x > f.x {
      if Self.fails(g(x), exact(x)) {
        earliest = x
        break
      }
      x += Double(direction) * 0x1p-12
    }
    #expect(earliest == nil, "\(id): the uniform scan fails at \(earliest ?? 0) before \(f.x)")
  }

  @Test("the issue's first failures: sigmoid family 32.14, softmax family 32.83, tanh 16.76, focal 31.04 (within 0.01)")
  func issuePoints() throws {
    #expect(abs(try Self.failure("sigmoid", "derivative", 1).0.x - 32.14) < 0.01)
    #expect(abs(try Self.failure("softplus", "value", -1).0.x + 32.14) < 0.01)
    #expect(abs(try Self.failure("softmax", "derivative", 1).0.x - 32.83) < 0.01)
    #expect(abs(try Self.failure("tanh", "derivative", 1).0.x - 16.76) < 0.01)
    #expect(abs(try Self.failure("focal", "value", 1).0.x - 31.04) < 0.01)
  }

  @Test("sigmoid' = σ(1 − σ) cannot fail before 1 − σ(x) ≈ e^-x nears 100 times its rounding error 2^-53: x > ln(2^53 / 100) − 1 = 30.1, and fails intermittently after the first failure (a fraction strictly between 0 and 1 of the next unit)")
  func sigmoidBound() throws {
    let f = try Self.failure("sigmoid", "derivative", 1).0
    #expect(f.x > log(0x1p53 / 100) - 1)
    #expect(f.fractionFailingAfter > 0 && f.fractionFailingAfter < 1)
    // 1 - sigma rounds to 0 from 54 ln 2 - ish on: every input fails there until sigma' underflows.
    let a = try #require(f.alwaysFrom)
    #expect(a > f.x && a < 38)
  }
}
