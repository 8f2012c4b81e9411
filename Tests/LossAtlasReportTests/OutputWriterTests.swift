import Foundation
@testable import LossAtlasReport
import Testing

/// The atomic writer: the previous manual survives a failed run, files
/// LossAtlas did not write are never deleted, bad paths get clear errors.
@Suite final class OutputWriterTests {
  let root: URL = {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("lossatlas-writer-\(UUID().uuidString)")
    try! FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
  }()

  deinit {
    try? FileManager.default.removeItem(at: root)
  }

  func read(_ url: URL) -> String? { try? String(contentsOf: url, encoding: .utf8) }

  @Test func writesFilesAndAManifest() throws {
    let out = root.appendingPathComponent("output")
    try OutputWriter.write([OutputFile(path: "a.md", text: "A"), OutputFile(path: "figures/b.png", text: "B")], to: out)
    #expect(read(out.appendingPathComponent("a.md")) == "A")
    #expect(read(out.appendingPathComponent("figures/b.png")) == "B")
    #expect(read(out.appendingPathComponent(".lossatlas-manifest")) == "a.md\nfigures/b.png\n")
  }

  @Test func removesItsOwnStaleFilesAndKeepsForeignOnes() throws {
    let out = root.appendingPathComponent("output")
    try OutputWriter.write([OutputFile(path: "old.md", text: "old"), OutputFile(path: "keep.md", text: "1")], to: out)
    try "mine".write(to: out.appendingPathComponent("CNAME"), atomically: true, encoding: .utf8)
    try OutputWriter.write([OutputFile(path: "keep.md", text: "2")], to: out)
    #expect(read(out.appendingPathComponent("old.md")) == nil, "a file of the previous run is gone")
    #expect(read(out.appendingPathComponent("keep.md")) == "2")
    #expect(read(out.appendingPathComponent("CNAME")) == "mine", "a user's file is kept")
  }

  @Test func refusesToReplaceAForeignFileAndLeavesTheManualIntact() throws {
    let out = root.appendingPathComponent("output")
    try OutputWriter.write([OutputFile(path: "a.md", text: "first")], to: out)
    try "user".write(to: out.appendingPathComponent("b.md"), atomically: true, encoding: .utf8)
    #expect(throws: OutputError.self) {
      try OutputWriter.write([OutputFile(path: "a.md", text: "second"), OutputFile(path: "b.md", text: "generated")], to: out)
    }
    #expect(read(out.appendingPathComponent("a.md")) == "first")
    #expect(read(out.appendingPathComponent("b.md")) == "user")
    let leftovers = try FileManager.default.contentsOfDirectory(atPath: root.path).filter { $0.contains("lossatlas-tmp") || $0.contains("lossatlas-old") }
    #expect(leftovers.isEmpty)
  }

  func inode(_ url: URL) -> UInt64? {
    var info = stat()
    return stat(url.path, &info) == 0 ? UInt64(info.st_ino) : nil
  }

  @Test func unchangedFilesOfThePreviousManualAreLinkedChangedOnesRewritten() throws {
    let out = root.appendingPathComponent("output")
    try OutputWriter.write(
      [OutputFile(path: "same.md", text: "unchanged"), OutputFile(path: "edited.md", text: "AAAA"), OutputFile(path: "new.md", text: "1")],
      to: out)
    let sameInode = inode(out.appendingPathComponent("same.md"))
    let newInode = inode(out.appendingPathComponent("new.md"))
    // A same-size edit behind LossAtlas's back must not survive: bytes are compared, not sizes.
    try "BBBB".write(to: out.appendingPathComponent("edited.md"), atomically: false, encoding: .utf8)
    try OutputWriter.write(
      [OutputFile(path: "same.md", text: "unchanged"), OutputFile(path: "edited.md", text: "AAAA"), OutputFile(path: "new.md", text: "2")],
      to: out)
    #expect(read(out.appendingPathComponent("same.md")) == "unchanged")
    #expect(inode(out.appendingPathComponent("same.md")) == sameInode, "an unchanged file is the same file (hard link)")
    #expect(read(out.appendingPathComponent("edited.md")) == "AAAA")
    #expect(read(out.appendingPathComponent("new.md")) == "2")
    #expect(inode(out.appendingPathComponent("new.md")) != newInode, "a changed file is written anew, the old one untouched")
  }

  @Test func identicalFilesOfOneRunShareOneInode() throws {
    let out = root.appendingPathComponent("output")
    let png = OutputFile(path: "markdown/figures/a.png", bytes: Array(repeating: 7, count: 5000))
    let twin = OutputFile(path: "html/figures/a.png", bytes: png.bytes)
    let other = OutputFile(path: "html/figures/b.png", bytes: Array(repeating: 7, count: 5000))
    try OutputWriter.write([twin, png, other], to: out)
    let a = out.appendingPathComponent("markdown/figures/a.png")
    let b = out.appendingPathComponent("html/figures/a.png")
    #expect(try Data(contentsOf: a) == Data(png.bytes))
    #expect(try Data(contentsOf: b) == Data(png.bytes))
    #expect(inode(a) == inode(b), "same name, same bytes: one file")
    #expect(inode(out.appendingPathComponent("html/figures/b.png")) != inode(a), "another name is its own file")
  }

  @Test func aFIFOInThePreviousManualIsNotWaitedOn() throws {
    let out = root.appendingPathComponent("output")
    try OutputWriter.write([OutputFile(path: "a.md", text: "A")], to: out)
    let a = out.appendingPathComponent("a.md")
    try FileManager.default.removeItem(at: a)
    #expect(mkfifo(a.path, 0o644) == 0)
    // Opening a FIFO for reading blocks until a writer comes; the writer
    // must not open it that way.
    try OutputWriter.write([OutputFile(path: "a.md", text: "A")], to: out)
    #expect(read(a) == "A")
  }

  @Test func aFolderReplacedByASymlinkIsNotSharedWithTheNewManual() throws {
    let out = root.appendingPathComponent("output")
    let figure = OutputFile(path: "figures/a.png", text: "PNG")
    try OutputWriter.write([figure], to: out)
    // The user moves figures/ elsewhere and leaves a symbolic link.
    let elsewhere = root.appendingPathComponent("elsewhere")
    try FileManager.default.moveItem(at: out.appendingPathComponent("figures"), to: elsewhere)
    try FileManager.default.createSymbolicLink(at: out.appendingPathComponent("figures"), withDestinationURL: elsewhere)
    try OutputWriter.write([figure], to: out)
    let new = out.appendingPathComponent("figures/a.png")
    #expect(read(new) == "PNG")
    #expect(inode(new) != inode(elsewhere.appendingPathComponent("a.png")), "the new manual's file is its own")
  }

  @Test func aFileAlreadyInTheStagingFolderIsNeverTruncated() throws {
    // A staging file may be a hard link to the live manual: writing must
    // refuse an existing file instead of truncating it.
    let staging = root.appendingPathComponent("staging")
    try FileManager.default.createDirectory(at: staging, withIntermediateDirectories: true)
    let live = root.appendingPathComponent("live.md")
    try "live".write(to: live, atomically: false, encoding: .utf8)
    #expect(link(live.path, staging.appendingPathComponent("a.md").path) == 0)
    #expect(throws: OutputError.self) {
      try OutputWriter.writeFiles([OutputFile(path: "a.md", text: "new")], into: staging)
    }
    #expect(read(live) == "live")
  }

  @Test func anOutputPathThatIsAFileIsAClearError() throws {
    let file = root.appendingPathComponent("not-a-folder")
    try "x".write(to: file, atomically: true, encoding: .utf8)
    do {
      try OutputWriter.write([OutputFile(path: "a.md", text: "A")], to: file)
      Issue.record("writing into a file should fail")
    } catch let error as OutputError {
      #expect(error.description == "the output path \(file.path) is a file, not a folder: choose another --out")
    }
    #expect(read(file) == "x")
  }

  @Test func aMissingParentIsAClearError() {
    let out = root.appendingPathComponent("missing/output")
    #expect(throws: OutputError.self) { try OutputWriter.write([OutputFile(path: "a.md", text: "A")], to: out) }
  }
}
