import LossAtlasCore

/// The properties a claim can state, as claim files spell them.
public enum ClaimProperty: String, Sendable, CaseIterable {
  case valueAt = "value-at"
  case derivativeAt = "derivative-at"
  case maxAbsDerivative = "max-abs-derivative"
  case range = "range"
  case monotonic = "monotonic"
  case derivativeMonotonic = "derivative-monotonic"
  case continuity = "continuity"
  /// E[f(X)] = 0 for X ~ N(0, 1), within 1e-12.
  case zeroCentered = "zero-centered"
  /// E[f(X)] for X ~ N(0, 1), a number.
  case meanOutput = "mean-output"
  /// f(0) = 0.
  case passesThroughOrigin = "passes-through-origin"
  case identityNearOrigin = "identity-near-origin"
  case saturatesLeft = "saturates-left"
  case saturatesRight = "saturates-right"
  case deadRegion = "dead-region"
  case depthToVanish = "depth-to-vanish"
  case convex = "convex"
  case concave = "concave"
  case nonNegative = "non-negative"
  case zeroAtCorrect = "zero-at-correct"
  case gradientBounded = "gradient-bounded"
  case finiteAtExtremes = "finite-at-extremes"
  case gradientCheckError = "gradient-check-error"
  case identity = "identity"
  // Extensions of the core schema:
  /// Where a format stops being informative (`format:`, `kind:`, `direction:`).
  case precisionThreshold = "precision-threshold"
  /// The first input where the naive formula fails (`component:`, `direction:`).
  case naiveFailure = "naive-failure"
  /// The mean of the loss over `residuals:` (regression losses, y = 0).
  case meanValue = "mean-value"
  /// The minimiser of the mean loss over `targets:` (regression losses).
  case minimiser = "minimiser"
  /// The mean-field gain sigma_w^2 E[f'(h)^2] of one layer (`init: he | xavier`, default xavier).
  case gradientGain = "gradient-gain"
  /// The Double evaluation of a user function's formula as written has no
  /// NaN, no ±inf and no error above 1e-6 relative where the exact value
  /// is finite (issue 11; user-defined functions only).
  case evaluationStable = "evaluation-stable"

  /// Whether the property needs `at:`.
  var needsAt: Bool { self == .valueAt || self == .derivativeAt }
}

/// What a claim expects the computed property to be.
public enum Expectation: Sendable, Equatable {
  case equals(Double)
  case approx(Double, tolerance: Double)
  case atMost(Double)
  case atLeast(Double)
  case within(Double, Double)
  case bool(Bool)
  case word(String)
  /// A literal interval [a, b] (range, dead-region).
  case interval(Double, Double)

  /// A short rendering for reports: `<= 0.25`, `= [0, 1]`, `true`.
  public var description: String {
    switch self {
    case .equals(let v): return "= \(formatValue(v))"
    case .approx(let v, let t): return "≈ \(formatValue(v)) ± \(formatValue(t))"
    case .atMost(let v): return "<= \(formatValue(v))"
    case .atLeast(let v): return ">= \(formatValue(v))"
    case .within(let a, let b): return "in [\(formatValue(a)), \(formatValue(b))]"
    case .bool(let b): return String(b)
    case .word(let w): return w
    case .interval(let a, let b): return "[\(formatValue(a)), \(formatValue(b))]"
    }
  }
}

/// One statement of a claim file.
public struct Claim: Sendable {
  public let id: String
  public let text: String
  public let function: FunctionSpec
  /// Each parameter's values; the claim is decided for every combination.
  public let parameters: [String: [Double]]
  /// Fixed arguments that select the view (`args: {y: 1}`), or give the
  /// other arguments of value-at / derivative-at.
  public let arguments: [String: ArgumentValue]
  public let property: ClaimProperty
  /// The catalog view the claim starts from (`view: 1` or its label);
  /// `args` then fix arguments of that view.
  public let view: String?
  public let over: (lower: Double, upper: Double)?
  public let at: Double?
  public let expect: Expectation
  /// The verdict the statement must get (false for a known-wrong statement).
  public let verdict: Bool
  /// Extra keys of the extended properties.
  public let name: String?
  public let format: String?
  public let kind: String?
  public let direction: Int?
  public let component: String?
  public let values: [Double]?
  /// The weight initialisation of gradient-gain.
  public let initialization: WeightInit?
  /// Where the claim starts in its file (1-based line).
  public let line: Int
  public let file: String
  /// The definition, when `function` is a user function (issue 11).
  public var userFunction: UserFunctionDefinition? = nil
}
