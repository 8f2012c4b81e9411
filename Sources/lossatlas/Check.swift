import ArgumentParser
import Foundation
import LossAtlasAnalysis
import LossAtlasCore
import LossAtlasReport

extension LossAtlasCommand {
  /// `lossatlas check`: decide claim files and the catalog's declared properties.
  struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Decide claims about functions with the property engine (for code review and CI).",
      discussion: """
        With files: decides every claim in them. With none: checks every property the \
        catalog declares, at every parameter setting, and the project's claims/*.yaml.
        Exit status: 0 when every statement gets its expected verdict, 1 when any does not, \
        2 when a file cannot be understood (reported as FILE:LINE: reason).
        The claim-file format (every key, property, expectation form and identity): \
        `lossatlas help claims`, the manual's methods page, and the README.
        --format json gives each claim's computed values as data ("values": numbers, \
        intervals, words per parameter setting) beside the prose ("computed").
        --lang zh words the table (the default format) in Chinese: verdicts, expected and \
        computed values, the summary. JSON, JUnit and GitHub annotations stay English whatever \
        --lang says: they are read by programs and CI logs, and an annotation's text is the \
        same for every reviewer of a pull request.
        """)

    @Argument(help: "Claim files (YAML), or folders of them (their *.yaml and *.yml). None: the catalog's declared properties and claims/*.yaml.")
    var files: [String] = []

    @Option(help: "Output format: table, json, junit (CI test reports) or github (workflow annotations).")
    var format: CheckFormat = .table

    // `.unconditional`: a negative value (`--jobs -1`) is read as the
    // option's value and refused by `validate` with the allowed range,
    // instead of being taken for an option ("Missing value").
    @Option(parsing: .unconditional, help: "Saturation threshold tau, in (0, 1): |f'| < tau * max |f'|.")
    var tau: Double = 1e-2

    @Option(parsing: .unconditional, help: "Threads, 1 to 64.")
    var jobs: Int = 2

    @OptionGroup var functions: FunctionFileOptions

    @OptionGroup var language: LanguageOption

    func validate() throws {
      guard tau > 0 && tau < 1 else { throw ValidationError("--tau must be in (0, 1), not \(tau)") }
      guard (1...64).contains(jobs) else { throw ValidationError("--jobs must be between 1 and 64, not \(jobs)") }
    }

    func run() throws {
      let options = AnalysisOptions(saturationTau: tau)
      var rows: [CheckRow] = []
      var sources: [(name: String, text: String)] = []
      if files.isEmpty {
        rows += CheckRow.declared(CatalogAnalysis.run(options: options, threads: jobs, facts: false))
        sources = ProjectResources.claimFiles()
      } else {
        let paths: [String]
        switch ClaimPaths.expand(files) {
        case .success(let expanded): paths = expanded
        case .failure(let error):
          printError("error: \(error.message)")
          throw ExitCode(2)
        }
        for path in paths {
          switch ClaimFileReader.load(path) {
          case .success(let text): sources.append((path, text))
          case .failure(let reason):
            printError("error: \(path):1: \(reason.text)")
            throw ExitCode(2)
          }
        }
      }
      // The functions of --functions files, then those the claim files
      // define (the project's claims/ too: claims/examples/ defines some).
      let registry = try functions.registry(more: sources, status: 2)
      do {
        var claims: [Claim] = []
        for s in sources { claims += try ClaimFile.parse(s.text, file: s.name, registry: registry) }
        // The user functions the claims are about, each once, in order.
        var seen = Set<String>()
        let user = claims.compactMap(\.userFunction).filter { seen.insert($0.id).inserted }
        try refuseUndefined(user, before: true, status: 2)
        let results = try ClaimEvaluator(options: options).evaluate(claims, threads: jobs)
        try refuseUndefined(user, before: false, status: 2)
        rows += results.map(CheckRow.init)
      } catch let exit as ExitCode {
        throw exit
      } catch {
        // A ClaimFileError: its description is FILE:LINE: reason.
        printError("error: \(error)")
        throw ExitCode(2)
      }
      writeOut(CheckReport.render(rows, format: format, strings: try language.strings()))
      if rows.contains(where: { !$0.passes }) { throw ExitCode(1) }
    }
  }
}

extension CheckFormat: ExpressibleByArgument {}
