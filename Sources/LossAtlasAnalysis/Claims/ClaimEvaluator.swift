import LossAtlasCore
import LossAtlasIO
import LossAtlasParallel

/// The decision on one claim.
public struct ClaimResult: Sendable {
  public let claim: Claim
  /// Whether the statement holds (for every parameter setting).
  public let holds: Bool
  /// What was computed, one entry per parameter setting, e.g.
  /// `0.25 (attained, at x = 0)` or `{slope=0.01}: increasing`.
  public let computed: [String]
  /// The same, as data: one `{"params", "value", "text", "holds"}` per
  /// parameter setting, `value` a number, a boolean, a word, an interval
  /// `[lo, hi]`, a list of intervals `{"lower", "upper", "lower_closed",
  /// "upper_closed"}`, or an object of such values by view label (`inf`,
  /// `-inf` as strings, which JSON cannot spell).
  public var values: [JSONValue] = []
  /// What each entry of ``computed`` starts with: the parameter setting
  /// (`{slope=0.01}: `) when the claim has several, else empty; the rest of
  /// the entry is its value's `text`.
  public var prefixes: [String] = []
  /// Each computed value's words as data (``ClaimNote``): its English is
  /// the rest of the ``computed`` entry.
  public var notes: [ClaimNote] = []

  public init(
    claim: Claim, holds: Bool, computed: [String], values: [JSONValue] = [], prefixes: [String] = [], notes: [ClaimNote] = []
  ) {
    self.claim = claim
    self.holds = holds
    self.computed = computed
    self.values = values
    self.prefixes = prefixes
    self.notes = notes
  }

  /// The claim passes when the computed verdict is the expected one.
  public var passes: Bool { holds == claim.verdict }
}

/// A value the engine computed for a claim.
enum Computed {
  case number(Double, detail: ClaimNote)
  case bool(Bool)
  /// A yes/no answer with how it was reached (an identity's grid and deviation).
  case flag(Bool, detail: ClaimNote)
  case word(String)
  case interval(Double, Double, detail: ClaimNote)
  case intervals([RealInterval])
  case growth(GradientGrowth)
  /// One value per view (a claim on a function of several arguments that
  /// fixes none of them, for a property decided per view): it holds only
  /// if it holds at every view.
  case perView([(label: String, value: Computed)])

  var description: String {
    switch self {
    case .number(_, let detail): return detail.english
    case .bool(let b): return String(b)
    case .flag(_, let detail): return detail.english
    case .word(let w): return w
    case .interval(_, _, let detail): return detail.english
    case .intervals(let list): return list.isEmpty ? "none" : list.map(\.description).joined(separator: " ∪ ")
    case .growth(let g): return g.rawValue
    case .perView(let list): return list.map { "\($0.label): \($0.value.description)" }.joined(separator: "; ")
    }
  }

  /// The value's words as data, for reports in another language; its
  /// English is ``description``.
  var note: ClaimNote {
    switch self {
    case .number(_, let detail), .flag(_, let detail), .interval(_, _, let detail): return detail
    case .bool(let b): return .bool(b)
    case .word(let w): return .word(w)
    case .intervals(let list): return list.isEmpty ? ClaimNote(key: "cli.word.none", english: description) : .plain(description)
    case .growth(let g): return .word(g.rawValue)
    case .perView(let list):
      let items = list.map { item in
        ClaimNote(
          key: "cli.claim.viewValue", ["label": .text(item.label), "value": .note(item.value.note)],
          english: "\(item.label): \(item.value.description)")
      }
      return ClaimNote(key: "cli.claim.items", ["items": .list(items, separator: "cli.claim.separator")], english: description)
    }
  }

  /// The value as data (see ``ClaimResult/values``).
  var json: JSONValue {
    switch self {
    case .number(let v, _): return .double(v)
    case .bool(let b), .flag(let b, _): return .bool(b)
    case .word(let w): return .string(w)
    case .interval(let lo, let hi, _): return .array([.double(lo), .double(hi)])
    case .intervals(let list):
      return .array(
        list.map { i in
          .object([
            ("lower", .double(i.lower)), ("upper", .double(i.upper)), ("lower_closed", .bool(i.lowerClosed)),
            ("upper_closed", .bool(i.upperClosed)),
          ])
        })
    case .growth(let g): return .string(g.rawValue)
    case .perView(let list): return .object(list.map { ($0.label, $0.value.json) })
    }
  }
}

/// Decides claims with the property engine, sharing one analysis per
/// (function, parameters, view, interval) across all the claims of a run.
public final class ClaimEvaluator: @unchecked Sendable {
  private let options: AnalysisOptions
  private var cache: [String: ViewProperties] = [:]
  private var domainCache: [String: DomainProperties] = [:]
  private let lock = Lock()

  public init(options: AnalysisOptions = AnalysisOptions()) {
    self.options = options
  }

  /// Decides every claim (in parallel on `threads` threads); results are in
  /// input order.
  public func evaluate(_ claims: [Claim], threads: Int = 2) throws(ClaimFileError) -> [ClaimResult] {
    enum Outcome {
      case result(ClaimResult)
      case failure(ClaimFileError)
    }
    let slots = Slots<Outcome>(count: claims.count)
    parallelFor(claims.count, threads: threads) { i in
      do throws(ClaimFileError) {
        slots[i] = .result(try self.evaluate(claims[i]))
      } catch {
        slots[i] = .failure(error)
      }
    }
    var results: [ClaimResult] = []
    for i in claims.indices {
      switch slots[i] {
      case .result(let r): results.append(r)
      case .failure(let e): throw e
      }
    }
    return results
  }

  /// Decides one claim: true when the expectation holds at every setting.
  public func evaluate(_ claim: Claim) throws(ClaimFileError) -> ClaimResult {
    let spec = claim.function
    var settings: [[String: Double]] = [[:]]
    for p in spec.parameters {
      let values = claim.parameters[p.name] ?? [p.defaultValue]
      settings = settings.flatMap { s in values.map { s.merging([p.name: $0]) { $1 } } }
    }
    var holds = true
    var computed: [String] = []
    var values: [JSONValue] = []
    var prefixes: [String] = []
    var notes: [ClaimNote] = []
    for s in settings {
      let params: ParameterValues
      do {
        params = try spec.validateParameters(s)
      } catch {
        throw fail(claim, error.message)
      }
      let value = try compute(claim, params)
      let ok = try matches(value, claim.expect, claim)
      holds = holds && ok
      let prefix = settings.count > 1 ? "{\(params)}: " : ""
      computed.append(prefix + value.description)
      prefixes.append(prefix)
      notes.append(value.note)
      values.append(
        .object([
          ("params", .object(params.values.keys.sorted().map { ($0, JSONValue.double(params[$0])) })),
          ("value", value.json), ("text", .string(value.description)), ("holds", .bool(ok)),
        ]))
    }
    return ClaimResult(claim: claim, holds: holds, computed: computed, values: values, prefixes: prefixes, notes: notes)
  }

  // MARK: - Computing the property

  private func compute(_ claim: Claim, _ params: ParameterValues) throws(ClaimFileError) -> Computed {
    let spec = claim.function
    switch claim.property {
    case .valueAt, .derivativeAt:
      let x = claim.at!
      let wantValue = claim.property == .valueAt
      let prediction = spec.predictionArgument
      if let arg = spec.arguments.first(where: { $0.name == prediction }), arg.kind == .real {
        var args = claim.arguments
        args[prediction] = .real(x)
        do {
          let e = try spec.evaluate(parameters: params.values, arguments: args)
          let v = wantValue ? e.value.scalarValue! : e.gradient(prediction)!.scalarValue!
          return .number(v, detail: .plain(formatValue(v)))
        } catch {
          throw fail(claim, error.message)
        }
      }
      let view = try selectView(claim, params)
      guard view.domain.contains(x) else { throw fail(claim, "at = \(formatValue(x)) is outside the view's domain \(view.domain)") }
      let j = view.evaluate(x)
      let v = wantValue ? j.value : j.d1
      return .number(v, detail: .plain(formatValue(v)))
    case .identity:
      let identity = Identity.named(claim.name!)!
      do {
        let o = try identity.check()
        let worst = o.worstDeviation == 0 ? "exactly equal" : "largest deviation \(formatValue(o.worstDeviation)) (at \(o.worstAt))"
        let verdict = o.holds ? "holds" : "fails"
        let english = "\(verdict) on \(o.points) points: \(worst)"
        let note =
          o.worstDeviation == 0
          ? ClaimNote(key: "cli.claim.identity.\(verdict).exact", ["points": .text("\(o.points)")], english: english)
          : ClaimNote(
            key: "cli.claim.identity.\(verdict).deviation",
            ["points": .text("\(o.points)"), "deviation": .text(formatValue(o.worstDeviation)), "at": .text("\(o.worstAt)")],
            english: english)
        return .flag(o.holds, detail: note)
      } catch {
        throw fail(claim, "identity \(identity.name): \(error)")
      }
    case .depthToVanish:
      guard spec.family == .activation else { throw fail(claim, "depth-to-vanish is defined for scalar activations") }
      let view = try selectView(claim, params)
      guard GradientGain.applies(to: view) else {
        throw fail(claim, "depth-to-vanish is defined for activations on the whole real line: \(GradientGain.inapplicable(view.domain, depth: true))")
      }
      let depth = GradientDepth.simulate(view)
      let v = depth.depthToVanish.map(Double.init) ?? .infinity
      let note =
        depth.depthToVanish.map { ClaimNote(key: "cli.claim.depth.layers", ["depth": .text("\($0)")], english: "L = \($0)") }
        ?? ClaimNote(
          key: "cli.claim.depth.never", ["layers": .text("\(GradientDepth.maxDepth)")],
          english: "not within \(GradientDepth.maxDepth) layers")
      return .number(v, detail: note)
    case .precisionThreshold:
      return try precision(claim, params)
    case .naiveFailure:
      guard let naive = spec.naive else { throw fail(claim, "\(spec.id) has no naive formula in the catalog") }
      let samples = ViewSamples(spec.views(params)[0], count: 4001)
      let component = claim.component ?? "value"
      let direction = claim.direction ?? 1
      let failures = FloatingPointStudy.naiveFailures(samples, naive: naive, parameters: params)
      guard let f = failures.first(where: { $0.component == component && $0.direction == direction }) else {
        let end = direction < 0 ? "-inf" : "+inf"
        return .number(.infinity, detail: ClaimNote(key: "cli.claim.naive.never", ["end": .text(end)], english: "never fails toward \(end)"))
      }
      return .number(
        f.x,
        detail: ClaimNote(
          key: "cli.claim.naive.first",
          ["formula": .text(f.formula), "mode": .key("cli.word.naiveMode.\(f.mode.wordKey)"), "x": .text(formatValue(f.x))],
          english: "\(f.formula) \(f.mode.rawValue) at x = \(formatValue(f.x))"))
    case .meanValue:
      guard spec.family == .regressionLoss else { throw fail(claim, "mean-value is defined for regression losses") }
      var sum = 0.0
      for r in claim.values! {
        var args = claim.arguments
        args[spec.predictionArgument] = .real(r)
        if args["y"] == nil { args["y"] = .real(0) }
        if spec.arguments.contains(where: { $0.name == "var" }) && args["var"] == nil { args["var"] = .real(1) }
        do {
          sum += try spec.evaluate(parameters: params.values, arguments: args).value.scalarValue!
        } catch {
          throw fail(claim, error.message)
        }
      }
      let mean = sum / Double(claim.values!.count)
      return .number(mean, detail: .plain(formatValue(mean)))
    case .minimiser:
      guard let m = EmpiricalMinimiser.compute(spec, parameters: params, targets: claim.values!) else {
        throw fail(claim, "minimiser is defined for regression losses")
      }
      return .number(m.minimiser, detail: .plain(formatValue(m.minimiser)))
    case .gradientGain:
      guard spec.family == .activation else { throw fail(claim, "gradient-gain is defined for scalar activations") }
      let initialization = claim.initialization ?? .xavier
      let view = try selectView(claim, params)
      guard GradientGain.applies(to: view) else {
        throw fail(claim, "gradient-gain is defined for activations on the whole real line: \(GradientGain.inapplicable(view.domain))")
      }
      let g = GradientGain.compute(view, initialization: initialization, depth: 1)
      guard !g.gain.isNaN else {
        throw fail(claim, "gradient-gain has no value here: E[f'(h)^2], h ~ N(0, q = \(formatValue(g.q))), is NaN in Double (an infinite integrand times a zero weight, or inf - inf)")
      }
      let q = g.source == .fixedPoint ? "q = \(formatValue(g.q)), the fixed point" : "q = 1: \(g.source.rawValue)"
      let english = "\(formatValue(g.gain)) at \(initialization.rawValue) init (\(q))"
      let note = ClaimNote(
        key: g.source == .fixedPoint ? "cli.claim.gain.fixedPoint" : "cli.claim.gain.other",
        [
          "gain": .text(formatValue(g.gain)), "initialization": .key("cli.word.initialization.\(initialization.rawValue)"),
          "q": .text(formatValue(g.q)), "source": .key("cli.word.varianceSource.\(g.source.wordKey)"),
        ], english: english)
      return .number(g.gain, detail: note)
    case .evaluationStable:
      guard let d = claim.userFunction else {
        throw fail(claim, "evaluation-stable is decided for user-defined functions (the formula as written); \(spec.id) is a catalog function")
      }
      let report = d.safetyReport(parameters: d.parameters.map { params[$0.name] })
      let detail = report.stable
        ? "stable at \(report.checkedInputs) checked inputs" + (report.findings.isEmpty ? "" : " (f'' fails: \(report.sentences[0]))")
        : report.sentences.first { !$0.hasPrefix("second") } ?? ""
      let checked = ClaimNote.Value.text("\(report.checkedInputs)")
      let note: ClaimNote
      if report.stable {
        note = report.findings.first.map {
          ClaimNote(key: "cli.claim.stable.secondFails", ["count": checked, "finding": .note(.finding($0))], english: detail)
        } ?? ClaimNote(key: "cli.claim.stable.yes", ["count": checked], english: detail)
      } else {
        // The first finding of the value or the derivative (sentences
        // start with their component; a second derivative's does not
        // decide evaluation-stable).
        note = report.findings.first { $0.component != .secondDerivative }.map(ClaimNote.finding) ?? .plain(detail)
      }
      return .flag(report.stable, detail: note)
    default:
      if claim.arguments.isEmpty && claim.view == nil && CatalogAnalysis.hasSeveralArguments(spec) {
        return try wholeDomain(claim, params)
      }
      let p = try properties(claim, params)
      return try read(p, claim)
    }
  }

  /// A claim that fixes no argument of a function of several arguments:
  /// range, non-negative, convex and concave (and, in a real prediction
  /// argument, monotonic and max |derivative|) are decided over the whole
  /// domain (``DomainProperties``); every other property at every view,
  /// holding only if it holds at all of them.
  private func wholeDomain(_ claim: Claim, _ params: ParameterValues) throws(ClaimFileError) -> Computed {
    guard claim.over == nil else {
      throw fail(claim, "'over' restricts one view: fix the other arguments of \(claim.function.id) with 'args'")
    }
    let spec = claim.function
    let views = spec.views(params).indices.map { i in self.properties(spec, params, viewIndex: i) }
    let d = domain(spec, params, views)
    switch claim.property {
    case .range:
      let lo = d.infimum.kind == .exact && d.infimum.attained ? "[" : "("
      let hi = d.supremum.kind == .exact && d.supremum.attained ? "]" : ")"
      let interval = "\(lo)\(formatValue(d.infimum.value)), \(formatValue(d.supremum.value))\(hi)"
      let detail = "\(interval) over the whole domain"
        + " (infimum \(Format.domainBound(d.infimum)); supremum \(Format.domainBound(d.supremum)))"
      let note = ClaimNote(
        key: "cli.claim.domain.range",
        ["interval": .text(interval), "infimum": .note(.bound(d.infimum)), "supremum": .note(.bound(d.supremum))], english: detail)
      return .interval(d.infimum.value, d.supremum.value, detail: note)
    case .nonNegative:
      let witness = d.negativeWitness.map { ": \(spec.id)(\($0.point)) = \(formatValue($0.value))" } ?? ""
      let witnessNote = d.negativeWitness.map {
        ClaimNote.Value.note(
          ClaimNote(
            key: "cli.claim.domain.negativeWitness", ["call": .text("\(spec.id)(\($0.point))"), "value": .text(formatValue($0.value))],
            english: witness))
      }
      let note = ClaimNote(
        key: "cli.claim.domain.nonNegative",
        ["answer": .note(.bool(d.nonNegative)), "infimum": .note(.bound(d.infimum)), "witness": witnessNote ?? .text("")],
        english: "\(d.nonNegative) over the whole domain (infimum \(Format.domainBound(d.infimum)))\(witness)")
      return .flag(d.nonNegative, detail: note)
    case .convex:
      let witness = d.convexViolation.map { ": the midpoint of (\($0.a)) and (\($0.b)) lies above the chord" } ?? ""
      let witnessNote = d.convexViolation.map {
        ClaimNote.Value.note(
          ClaimNote(key: "cli.claim.domain.convexWitness", ["a": .text("\($0.a)"), "b": .text("\($0.b)")], english: witness))
      }
      let note = ClaimNote(
        key: "cli.claim.domain.convex",
        ["answer": .note(.bool(d.convex)), "prediction": .text(spec.predictionArgument), "witness": witnessNote ?? .text("")],
        english: "\(d.convex) in \(spec.predictionArgument) for every value of the other arguments\(witness)")
      return .flag(d.convex, detail: note)
    case .concave:
      let note = ClaimNote(
        key: "cli.claim.domain.concave", ["answer": .note(.bool(d.concave)), "prediction": .text(spec.predictionArgument)],
        english: "\(d.concave) in \(spec.predictionArgument) for every value of the other arguments")
      return .flag(d.concave, detail: note)
    case .monotonic where d.monotonic != nil:
      return .word(d.monotonic!.rawValue)
    case .maxAbsDerivative where d.maxAbsDerivative != nil:
      let v = d.maxAbsDerivative!
      // Where: the view that reaches it, every place (both tails of huber).
      let steepest = views.filter { Format.sameNumber($0.maxAbsDerivative.value, v) }.first
      let place = steepest.map { "; in the view \($0.viewLabel): \(Format.extremum($0.maxAbsDerivative))" } ?? ""
      let detail = "\(formatValue(v)) over the whole domain"
        + (d.maxAbsDerivativeExact ? place : " (at least: a steeper point found by the search)")
      let placeNote: ClaimNote.Value
      if !d.maxAbsDerivativeExact {
        placeNote = .note(ClaimNote(key: "cli.claim.domain.atLeast", english: " (at least: a steeper point found by the search)"))
      } else if let steepest {
        placeNote = .note(
          ClaimNote(
            key: "cli.claim.domain.steepestView",
            ["view": .text(steepest.viewLabel), "extremum": .note(.extremum(steepest.maxAbsDerivative))], english: place))
      } else {
        placeNote = .text("")
      }
      let note = ClaimNote(
        key: "cli.claim.domain.maxAbsDerivative", ["value": .text(formatValue(v)), "place": placeNote], english: detail)
      return .number(v, detail: note)
    default:
      var list: [(label: String, value: Computed)] = []
      for v in views { list.append((v.viewLabel, try read(v, claim))) }
      return .perView(list)
    }
  }

  private func read(_ p: ViewProperties, _ claim: Claim) throws(ClaimFileError) -> Computed {
    switch claim.property {
    case .maxAbsDerivative:
      return .number(p.maxAbsDerivative.value, detail: .extremum(p.maxAbsDerivative))
    case .range:
      let detail = "\(p.infimum.attained ? "[" : "(")\(formatValue(p.infimum.value)), \(formatValue(p.supremum.value))\(p.supremum.attained ? "]" : ")")"
      return .interval(p.infimum.value, p.supremum.value, detail: .plain(detail))
    case .monotonic: return .word(p.monotonic.rawValue)
    case .derivativeMonotonic: return .word(p.derivativeMonotonic.rawValue)
    case .continuity: return .word(p.continuity.rawValue)
    case .zeroCentered:
      guard let z = p.zeroCentered, let m = p.meanOutput else {
        throw fail(claim, "zero-centered is defined for activations on the whole real line")
      }
      let note = ClaimNote(
        key: "cli.claim.zeroCentred", ["answer": .note(.bool(z)), "mean": .text(formatValue(m))],
        english: "\(z): mean output E[f(X)] = \(formatValue(m)) for X ~ N(0, 1)")
      return .flag(z, detail: note)
    case .meanOutput:
      guard let m = p.meanOutput else { throw fail(claim, "mean-output is defined for activations on the whole real line") }
      let note = ClaimNote(
        key: "cli.claim.meanOutput", ["mean": .text(formatValue(m))], english: "E[f(X)] = \(formatValue(m)) for X ~ N(0, 1)")
      return .number(m, detail: note)
    case .passesThroughOrigin:
      guard let z = p.passesThroughOrigin else { throw fail(claim, "0 is outside the view's domain") }
      return .bool(z)
    case .identityNearOrigin:
      guard let z = p.identityNearOrigin else { throw fail(claim, "0 is outside the view's domain") }
      return .bool(z)
    case .saturatesLeft: return .bool(p.saturatesLeft)
    case .saturatesRight: return .bool(p.saturatesRight)
    case .deadRegion: return .intervals(p.deadRegions.map(\.interval))
    case .convex: return .bool(p.convex)
    case .concave: return .bool(p.concave)
    case .nonNegative: return .bool(p.nonNegative)
    case .zeroAtCorrect: return .word(p.zeroAtCorrect.rawValue)
    case .gradientBounded: return .growth(p.gradientGrowth)
    case .finiteAtExtremes: return .bool(p.extremes.allSatisfy(\.honest))
    case .gradientCheckError:
      let e = p.gradientCheck.maxRelativeErrorD1
      let note = ClaimNote(
        key: "cli.claim.gradientCheck", ["error": .text(formatValue(e)), "x": .text(formatValue(p.gradientCheck.worstD1At))],
        english: "\(formatValue(e)) at x = \(formatValue(p.gradientCheck.worstD1At))")
      return .number(e, detail: note)
    default:
      throw fail(claim, "property \(claim.property.rawValue) is not read from a view")
    }
  }

  private func precision(_ claim: Claim, _ params: ParameterValues) throws(ClaimFileError) -> Computed {
    guard let formatName = claim.format, let format = NumberFormat.allCases.first(where: { $0.rawValue.lowercased() == formatName.lowercased() }) else {
      throw fail(claim, "precision-threshold needs 'format:' (Float16, Float32 or Float64)")
    }
    let kinds: [String: PrecisionThreshold.Kind] = [
      "value-limit": .valueReachesLimit, "value-equals-input": .valueEqualsInput,
      "derivative-zero": .derivativeVanishes, "derivative-limit": .derivativeReachesLimit,
    ]
    guard let kindName = claim.kind, let kind = kinds[kindName] else {
      throw fail(claim, "precision-threshold needs 'kind:' (\(kinds.keys.sorted().joined(separator: ", ")))")
    }
    let samples = ViewSamples(try selectView(claim, params), count: 4001)
    let direction = claim.direction ?? 1
    let found = FloatingPointStudy.precision(samples).first { $0.format == format && $0.kind == kind && $0.direction == direction }
    guard let found else { throw fail(claim, "\(kind.rawValue) does not apply toward \(direction < 0 ? "-inf" : "+inf")") }
    guard let x = found.x else {
      return .number(
        .infinity,
        detail: ClaimNote(
          key: "cli.claim.precision.never", ["format": .text(format.rawValue)], english: "never within \(format.rawValue)'s range"))
    }
    return .number(x, detail: .plain("x = \(formatValue(x))"))
  }

  // MARK: - Views and the analysis cache

  /// The view a claim speaks of: the catalog view `view` (the primary one
  /// when not given), with `args` fixing its arguments. A catalog view whose
  /// fixed arguments match `args` is that view; any other is built on
  /// request (``FunctionSpec/view(_:base:fixing:along:)``: `args: {y: 0.7}`
  /// for bce). Restricted to `over` when given.
  func selectView(_ claim: Claim, _ params: ParameterValues) throws(ClaimFileError) -> ScalarView {
    let spec = claim.function
    let views = spec.views(params)
    var base = 0
    if let name = claim.view {
      guard let i = Int(name).flatMap({ views.indices.contains($0) ? $0 : nil }) ?? views.firstIndex(where: { $0.label == name })
      else {
        throw fail(
          claim,
          "view '\(InputEcho.short(name))': \(spec.id)'s views are " + views.enumerated().map { "\($0) (\($1.label))" }.joined(separator: ", "))
      }
      base = i
    }
    var view = views[base]
    if !claim.arguments.isEmpty {
      let match = claim.view == nil
        ? views.first { v in claim.arguments.allSatisfy { name, value in v.fixed.contains { $0.name == name && $0.value == value } } }
        : nil
      if let match {
        view = match
      } else {
        do {
          view = try spec.view(params, base: base, fixing: claim.arguments).view
        } catch {
          throw fail(claim, "args \(describe(claim.arguments)): \(error.message)")
        }
      }
    }
    if let (a, b) = claim.over {
      // The interval must meet the domain in more than a point: `over:
      // [5, 10]` for p in (0, 1) is a mistake in the claim, not an empty
      // set to analyse.
      let lo = max(a, view.domain.lower)
      let hi = min(b, view.domain.upper)
      guard lo < hi else {
        throw fail(
          claim,
          "over [\(formatValue(a)), \(formatValue(b))] lies outside the domain \(view.domain) of \(claim.function.id) (\(view.label)); give an interval inside it")
      }
      // The engine samples between the ends: their distance must be a
      // Double ([-1e308, 1e308] is 2e308, which overflows to inf and made
      // every sample NaN).
      guard (hi - lo).isFinite || !lo.isFinite || !hi.isFinite else {
        throw fail(
          claim,
          "over [\(formatValue(a)), \(formatValue(b))] is wider than a Double can measure (b - a overflows); give an interval at most 1.7976931348623157e308 wide")
      }
      view = view.restricted(to: a, b)
    }
    return view
  }

  private func properties(_ claim: Claim, _ params: ParameterValues) throws(ClaimFileError) -> ViewProperties {
    let view = try selectView(claim, params)
    let over = claim.over.map { "\($0.lower),\($0.upper)" } ?? ""
    return analysis(of: view, claim.function, params, key: "\(claim.function.id)|\(params)|\(view.label)|\(over)")
  }

  /// View `viewIndex` of `spec` at `params`, analysed once per run.
  private func properties(_ spec: FunctionSpec, _ params: ParameterValues, viewIndex: Int) -> ViewProperties {
    let view = spec.views(params)[viewIndex]
    return analysis(of: view, spec, params, key: "\(spec.id)|\(params)|\(view.label)|")
  }

  private func analysis(of view: ScalarView, _ spec: FunctionSpec, _ params: ParameterValues, key: String) -> ViewProperties {
    if let hit = lock.withLock({ cache[key] }) { return hit }
    let p = PropertyEngine.analyze(
      ViewSamples(view, count: options.samples), functionID: spec.id, isLoss: spec.family.isLoss,
      parameters: params, viewIndex: 0, options: options)
    lock.withLock { cache[key] = p }
    return p
  }

  /// The whole-domain properties of `spec` at `params`, computed once per run.
  private func domain(_ spec: FunctionSpec, _ params: ParameterValues, _ views: [ViewProperties]) -> DomainProperties {
    let key = "\(spec.id)|\(params)"
    if let hit = lock.withLock({ domainCache[key] }) { return hit }
    let d = DomainProperties.compute(spec, parameters: params, views: views)
    lock.withLock { domainCache[key] = d }
    return d
  }

  // MARK: - Matching

  private func matches(_ value: Computed, _ expect: Expectation, _ claim: Claim) throws(ClaimFileError) -> Bool {
    switch (value, expect) {
    case (.number(let v, _), .equals(let e)): return Format.sameNumber(v, e) || relativelyEqual(v, e)
    case (.number(let v, _), .approx(let e, let t)): return v == e || abs(v - e) <= t
    case (.number(let v, _), .atMost(let e)): return v <= e
    case (.number(let v, _), .atLeast(let e)): return v >= e
    case (.number(let v, _), .within(let a, let b)): return v >= a && v <= b
    case (.perView(let list), _):
      var all = true
      for item in list { all = try matches(item.value, expect, claim) && all }
      return all
    case (.bool(let b), .bool(let e)), (.flag(let b, _), .bool(let e)): return b == e
    case (.word(let w), .bool(let e)) where claim.property == .monotonic || claim.property == .derivativeMonotonic:
      // `expect: true`: monotonic in either direction (a constant function
      // is both non-increasing and non-decreasing).
      return (w != Monotonicity.neither.rawValue) == e
    case (.word(let w), .word(let e)): return normalize(w) == normalize(e)
    case (.interval(let a, let b, _), .interval(let ea, let eb)):
      return Format.sameNumber(a, ea) && Format.sameNumber(b, eb)
    case (.intervals(let list), .interval(let ea, let eb)):
      return list.contains { Format.sameNumber($0.lower, ea) && Format.sameNumber($0.upper, eb) }
    case (.intervals(let list), .bool(let e)): return list.isEmpty != e
    case (.growth(let g), .bool(let e)): return (g != .unbounded) == e
    case (.growth(let g), .word(let e)): return g.rawValue == normalize(e)
    default:
      throw fail(claim, "expect \(expect.description) does not fit \(claim.property.rawValue) (computed: \(value.description))")
    }
  }

  private func relativelyEqual(_ a: Double, _ b: Double) -> Bool {
    a.isFinite && b.isFinite && abs(a - b) <= 1e-12 * max(abs(a), abs(b))
  }

  private func normalize(_ w: String) -> String {
    switch w.lowercased() {
    case "c∞", "c-inf", "cinf", "c-infinity", "smooth": return "cinf"
    default: return w.lowercased()
    }
  }

  private func describe(_ args: [String: ArgumentValue]) -> String {
    "{" + args.keys.sorted().map { key -> String in
      switch args[key]! {
      case .real(let v): return "\(key): \(formatValue(v))"
      case .integer(let k): return "\(key): \(k)"
      case .vector(let v): return "\(key): [" + v.map(formatValue).joined(separator: ", ") + "]"
      }
    }.joined(separator: ", ") + "}"
  }

  private func fail(_ claim: Claim, _ reason: String) -> ClaimFileError {
    ClaimFileError(file: claim.file, line: claim.line, reason: "claim '\(claim.id)': \(reason)")
  }
}

extension ScalarView {
  /// The view restricted to [a, b] (closed where finite and inside the domain).
  public func restricted(to a: Double, _ b: Double) -> ScalarView {
    let lo = max(a, domain.lower)
    let hi = min(b, domain.upper)
    let loClosed = lo.isFinite && (lo > domain.lower || domain.lowerClosed)
    let hiClosed = hi.isFinite && (hi < domain.upper || domain.upperClosed)
    // The plot range: the interval itself where finite, else the view's
    // plot width measured from the finite end.
    let width = plotRange.upperBound - plotRange.lowerBound
    let plotLo: Double
    let plotHi: Double
    switch (lo.isFinite, hi.isFinite) {
    case (true, true): (plotLo, plotHi) = (lo, hi)
    case (true, false): (plotLo, plotHi) = (lo, max(plotRange.upperBound, lo + width))
    case (false, true): (plotLo, plotHi) = (min(plotRange.lowerBound, hi - width), hi)
    case (false, false): (plotLo, plotHi) = (plotRange.lowerBound, plotRange.upperBound)
    }
    return ScalarView(
      label: "\(label) on \(RealInterval(lo, hi, lowerClosed: loClosed, upperClosed: hiClosed))", argument: argument, fixed: fixed,
      domain: RealInterval(lo, hi, lowerClosed: loClosed, upperClosed: hiClosed),
      plotRange: plotLo...plotHi, breakpoints: breakpoints.filter { $0 > lo && $0 < hi },
      declared: DeclaredProperties(), exactRounding: exactRounding, evaluate: evaluate)
  }
}
