import LossAtlasCore

/// Floating-point facts about a function's primary view (not mathematical
/// properties): where the naive formula fails and where each format stops
/// being informative.
public enum FloatingPointStudy {
  /// The precision study (see ``PrecisionStudy``).
  public static func precisionFacts(_ samples: ViewSamples) -> PrecisionFacts {
    PrecisionStudy.run(samples)
  }

  /// The rounding thresholds of the precision study.
  public static func precision(_ samples: ViewSamples) -> [PrecisionThreshold] {
    PrecisionStudy.run(samples).thresholds
  }

  /// Where the naive formula first fails toward each end (see
  /// ``NaiveFailureScan``): its value against the view's value, its
  /// derivative against the view's derivative, then each intermediate
  /// against its accurate evaluation, in that order, toward −∞ then +∞.
  /// The closures evaluate exactly the formula the page prints.
  public static func naiveFailures(_ samples: ViewSamples, naive: NaiveForm, parameters: ParameterValues) -> [NaiveFailure] {
    let view = samples.view
    let f = view.evaluate
    let centre = (view.plotRange.lowerBound + view.plotRange.upperBound) / 2
    let value = naive.value(parameters)
    let derivative = naive.derivative(parameters)
    var out: [NaiveFailure] = []
    var parts: [(String, String, (Double) -> Double, (Double) -> Double)] = [
      ("value", naive.valueFormula, value, { f($0).value }),
      ("derivative", naive.derivativeFormula, derivative, { f($0).d1 }),
    ]
    for i in naive.intermediates {
      parts.append(("in " + i.within, i.formula, i.naive(parameters), i.accurate(parameters)))
    }
    for (component, formula, g, stable) in parts {
      for direction in [-1, 1] {
        if let failure = NaiveFailureScan.first(
          component: component, formula: formula, naive: g, accurate: stable, centre: centre, direction: direction,
          domain: view.domain)
        {
          out.append(failure)
        }
      }
    }
    return out
  }
}
