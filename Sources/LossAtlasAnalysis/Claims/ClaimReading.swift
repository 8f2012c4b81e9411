import LossAtlasCore

/// What the engine computed for a claim at one parameter setting, as data
/// that a report phrases in its own language (the manual's errata prints
/// it in English and in Chinese, issue 13). ``ClaimResult/computed`` is the
/// same fact in the engine's English (what `lossatlas check` prints); the
/// manual's English phrasing of a reading reproduces it exactly (a test
/// holds the two together).
public indirect enum ClaimReading: Sendable {
  /// Text without words: a number (`0.105361`), an interval (`(0, 1)`), a
  /// point (`x = 37.4299`), a union of intervals.
  case plain(String)
  /// No interval at all (a dead-region claim that finds none).
  case none
  case bool(Bool)
  case monotonic(Monotonicity)
  case smoothness(Smoothness)
  case zeroAtCorrect(ZeroAtCorrect)
  case growth(GradientGrowth)
  /// The largest |f'| of a view, where it is attained or approached.
  case extremum(Extremum)
  /// The largest |f'| over the whole domain of a function of several
  /// arguments: `exact` when the views reach it (then `view`, the view that
  /// does, and its extremum), else a lower bound found by the search.
  case domainMaximum(value: Double, exact: Bool, view: String?, extremum: Extremum?)
  /// An identity checked on a grid.
  case identity(Identity.Outcome)
  /// The mean-field gain of one layer at `initialization`.
  case gain(GradientGain, initialization: WeightInit)
  /// Zero-centred or not, with the mean output it was read from.
  case zeroCentered(Bool, mean: Double)
  /// One reading per view (a claim on the whole of a function of several
  /// arguments, for a property decided per view).
  case perView([View])
  /// The engine's English text, not yet phrased as data (a property the
  /// manual's errata does not cite; its tests name any it meets).
  case text(String)

  /// A view's label and its reading.
  public struct View: Sendable {
    public let label: String
    public let reading: ClaimReading
  }
}

/// One parameter setting of a claim and what was computed there.
public struct ClaimSetting: Sendable {
  /// The setting (`delta=0.5`) when the claim has more than one, else nil.
  public let parameters: ParameterValues?
  public let reading: ClaimReading
  /// Whether the expectation holds at this setting.
  public let holds: Bool
}

extension Computed {
  /// The value as data (``ClaimReading``).
  var reading: ClaimReading {
    switch self {
    case .read(_, let r): return r
    case .number(let v, let detail): return detail == formatValue(v) ? .plain(detail) : .text(detail)
    case .bool(let b): return .bool(b)
    case .flag(_, let detail): return .text(detail)
    case .word(let w): return .text(w)
    case .interval(_, _, let detail): return .text(detail)
    case .intervals(let list): return list.isEmpty ? .none : .plain(description)
    case .growth(let g): return .growth(g)
    case .perView(let list): return .perView(list.map { ClaimReading.View(label: $0.label, reading: $0.value.reading) })
    }
  }
}
