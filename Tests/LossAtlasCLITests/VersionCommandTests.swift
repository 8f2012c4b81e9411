import Foundation
import TestSupport
import Testing

/// `lossatlas --version`: the VERSION file, the source fingerprint (held
/// against coreutils' sha256sum over the same files) and the commit (held
/// against git itself).
@Suite struct VersionCommandTests {
  static let roots = [
    "Package.swift", "VERSION", "Sources", "Plugins", "templates", "claims", "data",
  ]

  @Test("--version prints the VERSION file and the fingerprint sha256sum computes")
  func versionAndFingerprint() throws {
    let r = try CLIRunner.run(["--version"])
    #expect(r.status == 0)
    #expect(r.stderr.isEmpty)
    let lines = r.stdout.split(separator: "\n").map(String.init)
    try #require(lines.count == 4, "\(r.stdout)")
    #expect(lines[0] == "lossatlas \(try SourceFingerprint.version())")
    #expect(lines[1] == "source sha256 \(try SourceFingerprint.sha256sum())")
    #expect(lines[2].contains(Self.roots.joined(separator: ", ")))
    // The file count is the number of files the recipe hashes.
    let listed = try SourceFingerprint.run(
      "/usr/bin/find", Self.roots + ["-name", ".*", "-prune", "-o", "-type", "f", "-print"])
    let count = listed.split(separator: "\n").count
    #expect(lines[2].hasPrefix("  (\(count) files: "), "\(lines[2]) vs \(count) files")
  }

  @Test("the commit line names the last commit that changed the inputs, as git reports it")
  func commit() throws {
    let r = try CLIRunner.run(["--version"])
    let line = try #require(r.stdout.split(separator: "\n").map(String.init).last)
    let root = Fixtures.repositoryRoot.resolvingSymlinksInPath().path
    let top = try? SourceFingerprint.run("/usr/bin/git", ["rev-parse", "--show-toplevel"])
      .trimmingCharacters(in: .whitespacesAndNewlines)
    guard let top, URL(fileURLWithPath: top).resolvingSymlinksInPath().path == root else {
      #expect(line.hasPrefix("commit not recorded"), "\(line)")
      return
    }
    // "commit HASH DATE[ (shallow clone ...)][ with uncommitted changes to the source]"
    let words = line.split(separator: " ").map(String.init)
    try #require(words.count >= 3 && words[0] == "commit", "\(line)")
    let hash = words[1]
    let date = try SourceFingerprint.run("/usr/bin/git", ["show", "-s", "--format=%cI", hash])
    #expect(words[2] == date.trimmingCharacters(in: .whitespacesAndNewlines))
    let changes = try SourceFingerprint.run("/usr/bin/git", ["log", "--format=%H", "--"] + Self.roots)
    #expect(changes.split(separator: "\n").contains(Substring(hash)), "\(hash) did not change the inputs")
    if !line.contains("uncommitted") {
      // Built from a clean tree: the stamp is the last change, and nothing is modified since.
      #expect(changes.split(separator: "\n").first.map(String.init) == hash)
    }
  }
}
