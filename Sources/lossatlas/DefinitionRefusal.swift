import ArgumentParser
import LossAtlasAnalysis

/// Refuses user functions that are not defined somewhere inside their
/// declared domain (``DefinitionProblem``): `properties`, `check`, `chart`
/// and `generate` analyse or draw a function, and facts computed from NaN
/// or ±inf values would be false. `eval` and `sweep` answer per point and
/// keep answering (NaN with its reason).
///
/// `before: true` probes each definition (``UserFunctionDefinition/definitionProblem(parameters:)``);
/// `before: false`, after the analysis, reads the problems the engine met in
/// the views (``MetProblems``). A problem ends the run with `error:
/// FILE:LINE: ID: ...` on stderr, one line, and `status` (the status of any
/// other functions-file error of the command: 64, `check` 2); nothing is
/// written to stdout.
func refuseUndefined(_ definitions: [UserFunctionDefinition], before: Bool, status: Int32) throws {
  for d in definitions {
    guard let p = before ? d.definitionProblem() : d.metProblems.first else { continue }
    printError("error: \(p.message)")
    throw ExitCode(status)
  }
}
