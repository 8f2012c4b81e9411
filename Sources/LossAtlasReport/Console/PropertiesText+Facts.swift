import LossAtlasAnalysis
import LossAtlasCore

extension PropertiesText {
  /// The floating-point facts (gains, depth, naive failures, exact tails,
  /// precision thresholds, minimiser), one line each.
  public func facts(_ f: FunctionFacts, _ spec: FunctionSpec) -> String {
    var out = ""
    // The gain model and the depth study draw inputs on the whole real
    // line: on a smaller domain they do not apply, and the text says so.
    if let d = f.modelsInapplicable {
      out += row("gainInapplicable", ["domain": d.description])
      out += row("depthInapplicable", ["domain": d.description])
    }
    for g in f.gains {
      // No NaN printed as a fact: a gain whose quadrature met inf * 0 says so.
      if g.gain.isNaN {
        out += row(
          "gainNaN",
          ["initialization": say("word.initialization.\(g.initialization.rawValue)"), "q": Self.number(g.q)])
        continue
      }
      out += row(
        "gain",
        [
          "initialization": say("word.initialization.\(g.initialization.rawValue)"), "gain": Self.number(g.gain),
          "q": Self.number(g.q), "source": say("word.varianceSource.\(g.source.wordKey)"),
        ])
    }
    if let d = f.depth {
      out += row("depth", ["depth": d.depthToVanish.map(String.init) ?? say("word.deeperThan100")])
    }
    for n in f.naiveFailures {
      var line = say(
        "naive.first",
        ["component": naiveComponent(n.component, spec), "formula": n.formula, "mode": say("word.naiveMode.\(n.mode.wordKey)"), "x": Self.number(n.x)])
      line += say("naive.fraction", ["percent": Self.number(n.fractionFailingAfter * 100)])
      if let a = n.alwaysFrom { line += say("naive.always", ["x": Self.number(a)]) }
      out += "  " + line + "\n"
    }
    for t in f.exactTails {
      let what = t.kind.isValue ? "value" : "derivative"
      let equals = t.kind == .valueEqualsInput ? "x" : Self.number(t.limit)
      if let b = t.boundary {
        let relation = t.direction > 0 ? (t.closed ? ">=" : ">") : (t.closed ? "<=" : "<")
        out += "  " + say("exact.\(what)From", ["equals": equals, "condition": "x \(relation) \(Self.number(b))"]) + "\n"
      } else {
        out += "  " + say("exact.\(what)Everywhere", ["equals": equals]) + "\n"
      }
    }
    for p in f.precision {
      let values = [
        "format": p.format.rawValue, "end": say(p.direction < 0 ? "word.end.lower" : "word.end.upper"),
        "kind": say("word.precision.\(Self.key(p.kind))"),
      ]
      var line = p.x.map { say("precision.from", values.merging(["x": Self.number($0)]) { $1 }) } ?? say("precision.never", values)
      if let e = p.earlier {
        line += say(
          "precision.earlier",
          [
            "hits": String(e.hits), "checked": String(e.checked), "from": Self.number(Swift.min(e.from, e.to)),
            "to": Self.number(Swift.max(e.from, e.to)),
          ])
      }
      if p.ties > 0 || p.uncertain > 0 {
        line += say("precision.ties", ["ties": String(p.ties), "uncertain": String(p.uncertain)])
      }
      // A user function's exact numbers: where they stop being decided.
      if let u = p.undecidedFrom { line += say("precision.undecidedFrom", ["x": Self.number(u)]) }
      if p.undecided > 0 { line += say("precision.undecided", ["count": String(p.undecided)]) }
      out += "  " + line + "\n"
    }
    if let m = f.minimiser {
      out += "  " + say("minimiser", ["targets": "\(m.targets.map(Self.number))", "minimiser": Self.number(m.minimiser)]) + "\n"
    }
    return out
  }

  /// Which formula a naive failure is in: the value, the derivative, or a
  /// subexpression "in …" (the catalog's English, or the manual's words for
  /// it, `function.<id>.naive.<i>.within`).
  func naiveComponent(_ component: String, _ spec: FunctionSpec) -> String {
    if component == "value" || component == "derivative" { return say("word.naiveComponent.\(component)") }
    for (i, n) in (spec.naive?.intermediates ?? []).enumerated() where component == "in " + n.within {
      let key = FunctionText.naiveWithinKey(spec.id, i)
      return say("word.naiveComponent.within", ["within": strings.has(key) ? strings(key) : n.within])
    }
    return component
  }

  static func key(_ k: PrecisionThreshold.Kind) -> String {
    switch k {
    case .valueReachesLimit: return "valueReachesLimit"
    case .valueEqualsInput: return "valueEqualsInput"
    case .derivativeVanishes: return "derivativeVanishes"
    case .derivativeReachesLimit: return "derivativeReachesLimit"
    case .valueOverflows: return "valueOverflows"
    case .derivativeOverflows: return "derivativeOverflows"
    }
  }
}
