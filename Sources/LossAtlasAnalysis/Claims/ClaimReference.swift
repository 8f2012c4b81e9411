import LossAtlasCore

/// The reference of the claim-file format: every key, every property, every
/// expectation form and every identity, written once and shown by `lossatlas
/// help claims`, the manual's methods page and (checked by a test) the
/// README.
///
/// The property list is an exhaustive switch over ``ClaimProperty``: a new
/// property does not compile until it is documented here.
public enum ClaimReference {
  /// One documented item: its name as a claim file spells it, and what it means.
  public struct Entry: Sendable, Equatable {
    public let name: String
    public let meaning: String
  }

  /// The keys of a claim.
  public static let keys: [Entry] = [
    Entry(name: "id", meaning: "required; unique in the file, names the claim in reports."),
    Entry(name: "text", meaning: "the statement in words, as the source states it (reports show it)."),
    Entry(name: "function", meaning: "required; a function id or alias (see lossatlas list)."),
    Entry(
      name: "property",
      meaning: "required; one of the properties below."),
    Entry(
      name: "expect",
      meaning: "required; what the computed property must be (the forms below)."),
    Entry(
      name: "verdict",
      meaning: "true (default) or false: false marks a known-wrong statement, which passes when it does NOT hold."),
    Entry(
      name: "params",
      meaning: "parameter values, {NAME: V} or {NAME: [V1, V2, ...]}: the claim must hold at every combination (at most 64); the others keep their defaults."),
    Entry(
      name: "args",
      meaning: "fixed arguments, {NAME: V} (a list for a vector, an integer for a class index): the view with these values; a view the catalog does not list is built on request (bce with {y: 0.7}). For value-at and derivative-at, the other arguments."),
    Entry(
      name: "view",
      meaning: "the catalog view to start from: its index (0 is the primary view) or its label, as lossatlas properties ID prints them; args then change its fixed arguments."),
    Entry(
      name: "over",
      meaning: "[a, b]: decide the property on that interval of the view only (it must meet the view's domain in more than a point)."),
    Entry(name: "at", meaning: "the point of value-at and derivative-at."),
    Entry(name: "name", meaning: "the identity of an identity claim (the names below)."),
    Entry(
      name: "format, kind, direction",
      meaning: "precision-threshold: format Float16, Float32 or Float64; kind value-limit, value-equals-input, derivative-zero or derivative-limit; direction left or right (default right)."),
    Entry(name: "component", meaning: "naive-failure: value or derivative (default value); with direction."),
    Entry(name: "residuals", meaning: "mean-value: the residuals (at most 1000) the loss is averaged over, at y = 0."),
    Entry(name: "targets", meaning: "minimiser: the targets (at most 1000) whose mean loss is minimised."),
    Entry(name: "init", meaning: "gradient-gain: he (sigma_w^2 = 2) or xavier (1, the default)."),
  ]

  /// Every property, in ``ClaimProperty`` order.
  public static var properties: [Entry] {
    ClaimProperty.allCases.map { Entry(name: $0.rawValue, meaning: meaning($0)) }
  }

  /// What `property` computes, and the expectation it takes.
  public static func meaning(_ property: ClaimProperty) -> String {
    switch property {
    case .valueAt: return "f at the point at (a number)."
    case .derivativeAt: return "f' at the point at, in the prediction argument (a number)."
    case .maxAbsDerivative: return "the largest |f'| over the view (a number; inf when unbounded)."
    case .range: return "the closure [inf f, sup f] of the values (a literal interval [a, b]; inf allowed)."
    case .monotonic: return "increasing, decreasing, constant or neither (a word; true means monotonic either way)."
    case .derivativeMonotonic: return "the same for f' (a word or a boolean)."
    case .continuity: return "discontinuous, C0, C1, C2 or Cinf: the highest k with f of class C^k on the view (a word)."
    case .zeroCentered: return "E[f(X)] = 0 within 1e-12 for X ~ N(0, 1), by quadrature (a boolean; activations)."
    case .meanOutput: return "E[f(X)] for X ~ N(0, 1) (a number; activations)."
    case .passesThroughOrigin: return "f(0) = 0 (a boolean)."
    case .identityNearOrigin: return "f(0) = 0 and |f'(0) - 1| <= 1e-12 (a boolean)."
    case .saturatesLeft: return "|f'| < tau max |f'| on a tail toward the left end (a boolean; tau from --tau)."
    case .saturatesRight: return "the same toward the right end (a boolean)."
    case .deadRegion: return "the intervals where f' = 0 exactly (a literal interval [a, b], which must be one of them; or a boolean: whether there is one)."
    case .depthToVanish:
      return "the depth at which the median |prod f'| of a random chain falls below 1e-6, weights set aside (a number; inf when never within 100 layers; activations)."
    case .convex: return "convex on the view, or in the prediction argument over the whole domain (a boolean)."
    case .concave: return "concave, likewise (a boolean)."
    case .nonNegative: return "f >= 0 everywhere (a boolean)."
    case .zeroAtCorrect: return "attained, limit or never: whether the loss reaches 0 at the correct prediction (a word; losses)."
    case .gradientBounded: return "bounded, unbounded or redescending: how |f'| behaves far out (a word; true means not unbounded)."
    case .finiteAtExtremes: return "no NaN at ±1e3, ±1e300 and the closed ends of the domain, and every infinity where the function is unbounded (a boolean)."
    case .gradientCheckError: return "the largest error of f' against a Richardson-extrapolated central difference at 201 points of the plot range, |analytic - numeric| / max(|analytic|, |numeric|, 1) (a number)."
    case .identity: return "an identity between functions, checked on a grid (a boolean; needs name)."
    case .precisionThreshold: return "the first x where a format stops being informative (a number; needs format and kind)."
    case .naiveFailure: return "the first x where the naive textbook formula fails (a number; inf when never)."
    case .meanValue: return "the mean of the loss over residuals (a number; regression losses)."
    case .minimiser: return "the prediction minimising the mean loss over targets (a number; regression losses)."
    case .gradientGain: return "the mean-field gain sigma_w^2 E[f'(h)^2] of one layer (a number; activations; init)."
    case .evaluationStable:
      return "the formula as written, in Double, agrees with exact ball arithmetic (within 1e-6 relative, 1e-300 absolute; no NaN or inf where the exact value is finite) on the sweep and at the extreme inputs (a boolean; user-defined functions only)."
    }
  }

  /// The forms `expect` takes.
  public static let expectations: [Entry] = [
    Entry(name: "V", meaning: "a number: equal (to the last few ulps); inf and -inf allowed."),
    Entry(name: "{equals: V}", meaning: "the same, spelt out."),
    Entry(name: "{approx: V, tol: T}", meaning: "|computed - V| <= T."),
    Entry(name: "{at-most: V}", meaning: "computed <= V."),
    Entry(name: "{at-least: V}", meaning: "computed >= V."),
    Entry(name: "{in: [A, B]}", meaning: "A <= computed <= B."),
    Entry(name: "[A, B]", meaning: "a literal interval (range, dead-region)."),
    Entry(name: "true, false", meaning: "a boolean property."),
    Entry(name: "a word", meaning: "increasing, decreasing, neither, constant; discontinuous, C0, C1, C2, Cinf; attained, limit, never; bounded, unbounded, redescending (case does not matter)."),
  ]

  /// The identities an identity claim can name.
  public static var identities: [Entry] {
    Identity.all.map { Entry(name: $0.name, meaning: $0.statement) }
  }

  /// A claim on a function of several arguments that fixes none of them.
  public static let wholeDomain =
    "A claim on a function of several arguments with neither args nor view is about the whole function: range, non-negative, convex and concave (and monotonic and max-abs-derivative in a real prediction argument) are decided over the whole domain, every argument free; the other properties at every catalog view, holding only if they hold at all."

  /// The reference as plain text (for `lossatlas help claims`).
  public static var text: String {
    // Lines of at most 78 columns, so that `--help` (which wraps at the
    // terminal's width) prints them as they are: each name on its line,
    // its meaning indented under it.
    func section(_ title: String, _ entries: [Entry]) -> String {
      title + "\n" + entries.map { "  \($0.name)\n" + wrap($0.meaning, indent: 6, width: 78) }.joined() + ""
    }
    let example = """
      claims:
        - id: sigmoid-max-slope
          text: "sigmoid's derivative never exceeds 1/4"
          function: sigmoid
          property: max-abs-derivative
          expect: {at-most: 0.25}
        - id: bce-soft-target
          function: bce
          args: {y: 0.7}
          property: zero-at-correct
          expect: never
        - id: relu-vanishes-for-small-inputs
          function: relu
          property: derivative-at
          at: 1.0e-8
          expect: {at-most: 1.0e-6}
          verdict: false          # a known-wrong statement

      """
    return [
      "A claim file is YAML with a top-level `claims:` list:\n\n" + example,
      section("Keys:", keys),
      section("Properties:", properties),
      section("Expectations (expect:):", expectations),
      section("Identities (property: identity, name: ...):", identities),
      wrap(wholeDomain, indent: 0, width: 78),
    ].joined(separator: "\n")
  }

  /// `text` in lines of at most `width` columns (a longer word stands
  /// alone), each indented by `indent` spaces and ended by a newline.
  static func wrap(_ text: String, indent: Int, width: Int) -> String {
    let pad = String(repeating: " ", count: indent)
    var out = ""
    var line = ""
    for word in text.split(separator: " ") {
      if !line.isEmpty && indent + line.count + 1 + word.count > width {
        out += pad + line + "\n"
        line = ""
      }
      line += (line.isEmpty ? "" : " ") + word
    }
    if !line.isEmpty { out += pad + line + "\n" }
    return out
  }
}
