/// An interval of the real line, each end open or closed, possibly infinite.
public struct RealInterval: Sendable, Equatable, CustomStringConvertible {
  public let lower: Double
  public let lowerClosed: Bool
  public let upper: Double
  public let upperClosed: Bool

  public init(_ lower: Double, _ upper: Double, lowerClosed: Bool = true, upperClosed: Bool = true) {
    self.lower = lower
    self.upper = upper
    // An infinite end is never part of the set.
    self.lowerClosed = lowerClosed && lower.isFinite
    self.upperClosed = upperClosed && upper.isFinite
  }

  /// (-inf, inf)
  public static let realLine = RealInterval(-.infinity, .infinity)

  public func contains(_ x: Double) -> Bool {
    (lowerClosed ? x >= lower : x > lower) && (upperClosed ? x <= upper : x < upper)
  }

  public var description: String {
    formatInterval(lower, closed: lowerClosed, upper, closed: upperClosed)
  }
}

/// A function of one real variable cut out of a catalog function: an
/// activation in x, a loss in its prediction argument with the other
/// arguments fixed at representative values, or a documented 1-D slice of a
/// vector function (softmax's first output along z = [x, 0]).
///
/// This is the hot path of every sweep: `evaluate` is a plain closure that
/// captures the parameters and the fixed arguments as Doubles, so a loop
/// over a million points does no allocation, no dictionary look-up and no
/// existential dispatch.
public struct ScalarView: Sendable {
  /// A short label, e.g. `x`, `s (y = +1)`, `p (y = 0.3)`.
  public let label: String
  /// The swept argument's name.
  public let argument: String
  /// The other arguments, held fixed, in the order the catalog lists them.
  public let fixed: [(name: String, value: ArgumentValue)]
  /// Where the view is defined.
  public let domain: RealInterval
  /// The range a chart or a default sweep covers.
  public let plotRange: ClosedRange<Double>
  /// The points where f, f' or f'' may fail to be smooth (kinks, pieces).
  public let breakpoints: [Double]
  /// What the catalog states about this view, checked by the property engine.
  public let declared: DeclaredProperties
  /// f, f', f'' at one point of `domain`.
  public let evaluate: @Sendable (Double) -> Jet
  /// f' alone at one point, the same bits as `evaluate(x).d1` at every x
  /// (nil: not offered). Offered where f' needs less work than the jet:
  /// softplus's f' is a sigmoid, with no log1p for f. A sweep that reads
  /// only f' (the depth chain: 10^6 points per activation) calls this.
  public let derivative: (@Sendable (Double) -> Double)?
  /// Whether |f'(-x)| has the bits of |f'(x)| at every x: the view
  /// computes f' from |x| alone (tanh, sigmoid, softsign, tanhshrink),
  /// so a sweep over x and -x (the depth chain's antithetic pairs) may
  /// evaluate f' once per pair.
  public let evenDerivative: Bool
  /// The value more accurately than a Double, where the view can give it
  /// (nil: not offered, or not at this x). The precision study asks for it
  /// only when the Double lies within its error of a format's rounding
  /// boundary, where the Double alone cannot decide the rounding.
  public let refinedValue: (@Sendable (Double) -> RefinedValue?)?
  /// The function's exact value or derivative at x, correctly rounded to
  /// a format, where `evaluate` is not the function but a formula's own
  /// Double (nil: `evaluate` is the function, as for every catalog view).
  /// A user function's entry evaluates its formula as written: finite but
  /// wrong where the formula loses accuracy (log(1 + exp(x)) is exactly 0
  /// from x = -36.7, where the function is about e^x down to -745), so the
  /// precision study, which is about the function, asks this instead.
  ///
  /// The answer is three-valued: the format's value (±0, ±inf; NaN where
  /// the function has no real value) that every point of an enclosure of
  /// the exact number rounds to, or nil where that is not decided (the
  /// enclosure straddles a rounding boundary, or the number is beyond the
  /// more precise arithmetic's range). No fact may be read from a nil.
  public let exactRounding: (@Sendable (Double, ExactPart, BinaryFormat) -> Double?)?

  public init(
    label: String, argument: String, fixed: [(name: String, value: ArgumentValue)] = [],
    domain: RealInterval = .realLine, plotRange: ClosedRange<Double>, breakpoints: [Double] = [],
    declared: DeclaredProperties, refinedValue: (@Sendable (Double) -> RefinedValue?)? = nil,
    exactRounding: (@Sendable (Double, ExactPart, BinaryFormat) -> Double?)? = nil,
    derivative: (@Sendable (Double) -> Double)? = nil, evenDerivative: Bool = false,
    evaluate: @escaping @Sendable (Double) -> Jet
  ) {
    self.label = label
    self.argument = argument
    self.fixed = fixed
    self.domain = domain
    self.plotRange = plotRange
    self.breakpoints = breakpoints
    self.declared = declared
    self.evaluate = evaluate
    self.derivative = derivative
    self.evenDerivative = evenDerivative
    self.refinedValue = refinedValue
    self.exactRounding = exactRounding
  }
}

/// A value known as the unevaluated sum `hi + lo` within `error` (absolute):
/// the exact value lies in [hi + lo - error, hi + lo + error].
public struct RefinedValue: Sendable, Equatable {
  public let hi: Double
  public let lo: Double
  public let error: Double

  public init(hi: Double, lo: Double, error: Double) {
    self.hi = hi
    self.lo = lo
    self.error = error
  }
}
