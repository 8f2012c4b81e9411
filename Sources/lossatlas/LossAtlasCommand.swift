import ArgumentParser
import LossAtlasBuildInfo
import LossAtlasCore

#if os(Linux)
  import CMalloc
#endif

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The `lossatlas` command: parsing and printing only; every computation
/// lives in the libraries.
@main
struct LossAtlasCommand: ParsableCommand {
  /// Keeps freed memory in the process: the engine allocates and frees
  /// arrays of a million Doubles per view, which glibc would otherwise map
  /// and unmap each time (a page fault per 4 KiB on every reuse: 0.6 s of
  /// system time in `generate`). Memory use is unchanged at its peak.
  static func tuneAllocator() {
    #if os(Linux)
      _ = mallopt(M_MMAP_THRESHOLD, 1 << 30)
      _ = mallopt(M_TRIM_THRESHOLD, 1 << 30)
    #endif
  }

  static func main() {
    tuneAllocator()
    // A write to a closed pipe returns EPIPE instead of killing the process
    // at once, so that `writeOut` decides (see `outputFailed`).
    signal(SIGPIPE, SIG_IGN)
    do {
      var command = try parseAsRoot()
      try command.run()
    } catch {
      let code = exitCode(for: error)
      // Help, and the exit codes the commands chose after printing their
      // own message, as ArgumentParser prints them.
      if code == .success || error is ExitCode { exit(withError: error) }
      // A parsing error can quote what was typed: escape control
      // characters (a terminal escape sequence in an argument), keeping
      // ArgumentParser's own line breaks.
      let message = fullMessage(for: error).split(separator: "\n", omittingEmptySubsequences: false)
        .map { InputEcho.escapingControls(String($0)) }.joined(separator: "\n")
      _ = writeAll(2, message.hasSuffix("\n") ? message : message + "\n")
      terminate(code.rawValue)
    }
  }

  static let configuration = CommandConfiguration(
    commandName: "lossatlas",
    abstract: "A verified reference of deep-learning loss and activation functions.",
    discussion: """
      Every number LossAtlas prints is computed from its catalog (each function's \
      definition, domain and parameters: `lossatlas list`, and the function pages \
      of the manual), accurate to 4 ulp (or the backward-stable bound where the \
      function itself is that sensitive).
      """,
    version: BuildInfo.versionText,
    subcommands: [List.self, Eval.self, Sweep.self, Properties.self, Check.self, Generate.self, Chart.self]
  )
}
