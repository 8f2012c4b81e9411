import ArgumentParser
import LossAtlasAnalysis
import LossAtlasCharts
import LossAtlasCore
import LossAtlasReport

extension LossAtlasCommand {
  /// `lossatlas chart`: one function's figure of the manual as a PNG.
  struct Chart: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Draw one function's figure (value and derivative, as in the manual) as an 800x500 PNG.",
      discussion: """
        lossatlas chart sigmoid                      writes sigmoid.png
        lossatlas chart huber --param delta=2 --out huber-2.png --scale 2
        The property engine runs for this function at the given parameters only; saturation \
        intervals, dead regions, kinks and extrema are marked as it finds them. The same input \
        gives the same bytes on every run. The file is written to a new temporary file in the same \
        folder and renamed into place, so a failed run leaves no partial file. --out must be a new \
        path or a writable regular file: a symbolic link, folder, FIFO, device or read-only file is \
        refused.
        """)

    @Argument(help: "A function id or alias (see `lossatlas list`).")
    var id: String

    @Option(name: .customLong("param"), help: ArgumentHelp("A parameter, NAME=V (default: the catalog's).", valueName: "NAME=V"))
    var parameters: [String] = []

    @Option(help: ArgumentHelp("The PNG file to write (default: ID.png in the current directory).", valueName: "FILE"))
    var out: String?

    @Option(parsing: .unconditional, help: "1 for 800x500 pixels, 2 for 1600x1000 (high-DPI).")
    var scale: Int = 1

    @OptionGroup var functions: FunctionFileOptions

    func validate() throws {
      guard scale == 1 || scale == 2 else { throw ValidationError("--scale must be 1 or 2, not \(scale)") }
      if let out, out.isEmpty { throw ValidationError("--out must name a file") }
    }

    func run() throws {
      let registry = try functions.registry()
      let spec: FunctionSpec
      let values: ParameterValues
      do throws(CatalogError) {
        spec = try registry.function(named: id)
        values = try spec.validateParameters(parsedParameters(spec))
      } catch {
        throw fail(error)
      }
      let properties = spec.views(values).indices.map { i in
        PropertyEngine.analyze(spec, parameters: values, viewIndex: i)
      }
      let path = out ?? "\(spec.id).png"
      // Where the file goes is checked before drawing, and again when writing.
      do {
        try AtomicFile.checkTarget(path)
      } catch {
        printError("error: \(error)")
        throw ExitCode(ExitStatus.failure)
      }
      let png: [UInt8]
      do {
        let figure = try ManualFigures.function(spec, properties: properties, parameters: values).scaled(scale)
        png = try figure.png()
      } catch {
        printError("error: cannot draw \(spec.id): \(error)")
        throw ExitCode(ExitStatus.failure)
      }
      do {
        try AtomicFile.save(png, toFile: path)
      } catch {
        printError("error: \(error)")
        throw ExitCode(ExitStatus.failure)
      }
      writeOut("wrote \(path) (\(800 * scale)x\(500 * scale) px)\n")
    }

    /// `--param NAME=V` items as a dictionary; a malformed item, a repeated
    /// name or a value that is not one number is a catalog error naming it.
    private func parsedParameters(_ spec: FunctionSpec) throws(CatalogError) -> [String: Double] {
      var out: [String: Double] = [:]
      for item in parameters {
        guard let eq = item.firstIndex(of: "="), eq != item.startIndex else {
          let names = spec.parameters.map(\.name)
          throw CatalogError(
            .unknownParameter,
            "--param '\(InputEcho.short(item))' must be NAME=V; \(spec.id) takes \(names.isEmpty ? "none" : names.joined(separator: ", "))")
        }
        let name = String(item[..<eq])
        guard out[name] == nil else { throw CatalogError(.unknownParameter, "parameter \(InputEcho.short(name)) is given twice") }
        let text = String(item[item.index(after: eq)...])
        guard case .real(let v) = try EvalRequest.commandLineValue(text, name: name, spec: spec) else {
          throw CatalogError(.badParameter, "parameter \(name) of \(spec.id) must be a single number, not '\(InputEcho.short(text))'")
        }
        out[name] = v
      }
      return out
    }
  }
}
