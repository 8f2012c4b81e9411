import ArgumentParser
import LossAtlasAnalysis

extension LossAtlasCommand {
  /// `lossatlas claims` (and `lossatlas help claims`): the claim-file format.
  struct Claims: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Print the claim-file format of `lossatlas check`: keys, properties, expectations, identities.",
      discussion: ClaimReference.text)

    func run() throws {
      writeOut(ClaimReference.text)
    }
  }
}
