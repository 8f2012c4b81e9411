import LossAtlasCore

/// An interval of x found by the engine, e.g. a saturation interval
/// (-inf, -4.5951] or a dead region (-inf, 0].
public struct FoundInterval: Sendable, Equatable {
  public let interval: RealInterval

  public init(_ interval: RealInterval) { self.interval = interval }

  public var lower: Double { interval.lower }
  public var upper: Double { interval.upper }
}

/// A bounded stretch where |f'| < tau * max |f'|: not saturation (which is
/// about the tails), but a flat zone around a stationary point (gelu's,
/// silu's, mish's minimum; huber at r = 0), or a stretch of low slope with
/// no stationary point.
public struct FlatZone: Sendable, Equatable {
  public enum Kind: String, Sendable {
    case nearMinimum = "near a minimum"
    case nearMaximum = "near a maximum"
    case lowSlope = "low slope, no stationary point"
  }

  public let interval: RealInterval
  public let kind: Kind
  /// The stationary point inside (nil for `lowSlope`).
  public let at: Double?
}

/// The smoothness found at one breakpoint: the lowest derivative order that
/// jumps there (nil when none up to the third does).
public struct BreakpointSmoothness: Sendable, Equatable {
  public let x: Double
  /// 0 when f itself jumps, 1 when f' jumps, 2 for f'', 3 for f'''.
  public let firstJumpOrder: Int?
  /// The jumps of f, f', f'' (right limit minus left limit).
  public let jumps: [Double]
}

/// The result of the gradient check on one view.
public struct GradientCheck: Sendable, Equatable {
  /// Points checked (away from breakpoints).
  public let points: Int
  /// max |f' - numeric| / max(|f'|, floor), and where.
  public let maxRelativeErrorD1: Double
  public let worstD1At: Double
  /// The same for f'' against the difference quotient of f'.
  public let maxRelativeErrorD2: Double
  public let worstD2At: Double
}

/// Behaviour at extreme inputs: f, f', f'' at ±1e3, ±1e300 and the domain's
/// closed ends.
public struct ExtremePoint: Sendable, Equatable {
  /// f, f' or f''.
  public enum Component: String, Sendable, CaseIterable { case value = "f", d1 = "f'", d2 = "f''" }

  public let x: Double
  public let jet: Jet
  /// The components that are NaN, or infinite where the function's limit
  /// toward that end is not that infinity.
  public let offending: [Component]
  /// No NaN, and every infinity is where the function is unbounded (the
  /// exact value has left the Double range or is infinite).
  public var honest: Bool { offending.isEmpty }

  /// The component's number in `jet`.
  public func number(_ c: Component) -> Double {
    switch c {
    case .value: return jet.value
    case .d1: return jet.d1
    case .d2: return jet.d2
    }
  }
}

/// Everything the engine computes about one scalar view at one parameter
/// setting. Mathematical properties are about exact arithmetic; the
/// floating-point facts (extremes, the naive formula, precision) are kept
/// apart in ``FunctionFacts``.
public struct ViewProperties: Sendable {
  public let functionID: String
  public let parameters: ParameterValues
  public let viewLabel: String
  /// The swept argument's name (x, s, yhat, ...).
  public let argument: String
  public let viewIndex: Int

  // (a) range
  public let infimum: Extremum
  public let supremum: Extremum
  // (b) monotonicity
  public let monotonic: Monotonicity
  public let derivativeMonotonic: Monotonicity
  // (c) continuity
  public let continuity: Smoothness
  public let breakpoints: [BreakpointSmoothness]
  // (d) origin
  /// E[f(X)] for X ~ N(0, 1), by quadrature (``GaussianExpectation``): the
  /// mean output for standardised inputs. Nil for losses and for views not
  /// defined on the whole real line.
  public let meanOutput: Double?
  /// |meanOutput| <= 1e-12: the output is centred on 0 for centred inputs.
  public let zeroCentered: Bool?
  /// f(0) = 0 (nil when 0 is outside the domain).
  public let passesThroughOrigin: Bool?
  public let identityNearOrigin: Bool?
  // (e) slope
  public let maxAbsDerivative: Extremum
  // (f) saturation
  public let saturatesLeft: Bool
  public let saturatesRight: Bool
  public let saturationThreshold: Double
  /// The unbounded intervals at the ends of the domain where
  /// |f'| < tau * max |f'| (the tails).
  public let saturationIntervals: [FoundInterval]
  /// The bounded intervals where |f'| < tau * max |f'| (not saturation).
  public let flatZones: [FlatZone]
  public let deadRegions: [FoundInterval]
  /// Limits of f' toward each end (nil at a closed finite end).
  public let derivativeLimitLower: Limit?
  public let derivativeLimitUpper: Limit?
  // (i) loss shape
  public let convex: Bool
  public let concave: Bool
  /// Whether a midpoint test on random pairs agrees with the f''-based verdict.
  public let convexityCrossCheck: Bool
  public let nonNegative: Bool
  public let zeroAtCorrect: ZeroAtCorrect
  /// Whether f' is 0 where the zero (or infimum) is attained or approached.
  public let gradientZeroAtMinimum: Bool
  public let gradientGrowth: GradientGrowth
  // (j) gradient check
  public let gradientCheck: GradientCheck
  // (h) extremes
  public let extremes: [ExtremePoint]

  /// A short name for reports: `huber {delta=1} yhat (y = 0)`.
  public var coordinates: String {
    let p = parameters.values.isEmpty ? "" : " {\(parameters)}"
    return "\(functionID)\(p) \(viewLabel)"
  }
}
