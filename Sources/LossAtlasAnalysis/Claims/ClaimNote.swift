import LossAtlasCore
import LossAtlasIO

/// A computed value's words as data: the key of its sentence in the strings
/// tables (`templates/strings/<lang>/cli.yaml`, `cli.*`) and the facts the
/// sentence holds, so that a report words it in any language (issue 13,
/// item 6: `check --lang zh`), together with the English text the engine
/// has always printed (`english`, what `--format json` and the English
/// table show; the English tables render the note to the same text).
///
/// A fact is text printed as it is (a number, an interval, a formula), the
/// key of a word (`cli.word.bool.true`), a nested note, or a list of notes
/// joined by the entry of a separator key. A note without a key is
/// notation: its English text is printed in every language.
public struct ClaimNote: Sendable, Equatable {
  public indirect enum Value: Sendable, Equatable {
    case text(String)
    case key(String)
    case note(ClaimNote)
    case list([ClaimNote], separator: String)
  }

  public let key: String?
  public let values: [String: Value]
  public let english: String

  public init(key: String?, _ values: [String: Value] = [:], english: String) {
    self.key = key
    self.values = values
    self.english = english
  }

  /// Notation printed as it is in every language: `0.25`, `(0, 1]`, `x = 3`.
  public static func plain(_ text: String) -> ClaimNote { ClaimNote(key: nil, english: text) }

  /// `true` / `false` (是 / 否).
  public static func bool(_ b: Bool) -> ClaimNote { ClaimNote(key: "cli.word.bool.\(b)", english: String(b)) }

  /// A verdict word of the engine: a monotonicity, a smoothness class or
  /// zero-at-correct's answer (the sets of words do not overlap).
  public static func word(_ w: String) -> ClaimNote {
    if Monotonicity(rawValue: w) != nil { return ClaimNote(key: "cli.word.monotonic.\(w)", english: w) }
    if Smoothness(rawValue: w) != nil { return ClaimNote(key: "cli.word.smoothness.\(w)", english: w) }
    if ZeroAtCorrect(rawValue: w) != nil { return ClaimNote(key: "phrasing.zeroAtCorrectWord.\(w)", english: w) }
    if GradientGrowth(rawValue: w) != nil { return ClaimNote(key: "phrasing.growthWord.\(w)", english: w) }
    return .plain(w)
  }

  /// Notes printed one after another (`cli.claim.items` is `{items}`).
  static func joined(_ notes: [ClaimNote], separator: String = "cli.claim.join") -> ClaimNote {
    ClaimNote(key: "cli.claim.items", ["items": .list(notes, separator: separator)], english: notes.map(\.english).joined())
  }

  /// `1.0 (attained, on (-inf, -1] and on [1, inf))`: an extremum with
  /// every place it is attained or approached (``Format/extremum(_:)``).
  public static func extremum(_ e: Extremum) -> ClaimNote {
    let places = e.locations.map { l -> ClaimNote in
      switch l {
      case .point(let x): return ClaimNote(key: "cli.place.point", ["x": .text(formatValue(x))], english: "at x = \(formatValue(x))")
      case .interval(let i): return ClaimNote(key: "cli.place.interval", ["interval": .text(i.description)], english: "on \(i)")
      case .approached(let x):
        return ClaimNote(key: "cli.place.approached", ["x": .text(formatValue(x))], english: "as x -> \(formatValue(x))")
      }
    }
    return ClaimNote(
      key: e.attained ? "cli.extremum.attained" : "cli.extremum.notAttained",
      ["value": .text(formatValue(e.value)), "places": .list(places, separator: "cli.place.separator")],
      english: Format.extremum(e))
  }

  /// A whole-domain bound (``Format/domainBound(_:)``): unbounded toward
  /// an end of an argument, found by the search, or exact.
  public static func bound(_ b: DomainBound) -> ClaimNote {
    let english = Format.domainBound(b)
    let value = Value.text(formatValue(b.value))
    switch b.kind {
    case .unbounded:
      let witness = b.witness.map {
        Value.note(
          ClaimNote(
            key: "cli.domain.unboundedWitness", ["point": .text($0.point.description), "value": .text(formatValue($0.value))],
            english: ": \($0.point) gives \(formatValue($0.value))"))
      }
      return ClaimNote(
        key: "cli.domain.unbounded",
        [
          "value": value, "variable": .text(b.toward?.argument ?? "?"), "end": .text(formatValue(b.toward?.end ?? 0)),
          "witness": witness ?? .text(""),
        ], english: english)
    case .searched:
      let witness = b.witness.map {
        Value.note(ClaimNote(key: "cli.domain.searchedWitness", ["point": .text($0.point.description)], english: " at \($0.point)"))
      }
      return ClaimNote(
        key: "cli.domain.searched", ["relation": .text(b.lower ? "<=" : ">="), "value": value, "witness": witness ?? .text("")],
        english: english)
    case .exact:
      let view = b.view.map { Value.note(ClaimNote(key: "cli.domain.view", ["view": .text($0)], english: "; view \($0)")) }
      return ClaimNote(
        key: b.attained ? "cli.domain.attained" : "cli.domain.notAttained", ["value": value, "view": view ?? .text("")],
        english: english)
    }
  }

  /// One failing region of a user function's Double evaluation
  /// (``SafetyReport/sentences`` in English): where, the first failing
  /// input, Double's result against the exact one, and the cause. English
  /// quotes the engine's sentence on the cause; another language words the
  /// cause from the subexpression.
  public static func finding(_ f: SafetyFinding) -> ClaimNote {
    let toward = f.start < 0 && f.end <= 0 ? "below" : (f.start >= 0 ? "above" : "around")
    let cause = f.cause.wordKey
    var notes = [
      ClaimNote(
        key: "cli.safety.finding",
        [
          "component": .key("cli.word.safetyComponent.\(f.component.wordKey)"), "kind": .key("cli.word.failureKind.\(f.kind.rawValue)"),
          "toward": .key("cli.word.toward.\(toward)"), "start": .text(formatValue(f.start)), "end": .text(formatValue(f.end)),
          "first": .text(formatValue(f.firstFailure)),
          "lastPass": f.lastPass.map {
            Value.note(ClaimNote(key: "cli.safety.lastPass", ["x": .text(formatValue($0))], english: " (x = \(formatValue($0)) passes)"))
          } ?? .text(""),
          "double": .text(formatValue(f.doubleValue)), "exact": .text(f.exactText),
          "cause": .key("cli.word.cause.\(cause)"),
          "explanation": .note(
            ClaimNote(
              key: "cli.safety.explanation.\(cause)", ["explanation": .text(f.explanation), "culprit": .text(f.culprit)],
              english: f.explanation)),
        ], english: SafetyReport.region(f))
    ]
    if let z = f.doubleIsZeroFrom {
      notes.append(
        ClaimNote(
          key: "cli.safety.zeroFrom", ["x": .text(formatValue(z))], english: " Double's result is exactly 0 from x = \(formatValue(z))."))
    }
    if f.intermittent {
      notes.append(
        ClaimNote(key: "cli.safety.intermittent", english: " (Near its edge the region fails at some inputs and passes at others.)"))
    }
    return ClaimNote(
      key: "cli.claim.items", ["items": .list(notes, separator: "cli.claim.join")], english: SafetyReport.sentence(f))
  }
}

extension SafetyComponent {
  /// The component's key in the strings tables (`cli.word.safetyComponent.*`).
  public var wordKey: String {
    switch self {
    case .value: return "value"
    case .derivative: return "derivative"
    case .secondDerivative: return "secondDerivative"
    }
  }
}

extension FailureCause {
  /// The cause's key in the strings tables (`cli.word.cause.*`).
  public var wordKey: String {
    switch self {
    case .overflow: return "overflow"
    case .underflow: return "underflow"
    case .divisionByUnderflowedZero: return "divisionByUnderflowedZero"
    case .cancellation: return "cancellation"
    case .logOfRoundedOne: return "logOfRoundedOne"
    case .amplifiedRounding: return "amplifiedRounding"
    case .invalidOperation: return "invalidOperation"
    }
  }
}

extension NaiveFailure.Mode {
  /// The mode's key in the strings tables (`cli.word.naiveMode.*`).
  public var wordKey: String {
    switch self {
    case .overflow: return "overflow"
    case .nan: return "nan"
    case .zero: return "zero"
    case .inaccurate: return "inaccurate"
    }
  }
}

extension GradientGain.VarianceSource {
  /// The source's key in the strings tables (`cli.word.varianceSource.*`).
  public var wordKey: String {
    switch self {
    case .fixedPoint: return "fixedPoint"
    case .everyVariance: return "everyVariance"
    case .noFixedPoint: return "noFixedPoint"
    }
  }
}
