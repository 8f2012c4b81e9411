import Foundation
import TestSupport
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// `lossatlas generate` and the folder it writes to, attacked as the audit
/// of issue 9 did: the user's files of every kind survive a run untouched,
/// a second run at once corrupts nothing, leftovers of an older version
/// are recovered, and bad options fail before any work. Each run writes a
/// small manual (sigmoid, Markdown) to keep the suite quick.
@Suite final class GenerateOutputSafetyTests {
  let folder: URL = {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("lossatlas-generate-\(UUID().uuidString)")
    try! FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
  }()
  var root: String { folder.path }

  deinit {
    try? FileManager.default.removeItem(at: folder)
  }

  /// `generate --out OUT --only ONLY --format markdown --quiet ...`, within
  /// five minutes (a run that hangs fails the test).
  func generate(_ out: String, only: String = "sigmoid", _ extra: [String] = [], in directory: URL? = nil) throws -> LaunchedCLI.Outcome {
    try #require(
      try LaunchedCLI.run(["generate", "--out", out, "--only", only, "--format", "markdown", "--quiet"] + extra, directory: directory),
      "generate did not finish within 5 minutes")
  }

  /// The regular files under `path` (relative path -> bytes), leaving out
  /// those for which `excluding` is true.
  func files(_ path: String, excluding: (String) -> Bool = { _ in false }) -> [String: [UInt8]] {
    var result: [String: [UInt8]] = [:]
    for (relative, entry) in FileTreeSnapshot(path, excluding: excluding).entries where entry.kind == UInt32(S_IFREG) {
      result[relative] = FileManager.default.contents(atPath: path + "/" + relative).map { [UInt8]($0) }
    }
    return result
  }

  func text(_ path: String) -> String? { try? String(contentsOfFile: path, encoding: .utf8) }

  func put(_ path: String, _ text: String) throws {
    try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
    try text.write(toFile: path, atomically: false, encoding: .utf8)
  }

  // MARK: - Options

  @Test(
    "an empty or repeated --format and an empty --only are usage errors, before anything is written",
    arguments: [
      (["--format", ""], "--format '' has an empty item"), (["--format", ","], "--format ',' has an empty item"),
      (["--format", "html,html"], "--format names html twice"), (["--only", ""], "--only '' has an empty name"),
      (["--only", "sigmoid,"], "--only 'sigmoid,' has an empty name"),
    ])
  func badFormatOrOnly(arguments: [String], message: String) throws {
    let out = root + "/out"
    let r = try #require(try LaunchedCLI.run(["generate", "--out", out] + arguments, seconds: 120))
    #expect(r.status == 64, "\(r.stderr)")
    #expect(r.stderr.contains(message), "\(r.stderr)")
    #expect(!FileManager.default.fileExists(atPath: out))
  }

  @Test("a missing parent of --out fails before any work (no progress line), with one message")
  func missingParentFailsFirst() throws {
    // A normal run on a terminal reports its steps as it goes...
    let normal = try #require(
      try LaunchedCLI.run(["generate", "--out", root + "/ok", "--only", "sigmoid", "--format", "markdown"], stderrOnTerminal: true))
    #expect(normal.status == 0, "\(normal.stderr)")
    #expect(normal.stderr.contains("] validate catalog and templates"), "\(normal.stderr)")
    // ...this one stops before the first step.
    let out = root + "/missing/out"
    let r = try #require(
      try LaunchedCLI.run(["generate", "--out", out, "--only", "sigmoid", "--format", "markdown"], seconds: 120, stderrOnTerminal: true))
    #expect(r.status == 1)
    #expect(
      r.stderr
        == "error: the folder \(root)/missing, where the output folder \(out) would go, does not exist (LossAtlas creates the output folder, not its parents)\n"
    )
  }

  // MARK: - The folder

  @Test("--out . in a git checkout is refused, and .git is untouched even with --force")
  func gitCheckout() throws {
    let git = Process()
    git.executableURL = URL(fileURLWithPath: "/usr/bin/git")
    git.arguments = ["init", "-q", root]
    try git.run()
    git.waitUntilExit()
    try #require(git.terminationStatus == 0)
    try FileManager.default.createDirectory(atPath: root + "/.git/empty-folder", withIntermediateDirectories: false)
    try put(root + "/README.md", "my project")
    let before = FileTreeSnapshot(root)
    let refused = try generate(".", in: folder)
    #expect(refused.status == 1)
    #expect(refused.stderr.contains("is not empty (.git, README.md) and has no LossAtlas manifest"), "\(refused.stderr)")
    #expect(FileTreeSnapshot(root) == before, "\(FileTreeSnapshot(root).differences(from: before))")

    let forced = try generate(".", ["--force"], in: folder)
    #expect(forced.status == 0, "\(forced.stderr)")
    let mine = { (path: String) in path.hasPrefix(".git") || path == "README.md" }
    let after = FileTreeSnapshot(root, excluding: { !mine($0) })
    #expect(after.entries.filter { $0.key != "" } == before.entries.filter { $0.key != "" }, "\(after.differences(from: before))")
    #expect(FileManager.default.fileExists(atPath: root + "/markdown/sigmoid.md"))
  }

  @Test("a symbolic link as --out is followed: the manual goes where it points, the link stays")
  func symlinkedOut() throws {
    try FileManager.default.createDirectory(atPath: root + "/real", withIntermediateDirectories: false)
    #expect(symlink("real", root + "/out") == 0)
    #expect(try generate(root + "/out").status == 0)
    let second = try generate(root + "/out", only: "relu")
    #expect(second.status == 0, "\(second.stderr)")
    var info = stat()
    #expect(lstat(root + "/out", &info) == 0 && info.st_mode & S_IFMT == S_IFLNK)
    #expect(FileManager.default.fileExists(atPath: root + "/real/markdown/relu.md"))
    #expect(!FileManager.default.fileExists(atPath: root + "/real/markdown/sigmoid.md"))
  }

  /// The user's entries of every kind the audit used, in the output folder.
  func plantUserEntries(in out: String) throws {
    let user = out + "/user"
    try FileManager.default.createDirectory(atPath: user + "/private", withIntermediateDirectories: true)
    #expect(chmod(user + "/private", 0o700) == 0)
    try put(user + "/private/key", "secret")
    try FileManager.default.createDirectory(atPath: user + "/empty", withIntermediateDirectories: false)
    #expect(mkfifo(user + "/fifo", 0o600) == 0)
    #expect(symlink("../markdown/index.md", user + "/to-file") == 0)
    #expect(symlink(root, user + "/to-folder") == 0)
    #expect(symlink("nowhere", user + "/dangling") == 0)
    try put(root + "/outside", "linked")
    #expect(link(root + "/outside", user + "/hard") == 0)
    let sparse = open(user + "/sparse", O_WRONLY | O_CREAT, 0o644)
    #expect(ftruncate(sparse, 1 << 30) == 0)
    close(sparse)
    try put(out + "/markdown/my-notes.txt", "beside the pages")
    var old = [timeval(tv_sec: 1_000_000_000, tv_usec: 0), timeval(tv_sec: 1_000_000_000, tv_usec: 0)]
    #expect(utimes(user + "/private/key", &old) == 0)
  }

  func userArea(_ out: String) -> [String: FileTreeSnapshot.Entry] {
    FileTreeSnapshot(out, excluding: { !$0.hasPrefix("user") && $0 != "markdown" && $0 != "markdown/my-notes.txt" })
      .entries.filter { $0.key != "" && $0.key != "markdown" }
  }

  @Test("FIFOs, links, hard links, sparse files, a 700 folder and old times in the folder survive runs untouched")
  func userEntriesSurvive() throws {
    let out = root + "/out"
    #expect(try generate(out).status == 0)
    try plantUserEntries(in: out)
    let before = userArea(out)
    let changed = try generate(out, only: "relu")
    #expect(changed.status == 0, "\(changed.stderr)")
    let same = try generate(out, only: "relu")
    #expect(same.status == 0)
    let after = userArea(out)
    #expect(after == before, "changed: \(Set(before.keys).union(after.keys).filter { before[$0] != after[$0] }.sorted())")
    #expect(FileManager.default.fileExists(atPath: out + "/markdown/relu.md"))
  }

  @Test(
    "another user's setuid file stays theirs (not a root-owned setuid copy)", .enabled(if: geteuid() == 0, "needs root, to give a file to nobody"))
  func setuidFileOfAnotherUser() throws {
    let out = root + "/out"
    #expect(try generate(out).status == 0)
    try put(out + "/tool", "#!/bin/sh\nid\n")
    let nobody = try #require(getpwnam("nobody")).pointee
    #expect(chown(out + "/tool", nobody.pw_uid, nobody.pw_gid) == 0)
    #expect(chmod(out + "/tool", 0o4755) == 0)
    let before = FileTreeSnapshot(out + "/tool")
    #expect(try generate(out, only: "relu").status == 0)
    let after = FileTreeSnapshot(out + "/tool")
    #expect(after == before)
    #expect(after.entries[""]?.owner == nobody.pw_uid)
    #expect(after.entries[""]?.mode == 0o4755)
  }

  @Test("two runs at once on one folder holding a 300 MB file: both succeed, one whole manual, the file intact (4 trials)")
  func twoRunsAtOnce() throws {
    // The two manuals, each written alone.
    #expect(try generate(root + "/ref-sigmoid").status == 0)
    #expect(try generate(root + "/ref-relu", only: "relu").status == 0)
    let manual = { (path: String) in self.files(path, excluding: { $0 == ".lossatlas-manifest" }) }
    let references = [manual(root + "/ref-sigmoid"), manual(root + "/ref-relu")]
    #expect(references[0] != references[1])

    let out = root + "/out"
    #expect(try generate(out).status == 0)
    let big = open(out + "/big.bin", O_WRONLY | O_CREAT, 0o644)
    #expect(pwrite(big, "start", 5, 0) == 5)
    #expect(pwrite(big, "end", 3, 300_000_000 - 3) == 3)
    close(big)
    try put(out + "/notes/mine.txt", "mine")
    let isUsers = { (path: String) in path.hasPrefix("big") || path.hasPrefix("notes") }
    let users = FileTreeSnapshot(out, excluding: { !isUsers($0) }).entries.filter { $0.key != "" }

    for trial in 1...4 {
      let a = try LaunchedCLI(["generate", "--out", out, "--only", "sigmoid", "--format", "markdown", "--quiet"])
      let b = try LaunchedCLI(["generate", "--out", out, "--only", "relu", "--format", "markdown", "--quiet"])
      let ra = try #require(a.wait(seconds: 300), "trial \(trial): a run did not finish")
      let rb = try #require(b.wait(seconds: 300), "trial \(trial): a run did not finish")
      #expect(ra.status == 0 && rb.status == 0, "trial \(trial): \(ra.stderr) \(rb.stderr)")
      let now = FileTreeSnapshot(out, excluding: { !isUsers($0) }).entries.filter { $0.key != "" }
      #expect(now == users, "trial \(trial): the user's files changed: \(Set(now.keys).union(users.keys).filter { now[$0] != users[$0] }.sorted())")
      let written = files(out, excluding: { isUsers($0) || $0 == ".lossatlas-manifest" })
      #expect(written == references[0] || written == references[1], "trial \(trial): the manual is one of the two, whole")
      // The paths of the manifest's `file` lines (in the older format, its lines).
      let lines = (text(out + "/.lossatlas-manifest") ?? "").split(separator: "\n")
      let listed = Set(
        lines.first == "lossatlas-manifest 2"
          ? lines.compactMap { line -> String? in
            let fields = line.split(separator: " ", maxSplits: 3)
            return fields.first == "file" && fields.count == 4 ? String(fields[3]) : nil
          } : lines.map(String.init))
      #expect(listed == Set(written.keys), "trial \(trial): the manifest lists exactly the manual")
    }
  }

  // MARK: - Earlier runs

  @Test("an older version's killed run (the folder renamed aside, a user's file in it) is recovered, not deleted")
  func olderVersionLeftovers() throws {
    let out = root + "/out"
    #expect(try generate(out).status == 0)
    try put(out + "/mine.txt", "my file")
    // The old writer's swap, interrupted between its two renames.
    try FileManager.default.moveItem(atPath: out, toPath: root + "/.out.lossatlas-old")
    try put(root + "/.out.lossatlas-tmp/markdown/index.md", "half-written")
    let r = try generate(out, only: "relu")
    #expect(r.status == 0, "\(r.stderr)")
    #expect(text(out + "/mine.txt") == "my file")
    #expect(r.stderr.contains("warning: recovered \(out) from \(root)/.out.lossatlas-old"), "\(r.stderr)")
    #expect(text(root + "/.out.lossatlas-tmp/markdown/index.md") == "half-written", "reported, not deleted")
    #expect(r.stderr.contains("warning: \(root)/.out.lossatlas-tmp was left by an interrupted run"))
  }

  /// Appends `entry` to the manifest in the format the manifest is in (the
  /// older format is one path a line).
  func addToManifest(_ out: String, hashed: String, plain: String) throws {
    let manifest = try #require(text(out + "/.lossatlas-manifest"))
    try put(out + "/.lossatlas-manifest", manifest + (manifest.hasPrefix("lossatlas-manifest 2\n") ? hashed : plain) + "\n")
  }

  @Test("a user's file whose name was added to the manifest is kept and reported")
  func foreignNameInTheManifest() throws {
    let out = root + "/out"
    #expect(try generate(out).status == 0)
    try put(out + "/CNAME", "example.org")
    try addToManifest(out, hashed: "unverified CNAME", plain: "CNAME")
    let r = try generate(out, only: "relu")
    #expect(r.status == 0)
    #expect(text(out + "/CNAME") == "example.org")
    #expect(r.stderr.contains("warning: kept \(out)/CNAME"), "\(r.stderr)")
  }

  @Test("a manifest naming ../x is rejected whole, and x is untouched")
  func manifestLeavingTheFolder() throws {
    let out = root + "/out"
    #expect(try generate(out).status == 0)
    try put(root + "/x", "outside")
    try addToManifest(out, hashed: "file \(String(repeating: "0", count: 64)) 7 ../x", plain: "../x")
    let before = FileTreeSnapshot(root)
    let r = try generate(out, only: "relu")
    #expect(r.status == 1)
    #expect(r.stderr.contains("the manifest \(out)/.lossatlas-manifest is damaged: line"), "\(r.stderr)")
    #expect(r.stderr.contains("names '../x'"))
    #expect(FileTreeSnapshot(root) == before)
  }
}
