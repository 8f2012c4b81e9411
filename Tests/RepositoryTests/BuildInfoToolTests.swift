import Foundation
import TestSupport
import Testing

/// The build-info tool (Plugins/StampBuildInfo's) on small trees made here:
/// its fingerprint equals coreutils' over the same files, outside git it
/// records no commit, in git it names the commit and notices uncommitted
/// changes, a bad VERSION stops the build with a message, and an unchanged
/// stamp is not rewritten.
@Suite(.serialized) struct BuildInfoToolTests {
  /// `build-info`, built beside the tests (SwiftPM builds every executable target).
  static let tool: URL? = {
    var dir = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
    for _ in 0..<4 {
      let candidate = dir.appendingPathComponent("build-info")
      if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
      dir.deleteLastPathComponent()
    }
    return nil
  }()

  struct ToolMissing: Error, CustomStringConvertible {
    var description: String { "build-info is not built beside the tests (swift build --build-tests builds it)" }
  }

  struct Tree {
    let root: URL
    init(_ files: [String: String]) throws {
      root = FileManager.default.temporaryDirectory.appendingPathComponent("lossatlas-build-info-\(UUID().uuidString)")
      for (path, text) in files {
        let url = root.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
      }
    }
    var output: URL { root.appendingPathComponent("out/Generated.swift") }

    /// Runs the tool over `files` with `roots`; (status, stderr).
    func stamp(roots: [String], files: [String]) throws -> (Int32, String) {
      try FileManager.default.createDirectory(at: output.deletingLastPathComponent(), withIntermediateDirectories: true)
      let process = Process()
      guard let tool = BuildInfoToolTests.tool else { throw ToolMissing() }
      process.executableURL = tool
      process.arguments = [root.path, output.path, roots.joined(separator: ",")] + files.map { root.appendingPathComponent($0).path }
      let err = Pipe()
      process.standardError = err
      try process.run()
      let data = err.fileHandleForReading.readDataToEndOfFile()
      process.waitUntilExit()
      return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    func sh(_ script: String) throws -> String {
      try SourceFingerprint.run("/bin/bash", ["-c", "cd '\(root.path)' && " + script])
    }

    func generated() throws -> String { try String(contentsOf: output, encoding: .utf8) }
    func remove() { try? FileManager.default.removeItem(at: root) }
  }

  static let files = ["VERSION": "1.2.3\n", "src/a.swift": "let a = 1\n", "src/z/b.txt": "b\n", "Package.swift": "// p\n"]
  static let paths = ["Package.swift", "VERSION", "src/a.swift", "src/z/b.txt"]

  @Test("outside git: the version, the fingerprint coreutils computes, no commit")
  func outsideGit() throws {
    let tree = try Tree(Self.files)
    defer { tree.remove() }
    let (status, stderr) = try tree.stamp(roots: ["Package.swift", "VERSION", "src"], files: Self.paths.reversed())
    #expect(status == 0, "\(stderr)")
    let expected = try tree.sh("find Package.swift VERSION src -type f | LC_ALL=C sort | xargs sha256sum | sha256sum | cut -c1-64")
      .trimmingCharacters(in: .whitespacesAndNewlines)
    let text = try tree.generated()
    #expect(text.contains("static let version = \"1.2.3\""))
    #expect(text.contains("static let sourceSHA256 = \"\(expected)\""), "\(text)")
    #expect(text.contains("static let sourceFileCount = 4"))
    #expect(text.contains("static let commit: String? = nil"))
  }

  @Test("in git: the last commit that changed the roots, then 'uncommitted changes' once a file changes")
  func inGit() throws {
    guard FileManager.default.isExecutableFile(atPath: "/usr/bin/git") else { return }
    let tree = try Tree(Self.files.merging(["other.txt": "not an input\n"]) { a, _ in a })
    defer { tree.remove() }
    let git = "git -c user.name=t -c user.email=t@example.invalid -c commit.gpgsign=false"
    _ = try tree.sh("git init -q && \(git) add -A && \(git) commit -qm one && echo x >> other.txt && \(git) commit -qam two")
    let first = try tree.sh("git rev-list --max-count=1 HEAD~1").trimmingCharacters(in: .whitespacesAndNewlines)
    let date = try tree.sh("git show -s --format=%cI \(first)").trimmingCharacters(in: .whitespacesAndNewlines)
    let roots = ["Package.swift", "VERSION", "src"]
    #expect(try tree.stamp(roots: roots, files: Self.paths).0 == 0)
    var text = try tree.generated()
    // "two" changed only other.txt, which is not an input: the stamp names "one".
    #expect(text.contains("static let commit: String? = \"\(first)\""), "\(text)")
    #expect(text.contains("static let commitDate: String? = \"\(date)\""))
    #expect(text.contains("static let commitHasUncommittedChanges = false"))
    try Data("let a = 2\n".utf8).write(to: tree.root.appendingPathComponent("src/a.swift"))
    #expect(try tree.stamp(roots: roots, files: Self.paths).0 == 0)
    text = try tree.generated()
    #expect(text.contains("static let commitHasUncommittedChanges = true"))
  }

  @Test("an unchanged stamp is not rewritten (nothing recompiles)")
  func unchangedIsNotRewritten() throws {
    let tree = try Tree(Self.files)
    defer { tree.remove() }
    #expect(try tree.stamp(roots: ["src"], files: Self.paths).0 == 0)
    let before = try FileManager.default.attributesOfItem(atPath: tree.output.path)[.modificationDate] as? Date
    try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSince1970: 1_000_000)], ofItemAtPath: tree.output.path)
    #expect(try tree.stamp(roots: ["src"], files: Self.paths).0 == 0)
    let after = try FileManager.default.attributesOfItem(atPath: tree.output.path)[.modificationDate] as? Date
    #expect(before != nil)
    #expect(after == Date(timeIntervalSince1970: 1_000_000))
  }

  @Test("a VERSION that is not a semantic version stops the build, naming the file and the form", arguments: ["v1.2", "1.2", "", "1.2.3 beta"])
  func badVersion(version: String) throws {
    let tree = try Tree(Self.files.merging(["VERSION": version + "\n"]) { _, b in b })
    defer { tree.remove() }
    let (status, stderr) = try tree.stamp(roots: ["src"], files: Self.paths)
    #expect(status == 1)
    #expect(stderr.contains("VERSION") && stderr.contains("semantic version such as 1.2.3"), "\(stderr)")
    #expect(!FileManager.default.fileExists(atPath: tree.output.path))
  }
}
