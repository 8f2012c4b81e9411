import LossAtlasCore

/// The inputs at which a user function's definition is probed before any
/// analysis (``UserFunctionDefinition/definitionProblem(parameters:)``):
/// -1, 1, 0 (the points where log, sqrt and 1/x first fail), the extremes
/// the engine reports (±1000, ±1e300, ±1e-300), the domain's closed ends,
/// and 401 evenly spaced points of the view's plot range (its ends and, for
/// a range symmetric about 0, 0 among them), in that order, each once,
/// those inside `domain` only.
enum DefinitionProbe {
  static let gridCount = 401

  static func points(domain: RealInterval, plotRange: ClosedRange<Double>) -> [Double] {
    var xs: [Double] = [-1, 1, 0, -1000, 1000, -1e300, 1e300, -1e-300, 1e-300]
    if domain.lowerClosed && domain.lower.isFinite { xs.append(domain.lower) }
    if domain.upperClosed && domain.upper.isFinite { xs.append(domain.upper) }
    let (a, b) = (plotRange.lowerBound, plotRange.upperBound)
    let n = gridCount - 1
    // a + (b - a) * i / n would overflow for a range near ±Double.max;
    // the weighted form stays within [a, b].
    for i in 0...n { xs.append(a * (Double(n - i) / Double(n)) + b * (Double(i) / Double(n))) }
    var seen = Set<UInt64>()
    return xs.filter { domain.contains($0) && seen.insert($0.bitPattern).inserted }
  }
}

extension UserFunctionDefinition {
  /// The first probe point (``DefinitionProbe``) of the view, at
  /// `parameters` (the defaults when nil), where the formula's Double value
  /// is NaN or ±inf and exact arithmetic confirms that the function has no
  /// real value or is infinite there; nil when there is none. An overflow
  /// (a finite exact value beyond the Double range) is not one, and a point
  /// the wide arithmetic cannot decide is not reported.
  public func definitionProblem(parameters: [Double]? = nil) -> DefinitionProblem? {
    let params = parameters ?? defaultParameters
    return firstProblem(parameters: params, domain: domain(of: view.over)).map { checked($0, parameters: params) }
  }

  /// The first problem at the probe points inside `domain`.
  func firstProblem(parameters: [Double], domain: RealInterval) -> DefinitionProblem? {
    let program = viewProgram(parameters: parameters)
    for x in DefinitionProbe.points(domain: domain, plotRange: view.from...view.to)
    where !program.jet(x).value.isFinite {
      if let p = problem(at: x, parameters: parameters) { return p }
    }
    return nil
  }

  /// `p` with its suggested domain kept only if the probe finds no problem
  /// inside it: log(x) in log(log(log(x))) suggests (0, inf), where the
  /// function still has no real value (it needs x > e); then no interval is
  /// suggested.
  func checked(_ p: DefinitionProblem, parameters: [Double]) -> DefinitionProblem {
    guard let s = p.suggestion, firstProblem(parameters: parameters, domain: s) != nil else { return p }
    return p.withoutSuggestion
  }
}
