import ArgumentParser
import LossAtlasAnalysis
import LossAtlasCharts
import LossAtlasCore
import LossAtlasReport

extension LossAtlasCommand {
  /// `lossatlas chart`: one function's figure of the manual as a PNG.
  struct Chart: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Draw one function's figure (value and derivative, as in the manual) as an 800x500 PNG or SVG.",
      discussion: """
        lossatlas chart sigmoid                      writes sigmoid.png
        lossatlas chart huber --param delta=2 --out huber-2.png --scale 2
        lossatlas chart huber --out huber.svg        SVG: vector, follows the reader's light/dark scheme
        lossatlas chart huber --theme dark           a PNG for dark pages
        The format follows the extension of --out: .png or .svg (any other is refused). The property engine runs for this function at the given parameters only; saturation \
        intervals, dead regions, kinks and extrema are marked as it finds them. The same input \
        gives the same bytes on every run. The file is written to a new temporary file in the same \
        folder and renamed into place, so a failed run leaves no partial file. --out must be a new \
        path or a writable regular file: a symbolic link, folder, FIFO, device or read-only file is \
        refused.
        lossatlas chart huber --param delta=0.5,1,2        a family: one curve per delta
        lossatlas chart bce --arg y=0.7 --from 0.05 --to 0.95
        lossatlas chart gaussian-nll --over var --arg yhat=2 --arg y=0
        lossatlas chart softmax --view 0 --from -10 --to 10
        With --view, --arg, --over, --from/--to or a --param list, the figure shows the chosen \
        view (see `lossatlas sweep --help`), value and derivative, one curve per combination of \
        the --param lists (at most 8), each marked from its own analysis.
        """)

    @Argument(help: "A function id or alias (see `lossatlas list`).")
    var id: FunctionID

    @Option(
      name: .customLong("param"),
      help: ArgumentHelp(
        "A parameter, NAME=V (default: the catalog's), or a list NAME=V1,V2,... to overlay a family.",
        valueName: "NAME=V,..."),
      completion: .custom(FunctionCompletion.parameters))
    var parameters: [String] = []

    @OptionGroup(title: "View")
    var selection: ViewOptions

    @Option(parsing: .unconditional, help: "The left end of the x axis (default: the views' plot range).")
    var from: Double?

    @Option(parsing: .unconditional, help: "The right end of the x axis (default: the views' plot range).")
    var to: Double?

    /// At most this many curves in one figure (the series palette's colours
    /// stay distinct).
    static let maxCurves = 8

    @Option(
      help: ArgumentHelp(
        "The file to write, ending in .png or .svg (default: ID.png in the current directory).", valueName: "FILE"))
    var out: String?

    @Option(parsing: .unconditional, help: "1 for 800x500 pixels, 2 for 1600x1000 (high-DPI); an SVG keeps 800x500 points.")
    var scale: Int = 1

    @Option(help: ArgumentHelp("light, or dark for a PNG on a dark page (an SVG follows the reader's scheme).", valueName: "THEME"))
    var theme: String = "light"

    @OptionGroup var functions: FunctionFileOptions

    func validate() throws {
      guard scale == 1 || scale == 2 else { throw ValidationError("--scale must be 1 or 2, not \(scale)") }
      if let out, out.isEmpty { throw ValidationError("--out must name a file") }
      // The axis measures to - from (and a margin around it): beyond 1e300
      // a span overflows to infinity and no tick step exists. One check
      // refuses that, ±inf and NaN (which fails every comparison).
      for (name, v) in [("--from", from), ("--to", to)] {
        if let v, !(abs(v) <= 1e300) { throw ValidationError("\(name) must lie between -1e300 and 1e300, not \(v)") }
      }
      if let from, let to, !(from < to) {
        throw ValidationError("--from (\(from)) must be less than --to (\(to))")
      }
      guard theme == "light" || theme == "dark" else {
        throw ValidationError("--theme must be light or dark, not '\(InputEcho.short(theme))'")
      }
    }

    /// The format an --out path asks for, by its extension (any case).
    enum OutputFormat { case png, svg }

    static func format(of path: String) -> OutputFormat? {
      let name = path.split(separator: "/", omittingEmptySubsequences: false).last.map { $0.lowercased() } ?? ""
      if name.hasSuffix(".png") && name.count > 4 { return .png }
      if name.hasSuffix(".svg") && name.count > 4 { return .svg }
      return nil
    }

    func run() throws {
      let (spec, registry) = try functions.function(id)
      let user = registry.definition(spec.id).map { [$0] } ?? []
      try refuseUndefined(user, before: true, status: ExitStatus.usage)
      let settings = try parameterSettings(
        spec, parameters, limit: Self.maxCurves,
        tooMany: "the --param lists make more than \(Self.maxCurves) curves; overlay fewer at a time")
      let chosen = !selection.isDefault || from != nil || to != nil || settings.count > 1
      // Every view is resolved (and checked against --from/--to) before
      // anything is drawn or written.
      var views: [(ParameterValues, ResolvedView)] = []
      if chosen {
        for p in settings {
          let resolved = try selection.resolve(spec, p)
          let lo = from ?? resolved.view.plotRange.lowerBound
          let hi = to ?? resolved.view.plotRange.upperBound
          for (flag, x) in [("--from", lo), ("--to", hi)] where !resolved.view.domain.contains(x) {
            throw usageFailure(
              "\(flag) \(Format.number(x)) is outside the domain of \(spec.id)'s view \(resolved.view.label): \(resolved.view.domain)")
          }
          views.append((p, resolved))
        }
        if let from, to == nil, views.contains(where: { from >= $0.1.view.plotRange.upperBound }) {
          throw usageFailure("--from \(Format.number(from)) is not left of the plot range's right end: give --to as well")
        }
        if let to, from == nil, views.contains(where: { to <= $0.1.view.plotRange.lowerBound }) {
          throw usageFailure("--to \(Format.number(to)) is not right of the plot range's left end: give --from as well")
        }
      }
      let path = out ?? "\(spec.id).png"
      // Where the file goes is checked before drawing, and again when writing.
      do {
        try AtomicFile.checkTarget(path)
      } catch {
        printError("error: \(error)")
        throw ExitCode(ExitStatus.failure)
      }
      // Then what it is: the extension names the format.
      guard let format = Self.format(of: path) else {
        printError(
          "error: --out \(InputEcho.short(path, limit: 4096)) must end in .png or .svg: the extension chooses the format (PNG or SVG)")
        throw ExitCode(ExitStatus.usage)
      }
      let figure: ManualFigure
      do {
        if chosen {
          let analyses = CatalogAnalysis.run(spec, chosen: views)
          let curves = analyses.map { a in
            ChosenCurve(
              name: settings.count > 1 ? ChosenCurve.name(spec, parameters: a.parameters) : "", view: a.resolved.view,
              properties: a.properties)
          }
          var range: ClosedRange<Double>? = nil
          if from != nil || to != nil {
            let lo = from ?? views.map(\.1.view.plotRange.lowerBound).min()!
            let hi = to ?? views.map(\.1.view.plotRange.upperBound).max()!
            range = lo...hi
          }
          figure = try ManualFigures.chosen(
            spec, curves: curves, xRange: range, parameters: settings.count == 1 ? settings[0] : nil)
        } else {
          let values = settings[0]
          let properties = spec.views(values).indices.map { i in
            PropertyEngine.analyze(spec, parameters: values, viewIndex: i)
          }
          figure = try ManualFigures.function(spec, properties: properties, parameters: values)
        }
      } catch {
        printError("error: cannot draw \(spec.id): \(error)")
        throw ExitCode(ExitStatus.failure)
      }
      // A point the analysis met where the function has no value: refused
      // before anything is drawn.
      try refuseUndefined(user, before: false, status: ExitStatus.usage)
      // Values too far apart for one axis are the function's, over the
      // range asked for: said as such, not as the renderer's "invalid figure".
      if let why = overflowingAxis(figure.figure, id: spec.id) {
        printError("error: cannot draw \(spec.id): \(why)")
        throw ExitCode(ExitStatus.failure)
      }
      let bytes: [UInt8]
      do {
        let scaled = figure.scaled(scale)
        let renderer = ChartRenderer()
        switch format {
        case .png: bytes = try renderer.renderPNG(scaled.figure, theme: theme == "dark" ? .dark : .light)
        case .svg: bytes = Array(try renderer.renderSVG(scaled.figure, description: scaled.altText).utf8)
        }
      } catch {
        printError("error: cannot draw \(spec.id): \(error)")
        throw ExitCode(ExitStatus.failure)
      }
      do {
        try AtomicFile.save(bytes, toFile: path)
      } catch {
        printError("error: \(error)")
        throw ExitCode(ExitStatus.failure)
      }
      switch format {
      case .png: writeOut("wrote \(path) (PNG, \(800 * scale)x\(500 * scale) px)\n")
      case .svg: writeOut("wrote \(path) (SVG, 800x500)\n")
      }
    }
  }
}
