@testable import LossAtlasAnalysis
@testable import LossAtlasCore

/// The whole-domain search as it was before the value lines and the
/// integer midpoint keys (main at cca7f35, `DomainSearch.run` and its
/// `Accumulator`, copied verbatim but for the names): a vector prediction
/// evaluated through `FunctionSpec.value` with an argument dictionary per
/// probe, the midpoint table keyed by arrays of bit patterns. The tests
/// compare every field of the current search with this one.
enum ReferenceDomainSearch {
  typealias Probe = DomainSearch.Probe

  static func run(_ spec: FunctionSpec, parameters: ParameterValues) -> DomainSearch {
    var search = Accumulator(spec: spec, parameters: parameters)
    let prediction = spec.predictionArgument
    guard let predictionSpec = spec.arguments.first(where: { $0.name == prediction }) else { return search.result }
    let others = spec.arguments.filter { $0.name != prediction }
    let hasVectors = spec.arguments.contains { $0.kind == .vector }
    let lengths = hasVectors ? [2, 3] : [0]
    for length in lengths {
      let otherProbes = others.map { DomainSearch.probes($0, length: length) }
      var predictionProbes = DomainSearch.probes(predictionSpec, length: length)
      if predictionSpec.kind == .real {
        predictionProbes.sort { $0.value.real < $1.value.real }
      }
      // Real and label arguments keep every combination (gaussian-nll's
      // infimum -inf needs them all); only vector probes are capped.
      DomainSearch.forEachCombination(otherProbes, limit: hasVectors ? DomainSearch.maxSettings : .max) { combination in
        search.setting(
          others: zip(others, combination).map { ($0.name, $1) }, prediction: predictionSpec,
          probes: predictionProbes)
      }
    }
    return search.result
  }

  struct Accumulator {
    let spec: FunctionSpec
    let parameters: ParameterValues
    var points = 0
    var settings = 0
    var lowest: Witness?
    var highest: Witness?
    var negative: Witness?
    var convexViolation: (a: ArgumentPoint, b: ArgumentPoint)?
    var concaveViolation: (a: ArgumentPoint, b: ArgumentPoint)?
    var slopePositive = false
    var slopeNegative = false
    var steepest: Witness?
    /// Per outermost-probe direction (the argument, its end, the other
    /// coordinates): the lowest (highest) value over the prediction at the
    /// outer probe, with its witness, and at the inner one.
    typealias FarEntry = (outer: Witness?, inner: Double?, argument: String, end: Double)
    var farLow: [String: FarEntry] = [:]
    var farHigh: [String: FarEntry] = [:]
    /// The keys of `farLow` / `farHigh` in the order first met (the
    /// probes' order: the simplest coordinates first).
    var farKeys: [String] = []

    /// Whether the prediction argument is real: only then is its
    /// derivative read (a vector prediction's gradient is a vector).
    let slopes: Bool

    init(spec: FunctionSpec, parameters: ParameterValues) {
      self.spec = spec
      self.parameters = parameters
      slopes = spec.arguments.first { $0.name == spec.predictionArgument }?.kind == .real
    }

    var names: [String] { spec.arguments.map(\.name) }

    /// The point of the other arguments `base` with the prediction `name` at `value`.
    func point(_ base: [String: ArgumentValue], _ name: String, _ value: ArgumentValue) -> ArgumentPoint {
      Self.point(names, base, name, value)
    }

    static func point(
      _ names: [String], _ base: [String: ArgumentValue], _ name: String, _ value: ArgumentValue
    ) -> ArgumentPoint {
      ArgumentPoint(names: names, values: names.map { $0 == name ? value : base[$0]! })
    }

    /// f and its derivative in a real prediction argument (nil when the
    /// function rejects the point).
    func evaluate(_ args: [String: ArgumentValue]) -> (value: Double, slope: Double?)? {
      // Every probe lies inside its argument's domain by construction, so
      // the per-argument validation is skipped; conditions that involve
      // several arguments (q summing to 1, k below the length) still throw.
      if !slopes {
        // A vector prediction has no slope to read: the value alone, without
        // the gradient where the function has that path (the same bits;
        // the gradients were half or more of the search's evaluations).
        guard let v = try? spec.value(parameters, ArgumentValues(args)), !v.isNaN else { return nil }
        return (v, nil)
      }
      guard let e = try? spec.evaluate(parameters, ArgumentValues(args)), let v = e.value.scalarValue, !v.isNaN
      else { return nil }
      return (v, e.gradient(spec.predictionArgument)?.scalarValue)
    }

    /// A value found with the prediction at `prediction` (the other
    /// arguments those of the setting); `finite` when no coordinate is an
    /// outermost probe. Only the prediction is kept: the point is built
    /// (``point(_:_:_:)``) for the few values that become witnesses, and the
    /// setting's argument dictionary is changed in place from probe to probe
    /// instead of copied for each (building a point for every probe was 4%
    /// of `generate`; a dictionary copy per probe, as much again).
    struct Found {
      let prediction: ArgumentValue
      let value: Double
      let finite: Bool
    }

    /// The arguments of one setting with the prediction changed in place
    /// (the dictionary stays uniquely referenced between evaluations, so
    /// setting the prediction neither copies nor reallocates it).
    struct Arguments {
      var values: [String: ArgumentValue]
      let name: String

      mutating func at(_ prediction: ArgumentValue) -> [String: ArgumentValue] {
        values[name] = prediction
        return values
      }
    }

    /// One setting of the other arguments: the prediction over its probes.
    mutating func setting(others: [(String, Probe)], prediction: ArgumentSpec, probes: [Probe]) {
      var base: [String: ArgumentValue] = [:]
      for (name, p) in others { base[name] = p.value }
      // A setting with an outermost coordinate only serves the divergence
      // test: its values round, by design, to the limits.
      let farCoordinates = others.filter { $0.1.far > 0 }
      var found: [Found] = []
      var scan: [(x: Double, value: Double, slope: Double?, far: Bool)] = []
      var vectors: [([Double], Double)] = []
      var args = Arguments(values: base, name: prediction.name)
      for p in probes {
        guard let r = evaluate(args.at(p.value)) else { continue }
        points += 1
        found.append(Found(prediction: p.value, value: r.value, finite: p.far == 0 && farCoordinates.isEmpty))
        switch p.value {
        case .real(let x): scan.append((x, r.value, r.slope, p.far > 0))
        case .vector(let v) where r.value.isFinite: vectors.append((v, r.value))
        default: break
        }
      }
      guard !found.isEmpty else { return }
      settings += 1
      if prediction.kind == .real {
        found += realScan(base: base, name: prediction.name, scan, finite: farCoordinates.isEmpty)
      } else {
        midpointTests(base: base, name: prediction.name, vectors)
      }
      let low = found.min { $0.value < $1.value }
      let high = found.max { $0.value < $1.value }
      if farCoordinates.isEmpty {
        let finite = found.filter(\.finite)
        if let l = finite.min(by: { $0.value < $1.value }) {
          if lowest == nil || l.value < lowest!.value { lowest = Witness(point: point(base, prediction.name, l.prediction), value: l.value) }
          // The first setting with a negative value gives its lowest as the witness.
          if negative == nil && l.value < 0 { negative = Witness(point: point(base, prediction.name, l.prediction), value: l.value) }
        }
        if let h = finite.max(by: { $0.value < $1.value }), highest == nil || h.value > highest!.value {
          highest = Witness(point: point(base, prediction.name, h.prediction), value: h.value)
        }
        return
      }
      for (name, p) in farCoordinates {
        let rest = others.filter { $0.0 != name }.map { "\($0.0)=\($0.1.value)" }.joined(separator: ",")
        let key = "\(name)|\(p.end)|\(rest)"
        if farLow[key] == nil { farKeys.append(key) }
        var l = farLow[key] ?? (nil, nil, name, p.end)
        var h = farHigh[key] ?? (nil, nil, name, p.end)
        if p.far == 2 {
          l.outer = low.map { Witness(point: point(base, prediction.name, $0.prediction), value: $0.value) }
          h.outer = high.map { Witness(point: point(base, prediction.name, $0.prediction), value: $0.value) }
        } else {
          l.inner = low?.value
          h.inner = high?.value
        }
        farLow[key] = l
        farHigh[key] = h
      }
    }

    /// Along a real prediction (probes in increasing order): the signs and
    /// size of the derivative at finite probes, the critical points between
    /// probes where it changes sign (returned as found values), and midpoint
    /// tests between neighbouring probes and every other one.
    mutating func realScan(
      base: [String: ArgumentValue], name: String, _ scan: [(x: Double, value: Double, slope: Double?, far: Bool)],
      finite: Bool
    ) -> [Found] {
      var args = Arguments(values: base, name: name)
      if finite {
        for e in scan where !e.far {
          guard let s = e.slope, !s.isNaN else { continue }
          if s > 0 { slopePositive = true }
          if s < 0 { slopeNegative = true }
          if s.isFinite && (steepest == nil || abs(s) > steepest!.value) {
            steepest = Witness(point: point(base, name, .real(e.x)), value: abs(s))
          }
        }
      }
      var out: [Found] = []
      for i in scan.indices.dropFirst() {
        let a = scan[i - 1]
        let b = scan[i]
        guard let sa = a.slope, let sb = b.slope, (sa < 0 && sb > 0) || (sa > 0 && sb < 0) else { continue }
        let root = RootFinding.bisect({ evaluate(args.at(.real($0)))?.slope ?? 0 }, a.x, b.x, relativeTolerance: 1e-15)
        guard let r = evaluate(args.at(.real(root))) else { continue }
        points += 1
        out.append(Found(prediction: .real(root), value: r.value, finite: finite))
      }
      guard finite else { return out }
      let names = self.names
      let inner = scan.filter { !$0.far && $0.value.isFinite }
      for step in [1, 2] where inner.count > step {
        for i in step..<inner.count {
          let a = inner[i - step]
          let b = inner[i]
          guard let fm = evaluate(args.at(.real(a.x / 2 + b.x / 2)))?.value, fm.isFinite else { continue }
          points += 1
          record(a.value, b.value, fm, Self.point(names, base, name, .real(a.x)), Self.point(names, base, name, .real(b.x)))
        }
      }
      return out
    }

    /// Midpoint tests between pairs of probe vectors of a vector
    /// prediction: each vector with the ones 1, 2, 3, 5, 8, 13, 21 and 34
    /// places after it in the probe order (a fixed spread of pairs, near and
    /// far, instead of all of them).
    mutating func midpointTests(base: [String: ArgumentValue], name: String, _ values: [([Double], Double)]) {
      var args = Arguments(values: base, name: name)
      // The same vector comes back: a midpoint can be a probe ((-2 + 4)/2
      // = 1) or an earlier midpoint (0.3 and 0.7, 0 and 1). Its value is
      // computed once per setting and looked up by the elements' bits (15%
      // to 27% of the evaluations, which are in exact arithmetic); nil and
      // non-finite results are kept as NaN, which the test skips either way.
      let names = self.names
      var known: [[UInt64]: Double] = [:]
      // At most the probes and one midpoint per pair: reserved once, not
      // grown by rehashing (1% of `generate`).
      known.reserveCapacity(values.count * 9)
      for (v, fv) in values { known[v.map(\.bitPattern)] = fv }
      for i in values.indices {
        for step in [1, 2, 3, 5, 8, 13, 21, 34] where i + step < values.count {
          let j = i + step
          let (a, fa) = values[i]
          let (b, fb) = values[j]
          let mid = zip(a, b).map { $0 / 2 + $1 / 2 }
          let key = mid.map(\.bitPattern)
          let fm: Double
          if let v = known[key] {
            fm = v
          } else {
            fm = evaluate(args.at(.vector(mid)))?.value ?? .nan
            known[key] = fm
          }
          guard fm.isFinite else { continue }
          points += 1
          record(fa, fb, fm, Self.point(names, base, name, .vector(a)), Self.point(names, base, name, .vector(b)))
        }
      }
    }

    /// One midpoint test: f((a + b)/2) against (f(a) + f(b))/2, beyond
    /// 1e-12 of the values' size (rounding).
    /// The two points are built only when a first violation is recorded.
    mutating func record(
      _ fa: Double, _ fb: Double, _ fm: Double, _ a: @autoclosure () -> ArgumentPoint, _ b: @autoclosure () -> ArgumentPoint
    ) {
      let chord = fa / 2 + fb / 2
      let tol = 1e-12 * (abs(fa) + abs(fb) + abs(fm)) + 1e-300
      if fm > chord + tol && convexViolation == nil { convexViolation = (a(), b()) }
      if fm < chord - tol && concaveViolation == nil { concaveViolation = (a(), b()) }
    }

    var result: DomainSearch {
      func diverging(_ table: [String: FarEntry], below: Bool) -> (Witness, argument: String, end: Double)? {
        var best: (Witness, argument: String, end: Double)?
        for key in farKeys {
          let e = table[key]!
          guard let outer = e.outer, let inner = e.inner else { continue }
          let o = outer.value
          let moves =
            o.isInfinite
            ? (below ? o < 0 : o > 0)
            : (below ? o < inner : o > inner) && abs(o - inner) > 1e-9 * max(abs(o), abs(inner), 1)
          guard moves else { continue }
          if best == nil || (below ? o < best!.0.value : o > best!.0.value) { best = (outer, e.argument, e.end) }
        }
        return best
      }
      return DomainSearch(
        points: points, settings: settings, lowest: lowest, highest: highest,
        fallsWithout: diverging(farLow, below: true), risesWithout: diverging(farHigh, below: false),
        negative: negative, convexViolation: convexViolation, concaveViolation: concaveViolation,
        slopePositive: slopePositive, slopeNegative: slopeNegative, steepest: steepest)
    }
  }
}
