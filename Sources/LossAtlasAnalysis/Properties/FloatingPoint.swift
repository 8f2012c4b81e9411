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
    // A struct, not a tuple: closures in a tuple stored in an array are
    // kept at the array's generic abstraction (argument and result
    // through memory), and each call went through a reabstraction thunk.
    struct Part {
      let component: String
      let formula: String
      let naive: (Double) -> Double
      let accurate: (Double) -> Double
    }
    var parts: [Part] = [
      Part(component: "value", formula: naive.valueFormula, naive: value, accurate: { f($0).value }),
      Part(component: "derivative", formula: naive.derivativeFormula, naive: derivative, accurate: { f($0).d1 }),
    ]
    for i in naive.intermediates {
      parts.append(Part(component: "in " + i.within, formula: i.formula, naive: i.naive(parameters), accurate: i.accurate(parameters)))
    }
    // The scan points toward −∞ and +∞, and the view's jets there: the
    // value's and the derivative's scans read the same points of the same
    // jets (an intermediate's scan, the same points). The points
    // themselves are shared with every other function scanned from the
    // same centre over the same domain (``NaiveFailureScan/sharedScanPoints``).
    let scanPoints = [-1, 1].map { NaiveFailureScan.sharedScanPoints(centre: centre, direction: $0, domain: view.domain) }
    let scanJets = scanPoints.map { $0.map(f) }
    // The jets of the dense checks and after-samples, shared the same way:
    // where the value and the derivative first fail at the same input, the
    // derivative's checks read the value's jets.
    let units = NaiveFailureScan.UnitJets(f)
    for (p, entry) in parts.enumerated() {
      let (component, formula, g, stable) = (entry.component, entry.formula, entry.naive, entry.accurate)
      for (d, direction) in [-1, 1].enumerated() {
        let points = scanPoints[d]
        let accurate = p == 0 ? scanJets[d].map(\.value) : p == 1 ? scanJets[d].map(\.d1) : points.map(stable)
        let part: ((Jet) -> Double)? = p == 0 ? { $0.value } : p == 1 ? { $0.d1 } : nil
        if let failure = NaiveFailureScan.first(
          component: component, formula: formula, naive: g, accurate: stable, centre: centre, direction: direction,
          domain: view.domain, scan: (points, accurate), jets: part.map { (units, $0) })
        {
          out.append(failure)
        }
      }
    }
    return out
  }
}
