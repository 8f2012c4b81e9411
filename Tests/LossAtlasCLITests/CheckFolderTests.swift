import Foundation
import TestSupport
import Testing

/// `lossatlas check FOLDER`: a folder stands for its *.yaml and *.yml files
/// (how the container image and the GitHub Action are used).
@Suite struct CheckFolderTests {
  @Test("check claims/ decides the same statements as check claims/*.yaml")
  func folderEqualsItsFiles() throws {
    let names = try FileManager.default.contentsOfDirectory(
      atPath: Fixtures.repositoryRoot.appendingPathComponent("claims").path)
      .filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }.sorted()
    try #require(!names.isEmpty)
    let folder = try CLIRunner.run(["check", "claims/", "--format", "json"])
    let files = try CLIRunner.run(["check"] + names.map { "claims/" + $0 } + ["--format", "json"])
    #expect(folder.status == 0, "\(folder.stderr)")
    #expect(folder.status == files.status)
    #expect(folder.stdout == files.stdout)
    #expect(folder.stdout.contains("a03-ce-two-classes-is-bce"))
  }

  @Test("a folder without claim files exits 2 naming it")
  func emptyFolder() throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("lossatlas-empty-\(ProcessInfo.processInfo.processIdentifier)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    try Data("not a claim file".utf8).write(to: dir.appendingPathComponent("notes.txt"))
    let r = try CLIRunner.run(["check", dir.path])
    #expect(r.status == 2)
    #expect(r.stdout.isEmpty)
    #expect(r.stderr.contains(dir.path) && r.stderr.contains("*.yaml"), "\(r.stderr)")
  }
}
