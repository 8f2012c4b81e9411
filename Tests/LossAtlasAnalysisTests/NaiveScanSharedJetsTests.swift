import LossAtlasAnalysis
import LossAtlasCore
import Testing

/// `FloatingPointStudy.naiveFailures` evaluates the view's jet once per
/// scan point for the value scan and the derivative scan together: the
/// failures must be those of scanning each part on its own (every part
/// evaluating the view itself at each point), field for field.
@Suite struct NaiveScanSharedJetsTests {
  static let ids: [String] = Catalog.all.filter { $0.naive != nil }.map(\.id)

  @Test("shared jets give the failures of separate scans", arguments: ids)
  func sameFailures(id: String) throws {
    let spec = try Catalog.function(named: id)
    let naive = try #require(spec.naive)
    let view = spec.primaryView
    let p = spec.defaultParameters
    let shared = FloatingPointStudy.naiveFailures(ViewSamples(view, count: 4001), naive: naive, parameters: p)
    // Each part on its own, as the scan was written before: no scan given.
    let centre = (view.plotRange.lowerBound + view.plotRange.upperBound) / 2
    var parts: [(String, String, (Double) -> Double, (Double) -> Double)] = [
      ("value", naive.valueFormula, naive.value(p), { view.evaluate($0).value }),
      ("derivative", naive.derivativeFormula, naive.derivative(p), { view.evaluate($0).d1 }),
    ]
    for i in naive.intermediates { parts.append(("in " + i.within, i.formula, i.naive(p), i.accurate(p))) }
    var separate: [NaiveFailure] = []
    for (component, formula, g, stable) in parts {
      for direction in [-1, 1] {
        if let f = NaiveFailureScan.first(
          component: component, formula: formula, naive: g, accurate: stable, centre: centre, direction: direction,
          domain: view.domain)
        {
          separate.append(f)
        }
      }
    }
    #expect(shared.count == separate.count)
    for (a, b) in zip(shared, separate) {
      #expect(Self.same(a, b), "\(id) \(a.component) \(a.direction): \(a) against \(b)")
    }
  }

  /// Field for field, Doubles by their bits (a NaN naive value is a NaN in both).
  static func same(_ a: NaiveFailure, _ b: NaiveFailure) -> Bool {
    func bits(_ v: Double?) -> UInt64? { v?.bitPattern }
    return a.component == b.component && a.formula == b.formula && a.direction == b.direction && bits(a.x) == bits(b.x)
      && a.mode == b.mode && bits(a.naive) == bits(b.naive) && bits(a.stable) == bits(b.stable)
      && bits(a.unit) == bits(b.unit) && bits(a.fractionFailingAfter) == bits(b.fractionFailingAfter)
      && bits(a.alwaysFrom) == bits(b.alwaysFrom) && bits(a.alwaysTo) == bits(b.alwaysTo) && a.alwaysMode == b.alwaysMode
      && bits(a.zeroFrom) == bits(b.zeroFrom)
  }

  @Test("the catalog has naive forms with failures to compare")
  func someFailures() {
    #expect(Self.ids.count >= 15)
  }
}
