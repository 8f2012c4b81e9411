import ArgumentParser
import LossAtlasAnalysis
import LossAtlasCharts
import LossAtlasCore
import LossAtlasReport

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

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
        gives the same bytes on every run. The file is written to a temporary file in the same \
        folder and renamed into place, so a failed run leaves no partial file.
        """)

    @Argument(help: "A function id or alias (see `lossatlas list`).")
    var id: String

    @Option(name: .customLong("param"), help: ArgumentHelp("A parameter, NAME=V (default: the catalog's).", valueName: "NAME=V"))
    var parameters: [String] = []

    @Option(help: ArgumentHelp("The PNG file to write (default: ID.png in the current directory).", valueName: "FILE"))
    var out: String?

    @Option(parsing: .unconditional, help: "1 for 800x500 pixels, 2 for 1600x1000 (high-DPI).")
    var scale: Int = 1

    func validate() throws {
      guard scale == 1 || scale == 2 else { throw ValidationError("--scale must be 1 or 2, not \(scale)") }
      if let out, out.isEmpty { throw ValidationError("--out must name a file") }
    }

    func run() throws {
      let spec: FunctionSpec
      let values: ParameterValues
      do throws(CatalogError) {
        spec = try Catalog.function(named: id)
        values = try spec.validateParameters(parsedParameters(spec))
      } catch {
        throw fail(error)
      }
      let properties = spec.views(values).indices.map { i in
        PropertyEngine.analyze(spec, parameters: values, viewIndex: i)
      }
      let path = out ?? "\(spec.id).png"
      let png: [UInt8]
      do {
        let figure = try ManualFigures.function(spec, properties: properties, parameters: values).scaled(scale)
        png = try figure.png()
      } catch {
        printError("error: cannot draw \(spec.id): \(error)")
        throw ExitCode(ExitStatus.failure)
      }
      if let message = AtomicFile.save(png, to: path) {
        printError("error: cannot write \(path): \(message)")
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

// MARK: - AtomicFile

/// Writes a file by writing a temporary sibling and renaming it into place:
/// readers see the old file or the whole new one, and a failure leaves no
/// partial file behind.
enum AtomicFile {
  /// Writes `bytes` to `path`; returns nil on success or why it failed.
  static func save(_ bytes: [UInt8], to path: String) -> String? {
    let slash = path.lastIndex(of: "/")
    let directory = slash.map { String(path[..<$0]) } ?? "."
    let name = slash.map { String(path[path.index(after: $0)...]) } ?? path
    guard !name.isEmpty else { return "the path names a folder, not a file" }
    var info = stat()
    if stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR { return "it is a folder" }
    let temporary = (directory.isEmpty ? "" : directory + "/") + ".\(name).lossatlas-tmp-\(getpid())"
    let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    guard fd >= 0 else { return reason(errno, directory: directory) }
    var offset = 0
    var failure: Int32 = 0
    bytes.withUnsafeBytes { raw in
      while offset < raw.count {
        let n = write(fd, raw.baseAddress! + offset, raw.count - offset)
        if n < 0 {
          if errno == EINTR { continue }
          failure = errno
          return
        }
        offset += n
      }
    }
    if close(fd) != 0 && failure == 0 { failure = errno }
    if failure == 0 && rename(temporary, path) != 0 { failure = errno }
    if failure != 0 {
      unlink(temporary)
      return reason(failure, directory: directory)
    }
    return nil
  }

  private static func reason(_ code: Int32, directory: String) -> String {
    switch code {
    case ENOENT: return "the folder \(directory) does not exist"
    case EACCES, EPERM: return "permission denied in \(directory)"
    case ENOTDIR: return "\(directory) is not a folder"
    default: return String(cString: strerror(code))
    }
  }
}
