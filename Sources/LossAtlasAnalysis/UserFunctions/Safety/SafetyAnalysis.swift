import LossAtlasCore

/// The numerical-safety analysis of a user formula as written, on one
/// scalar view (one argument varying, the others and the parameters fixed).
///
/// Inputs checked, in the view's domain: the sweep (101 points over the
/// plot range), the extreme inputs ±1e300, ±1000, ±1e-300 and 0, the
/// domain's edges, and between them ±1, 2 and 5 times 10^k for k = -20...4
/// and ±10^k for k = ±10, ±20, ..., ±290, so that a failure between the
/// sweep and the extremes is seen. At each input every node is evaluated in Double, op by op, and
/// exactly (``WideEvaluator``); a component fails where Double gives NaN or
/// ±inf while the exact value is finite, or is off by more than 1e-6
/// relative and 1e-300 absolute.
///
/// Each run of failing inputs is a region; its edges are then found by
/// bisection on representable Doubles (ordered by their bit patterns,
/// about 64 steps: the first failing input and its passing neighbour), and
/// the edge nearer the middle is confirmed by a dense check (see
/// ``Runner/refine(fail:pass:component:)``).
public enum SafetyAnalysis {
  /// Analyses the view of `expression` in the differentiated argument
  /// `differentiatedIndex` (an index into `expression.differentiated`),
  /// the other arguments fixed at `arguments` and the parameters at
  /// `parameters`, over `domain`, with the sweep over `plotRange`.
  public static func analyze(
    _ expression: UserExpression, parameters: [Double], arguments: [Double], differentiatedIndex k: Int,
    domain: RealInterval = .realLine, plotRange: ClosedRange<Double>
  ) -> SafetyReport {
    let roots = [expression.value, expression.gradient[k], expression.hessian[k][k]]
    let probe = SafetyProbe(
      expression: expression, parameters: parameters, arguments: arguments,
      argument: expression.differentiated[k], roots: roots)
    var runner = Runner(probe: probe, diagnosis: Diagnosis(expression: expression, roots: roots))
    let inputs = checkedInputs(domain: domain, plotRange: plotRange)
    let results = inputs.map { runner.check($0) }
    var findings: [SafetyFinding] = []
    let center = Swift.min(Swift.max(plotRange.lowerBound <= 0 && 0 <= plotRange.upperBound ? 0 : (plotRange.lowerBound + plotRange.upperBound) / 2, inputs.first ?? 0), inputs.last ?? 0)
    for component in 0..<3 {
      findings += runner.regions(results, component: component, center: center)
    }
    findings.sort { ($0.component.order, $0.start) < ($1.component.order, $1.start) }
    let stable = !findings.contains { $0.component != .secondDerivative }
    let equivalents = CatalogEquivalence.find(expression, parameters: parameters, arguments: arguments, differentiatedIndex: k, domain: domain)
    return SafetyReport(
      stable: stable, findings: findings, equivalents: equivalents, checkedInputs: runner.checked,
      undecidedInputs: Array(Set(runner.undecided)).sorted())
  }

  /// The sweep, the extremes, the domain edges and the powers of ten, in
  /// order, inside the domain.
  static func checkedInputs(domain: RealInterval, plotRange: ClosedRange<Double>) -> [Double] {
    var xs: [Double] = []
    let n = SafetyCriteria.sweepPoints - 1
    for i in 0...n {
      xs.append(plotRange.lowerBound + (plotRange.upperBound - plotRange.lowerBound) * Double(i) / Double(n))
    }
    xs += SafetyCriteria.extremeInputs
    // 1, 2 and 5 times each power of ten from 1e-20 to 1e4 (where formulas
    // usually fail: cancellations near 0, exp's overflow near 709), then
    // every tenth power of ten out to 1e-300 and 1e300.
    for k in -20...4 {
      for m in ["1", "2", "5"] {
        let v = Double("\(m)e\(k)")!
        xs += [v, -v]
      }
    }
    for k in stride(from: 10, through: 290, by: 10) {
      let big = Double("1e\(k)")!
      let small = Double("1e-\(k)")!
      xs += [big, -big, small, -small]
    }
    if domain.lower.isFinite { xs.append(domain.lowerClosed ? domain.lower : domain.lower.nextUp) }
    if domain.upper.isFinite { xs.append(domain.upperClosed ? domain.upper : domain.upper.nextDown) }
    return Array(Set(xs.filter { domain.contains($0) })).sorted()
  }

  /// The order of Doubles as integers: adjacent Doubles differ by 1.
  static func key(_ x: Double) -> Int64 {
    let bits = Int64(bitPattern: x.bitPattern)
    return bits >= 0 ? bits : Int64.min - bits
  }

  static func double(_ key: Int64) -> Double {
    key >= 0 ? Double(bitPattern: UInt64(key)) : Double(bitPattern: UInt64(bitPattern: Int64.min - key))
  }

  struct Runner {
    let probe: SafetyProbe
    let diagnosis: Diagnosis
    var checked = 0
    var undecided: [Double] = []
    private var cache: [Double: SafetyProbe.Result] = [:]

    init(probe: SafetyProbe, diagnosis: Diagnosis) {
      self.probe = probe
      self.diagnosis = diagnosis
    }

    mutating func check(_ x: Double) -> SafetyProbe.Result {
      if let r = cache[x] { return r }
      let r = probe.check(x)
      checked += 1
      if r.statuses.contains(.undecided) { undecided.append(x) }
      cache[x] = r
      return r
    }

    /// The failing regions of one component, each edge refined.
    mutating func regions(_ results: [SafetyProbe.Result], component c: Int, center: Double) -> [SafetyFinding] {
      var out: [SafetyFinding] = []
      var i = 0
      while i < results.count {
        guard results[i].statuses[c].isFailure else {
          i += 1
          continue
        }
        var j = i
        while j + 1 < results.count, results[j + 1].statuses[c].isFailure { j += 1 }
        // The edge nearer the center is the first failure toward this region's end.
        let towardRight = results[i].input >= center
        let edgeIndex = towardRight ? i : j
        let neighbourIndex = towardRight ? i - 1 : j + 1
        var first = results[edgeIndex].input
        var lastPass: Double?
        var intermittent = false
        if neighbourIndex >= 0 && neighbourIndex < results.count && results[neighbourIndex].statuses[c] == .pass {
          (first, lastPass, intermittent) = refine(fail: first, pass: results[neighbourIndex].input, component: c)
        }
        // The far edge, refined by bisection alone when a passing input lies beyond it.
        let farIndex = towardRight ? j : i
        let beyondIndex = towardRight ? j + 1 : i - 1
        var far = results[farIndex].input
        if beyondIndex >= 0 && beyondIndex < results.count && results[beyondIndex].statuses[c] == .pass {
          let edge = refine(fail: far, pass: results[beyondIndex].input, component: c)
          far = edge.0
          intermittent = intermittent || edge.intermittent
          // An intermittent onset can pass at a sampled input and fail beyond
          // it: 32 inputs between each passing sample and the next one out
          // are checked, and the region extends to the outermost failure.
          var k = beyondIndex
          let outward = towardRight ? 1 : -1
          while k + outward >= 0 && k + outward < results.count && results[k].statuses[c] == .pass {
            let a = SafetyAnalysis.key(results[k].input)
            let b = SafetyAnalysis.key(results[k + outward].input)
            var outermost: Double?
            for s in 1...32 {
              let km = a + (b - a) / 33 * Int64(s)
              let x = SafetyAnalysis.double(km)
              if check(x).statuses[c].isFailure { outermost = x }
            }
            guard let o = outermost else { break }
            far = o
            intermittent = true
            if results[k + outward].statuses[c] != .pass { break }
            k += outward
          }
        }
        let start = towardRight ? first : far
        let end = towardRight ? far : first
        // A region around the middle is searched toward the middle; others toward their far end.
        let containsCenter = results[i].input <= center && center <= results[j].input
        let zeroFrom = exactlyZero(between: first, and: containsCenter ? center : far, component: c)
        let r = check(first)
        let culprit = diagnosis.diagnose(r, component: c)
        guard case .fail(let kind) = r.statuses[c] else {
          i = j + 1
          continue
        }
        out.append(
          SafetyFinding(
            component: SafetyComponent.allCases[c], start: start, end: end, firstFailure: first, lastPass: lastPass,
            kind: kind, doubleValue: r.doubles[c], exactValue: r.exact[c].double,
            exactText: r.exact[c].isFinite && !r.exact[c].double.isFinite
              ? Diagnosis.exactText(r.exact[c]) : formatValue(r.exact[c].double), cause: culprit.cause,
            culprit: culprit.text, explanation: culprit.explanation, doubleIsZeroFrom: zeroFrom, intermittent: intermittent))
        i = j + 1
      }
      return out
    }

    /// Bisection on representable Doubles between a failing and a passing input.
    mutating func bisect(fail: Double, pass: Double, component c: Int) -> (fail: Double, pass: Double) {
      var kf = SafetyAnalysis.key(fail)
      var kp = SafetyAnalysis.key(pass)
      while Swift.abs(kf - kp) > 1 {
        let km = kp + (kf - kp) / 2
        if check(SafetyAnalysis.double(km)).statuses[c].isFailure { kf = km } else { kp = km }
      }
      return (SafetyAnalysis.double(kf), SafetyAnalysis.double(kp))
    }

    /// Where, between the two ends of a failing region, Double's result
    /// switches to exactly 0 (log(1 + e^x) below x = -36.7, 1 - cos x for
    /// |x| below 1.05e-8): the zero input next to a nonzero one, by
    /// bisection on the Double evaluation alone; nil when neither end or
    /// both ends are 0.
    func exactlyZero(between a: Double, and b: Double, component c: Int) -> Double? {
      func isZero(_ x: Double) -> Bool {
        var args = probe.arguments
        args[probe.argument] = x
        return DoubleTrace(probe.expression, arguments: args, parameters: probe.parameters, roots: [probe.roots[c]])
          .values[probe.roots[c]] == 0
      }
      let (za, zb) = (isZero(a), isZero(b))
      guard za != zb else { return nil }
      var kz = SafetyAnalysis.key(za ? a : b)
      var kn = SafetyAnalysis.key(za ? b : a)
      while Swift.abs(kz - kn) > 1 {
        let km = kn + (kz - kn) / 2
        if isZero(SafetyAnalysis.double(km)) { kz = km } else { kn = km }
      }
      return SafetyAnalysis.double(kz)
    }

    /// The failing input next to a passing one, by bisection on
    /// representable Doubles, then confirmed by a dense check: 64 inputs
    /// spread evenly (in representable steps) between the sampled passing
    /// input and the edge must pass. When one fails, the failure starts
    /// nearer the middle: bisection restarts from the failing input nearest
    /// the passing one (up to 8 rounds). A failure that comes and goes with
    /// the rounding of each input (a cancellation's onset) is found this way
    /// near where its inputs first fail often; `intermittent` says so (some
    /// of 16 inputs just beyond the edge pass).
    mutating func refine(fail: Double, pass: Double, component c: Int) -> (Double, Double?, intermittent: Bool) {
      var f = fail
      var rounds = 0
      while true {
        let edge = bisect(fail: f, pass: pass, component: c)
        let ka = SafetyAnalysis.key(pass)
        let kb = SafetyAnalysis.key(edge.pass)
        var nearest: Int64?
        if Swift.abs(kb - ka) > 1 {
          for s in 1...64 {
            let km = ka + (kb - ka) / 65 * Int64(s)
            if km != ka && check(SafetyAnalysis.double(km)).statuses[c].isFailure {
              nearest = km
              break
            }
          }
        }
        rounds += 1
        guard let next = nearest, rounds < 8 else {
          // Beyond the edge: do all inputs fail, or only some?
          let kf = SafetyAnalysis.key(edge.fail)
          let kFar = SafetyAnalysis.key(fail)
          var intermittent = rounds > 1
          if Swift.abs(kFar - kf) > 16 {
            for s in 1...16 where !intermittent {
              let km = kf + (kFar - kf) / 17 * Int64(s)
              if !check(SafetyAnalysis.double(km)).statuses[c].isFailure { intermittent = true }
            }
          }
          // The neighbour is reported only when it is a decided pass.
          let neighbour: Double? = check(edge.pass).statuses[c] == .pass ? edge.pass : nil
          return (edge.fail, neighbour, intermittent)
        }
        f = SafetyAnalysis.double(next)
      }
    }
  }
}

extension SafetyComponent {
  var order: Int { SafetyComponent.allCases.firstIndex(of: self)! }
}
