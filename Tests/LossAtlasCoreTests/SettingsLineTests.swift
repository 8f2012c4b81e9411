@testable import LossAtlasCore
import Testing

/// The settings lines (``FunctionSpec/settingsLine``) of triplet-margin,
/// cosine-embedding and tversky: one line for many parameter settings,
/// called with many predictions in a row, sets each setting's entry to the
/// full evaluation's value at that setting bit for bit, and NaN exactly
/// where the full evaluation throws. The expected numbers are the full
/// evaluator's (``FunctionSpec/evaluate(_:_:)``, a fresh evaluation per
/// point and setting), not the line's own code.
@Suite struct SettingsLineTests {
  static let ids = ["cosine-embedding", "triplet-margin", "tversky"]

  /// The catalog's grid settings and hostile ones: margins far below and
  /// above the distances and near the ends of their range; weights 0 (a
  /// denominator that can vanish with smooth 0) and huge.
  static func settings(_ spec: FunctionSpec) -> [ParameterValues] {
    let extra: [[String: Double]]
    switch spec.id {
    case "triplet-margin":
      extra = [["margin": 1e-300], ["margin": 1e300], ["margin": 0x1p-60], ["margin": 3], ["margin": 5e-324]]
    case "cosine-embedding":
      extra = [["margin": -1], ["margin": 1], ["margin": 0.999999], ["margin": -0.999999], ["margin": 1e-300]]
    case "tversky":
      extra = [
        ["alpha": 0, "beta": 0, "smooth": 0], ["alpha": 1, "beta": 0, "smooth": 0], ["alpha": 1e300, "beta": 1e-300, "smooth": 1],
        ["alpha": 0.5, "beta": 0.5, "smooth": 1e-300],
      ]
    default: extra = []
    }
    return ValueOnlyPathTests.settings(spec) + extra.map(ParameterValues.init)
  }

  /// The full evaluation's value at `p`, NaN where it throws.
  static func expected(_ spec: FunctionSpec, _ p: ParameterValues, _ all: [String: ArgumentValue]) -> Double {
    guard let e = try? spec.evaluate(p, ArgumentValues(all)), let v = e.value.scalarValue else { return .nan }
    return v
  }

  @Test("exactly the three vector losses whose settings share their sums have a settings line")
  func whoHasTheLine() {
    #expect(Catalog.all.filter { $0.settingsLine != nil }.map(\.id).sorted() == Self.ids)
  }

  @Test("a settings line gives each setting's full value, bit for bit, call after call", arguments: ids)
  func sameBits(id: String) throws {
    let spec = try Catalog.function(named: id)
    let makeLine = try #require(spec.settingsLine)
    let prediction = spec.predictionArgument
    let settings = Self.settings(spec)
    var rng = SplitMix64(seed: 0x5E771)
    var compared = 0
    var rejected = 0
    for count in [1, 2, 3, 5] {
      for _ in 0..<40 {
        // The other arguments (now and then of another length, or all zeros).
        var others = ValueOnlyPathTests.arguments(spec, &rng, count: count).values
        others[prediction] = nil
        let line = makeLine(settings, ArgumentValues(others))
        var values = [Double](repeating: 0, count: settings.count)
        for _ in 0..<12 {
          let n = rng.next() % 40 == 0 ? count + 1 : count
          let x: [Double] =
            rng.next() % 30 == 0
            ? [Double](repeating: 0, count: n)
            : ValueOnlyPathTests.vector(&rng, count: n, unit: ValueLineTests.unit(spec))
          var all = others
          all[prediction] = .vector(x)
          line(x, &values)
          for (k, p) in settings.enumerated() {
            let want = Self.expected(spec, p, all)
            if want.isNaN {
              #expect(values[k].isNaN, "\(id) {\(p)} at \(all): the evaluator throws, the line gives \(values[k])")
              rejected += 1
            } else {
              #expect(values[k].bitPattern == want.bitPattern, "\(id) {\(p)} at \(all): \(values[k]) vs \(want)")
              compared += 1
            }
          }
        }
      }
    }
    #expect(compared > 10_000)
    #expect(rejected > 0)
  }

  /// Points where the loss's sign is decided exactly or its value cancels:
  /// triplets with d_p - d_n = -m (the hinge's kink) at each margin, nearly
  /// and exactly parallel or opposite vectors for cosine-embedding, masks
  /// at 0 and 1 and 1e-300 for tversky; in one line, all the settings.
  @Test("a settings line gives each setting's full value at hostile points", arguments: ids)
  func hostile(id: String) throws {
    let spec = try Catalog.function(named: id)
    let makeLine = try #require(spec.settingsLine)
    let settings = Self.settings(spec)
    var cases: [(others: [String: ArgumentValue], predictions: [[Double]])] = []
    let tiny = 0x1p-1074
    switch id {
    case "triplet-margin":
      // a = [0, 0], p at distance 1 or 5, n at distance d_p + m (the kink) and one ulp either side.
      for m in settings.map({ $0["margin"] }) {
        for (p, dp) in [([1.0, 0.0], 1.0), ([3.0, 4.0], 5.0), ([1e-300, 0.0], 1e-300)] {
          let dn = dp + m
          cases.append(
            (["p": .vector(p), "n": .vector([dn, 0])], [[0, 0], [0, tiny], [-0.0, 0], [dn.nextUp, 0], [1e300, -1e300]]))
          cases.append((["p": .vector(p), "n": .vector([dn.nextDown, 0])], [[0, 0], [tiny, 0]]))
          cases.append((["p": .vector(p), "n": .vector([0, dn.nextUp])], [[0, 0], [0, -0.0]]))
        }
      }
    case "cosine-embedding":
      for y in [1.0, -1.0] {
        for b in [[1.0, 0.0], [1.0, 1.0], [1e-300, 1e300], [-3.0, 4.0], [0.0, 0.0]] {
          cases.append(
            (
              ["b": .vector(b), "y": .real(y)],
              [
                b, b.map { -$0 }, b.map { 2 * $0 }, [b[0], b[1].nextUp], [b[1], -b[0]], [tiny, 0], [0, 0], [1e308, -1e308],
                [0.5, sqrt(0.75)], [-0.5, sqrt(0.75)],
              ]
            ))
        }
      }
    default:
      for y in [[0.0, 0.0], [1.0, 1.0], [1.0, 0.0], [1e-300, 1.0], [0.3, 0.7]] {
        cases.append((["y": .vector(y)], [[0, 0], [1, 1], [0, 1], [1e-300, 0], [tiny, tiny], [0.3, 0.7], [1, 0, 1]]))
      }
    }
    var compared = 0
    for c in cases {
      let line = makeLine(settings, ArgumentValues(c.others))
      var values = [Double](repeating: 0, count: settings.count)
      for x in c.predictions {
        var all = c.others
        all[spec.predictionArgument] = .vector(x)
        line(x, &values)
        for (k, p) in settings.enumerated() {
          let want = Self.expected(spec, p, all)
          #expect(
            values[k].bitPattern == want.bitPattern || (values[k].isNaN && want.isNaN),
            "\(id) {\(p)} at \(all): \(values[k]) vs \(want)")
          compared += 1
        }
      }
    }
    #expect(compared > 100)
  }
}
