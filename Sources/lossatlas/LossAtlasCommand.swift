import ArgumentParser
import LossAtlasBuildInfo
import LossAtlasCore

#if os(Linux)
  import CMalloc
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
    do {
      var command = try parseAsRoot()
      try command.run()
    } catch {
      exit(withError: error)
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
