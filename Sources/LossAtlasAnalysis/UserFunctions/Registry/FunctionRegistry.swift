import LossAtlasCore
import Yams

/// The functions a run knows: the catalog, then the user functions loaded
/// from `--functions FILE` and from the claim files given to `check`
/// (issue 11). Every command looks functions up here, so a user function is
/// found, listed, evaluated, swept, charted, analysed and paged through the
/// same code paths as a catalog one.
public struct FunctionRegistry: Sendable {
  /// The user functions, in the order their files and definitions were read.
  public let userFunctions: [UserFunctionDefinition]
  /// Their catalog entries, in the same order.
  public let userSpecs: [FunctionSpec]

  /// The catalog alone.
  public static let catalog = FunctionRegistry(userFunctions: [])

  public init(userFunctions: [UserFunctionDefinition]) {
    self.userFunctions = userFunctions
    self.userSpecs = userFunctions.map(\.spec)
  }

  /// Every function: the catalog's, then the user's.
  public var all: [FunctionSpec] { Catalog.all + userSpecs }

  /// Whether `id` names a user function.
  public func isUserDefined(_ id: String) -> Bool { userFunctions.contains { $0.id == id } }

  /// The definition of the user function `id`, if it is one.
  public func definition(_ id: String) -> UserFunctionDefinition? { userFunctions.first { $0.id == id } }

  /// The function whose id or alias is `name`: a catalog function (as
  /// ``Catalog/function(named:)``), or a user function by its exact id.
  ///
  /// - Throws: ``CatalogError`` listing the closest ids when nothing matches.
  public func function(named name: String) throws(CatalogError) -> FunctionSpec {
    if let i = userFunctions.firstIndex(where: { $0.id == name }) { return userSpecs[i] }
    do {
      return try Catalog.function(named: name)
    } catch {
      guard !userFunctions.isEmpty else { throw error }
      let ids = userFunctions.map { "'\($0.id)'" }.joined(separator: ", ")
      throw CatalogError(error.kind, "\(error.message) (user functions: \(ids))")
    }
  }

  /// The registry with the functions of more files added, each file's
  /// `functions:` section read by ``UserFunctionFile``; ids must be unique
  /// across the catalog and every file.
  ///
  /// - Throws: ``ExpressionError`` at FILE:LINE:COLUMN of the first problem.
  /// `claimFiles: true` leaves a file that is not valid YAML (or that the
  /// prescan refuses) to the claim-file parser, which reports it as
  /// FILE:LINE: reason, as `check` always has.
  public func adding(files: [(name: String, text: String)], claimFiles: Bool = false) throws(ExpressionError) -> FunctionRegistry {
    var definitions = userFunctions
    for file in files {
      if claimFiles {
        guard file.text.utf8.count <= ClaimFile.maxBytes, (try? YAMLPrescan.check(file.text)) != nil,
          (try? Yams.compose(yaml: file.text)) != nil
        else { continue }
      }
      guard file.text.utf8.count <= ClaimFile.maxBytes else {
        throw ExpressionError(
          file: file.name, line: 1, column: 1,
          message: "the file is \(file.text.utf8.count) bytes; a function file may have at most \(ClaimFile.maxBytes) (4 MiB)",
          sourceLine: "", caretWidth: 1)
      }
      do {
        try YAMLPrescan.check(file.text)
      } catch {
        let lines = file.text.split(separator: "\n", omittingEmptySubsequences: false)
        throw ExpressionError(
          file: file.name, line: error.line, column: 1, message: error.reason,
          sourceLine: error.line >= 1 && error.line <= lines.count ? String(lines[error.line - 1]) : "", caretWidth: 1)
      }
      definitions += try UserFunctionFile.parse(file.text, file: file.name, reserved: Set(definitions.map(\.id)))
    }
    return FunctionRegistry(userFunctions: definitions)
  }
}
