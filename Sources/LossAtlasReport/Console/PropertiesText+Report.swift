import LossAtlasAnalysis
import LossAtlasCore

extension PropertiesText {
  /// The whole report of `lossatlas properties ID`: every view at every
  /// parameter setting of the grid, the whole domain of a function of
  /// several arguments, the facts at the default parameters and, for a
  /// user function, its formula at the extreme inputs and its
  /// numerical-safety report.
  public func report(
    _ spec: FunctionSpec, _ analysis: FunctionAnalysis, definition: UserFunctionDefinition?, safety: SafetyReport?
  ) -> String {
    var out = heading(spec)
    if let d = definition {
      out += userDefined(file: d.file, line: d.line, source: d.value.source.text)
    }
    for s in analysis.settings {
      for v in s.views {
        out += "\n\(v.coordinates)\n"
        out += view(v, spec)
        if let definition {
          let params = definition.parameters.map { s.parameters[$0.name] }
          out += formula(definition.formulaPoints(parameters: params, at: v.extremes.map(\.x)))
        }
      }
    }
    for s in analysis.settings where s.domain.multiArgument {
      out += domain(s.domain, spec, parameters: s.parameters)
    }
    out += defaultsHeading
    out += facts(analysis.facts, spec)
    if let safety { out += "\n" + self.safety(safety) }
    return out
  }

  /// The report of `lossatlas properties ID` with --param, --view, --arg or
  /// --over: each chosen view, its breakpoints, the declared properties the
  /// engine contradicts, and its facts.
  public func report(_ spec: FunctionSpec, chosen results: [ChosenViewAnalysis]) -> String {
    var out = heading(spec)
    for r in results {
      out += chosenHeading(r, id: spec.id)
      out += view(r.properties, spec)
      if !r.resolved.view.breakpoints.isEmpty { out += breakpoints(r.resolved.view.breakpoints) }
      for o in r.declared ?? [] where !o.passes { out += declaredMismatch(o) }
      out += facts(r.facts, spec)
    }
    return out
  }
}
