/// The families of CATALOG.md, in catalog order.
public enum Family: String, Sendable, CaseIterable {
  case activation = "activation"
  /// Two scalar arguments, a value half a and a gate half b: a g(b).
  case gatedUnit = "gated-unit"
  case vectorActivation = "vector-activation"
  case marginLoss = "margin-loss"
  case probabilisticLoss = "probabilistic-loss"
  case multiclassLoss = "multiclass-loss"
  case regressionLoss = "regression-loss"
  /// Losses of two scores or of embedding vectors (CATALOG part 2).
  case pairwiseLoss = "pairwise-loss"
  /// Overlap losses of a predicted and a target mask (dice, tversky).
  case overlapLoss = "overlap-loss"

  /// A heading for the family, e.g. "Margin losses".
  public var title: String {
    switch self {
    case .activation: return "Scalar activations"
    case .gatedUnit: return "Gated linear units"
    case .vectorActivation: return "Vector activations"
    case .marginLoss: return "Margin losses"
    case .probabilisticLoss: return "Probabilistic binary losses"
    case .multiclassLoss: return "Multiclass losses"
    case .regressionLoss: return "Regression losses"
    case .pairwiseLoss: return "Pairwise and embedding losses"
    case .overlapLoss: return "Overlap losses (segmentation)"
    }
  }

  /// Whether the family holds losses (as opposed to activations).
  public var isLoss: Bool {
    switch self {
    case .activation, .gatedUnit, .vectorActivation: return false
    default: return true
    }
  }
}

/// A deep-learning framework whose conventions the manual compares.
public enum Framework: String, Sendable, CaseIterable {
  case pytorch = "PyTorch"
  case keras = "Keras"
  case optax = "optax"
  case jaxnn = "jax.nn"
}

/// How one framework spells a function, and how its convention differs.
///
/// A figure about a framework's behaviour is never typed into `note`: the
/// note holds a placeholder `{measurement-id.key}` that the manual fills
/// from the committed measurements (data/frameworks/measurements.json) and
/// follows with the version measured. Digits that are definitions, not
/// measurements ("divides by C", a default `threshold=20` cited from the
/// framework's source), are listed in `definitional`, so that a test can
/// require every other digit of a note to come from a measurement.
public struct FrameworkConvention: Sendable {
  public let framework: Framework
  /// The call a user would write, e.g. `torch.nn.functional.softplus(x, beta, threshold=20)`;
  /// empty when the framework has no equivalent.
  public let api: String
  /// One line on the difference from the catalog ("none" when identical),
  /// with `{measurement-id.key}` placeholders for measured figures.
  public let note: String
  /// The substrings of `note` with digits that are definitional (a
  /// default, a formula), not measured.
  public let definitional: [String]

  public init(_ framework: Framework, _ api: String, _ note: String, definitional: [String] = []) {
    self.framework = framework
    self.api = api
    self.note = note
    self.definitional = definitional
  }
}

/// A paper or book the manual cites.
public struct Reference: Sendable {
  public let citation: String
  public let year: Int
  public let url: String?

  public init(_ citation: String, year: Int, url: String? = nil) {
    self.citation = citation
    self.year = year
    self.url = url
  }
}

/// The textbook formula a stable implementation replaces, kept so that the
/// analysis can compute where it fails (overflow, cancellation, underflow).
///
/// Both closures take the parameters and return a function of the view's
/// argument (the function's first view).
public struct NaiveForm: Sendable {
  /// How the naive formula is usually written, e.g. `log(1 + exp(x))`.
  public let valueFormula: String
  /// How the naive derivative is usually written, e.g. `sigma(x) (1 - sigma(x))`.
  public let derivativeFormula: String
  public let value: @Sendable (ParameterValues) -> @Sendable (Double) -> Double
  public let derivative: @Sendable (ParameterValues) -> @Sendable (Double) -> Double
  /// Subexpressions of the formulas whose failure the manual reports on
  /// their own (gelu's 1 + erf(x / sqrt 2), which cancels).
  public let intermediates: [NaiveIntermediate]

  public init(
    valueFormula: String, derivativeFormula: String,
    value: @escaping @Sendable (ParameterValues) -> @Sendable (Double) -> Double,
    derivative: @escaping @Sendable (ParameterValues) -> @Sendable (Double) -> Double,
    intermediates: [NaiveIntermediate] = []
  ) {
    self.valueFormula = valueFormula
    self.derivativeFormula = derivativeFormula
    self.value = value
    self.derivative = derivative
    self.intermediates = intermediates
  }
}

/// A subexpression of a naive formula, evaluated the textbook way and
/// accurately, so that the analysis can say where it alone fails.
public struct NaiveIntermediate: Sendable {
  /// How it is written, e.g. `1 + erf(x / sqrt(2))`.
  public let formula: String
  /// Where it appears, e.g. "the value and the derivative".
  public let within: String
  /// The textbook evaluation (exactly the printed expression).
  public let naive: @Sendable (ParameterValues) -> @Sendable (Double) -> Double
  /// An accurate evaluation of the same quantity.
  public let accurate: @Sendable (ParameterValues) -> @Sendable (Double) -> Double

  public init(
    formula: String, within: String, naive: @escaping @Sendable (ParameterValues) -> @Sendable (Double) -> Double,
    accurate: @escaping @Sendable (ParameterValues) -> @Sendable (Double) -> Double
  ) {
    self.formula = formula
    self.within = within
    self.naive = naive
    self.accurate = accurate
  }
}
