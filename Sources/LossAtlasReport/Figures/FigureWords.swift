import LossAtlasAnalysis
import LossAtlasCore

// MARK: - FigureWords

/// The words of the figures in the edition's language: the strings
/// tables' `figure.*` entries with the figure's numbers filled in
/// (numbers through ``FigureText``, unchanged in every language).
struct FigureWords: Sendable {
  let strings: Strings

  init(_ strings: Strings) { self.strings = strings }

  var ph: Phrasing { Phrasing(strings) }

  /// The entry `figure.<key>` with its facts filled in.
  func say(_ key: String, _ values: [String: String] = [:]) -> String { strings("figure." + key, values) }

  /// Items joined as prose: "a, b and c", "a、b和c".
  func list(_ items: [String]) -> String { ph.list(items) }

  /// Every place of an extremum as a condition or point, joined: `at x = 0`,
  /// `for ŷ ≤ −1 and for ŷ ≥ 1`, `as x → ∞`.
  func places(_ e: Extremum, variable v: String) -> String {
    list(
      e.locations.map { l in
        switch l {
        case .point(let x): return say("place.point", ["variable": v, "x": FigureText.number(x)])
        case .interval(let i): return say("place.interval", ["condition": condition(i, variable: v)])
        case .approached(let end): return say("place.approached", ["variable": v, "end": FigureText.number(end)])
        }
      })
  }

  /// ``FigureText/condition(_:variable:)`` with the edition's words for "all x".
  func condition(_ i: RealInterval, variable v: String) -> String {
    i.lower.isInfinite && i.upper.isInfinite ? say("place.all", ["variable": v]) : FigureText.condition(i, variable: v)
  }
}
