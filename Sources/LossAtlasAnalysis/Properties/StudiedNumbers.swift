import LossAtlasCore

/// The numbers the precision study rounds, for views with an exact
/// rounding (``ScalarView/exactRounding``: a user function, whose
/// `evaluate` is its formula as written, finite but wrong where the formula
/// loses accuracy). Catalog views have none and are read as before.
///
/// With an exact rounding every answer is three-valued: a value of the
/// format, or nil (undecided). The study
/// - reads the limits from the far samples' exact numbers (Float64), up to
///   the first far sample where one is undecided (``far(_:)``);
/// - searches each format only over the inputs before the stretch, outward,
///   where the number is undecided at every farther input checked
///   (``decidedStretch(_:part:)``), and says where that stretch starts;
/// - counts an undecided input inside the searched stretch as not rounding.
/// So no threshold rests on an undecided number: log(1 + exp(x)) toward
/// +inf rounds to x from 33.27 (Float64) and is undecided from x = 2.0e17,
/// where e^x leaves the wide exponent range; it is not said to overflow.
struct StudiedNumbers {
  let view: ScalarView

  init(_ view: ScalarView) { self.view = view }

  var isExact: Bool { view.exactRounding != nil }

  /// The exact number at x rounded to `format` (nil: undecided, or the
  /// view has no exact rounding).
  func rounded(_ x: Double, _ part: ExactPart, _ format: NumberFormat) -> Double? {
    view.exactRounding?(x, part, format.binary)
  }

  /// f(x) as the study reads it: the exact value rounded to Double (NaN
  /// where undecided), or the view's own.
  func value(_ x: Double) -> Double {
    guard isExact else { return view.evaluate(x).value }
    return rounded(x, .value, .float64) ?? .nan
  }

  /// The far samples the limits are read from: as sampled, or (exact) the
  /// exact value and derivative rounded to Double, up to the first sample
  /// where either is undecided (f'' is not studied: NaN).
  func far(_ samples: [(x: Double, jet: Jet)]) -> [(x: Double, jet: Jet)] {
    guard isExact else { return samples }
    var out: [(x: Double, jet: Jet)] = []
    for s in samples {
      guard let v = rounded(s.x, .value, .float64), let d = rounded(s.x, .derivative, .float64) else { break }
      out.append((s.x, Jet(value: v, d1: d, d2: .nan)))
    }
    return out
  }

  /// The inputs to search and where, outward, the number becomes undecided
  /// for good (found by ``ThresholdSearch``'s bisection and spot checks, in
  /// every format, on "undecided": the first input from which it is
  /// undecided at every farther input checked). All of
  /// them, with nil, when the farthest input is decided (or no exact
  /// rounding).
  func decidedStretch(_ inputs: FormatInputs, part: ExactPart) -> (inputs: FormatInputs, undecidedFrom: Double?) {
    guard isExact, inputs.count > 0 else { return (inputs, nil) }
    let format = inputs.format
    let search = ThresholdSearch(inputs: inputs) { i in rounded(inputs.x(i), part, format) == nil }
    guard let r = search.bisected(inputs.count) else { return (inputs, nil) }
    return (inputs.prefix(r.index), inputs.x(r.index))
  }
}
