extension FunctionSpec {
  /// An evaluator for a function whose value and derivative come from one
  /// scalar jet in the prediction argument `argument`, the other arguments
  /// (if any) read by `jet` once per evaluation.
  ///
  /// `jet(p, a)` returns the scalar function of the prediction argument with
  /// the remaining arguments fixed; the evaluation reports f, f' (as the
  /// gradient in `argument`) and f''. Passed as `evaluate:`, it also gives
  /// the function its ``ViewLines`` in `argument`: a view with any fixed
  /// arguments then runs `jet(p, a)` per point, as the catalog's own views do.
  public static func scalarEvaluator(
    _ argument: String,
    _ jet: @escaping @Sendable (ParameterValues, ArgumentValues) -> @Sendable (Double) -> Jet
  ) -> ScalarEvaluator {
    ScalarEvaluator(argument: argument, jet: jet)
  }

  /// An entry whose evaluator is a ``ScalarEvaluator``: the same entry as
  /// with its `evaluate` closure, with its ``lines`` along the prediction
  /// argument.
  public init(
    id: String, name: String, family: Family, aliases: [String] = [], summary: String,
    parameters: [ParameterSpec] = [], arguments: [ArgumentSpec], differentiable: [String],
    evaluate scalar: ScalarEvaluator,
    views: @escaping @Sendable (ParameterValues) -> [ScalarView],
    domain: @escaping @Sendable (ParameterValues) -> DeclaredDomainProperties = { _ in DeclaredDomainProperties() },
    formula: FunctionFormula,
    naive: NaiveForm? = nil, implementationNote: String,
    conventions: [FrameworkConvention], references: [Reference], figures: FigureHints = FigureHints()
  ) {
    self.init(
      id: id, name: name, family: family, aliases: aliases, summary: summary, parameters: parameters,
      arguments: arguments, differentiable: differentiable, evaluate: scalar.evaluate, views: views,
      domain: domain, formula: formula, naive: naive, implementationNote: implementationNote,
      conventions: conventions, references: references, figures: figures)
    self.lines = scalar.lines
  }

  /// The same entry with `lines`: how views along other axes, or with
  /// other fixed arguments than the catalog's views, are evaluated.
  public func withLines(_ lines: ViewLines) -> FunctionSpec {
    var copy = self
    copy.lines = lines
    return copy
  }

  /// The same entry with a value-only evaluator (see ``valueEvaluator``):
  /// `value(p, a)` must return exactly `evaluate(p, a).value`'s scalar and
  /// throw exactly where it throws.
  public func withValue(
    _ value: @escaping @Sendable (ParameterValues, ArgumentValues) throws(CatalogError) -> Double?
  ) -> FunctionSpec {
    var copy = self
    copy.valueEvaluator = value
    return copy
  }
}

/// The evaluator of a function of one differentiated real argument: a jet
/// builder that reads the other arguments once (see
/// ``FunctionSpec/scalarEvaluator(_:_:)``).
public struct ScalarEvaluator: Sendable {
  /// The prediction argument.
  public let argument: String
  /// The jet in `argument` with the other arguments (and parameters) read once.
  public let jet: @Sendable (ParameterValues, ArgumentValues) -> @Sendable (Double) -> Jet
  /// Where the function's shape sits along `argument` for given other
  /// arguments (a residual loss: at the target y); nil when it does not move.
  public var centre: (@Sendable (ArgumentValues) -> Double)?

  public init(
    argument: String, jet: @escaping @Sendable (ParameterValues, ArgumentValues) -> @Sendable (Double) -> Jet,
    centre: (@Sendable (ArgumentValues) -> Double)? = nil
  ) {
    self.argument = argument
    self.jet = jet
    self.centre = centre
  }

  /// The same evaluator whose plot ranges follow `centre` (see ``centre``).
  public func centred(_ centre: @escaping @Sendable (ArgumentValues) -> Double) -> ScalarEvaluator {
    ScalarEvaluator(argument: argument, jet: jet, centre: centre)
  }

  /// f, f' (the gradient in `argument`) and f'' at validated inputs.
  public var evaluate: @Sendable (ParameterValues, ArgumentValues) throws(CatalogError) -> Evaluation {
    let argument = argument
    let jet = jet
    return { p, a in
      let j = jet(p, a)(a.real(argument))
      return Evaluation(
        value: .scalar(j.value), gradient: [NamedTensor(argument, .scalar(j.d1))], secondDerivative: j.d2)
    }
  }

  /// The lines of this evaluator: `jet` along `argument`, none along other axes.
  public var lines: ViewLines {
    let argument = argument
    let jet = jet
    let centre = centre
    return ViewLines(
      jet: { p, a, axis in axis == ViewAxis(argument) ? jet(p, a) : nil },
      centre: { a, axis in axis == ViewAxis(argument) ? centre?(a) : nil })
  }
}

/// How a function is evaluated along one axis with its other arguments
/// fixed: the fast path of a view that the catalog does not list (`sweep
/// bce --arg y=0.7`, `--over var`, `--over 's[1]'`).
///
/// The jet is built once per view from the fixed arguments, as the
/// catalog's own views are, so a sweep over it does no dictionary look-up
/// and no argument validation per point.
public struct ViewLines: Sendable {
  /// f, f', f'' along `axis` with the other arguments at `arguments`
  /// (validated; the swept argument holds some value of its domain, to be
  /// replaced): nil for an axis the function has no jet for.
  public let jet: @Sendable (ParameterValues, ArgumentValues, ViewAxis) -> (@Sendable (Double) -> Jet)?
  /// Where the function's shape sits along `axis` for these other
  /// arguments (a residual loss's target y), so that a view's plot range
  /// moves with it; nil when it does not move.
  public let centre: @Sendable (ArgumentValues, ViewAxis) -> Double?

  public init(
    jet: @escaping @Sendable (ParameterValues, ArgumentValues, ViewAxis) -> (@Sendable (Double) -> Jet)?,
    centre: @escaping @Sendable (ArgumentValues, ViewAxis) -> Double? = { _, _ in nil }
  ) {
    self.jet = jet
    self.centre = centre
  }
}

extension ArgumentSpec {
  /// The input x of a scalar activation.
  public static let activationInput = ArgumentSpec(name: "x", summary: "the pre-activation input")
}
