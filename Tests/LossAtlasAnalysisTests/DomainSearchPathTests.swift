@testable import LossAtlasCore
import Testing

@testable import LossAtlasAnalysis

/// The whole-domain search against the search as it was before the value
/// lines and the integer midpoint keys (``ReferenceDomainSearch``, main's
/// code kept in the tests): every field the pages and data exports read is
/// the same, at every parameter setting, for the vector losses with a value
/// line (triplet-margin, cosine-embedding, dice, tversky), a vector loss
/// without one (cross-entropy) and scalar losses of several arguments.
@Suite struct DomainSearchPathTests {
  @Test(
    "the search finds what the search before it found",
    arguments: [
      "cosine-embedding", "triplet-margin", "dice", "tversky", "kl-div", "cross-entropy", "huber", "gaussian-nll", "poisson-nll",
    ])
  func sameAsBefore(id: String) throws {
    let spec = try Catalog.function(named: id)
    #expect(CatalogAnalysis.hasSeveralArguments(spec))
    for p in ParameterGrid.settings(spec) {
      let now = DomainSearch.run(spec, parameters: p)
      let before = ReferenceDomainSearch.run(spec, parameters: p)
      #expect(now.points > 0)
      #expect(DomainSearchValuePathTests.fields(now) == DomainSearchValuePathTests.fields(before), "\(id) {\(p)}")
    }
  }

  /// Through the line, through the value-only evaluator with an argument
  /// dictionary per probe, and through the full evaluator: the same.
  @Test("a value line finds what the evaluators find", arguments: ["cosine-embedding", "dice", "triplet-margin", "tversky", "kl-div"])
  func linePath(id: String) throws {
    let spec = try Catalog.function(named: id)
    #expect(spec.valueLine != nil)
    var full = spec
    full.valueEvaluator = nil
    full.valueLine = nil
    for p in ParameterGrid.settings(spec) {
      let line = DomainSearch.run(spec, parameters: p)
      let value = DomainSearch.run(spec, parameters: p, lines: false)
      let slow = DomainSearch.run(full, parameters: p)
      #expect(DomainSearchValuePathTests.fields(line) == DomainSearchValuePathTests.fields(value), "\(id) {\(p)}")
      #expect(DomainSearchValuePathTests.fields(line) == DomainSearchValuePathTests.fields(slow), "\(id) {\(p)}")
    }
  }
}

/// The settings of one function searched together
/// (``DomainSearch/run(_:settings:)``, the path `CatalogAnalysis` takes:
/// through the settings line where the function has one, each probe and
/// midpoint evaluated once for all its settings) against the search as it
/// was on main before (``ReferenceDomainSearch``), one setting at a time:
/// every field, at every setting.
@Suite struct DomainSearchSettingsTests {
  static let withLine = ["cosine-embedding", "triplet-margin", "tversky"]

  @Test(
    "settings searched together find what each setting's search found before",
    arguments: ["triplet-margin", "cosine-embedding", "tversky", "dice", "huber"])
  func sameAsBefore(id: String) throws {
    let spec = try Catalog.function(named: id)
    let settings = ParameterGrid.settings(spec)
    #expect(settings.count > 1)
    // Three go through their settings line; dice (no line: its smoothing
    // changes its scaling) and the scalar huber each setting alone.
    #expect((spec.settingsLine != nil) == Self.withLine.contains(id))
    let together = DomainSearch.run(spec, settings: settings)
    #expect(together.count == settings.count)
    for (p, now) in zip(settings, together) {
      let before = ReferenceDomainSearch.run(spec, parameters: p)
      #expect(now.points > 0)
      #expect(DomainSearchValuePathTests.fields(now) == DomainSearchValuePathTests.fields(before), "\(id) {\(p)}")
    }
  }

  /// Where a probe has a value at one setting and not at another, the
  /// settings' midpoint pairs differ, and each setting's midpoint tests
  /// run alone. Tversky made to refuse (NaN, which the search skips) every
  /// prediction whose first element is 0.3 at its first setting only,
  /// through its value, value line and settings line alike: searched
  /// together, the same as each setting searched alone.
  @Test func settingsWithDifferentProbes() throws {
    let spec = try Catalog.function(named: "tversky")
    let settings = ParameterGrid.settings(spec)
    let refused = settings[0]
    let value = try #require(spec.valueEvaluator)
    let line = try #require(spec.valueLine)
    let joint = try #require(spec.settingsLine)
    var odd = spec
    odd.valueEvaluator = { p, args throws(CatalogError) in
      if p == refused && args.vector("p").first == 0.3 { return .nan }
      return try value(p, args)
    }
    odd.valueLine = { p, others in
      let inner = line(p, others)
      guard p == refused else { return inner }
      return { x in x.first == 0.3 ? .nan : inner(x) }
    }
    odd.settingsLine = { ps, others in
      let inner = joint(ps, others)
      return { x, values in
        inner(x, &values)
        for (k, p) in ps.enumerated() where p == refused && x.first == 0.3 { values[k] = .nan }
      }
    }
    let together = DomainSearch.run(odd, settings: settings)
    let alone = settings.map { DomainSearch.run(odd, parameters: $0) }
    #expect(together.map(DomainSearchValuePathTests.fields) == alone.map(DomainSearchValuePathTests.fields))
    // The refusal took effect at the first setting, and only there.
    let plain = settings.map { DomainSearch.run(spec, parameters: $0) }
    #expect(together[0].points < plain[0].points)
    #expect(together.dropFirst().map(\.points) == plain.dropFirst().map(\.points))
  }
}

/// The midpoint table's integer keys: over the search's own probe vectors
/// (lengths 2 and 3 of both element grids) and the midpoints of every pair
/// of them, two vectors get the same key exactly when their elements have
/// the same bits (the old table's key).
@Suite struct MidpointKeysTests {
  static func probeVectors(_ domain: ArgumentDomain, length: Int) -> [[Double]] {
    let spec = ArgumentSpec(name: "v", kind: .vector, domain: domain, summary: "")
    return DomainSearch.probes(spec, length: length).map {
      guard case .vector(let v) = $0.value else { return [] }
      return v
    }
  }

  @Test(arguments: [2, 3])
  func keysAreBitPatterns(length: Int) throws {
    for domain in [ArgumentDomain.finite, .unit] {
      let vectors = Self.probeVectors(domain, length: length)
      // The grids: 0, 1, -2, 4, 30 on the real line; 0, 0.3, 0.7, 1 in [0, 1].
      let gridSize = domain == .finite ? 5 : 4
      #expect(vectors.count == (length == 2 ? gridSize * gridSize : gridSize * gridSize * gridSize))
      let keys = try #require(MidpointKeys(vectors))
      var byKey: [Int: [UInt64]] = [:]
      var byBits: [[UInt64]: Int] = [:]
      func check(_ key: Int, _ v: [Double]) {
        let bits = v.map(\.bitPattern)
        if let seen = byKey[key] { #expect(seen == bits, "key \(key): \(seen) and \(bits)") } else { byKey[key] = bits }
        if let seen = byBits[bits] { #expect(seen == key, "\(v): keys \(seen) and \(key)") } else { byBits[bits] = key }
      }
      for (i, v) in vectors.enumerated() { check(keys.probe(i), v) }
      for i in vectors.indices {
        for j in vectors.indices {
          check(keys.midpoint(i, j), zip(vectors[i], vectors[j]).map { $0 / 2 + $1 / 2 })
        }
      }
      // Midpoints that are probes ((-2 + 4)/2 = 1) and repeated midpoints were met.
      #expect(byBits.count < vectors.count + vectors.count * vectors.count)
      #expect(byKey.count == byBits.count)
    }
  }

  @Test func hostileElements() throws {
    // -0 and +0 differ in bits, so in key; subnormal halves round.
    let vectors: [[Double]] = [[0, -0.0], [-0.0, 0], [0x1p-1074, 1], [-0x1p-1074, 1], [1e308, -1e308], [3, 3]]
    let keys = try #require(MidpointKeys(vectors))
    var byBits: [[UInt64]: Int] = [:]
    var byKey: [Int: [UInt64]] = [:]
    for i in vectors.indices {
      for j in vectors.indices {
        let bits = zip(vectors[i], vectors[j]).map { ($0 / 2 + $1 / 2).bitPattern }
        let key = keys.midpoint(i, j)
        if let k = byBits[bits] { #expect(k == key) } else { byBits[bits] = key }
        if let b = byKey[key] { #expect(b == bits) } else { byKey[key] = bits }
      }
      let bits = vectors[i].map(\.bitPattern)
      if let k = byBits[bits] { #expect(k == keys.probe(i)) } else { byBits[bits] = keys.probe(i) }
      if let b = byKey[keys.probe(i)] { #expect(b == bits) } else { byKey[keys.probe(i)] = bits }
    }
    #expect(keys.probe(0) != keys.probe(1))
    // Vectors of different lengths: no keys (the search then evaluates every midpoint).
    #expect(MidpointKeys([[1, 2], [1]]) == nil)
  }
}
