import ArgumentParser
import Foundation
import LossAtlasCore
import LossAtlasReport

#if canImport(Glibc)
  import Glibc
#endif

extension LossAtlasCommand {
  /// `lossatlas generate`: the whole manual, written atomically.
  struct Generate: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Generate the manual (Markdown and HTML pages, figures, data) into a folder.",
      discussion: """
        Writes into a temporary sibling folder and swaps it in, so a failed or interrupted \
        run leaves the previous manual intact; files LossAtlas did not write are kept.
        """)

    @Option(help: "The output folder.")
    var out: String = "output"

    @Option(help: "Formats, comma-separated: markdown, html.")
    var format: String = "markdown,html"

    @Option(help: "Only these function ids (comma-separated): their pages, figures and sweeps.")
    var only: String?

    @Option(help: "A folder of templates laid out like the project's templates/ (markdown/, html/).")
    var templates: String?

    // `.unconditional`: `--jobs -1` is refused with the range, not read
    // as an option ("Missing value").
    @Option(parsing: .unconditional, help: "Threads, 1 to 64.")
    var jobs: Int = 2

    @Flag(help: "No progress on stderr.")
    var quiet = false

    func validate() throws {
      guard (1...64).contains(jobs) else { throw ValidationError("--jobs must be between 1 and 64, not \(jobs)") }
      for f in format.split(separator: ",") where ManualFormat(rawValue: String(f).trimmingCharacters(in: .whitespaces)) == nil {
        throw ValidationError("--format '\(f)' is not one of markdown, html")
      }
      if out.isEmpty { throw ValidationError("--out must name a folder") }
    }

    func run() throws {
      let templateSet: TemplateSet
      do {
        templateSet = try templates.map { try TemplateSet.directory(URL(fileURLWithPath: $0)) } ?? TemplateSet.embedded()
      } catch {
        printError("error: \(error)")
        throw ExitCode(ExitStatus.failure)
      }
      var options = ManualOptions(templates: templateSet)
      options.formats = format.split(separator: ",").compactMap { ManualFormat(rawValue: String($0).trimmingCharacters(in: .whitespaces)) }
      options.jobs = jobs
      if let only {
        var ids: [String] = []
        for name in only.split(separator: ",") {
          do {
            ids.append(try Catalog.function(named: String(name).trimmingCharacters(in: .whitespaces)).id)
          } catch {
            throw fail(error)
          }
        }
        options.only = ids
      }
      let showProgress = !quiet && isatty(2) != 0
      let start = DispatchTime.now().uptimeNanoseconds
      // Each line carries the seconds since the start, so a slow step shows.
      let progress: @Sendable (String) -> Void = { message in
        guard showProgress else { return }
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        printError("lossatlas: [\(String(format: "%.2f", seconds)) s] \(message)")
      }
      do {
        let files = try ManualGenerator.generate(options, figures: ManualFigureSource.build, progress: progress)
        progress("write \(files.count) files to \(out)")
        try OutputWriter.write(files, to: URL(fileURLWithPath: out))
        progress("done")
      } catch {
        printError("error: \(error)")
        throw ExitCode(ExitStatus.failure)
      }
    }
  }
}
