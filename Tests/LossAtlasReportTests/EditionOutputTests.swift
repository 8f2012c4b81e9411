import Foundation
@testable import LossAtlasReport
import Testing

/// The writer and the two editions (issue 13, items 1 and 4): the folder
/// holds one manual, so generating one edition deletes the other edition's
/// files an earlier run wrote (LossAtlas's own, unchanged, only), and
/// a page holding the marker of a missing string is refused, naming the
/// page and the key, before anything is written.
@Suite final class EditionOutputTests {
  let root: String = {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("lossatlas-editions-\(UUID().uuidString)")
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

  func manifest() -> String { read(OutputWriter.manifestName) ?? "" }

  let english = [
    OutputFile(path: "markdown/index.md", text: "en index"), OutputFile(path: "html/index.html", text: "<p>en</p>"),
    OutputFile(path: "html/data/catalog.json", text: "{}"),
  ]
  let chinese = [
    OutputFile(path: "zh/markdown/index.md", text: "中文首页"), OutputFile(path: "zh/html/index.html", text: "<p>中文</p>"),
    OutputFile(path: "html/data/catalog.json", text: "{}"),
  ]

  var all: [OutputFile] { english + chinese.filter { !$0.path.hasPrefix("html/") } }

  @Test("--lang en after --lang all deletes the Chinese edition (LossAtlas's files only), which leaves the manifest")
  func englishRunRemovesChinese() throws {
    try OutputWriter.write(all, to: out)
    // A file of the user's in zh/, never listed in a manifest.
    try "mine".write(toFile: out + "/zh/notes.txt", atomically: false, encoding: .utf8)
    let report = try OutputWriter.write(english, to: out)
    #expect(read("zh/markdown/index.md") == nil)
    #expect(read("zh/html/index.html") == nil)
    #expect(read("zh/notes.txt") == "mine", "a file LossAtlas did not write was touched")
    #expect(!manifest().contains("zh/"))
    #expect(report.deleted.sorted() == ["zh/html/index.html", "zh/markdown/index.md"])
    #expect(ManualGenerator.editionsRemoved(report.deleted, writing: [.en]) == [.zh])
    // zh/markdown, created by LossAtlas and now empty, is gone; zh/ holds the user's file.
    #expect(!FileManager.default.fileExists(atPath: out + "/zh/markdown"))
    #expect(FileManager.default.fileExists(atPath: out + "/zh"))
  }

  @Test("--lang zh after --lang all deletes the English pages, keeps the data both link to; an edited page is kept and named")
  func chineseRunRemovesEnglish() throws {
    try OutputWriter.write(all + [OutputFile(path: "html/old.html", text: "old")], to: out)
    try "edited".write(toFile: out + "/markdown/index.md", atomically: false, encoding: .utf8)
    let report = try OutputWriter.write(chinese, to: out)
    #expect(read("html/index.html") == nil)
    #expect(read("html/old.html") == nil)
    #expect(read("html/data/catalog.json") == "{}")
    #expect(read("markdown/index.md") == "edited", "a page edited since LossAtlas wrote it is the user's now")
    #expect(report.notes.contains { $0.contains("markdown/index.md") && $0.contains("changed since LossAtlas wrote it") }, "\(report.notes)")
    #expect(ManualGenerator.editionsRemoved(report.deleted, writing: [.zh]) == [.en])
    #expect(!manifest().contains(" html/index.html\n") && !manifest().contains(" markdown/index.md\n"))
  }

  @Test("which editions a run removed: only pages count (a --lang zh run with --only deletes English data, not the English edition)")
  func editionsRemovedByPages() {
    #expect(ManualGenerator.editionsRemoved(["zh/html/gelu.html"], writing: [.en]) == [.zh])
    #expect(ManualGenerator.editionsRemoved(["zh/html/figures/gelu.png"], writing: [.en]) == [])
    #expect(ManualGenerator.editionsRemoved(["html/data/sweeps/gelu.csv", "html/figures/gelu.png"], writing: [.zh]) == [])
    #expect(ManualGenerator.editionsRemoved(["markdown/gelu.md"], writing: [.zh]) == [.en])
    // A run of both editions removes none ("zhx/" is not the zh folder).
    #expect(ManualGenerator.editionsRemoved(["zh/html/gelu.html", "html/gelu.html"], writing: [.en, .zh]) == [])
    #expect(ManualGenerator.editionsRemoved(["zhx/a.md"], writing: [.zh]) == [.en])
    #expect(ManualGenerator.editionsRemoved(["zh/markdown/relu.md"], writing: [.zh]) == [])
  }

  @Test("a page with a missing string (⟦key⟧) is refused, naming the page and the key; nothing is written")
  func missingStringIsRefused() throws {
    let files = english + [
      OutputFile(path: "zh/html/gelu.html", text: "<p>⟦function.gelu.summary⟧ 与 ⟦site.page.methods⟧ ⟦function.gelu.summary⟧</p>"),
      OutputFile(path: "zh/markdown/gelu.md", text: "# ⟦function.gelu.name⟧"),
    ]
    #expect {
      try OutputWriter.write(files, to: self.out)
    } throws: { error in
      let message = "\(error)"
      return message.contains("zh/html/gelu.html: 'function.gelu.summary', 'site.page.methods'")
        && message.contains("zh/markdown/gelu.md: 'function.gelu.name'") && message.contains("2 pages")
    }
    #expect(!FileManager.default.fileExists(atPath: out))
  }

  @Test("the marker in a figure or a data file is not a page's text: only pages and the search index are checked")
  func markerOnlyInPages() throws {
    try OutputWriter.write([OutputFile(path: "html/data/x.csv", text: "⟦not a key⟧")], to: out)
    #expect(read("html/data/x.csv") == "⟦not a key⟧")
    #expect(throws: OutputError.self) {
      try OutputWriter.write([OutputFile(path: "zh/html/search-index.js", text: "\"title\":\"⟦site.page.index⟧\"")], to: self.out)
    }
  }
}
