/// An input the catalog cannot evaluate. The message names the input and what
/// is allowed, in one line, ready to print.
public struct CatalogError: Error, Sendable, Equatable, CustomStringConvertible {
  /// What went wrong, for callers that map errors to exit codes.
  public enum Kind: Sendable, Equatable {
    case unknownFunction
    case unknownArgument
    case missingArgument
    case badArgument
    case unknownParameter
    case badParameter
    /// The input is allowed but the function has no value there: a NaN
    /// answer (see `NaNAnswer`), not a mistake in what was typed.
    case noValue
  }

  public let kind: Kind
  public let message: String

  public init(_ kind: Kind, _ message: String) {
    self.kind = kind
    self.message = message
  }

  public var description: String { message }
}
