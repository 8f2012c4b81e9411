import Foundation
import TestSupport
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// The Chinese edition's folder attacked (attack16): zh/ in the way, a
/// read-only zh/. The run stops before its first write, with one message
/// that lists each path in the way on a line of its own. Each run writes a
/// small manual (sigmoid, Markdown).
@Suite final class GenerateEditionHardeningTests {
  let folder: URL = {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("lossatlas-zh-hardening-\(UUID().uuidString)")
    try! FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
  }()
  var root: String { folder.path }

  deinit {
    try? FileManager.default.removeItem(at: folder)
  }

  func generate(_ out: String, _ lang: String) throws -> LaunchedCLI.Outcome {
    try #require(
      try LaunchedCLI.run(["generate", "--out", out, "--only", "sigmoid", "--format", "markdown", "--quiet", "--lang", lang]),
      "generate did not finish within 5 minutes")
  }

  /// Every regular file under `path` and its bytes.
  func files(_ path: String) -> [String: Data] {
    var result: [String: Data] = [:]
    for (relative, entry) in FileTreeSnapshot(path).entries where entry.kind == UInt32(S_IFREG) {
      result[relative] = FileManager.default.contents(atPath: path + "/" + relative)
    }
    return result
  }

  @Test(
    "zh/ as a symbolic link, a FIFO or a file: refused, the path on a line of its own (not '\\n' in one line), nothing written",
    arguments: ["link", "fifo", "file"])
  func zhInTheWay(kind: String) throws {
    let out = root + "/out-\(kind)"
    let english = try generate(out, "en")
    #expect(english.status == 0, "\(english.stderr)")
    let elsewhere = root + "/elsewhere-\(kind)"
    try FileManager.default.createDirectory(atPath: elsewhere, withIntermediateDirectories: false)
    switch kind {
    case "link": try FileManager.default.createSymbolicLink(atPath: out + "/zh", withDestinationPath: elsewhere)
    case "fifo": #expect(mkfifo(out + "/zh", 0o644) == 0)
    default: try "mine".write(toFile: out + "/zh", atomically: false, encoding: .utf8)
    }
    let before = files(out)
    let r = try generate(out, "all")
    #expect(r.status == 1)
    let lines = r.stderr.split(separator: "\n").map(String.init)
    #expect(lines.first == "error: nothing was written to \(out): a path is in the way", "\(r.stderr)")
    let what = ["link": "a symbolic link", "fifo": "a FIFO (named pipe)", "file": "a file"][kind]!
    #expect(lines.dropFirst().first?.hasPrefix("  \(out)/zh is \(what), not a folder") == true, "\(r.stderr)")
    #expect(!r.stderr.contains("\\n"), "a line break printed as \\n: \(r.stderr)")
    #expect(files(out) == before, "the run changed the folder")
    #expect(try FileManager.default.contentsOfDirectory(atPath: elsewhere).isEmpty)
  }

  /// Makes `path` read-only for this process: 0555 for a user, a read-only
  /// bind mount for root (whom permission bits do not stop). Returns the
  /// undo, or nil where that cannot be done (root without mount rights).
  func makeReadOnly(_ path: String) -> (() -> Void)? {
    if geteuid() != 0 {
      guard chmod(path, 0o555) == 0 else { return nil }
      return { _ = chmod(path, 0o755) }
    }
    func mount(_ arguments: [String]) -> Bool {
      let p = Process()
      p.executableURL = URL(fileURLWithPath: "/bin/mount")
      p.arguments = arguments
      p.standardError = FileHandle.nullDevice
      guard (try? p.run()) != nil else { return false }
      p.waitUntilExit()
      return p.terminationStatus == 0
    }
    func unmount() {
      let p = Process()
      p.executableURL = URL(fileURLWithPath: "/bin/umount")
      p.arguments = [path]
      try? p.run()
      p.waitUntilExit()
    }
    guard mount(["--bind", path, path]) else { return nil }
    guard mount(["-o", "remount,bind,ro", path]) else {
      unmount()
      return nil
    }
    return unmount
  }

  @Test("a read-only zh/markdown: refused before the first write (the manifest too is untouched), naming the folder")
  func readOnlyChineseFolder() throws {
    let out = root + "/out-ro"
    let first = try generate(out, "all")
    #expect(first.status == 0, "\(first.stderr)")
    // The next run must write there: a page of the Chinese edition is gone.
    try FileManager.default.removeItem(atPath: out + "/zh/markdown/index.md")
    // Root without the right to mount (a container) cannot make it
    // read-only for itself: nothing to test there.
    guard let undo = makeReadOnly(out + "/zh/markdown") else { return }
    defer { undo() }
    let before = files(out)
    let r = try generate(out, "all")
    #expect(r.status == 1)
    #expect(r.stderr.contains("error: nothing was written to \(out): a path is in the way"), "\(r.stderr)")
    #expect(r.stderr.contains("  \(out)/zh/markdown is read-only ("), "\(r.stderr)")
    #expect(files(out) == before, "the run wrote something (the manifest of intent?) before failing")
  }

  /// `generate` under strace(1), which sends SIGINT to it at its `when`-th
  /// `renameat2` (the first is the manifest of intent going in, by
  /// exchange with the old manifest). Nil where strace is missing.
  func interruptedGenerate(_ out: String, only: String, atRename when: Int) throws -> Int32? {
    guard FileManager.default.isExecutableFile(atPath: "/usr/bin/strace") else { return nil }
    let p = Process()
    p.executableURL = URL(fileURLWithPath: "/usr/bin/strace")
    p.arguments = [
      "-f", "-qq", "-o", "/dev/null", "-e", "trace=renameat2", "-e", "inject=renameat2:signal=SIGINT:when=\(when)",
      CLIRunner.executable.path, "generate", "--out", out, "--only", only, "--format", "markdown", "--quiet", "--lang", "all",
    ]
    p.standardOutput = FileHandle.nullDevice
    p.standardError = FileHandle.nullDevice
    try p.run()
    p.waitUntilExit()
    // strace may lack the right to trace (a container without ptrace).
    return p.terminationReason == .uncaughtSignal ? p.terminationStatus : nil
  }

  @Test(
    "Ctrl-C while the files are renamed into place: the run ends (SIGINT) once the folder is whole; no .lossatlas-tmp- file is left, not even after the next run",
    arguments: [1, 3, 12])
  func interruptedWhileWriting(atRename when: Int) throws {
    let out = root + "/out-int-\(when)"
    let first = try generate(out, "all")
    #expect(first.status == 0, "\(first.stderr)")
    // sigmoid,relu: new pages, and the index pages replaced (by exchange).
    guard let signal = try interruptedGenerate(out, only: "sigmoid,relu", atRename: when) else { return }
    #expect(signal == SIGINT, "ended by signal \(signal)")
    let leftovers = FileTreeSnapshot(out).entries.keys.filter { $0.split(separator: "/").last!.hasPrefix(".lossatlas-tmp-") }
    #expect(leftovers.isEmpty, "left behind: \(leftovers.sorted())")
    // The interrupted run finished its write: the folder is the manual of sigmoid and relu.
    let reference = root + "/reference-\(when)"
    let fresh = try #require(
      try LaunchedCLI.run(["generate", "--out", reference, "--only", "sigmoid,relu", "--format", "markdown", "--quiet", "--lang", "all"]))
    #expect(fresh.status == 0)
    let manifest = ".lossatlas-manifest"
    #expect(files(out).filter { $0.key != manifest } == files(reference).filter { $0.key != manifest })
    let again = try generate(out, "all")
    #expect(again.status == 0 && again.stderr.isEmpty, "\(again.stderr)")
  }

  @Test(
    "a user function whose id is the name of one of the manual's pages ('methods'; 'Index', one file with index.md on macOS) is refused, naming the id, its line and the path; nothing is written",
    arguments: ["methods", "Index", "errata", "glossary", "README"])
  func userIDNamesAPage(id: String) throws {
    let path = root + "/functions-\(id).yaml"
    try "functions:\n  - id: \(id)\n    arguments: [x]\n    value: \"x^2\"\n".write(toFile: path, atomically: false, encoding: .utf8)
    let out = root + "/out-id-\(id)"
    let r = try #require(
      try LaunchedCLI.run(["generate", "--out", out, "--functions", path, "--only", "sigmoid", "--format", "markdown", "--quiet", "--lang", "en"]))
    #expect(r.status == 64)
    let page = id == "methods" ? "methods" : "index"
    #expect(
      r.stderr == "error: the id '\(id)' of the user function at \(path):2 is also the name of the manual's own markdown/\(page).md: choose another id\n"
        || r.stderr == "error: the id '\(id)' of the user function at \(path):2 is also the name of the manual's own markdown/\(id).md: choose another id\n",
      "\(r.stderr)")
    #expect(!FileManager.default.fileExists(atPath: out))
  }

  /// Runs generate (Markdown, English, `--only sigmoid`) with one user
  /// function whose id is `id`, in `format`.
  func generateWithUserID(_ id: String, format: String = "markdown") throws -> (LaunchedCLI.Outcome, path: String, out: String) {
    let path = root + "/functions-\(id).yaml"
    try "functions:\n  - id: \(id)\n    arguments: [x]\n    value: \"x^2\"\n".write(toFile: path, atomically: false, encoding: .utf8)
    let out = root + "/out-id-\(id)"
    let r = try #require(
      try LaunchedCLI.run(
        ["generate", "--out", out, "--functions", path, "--only", "sigmoid", "--format", format, "--quiet", "--lang", "en"]))
    return (r, path, out)
  }

  /// The manual's names are known before any analysis (ManualNames): a
  /// figure of a function that `--only sigmoid` leaves out ('family-elu-alpha',
  /// 'compare-shrink') is refused all the same, so that one functions file is
  /// accepted or refused for every run alike. Before the early check these
  /// runs succeeded (the late check saw no second file).
  @Test(
    "a user function named after one of the manual's figures is refused before the analysis, whatever --only selects",
    arguments: [
      ("gain", "markdown/figures/gain.png"), ("family-elu-alpha", "markdown/figures/family-elu-alpha.png"),
      ("compare-shrink", "markdown/compare-shrink.md"), ("GLU-Surface", "markdown/figures/glu-surface.png"),
    ])
  func userIDNamesAFigure(id: String, manualPath: String) throws {
    let (r, path, out) = try generateWithUserID(id)
    #expect(r.status == 64)
    #expect(
      r.stderr == "error: the id '\(id)' of the user function at \(path):2 is also the name of the manual's own \(manualPath): choose another id\n",
      "\(r.stderr)")
    #expect(!FileManager.default.fileExists(atPath: out))
  }

  @Test("an id of the form <id>-narrow takes that figure's SVG for phones (HTML only); precision-<id> is kept for the catalog's precision figures")
  func narrowAndPrecisionIDs() throws {
    let (narrow, narrowPath, _) = try generateWithUserID("depth-narrow", format: "html")
    #expect(narrow.status == 64)
    #expect(
      narrow.stderr
        == "error: the id 'depth-narrow' of the user function at \(narrowPath):2 is also the name of the manual's own html/figures/depth-narrow.svg: choose another id\n",
      "\(narrow.stderr)")
    let (precision, precisionPath, out) = try generateWithUserID("precision-relu")
    #expect(precision.status == 64)
    #expect(
      precision.stderr
        == "error: the id 'precision-relu' of the user function at \(precisionPath):2 is also the name of the manual's own markdown/figures/precision-relu.png (the precision figure of relu, drawn where its value rounds to a limit): choose another id\n",
      "\(precision.stderr)")
    #expect(!FileManager.default.fileExists(atPath: out))
  }
}
