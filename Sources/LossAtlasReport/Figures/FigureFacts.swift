import LossAtlasAnalysis
import LossAtlasCore

// MARK: - FigureFacts

/// Short phrases stating what the analysis found about one view, for the
/// alt text of figures that draw several functions or settings, in the
/// edition's words (`figure.facts.*`).
enum FigureFacts {
  /// Where the minimum is: "minimum −0.278 at x = −1.28", "minimum 0 for
  /// x ≤ 0", "infimum 0 as x → −∞ (not reached)", or nil when unbounded
  /// below; every place it is reached, not just the first.
  static func minimum(_ p: ViewProperties, variable v: String, words: FigureWords) -> String? {
    let e = p.infimum
    guard e.value.isFinite else { return nil }
    let values = ["value": FigureText.number(e.value, scale: 1), "places": words.places(e, variable: v)]
    switch e.location {
    case .point:
      return e.attained ? words.say("facts.minimum", values) : nil
    case .interval:
      return words.say("facts.minimum", values)
    case .approached:
      return words.say("facts.infimum", values)
    }
  }

  /// How steep it gets: "max |f′| 1.1 at x = 2.4", "max |f′| 1 for x ≤ −1
  /// and for x ≥ 1", "|f′| → 1 as x → −∞ and as x → ∞", "|f′| unbounded".
  static func slope(_ p: ViewProperties, variable v: String, prime: String, words: FigureWords) -> String {
    let e = p.maxAbsDerivative
    guard e.value.isFinite else { return words.say("facts.slopeUnbounded", ["prime": prime]) }
    let values = ["prime": prime, "value": FigureText.number(e.value), "places": words.places(e, variable: v)]
    switch e.location {
    case .point, .interval: return words.say("facts.maxSlope", values)
    case .approached: return words.say("facts.slopeLimit", values)
    }
  }

  /// "name: minimum …, max |f′| …".
  static func summary(_ name: String, _ p: ViewProperties, variable v: String, prime: String, words: FigureWords) -> String {
    let facts = [minimum(p, variable: v, words: words)].compactMap { $0 } + [slope(p, variable: v, prime: prime, words: words)]
    return words.say("facts.summary", ["name": name, "facts": facts.joined(separator: words.say("facts.separator"))])
  }
}
