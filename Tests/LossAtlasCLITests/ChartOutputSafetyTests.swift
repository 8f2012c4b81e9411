import Foundation
import TestSupport
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// `lossatlas chart --out` writes only to a regular file or a new path: a
/// device, FIFO, symbolic link, folder or read-only file is refused with a
/// message naming it and left exactly as it was; the temporary file cannot
/// be hijacked by a planted link; the result has the mode a normal write
/// gives.
@Suite final class ChartOutputSafetyTests {
  let folder: URL = {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("lossatlas-chart-safety-\(UUID().uuidString)")
    try! FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
  }()
  var root: String { folder.path }

  deinit {
    try? FileManager.default.removeItem(at: folder)
  }

  func chart(_ out: String) throws -> LaunchedCLI.Outcome {
    try #require(try LaunchedCLI.run(["chart", "sigmoid", "--out", out], seconds: 120), "chart did not finish within 2 minutes")
  }

  func put(_ path: String, _ text: String) throws {
    try text.write(toFile: path, atomically: false, encoding: .utf8)
  }

  func text(_ path: String) -> String? { try? String(contentsOfFile: path, encoding: .utf8) }

  func names() -> [String] { ((try? FileManager.default.contentsOfDirectory(atPath: root)) ?? []).sorted() }

  /// The process's umask, read without changing it (umask(2) would, for
  /// every thread of the test runner).
  func currentUmask() throws -> mode_t {
    let status = try String(contentsOfFile: "/proc/self/status", encoding: .utf8)
    let line = try #require(status.split(separator: "\n").first { $0.hasPrefix("Umask:") })
    return try #require(mode_t(line.dropFirst("Umask:".count).trimmingCharacters(in: .whitespaces), radix: 8))
  }

  @Test("/dev/null is refused and stays a device", .enabled(if: geteuid() == 0, "as another user, /dev is not writable anyway"))
  func devNull() throws {
    var before = stat()
    #expect(stat("/dev/null", &before) == 0 && before.st_mode & S_IFMT == S_IFCHR)
    let r = try chart("/dev/null")
    #expect(r.status == 1)
    #expect(r.stderr == "error: cannot write /dev/null: it is a device: LossAtlas writes only to a regular file or a new path\n")
    var after = stat()
    #expect(stat("/dev/null", &after) == 0)
    #expect(after.st_mode == before.st_mode && after.st_rdev == before.st_rdev && after.st_ino == before.st_ino)
  }

  @Test("a device node of one's own is refused too", .enabled(if: geteuid() == 0, "mknod needs root"))
  func deviceNode() throws {
    var null = stat()
    #expect(stat("/dev/null", &null) == 0)
    let node = root + "/null"
    #expect(mknod(node, S_IFCHR | 0o666, null.st_rdev) == 0)
    let before = FileTreeSnapshot(root)
    let r = try chart(node)
    #expect(r.status == 1 && r.stderr.contains("\(node): it is a device"))
    #expect(FileTreeSnapshot(root) == before)
  }

  @Test("a FIFO is refused without waiting on it, and stays a FIFO")
  func fifo() throws {
    let fifo = root + "/chart.png"
    #expect(mkfifo(fifo, 0o644) == 0)
    let before = FileTreeSnapshot(root)
    let r = try chart(fifo)
    #expect(r.status == 1)
    #expect(r.stderr == "error: cannot write \(fifo): it is a FIFO (named pipe): LossAtlas writes only to a regular file or a new path\n")
    #expect(FileTreeSnapshot(root) == before)
  }

  @Test("a symbolic link (to a file, or dangling) is refused; what it points to is untouched")
  func symbolicLinks() throws {
    try put(root + "/victim", "precious")
    #expect(symlink(root + "/victim", root + "/to-file.png") == 0)
    #expect(symlink(root + "/nowhere.png", root + "/dangling.png") == 0)
    let before = FileTreeSnapshot(root)
    for link in ["to-file.png", "dangling.png"] {
      let r = try chart(root + "/" + link)
      #expect(r.status == 1)
      #expect(r.stderr.hasPrefix("error: cannot write \(root)/\(link): it is a symbolic link: LossAtlas writes only to a regular file or a new path"))
    }
    #expect(FileTreeSnapshot(root) == before, "no file created at the link's target, nothing changed")
  }

  @Test("a read-only file is refused, even for root")
  func readOnly() throws {
    let file = root + "/chart.png"
    try put(file, "keep me")
    #expect(chmod(file, 0o444) == 0)
    let before = FileTreeSnapshot(root)
    let r = try chart(file)
    #expect(r.status == 1)
    #expect(r.stderr.hasPrefix("error: cannot write \(file): it is read-only"))
    #expect(FileTreeSnapshot(root) == before)
  }

  @Test("a planted link at the old temporary name (.NAME.lossatlas-tmp-PID) is not followed")
  func plantedTemporaryLink() throws {
    try put(root + "/victim", "precious")
    // The old name used the process id: plant one for each of the next
    // 5000 ids the kernel hands out.
    let last = Int((try String(contentsOfFile: "/proc/sys/kernel/ns_last_pid", encoding: .utf8)).trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0
    for pid in last + 1...last + 5000 {
      #expect(symlink(root + "/victim", root + "/.sigmoid.png.lossatlas-tmp-\(pid)") == 0)
    }
    let r = try chart(root + "/sigmoid.png")
    #expect(r.status == 0, "\(r.stderr)")
    #expect(text(root + "/victim") == "precious")
    var info = stat()
    #expect(lstat(root + "/sigmoid.png", &info) == 0 && info.st_mode & S_IFMT == S_IFREG)
    #expect(names().count == 5002, "only sigmoid.png is new; every planted link is still there")
  }

  @Test("a new file gets 0666 less the umask; a replaced file keeps its mode")
  func modes() throws {
    let new = root + "/new.png"
    #expect(try chart(new).status == 0)
    var info = stat()
    #expect(stat(new, &info) == 0)
    #expect(info.st_mode & 0o7777 == 0o666 & ~(try currentUmask()))
    let existing = root + "/existing.png"
    try put(existing, "old")
    #expect(chmod(existing, 0o640) == 0)
    #expect(try chart(existing).status == 0)
    #expect(stat(existing, &info) == 0 && info.st_mode & 0o7777 == 0o640)
    #expect(try Data(contentsOf: URL(fileURLWithPath: existing)).prefix(4) == Data([0x89, 0x50, 0x4E, 0x47]))
    #expect(names() == ["existing.png", "new.png"], "no temporary file left")
  }
}
