import Foundation
import TestSupport
import Testing

/// `--help` of the command and of every subcommand cites no document the
/// repository does not have (it used to send readers to CATALOG.md), and
/// the top-level help offers --version.
@Suite struct HelpCitationTests {
  @Test("no --help text cites a missing document", arguments: [
    [], ["list"], ["eval"], ["sweep"], ["properties"], ["check"], ["generate"], ["chart"],
  ])
  func help(subcommand: [String]) throws {
    let r = try CLIRunner.run(subcommand + ["--help"])
    #expect(r.status == 0)
    let pattern = try NSRegularExpression(pattern: #"\b[A-Za-z0-9_-]+\.md\b"#)
    let text = r.stdout
    #expect(!text.isEmpty)
    for m in pattern.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
      let cited = String(text[Range(m.range, in: text)!])
      let exists = FileManager.default.fileExists(atPath: Fixtures.repositoryRoot.appendingPathComponent(cited).path)
      #expect(exists, "\(subcommand) --help cites \(cited)")
    }
    if subcommand.isEmpty {
      #expect(text.contains("--version"))
      #expect(text.contains("lossatlas list"))
    }
  }
}
