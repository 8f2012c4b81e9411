/// What the manual draws for a function beyond its own figure, as data on
/// its catalog entry: the Report's figure builders are generic and read
/// these, so that none of them singles out a function by its id.
///
/// Most functions have none (`FigureHints()`); comparison pages, which are
/// about several functions at once, are defined in the Report.
public struct FigureHints: Sendable {
  /// The figure of one parameter swept (`figures/family-<id>-<parameter>.png`).
  public var family: ParameterFamilyFigure?
  /// The loss against the probability of the true class for several values
  /// of one parameter (`figures/family-<id>-<parameter>.png`).
  public var trueClassProbability: TrueClassProbabilityFigure?

  public init(family: ParameterFamilyFigure? = nil, trueClassProbability: TrueClassProbabilityFigure? = nil) {
    self.family = family
    self.trueClassProbability = trueClassProbability
  }
}

/// Value and derivative of the primary view for several values of one
/// parameter, side by side.
public struct ParameterFamilyFigure: Sendable {
  /// The parameter swept.
  public let parameter: String
  /// The values drawn (nil: the parameter's grid).
  public let values: [Double]?
  /// The x range drawn (nil: the primary view's plot range).
  public let xRange: ClosedRange<Double>?
  /// Fixed y ranges where the automatic choice does not read well.
  public let valueRange: ClosedRange<Double>?
  public let derivativeRange: ClosedRange<Double>?
  /// One sentence for the caption, after the generic part.
  public let note: String
  /// Another function drawn dashed on both panels: the family's limit.
  public let limit: LimitCurve?

  public init(
    parameter: String, values: [Double]? = nil, xRange: ClosedRange<Double>? = nil,
    valueRange: ClosedRange<Double>? = nil, derivativeRange: ClosedRange<Double>? = nil, note: String,
    limit: LimitCurve? = nil
  ) {
    self.parameter = parameter
    self.values = values
    self.xRange = xRange
    self.valueRange = valueRange
    self.derivativeRange = derivativeRange
    self.note = note
    self.limit = limit
  }
}

/// A catalog function a family approaches, drawn dashed beside it (its
/// primary view at its default parameters).
public struct LimitCurve: Sendable {
  /// The function's id.
  public let id: String
  /// Its legend entry.
  public let legend: String
  /// The sentence the alt text ends with.
  public let sentence: String

  public init(id: String, legend: String, sentence: String) {
    self.id = id
    self.legend = legend
    self.sentence = sentence
  }
}

/// A loss in a logit z drawn against the probability of the true class
/// p_t = sigma(z) of its view with y = 1, for several values of one
/// parameter (focal loss as in Lin et al. 2017, Fig. 1).
public struct TrueClassProbabilityFigure: Sendable {
  /// The parameter swept and its values.
  public let parameter: String
  public let values: [Double]
  /// The other parameters, fixed.
  public let fixed: [String: Double]
  /// A word after a value's legend entry ("cross-entropy" for gamma = 0).
  public let valueNames: [Double: String]
  /// The loss axis.
  public let lossRange: ClosedRange<Double>
  public let title: String
  public let caption: String
  /// What the curves show, before the alt text's numbers.
  public let observation: String

  public init(
    parameter: String, values: [Double], fixed: [String: Double], valueNames: [Double: String] = [:],
    lossRange: ClosedRange<Double>, title: String, caption: String, observation: String
  ) {
    self.parameter = parameter
    self.values = values
    self.fixed = fixed
    self.valueNames = valueNames
    self.lossRange = lossRange
    self.title = title
    self.caption = caption
    self.observation = observation
  }
}
