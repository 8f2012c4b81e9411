import ArgumentParser
import LossAtlasAnalysis
import LossAtlasCore
import LossAtlasIO

/// `--view`, `--arg` and `--over`: which scalar view of a function
/// `sweep`, `chart` and `properties` work on.
///
/// With none of them, the catalog's primary view. `--view` picks another
/// catalog view; `--arg NAME=V` fixes an argument and `--over NAME` names
/// the swept one, starting from the chosen catalog view's. A choice that is
/// a catalog view (bce with `--arg y=0`) is that view, declared
/// properties and all; any other is built on request (see
/// `FunctionSpec.view(_:base:fixing:along:)`).
struct ViewOptions: ParsableArguments {
  // `.unconditional`: `--view -1` is read as a value and refused with the
  // views there are.
  @Option(
    parsing: .unconditional,
    help: ArgumentHelp(
      "A catalog view: its index (0 is the primary view) or its label (see `lossatlas properties ID`).",
      valueName: "INDEX|LABEL"),
    completion: .custom(FunctionCompletion.views))
  var view: String?

  @Option(
    name: .customLong("arg"),
    help: ArgumentHelp(
      "Fix an argument, NAME=V: a number, or a list for a vector argument ('s=[1,2,3]'); the others keep the view's values.",
      valueName: "NAME=V"),
    completion: .custom(FunctionCompletion.arguments))
  var arguments: [String] = []

  @Option(
    help: ArgumentHelp(
      "The argument to sweep: a differentiated argument (p, var) or an element of a vector argument ('s[0]', whose other elements come from --arg s=[...]).",
      valueName: "NAME"),
    completion: .custom(FunctionCompletion.axes))
  var over: String?

  /// Whether the catalog's views are used as they are.
  var isDefault: Bool { view == nil && arguments.isEmpty && over == nil }

  func validate() throws {
    if let over, ViewAxis(parsing: over) == nil {
      throw ValidationError(
        "--over '\(InputEcho.short(over))' is not an argument: write its name (x, p, var) or a vector element (s[0])")
    }
  }

  /// The `--arg` items of `spec`, each read once: name, the text as given,
  /// and its value.
  func fixedArguments(_ spec: FunctionSpec) throws -> [(name: String, item: String, value: ArgumentValue)] {
    var out: [(name: String, item: String, value: ArgumentValue)] = []
    for item in arguments {
      guard let eq = item.firstIndex(of: "="), eq != item.startIndex else {
        throw usageFailure(
          "--arg '\(InputEcho.short(item))' must be NAME=V; \(spec.id) takes \(spec.arguments.map(\.name).joined(separator: ", "))")
      }
      let name = String(item[..<eq])
      guard !out.contains(where: { $0.name == name }) else {
        throw usageFailure("--arg \(InputEcho.short(name)) is given twice")
      }
      guard spec.arguments.contains(where: { $0.name == name }) else {
        throw usageFailure(
          "--arg \(InputEcho.short(item)): \(spec.id) takes \(spec.arguments.map(\.name).joined(separator: ", "))")
      }
      do {
        out.append((name, item, try EvalRequest.commandLineValue(String(item[item.index(after: eq)...]), name: name, spec: spec)))
      } catch {
        throw fail(error)
      }
    }
    return out
  }

  /// The chosen view of `spec` at parameters `p`. Prints the error and
  /// throws the exit code when the choice is not allowed: the message
  /// names the flag and what is allowed (`--over z: sigmoid takes x; ...`).
  func resolve(_ spec: FunctionSpec, _ p: ParameterValues) throws -> ResolvedView {
    let views = spec.views(p)
    var base = 0
    if let view {
      guard let i = Int(view).flatMap({ views.indices.contains($0) ? $0 : nil }) ?? views.firstIndex(where: { $0.label == view })
      else {
        throw usageFailure(
          "--view '\(InputEcho.short(view))': \(spec.id)'s views are "
            + views.enumerated().map { "\($0) (\($1.label))" }.joined(separator: ", "))
      }
      base = i
    }
    let fixed = try fixedArguments(spec)
    do throws(ViewError) {
      return try spec.view(
        p, base: base, fixing: Dictionary(uniqueKeysWithValues: fixed.map { ($0.name, $0.value) }),
        along: over.flatMap(ViewAxis.init(parsing:)))
    } catch {
      let flag: String
      switch error.input {
      case .axis: flag = over.map { "--over \($0)" } ?? "--view \(base)"
      case .argument(let name): flag = "--arg " + (fixed.first { $0.name == name }?.item ?? name)
      case .missing(let name): flag = "missing --arg \(name)=..."
      case .arguments: flag = "--arg"
      }
      printError("error: \(flag): \(error.message)")
      // Every view that cannot be built is refused input (--arg, --over,
      // --view): bad usage, whatever `isUsage` says of its cause.
      throw ExitCode(ExitStatus.usage)
    }
  }
}

/// `--param NAME=V1,V2,...` items: every combination of the lists, the
/// other parameters at their defaults, each validated. `limit` bounds the
/// number of combinations (counted before they are made); beyond it the
/// command fails with `tooMany`.
func parameterSettings(_ spec: FunctionSpec, _ items: [String], limit: Int, tooMany: String) throws -> [ParameterValues] {
  var overrides: [String: [Double]] = [:]
  do throws(CatalogError) {
    for item in items {
      guard let eq = item.firstIndex(of: "="), eq != item.startIndex else {
        let names = spec.parameters.map(\.name)
        throw CatalogError(
          .unknownParameter,
          "--param '\(InputEcho.short(item))' must be NAME=V1,V2,...; \(spec.id) takes \(names.isEmpty ? "none" : names.joined(separator: ", "))")
      }
      let name = String(item[..<eq])
      guard overrides[name] == nil else {
        throw CatalogError(.unknownParameter, "parameter \(InputEcho.short(name)) is given twice (give one list: \(name)=V1,V2)")
      }
      var values: [Double] = []
      for text in item[item.index(after: eq)...].split(separator: ",", omittingEmptySubsequences: false) {
        guard case .real(let v) = try EvalRequest.commandLineValue(String(text), name: name, spec: spec) else {
          throw CatalogError(.badParameter, "parameter \(name) of \(spec.id) must be numbers, not '\(InputEcho.short(String(text)))'")
        }
        values.append(v)
      }
      overrides[name] = values
      // Count the combinations before making them (two lists of 100,000
      // values would be 10^10).
      var count = 1
      for list in overrides.values {
        let (product, overflow) = count.multipliedReportingOverflow(by: list.count)
        guard !overflow && product <= limit else {
          throw CatalogError(.badParameter, tooMany)
        }
        count = product
      }
    }
    return try ParameterGrid.settings(spec, overrides: overrides)
  } catch {
    throw fail(error)
  }
}
