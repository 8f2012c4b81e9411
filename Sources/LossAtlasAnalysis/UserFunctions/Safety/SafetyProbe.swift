/// One input of a view checked: the Double evaluation of every node (as a
/// user's code computes it) against the exact value of every node (ball
/// arithmetic, precision raised until each component is decided).
struct SafetyProbe {
  let expression: UserExpression
  let parameters: [Double]
  /// Every argument; the view's argument is replaced by the input.
  let arguments: [Double]
  /// The index (into the expression's arguments) of the view's argument.
  let argument: Int
  /// value, first and second derivative in the view's argument.
  let roots: [TermID]

  enum Status: Equatable {
    case pass
    case fail(FailureKind)
    /// The exact value is not decided even at 4,096 bits (or lies beyond the wide range).
    case undecided
    /// The formula has no real value here (log of a negative number): outside its domain.
    case outside

    var isFailure: Bool {
      if case .fail = self { return true }
      return false
    }
  }

  struct Result {
    let input: Double
    let statuses: [Status]
    let doubles: [Double]
    let exact: [Ball]
    /// Every node in Double and exactly, for the diagnosis.
    let trace: [Double]
    /// The exact ball of every node, by id (nil for nodes not needed).
    let balls: [Ball?]
    let precision: Int
  }

  func check(_ x: Double) -> Result {
    var args = arguments
    args[argument] = x
    let trace = DoubleTrace(expression, arguments: args, parameters: parameters, roots: roots).values
    let doubles = roots.map { trace[$0] }
    let wide = WideEvaluator(expression: expression)
    let (balls, precision) = wide.evaluate(arguments: args, parameters: parameters, roots: roots) { balls in
      zip(roots, doubles).allSatisfy { root, d in SafetyProbe.status(d, balls[root] ?? .unknown) != nil }
    }
    let exact = roots.map { balls[$0] ?? .unknown }
    let statuses = zip(doubles, exact).map { d, e in SafetyProbe.status(d, e) ?? .undecided }
    return Result(input: x, statuses: statuses, doubles: doubles, exact: exact, trace: trace, balls: balls, precision: precision)
  }

  static let relativeTolerance = Magnitude(SafetyCriteria.relativeTolerance)
  static let absoluteTolerance = Magnitude(SafetyCriteria.absoluteTolerance)

  /// Pass or fail of a Double against the exact ball, or nil when the ball
  /// does not decide it: a failure is NaN or ±inf where the exact value is
  /// finite, or an error above both 1e-6 relative and 1e-300 absolute.
  static func status(_ d: Double, _ e: Ball) -> Status? {
    switch e.state {
    case .undefined: return .outside
    case .unknown: return nil
    case .positiveInfinity: return d == .infinity ? .pass : (d.isNaN ? .fail(.nan) : .fail(.inaccurate))
    case .negativeInfinity: return d == -.infinity ? .pass : (d.isNaN ? .fail(.nan) : .fail(.inaccurate))
    case .finite: break
    }
    if d.isNaN { return .fail(.nan) }
    if d.isInfinite { return .fail(.infinite) }
    let w = WideArithmetic(precision: Swift.max(128, e.mid.mantissa.bitWidth + 64))
    let diff = w.subtract(Ball(d), e)
    let high = Magnitude.max(relativeTolerance * e.upperMagnitude, absoluteTolerance)
    let low = Magnitude.max(Magnitude.lowerProduct(relativeTolerance, e.lowerMagnitude), absoluteTolerance)
    if diff.lowerMagnitude > high { return .fail(.inaccurate) }
    if diff.upperMagnitude <= low { return .pass }
    return nil
  }
}
