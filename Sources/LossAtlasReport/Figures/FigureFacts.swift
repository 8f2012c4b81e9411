import LossAtlasAnalysis
import LossAtlasCore

// MARK: - FigureFacts

/// Short phrases stating what the analysis found about one view, for the
/// alt text of figures that draw several functions or settings.
enum FigureFacts {
  /// Where the minimum is: "minimum −0.278 at x = −1.28", "minimum 0 for
  /// x < 0", "infimum 0 as x → −∞ (not reached)", or nil when unbounded below.
  static func minimum(_ p: ViewProperties, variable v: String) -> String? {
    let e = p.infimum
    guard e.value.isFinite else { return nil }
    let value = FigureText.number(e.value, scale: 1)
    switch e.location {
    case .point(let x):
      return e.attained ? "minimum \(value) at \(v) = \(FigureText.number(x))" : nil
    case .interval(let i):
      return "minimum \(value) for \(FigureText.condition(i, variable: v))"
    case .approached(let end):
      return "infimum \(value) as \(v) → \(FigureText.number(end)) (not reached)"
    }
  }

  /// How steep it gets: "max |f′| 1.1 at x = 2.4", "max |f′| 1 for x > 0",
  /// "|f′| → 1 as x → ∞", "|f′| unbounded".
  static func slope(_ p: ViewProperties, variable v: String, prime: String) -> String {
    let e = p.maxAbsDerivative
    guard e.value.isFinite else { return "|\(prime)| unbounded" }
    let value = FigureText.number(e.value)
    switch e.location {
    case .point(let x): return "max |\(prime)| \(value) at \(v) = \(FigureText.number(x))"
    case .interval(let i): return "max |\(prime)| \(value) for \(FigureText.condition(i, variable: v))"
    case .approached(let end): return "|\(prime)| → \(value) as \(v) → \(FigureText.number(end))"
    }
  }

  /// "name: minimum …, max |f′| …".
  static func summary(_ name: String, _ p: ViewProperties, variable v: String, prime: String) -> String {
    "\(name): " + ([minimum(p, variable: v)].compactMap { $0 } + [slope(p, variable: v, prime: prime)])
      .joined(separator: ", ")
  }
}
