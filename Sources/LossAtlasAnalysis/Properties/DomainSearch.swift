import LossAtlasCore

/// A point of a function's argument space: `yhat = 0, y = 0, var = 0.5`.
public struct ArgumentPoint: Sendable, Equatable, CustomStringConvertible {
  public let names: [String]
  public let values: [ArgumentValue]

  public init(names: [String], values: [ArgumentValue]) {
    self.names = names
    self.values = values
  }

  public var arguments: [String: ArgumentValue] { Dictionary(uniqueKeysWithValues: zip(names, values)) }

  /// `yhat = 0, y = 0, var = 0.5` (shortest round-trip numbers).
  public var description: String {
    zip(names, values).map { name, value in
      switch value {
      case .real(let v): return "\(name) = \(formatValue(v))"
      case .integer(let k): return "\(name) = \(k)"
      case .vector(let v): return "\(name) = [" + v.map(formatValue).joined(separator: ", ") + "]"
      }
    }.joined(separator: ", ")
  }
}

/// A value of the function found by the search, and where.
public struct Witness: Sendable, Equatable {
  public let point: ArgumentPoint
  public let value: Double
}

/// What the search over a function's whole argument space found at one
/// parameter setting (see ``DomainSearch/run(_:parameters:)``).
public struct DomainSearch: Sendable, Equatable {
  /// Points evaluated.
  public let points: Int
  /// Settings of the arguments other than the prediction.
  public let settings: Int
  /// The lowest and highest values at finite probes and at the critical
  /// points found between them (nil when nothing was evaluated).
  public let lowest: Witness?
  public let highest: Witness?
  /// A direction in which the lowest (highest) value keeps falling (rising)
  /// toward an end of another argument's domain: the values at the two
  /// outermost probes, 10^290 and 10^300 (or 10^-290 and 10^-300 of a
  /// finite open end), differ by more than 1e-9 of their size in that
  /// direction, or the outermost is infinite. Each: the witness at the
  /// outermost probe, and the argument's name and end.
  public let fallsWithout: (Witness, argument: String, end: Double)?
  public let risesWithout: (Witness, argument: String, end: Double)?
  /// A negative value, the first the search met (nil if none).
  public let negative: Witness?
  /// A midpoint test in the prediction argument that fails convexity
  /// (concavity): f((a + b)/2) above (below) (f(a) + f(b))/2 beyond rounding.
  public let convexViolation: (a: ArgumentPoint, b: ArgumentPoint)?
  public let concaveViolation: (a: ArgumentPoint, b: ArgumentPoint)?
  /// Signs of the derivative in a real prediction argument at the probes.
  public let slopePositive: Bool
  public let slopeNegative: Bool
  /// The largest |derivative| in a real prediction argument at a finite probe.
  public let steepest: Witness?

  public static func == (a: DomainSearch, b: DomainSearch) -> Bool {
    a.points == b.points && a.settings == b.settings && a.lowest == b.lowest && a.highest == b.highest
      && a.negative == b.negative && a.fallsWithout?.0 == b.fallsWithout?.0 && a.risesWithout?.0 == b.risesWithout?.0
  }
}

extension DomainSearch {
  /// One probe value of an argument.
  struct Probe {
    let value: ArgumentValue
    /// 0 for an ordinary probe; 1 and 2 for the two outermost probes toward
    /// `end` (10^290 and 10^300 from it, or 10^-290 and 10^-300 of a
    /// finite open end).
    let far: Int
    let end: Double
  }

  /// Searches the whole argument space of `spec` at `parameters`.
  ///
  /// - Every real argument takes a list of probe values spread over its
  ///   domain (0, ±0.001 ... ±10^6 for a real line; 10^-12 ... 10^12 for a
  ///   half-line, its closed end included; fractions of a bounded interval
  ///   and its closed ends), plus the two outermost probes toward each
  ///   infinite or open end; labels take every label; a vector argument
  ///   every vector of length 2 and 3 with entries from a small grid inside
  ///   its element domain (0, 1, −2, 4, 30; or 0, 0.3, 0.7, 1), a class
  ///   index every class. Combinations the function rejects (q not summing
  ///   to 1) are skipped.
  /// - For every combination of the other arguments, a real prediction
  ///   argument runs over its probes in order, and between two probes where
  ///   the derivative changes sign the critical point is found by bisection:
  ///   a local minimum or maximum is an exact candidate, not just a probe.
  /// - Convexity in the prediction argument: midpoint tests between
  ///   neighbouring probes (real) or between every pair of probe vectors.
  ///
  /// `lines: false` evaluates a vector prediction through the function's
  /// evaluator with an argument dictionary per probe even where it has a
  /// value line (the tests' second path; the same findings).
  static func run(_ spec: FunctionSpec, parameters: ParameterValues, lines: Bool = true) -> DomainSearch {
    var search = Accumulator(spec: spec, parameters: parameters, lines: lines)
    let prediction = spec.predictionArgument
    guard let predictionSpec = spec.arguments.first(where: { $0.name == prediction }) else { return search.result }
    let others = spec.arguments.filter { $0.name != prediction }
    let hasVectors = spec.arguments.contains { $0.kind == .vector }
    let lengths = hasVectors ? [2, 3] : [0]
    for length in lengths {
      let otherProbes = others.map { probes($0, length: length) }
      var predictionProbes = probes(predictionSpec, length: length)
      if predictionSpec.kind == .real {
        predictionProbes.sort { $0.value.real < $1.value.real }
      }
      // Real and label arguments keep every combination (gaussian-nll's
      // infimum -inf needs them all); only vector probes are capped.
      forEachCombination(otherProbes, limit: hasVectors ? maxSettings : .max) { combination in
        search.setting(
          others: zip(others, combination).map { ($0.name, $1) }, prediction: predictionSpec,
          probes: predictionProbes)
      }
    }
    return search.result
  }

  /// At most this many settings of the other arguments per vector length
  /// (functions with a vector argument only).
  /// Triplet-margin's two other vectors of length 3 make 125² = 15,625
  /// settings, each over 125 predictions and their midpoint tests: 17.6
  /// million evaluations in exact arithmetic, 220 s of `generate`. Above
  /// the cap an evenly strided subset is taken (see ``forEachCombination``).
  static let maxSettings = 256

  /// Calls `body` with every combination of one probe from each list, in
  /// odometer order (the last list fastest, so the simplest coordinates
  /// come first); when there are more than `limit`, with every k-th of
  /// them in that order (k = ceil(count / limit)), which keeps the run
  /// deterministic and spreads the subset over every list.
  static func forEachCombination(_ lists: [[Probe]], limit: Int = maxSettings, _ body: ([Probe]) -> Void) {
    if lists.contains(where: \.isEmpty) { return }
    // At most a few hundred probes per list and a few lists: no overflow.
    let total = lists.reduce(1) { $0 * $1.count }
    let step = total > limit ? (total - 1) / limit + 1 : 1  // ceil(total / limit), no overflow at limit = .max
    var i = 0
    while i < total {
      // The i-th combination: i written in the mixed radix of the lists.
      var rest = i
      var picked: [Probe] = []
      for list in lists.reversed() {
        picked.append(list[rest % list.count])
        rest /= list.count
      }
      body(picked.reversed())
      i += step
    }
  }

  /// The probe values of one argument (vectors of `length`; class indices below it).
  static func probes(_ a: ArgumentSpec, length: Int) -> [Probe] {
    switch a.kind {
    case .integer:
      return (0..<max(length, 1)).map { Probe(value: .integer($0), far: 0, end: 0) }
    case .vector:
      let grid: [Double]
      switch a.domain {
      case .finite: grid = [0, 1, -2, 4, 30]
      default: grid = [0, 0.3, 0.7, 1].filter(a.domain.contains)
      }
      var vectors: [[Double]] = [[]]
      for _ in 0..<length { vectors = vectors.flatMap { v in grid.map { v + [$0] } } }
      return vectors.map { Probe(value: .vector($0), far: 0, end: 0) }
    case .real:
      return realProbes(a.domain).map { Probe(value: .real($0.value), far: $0.far, end: $0.end) }
    }
  }

  static func realProbes(_ domain: ArgumentDomain) -> [(value: Double, far: Int, end: Double)] {
    let magnitudes: [Double] = [1, 2, 0.5, 3, 0.1, 5, 10, 0.001, 30, 100, 1e3, 1e6]
    var out: [(Double, Int, Double)] = []
    func far(from start: Double, toward end: Double) {
      if end.isInfinite {
        out.append((end > 0 ? 1e290 : -1e290, 1, end))
        out.append((end > 0 ? 1e300 : -1e300, 2, end))
      } else {
        let scale = max(1, abs(end))
        let dir: Double = start < end ? -1 : 1
        for (k, e) in [(1, 1e-290), (2, 1e-300)] {
          let x = end + dir * scale * e
          if x != end && domain.contains(x) { out.append((x, k, end)) }
        }
      }
    }
    switch domain {
    case .finite:
      out.append((0, 0, 0))
      for m in magnitudes {
        out.append((m, 0, 0))
        out.append((-m, 0, 0))
      }
      far(from: 0, toward: -.infinity)
      far(from: 0, toward: .infinity)
    case .labels(let labels):
      out = labels.map { ($0, 0, 0) }
    case .nonZero:
      // The real line without 0 (mape's target): both sides, far out and
      // close to the excluded 0.
      for m in magnitudes {
        out.append((m, 0, 0))
        out.append((-m, 0, 0))
      }
      far(from: 1, toward: 0)
      far(from: -1, toward: 0)
      far(from: 0, toward: -.infinity)
      far(from: 0, toward: .infinity)
    case .interval(let lo, let loIn, let hi, let hiIn):
      if hi.isInfinite {
        if loIn { out.append((lo, 0, 0)) }
        for m in magnitudes + [1e-6, 1e-12, 1e12] where domain.contains(lo + m) { out.append((lo + m, 0, 0)) }
        if !loIn { far(from: lo + 1, toward: lo) }
        far(from: lo + 1, toward: .infinity)
      } else {
        if loIn { out.append((lo, 0, 0)) }
        if hiIn { out.append((hi, 0, 0)) }
        let w = hi - lo
        for t in [0.5, 0.3, 0.7, 0.1, 0.9, 0.01, 0.99, 0.001, 0.999, 1e-6, 1 - 1e-6] {
          let x = lo + w * t
          if domain.contains(x) { out.append((x, 0, 0)) }
        }
        if !loIn { far(from: hi, toward: lo) }
        if !hiIn { far(from: lo, toward: hi) }
      }
    }
    return out.map { (value: $0.0, far: $0.1, end: $0.2) }
  }

  /// Gathers what the search finds, one setting of the other arguments at a time.
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
    /// Whether a vector prediction is evaluated through the function's
    /// value line where it has one (see ``Setting``).
    let lines: Bool

    init(spec: FunctionSpec, parameters: ParameterValues, lines: Bool = true) {
      self.spec = spec
      self.parameters = parameters
      slopes = spec.arguments.first { $0.name == spec.predictionArgument }?.kind == .real
      self.lines = lines
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
    static func evaluate(
      _ spec: FunctionSpec, _ parameters: ParameterValues, slopes: Bool, _ args: [String: ArgumentValue]
    ) -> (value: Double, slope: Double?)? {
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

    /// The function at one setting of the other arguments, as a function of
    /// the prediction. A vector prediction goes through the function's
    /// value line where it has one (``FunctionSpec/valueLine``: the other
    /// arguments read once per setting, no argument dictionary per probe,
    /// the kernel's scratch storage reused; the same bits); everything
    /// else through ``evaluate(_:_:slopes:_:)`` with the setting's
    /// dictionary changed in place.
    struct Setting {
      let spec: FunctionSpec
      let parameters: ParameterValues
      let slopes: Bool
      var args: Arguments
      let line: ValueLine?

      init(_ accumulator: Accumulator, base: [String: ArgumentValue], prediction: ArgumentSpec) {
        spec = accumulator.spec
        parameters = accumulator.parameters
        slopes = accumulator.slopes
        args = Arguments(values: base, name: prediction.name)
        line =
          accumulator.lines && prediction.kind == .vector && !accumulator.slopes
          ? accumulator.spec.valueLine.map { $0(accumulator.parameters, ArgumentValues(base)) } : nil
      }

      /// f (and its derivative in a real prediction) with the prediction at
      /// `prediction`; nil where the function rejects the point or gives NaN.
      mutating func at(_ prediction: ArgumentValue) -> (value: Double, slope: Double?)? {
        if let line, case .vector(let x) = prediction {
          guard let v = line(x), !v.isNaN else { return nil }
          return (v, nil)
        }
        return Accumulator.evaluate(spec, parameters, slopes: slopes, args.at(prediction))
      }
    }

    /// The other arguments of a setting as a dictionary.
    static func base(_ others: [(String, Probe)]) -> [String: ArgumentValue] {
      var base: [String: ArgumentValue] = [:]
      for (name, p) in others { base[name] = p.value }
      return base
    }

    /// One setting of the other arguments: the prediction over its probes.
    mutating func setting(others: [(String, Probe)], prediction: ArgumentSpec, probes: [Probe]) {
      let base = Self.base(others)
      // A setting with an outermost coordinate only serves the divergence
      // test: its values round, by design, to the limits.
      let farCoordinates = others.filter { $0.1.far > 0 }
      var found: [Found] = []
      var scan: [(x: Double, value: Double, slope: Double?, far: Bool)] = []
      var vectors: [([Double], Double)] = []
      var at = Setting(self, base: base, prediction: prediction)
      for p in probes {
        guard let r = at.at(p.value) else { continue }
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
        found += realScan(base: base, name: prediction.name, scan, finite: farCoordinates.isEmpty, &at)
      } else {
        midpointTests(base: base, name: prediction.name, vectors, &at)
      }
      keep(found, base: base, others: others, name: prediction.name)
    }

    /// The lowest, highest and first negative values of one setting's
    /// probes and critical points `found` (a setting without outermost
    /// coordinates), or their entries in the divergence tables.
    mutating func keep(_ found: [Found], base: [String: ArgumentValue], others: [(String, Probe)], name prediction: String) {
      let farCoordinates = others.filter { $0.1.far > 0 }
      let low = found.min { $0.value < $1.value }
      let high = found.max { $0.value < $1.value }
      if farCoordinates.isEmpty {
        let finite = found.filter(\.finite)
        if let l = finite.min(by: { $0.value < $1.value }) {
          if lowest == nil || l.value < lowest!.value { lowest = Witness(point: point(base, prediction, l.prediction), value: l.value) }
          // The first setting with a negative value gives its lowest as the witness.
          if negative == nil && l.value < 0 { negative = Witness(point: point(base, prediction, l.prediction), value: l.value) }
        }
        if let h = finite.max(by: { $0.value < $1.value }), highest == nil || h.value > highest!.value {
          highest = Witness(point: point(base, prediction, h.prediction), value: h.value)
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
          l.outer = low.map { Witness(point: point(base, prediction, $0.prediction), value: $0.value) }
          h.outer = high.map { Witness(point: point(base, prediction, $0.prediction), value: $0.value) }
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
      finite: Bool, _ at: inout Setting
    ) -> [Found] {
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
        let root = RootFinding.bisect({ at.at(.real($0))?.slope ?? 0 }, a.x, b.x, relativeTolerance: 1e-15)
        guard let r = at.at(.real(root)) else { continue }
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
          guard let fm = at.at(.real(a.x / 2 + b.x / 2))?.value, fm.isFinite else { continue }
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
    mutating func midpointTests(
      base: [String: ArgumentValue], name: String, _ values: [([Double], Double)], _ at: inout Setting
    ) {
      // The same vector comes back: a midpoint can be a probe ((-2 + 4)/2
      // = 1) or an earlier midpoint (0.3 and 0.7, 0 and 1). Its value is
      // computed once per setting and looked up by the elements' bits, as
      // an integer key (``MidpointKeys``; 15% to 27% of the evaluations,
      // which are in exact arithmetic); nil and non-finite results are kept
      // as NaN, which the test skips either way. The midpoint vector is
      // built only when it is evaluated; through a value line in one
      // buffer (the line keeps no reference to it, so the buffer is reused).
      let names = self.names
      let keys = MidpointKeys(values.map(\.0))
      // The value of each vector met, by its key (a table of the keys'
      // size, no hashing), and whether it was met.
      var known = [Double](repeating: .nan, count: keys?.size ?? 0)
      var met = [Bool](repeating: false, count: keys?.size ?? 0)
      if let keys {
        for (i, (_, fv)) in values.enumerated() {
          known[keys.probe(i)] = fv
          met[keys.probe(i)] = true
        }
      }
      var mid: [Double] = []
      for i in values.indices {
        for step in Self.midpointSteps where i + step < values.count {
          let j = i + step
          let (a, fa) = values[i]
          let (b, fb) = values[j]
          let key = keys.map { $0.midpoint(i, j) } ?? -1
          let fm: Double
          if key >= 0, met[key] {
            fm = known[key]
          } else {
            if at.line != nil {
              mid.removeAll(keepingCapacity: true)
              for (x, y) in zip(a, b) { mid.append(x / 2 + y / 2) }
              fm = at.at(.vector(mid))?.value ?? .nan
            } else {
              // The evaluator's path keeps the vector in the setting's
              // argument dictionary until the next probe: a reused buffer
              // would be copied on its next write, so it is built anew.
              fm = at.at(.vector(zip(a, b).map { $0 / 2 + $1 / 2 }))?.value ?? .nan
            }
            if key >= 0 {
              known[key] = fm
              met[key] = true
            }
          }
          guard fm.isFinite else { continue }
          points += 1
          record(fa, fb, fm, Self.point(names, base, name, .vector(a)), Self.point(names, base, name, .vector(b)))
        }
      }
    }

    /// How many places apart in the probe order the vectors of a midpoint test are.
    static let midpointSteps = [1, 2, 3, 5, 8, 13, 21, 34]

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

extension ArgumentValue {
  /// The real value (0 for anything else: only called on real probes).
  var real: Double {
    switch self {
    case .real(let v): return v
    case .integer(let k): return Double(k)
    case .vector: return 0
    }
  }
}
