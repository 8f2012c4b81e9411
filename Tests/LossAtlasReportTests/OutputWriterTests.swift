import Foundation
@testable import LossAtlasReport
import Testing
import TestSupport

#if canImport(Glibc)
  import Glibc
#endif

/// The writer against real folders: it writes the manual's files and
/// nothing else, deletes only what it wrote (by hash), refuses links,
/// FIFOs and devices, validates its manifest, and takes a lock.
@Suite final class OutputWriterTests {
  let root: String = {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("lossatlas-writer-\(UUID().uuidString)")
    try! FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url.path
  }()
  var out: String { root + "/out" }

  deinit {
    try? FileManager.default.removeItem(atPath: root)
  }

  func read(_ relative: String) -> String? {
    try? String(contentsOfFile: out + "/" + relative, encoding: .utf8)
  }

  func put(_ relative: String, _ text: String, under base: String? = nil) throws {
    let path = (base ?? out) + "/" + relative
    try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
    try text.write(toFile: path, atomically: false, encoding: .utf8)
  }

  func names(_ folder: String) -> [String] {
    ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).sorted()
  }

  func kind(_ path: String) -> mode_t? {
    var info = stat()
    return lstat(path, &info) == 0 ? info.st_mode & S_IFMT : nil
  }

  /// The manual's two runs in these tests.
  let first = [OutputFile(path: "a.md", text: "A1"), OutputFile(path: "html/b.html", text: "B1"), OutputFile(path: "old.md", text: "old")]
  let second = [OutputFile(path: "a.md", text: "A2"), OutputFile(path: "html/b.html", text: "B1")]

  // MARK: - The manifest

  @Test func writesTheFilesAndAManifestWithTheirHashes() throws {
    try OutputWriter.write([OutputFile(path: "a.md", text: "A"), OutputFile(path: "figures/b.png", text: "BB")], to: out)
    #expect(read("a.md") == "A")
    #expect(read("figures/b.png") == "BB")
    // Hashes from sha256sum(1), an independent implementation.
    #expect(
      read(".lossatlas-manifest")
        == "lossatlas-manifest 2\nfolder figures\nfile \(try sha256sum("A")) 1 a.md\nfile \(try sha256sum("BB")) 2 figures/b.png\n")
    #expect(names(out) == [".lossatlas-manifest", "a.md", "figures"], "no lock file and no temporary file is left")
  }

  @Test func aRunThatChangesNothingWritesNothing() throws {
    try OutputWriter.write(first, to: out)
    let before = FileTreeSnapshot(out)
    usleep(20_000)  // a write now would show in the modification times
    try OutputWriter.write(first, to: out)
    #expect(FileTreeSnapshot(out).contents == before.contents, "\(FileTreeSnapshot(out).differences(from: before))")
  }

  @Test func aChangedFileIsReplacedAStaleOneDeletedTheRestUntouched() throws {
    try OutputWriter.write(first, to: out)
    let unchanged = FileTreeSnapshot(out + "/html")
    let oldA = FileTreeSnapshot(out + "/a.md").entries[""]
    try OutputWriter.write(second, to: out)
    #expect(read("a.md") == "A2")
    #expect(FileTreeSnapshot(out + "/a.md").entries[""]?.inode != oldA?.inode, "replaced by rename: a new file")
    #expect(read("old.md") == nil, "a file of the previous manual, unchanged since, is deleted")
    #expect(FileTreeSnapshot(out + "/html") == unchanged, "same bytes: not written, same inode and time")
  }

  @Test func aStaleFileThatWasEditedIsKeptAndReported() throws {
    try OutputWriter.write(first, to: out)
    try put("old.md", "my notes")
    let report = try OutputWriter.write(second, to: out)
    #expect(read("old.md") == "my notes")
    #expect(report.notes == ["kept \(out)/old.md, listed in the previous manifest: it changed since LossAtlas wrote it"])
    // No longer listed: it is the user's now, and is not reported again.
    #expect(read(".lossatlas-manifest")?.contains("old.md") == false)
    #expect(try OutputWriter.write(second, to: out).notes.isEmpty)
    #expect(read("old.md") == "my notes")
  }

  @Test func anEditedGeneratedFileStopsTheRunUnlessForced() throws {
    try OutputWriter.write(first, to: out)
    try put("a.md", "my edit")
    let before = FileTreeSnapshot(out)
    do {
      try OutputWriter.write(second, to: out)
      Issue.record("an edited generated file must stop the run")
    } catch let error as OutputError {
      #expect(error.description.contains("\(out)/a.md changed since LossAtlas wrote it (move it away, or run with --force to replace it)"))
    }
    #expect(FileTreeSnapshot(out).contents == before.contents, "nothing written, nothing deleted")
    let report = try OutputWriter.write(second, to: out, force: true)
    #expect(read("a.md") == "A2")
    #expect(report.notes == ["replaced \(out)/a.md, which changed since LossAtlas wrote it (--force)"])
  }

  @Test func aFileLossAtlasDidNotWriteIsNotReplacedUnlessForced() throws {
    try OutputWriter.write(second, to: out)
    try put("old.md", "mine")
    let before = FileTreeSnapshot(out)
    #expect(throws: OutputError.self) { try OutputWriter.write(first, to: out) }
    #expect(FileTreeSnapshot(out).contents == before.contents)
    try OutputWriter.write(first, to: out, force: true)
    #expect(read("old.md") == "old")
  }

  @Test func namesAddedToTheManifestAreKeptAndReported() throws {
    try OutputWriter.write(first, to: out)
    try put("CNAME", "example.org")
    try put("photo.jpg", "JPEG")
    // A line naming a user's file with the hash of other bytes, and one
    // without a hash.
    let manifest = read(".lossatlas-manifest")! + "file \(try sha256sum("other")) 5 CNAME\nunverified photo.jpg\n"
    try put(".lossatlas-manifest", manifest)
    let report = try OutputWriter.write(second, to: out)
    #expect(read("CNAME") == "example.org")
    #expect(read("photo.jpg") == "JPEG")
    #expect(report.notes.contains("kept \(out)/CNAME, listed in the previous manifest: it changed since LossAtlas wrote it"))
    #expect(report.notes.contains { $0.hasPrefix("kept \(out)/photo.jpg, listed by an older LossAtlas without a hash") })
    #expect(read("old.md") == nil, "its own stale file still goes")
  }

  @Test(arguments: [
    ("../x", "has a '..' component"), ("/etc/passwd", "is an absolute path"), ("a/../../x", "has a '..' component"),
    (".git/config", "is inside a .git folder"), ("a//b", "has an empty component"), ("a\u{1b}[2Jb", "holds a control character"),
  ])
  func aManifestLineOutsideTheFolderIsRefused(line: String, reason: String) throws {
    try OutputWriter.write(first, to: out)
    try put("x", "outside", under: root)
    let manifest = read(".lossatlas-manifest")! + "file \(try sha256sum("outside")) 7 \(line)\n"
    try put(".lossatlas-manifest", manifest)
    let before = FileTreeSnapshot(root)
    do {
      try OutputWriter.write(second, to: out)
      Issue.record("a damaged manifest must be refused")
    } catch let error as OutputError {
      let number = manifest.split(separator: "\n").count
      #expect(error.description.contains("the manifest \(out)/.lossatlas-manifest is damaged: line \(number) names"))
      #expect(error.description.contains(reason))
      #expect(!error.description.contains("\u{1b}"), "control characters are escaped")
    }
    #expect(FileTreeSnapshot(root).contents.filter { $0.key != "out" } == before.contents.filter { $0.key != "out" },
      "nothing written or deleted, inside the folder or out")
  }

  @Test func aVersion1ManifestReplacesItsFilesAndKeepsTheRest() throws {
    try put("a.md", "A0")
    try put("old.md", "old")
    try put(".lossatlas-manifest", "a.md\nold.md\n")
    let report = try OutputWriter.write(second, to: out)
    #expect(read("a.md") == "A2")
    #expect(read("old.md") == "old", "no hash: never deleted")
    #expect(report.notes.count == 1 && report.notes[0].hasPrefix("kept \(out)/old.md, listed by an older LossAtlas without a hash"))
    #expect(read(".lossatlas-manifest")?.hasPrefix("lossatlas-manifest 2\n") == true)
  }

  // MARK: - The output folder

  @Test func aFolderWithoutAManifestIsRefusedUnlessForced() throws {
    try put("notes.txt", "mine")
    try put("site/index.html", "my site")
    let before = FileTreeSnapshot(out)
    do {
      try OutputWriter.write(first, to: out)
      Issue.record("a non-empty folder without a manifest must be refused")
    } catch let error as OutputError {
      #expect(error.description.hasPrefix("\(out) is not empty (notes.txt, site) and has no LossAtlas manifest"))
      #expect(error.description.contains("--force"))
    }
    #expect(FileTreeSnapshot(out).contents == before.contents)
    try OutputWriter.write(first, to: out, force: true)
    #expect(read("a.md") == "A1")
    #expect(FileTreeSnapshot(out, excluding: { !$0.hasPrefix("notes") && !$0.hasPrefix("site") }).entries.filter { $0.key != "" }
      == before.entries.filter { $0.key != "" })
  }

  @Test func anEmptyFolderAndANewOneAreUsed() throws {
    try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: false)
    try OutputWriter.write(first, to: out)
    #expect(read("a.md") == "A1")
    try OutputWriter.write(first, to: root + "/new")
    #expect((try? String(contentsOfFile: root + "/new/a.md", encoding: .utf8)) == "A1")
  }

  @Test func aMissingParentIsAClearErrorBeforeAnything() throws {
    let target = root + "/missing/out"
    do {
      try OutputWriter.preflight(target, force: false)
      Issue.record("a missing parent must be refused")
    } catch let error as OutputError {
      #expect(
        error.description
          == "the folder \(root)/missing, where the output folder \(target) would go, does not exist (LossAtlas creates the output folder, not its parents)"
      )
    }
    #expect(throws: OutputError.self) { try OutputWriter.write(first, to: target) }
    #expect(names(root).isEmpty)
  }

  @Test func anOutputPathThatIsAFileIsAClearError() throws {
    try put("not-a-folder", "x", under: root)
    let file = root + "/not-a-folder"
    do {
      try OutputWriter.write(first, to: file)
      Issue.record("writing into a file should fail")
    } catch let error as OutputError {
      #expect(error.description == "the output path \(file) is a file, not a folder: choose another --out")
    }
    #expect(try String(contentsOfFile: file, encoding: .utf8) == "x")
  }

  @Test func aSymbolicLinkToAFolderIsFollowedAndKept() throws {
    try FileManager.default.createDirectory(atPath: root + "/real", withIntermediateDirectories: false)
    #expect(symlink("real", out) == 0)
    try OutputWriter.write(first, to: out)
    try OutputWriter.write(second, to: out + "/")  // with a slash, the same
    #expect(kind(out) == S_IFLNK, "the link is still a link")
    #expect((try? String(contentsOfFile: root + "/real/a.md", encoding: .utf8)) == "A2", "the manual is where it points")
    #expect(names(root) == ["out", "real"])
  }

  @Test func aDanglingLinkOrALinkToAFileIsRefused() throws {
    #expect(symlink("nowhere", out) == 0)
    do {
      try OutputWriter.write(first, to: out)
      Issue.record("a dangling link must be refused")
    } catch let error as OutputError {
      #expect(error.description.hasPrefix("the output path \(out) is a symbolic link to nowhere, which does not exist"))
    }
    #expect(names(root) == ["out"], "its target is not created")
    try put("file", "x", under: root)
    #expect(symlink("file", root + "/out2") == 0)
    #expect(throws: OutputError.self) { try OutputWriter.write(first, to: root + "/out2") }
  }

  // MARK: - What is in the way

  @Test func linksFIFOsAndFoldersAtTheManualsPathsAreRefusedEvenWithForce() throws {
    try OutputWriter.write([OutputFile(path: "c.md", text: "C")], to: out)
    try put("victim", "precious", under: root)
    try FileManager.default.createDirectory(atPath: root + "/elsewhere", withIntermediateDirectories: false)
    #expect(symlink(root + "/victim", out + "/a.md") == 0)
    #expect(symlink(root + "/elsewhere", out + "/html") == 0)
    #expect(mkfifo(out + "/old.md", 0o644) == 0)
    let before = FileTreeSnapshot(root)
    for force in [false, true] {
      do {
        try OutputWriter.write(first, to: out, force: force)
        Issue.record("must be refused")
      } catch let error as OutputError {
        let text = error.description
        #expect(text.hasPrefix("nothing was written to \(out): 3 paths are in the way"))
        #expect(text.contains("\(out)/a.md is a symbolic link"))
        #expect(text.contains("\(out)/html is a symbolic link, not a folder"))
        #expect(text.contains("\(out)/old.md is a FIFO (named pipe)"))
      }
      #expect(FileTreeSnapshot(root).contents.filter { $0.key != "out" } == before.contents.filter { $0.key != "out" },
        "\(FileTreeSnapshot(root).differences(from: before))")
    }
  }

  @Test func aFolderOfTheManualReplacedByALinkIsNotWrittenThrough() throws {
    try OutputWriter.write(first, to: out)
    try FileManager.default.moveItem(atPath: out + "/html", toPath: root + "/moved")
    #expect(symlink(root + "/moved", out + "/html") == 0)
    let moved = FileTreeSnapshot(root + "/moved")
    #expect(throws: OutputError.self) { try OutputWriter.write(second, to: out) }
    #expect(FileTreeSnapshot(root + "/moved") == moved)
  }

  @Test func theUsersEntriesInTheFolderAreNeverTouched() throws {
    try OutputWriter.write(first, to: out)
    let user = out + "/user"
    try FileManager.default.createDirectory(atPath: user + "/private", withIntermediateDirectories: true)
    #expect(chmod(user + "/private", 0o700) == 0)
    try put("user/private/key", "secret")
    try FileManager.default.createDirectory(atPath: user + "/empty", withIntermediateDirectories: false)
    #expect(mkfifo(user + "/fifo", 0o600) == 0)
    #expect(symlink("../a.md", user + "/to-file") == 0)
    #expect(symlink(root, user + "/to-folder") == 0)
    #expect(symlink("nowhere", user + "/dangling") == 0)
    try put("outside", "linked", under: root)
    #expect(link(root + "/outside", user + "/hard") == 0)
    let sparse = open(user + "/sparse", O_WRONLY | O_CREAT, 0o644)
    #expect(ftruncate(sparse, 1 << 30) == 0)
    close(sparse)
    try put("html/my-notes.txt", "in a folder of the manual")
    var old = [timeval(tv_sec: 1_000_000_000, tv_usec: 0), timeval(tv_sec: 1_000_000_000, tv_usec: 0)]
    #expect(utimes(user + "/private/key", &old) == 0)
    let userArea = { FileTreeSnapshot(self.out, excluding: { !$0.hasPrefix("user") && $0 != "html" && !$0.hasPrefix("html/my") }) }
    let before = userArea()
    try OutputWriter.write(second, to: out)
    try OutputWriter.write([OutputFile(path: "z.md", text: "Z")], to: out)
    let after = userArea()
    #expect(after.entries.filter { $0.key != "" && $0.key != "html" } == before.entries.filter { $0.key != "" && $0.key != "html" },
      "\(after.differences(from: before))")
    #expect(read("html/my-notes.txt") == "in a folder of the manual")
    #expect(kind(out + "/html") == S_IFDIR, "a folder of the manual that holds a user's file stays")
    #expect(read("a.md") == nil && read("z.md") == "Z")
  }

  @Test(.enabled(if: geteuid() == 0, "needs root, to give a file to nobody"))
  func anotherUsersSetuidFileStaysTheirs() throws {
    try OutputWriter.write(first, to: out)
    try put("tool", "#!/bin/sh\n")
    let nobody = try #require(getpwnam("nobody")).pointee
    #expect(chown(out + "/tool", nobody.pw_uid, nobody.pw_gid) == 0)
    #expect(chmod(out + "/tool", 0o4755) == 0)
    let before = FileTreeSnapshot(out + "/tool")
    try OutputWriter.write(second, to: out)
    let after = FileTreeSnapshot(out + "/tool")
    #expect(after == before)
    #expect(after.entries[""]?.owner == nobody.pw_uid && after.entries[""]?.mode == 0o4755)
  }

  @Test func foldersLossAtlasMadeGoWhenEmptyAndStayWhenNot() throws {
    try OutputWriter.write(first + [OutputFile(path: "deep/er/c.md", text: "C"), OutputFile(path: "kept/d.md", text: "D")], to: out)
    try put("kept/mine.txt", "mine")
    try FileManager.default.createDirectory(atPath: out + "/users-own", withIntermediateDirectories: false)
    try OutputWriter.write(second, to: out)
    #expect(kind(out + "/deep") == nil, "made by LossAtlas, emptied: removed")
    #expect(read("kept/mine.txt") == "mine")
    #expect(kind(out + "/users-own") == S_IFDIR)
    #expect(read(".lossatlas-manifest")?.contains("folder kept\n") == true, "still LossAtlas's: removed once empty")
    try FileManager.default.removeItem(atPath: out + "/kept/mine.txt")
    try OutputWriter.write(second, to: out)
    #expect(kind(out + "/kept") == nil)
  }

  @Test func aFoldersModeIsKept() throws {
    try OutputWriter.write(first, to: out)
    #expect(chmod(out + "/html", 0o700) == 0)
    try OutputWriter.write(first.map { OutputFile(path: $0.path, text: "new") }, to: out)
    #expect(FileTreeSnapshot(out + "/html").entries[""]?.mode == 0o700)
  }

  // MARK: - Interrupted runs

  @Test func whatAKilledRunLeavesIsRecognised() throws {
    try OutputWriter.write(first, to: out)
    // The state a run writing `second` leaves when killed after renaming
    // a.md: its manifest of intent lists the old and new bytes of each
    // path and the temporary files; one temporary file is complete, one
    // was cut short.
    let a1 = try sha256sum("A1")
    let a2 = try sha256sum("A2")
    let b1 = try sha256sum("B1")
    let old = try sha256sum("old")
    try put("a.md", "A2")
    try put("html/.lossatlas-tmp-complete0000000", "B1")
    try put(".lossatlas-tmp-cutshort000000000", "A")
    try put(
      ".lossatlas-manifest",
      """
      lossatlas-manifest 2
      folder html
      file \(a1) 2 a.md
      file \(a2) 2 a.md
      file \(b1) 2 html/b.html
      file \(b1) 2 html/.lossatlas-tmp-complete0000000
      file \(a2) 2 .lossatlas-tmp-cutshort000000000
      file \(old) 3 old.md

      """)
    let report = try OutputWriter.write(second, to: out)
    #expect(names(out + "/html") == ["b.html"], "the complete temporary file is removed")
    #expect(read(".lossatlas-tmp-cutshort000000000") == "A", "one that does not hold what was written is kept")
    #expect(report.notes == ["kept \(out)/.lossatlas-tmp-cutshort000000000, listed in the previous manifest: it changed since LossAtlas wrote it"])
    #expect(read("a.md") == "A2" && read("old.md") == nil)
    #expect(read(".lossatlas-manifest") == "lossatlas-manifest 2\nfolder html\nfile \(a2) 2 a.md\nfile \(b1) 2 html/b.html\n")
  }

  @Test func aWrongHashInAnEditedManifestCanOnlyKeepAFile() throws {
    try OutputWriter.write(first, to: out)
    // The record of an unchanged file is carried over to the next manifest
    // without hashing the file again: a wrong one must never lead to a loss.
    let manifest = read(".lossatlas-manifest")!.replacingOccurrences(of: try sha256sum("old"), with: try sha256sum("xyz"))
    try put(".lossatlas-manifest", manifest)
    try OutputWriter.write(first, to: out)
    let report = try OutputWriter.write(second, to: out)
    #expect(read("old.md") == "old", "kept: its bytes are not what the manifest says LossAtlas wrote")
    #expect(report.notes == ["kept \(out)/old.md, listed in the previous manifest: it changed since LossAtlas wrote it"])
  }

  @Test func foldersAnOlderVersionLeftAreRecoveredOrReportedNeverDeleted() throws {
    // Killed between its two renames: the output folder exists only as
    // .out.lossatlas-old, with the user's file in it.
    try put(".out.lossatlas-old/a.md", "A0", under: root)
    try put(".out.lossatlas-old/.lossatlas-manifest", "a.md\n", under: root)
    try put(".out.lossatlas-old/mine.txt", "my file", under: root)
    try put(".out.lossatlas-tmp/a.md", "A1", under: root)
    let staging = FileTreeSnapshot(root + "/.out.lossatlas-tmp")
    let report = try OutputWriter.write(second, to: out)
    #expect(read("mine.txt") == "my file")
    #expect(read("a.md") == "A2")
    #expect(names(root) == [".out.lossatlas-tmp", "out"])
    #expect(FileTreeSnapshot(root + "/.out.lossatlas-tmp") == staging)
    #expect(report.notes.first == "recovered \(out) from \(root)/.out.lossatlas-old, where an interrupted run of an older LossAtlas had left it")
    #expect(report.notes.contains { $0.hasPrefix("\(root)/.out.lossatlas-tmp was left by an interrupted run") })
    // Killed after them: both folders exist; the old one is reported, kept.
    try put(".out.lossatlas-old/mine.txt", "my file, as it was", under: root)
    let aside = FileTreeSnapshot(root + "/.out.lossatlas-old")
    let again = try OutputWriter.write(second, to: out)
    #expect(FileTreeSnapshot(root + "/.out.lossatlas-old") == aside)
    #expect(again.notes.contains { $0.hasPrefix("\(root)/.out.lossatlas-old was left by an interrupted run of an older LossAtlas") })
  }

  // MARK: - The lock

  @Test func aSecondRunWaitsForTheLock() throws {
    try OutputWriter.write(first, to: out)
    let lockPath = out + "/.lossatlas-lock"
    let held = open(lockPath, O_RDWR | O_CREAT, 0o644)
    #expect(held >= 0 && flock(held, LOCK_EX) == 0)
    let waiting = DispatchSemaphore(value: 0)
    let done = DispatchSemaphore(value: 0)
    nonisolated(unsafe) var result: Result<OutputReport, Error>?
    let files = second
    let out = self.out
    Thread.detachNewThread {
      result = Result { try OutputWriter.write(files, to: out) { waiting.signal() } }
      done.signal()
    }
    #expect(waiting.wait(timeout: .now() + 60) == .success, "the run says it waits")
    usleep(200_000)
    #expect(read("a.md") == "A1", "and writes nothing while the lock is held")
    #expect(done.wait(timeout: .now()) == .timedOut)
    close(held)  // unlocks
    #expect(done.wait(timeout: .now() + 60) == .success)
    #expect(throws: Never.self) { try result?.get() }
    #expect(read("a.md") == "A2")
    #expect(kind(lockPath) == nil, "the lock file is removed after the run")
  }

  // MARK: - Generated paths

  @Test func aPathProducedTwiceIsNamed() {
    do {
      try OutputWriter.write([OutputFile(path: "html/a.html", text: "1"), OutputFile(path: "html/a.html", text: "2")], to: out)
      Issue.record("a duplicate path must be refused")
    } catch {
      #expect("\(error)" == "internal error: the generated path html/a.html is produced twice")
    }
    #expect(names(root).isEmpty)
  }

  // MARK: - One file (chart)

  @Test func aTemporaryNameTakenByAPlantedLinkIsNeverFollowed() throws {
    try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: false)
    try put("victim", "precious", under: root)
    let planted = AtomicFile.temporaryPrefix + "planted000000000"
    #expect(symlink(root + "/victim", out + "/" + planted) == 0)
    let folder = try FolderHandle.open(out)
    var proposals = [planted]
    let temporary = try AtomicFile.writeTemporary(
      Array("new".utf8), in: folder, sync: false, names: { proposals.isEmpty ? AtomicFile.randomName() : proposals.removeFirst() })
    #expect(temporary.name != planted)
    try AtomicFile.install(temporary, as: "file.png", in: folder, replacing: nil)
    #expect(read("file.png") == "new")
    #expect(try String(contentsOfFile: root + "/victim", encoding: .utf8) == "precious")
    #expect(kind(out + "/" + planted) == S_IFLNK)
  }

  @Test func temporaryNamesAreUnpredictable() {
    let names = Set((0..<1000).map { _ in AtomicFile.randomName() })
    #expect(names.count == 1000)
    #expect(names.allSatisfy { $0.hasPrefix(".lossatlas-tmp-") && $0.count == ".lossatlas-tmp-".count + 16 })
  }

  @Test func aFileThatAppearsBeforeTheRenameIsNotReplaced() throws {
    try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: false)
    let folder = try FolderHandle.open(out)
    let temporary = try AtomicFile.writeTemporary(Array("new".utf8), in: folder, sync: false)
    try put("file.png", "appeared")
    #expect(throws: OutputError.self) { try AtomicFile.install(temporary, as: "file.png", in: folder, replacing: nil) }
    #expect(read("file.png") == "appeared")
    #expect(names(out) == ["file.png"], "the temporary file is removed")
  }

  @Test func aFileSwappedBeforeTheRenameIsPutBack() throws {
    try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: false)
    try put("file.png", "examined")
    let folder = try FolderHandle.open(out)
    let examined = try #require(try folder.entry("file.png").identity)
    let temporary = try AtomicFile.writeTemporary(Array("new".utf8), in: folder, sync: false)
    try FileManager.default.removeItem(atPath: out + "/file.png")
    #expect(symlink("elsewhere", out + "/file.png") == 0)
    #expect(throws: OutputError.self) { try AtomicFile.install(temporary, as: "file.png", in: folder, replacing: examined) }
    #expect(kind(out + "/file.png") == S_IFLNK, "the link is back in its place")
    #expect(names(out) == ["file.png"])
  }
}

/// SHA-256 of `text` by sha256sum(1).
func sha256sum(_ text: String) throws -> String {
  try sha256sum(bytes: Array(text.utf8))
}

func sha256sum(bytes: [UInt8]) throws -> String {
  let process = Process()
  process.executableURL = URL(fileURLWithPath: "/usr/bin/sha256sum")
  let input = Pipe()
  let output = Pipe()
  process.standardInput = input
  process.standardOutput = output
  try process.run()
  try input.fileHandleForWriting.write(contentsOf: Data(bytes))
  try input.fileHandleForWriting.close()
  let data = output.fileHandleForReading.readDataToEndOfFile()
  process.waitUntilExit()
  return String(String(decoding: data, as: UTF8.self).prefix(64))
}
