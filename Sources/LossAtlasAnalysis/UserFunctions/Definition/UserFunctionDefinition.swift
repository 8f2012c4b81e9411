import LossAtlasCore

/// A function defined in a claim file's `functions:` section (issue 11):
/// everything LossAtlas needs to make it a catalog entry at run time.
///
/// ```yaml
/// functions:
///   - id: my-cauchy                 # must not clash with a catalog id or alias
///     name: "Cauchy loss"           # optional display name
///     family: regression-loss       # activation | regression-loss | margin-loss | probabilistic-loss | other (default)
///     arguments: [yhat, y]          # scalar arguments, in order
///     differentiate: [yhat]         # optional; default: the first argument
///     domain: {y: "(-inf, inf)"}    # optional intervals per argument; default all reals
///     parameters: {c: {default: 1, range: "(0, inf)"}}
///     value: "log(1 + ((yhat - y) / c)^2)"
///     view: {over: yhat, from: -5, to: 5, at: {y: 0}}   # optional
/// ```
public struct UserFunctionDefinition: Sendable {
  public let id: String
  public let name: String
  public let family: UserFunctionFamily
  public let arguments: [String]
  /// The differentiated arguments, in the order given (the first is the
  /// prediction argument: views, charts and claims use it by default).
  public let differentiate: [String]
  /// The domain of each argument (all reals when not given).
  public let domain: [String: RealInterval]
  public let parameters: [UserParameter]
  /// The formula, read and differentiated.
  public let value: UserExpression
  public let view: UserView
  /// Where the definition starts.
  public let file: String
  public let line: Int
  /// The definition problems the engine met in its views (shared by every
  /// copy of the definition: the entry's views record into it).
  public let metProblems = MetProblems()

  /// The domain of one argument.
  public func domain(of argument: String) -> RealInterval { domain[argument] ?? .realLine }

  /// The parameters' defaults, in order.
  public var defaultParameters: [Double] { parameters.map(\.defaultValue) }
}

/// The families of issue 11; each gives "zero at the correct prediction" its
/// meaning and the defaults of views, as for the catalog's.
public enum UserFunctionFamily: String, Sendable, CaseIterable {
  case activation
  case regressionLoss = "regression-loss"
  case marginLoss = "margin-loss"
  case probabilisticLoss = "probabilistic-loss"
  case other

  /// The catalog family it behaves as (nil for `other`).
  public var catalogFamily: Family? {
    switch self {
    case .activation: return .activation
    case .regressionLoss: return .regressionLoss
    case .marginLoss: return .marginLoss
    case .probabilisticLoss: return .probabilisticLoss
    case .other: return nil
    }
  }
}

/// A parameter of a user function: its default and allowed range.
public struct UserParameter: Sendable, Equatable {
  public let name: String
  public let defaultValue: Double
  public let range: RealInterval
}

/// The view a user function is shown and analysed in: one argument swept
/// over [from, to], the others held at `at`.
public struct UserView: Sendable, Equatable {
  public let over: String
  public let from: Double
  public let to: Double
  /// The value of every other argument.
  public let at: [String: Double]
}
