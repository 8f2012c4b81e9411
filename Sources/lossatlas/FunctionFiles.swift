import ArgumentParser
import LossAtlasAnalysis
import LossAtlasCore

/// `--functions FILE` (repeatable): user functions defined in YAML files
/// (the `functions:` section of the claim-file format, issue 11), added to
/// the catalog for this run.
struct FunctionFileOptions: ParsableArguments {
  @Option(
    name: .customLong("functions"),
    help: ArgumentHelp(
      "A YAML file whose 'functions:' section defines functions by formula (repeatable; see README, 'Your own functions').",
      valueName: "FILE"))
  var files: [String] = []

  /// The catalog with the functions of every `--functions` file, and of
  /// `more` files (check's claim files) after them.
  ///
  /// A file that cannot be read or understood ends the run: `error:
  /// FILE:LINE:COLUMN: message`, the source line and a caret on stderr, and
  /// exit status `status` (64, bad usage, by default; `check` uses 2, its
  /// status for a file it cannot understand). A folder is bad usage (64)
  /// for every command: the message says --functions takes a YAML file.
  /// Nothing is written to stdout.
  func registry(more: [(name: String, text: String)] = [], status: Int32 = ExitStatus.usage) throws -> FunctionRegistry {
    var sources: [(name: String, text: String)] = []
    for path in files {
      switch ClaimFileReader.load(path) {
      case .success(let text): sources.append((path, text))
      case .failure(let reason) where reason.isFolder:
        printError(
          "error: --functions \(path) is a folder, which --functions does not take: give a YAML file (.yaml) whose 'functions:' section defines functions (see README, 'Your own functions')"
        )
        throw ExitCode(ExitStatus.usage)
      case .failure(let reason):
        printError("error: \(path):1: \(reason.text)")
        throw ExitCode(status)
      }
    }
    do {
      return try FunctionRegistry.catalog.adding(files: sources).adding(files: more, claimFiles: true)
    } catch {
      // The headline, the source line and the caret, each printed as a line.
      for line in error.description.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
        printError(line.offset == 0 ? "error: \(line.element)" : String(line.element))
      }
      throw ExitCode(status)
    }
  }

  /// The function `id` names, looked up in ``registry(more:status:)``
  /// (the catalog and the `--functions` files), with that registry. An
  /// unknown name ends the run with the catalog's message ("unknown
  /// function 'sigmoud': did you mean sigmoid?") and exit status 64.
  func function(_ id: FunctionID) throws -> (spec: FunctionSpec, registry: FunctionRegistry) {
    let registry = try registry()
    do {
      return (try registry.function(named: id.name), registry)
    } catch {
      throw fail(error)
    }
  }
}
