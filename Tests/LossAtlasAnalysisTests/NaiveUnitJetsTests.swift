import Foundation
@testable import LossAtlasAnalysis
import LossAtlasCore
import Testing

/// The naive scans' dense checks and after-samples read the view's jets
/// through ``NaiveFailureScan/UnitJets`` (session 20, perf-facts3): where
/// the value and the derivative first fail at the same input, the second
/// reads the jets the first computed. Every failure must be the one
/// `FactsFastPathTests.referenceFirst` (the scan of main 37efac3, kept
/// verbatim there) finds with fresh evaluations; the catalog's own
/// formulas are compared by `FactsFastPathTests.naiveFailuresMatchTheReference`.
@Suite struct NaiveUnitJetsTests {
  /// Counts the view's evaluations.
  final class Counter: @unchecked Sendable { var calls = 0 }

  /// A view's jets and two naive formulas, for the value and the derivative.
  struct Case {
    let name: String
    let f: (Double) -> Jet
    let naiveValue: (Double) -> Double
    let naiveDerivative: (Double) -> Double
    let domain: RealInterval
    let centre: Double
  }

  static func logistic(_ x: Double) -> Double { x >= 0 ? 1 / (1 + exp(-x)) : exp(x) / (1 + exp(x)) }

  static func cases() -> [Case] {
    // σ written as 1/(1 + e^-x): rounds to 0 once e^-x overflows (x < -709.78),
    // and the derivative written σ(1 - σ) with that σ fails at the same input.
    let naiveSigma: (Double) -> Double = { 1 / (1 + exp(-$0)) }
    let sigmoid = Case(
      name: "sigmoid", f: { x in let s = NaiveUnitJetsTests.logistic(x); return Jet(value: s, d1: s * (1 - s), d2: 0) },
      naiveValue: naiveSigma, naiveDerivative: { x in let s = naiveSigma(x); return s * (1 - s) },
      domain: .realLine, centre: 0)
    // A stretch of NaN narrower than the scan's step (2^-10 max(1, |x|)) and
    // wider than the dense check's (2^-14) before the failure for good at
    // |x| >= 5: the dense check finds it and runs again from there (two units per part),
    // for both parts at the same inputs; and a third input, |x| = 2^40, where
    // the scan's steps are relative (2^-3 |x|).
    func holes(_ good: @escaping (Double) -> Double) -> (Double) -> Double {
      { x in
        let m = abs(x)
        return m >= 5 || (m >= 4.3 && m <= 4.3 + 1e-4) ? .nan : good(x)
      }
    }
    let square: (Double) -> Jet = { x in Jet(value: x * x + 1, d1: 2 * x, d2: 2) }
    let stretch = Case(
      name: "stretch", f: square, naiveValue: holes { $0 * $0 + 1 }, naiveDerivative: holes { 2 * $0 },
      domain: .realLine, centre: 0)
    // A finite domain, open at the top, with the failure near its end: the
    // after-sample unit is cut at the end; a NaN the view itself gives
    // (accurate NaN) below -3, where a naive NaN is no failure.
    let bounded = Case(
      name: "bounded",
      f: { x in x < -3 ? Jet(value: .nan, d1: .nan, d2: .nan) : Jet(value: log1p(-x / 8), d1: -1 / (8 - x), d2: -1 / ((8 - x) * (8 - x))) },
      naiveValue: { x in x < -3 ? .nan : log(1 - x / 8) }, naiveDerivative: { x in x > 7.9 ? .infinity : -1 / (8 - x) },
      domain: RealInterval(-8, 8, lowerClosed: true, upperClosed: false), centre: 0)
    // The value and the derivative failing at different inputs: nothing shared.
    let apart = Case(
      name: "apart", f: { x in Jet(value: exp(x), d1: exp(x), d2: exp(x)) },
      naiveValue: { x in x > 700 ? .infinity : exp(x) }, naiveDerivative: { x in x > 600 ? .infinity : exp(x) },
      domain: .realLine, centre: 0)
    return [sigmoid, stretch, bounded, apart]
  }

  @Test("the scans reading shared jets find what fresh evaluations find, every field bit for bit, and share where the inputs are the same")
  func sharedJetsMatchTheReference() {
    var compared = 0
    for c in Self.cases() {
      let counter = Counter()
      let f = c.f
      let units = NaiveFailureScan.UnitJets { x in
        counter.calls += 1
        return f(x)
      }
      // The same scans with jets of their own per part (nothing shared).
      let alone = Counter()
      let parts: [(String, (Double) -> Double, (Jet) -> Double)] = [
        ("value", c.naiveValue, { $0.value }), ("derivative", c.naiveDerivative, { $0.d1 }),
      ]
      var failures = 0
      for (component, naive, part) in parts {
        let own = NaiveFailureScan.UnitJets { x in
          alone.calls += 1
          return f(x)
        }
        for direction in [-1, 1] {
          let accurate: (Double) -> Double = { part(f($0)) }
          let shared = NaiveFailureScan.first(
            component: component, formula: component, naive: naive, accurate: accurate, centre: c.centre,
            direction: direction, domain: c.domain, jets: (units, part))
          let separate = NaiveFailureScan.first(
            component: component, formula: component, naive: naive, accurate: accurate, centre: c.centre,
            direction: direction, domain: c.domain, jets: (own, part))
          let plain = NaiveFailureScan.first(
            component: component, formula: component, naive: naive, accurate: accurate, centre: c.centre,
            direction: direction, domain: c.domain)
          let reference = FactsFastPathTests.referenceFirst(
            component: component, formula: component, naive: naive, accurate: accurate, centre: c.centre,
            direction: direction, domain: c.domain)
          for other in [shared, separate, plain] {
            #expect((other == nil) == (reference == nil), "\(c.name) \(component) \(direction)")
            guard let other, let reference else { continue }
            #expect(other.mode == reference.mode && other.alwaysMode == reference.alwaysMode, "\(c.name) \(component) \(direction)")
            #expect(
              FactsFastPathTests.bitsOf(other) == FactsFastPathTests.bitsOf(reference),
              "\(c.name) \(component) \(direction): \(other) vs \(reference)")
            compared += 1
          }
          if reference != nil { failures += 1 }
        }
      }
      #expect(failures > 0, "\(c.name): a case that finds no failure tests nothing")
      // Where the two parts fail at the same input, the derivative's dense
      // checks (16,384 inputs a unit) and after-samples (4,096) are read,
      // not evaluated; where they fail apart, nothing is shared.
      switch c.name {
      case "sigmoid": #expect(alone.calls == counter.calls + 16_384 + 4_096, "\(counter.calls) vs \(alone.calls)")
      case "stretch": #expect(alone.calls >= counter.calls + 16_384 + 4_096, "\(counter.calls) vs \(alone.calls)")
      default: #expect(alone.calls == counter.calls && counter.calls > 0, "\(c.name): \(counter.calls) vs \(alone.calls)")
      }
    }
    #expect(compared >= 8)
  }

  @Test("a unit's jets are computed once, in any order of its inputs, read by the next reader of the unit, and units are told apart by origin, step, direction and count")
  func unitJetsOnce() {
    let counter = Counter()
    let units = NaiveFailureScan.UnitJets { x in
      counter.calls += 1
      return Jet(value: x, d1: 2 * x, d2: 0)
    }
    let input = { (i: Int) in 1 + 0.5 * Double(i) / 8 }
    var first = units.reader(origin: 1, u: 0.5, direction: 1, count: 8, part: { $0.value })
    // Inputs 5 then 2 then 5 and 0: three evaluations, the skipped ones not made.
    for i in [5, 2, 5, 0] { #expect(first.value(i, input(i)) == input(i)) }
    #expect(counter.calls == 3)
    units.keep(first)
    // The next reader of the same unit reads them (another part of the same jets).
    var second = units.reader(origin: 1, u: 0.5, direction: 1, count: 8, part: { $0.d1 })
    for i in [0, 2, 5] { #expect(second.value(i, input(i)) == 2 * input(i)) }
    #expect(counter.calls == 3)
    #expect(second.value(7, input(7)) == 2 * input(7))
    #expect(counter.calls == 4)
    units.keep(second)
    // Any other origin (-0 is not +0), step, direction or count: a unit of its own.
    var others = [
      units.reader(origin: -0.0, u: 0.5, direction: 1, count: 8, part: { $0.value }),
      units.reader(origin: 0, u: 0.5, direction: 1, count: 8, part: { $0.value }),
      units.reader(origin: 1, u: 0.25, direction: 1, count: 8, part: { $0.value }),
      units.reader(origin: 1, u: 0.5, direction: -1, count: 8, part: { $0.value }),
      units.reader(origin: 1, u: 0.5, direction: 1, count: 16, part: { $0.value }),
    ]
    #expect(Set(others.map(\.slot)).count == 5)
    for k in others.indices {
      #expect(others[k].known.isEmpty)
      _ = others[k].value(0, 1)
    }
    #expect(counter.calls == 9)
    // And the first unit still holds its four jets.
    let again = units.reader(origin: 1, u: 0.5, direction: 1, count: 8, part: { $0.value })
    #expect(again.known.compactMap { $0 }.count == 4)
    #expect(!others.map(\.slot).contains(again.slot))
  }
}
