import Foundation
import LossAtlasCore
import TestSupport
import Testing

/// The worked example that ships (claims/examples/user-functions.yaml) and
/// the README's walk-through of it, run as CI runs them (`make test`).
@Suite struct UserFunctionExampleTests {
  static let example = "claims/examples/user-functions.yaml"

  /// Every claim of the example, with the verdict its text argues for (each
  /// claim's `text:` in the file gives the hand derivation).
  static let verdicts: [String: Bool] = [
    "cauchy-zero-at-correct": true, "cauchy-gradient-redescends": true, "cauchy-max-gradient": true,
    "cauchy-not-convex": true, "cauchy-value": true, "naive-softplus-unstable": true,
    "stable-softplus-stable": true, "stable-softplus-convex": true,
  ]

  @Test("check claims/examples/user-functions.yaml exits 0 and every claim holds, in every format")
  func exampleFileChecks() throws {
    let r = try CLIRunner.run(["check", Self.example, "--format", "json"])
    #expect(r.status == 0, "\(r.stdout) \(r.stderr)")
    let json = try JSONValue.parse(r.stdout)
    guard case .array(let results)? = json["results"] else {
      Issue.record("no results in \(r.stdout)")
      return
    }
    var verdicts: [String: Bool] = [:]
    for item in results {
      if case .string(let id)? = item["id"], case .bool(let passes)? = item["passes"] { verdicts[id] = passes }
    }
    #expect(verdicts == Self.verdicts)
    for format in ["table", "junit", "github"] {
      let f = try CLIRunner.run(["check", Self.example, "--format", format])
      #expect(f.status == 0, "\(format): \(f.stdout) \(f.stderr)")
      #expect(f.stderr.isEmpty, "\(format): \(f.stderr)")
    }
  }

  /// The README's console blocks in "Your own functions": each `$ lossatlas
  /// ...` command is run from the repository root, and every line the
  /// README shows after it (but a line `...`, which stands for lines left
  /// out) must be printed, in that order, exactly as shown; the exit status
  /// must be 0.
  @Test("the README's walk-through prints what the commands print")
  func readmeWalkThroughMatches() throws {
    let readme = try String(contentsOf: Fixtures.repositoryRoot.appendingPathComponent("README.md"), encoding: .utf8)
    let section = try #require(readme.range(of: "### Your own functions"))
    let rest = readme[section.upperBound...]
    let end = rest.range(of: "\n### ")?.lowerBound ?? rest.endIndex
    let blocks = Self.consoleBlocks(String(rest[..<end]))
    #expect(blocks.count >= 3, "\(blocks.count) console blocks")
    for block in blocks {
      let arguments = block.command.split(separator: " ").dropFirst().map(String.init)
      let r = try CLIRunner.run(arguments)
      #expect(r.status == 0, "\(block.command): \(r.stderr)")
      let printed = r.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
      var next = 0
      for line in block.shown where line != "..." {
        guard let found = printed[next...].firstIndex(of: line) else {
          Issue.record("\(block.command): the README shows\n\(line)\nwhich is not printed (in order); printed:\n\(r.stdout)")
          break
        }
        next = found + 1
      }
      #expect(!block.shown.filter { $0 != "..." }.isEmpty, "\(block.command) shows no output")
    }
  }

  /// The command and output lines of each ```console block.
  static func consoleBlocks(_ text: String) -> [(command: String, shown: [String])] {
    var out: [(command: String, shown: [String])] = []
    var inside = false
    var current: (command: String, shown: [String])?
    for line in text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
      if line == "```console" {
        inside = true
        continue
      }
      guard inside else { continue }
      if line == "```" {
        inside = false
        if let c = current { out.append(c) }
        current = nil
      } else if line.hasPrefix("$ lossatlas ") {
        if let c = current { out.append(c) }
        current = (String(line.dropFirst(2)), [])
      } else {
        current?.shown.append(line)
      }
    }
    return out
  }
}
