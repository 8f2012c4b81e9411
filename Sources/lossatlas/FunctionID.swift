import ArgumentParser
import LossAtlasAnalysis
import LossAtlasCore

/// A function id or alias as typed on the command line.
///
/// Any text is accepted while parsing, so that an unknown name is refused
/// by the catalog's own message ("unknown function 'sigmoud': did you mean
/// sigmoid?", exit 64) rather than a generic one; shell completion offers
/// every id and alias.
struct FunctionID: ExpressibleByArgument {
  let name: String

  init?(argument: String) { name = argument }

  /// Every id and alias, in catalog order (for completion).
  static let allNames: [String] = Catalog.all.flatMap { [$0.id] + $0.aliases }

  static var defaultCompletionKind: CompletionKind { .list(allNames) }

  /// The catalog entry the name stands for.
  func spec() throws(CatalogError) -> FunctionSpec {
    try Catalog.function(named: name)
  }
}

/// Shell completion that reads the function already typed on the command
/// line: the words after the subcommand, the first that is not an option
/// or an option's value.
enum FunctionCompletion {
  /// The options whose value is a separate word (for skipping it).
  static let optionsWithValues: Set<String> = [
    "--arg", "--param", "--over", "--view", "--from", "--to", "--points", "--scale", "--at", "--format", "--out",
    "--tau", "--jobs", "--property", "--templates", "--only",
  ]

  static func spec(in words: [String]) -> FunctionSpec? {
    var i = 2
    while i < words.count {
      let w = words[i]
      if optionsWithValues.contains(w) {
        i += 2
        continue
      }
      if !w.hasPrefix("-"), let spec = try? Catalog.function(named: w) { return spec }
      i += 1
    }
    return nil
  }

  /// `--over`: the axes of the function typed, elements of vectors as
  /// `s[0]`, `s[1]`, `s[2]`.
  @Sendable static func axes(_ words: [String], _ index: Int, _ prefix: String) -> [String] {
    guard let spec = spec(in: words) else { return [] }
    return spec.differentiable.flatMap { name -> [String] in
      spec.arguments.first { $0.name == name }?.kind == .vector ? (0..<3).map { "\(name)[\($0)]" } : [name]
    }
  }

  /// `--arg`: `NAME=` for each argument of the function typed.
  @Sendable static func arguments(_ words: [String], _ index: Int, _ prefix: String) -> [String] {
    spec(in: words)?.arguments.map { "\($0.name)=" } ?? []
  }

  /// `--param`: `NAME=` for each parameter of the function typed.
  @Sendable static func parameters(_ words: [String], _ index: Int, _ prefix: String) -> [String] {
    spec(in: words)?.parameters.map { "\($0.name)=" } ?? []
  }

  /// `--view`: the catalog views' indices of the function typed.
  @Sendable static func views(_ words: [String], _ index: Int, _ prefix: String) -> [String] {
    guard let spec = spec(in: words) else { return [] }
    return spec.views(spec.defaultParameters).indices.map(String.init)
  }
}
