import LossAtlasAnalysis
import LossAtlasCore

// MARK: - FigureFacts

/// Short phrases stating what the analysis found about one view, for the
/// alt text of figures that draw several functions or settings.
enum FigureFacts {
  /// Where the minimum is: "minimum −0.278 at x = −1.28", "minimum 0 for
  /// x ≤ 0", "infimum 0 as x → −∞ (not reached)", or nil when unbounded
  /// below; every place it is reached, not just the first.
  static func minimum(_ p: ViewProperties, variable v: String) -> String? {
    let e = p.infimum
    guard e.value.isFinite else { return nil }
    let value = FigureText.number(e.value, scale: 1)
    switch e.location {
    case .point:
      return e.attained ? "minimum \(value) \(FigureText.places(e, variable: v))" : nil
    case .interval:
      return "minimum \(value) \(FigureText.places(e, variable: v))"
    case .approached:
      return "infimum \(value) \(FigureText.places(e, variable: v)) (not reached)"
    }
  }

  /// How steep it gets: "max |f′| 1.1 at x = 2.4", "max |f′| 1 for x ≤ −1
  /// and for x ≥ 1", "|f′| → 1 as x → −∞ and as x → ∞", "|f′| unbounded".
  static func slope(_ p: ViewProperties, variable v: String, prime: String) -> String {
    let e = p.maxAbsDerivative
    guard e.value.isFinite else { return "|\(prime)| unbounded" }
    let value = FigureText.number(e.value)
    switch e.location {
    case .point, .interval: return "max |\(prime)| \(value) \(FigureText.places(e, variable: v))"
    case .approached: return "|\(prime)| → \(value) \(FigureText.places(e, variable: v))"
    }
  }

  /// "name: minimum …, max |f′| …".
  static func summary(_ name: String, _ p: ViewProperties, variable v: String, prime: String) -> String {
    "\(name): " + ([minimum(p, variable: v)].compactMap { $0 } + [slope(p, variable: v, prime: prime)])
      .joined(separator: ", ")
  }
}
