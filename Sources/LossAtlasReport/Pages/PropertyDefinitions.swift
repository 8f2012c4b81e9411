/// The engine's definitions, as the manual's methods page prints them. Each
/// entry is the property's name (as claim files spell it) and how the
/// engine decides it; the thresholds are the engine's own constants. The
/// definitions are the strings tables' `page.methods.property.<name>`
/// (templates/strings/<lang>/methods.yaml); the names stay as claim files
/// spell them in every edition.
public enum PropertyDefinitions {
  /// The properties defined, in the methods page's order.
  static let names = [
    "sampling",
    "range",
    "monotonic",
    "continuity",
    "mean-output",
    "zero-centered",
    "passes-through-origin",
    "max-abs-derivative",
    "saturation",
    "flat-zone",
    "dead-region",
    "depth-to-vanish",
    "gradient-gain",
    "whole-domain",
    "convex",
    "zero-at-correct",
    "gradient-bounded",
    "minimiser",
    "finite-at-extremes",
    "naive-failure",
    "precision-threshold",
    "gradient-check-error",
    "identity",
  ]

  public static func all(tau: Double, strings: Strings = .english) -> [(name: String, definition: String)] {
    names.map { ($0, strings("page.methods.property." + $0, ["tau": "\(tau)"])) }
  }
}
