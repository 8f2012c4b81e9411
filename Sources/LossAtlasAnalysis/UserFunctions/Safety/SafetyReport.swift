/// The numerical safety of a user formula as written: where its Double
/// evaluation (op by op, as a user's code computes it) fails against the
/// exact value, and why.
///
/// The verdict `evaluation-stable` is true when neither the value nor the
/// first derivative (what training computes: the forward value and the
/// gradient) fails at any checked input; findings for the second
/// derivative are reported too, but do not decide the verdict.
public struct SafetyReport: Sendable {
  /// evaluation-stable: no value or first-derivative failure was found.
  public let stable: Bool
  /// Each failing region of each component, in order along the real line.
  public let findings: [SafetyFinding]
  /// Catalog functions that compute the same mathematics.
  public let equivalents: [CatalogEquivalent]
  /// How many inputs were checked (sweep, extremes, bisection, dense checks).
  public let checkedInputs: Int
  /// Inputs where the exact value could not be decided (beyond the wide
  /// range, or a cancellation deeper than 4,096 bits): not counted either way.
  public let undecidedInputs: [Double]
}

/// Which number of the view is checked.
public enum SafetyComponent: String, Sendable, CaseIterable {
  case value
  case derivative
  case secondDerivative = "second-derivative"
}

/// How the Double result fails against the exact one.
public enum FailureKind: String, Sendable {
  /// NaN where the exact value is a real number (or infinite).
  case nan
  /// ±inf where the exact value is finite.
  case infinite
  /// Finite, but off by more than 1e-6 relative and 1e-300 absolute.
  case inaccurate
}

/// What made the first bad subexpression bad.
public enum FailureCause: String, Sendable {
  /// A finite exact value above the Double range: exp(x) for x > 709.78.
  case overflow
  /// A nonzero exact value rounded to 0.
  case underflow
  /// A division whose divisor underflowed to 0.
  case divisionByUnderflowedZero = "division-by-underflowed-zero"
  /// a - b with a and b agreeing in most of their digits.
  case cancellation
  /// log(u) with u = 1 + tiny rounded: the tiny part is lost.
  case logOfRoundedOne = "log-of-rounded-one"
  /// A function whose result is far more sensitive than its argument's rounding.
  case amplifiedRounding = "amplified-rounding"
  /// inf - inf, 0 * inf, inf / inf, 0 / 0 from infinite or zero operands.
  case invalidOperation = "invalid-operation"
}

/// One failing region of one component.
public struct SafetyFinding: Sendable {
  public let component: SafetyComponent
  /// The failing inputs found: from `start` to `end` (both fail; every
  /// checked input between them fails too). When the region reaches an end
  /// of the line, that end is ±1e300 (or the domain's edge).
  public let start: Double
  public let end: Double
  /// The first failing input toward the end the region lies on (its edge
  /// nearer the middle of the sweep), found by bisection on representable
  /// Doubles: the next Double toward the middle passes.
  public let firstFailure: Double
  /// The passing neighbour of `firstFailure` (one representable step away).
  public let lastPass: Double?
  public let kind: FailureKind
  /// Double's result and the exact one at `firstFailure`.
  public let doubleValue: Double
  public let exactValue: Double
  /// The exact value as printed: beyond the Double range its decimal
  /// (-4.097e646, where `exactValue` is -inf), else `exactValue`'s text.
  public let exactText: String
  public let cause: FailureCause
  /// The user's text of the subexpression that went bad first.
  public let culprit: String
  /// One sentence: what happened there.
  public let explanation: String
  /// Where Double's result becomes exactly 0 inside the region (log(1 +
  /// e^x) is exactly 0 below x = -36.7 while e^x is not), found by
  /// bisection; nil when it never is.
  public let doubleIsZeroFrom: Double?
  /// Whether the region's inputs fail or pass with their own rounding near
  /// an edge (a cancellation's onset), rather than all failing (an
  /// overflow). The edges of such a region are failing inputs found by
  /// sampling, bisection and a dense check; inputs beyond them may still
  /// fail now and then.
  public let intermittent: Bool
}

/// A catalog function equal to the user's formula (to 1e-9 relative at
/// every test point, in the wide arithmetic).
public struct CatalogEquivalent: Sendable, Equatable {
  public let id: String
  /// The catalog's parameters that make it equal (empty: none).
  public let parameters: [String: Double]
  /// The call in the grammar, e.g. `softplus(x)`.
  public let call: String
}
