import ArgumentParser
import LossAtlasCore

/// The `lossatlas` command: parsing and printing only; every computation
/// lives in the libraries.
@main
struct LossAtlasCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "lossatlas",
    abstract: "A verified reference of deep-learning loss and activation functions.",
    discussion: """
      Every number LossAtlas prints is computed from the catalog of CATALOG.md, \
      accurate to 4 ulp (or the backward-stable bound where the function itself \
      is that sensitive).
      """,
    subcommands: [List.self, Eval.self, Sweep.self, Properties.self, Check.self, Generate.self, Chart.self]
  )
}
