import LossAtlasCore

/// A scalar catalog function called from a user expression: `gelu_tanh(x)`,
/// `leaky_relu(x, slope=0.2)`, `hinge(s, y)`.
///
/// A catalog function is callable when every argument is a real number (the
/// activations, the margin, probabilistic and regression losses); vector
/// functions (softmax, cross-entropy) are not. The call is evaluated with the
/// catalog's own stable implementation and its exact derivatives: the
/// derivative in each differentiable argument, and the second derivative in
/// the prediction argument (the catalog's `Jet.d2`).
public struct CatalogCallee: Sendable {
  public let spec: FunctionSpec
  /// The name the grammar uses: the id with `-` written `_`.
  public let callName: String
  public var argumentNames: [String] { spec.arguments.map(\.name) }
  public var parameterNames: [String] { spec.parameters.map(\.name) }
  /// Positions (in `argumentNames`) of the arguments the catalog differentiates in.
  public let differentiablePositions: [Int]
  /// The position of the prediction argument (the one `d2` is taken in).
  public let predictionPosition: Int

  public init?(_ spec: FunctionSpec) {
    guard spec.arguments.allSatisfy({ $0.kind == .real }) else { return nil }
    self.spec = spec
    self.callName = CatalogCallee.callName(spec.id)
    let names = spec.arguments.map(\.name)
    self.differentiablePositions = spec.differentiable.compactMap { names.firstIndex(of: $0) }
    guard let p = names.firstIndex(of: spec.predictionArgument) else { return nil }
    self.predictionPosition = p
  }

  /// Whether the catalog gives the second derivative in arguments i and j:
  /// it gives f'' in the prediction argument only.
  public func hasSecondDerivative(_ i: Int, _ j: Int) -> Bool {
    i == predictionPosition && j == predictionPosition
  }

  /// `gelu-tanh` -> `gelu_tanh`.
  public static func callName(_ id: String) -> String {
    String(id.map { $0 == "-" ? "_" : $0 })
  }

  /// Every callable catalog function by the names a user may write (ids and
  /// aliases, `-` written `_`).
  public static let byName: [String: FunctionSpec] = {
    var table: [String: FunctionSpec] = [:]
    for spec in Catalog.all where CatalogCallee(spec) != nil {
      for name in [spec.id] + spec.aliases {
        table[callName(name)] = table[callName(name)] ?? spec
      }
    }
    return table
  }()
}
