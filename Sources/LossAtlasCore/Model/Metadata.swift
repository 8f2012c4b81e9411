/// The families of CATALOG.md, in catalog order.
public enum Family: String, Sendable, CaseIterable {
  case activation = "activation"
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
    case .activation, .vectorActivation: return false
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
public struct FrameworkConvention: Sendable {
  public let framework: Framework
  /// The call a user would write, e.g. `torch.nn.functional.softplus(x, beta, threshold=20)`;
  /// empty when the framework has no equivalent.
  public let api: String
  /// One line on the difference from the catalog ("none" when identical).
  public let note: String

  public init(_ framework: Framework, _ api: String, _ note: String) {
    self.framework = framework
    self.api = api
    self.note = note
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

  public init(
    valueFormula: String, derivativeFormula: String,
    value: @escaping @Sendable (ParameterValues) -> @Sendable (Double) -> Double,
    derivative: @escaping @Sendable (ParameterValues) -> @Sendable (Double) -> Double
  ) {
    self.valueFormula = valueFormula
    self.derivativeFormula = derivativeFormula
    self.value = value
    self.derivative = derivative
  }
}
