import LossAtlasCore

/// A bound of a function's values over its whole domain.
public struct DomainBound: Sendable, Equatable {
  public enum Kind: String, Sendable {
    /// The bound of the views, and the search found nothing beyond it.
    case exact
    /// The values fall (rise) without bound toward an end of an argument.
    case unbounded
    /// The search found values beyond every view's bound; the true bound
    /// lies at or beyond `value`, which is attained at `witness`.
    case searched
  }

  /// Whether this is the infimum (else the supremum).
  public let lower: Bool
  public let value: Double
  public let attained: Bool
  public let kind: Kind
  /// Where the value is reached (the search's point), when the search found it.
  public let witness: Witness?
  /// The argument and end toward which an unbounded value runs off.
  public let toward: (argument: String, end: Double)?
  /// The view whose bound it is (`kind == .exact`).
  public let view: String?

  public static func == (a: DomainBound, b: DomainBound) -> Bool {
    a.lower == b.lower && a.value == b.value && a.attained == b.attained && a.kind == b.kind && a.witness == b.witness && a.view == b.view
      && a.toward?.argument == b.toward?.argument && a.toward?.end == b.toward?.end
  }
}

/// Properties of a function over its whole domain at one parameter setting:
/// every argument free, not one view. For a function of one real argument
/// (the scalar activations) the primary view is the whole domain and these
/// are its properties. For several arguments they combine the catalog's
/// views (each analysed exactly by the property engine) with a search over
/// the whole argument space (``DomainSearch``):
///
/// - infimum / supremum: the lowest (highest) bound of the views, unless
///   the search finds values beyond it at some point (then the bound is at
///   or beyond that value, `searched`), or finds them falling (rising)
///   without bound toward an end of another argument (`unbounded`: the
///   values at its two outermost probes still move apart, as the view
///   limits are decided);
/// - non-negative: the infimum is >= 0 (a negative value found is a proof
///   of the contrary, and is printed);
/// - convex / concave in the prediction argument for every value of the
///   others: every view in that argument is, and no midpoint test of the
///   search fails;
/// - monotonic in the prediction argument: every view has the same
///   direction and the derivative's sign at the search's probes agrees;
/// - max |derivative| in the prediction argument: the views' largest,
///   unless the search finds a steeper point.
/// The other properties (continuity, saturation, zero at correct, gradient
/// growth, ...) are decided per view; a claim that fixes no arguments holds
/// for a function of several arguments only if it holds at every view.
public struct DomainProperties: Sendable {
  public let functionID: String
  public let parameters: ParameterValues
  /// Whether the function has more than one argument (or a vector one).
  public let multiArgument: Bool
  public let infimum: DomainBound
  public let supremum: DomainBound
  public let nonNegative: Bool
  /// A point with a negative value (when not non-negative and one was found).
  public let negativeWitness: Witness?
  public let convex: Bool
  public let concave: Bool
  /// A midpoint test that refutes convexity (concavity), when the views did not already.
  public let convexViolation: (a: ArgumentPoint, b: ArgumentPoint)?
  /// In a real prediction argument (nil for a vector one).
  public let monotonic: Monotonicity?
  /// max |∂f/∂(prediction)| and whether it comes from the views (exact) or
  /// the search (a steeper point found: at least this); nil for a vector
  /// prediction.
  public let maxAbsDerivative: Double?
  public let maxAbsDerivativeExact: Bool
  /// The search, when one ran.
  public let search: DomainSearch?

  /// The views' labels, for saying what was combined.
  public let views: [String]

  /// Combines the views of one parameter setting with a search over the
  /// whole argument space (run here for a function of several arguments).
  public static func compute(_ spec: FunctionSpec, parameters: ParameterValues, views: [ViewProperties]) -> DomainProperties {
    let search = CatalogAnalysis.hasSeveralArguments(spec) ? DomainSearch.run(spec, parameters: parameters) : nil
    return combine(spec, parameters: parameters, views: views, search: search)
  }

  static func combine(
    _ spec: FunctionSpec, parameters: ParameterValues, views: [ViewProperties], search: DomainSearch?
  ) -> DomainProperties {
    let multi = search != nil
    let prediction = spec.predictionArgument
    let names = Set(spec.arguments.map(\.name))
    // The views in the prediction argument: those that sweep it, and the
    // 1-D slices of a vector prediction (they sweep a slice coordinate).
    let inPrediction = views.filter { $0.argument == prediction || !names.contains($0.argument) }
    let realPrediction = spec.arguments.first { $0.name == prediction }?.kind == .real
    let infimum = bound(views: views, search: search, lower: true)
    let supremum = bound(views: views, search: search, lower: false)
    let nonNegative = infimum.value >= 0
    var negative: Witness?
    if !nonNegative {
      negative = search?.negative ?? infimum.witness
    }
    let convexViews = !inPrediction.isEmpty && inPrediction.allSatisfy { $0.convex && $0.convexityCrossCheck }
    let concaveViews = !inPrediction.isEmpty && inPrediction.allSatisfy { $0.concave && $0.convexityCrossCheck }
    let convex = convexViews && search?.convexViolation == nil
    let concave = concaveViews && search?.concaveViolation == nil
    // Monotonicity and slope in a vector argument are not one number: for
    // those only the views (slices) speak, and these stay nil.
    var monotonic: Monotonicity?
    var slope: Double?
    var slopeExact = true
    if realPrediction {
      var m = combineMonotonic(inPrediction.map(\.monotonic))
      if let s = search, s.slopePositive && s.slopeNegative { m = .neither }
      if let s = search, m == .increasing && s.slopeNegative { m = .neither }
      if let s = search, m == .decreasing && s.slopePositive { m = .neither }
      monotonic = m
      let viewSlope = inPrediction.map(\.maxAbsDerivative.value).max() ?? 0
      slope = viewSlope
      if let steep = search?.steepest, steep.value > viewSlope * (1 + 1e-9) + 1e-300 {
        slope = steep.value
        slopeExact = false
      }
    }
    return DomainProperties(
      functionID: spec.id, parameters: parameters, multiArgument: multi, infimum: infimum, supremum: supremum,
      nonNegative: nonNegative, negativeWitness: negative, convex: convex, concave: concave,
      convexViolation: convexViews ? search?.convexViolation : nil, monotonic: monotonic, maxAbsDerivative: slope,
      maxAbsDerivativeExact: slopeExact, search: search, views: views.map(\.viewLabel))
  }

  /// increasing when every view is increasing (or constant) and one is
  /// increasing; decreasing likewise; constant when all are; else neither.
  static func combineMonotonic(_ list: [Monotonicity]) -> Monotonicity {
    if list.isEmpty { return .neither }
    if list.allSatisfy({ $0 == .constant }) { return .constant }
    if list.allSatisfy({ $0 == .increasing || $0 == .constant }) { return .increasing }
    if list.allSatisfy({ $0 == .decreasing || $0 == .constant }) { return .decreasing }
    return .neither
  }

  /// The infimum (lower) or supremum of the function over its domain.
  static func bound(views: [ViewProperties], search: DomainSearch?, lower: Bool) -> DomainBound {
    let better: (Double, Double) -> Bool = lower ? { $0 < $1 } : { $0 > $1 }
    var best: ViewProperties?
    for v in views {
      let e = lower ? v.infimum : v.supremum
      guard let b = best else {
        best = v
        continue
      }
      let current = lower ? b.infimum : b.supremum
      if better(e.value, current.value) || (e.value == current.value && e.attained && !current.attained) { best = v }
    }
    let viewValue = best.map { lower ? $0.infimum.value : $0.supremum.value } ?? (lower ? .infinity : -.infinity)
    // A view that is unbounded already says it all (its limit decided it);
    // otherwise the search may find the values running off along another
    // argument, or a value beyond every view's bound.
    let unboundedInView = viewValue == (lower ? -.infinity : .infinity)
    if !unboundedInView, let run = lower ? search?.fallsWithout : search?.risesWithout {
      return DomainBound(
        lower: lower, value: lower ? -.infinity : .infinity, attained: false, kind: .unbounded, witness: run.0,
        toward: (run.argument, run.end), view: nil)
    }
    if !unboundedInView, let found = lower ? search?.lowest : search?.highest, found.value.isFinite, better(found.value, viewValue),
      abs(found.value - viewValue) > 1e-12 * max(1, abs(found.value), abs(viewValue))
    {
      return DomainBound(lower: lower, value: found.value, attained: true, kind: .searched, witness: found, toward: nil, view: nil)
    }
    guard let v = best else {
      return DomainBound(lower: lower, value: viewValue, attained: false, kind: .exact, witness: nil, toward: nil, view: nil)
    }
    let e = lower ? v.infimum : v.supremum
    return DomainBound(lower: lower, value: e.value, attained: e.attained, kind: .exact, witness: nil, toward: nil, view: v.viewLabel)
  }
}
