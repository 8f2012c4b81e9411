import LossAtlasAnalysis
import LossAtlasCore
import LossAtlasIO

/// The English text of `lossatlas properties` and of `lossatlas check`'s
/// table as main printed it before `--lang` (commit 5b51721,
/// Sources/lossatlas/Properties.swift and CheckReport.swift), copied here
/// verbatim (only the surrounding function signatures are new), so that a
/// test can show that the English words (templates/strings/en/cli.yaml
/// through ``PropertiesText`` and ``CheckText``) print the same bytes.
/// Frozen: never edit it to match new output.
enum LegacyCLIText {
  static func report(_ spec: FunctionSpec, _ analysis: FunctionAnalysis, registry: FunctionRegistry, safety: SafetyReport?) -> String {
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
    out += Self.describe(analysis.facts)
    if let safety { out += "\n" + safety.readable }
    return out
  }

  static func chosen(_ spec: FunctionSpec, _ results: [ChosenViewAnalysis]) -> String {
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
    return out
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
    out += "  extremes         " + v.extremes.map { "\(Format.number($0.x)): \(Format.number($0.jet.value))" }.joined(separator: ", ") + " (f)\n"
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
      out += "  \(p.format.rawValue) toward \(p.direction < 0 ? "lower end" : "upper end"): \(p.kind.rawValue) from x = \(p.x.map(Format.number) ?? "never")"
      if let e = p.earlier { out += " (also at \(e.hits) of \(e.checked) checked inputs in [\(Format.number(Swift.min(e.from, e.to))), \(Format.number(Swift.max(e.from, e.to)))])" }
      if p.ties > 0 || p.uncertain > 0 { out += " [ties \(p.ties), uncertain \(p.uncertain)]" }
      // Added with the exact study of user functions (issue 11, item 2).
      if let u = p.undecidedFrom { out += " (the exact value is not decided from x = \(Format.number(u)) on: searched only before it)" }
      if p.undecided > 0 { out += " [undecided \(p.undecided), counted as not rounding]" }
      out += "\n"
    }
    if let m = f.minimiser {
      out += "  minimiser of the mean loss over \(m.targets.map(Format.number)): \(Format.number(m.minimiser))\n"
    }
    return out
  }

  static func summary(_ rows: [CheckRow]) -> String {
    let failed = rows.filter { !$0.passes }.count
    return "\(rows.count) \(rows.count == 1 ? "statement" : "statements") checked: \(rows.count - failed) pass, \(failed) fail"
  }

  /// Failures in full, passes as one line each. Everything that comes
  /// from a claim file or its name (ids, text, expected words, the path)
  /// has its control characters escaped (``InputEcho``): a newline or a
  /// terminal escape sequence in a claim cannot forge a line of the report
  /// or drive the terminal.
  static func table(_ rows: [CheckRow]) -> String {
    let e = InputEcho.escapingControls
    var out = ""
    for r in rows {
      let mark = r.passes ? "PASS" : "FAIL"
      let place = r.line.map { "\(e(r.source)):\($0)" } ?? e(r.source)
      out += "\(mark)  \(place)  \(e(r.id))  [\(e(r.function)) \(e(r.property))]\n"
      if !r.passes {
        if !r.text.isEmpty { out += "      \(e(r.text))\n" }
        out += "      expected: \(e(r.expected))\n      computed: \(e(r.computed))\n"
      }
    }
    out += summary(rows) + "\n"
    return out
  }

}
