import ArgumentParser
import LossAtlasAnalysis
import LossAtlasCore
import LossAtlasIO

extension LossAtlasCommand {
  /// `lossatlas properties`: everything the engine computes about one function.
  struct Properties: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Print every property the engine computes for a function, at each parameter setting of its grid.",
      discussion: """
        lossatlas properties huber                         every view at every setting of the grid
        lossatlas properties huber --param delta=0.3       every view at delta = 0.3
        lossatlas properties huber --param delta=0.3,2 --arg y=5
        lossatlas properties bce --arg y=0.7               p swept with y = 0.7
        lossatlas properties gaussian-nll --over var --arg yhat=2 --arg y=0
        With --param, --view, --arg or --over, the engine runs on the views chosen (see \
        `lossatlas sweep --help` for how a view is chosen), each at every combination of the \
        --param lists; a view the catalog does not list declares nothing, and its breakpoints \
        are found where the documented formula changes piece (exact to one ulp).
        """)

    @Argument(help: "A function id or alias (see `lossatlas list`).")
    var id: FunctionID

    @Option(
      name: .customLong("param"),
      help: ArgumentHelp("Parameter values, NAME=V1,V2,... (every combination is analysed).", valueName: "NAME=V,..."),
      completion: .custom(FunctionCompletion.parameters))
    var parameters: [String] = []

    @OptionGroup(title: "View")
    var selection: ViewOptions

    /// At most this many parameter settings from --param lists.
    static let maxSettings = 64

    @Option(parsing: .unconditional, help: "Saturation threshold tau, in (0, 1): |f'| < tau * max |f'|.")
    var tau: Double = 1e-2

    @Flag(help: "Print JSON.")
    var json = false

    @OptionGroup var functions: FunctionFileOptions

    func validate() throws {
      guard tau > 0 && tau < 1 else { throw ValidationError("--tau must be in (0, 1), not \(tau)") }
    }

    func run() throws {
      let registry = try functions.registry()
      let spec: FunctionSpec
      do {
        spec = try registry.function(named: id.name)
      } catch {
        throw fail(error)
      }
      if !parameters.isEmpty || !selection.isDefault {
        try runChosen(spec)
        return
      }
      let analysis = CatalogAnalysis.run(ids: [spec.id], options: AnalysisOptions(saturationTau: tau), catalog: registry.all)[0]
      let safety = registry.definition(spec.id).map { $0.safetyReport() }
      if json {
        var answer = analysis.json
        if let safety, case .object(var members) = answer {
          members.append(("evaluationStable", .bool(safety.stable)))
          members.append(("numericalSafety", safety.json))
          answer = .object(members)
        }
        writeOut(answer.prettyText)
        return
      }
      var out = "\(spec.name) (\(spec.id))\n"
      if let d = registry.definition(spec.id) {
        out += "user-defined at \(d.file):\(d.line): \(d.value.source.text)\n"
      }
      let definition = registry.definition(spec.id)
      for s in analysis.settings {
        for v in s.views {
          out += "\n\(v.coordinates)\n"
          out += Self.describe(v, spec)
          if let definition {
            let params = definition.parameters.map { s.parameters[$0.name] }
            out += Self.describeFormula(definition.formulaPoints(parameters: params, at: v.extremes.map(\.x)))
          }
        }
      }
      for s in analysis.settings where s.domain.multiArgument {
        let d = s.domain
        let p = s.parameters.values.isEmpty ? "" : " {\(s.parameters)}"
        out += "\n\(spec.id)\(p) over the whole domain\n"
        out += "  infimum          \(Format.domainBound(d.infimum))\n"
        out += "  supremum         \(Format.domainBound(d.supremum))\n"
        out += "  non-negative     \(d.nonNegative)" + (d.negativeWitness.map { " (\(spec.id)(\($0.point)) = \(Format.number($0.value)))" } ?? "") + "\n"
        out += "  convex           \(d.convex) (in \(spec.predictionArgument), every value of the others)\n"
        if let m = d.monotonic { out += "  monotonic        \(m.rawValue)\n" }
        if let g = d.maxAbsDerivative { out += "  max |derivative| \(Format.number(g))\(d.maxAbsDerivativeExact ? "" : " (at least)")\n" }
      }
      out += "\nAt the default parameters:\n"
      if definition != nil {
        // A user function's entry is the formula's own Double result where
        // that is finite (its rounding included), the exact value where it
        // is NaN or ±inf: the study rounds that result to each format.
        out += "  (precision study of the entry: the formula's Double result where finite, the exact value where that is NaN or ±inf)\n"
      }
      out += Self.describe(analysis.facts)
      if let safety { out += "\n" + safety.readable }
      writeOut(out)
    }

    /// `properties` with --param or a chosen view: the engine on the chosen
    /// view (or every catalog view) at each combination of the --param lists.
    private func runChosen(_ spec: FunctionSpec) throws {
      let settings = try parameterSettings(
        spec, parameters, limit: Self.maxSettings,
        tooMany: "the --param lists make more than \(Self.maxSettings) parameter settings; analyse fewer at a time")
      // Every view is resolved before any is analysed: a bad choice prints
      // one error and nothing else.
      var chosen: [(parameters: ParameterValues, view: ResolvedView)] = []
      for p in settings {
        if selection.isDefault {
          for (i, v) in spec.views(p).enumerated() {
            chosen.append((p, ResolvedView.catalog(v, index: i)))
          }
        } else {
          chosen.append((p, try selection.resolve(spec, p)))
        }
      }
      let results = CatalogAnalysis.run(spec, chosen: chosen, options: AnalysisOptions(saturationTau: tau))
      if json {
        let doc = JSONValue.object([
          ("id", .string(spec.id)), ("tau", .double(tau)), ("views", .array(results.map(\.json))),
        ])
        writeOut(doc.prettyText)
        return
      }
      var out = "\(spec.name) (\(spec.id))\n"
      for r in results {
        let v = r.properties
        let p = r.parameters.values.isEmpty ? "" : " {\(r.parameters)}"
        let origin = r.resolved.catalogIndex.map { "catalog view \($0)" } ?? "built on request, breakpoints from the \(r.resolved.breakpoints.rawValue)"
        out += "\n\(spec.id)\(p) \(r.resolved.view.label) (\(origin))\n"
        out += Self.describe(v, spec)
        if !r.resolved.view.breakpoints.isEmpty {
          out += "  breakpoints      \(r.resolved.view.breakpoints.map(Format.number).joined(separator: ", "))\n"
        }
        for o in r.declared ?? [] where !o.passes {
          out += "  DECLARED \(o.property): \(o.declared), computed \(o.computed)\n"
        }
        out += Self.describe(r.facts)
      }
      writeOut(out)
    }

    /// The properties of one view, one line each.
    static func describe(_ v: ViewProperties, _ spec: FunctionSpec) -> String {
      var out = ""
      out += "  range            \(Format.extremum(v.infimum)) .. \(Format.extremum(v.supremum))\n"
      out += "  monotonic        \(v.monotonic.rawValue); f' \(v.derivativeMonotonic.rawValue)\n"
      out += "  continuity       \(v.continuity.rawValue)\n"
      out += "  max |f'|         \(Format.extremum(v.maxAbsDerivative))\n"
      out += "  saturates        left \(v.saturatesLeft), right \(v.saturatesRight)\n"
      out += "  saturation       \(v.saturationIntervals.isEmpty ? "none" : v.saturationIntervals.map(\.interval.description).joined(separator: " ∪ ")) (tails)\n"
      if !v.flatZones.isEmpty {
        out += "  flat zones       " + v.flatZones.map { "\($0.interval) \($0.kind.rawValue)\($0.at.map { " at \(Format.number($0))" } ?? "")" }.joined(separator: "; ") + "\n"
      }
      out += "  dead regions     \(v.deadRegions.map(\.interval.description).joined(separator: " ∪ "))\n"
      out += "  convex/concave   \(v.convex)/\(v.concave) (midpoint cross-check \(v.convexityCrossCheck ? "agrees" : "DISAGREES"))\n"
      if spec.family.isLoss {
        out += "  zero at correct  \(v.zeroAtCorrect.rawValue); gradient there 0: \(v.gradientZeroAtMinimum)\n"
        out += "  gradient         \(v.gradientGrowth.rawValue)\n"
      } else {
        out += "  mean output      \(v.meanOutput.map(Format.number) ?? "-") (E[f(X)], X ~ N(0, 1)); zero-centred: \(v.zeroCentered.map(String.init) ?? "-")\n"
        out += "  origin           passes through 0: \(v.passesThroughOrigin.map(String.init) ?? "-"); identity near 0: \(v.identityNearOrigin.map(String.init) ?? "-")\n"
      }
      out += "  gradcheck        f' \(Format.number(v.gradientCheck.maxRelativeErrorD1)), f'' \(Format.number(v.gradientCheck.maxRelativeErrorD2)) over \(v.gradientCheck.points) points\n"
      out += "  extremes         "
        + v.extremes.map { "\(Format.number($0.x)): \($0.undecided.contains(.value) ? "undecided" : Format.number($0.jet.value))" }
        .joined(separator: ", ") + " (f)\n"
      let undecided = v.extremes.filter { !$0.undecided.isEmpty }
      if !undecided.isEmpty {
        out += "  undecided        "
          + undecided.map { p in "at \(Format.number(p.x)): " + p.undecided.map(\.rawValue).joined(separator: ", ") }.joined(separator: "; ")
          + " (the formula as written is NaN or ±inf in Double and the exact value is beyond the wide arithmetic's range or not narrowed at 512 bits)\n"
      }
      for (end, x) in [("lower", v.undecidedLower), ("upper", v.undecidedUpper)] {
        guard let x else { continue }
        out += "  far samples      toward the \(end) end: undecided from x = \(Format.number(x)) (the exact value or a derivative is beyond the wide arithmetic's range or not narrowed at 512 bits); the limits, range and saturation rest on the samples nearer in\n"
      }
      let offending = v.extremes.filter { !$0.honest }
      if !offending.isEmpty {
        out += "  not finite       "
          + offending.map { p in
            "at \(Format.number(p.x)): " + p.offending.map { "\($0.rawValue) = \(Format.number(p.number($0)))" }.joined(separator: ", ")
          }.joined(separator: "; ") + " (NaN, or infinite where the limit is finite)\n"
      }
      return out
    }

    /// A user function's extremes twice: the formula as written in Double
    /// and the exact value (wide arithmetic) rounded to Double; the
    /// `extremes` line above prints what the function's entry reports (the
    /// Double result, or the exact value where that is NaN or ±inf).
    static func describeFormula(_ points: [FormulaPoint]) -> String {
      guard !points.isEmpty else { return "" }
      var out = "  extremes of the formula as written: Double result | exact value\n"
      let width = points.map { Format.number($0.x).count }.max() ?? 0
      for p in points {
        let x = Format.number(p.x)
        let doubles = [p.double.value, p.double.d1, p.double.d2]
        let parts = zip(ExtremePoint.Component.allCases, zip(doubles, p.exact)).map { c, pair in
          "\(c.rawValue) \(Format.number(pair.0)) | \(pair.1.map(Format.number) ?? "undecided")"
        }
        out += "    x = \(x)\(String(repeating: " ", count: width - x.count))  " + parts.joined(separator: "; ") + "\n"
      }
      if points.contains(where: { $0.exact.contains(nil) }) {
        out += "    (undecided: beyond the wide arithmetic's exponent range, |x| < 2^(2^60), or not narrowed at 512 bits)\n"
      }
      return out
    }

    /// The floating-point facts (gains, depth, naive failures, exact tails,
    /// precision thresholds, minimiser), one line each.
    static func describe(_ f: FunctionFacts) -> String {
      var out = ""
      for g in f.gains {
        out += "  gradient gain    \(g.initialization.rawValue): \(Format.number(g.gain)) at q = \(Format.number(g.q)) (\(g.source.rawValue))\n"
      }
      if let d = f.depth {
        out += "  depth to vanish  \(d.depthToVanish.map(String.init) ?? "> 100") (median |prod f'| < 1e-6, weights set aside)\n"
      }
      for n in f.naiveFailures {
        out += "  naive \(n.component): \(n.formula) \(n.mode.rawValue) first at x = \(Format.number(n.x))"
        out += "; fails at \(Format.number(n.fractionFailingAfter * 100))% of the unit after it"
        if let a = n.alwaysFrom { out += "; at every input from x = \(Format.number(a))" }
        out += "\n"
      }
      for t in f.exactTails {
        let what = t.kind.isValue ? "value" : "derivative"
        let equals = t.kind == .valueEqualsInput ? "x" : Format.number(t.limit)
        let from = t.boundary.map { "x \(t.direction > 0 ? (t.closed ? ">=" : ">") : (t.closed ? "<=" : "<")) \(Format.number($0))" } ?? "every x"
        out += "  exact: \(what) equals \(equals) for \(from)\n"
      }
      for p in f.precision {
        let toward = "  \(p.format.rawValue) toward \(p.direction < 0 ? "lower end" : "upper end"): \(p.kind.rawValue)"
        if p.x == nil, let u = p.undecidedFrom {
          // Not found before the stretch the study could not read: no "never".
          out += toward + ": not before x = \(Format.number(u)); from there on the exact \(p.kind.isValue ? "value" : "derivative") is undecided (beyond the wide arithmetic's range)\n"
          continue
        }
        out += toward + " from x = \(p.x.map(Format.number) ?? "never")"
        if let e = p.earlier { out += " (also at \(e.hits) of \(e.checked) checked inputs in [\(Format.number(Swift.min(e.from, e.to))), \(Format.number(Swift.max(e.from, e.to)))])" }
        if p.ties > 0 || p.uncertain > 0 { out += " [ties \(p.ties), uncertain \(p.uncertain)]" }
        if let u = p.undecidedFrom {
          out += " (studied before x = \(Format.number(u)) only: from there on the exact \(p.kind.isValue ? "value" : "derivative") is undecided, beyond the wide arithmetic's range)"
        }
        if p.undecided > 0 { out += " [undecided \(p.undecided)]" }
        out += "\n"
      }
      if let m = f.minimiser {
        out += "  minimiser of the mean loss over \(m.targets.map(Format.number)): \(Format.number(m.minimiser))\n"
      }
      return out
    }
  }
}
