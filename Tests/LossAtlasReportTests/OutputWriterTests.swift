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
