import LossAtlasAnalysis
import LossAtlasCore
import LossAtlasVerification

/// The errata's evidence in the words of one edition (issue 13): what the
/// property engine computed for a claim (``ClaimReading``) and the formula
/// check, phrased from the strings tables (`evidence.*`,
/// templates/strings/<lang>/errata-evidence.yaml).
///
/// Each piece of data (a number, an interval, a view's label) is made
/// readable on its own (``Readable/text(_:)``) before it is put into the
/// sentence, so that a Chinese character beside a number does not keep
/// the number from being formatted. The English edition's phrasing is the
/// engine's own text (``ClaimResult/computed``, what `lossatlas check`
/// prints) made readable; the tests hold the two together.
struct EvidencePhrasing {
  let strings: Strings

  func say(_ key: String, _ values: [String: String] = [:]) -> String { strings("evidence." + key, values) }

  /// The computed side of a claim: one reading per parameter setting,
  /// each prefixed with its setting when there are several.
  func computed(_ result: ClaimResult) -> String {
    result.settings.map { setting in
      let value = reading(setting.reading)
      guard let p = setting.parameters else { return value }
      return say("settings.one", ["parameters": Readable.text("{\(p)}"), "value": value])
    }.joined(separator: say("settings.separator"))
  }

  /// One reading (``ClaimReading``).
  func reading(_ r: ClaimReading) -> String {
    switch r {
    case .plain(let text), .text(let text): return Readable.text(text)
    case .none: return say("none")
    case .bool(let b): return say(b ? "bool.true" : "bool.false")
    case .monotonic(let m): return say("monotonic.\(m.rawValue)")
    case .smoothness(let c): return c == .discontinuous ? say("smoothness.discontinuous") : Readable.smoothness(c)
    case .zeroAtCorrect(let z): return say("zeroAtCorrect.\(z.rawValue)")
    case .growth(let g): return say("growth.\(g.rawValue)")
    case .extremum(let e): return extremum(e)
    case .domainMaximum(let value, let exact, let view, let e):
      let v = number(value)
      guard exact else { return say("domainMaximum.searched", ["value": v]) }
      guard let view, let e else { return say("domainMaximum.alone", ["value": v]) }
      return say("domainMaximum.inView", ["value": v, "view": Readable.text(view), "extremum": extremum(e)])
    case .identity(let o):
      let deviation =
        o.worstDeviation == 0
        ? say("identity.exact") : say("identity.largest", ["value": number(o.worstDeviation), "at": place(o.worstAt)])
      return say(o.holds ? "identity.holds" : "identity.fails", ["points": String(o.points), "deviation": deviation])
    case .gain(let g, let initialization):
      let variance: String
      switch g.source {
      case .fixedPoint: variance = say("gain.fixedPoint", ["q": number(g.q)])
      case .everyVariance: variance = say("gain.everyVariance")
      case .noFixedPoint: variance = say("gain.noFixedPoint")
      }
      return say(
        "gain.value", ["gain": number(g.gain), "initialization": say("gain.\(initialization.rawValue)"), "variance": variance])
    case .zeroCentered(let z, let mean):
      return say("zeroCentered", ["answer": say(z ? "bool.true" : "bool.false"), "mean": number(mean)])
    case .perView(let views):
      return views.map { say("perView.one", ["view": Readable.text($0.label), "value": reading($0.reading)]) }
        .joined(separator: say("perView.separator"))
    }
  }

  /// `0.25 (attained, at x = 0)`: the value and every place it is attained
  /// or approached.
  func extremum(_ e: Extremum) -> String {
    let places = e.locations.map { l -> String in
      switch l {
      case .point(let x): return say("extremum.point", ["x": number(x)])
      case .interval(let i): return say("extremum.interval", ["interval": Readable.text(i.description)])
      case .approached(let x): return say("extremum.approached", ["x": number(x)])
      }
    }
    return say(
      e.attained ? "extremum.attained" : "extremum.notAttained",
      ["value": number(e.value), "places": places.joined(separator: say("extremum.separator"))])
  }

  /// Where an identity deviates most: the grid point as the identity
  /// names it (`z0 = -25.0, z1 = -24.0`, language-free), or the index of
  /// a set of residuals (the one grid the identities name in words).
  func place(_ at: String) -> String {
    let prefix = "residual set "
    if at.hasPrefix(prefix), let index = Int(at.dropFirst(prefix.count)) {
      return say("identity.residualSet", ["index": String(index)])
    }
    return Readable.text(at)
  }

  /// The engine's text of a number, made readable.
  func number(_ v: Double) -> String { Readable.text(formatValue(v)) }

  /// The evidence sentence of the formula check (LossAtlasVerification
  /// computes it): how much was compared and the largest difference.
  func formulas(_ check: FormulaCheck) -> String {
    let place: String
    switch check.worstAt {
    case .none: place = say("formulas.nowhere")
    case .component(let id, let path, let parameters, let arguments):
      place = say(
        "formulas.component",
        ["id": id, "path": path, "coordinates": FormulaCheck.coordinates(parameters: parameters, arguments: arguments)])
    case .secondDerivative(let id, let argument, let x):
      place = say("formulas.secondDerivative", ["id": id, "argument": argument, "x": Readable.number(x)])
    }
    let summary = say(
      "formulas.summary",
      [
        "components": Readable.count(check.components), "secondDerivatives": String(check.secondDerivatives),
        "points": Readable.count(check.points), "worst": Readable.number(check.worst, digits: 2), "place": place,
      ])
    return summary
      + (check.missing.isEmpty
        ? "" : say("formulas.missing", ["list": check.missing.joined(separator: say("formulas.listSeparator"))]))
  }
}
