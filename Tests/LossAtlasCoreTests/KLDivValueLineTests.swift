@testable import LossAtlasCore
import Testing

/// kl-div's value line (session 24, facts-scans): q read, summed and
/// checked once per setting of the whole-domain search, then the value of
/// ``KLDiv/evaluation(_:_:)`` at each s. The old path, the entry's
/// evaluator (``FunctionSpec/evaluate(_:_:)``, which sums and checks q at
/// every call and throws), is the reference: the line must give its value
/// bit for bit and nil exactly where it throws, over the search's own grid
/// and hostile targets and scores.
@Suite struct KLDivValueLineTests {
  /// The search's targets (every vector of length 2 and 3 from 0, 0.3, 0.7
  /// and 1, of which 13 sum to 1) and hostile ones: sums just inside and
  /// outside 1 ± 1e-9, NaN, ±inf, −0, subnormal and negative entries, and
  /// lengths 1 to 4 against scores of another length.
  static func targets() -> [[Double]] {
    let grid = [0, 0.3, 0.7, 1.0]
    var out: [[Double]] = []
    for length in [2, 3] {
      var vs: [[Double]] = [[]]
      for _ in 0..<length { vs = vs.flatMap { v in grid.map { v + [$0] } } }
      out += vs
    }
    let sub = Double.leastNonzeroMagnitude
    out += [
      [1], [0.25, 0.25, 0.25, 0.25], [0.5, 0.5 + 0.9e-9], [0.5, 0.5 + 1.1e-9], [0.5, 0.5 - 0.9e-9], [0.5, 0.5 - 1.1e-9],
      [1, .nan], [.nan, 0], [1, .infinity], [-.infinity, 1], [-0.0, 1], [1, -0.0], [sub, 1], [1 - sub, sub], [2, -1],
      [1e300, -1e300, 1], [0.75, 0.25], [-0.0, -0.0, 1],
    ]
    return out
  }

  /// Scores: the search's grid (0, 1, −2, 4, 30) and its midpoints, and
  /// NaN, ±inf, ±0, subnormals and ±1e300.
  static func scores(length: Int) -> [[Double]] {
    let grid = [0, 1, -2, 4, 30, 0.5, -0.5, 2.5, 15]
    var vs: [[Double]] = [[]]
    for _ in 0..<length { vs = vs.flatMap { v in grid.map { v + [$0] } } }
    let hostile: [Double] = [.nan, .infinity, -.infinity, -0.0, Double.leastNonzeroMagnitude, 1e300, -1e300]
    for h in hostile {
      vs.append([Double](repeating: h, count: length))
      vs.append([h] + [Double](repeating: 1, count: length - 1))
    }
    return vs
  }

  @Test("the line is the evaluator's value bit for bit, nil exactly where the evaluator throws, call after call")
  func sameAsTheEvaluator() throws {
    let spec = try Catalog.function(named: "kl-div")
    let makeLine = try #require(spec.valueLine)
    let p = spec.defaultParameters
    var compared = 0
    var rejected = 0
    for q in Self.targets() {
      let line = makeLine(p, ArgumentValues(["q": .vector(q)]))
      for length in [1, 2, 3, 4] where length <= 3 || q.count == 4 {
        for s in Self.scores(length: length) {
          let args = ArgumentValues(["s": .vector(s), "q": .vector(q)])
          let full = Result { () throws(CatalogError) in try spec.evaluate(p, args) }
          let got = line(s)
          switch full {
          case .success(let e):
            let expected = try #require(e.value.scalarValue)
            #expect(got?.bitPattern == expected.bitPattern, "q = \(q), s = \(s): \(String(describing: got)) vs \(expected)")
            compared += 1
          case .failure:
            #expect(got == nil, "q = \(q), s = \(s): the evaluator throws, the line gives \(String(describing: got))")
            rejected += 1
          }
        }
      }
    }
    #expect(compared > 1000)
    #expect(rejected > 1000)
  }
}
