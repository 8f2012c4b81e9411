import Foundation
import TestSupport
import Testing

/// Session 26: `targets: []` (and `residuals: []`) said "must be a list of
/// numbers" of a list; an empty list now says that it lists none and how
/// many are allowed, a non-list what a list looks like. Exit 2, as for
/// every claim file `check` cannot understand, and nothing on stdout.
@Suite struct ClaimListMessageTests {
  static func check(_ claim: String) throws -> CLIRunner.Result {
    let folder = try TemporaryFolder()
    let path = try folder.write("c.yaml", "claims:\n  - id: a\n    function: mse\n" + claim)
    return try CLIRunner.run(["check", path])
  }

  @Test("an empty list says it lists no numbers and how many are allowed", arguments: [
    ("minimiser", "targets"), ("mean-value", "residuals"),
  ])
  func emptyList(property: String, key: String) throws {
    let r = try Self.check("    property: \(property)\n    \(key): []\n    expect: 0\n")
    #expect(r.status == 2 && r.stdout.isEmpty, "\(r.stderr)")
    #expect(r.stderr.hasSuffix(":5: claim 'a': '\(key)' lists no numbers: give 1 to 1000\n"), "\(r.stderr)")
  }

  @Test("a number where a list belongs says what the list holds")
  func notAList() throws {
    let r = try Self.check("    property: minimiser\n    targets: 3\n    expect: 0\n")
    #expect(r.status == 2 && r.stdout.isEmpty, "\(r.stderr)")
    #expect(r.stderr.hasSuffix(":5: claim 'a': 'targets' must be a list of 1 to 1000 numbers, e.g. [0.5, 1, 2]\n"), "\(r.stderr)")
  }

  @Test("one number in the list is a claim that is checked")
  func oneNumber() throws {
    let r = try Self.check("    property: minimiser\n    targets: [3]\n    expect: 3\n")
    #expect(r.status == 0, "\(r.stdout) \(r.stderr)")
  }
}
