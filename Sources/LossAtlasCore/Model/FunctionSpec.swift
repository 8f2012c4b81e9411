/// One function of the catalog: its mathematics, its stable implementation,
/// and what the manual says about it.
public struct FunctionSpec: Sendable {
  // MARK: - Identity

  /// The catalog id, e.g. `leaky-relu`.
  public let id: String
  /// The display name, e.g. "Leaky ReLU".
  public let name: String
  public let family: Family
  /// Other names users type (`swish` for silu, `l2` for mse).
  public let aliases: [String]
  /// One or two sentences: what it is and where it is used.
  public let summary: String

  // MARK: - Signature

  public let parameters: [ParameterSpec]
  /// The arguments in the catalog's order (the prediction argument first).
  public let arguments: [ArgumentSpec]
  /// The names of the arguments the gradient is taken in (`x`; `yhat` and `var`).
  public let differentiable: [String]

  // MARK: - Implementation

  /// Evaluates at validated parameters and arguments. Throws for conditions
  /// that involve several arguments (k out of range for s, q not summing to 1).
  let evaluator: @Sendable (ParameterValues, ArgumentValues) throws(CatalogError) -> Evaluation
  /// The scalar views of the function at the given (validated) parameters;
  /// the first is the primary one (charts, the manual's tables).
  public let views: @Sendable (ParameterValues) -> [ScalarView]
  /// The two-argument plot boxes of the function at the given parameters
  /// (a gated unit's f(a, b) for a heat map or contour); empty for most.
  public let surfaces: @Sendable (ParameterValues) -> [SurfaceView]
  /// What the catalog states about the function over its whole domain
  /// (every argument free) at the given parameters, checked by the
  /// property engine's search; empty unless a function declares it.
  public let domainDeclared: @Sendable (ParameterValues) -> DeclaredDomainProperties
  /// The documented mathematics: value, derivatives and second derivative
  /// as expression trees, the single source the manual prints and the
  /// tests evaluate against the implementation.
  public let formula: FunctionFormula
  /// The textbook formula the implementation replaces, if it has a failure mode.
  public let naive: NaiveForm?
  /// The identity the stable implementation uses, in one or two lines.
  public let implementationNote: String
  /// How views the catalog does not list are evaluated (any fixed
  /// arguments, another swept argument or vector element); nil when only
  /// the evaluator can tell (see ``view(_:base:fixing:along:)``).
  public internal(set) var lines: ViewLines? = nil
  /// The value alone at validated parameters and arguments, computed by
  /// the same code as ``evaluator`` up to the value and stopping there (no
  /// gradient): the same bits as `evaluator(p, a).value`. Set for the
  /// vector losses whose gradient costs most of an evaluation (the
  /// whole-domain search reads only their value); nil elsewhere (see
  /// ``value(_:_:)``).
  public internal(set) var valueEvaluator: (@Sendable (ParameterValues, ArgumentValues) throws(CatalogError) -> Double?)? = nil
  /// The value along a vector prediction with the other arguments fixed,
  /// read once per setting (see ``withValueLine(_:)``): the whole-domain
  /// search's path for the vector losses it evaluates most; nil elsewhere.
  public internal(set) var valueLine: (@Sendable (ParameterValues, ArgumentValues) -> ValueLine)? = nil
  /// The values along a vector prediction at several parameter settings
  /// at once, what does not depend on the parameters formed once per point
  /// (see ``withSettingsLine(_:)``): the whole-domain search's path for the
  /// vector losses whose settings share most of an evaluation; nil elsewhere.
  public internal(set) var settingsLine: (@Sendable ([ParameterValues], ArgumentValues) -> SettingsLine)? = nil

  // MARK: - Documentation

  public let conventions: [FrameworkConvention]
  public let references: [Reference]
  /// What the manual draws for it beyond its own figure (a parameter
  /// family, a limit drawn beside it).
  public let figures: FigureHints

  public init(
    id: String, name: String, family: Family, aliases: [String] = [], summary: String,
    parameters: [ParameterSpec] = [], arguments: [ArgumentSpec], differentiable: [String],
    evaluate: @escaping @Sendable (ParameterValues, ArgumentValues) throws(CatalogError) -> Evaluation,
    views: @escaping @Sendable (ParameterValues) -> [ScalarView],
    surfaces: @escaping @Sendable (ParameterValues) -> [SurfaceView] = { _ in [] },
    domain: @escaping @Sendable (ParameterValues) -> DeclaredDomainProperties = { _ in DeclaredDomainProperties() },
    formula: FunctionFormula,
    naive: NaiveForm? = nil, implementationNote: String,
    conventions: [FrameworkConvention], references: [Reference], figures: FigureHints = FigureHints()
  ) {
    self.id = id
    self.name = name
    self.family = family
    self.aliases = aliases
    self.summary = summary
    self.parameters = parameters
    self.arguments = arguments
    self.differentiable = differentiable
    self.evaluator = evaluate
    self.views = views
    self.surfaces = surfaces
    self.domainDeclared = domain
    self.formula = formula
    self.naive = naive
    self.implementationNote = implementationNote
    self.conventions = conventions
    self.references = references
    self.figures = figures
  }

  /// The parameter values used when a caller gives none.
  public var defaultParameters: ParameterValues {
    ParameterValues(Dictionary(uniqueKeysWithValues: parameters.map { ($0.name, $0.defaultValue) }))
  }

  /// The prediction argument (the one derivatives and views are taken in).
  public var predictionArgument: String { differentiable[0] }

  /// The declared whole-domain properties at `parameters`.
  public func declaredDomain(_ parameters: ParameterValues) -> DeclaredDomainProperties { domainDeclared(parameters) }

  /// The primary scalar view at the default parameters.
  public var primaryView: ScalarView { views(defaultParameters)[0] }
}
