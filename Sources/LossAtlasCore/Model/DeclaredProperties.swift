/// Monotonicity in the swept argument. `increasing` means non-decreasing and
/// not constant (relu is increasing: flat on the left, rising on the right).
public enum Monotonicity: String, Sendable, CaseIterable {
  case increasing, decreasing, neither, constant
}

/// The highest order k such that f is C^k on its whole domain.
public enum Smoothness: String, Sendable, CaseIterable, Comparable {
  /// A jump in the value (zero-one loss).
  case discontinuous = "discontinuous"
  case c0 = "C0"
  case c1 = "C1"
  case c2 = "C2"
  case cInfinity = "Cinf"

  private var order: Int {
    switch self {
    case .discontinuous: return -1
    case .c0: return 0
    case .c1: return 1
    case .c2: return 2
    case .cInfinity: return 3
    }
  }

  public static func < (a: Smoothness, b: Smoothness) -> Bool { a.order < b.order }
}

/// Whether a loss reaches zero at the correct prediction.
public enum ZeroAtCorrect: String, Sendable, CaseIterable {
  /// The loss is exactly 0 at some prediction (mse at r = 0, hinge for y s >= 1).
  case attained
  /// The loss tends to 0 but never reaches it (logistic, bce-logits).
  case limit
  /// The infimum is positive (bce with a soft target).
  case never
}

/// How |f'| behaves as the residual or score grows without bound.
public enum GradientGrowth: String, Sendable, CaseIterable {
  /// |f'| stays below a finite bound (huber, mae, log-cosh).
  case bounded
  /// |f'| grows without bound (mse).
  case unbounded
  /// |f'| is bounded and returns to 0 far out (barron with alpha < 1).
  case redescending
}

/// One end of a function's range: the infimum or supremum, and whether some
/// input attains it.
public struct RangeBound: Sendable, Equatable {
  public let value: Double
  public let attained: Bool

  public init(_ value: Double, attained: Bool) {
    self.value = value
    self.attained = attained
  }
}

/// What the catalog states about a scalar view, for the property engine to
/// recompute. `nil` means "not declared" (nothing is checked).
public struct DeclaredProperties: Sendable, Equatable {
  public var infimum: RangeBound?
  public var supremum: RangeBound?
  public var monotonic: Monotonicity?
  public var derivativeMonotonic: Monotonicity?
  public var continuity: Smoothness?
  /// E[f(X)] = 0 for X ~ N(0, 1) (within 1e-12): centred output for centred inputs.
  public var zeroCentered: Bool?
  /// f(0) = 0.
  public var passesThroughOrigin: Bool?
  public var identityNearOrigin: Bool?
  /// max |f'| over the domain (the supremum, when it is not attained).
  public var maxAbsDerivative: Double?
  public var saturatesLeft: Bool?
  public var saturatesRight: Bool?
  public var convex: Bool?
  public var concave: Bool?
  public var nonNegative: Bool?
  public var zeroAtCorrect: ZeroAtCorrect?
  public var gradientGrowth: GradientGrowth?

  public init(
    infimum: RangeBound? = nil, supremum: RangeBound? = nil,
    monotonic: Monotonicity? = nil, derivativeMonotonic: Monotonicity? = nil,
    continuity: Smoothness? = nil, zeroCentered: Bool? = nil, passesThroughOrigin: Bool? = nil,
    identityNearOrigin: Bool? = nil,
    maxAbsDerivative: Double? = nil, saturatesLeft: Bool? = nil, saturatesRight: Bool? = nil,
    convex: Bool? = nil, concave: Bool? = nil, nonNegative: Bool? = nil,
    zeroAtCorrect: ZeroAtCorrect? = nil, gradientGrowth: GradientGrowth? = nil
  ) {
    self.infimum = infimum
    self.supremum = supremum
    self.monotonic = monotonic
    self.derivativeMonotonic = derivativeMonotonic
    self.continuity = continuity
    self.zeroCentered = zeroCentered
    self.passesThroughOrigin = passesThroughOrigin
    self.identityNearOrigin = identityNearOrigin
    self.maxAbsDerivative = maxAbsDerivative
    self.saturatesLeft = saturatesLeft
    self.saturatesRight = saturatesRight
    self.convex = convex
    self.concave = concave
    self.nonNegative = nonNegative
    self.zeroAtCorrect = zeroAtCorrect
    self.gradientGrowth = gradientGrowth
  }
}

/// What the catalog states about a function over its whole domain (every
/// argument free) at one parameter setting: the property engine's search
/// checks it. `nil` means "not declared".
public struct DeclaredDomainProperties: Sendable, Equatable {
  /// The infimum over the whole domain (-inf, not attained, when unbounded below).
  public var infimum: RangeBound?
  public var supremum: RangeBound?
  public var nonNegative: Bool?
  /// Convex in the prediction argument for every value of the others.
  public var convex: Bool?

  public init(infimum: RangeBound? = nil, supremum: RangeBound? = nil, nonNegative: Bool? = nil, convex: Bool? = nil) {
    self.infimum = infimum
    self.supremum = supremum
    self.nonNegative = nonNegative
    self.convex = convex
  }
}
