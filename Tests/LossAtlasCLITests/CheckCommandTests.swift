import Foundation
import LossAtlasCore
import TestSupport
import Testing

/// `lossatlas check` as code review uses it: verdicts, formats, exit statuses.
@Suite struct CheckCommandTests {
  static func claims(_ name: String) -> String { Fixtures.url("claims/\(name)").path }

  @Test("a file with deliberately wrong statements exits 1 with the right verdicts")
  func wrongStatements() throws {
    let r = try CLIRunner.run(["check", Self.claims("wrong.yaml"), "--format", "json"])
    #expect(r.status == 1)
    let json = try JSONValue.parse(r.stdout)
    guard case .array(let results)? = json["results"] else {
      Issue.record("no results array")
      return
    }
    var verdicts: [String: Bool] = [:]
    for item in results {
      if case .string(let id)? = item["id"], case .bool(let passes)? = item["passes"] { verdicts[id] = passes }
    }
    // True statements pass (verdict defaults to true); the wrong ones fail.
    #expect(verdicts == [
      "sigmoid-max-slope": true, "sigmoid-keeps-gradient": false, "relu-monotonic": true, "huber-c2": false,
      "hinge-zero-when-correct": false, "tanh-range": true,
    ])
    #expect(json["failed"] == .number("3"))
  }

  @Test("the same file with verdict: false on the wrong statements exits 0")
  func knownWrongStatementsPass() throws {
    let text = try Fixtures.text("claims/wrong.yaml")
    var lines: [String] = []
    var current = ""
    for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
      lines.append(String(line))
      if line.contains("- id: ") { current = String(line.split(separator: ":")[1]).trimmingCharacters(in: .whitespaces) }
      if line.contains("expect:") && ["sigmoid-keeps-gradient", "huber-c2", "hinge-zero-when-correct"].contains(current) {
        lines.append("    verdict: false")
      }
    }
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("lossatlas-claims-\(getpid()).yaml")
    try lines.joined(separator: "\n").write(to: url, atomically: true, encoding: .utf8)
    defer { try? FileManager.default.removeItem(at: url) }
    let r = try CLIRunner.run(["check", url.path])
    #expect(r.status == 0, "\(r.stdout)")
    #expect(r.stdout.contains("6 statements checked: 6 pass, 0 fail"))
  }

  @Test(
    "a file that cannot be understood exits 2 with FILE:LINE: reason",
    arguments: [
      ("malformed-yaml.yaml", 6, "not valid YAML"),
      ("unknown-function.yaml", 7, "claim 'typo': unknown function 'sigmod': did you mean 'sigmoid'?"),
      ("missing-at.yaml", 2, "claim 'needs-a-point': value-at needs 'at:' (the point)"),
      ("bad-param.yaml", 4, "claim 'slope-out-of-range': parameter slope = -1.0 of leaky-relu is outside its range: allowed [0, inf)"),
      ("unknown-property.yaml", 4, "claim 'p': unknown property 'smoothness'"),
    ])
  func malformed(file: String, line: Int, reason: String) throws {
    let path = Self.claims(file)
    let r = try CLIRunner.run(["check", path])
    #expect(r.status == 2)
    #expect(r.stderr.hasPrefix("error: \(path):\(line): \(reason)"), "\(r.stderr)")
    #expect(r.stdout.isEmpty)
  }

  @Test func missingFileExitsTwo() throws {
    let r = try CLIRunner.run(["check", "/nonexistent/claims.yaml"])
    #expect(r.status == 2)
    #expect(r.stderr.contains("/nonexistent/claims.yaml:1: cannot read the file"))
  }

  @Test func junitAndGithubFormats() throws {
    let junit = try CLIRunner.run(["check", Self.claims("wrong.yaml"), "--format", "junit"])
    #expect(junit.status == 1)
    #expect(junit.stdout.hasPrefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"lossatlas check\" tests=\"6\" failures=\"3\">"))
    #expect(junit.stdout.components(separatedBy: "<failure ").count - 1 == 3)
    let github = try CLIRunner.run(["check", Self.claims("wrong.yaml"), "--format", "github"])
    let path = Self.claims("wrong.yaml")
    let errors = github.stdout.split(separator: "\n").filter { $0.hasPrefix("::error ") }
    #expect(errors.count == 3)
    // Each annotation points at the claim's line.
    #expect(errors.contains { $0.hasPrefix("::error file=\(path),line=8,") })
    #expect(github.stdout.hasSuffix("::notice title=lossatlas check::6 statements checked: 3 pass, 3 fail\n"))
  }
}
