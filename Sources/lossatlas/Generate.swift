import ArgumentParser
import Foundation
import LossAtlasAnalysis
import LossAtlasCore
import LossAtlasReport

#if canImport(Glibc)
  import Glibc
#endif

extension LossAtlasCommand {
  /// `lossatlas generate`: the whole manual, each file written atomically,
  /// nothing but the manual's files touched.
  struct Generate: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Generate the manual (Markdown and HTML pages, figures, data) into a folder.",
      discussion: """
        Writes only the manual's files, each atomically (a temporary file, then a rename), and \
        records them with their SHA-256 in OUT/.lossatlas-manifest. Files it did not write are \
        never copied, moved, changed or deleted; a file of an earlier manual that the new one \
        lacks is deleted only if it still holds exactly what LossAtlas wrote: the folder holds one \
        manual, so --lang en after --lang all deletes the Chinese edition's files (zh/), and --lang zh \
        the English pages, saying so on stderr. A generated file \
        edited since is not replaced (the run stops, naming it) unless --force. A folder that is \
        not empty and has no manifest is refused unless --force. A second run on the same folder \
        waits for the first (OUT/.lossatlas-lock). --out may be a symbolic link to a folder.
        """)

    @Option(help: "The output folder.")
    var out: String = "output"

    @Option(help: "Formats, comma-separated: markdown, html.", completion: .list(["markdown,html", "markdown", "html"]))
    var format: String = "markdown,html"

    @Option(
      help: "Only these function ids (comma-separated): their pages, figures and sweeps.",
      completion: .list(FunctionID.allNames))
    var only: String?

    @Option(help: "A folder of templates laid out like the project's templates/ (markdown/, html/; zh/markdown/, zh/html/ for the Chinese edition).")
    var templates: String?

    @Option(
      help: "The editions: en (English, in markdown/ and html/), zh (Chinese, in zh/markdown/ and zh/html/) or all.",
      completion: .list(["all", "en", "zh"]))
    var lang: String = "all"

    // `.unconditional`: `--jobs -1` is refused with the range, not read
    // as an option ("Missing value").
    @Option(parsing: .unconditional, help: "Threads, 1 to 64.")
    var jobs: Int = 2

    @Flag(help: "No progress on stderr.")
    var quiet = false

    @OptionGroup var functions: FunctionFileOptions

    @Flag(
      help: """
        Write into a folder that is not empty and has no LossAtlas manifest, and replace files at the \
        manual's paths that LossAtlas did not write or that were edited since. Nothing else is touched.
        """)
    var force = false

    func validate() throws {
      guard (1...64).contains(jobs) else { throw ValidationError("--jobs must be between 1 and 64, not \(jobs)") }
      _ = try formats()
      _ = try languages()
      if let only {
        let names = only.split(separator: ",", omittingEmptySubsequences: false)
        if names.contains(where: { $0.trimmingCharacters(in: .whitespaces).isEmpty }) {
          throw ValidationError("--only '\(only)' has an empty name: give function ids or aliases, comma-separated (see `lossatlas list`)")
        }
      }
      if out.isEmpty { throw ValidationError("--out must name a folder") }
    }

    /// The formats of `--format`: at least one, each once.
    func formats() throws -> [ManualFormat] {
      var formats: [ManualFormat] = []
      for item in format.split(separator: ",", omittingEmptySubsequences: false) {
        let name = item.trimmingCharacters(in: .whitespaces)
        guard let f = ManualFormat(rawValue: name) else {
          throw ValidationError(
            name.isEmpty
              ? "--format '\(format)' has an empty item: give markdown, html or both, comma-separated"
              : "--format '\(name)' is not one of markdown, html")
        }
        guard !formats.contains(f) else { throw ValidationError("--format names \(name) twice") }
        formats.append(f)
      }
      return formats
    }

    /// The editions of `--lang`: `all` is every language.
    func languages() throws -> [Language] {
      if lang == "all" { return Language.allCases }
      guard let language = Language(rawValue: lang) else {
        throw ValidationError("--lang '\(lang)' is not one of en, zh, all")
      }
      return [language]
    }

    func run() throws {
      // The output folder first: a mistyped --out fails before any work.
      do {
        try OutputWriter.preflight(out, force: force)
      } catch let error as OutputError {
        Self.printLines(error.description)
        throw ExitCode(ExitStatus.failure)
      } catch {
        printError("error: \(error)")
        throw ExitCode(ExitStatus.failure)
      }
      let templateSet: TemplateSet
      do {
        templateSet = try templates.map { try TemplateSet.directory(URL(fileURLWithPath: $0)) } ?? TemplateSet.embedded()
      } catch {
        printError("error: \(error)")
        throw ExitCode(ExitStatus.failure)
      }
      let languages = try languages()
      var localized: [Language: TemplateSet] = [:]
      do {
        for language in languages where language != .en {
          // A templates folder without the edition's subfolder (one made
          // for the English edition): that edition keeps its built-in
          // templates, and the user is told.
          if let templates, FileManager.default.fileExists(atPath: templates + "/" + language.rawValue) {
            localized[language] = try TemplateSet.directory(URL(fileURLWithPath: templates), language: language)
          } else {
            if let templates, !quiet {
              printError(
                "lossatlas: note: --templates \(templates) has no \(language.rawValue)/ folder: the \(language.rawValue) edition uses the built-in templates (--lang en writes the English edition only)"
              )
            }
            localized[language] = try TemplateSet.embedded(language)
          }
        }
      } catch {
        printError("error: \(error)")
        throw ExitCode(ExitStatus.failure)
      }
      let registry = try functions.registry()
      // Before any analysis: an id that is the name of one of the manual's
      // own pages or figures (the late `pathClash` stays as the safety net).
      if let clash = Self.nameClash(registry.userFunctions, formats: try formats(), languages: languages) {
        printError("error: \(clash)")
        throw ExitCode(ExitStatus.usage)
      }
      try refuseUndefined(registry.userFunctions, before: true, status: ExitStatus.usage)
      var options = ManualOptions(templates: templateSet)
      options.languages = languages
      options.localizedTemplates = localized
      options.formats = try formats()
      options.jobs = jobs
      options.userFunctions = registry.userFunctions
      if let only {
        var ids: [String] = []
        for name in only.split(separator: ",") {
          do {
            ids.append(try registry.function(named: String(name).trimmingCharacters(in: .whitespaces)).id)
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
        try refuseUndefined(registry.userFunctions, before: false, status: ExitStatus.usage)
        if let clash = Self.pathClash(files, registry.userFunctions) {
          printError("error: \(clash)")
          throw ExitCode(ExitStatus.usage)
        }
        progress("write \(files.count) files to \(out)")
        let report = try OutputWriter.write(
          files, to: out, force: force,
          waiting: {
            if !quiet {
              printError("lossatlas: waiting for another run writing to \(out) (it holds \(OutputWriter.lockName) there)")
            }
          })
        for note in report.notes { printError("warning: \(note)") }
        // Not silenced by --quiet: files the user may have wanted went away.
        for edition in ManualGenerator.editionsRemoved(report.deleted, writing: languages) {
          printError("lossatlas: \(Self.removalNote(edition, writing: languages))")
        }
        progress("done")
      } catch let error as OutputError {
        Self.printLines(error.description)
        throw ExitCode(ExitStatus.failure)
      } catch let exit as ExitCode {
        throw exit
      } catch {
        printError("error: \(error)")
        throw ExitCode(ExitStatus.failure)
      }
    }

    /// The line saying that this run deleted `edition`, which an earlier
    /// run wrote into the folder: where it was, what exactly went (the
    /// files LossAtlas wrote and nobody changed since: an edited page is
    /// kept and named by its own warning; `html/data/` is the Chinese
    /// edition's data too, so a Chinese run writes it) and how to keep both.
    static func removalNote(_ edition: Language, writing languages: [Language]) -> String {
      let written = languages.map(Self.editionName).joined(separator: " and ")
      let place = edition == .en ? "markdown/, html/ outside html/data/" : edition.outputPrefix + "/"
      return "removed the \(Self.editionName(edition)) edition (\(place)): the files an earlier run wrote there and nobody changed since; this run writes the \(written) edition only; use --lang all to write both"
    }

    /// An edition's name in CLI messages (which stay English).
    static func editionName(_ language: Language) -> String {
      switch language {
      case .en: return "English"
      case .zh: return "Chinese"
      }
    }

    /// The first user function whose id is the name of one of the manual's
    /// own pages or figures (``ManualNames``), known from the names alone:
    /// the message names the id, its file and line, and the manual's file.
    static func nameClash(_ userFunctions: [UserFunctionDefinition], formats: [ManualFormat], languages: [Language]) -> String? {
      for user in userFunctions {
        guard let clash = ManualNames.clash(id: user.id, formats: formats, languages: languages) else { continue }
        let what = clash.precisionOf.map { " (the precision figure of \($0), drawn where its value rounds to a limit)" } ?? ""
        return "the id '\(user.id)' of the user function at \(user.file):\(user.line) is also the name of the manual's own \(clash.path)\(what): choose another id"
      }
      return nil
    }

    /// A path the manual would write twice because a user function's id is
    /// also the name of one of the manual's own pages or figures (`index`,
    /// `methods`, `gain`, `sigmoid-narrow`, `compare-relu-like`...): the
    /// message names the id, its file and line, and the path. ``nameClash``
    /// refuses such an id before any analysis; this check of the built
    /// files, before anything is written, is the safety net.
    static func pathClash(_ files: [OutputFile], _ userFunctions: [UserFunctionDefinition]) -> String? {
      guard !userFunctions.isEmpty else { return nil }
      var seen = Set<String>()
      // Compared without case: 'readme' and README.md are one file on macOS.
      for file in files where !seen.insert(file.path.lowercased()).inserted {
        let name = file.path.split(separator: "/").last.map(String.init) ?? file.path
        let stem = String(name.prefix { $0 != "." }).lowercased()
        guard let user = userFunctions.first(where: { stem == $0.id.lowercased() || stem == $0.id.lowercased() + "-narrow" }) else { continue }
        return "the id '\(user.id)' of the user function at \(user.file):\(user.line) is also the name of the manual's own \(file.path): choose another id"
      }
      return nil
    }

    /// Prints the writer's message (`error: ` on its first line) as the
    /// lines it has: a list of the paths in the way, one a line. Its paths
    /// are escaped already (``OutputError`` shows a newline in a name as
    /// `\u{a}`), so every line break is the message's own; each line is
    /// escaped again by `printError` (a single `printError` would print the
    /// breaks as `\n`, the whole list on one line).
    static func printLines(_ message: String) {
      for (i, line) in message.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
        printError(i == 0 ? "error: \(line)" : String(line))
      }
    }
  }
}
