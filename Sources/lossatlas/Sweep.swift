import ArgumentParser
import LossAtlasAnalysis
import LossAtlasCore
import LossAtlasIO

extension LossAtlasCommand {
  /// `lossatlas sweep`: f, f', f'' over a grid, one block per parameter setting.
  struct Sweep: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Sweep a function over a grid: x, value, derivative and second derivative.",
      discussion: """
        lossatlas sweep huber --from -3 --to 3 --points 7 --param delta=0.5,1,2
        lossatlas sweep sigmoid --at -745.2,-37,0,36.7,37.5
        lossatlas sweep bce --arg y=0.7                 p swept with y = 0.7
        lossatlas sweep gaussian-nll --over var --arg yhat=2 --arg y=0
        lossatlas sweep cross-entropy --arg 's=[1,2,3]' --arg k=2 --over 's[0]'
        The default range is the view's plot range; --scale symlog spaces points \
        logarithmically away from 0. A view sweeps one argument with the others fixed: \
        by default the catalog's primary view (--view picks another; `lossatlas properties \
        ID` lists them). --arg NAME=V fixes an argument and --over NAME chooses the swept \
        one, any differentiated argument or an element of a vector argument, whose other \
        elements come from --arg (s=[1,2,3] with --over 's[0]' sweeps s = [x, 2, 3]); a \
        vector-valued function (softmax) gives output i along z_i.
        """)

    enum Scale: String, ExpressibleByArgument, CaseIterable { case linear, symlog }
    enum OutputFormat: String, ExpressibleByArgument, CaseIterable { case csv, json }

    @Argument(help: "A function id or alias (see `lossatlas list`).")
    var id: FunctionID

    @Option(parsing: .unconditional, help: "The first x (default: the view's plot range).")
    var from: Double?

    @Option(parsing: .unconditional, help: "The last x (default: the view's plot range).")
    var to: Double?

    // `.unconditional` for the numbers: `--points -5` and `--view -1` are
    // read as values and refused with the allowed range, not taken for
    // options ("Missing value").
    @Option(parsing: .unconditional, help: "Number of points, 1 to 50000000 (rows are written as they are computed).")
    var points: Int = 1001

    @Option(help: "Point spacing.")
    var scale: Scale = .linear

    @Option(parsing: .unconditional, help: ArgumentHelp("Explicit points instead of a grid, comma-separated.", valueName: "X1,X2,..."))
    var at: String?

    @Option(
      name: .customLong("param"),
      help: ArgumentHelp(
        "Parameter values, NAME=V1,V2,... (every combination is swept, at most 10000 settings).", valueName: "NAME=V,..."),
      completion: .custom(FunctionCompletion.parameters))
    var parameters: [String] = []

    @OptionGroup(title: "View")
    var selection: ViewOptions

    @Option(help: "Output format.")
    var format: OutputFormat = .csv

    @OptionGroup var functions: FunctionFileOptions

    func validate() throws {
      guard points >= 1 && points <= Self.maxRows else {
        throw ValidationError("--points must be between 1 and \(Self.maxRows), not \(points)")
      }
      if let from, !from.isFinite { throw ValidationError("--from must be a finite number") }
      if let to, !to.isFinite { throw ValidationError("--to must be a finite number") }
      if let from, let to, from >= to { throw ValidationError("--from (\(from)) must be below --to (\(to))") }
      if at != nil && (from != nil || to != nil) {
        throw ValidationError("--at gives the points itself: give no --from or --to with it")
      }
      if let at {
        for item in at.split(separator: ",", omittingEmptySubsequences: false) {
          guard let v = NumberSyntax.parse(item.trimmingCharacters(in: .whitespaces)), v.isFinite else {
            throw ValidationError("--at: '\(InputEcho.short(String(item)))' is not a finite number")
          }
        }
      }
    }

    /// The most rows one sweep writes (every parameter setting counted).
    static let maxRows = 50_000_000

    /// The most parameter settings (combinations of the --param lists) one
    /// sweep takes: a 100 x 100 grid. Each setting is planned, view and
    /// all, before the first row is written (about 1.5 KB each), so the
    /// rows cap alone would let `--points 2` plan 25 million of them.
    static let maxSettings = 10_000

    func run() throws {
      let spec = try functions.function(id).spec
      // Every combination of the lists is a block of rows: the rows are
      // counted before any is made.
      let rowsPerBlock = at.map { $0.split(separator: ",", omittingEmptySubsequences: false).count } ?? points
      let limit = min(Self.maxSettings, Self.maxRows / rowsPerBlock)
      let settings = try parameterSettings(
        spec, parameters, limit: limit,
        tooMany: "the --param lists make more than \(limit) settings, the most this sweep takes (at most "
          + "\(Self.maxSettings) settings and \(Self.maxRows) rows, here \(rowsPerBlock) a setting): sweep fewer values at a time")
      // Every block is planned (view, grid, domain) before the first row is
      // written, so a bad setting leaves no partial output.
      var plans: [SweepPlan] = []
      var argument = spec.predictionArgument
      for p in settings {
        let v = try selection.resolve(spec, p).view
        argument = v.argument
        let lo = from ?? v.plotRange.lowerBound
        let hi = to ?? v.plotRange.upperBound
        let explicit = at.map { $0.split(separator: ",").compactMap { NumberSyntax.parse($0.trimmingCharacters(in: .whitespaces)) } }
        for x in explicit ?? [lo, hi] where !v.domain.contains(x) {
          throw usageFailure("x = \(formatValue(x)) is outside the domain of \(spec.id) \(v.label): \(v.domain)")
        }
        if explicit == nil && points > 1 && !(lo < hi) {
          throw usageFailure(
            "the sweep must go from a lower to a higher x: --from \(formatValue(lo)) and --to \(formatValue(hi)) (the view's plot range is \(formatValue(v.plotRange.lowerBound)) to \(formatValue(v.plotRange.upperBound)))"
          )
        }
        let grid: Grid
        if let explicit {
          grid = .points(explicit)
        } else if scale == .linear {
          grid = .linear(from: lo, to: hi, count: points)
        } else {
          // (hi - lo) / 100, or hi / 100 - lo / 100 when hi - lo overflows.
          let width = (hi - lo).isFinite ? (hi - lo) / 100 : hi / 100 - lo / 100
          grid = .symmetricLog(from: lo, to: hi, count: points, scale: max(1e-300, width))
        }
        plans.append(SweepPlan(view: v, parameters: p, grid: grid))
      }
      let writer = SweepWriter(spec: spec, argument: argument, plans: plans)
      switch format {
      case .csv: try writer.csv()
      case .json: try writer.json()
      }
    }
  }
}
