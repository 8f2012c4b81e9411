import LossAtlasCore

extension DomainSearch {
  /// ``run(_:parameters:lines:)`` at each of `settings`, the same findings
  /// in the same order, the settings searched together where the function
  /// has a settings line (``FunctionSpec/settingsLine``: a vector
  /// prediction): each probe and each midpoint is evaluated once for all
  /// settings, so what does not depend on the parameters (triplet-margin's
  /// distances, cosine-embedding's norms and dot product, tversky's sums)
  /// is formed once instead of once per setting. Elsewhere, and for a
  /// single setting, each setting is searched alone.
  ///
  /// Each setting keeps its own ``Accumulator``, fed exactly what its own
  /// search would feed it, in the same order: the probe values (the same
  /// bits through the settings line as through the value line), then the
  /// midpoint tests. Where the settings' finite probes differ (a probe
  /// finite at one setting and not at another), the midpoint pairs differ
  /// too, and each setting's midpoint tests run alone through its value line.
  static func run(_ spec: FunctionSpec, settings: [ParameterValues]) -> [DomainSearch] {
    let prediction = spec.predictionArgument
    guard settings.count > 1, let settingsLine = spec.settingsLine,
      let predictionSpec = spec.arguments.first(where: { $0.name == prediction }), predictionSpec.kind == .vector
    else { return settings.map { run(spec, parameters: $0) } }
    var searches = settings.map { Accumulator(spec: spec, parameters: $0) }
    let others = spec.arguments.filter { $0.name != prediction }
    for length in [2, 3] {
      let otherProbes = others.map { probes($0, length: length) }
      let predictionProbes = probes(predictionSpec, length: length)
      forEachCombination(otherProbes, limit: maxSettings) { combination in
        let named = zip(others, combination).map { ($0.name, $1) }
        let line = settingsLine(settings, ArgumentValues(Accumulator.base(named)))
        Accumulator.setting(&searches, others: named, prediction: predictionSpec, probes: predictionProbes, line: line)
      }
    }
    return searches.map(\.result)
  }
}

extension DomainSearch.Accumulator {
  /// One setting of the other arguments at every parameter setting of
  /// `searches` (one accumulator per parameter setting, in the order of
  /// the settings `line` was built for): the vector prediction over its
  /// probes, then the midpoint tests, each point evaluated once for all.
  static func setting(
    _ searches: inout [Self], others: [(String, DomainSearch.Probe)], prediction: ArgumentSpec,
    probes: [DomainSearch.Probe], line: SettingsLine
  ) {
    let count = searches.count
    let base = Self.base(others)
    let farFree = !others.contains { $0.1.far > 0 }
    // values[k][i]: setting k at probe i (NaN: no value, as the value line's nil).
    var values = [[Double]](repeating: [], count: count)
    var out = [Double](repeating: .nan, count: count)
    for p in probes {
      guard case .vector(let x) = p.value else {
        for k in 0..<count { values[k].append(.nan) }
        continue
      }
      line(x, &out)
      for k in 0..<count { values[k].append(out[k]) }
    }
    // Each setting's found values and finite probe vectors, as its own search forms them.
    var found = [[Found]](repeating: [], count: count)
    var finite = [[Int]](repeating: [], count: count)
    for k in 0..<count {
      for (i, p) in probes.enumerated() {
        let v = values[k][i]
        guard !v.isNaN else { continue }
        searches[k].points += 1
        found[k].append(Found(prediction: p.value, value: v, finite: p.far == 0 && farFree))
        if v.isFinite { finite[k].append(i) }
      }
    }
    let active = (0..<count).filter { !found[$0].isEmpty }
    for k in active { searches[k].settings += 1 }
    let vectors = { (indices: [Int]) -> [[Double]] in
      indices.map { i -> [Double] in
        guard case .vector(let x) = probes[i].value else { return [] }
        return x
      }
    }
    if let first = active.first, active.allSatisfy({ finite[$0] == finite[first] }) {
      // The same finite probes at every setting with a value: the same pairs.
      let tested = finite[first]
      jointMidpointTests(
        &searches, active, base: base, name: prediction.name, vectors(tested),
        values: values.map { v in tested.map { v[$0] } }, line: line)
    } else {
      for k in active {
        var at = Setting(searches[k], base: base, prediction: prediction)
        let v = Array(zip(vectors(finite[k]), finite[k].map { values[k][$0] }))
        searches[k].midpointTests(base: base, name: prediction.name, v, &at)
      }
    }
    for k in active { searches[k].keep(found[k], base: base, others: others, name: prediction.name) }
  }

  /// ``midpointTests(base:name:_:_:)`` at the settings `active` of
  /// `searches` at once, over the same probe vectors `vectors` (the finite
  /// probes of every one of them; `values[k][i]` setting k's value at
  /// vector i): the same pairs in the same order, each midpoint evaluated
  /// once through `line` for all settings, and looked up by its integer key
  /// (``MidpointKeys``) when it is a probe or an earlier midpoint; each
  /// setting records its tests as its own search would.
  static func jointMidpointTests(
    _ searches: inout [Self], _ active: [Int], base: [String: ArgumentValue], name: String, _ vectors: [[Double]],
    values: [[Double]], line: SettingsLine
  ) {
    let count = searches.count
    let names = searches[active[0]].names
    let keys = MidpointKeys(vectors)
    // The row of each known vector in `table` (count values a row), by its
    // key (-1: not met yet); no keys, no table.
    var rows = [Int](repeating: -1, count: keys?.size ?? 0)
    var table: [Double] = []
    if let keys {
      table.reserveCapacity(vectors.count * 9 * count)
      for i in vectors.indices {
        rows[keys.probe(i)] = i
        for k in 0..<count { table.append(values[k][i]) }
      }
    }
    var mid: [Double] = []
    var out = [Double](repeating: .nan, count: count)
    for i in vectors.indices {
      for step in DomainSearch.Accumulator.midpointSteps where i + step < vectors.count {
        let j = i + step
        let key = keys.map { $0.midpoint(i, j) } ?? -1
        if key >= 0, rows[key] >= 0 {
          let row = rows[key]
          for k in 0..<count { out[k] = table[row * count + k] }
        } else {
          mid.removeAll(keepingCapacity: true)
          for (x, y) in zip(vectors[i], vectors[j]) { mid.append(x / 2 + y / 2) }
          line(mid, &out)
          if key >= 0 {
            rows[key] = table.count / count
            table.append(contentsOf: out)
          }
        }
        for k in active {
          let fm = out[k]
          guard fm.isFinite else { continue }
          searches[k].points += 1
          searches[k].record(
            values[k][i], values[k][j], fm, Self.point(names, base, name, .vector(vectors[i])),
            Self.point(names, base, name, .vector(vectors[j])))
        }
      }
    }
  }
}
