@testable import LossAtlasCore
import Testing

/// The value-only evaluators (``FunctionSpec/valueEvaluator``) of the vector
/// losses the whole-domain search reads: at every parameter setting of the
/// catalog's grids and at random and hostile points, `value(p, a)` is the
/// full evaluation's value bit for bit, and throws exactly where the full
/// evaluation throws. The expected numbers are the full evaluator's, an
/// independent path through the same kernel (it also computes the gradient).
@Suite struct ValueOnlyPathTests {
  /// The functions that have the path (the search's four costliest).
  static let ids = ["cosine-embedding", "dice", "triplet-margin", "tversky"]

  @Test("exactly the four costly vector losses have a value-only path")
  func whoHasThePath() {
    #expect(Catalog.all.filter { $0.valueEvaluator != nil }.map(\.id).sorted() == Self.ids)
  }

  /// Every parameter setting of the grids (the first parameter slowest).
  static func settings(_ spec: FunctionSpec) -> [ParameterValues] {
    var settings: [[String: Double]] = [[:]]
    for p in spec.parameters {
      settings = settings.flatMap { s in p.grid.map { v in s.merging([p.name: v]) { $1 } } }
    }
    return settings.map(ParameterValues.init)
  }

  /// One element: ordinary, tiny, huge, zero, or a probe of the search's grid.
  static func element(_ rng: inout SplitMix64, unit: Bool) -> Double {
    let u = rng.nextUnit()
    switch rng.next() % 8 {
    case 0: return 0
    case 1: return unit ? 1 : [0, 1, -2, 4, 30][Int(rng.next() % 5)]
    case 2: return unit ? [0, 0.3, 0.7, 1][Int(rng.next() % 4)] : u * 0x1p-1000
    case 3: return unit ? u * 1e-300 : (u - 0.5) * 1e300
    default: return unit ? u : (u - 0.5) * 8
    }
  }

  static func vector(_ rng: inout SplitMix64, count: Int, unit: Bool) -> [Double] {
    (0..<count).map { _ in element(&rng, unit: unit) }
  }

  /// The arguments of `spec` at a random point: vectors of `count` entries
  /// (now and then one of another length, which both paths must reject).
  static func arguments(_ spec: FunctionSpec, _ rng: inout SplitMix64, count: Int) -> ArgumentValues {
    var values: [String: ArgumentValue] = [:]
    for (k, a) in spec.arguments.enumerated() {
      switch a.kind {
      case .vector:
        let n = k == 1 && rng.next() % 50 == 0 ? count + 1 : count
        values[a.name] = .vector(vector(&rng, count: n, unit: a.domain != .finite))
      case .real:
        values[a.name] = .real(rng.next() % 2 == 0 ? 1 : -1)  // cosine-embedding's label y
      case .integer:
        values[a.name] = .integer(0)
      }
    }
    return ArgumentValues(values)
  }

  @Test("value(p, a) is the full evaluation's value, bit for bit, and throws where it throws", arguments: ids)
  func sameBits(id: String) throws {
    let spec = try Catalog.function(named: id)
    var rng = SplitMix64(seed: 0x5EA2C4)
    var compared = 0
    var thrown = 0
    for p in Self.settings(spec) {
      for count in [1, 2, 3, 5] {
        for _ in 0..<400 {
          let a = Self.arguments(spec, &rng, count: count)
          let full = Result { () throws(CatalogError) in try spec.evaluate(p, a) }
          let value = Result { () throws(CatalogError) in try spec.value(p, a) }
          switch (full, value) {
          case (.success(let e), .success(let v)):
            let expected = try #require(e.value.scalarValue)
            let got = try #require(v)
            #expect(got.bitPattern == expected.bitPattern, "\(id) {\(p)} at \(a.values): \(got) vs \(expected)")
            compared += 1
          case (.failure(let e1), .failure(let e2)):
            #expect(e1 == e2, "\(id) {\(p)} at \(a.values): the two paths throw differently")
            thrown += 1
          default:
            Issue.record("\(id) {\(p)} at \(a.values): one path throws, the other does not: \(full) / \(value)")
          }
        }
      }
    }
    // Both branches were exercised (mismatched lengths throw for every id).
    #expect(compared > 1000)
    #expect(thrown > 0)
  }

  @Test("a function without the path gives its full evaluation's value")
  func fallback() throws {
    let spec = try Catalog.function(named: "cross-entropy")
    #expect(spec.valueEvaluator == nil)
    let a = ArgumentValues(["s": .vector([1, 2, 3]), "k": .integer(1)])
    let p = spec.defaultParameters
    #expect(try spec.value(p, a) == spec.evaluate(p, a).value.scalarValue)
    let softmax = try Catalog.function(named: "softmax")
    #expect(try softmax.value(softmax.defaultParameters, ArgumentValues(["z": .vector([1, 2])])) == nil)
  }
}
