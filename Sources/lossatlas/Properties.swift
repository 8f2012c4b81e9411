import ArgumentParser
import LossAtlasAnalysis
import LossAtlasCore
import LossAtlasIO
import LossAtlasReport

extension LossAtlasCommand {
  /// `lossatlas properties`: everything the engine computes about one function.
  struct Properties: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Print every property the engine computes for a function, at each parameter setting of its grid.",
      discussion: """
        lossatlas properties huber                         every view at every setting of the grid
        lossatlas properties huber --param delta=0.3       every view at delta = 0.3
        lossatlas properties huber --param delta=0.3,2 --arg y=5
        lossatlas properties bce --arg y=0.7               p swept with y = 0.7
        lossatlas properties gaussian-nll --over var --arg yhat=2 --arg y=0
        With --param, --view, --arg or --over, the engine runs on the views chosen (see \
        `lossatlas sweep --help` for how a view is chosen), each at every combination of the \
        --param lists; a view the catalog does not list declares nothing, and its breakpoints \
        are found where the documented formula changes piece (exact to one ulp).
        """)

    @Argument(help: "A function id or alias (see `lossatlas list`).")
    var id: FunctionID

    @Option(
      name: .customLong("param"),
      help: ArgumentHelp("Parameter values, NAME=V1,V2,... (every combination is analysed).", valueName: "NAME=V,..."),
      completion: .custom(FunctionCompletion.parameters))
    var parameters: [String] = []

    @OptionGroup(title: "View")
    var selection: ViewOptions

    /// At most this many parameter settings from --param lists.
    static let maxSettings = 64

    @Option(parsing: .unconditional, help: "Saturation threshold tau, in (0, 1): |f'| < tau * max |f'|.")
    var tau: Double = 1e-2

    @Flag(help: "Print JSON.")
    var json = false

    @OptionGroup var functions: FunctionFileOptions

    @OptionGroup var language: LanguageOption

    func validate() throws {
      guard tau > 0 && tau < 1 else { throw ValidationError("--tau must be in (0, 1), not \(tau)") }
    }

    func run() throws {
      let (spec, registry) = try functions.function(id)
      let user = registry.definition(spec.id).map { [$0] } ?? []
      try refuseUndefined(user, before: true, status: ExitStatus.usage)
      if !parameters.isEmpty || !selection.isDefault {
        try runChosen(spec, user)
        return
      }
      let analysis = CatalogAnalysis.run(ids: [spec.id], options: AnalysisOptions(saturationTau: tau), catalog: registry.all)[0]
      try refuseUndefined(user, before: false, status: ExitStatus.usage)
      let safety = registry.definition(spec.id).map { $0.safetyReport() }
      if json {
        var answer = analysis.json
        if let safety, case .object(var members) = answer {
          members.append(("evaluationStable", .bool(safety.stable)))
          members.append(("numericalSafety", safety.json))
          answer = .object(members)
        }
        writeOut(answer.prettyText)
        return
      }
      let text = PropertiesText(try language.strings())
      writeOut(text.report(spec, analysis, definition: registry.definition(spec.id), safety: safety))
    }

    /// `properties` with --param or a chosen view: the engine on the chosen
    /// view (or every catalog view) at each combination of the --param lists.
    private func runChosen(_ spec: FunctionSpec, _ user: [UserFunctionDefinition]) throws {
      let settings = try parameterSettings(
        spec, parameters, limit: Self.maxSettings,
        tooMany: "the --param lists make more than \(Self.maxSettings) parameter settings; analyse fewer at a time")
      // Every view is resolved before any is analysed: a bad choice prints
      // one error and nothing else.
      var chosen: [(parameters: ParameterValues, view: ResolvedView)] = []
      for p in settings {
        if selection.isDefault {
          for (i, v) in spec.views(p).enumerated() {
            chosen.append((p, ResolvedView.catalog(v, index: i)))
          }
        } else {
          chosen.append((p, try selection.resolve(spec, p)))
        }
      }
      let results = CatalogAnalysis.run(spec, chosen: chosen, options: AnalysisOptions(saturationTau: tau))
      try refuseUndefined(user, before: false, status: ExitStatus.usage)
      if json {
        let doc = JSONValue.object([
          ("id", .string(spec.id)), ("tau", .double(tau)), ("views", .array(results.map(\.json))),
        ])
        writeOut(doc.prettyText)
        return
      }
      writeOut(PropertiesText(try language.strings()).report(spec, chosen: results))
    }
  }
}
