@testable import LossAtlasCore
import Testing

@testable import LossAtlasAnalysis

/// The whole-domain search's settings of the other arguments: every
/// combination, in odometer order, up to the cap; above it an evenly
/// strided subset that still spreads over every list.
@Suite struct DomainSearchCombinationTests {
  static func probes(_ n: Int) -> [DomainSearch.Probe] {
    (0..<n).map { DomainSearch.Probe(value: .integer($0), far: 0, end: 0) }
  }

  static func index(_ probe: DomainSearch.Probe) -> Int {
    guard case .integer(let i) = probe.value else { return -1 }
    return i
  }

  /// The combinations `forEachCombination` calls its body with, as indices.
  static func combinations(_ lists: [[DomainSearch.Probe]], limit: Int) -> [[Int]] {
    var out: [[Int]] = []
    DomainSearch.forEachCombination(lists, limit: limit) { combination in
      out.append(combination.map(index))
    }
    return out
  }

  @Test func everyCombinationInOdometerOrderUpToTheCap() {
    var expected: [[Int]] = []
    for i in 0..<3 {
      for j in 0..<4 { expected.append([i, j]) }
    }
    #expect(Self.combinations([Self.probes(3), Self.probes(4)], limit: 12) == expected)
    #expect(Self.combinations([Self.probes(3), Self.probes(4)], limit: .max) == expected)
    // No lists: one empty setting; an empty list: none.
    #expect(Self.combinations([], limit: 5) == [[]])
    #expect(Self.combinations([Self.probes(2), []], limit: 5).isEmpty)
  }

  /// triplet-margin's two other vectors of length 3: 125 x 125 = 15,625
  /// settings under the cap of 256 give every ceil(15,625 / 256) = 62nd.
  @Test func anEvenlyStridedSubsetAboveTheCap() {
    let all = Self.combinations([Self.probes(125), Self.probes(125)], limit: .max)
    #expect(all.count == 15_625)
    let capped = Self.combinations([Self.probes(125), Self.probes(125)], limit: DomainSearch.maxSettings)
    #expect(DomainSearch.maxSettings == 256)
    #expect(capped.count == 253)  // indices 0, 62, ..., 62 x 252 = 15,624
    #expect(capped == stride(from: 0, to: 15_625, by: 62).map { all[$0] })
    #expect(capped.count <= DomainSearch.maxSettings)
    // Both lists are covered: every value of the first, most of the second.
    #expect(Set(capped.map { $0[0] }).count == 125)
    #expect(Set(capped.map { $0[1] }).count > 100)
  }
}

/// The whole-domain search reads a vector prediction's value through the
/// value-only path (``FunctionSpec/value(_:_:)``): it finds exactly what it
/// finds through the full evaluations (the same points, settings, witnesses,
/// violations and slopes), at every parameter setting of dice and tversky.
@Suite struct DomainSearchValuePathTests {
  /// Every field of a search as text (`==` compares only some of them).
  static func fields(_ s: DomainSearch) -> String {
    func w(_ x: Witness?) -> String { x.map { "\($0.point) -> \($0.value.bitPattern)" } ?? "nil" }
    func d(_ x: (Witness, argument: String, end: Double)?) -> String { x.map { "\(w($0.0)) \($0.argument) \($0.end)" } ?? "nil" }
    func v(_ x: (a: ArgumentPoint, b: ArgumentPoint)?) -> String { x.map { "\($0.a) | \($0.b)" } ?? "nil" }
    return [
      "\(s.points)", "\(s.settings)", w(s.lowest), w(s.highest), d(s.fallsWithout), d(s.risesWithout), w(s.negative),
      v(s.convexViolation), v(s.concaveViolation), "\(s.slopePositive)", "\(s.slopeNegative)", w(s.steepest),
    ].joined(separator: "\n")
  }

  @Test(arguments: ["dice", "tversky"])
  func sameFindings(id: String) throws {
    let spec = try Catalog.function(named: id)
    #expect(spec.valueEvaluator != nil)
    var full = spec
    full.valueEvaluator = nil
    full.valueLine = nil
    for p in ParameterGrid.settings(spec) {
      // The value-only evaluator, not the line (DomainSearchPathTests has those).
      let fast = DomainSearch.run(spec, parameters: p, lines: false)
      let slow = DomainSearch.run(full, parameters: p)
      #expect(fast.points > 0)
      #expect(Self.fields(fast) == Self.fields(slow), "\(id) {\(p)}")
    }
  }
}
