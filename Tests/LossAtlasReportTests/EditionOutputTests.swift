import Foundation
@testable import LossAtlasReport
import Testing

/// The writer and the two editions (issue 13, items 1 and 4): generating one
/// edition never deletes the other's files (they stay in the manifest), and
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

  @Test("--lang en after --lang all keeps the Chinese edition, and lists it in the manifest")
  func englishRunKeepsChinese() throws {
    try OutputWriter.write(all, to: out)
    try OutputWriter.write(english, to: out, keep: ManualGenerator.keeps([.en]))
    #expect(read("zh/markdown/index.md") == "中文首页")
    #expect(read("zh/html/index.html") == "<p>中文</p>")
    #expect(manifest().contains("zh/html/index.html"))
    // Still LossAtlas's: a later --lang all that drops a Chinese page deletes it.
    try OutputWriter.write(english + [chinese[0]], to: out)
    #expect(read("zh/html/index.html") == nil)
    #expect(read("zh/markdown/index.md") == "中文首页")
  }

  @Test("--lang zh after --lang all keeps the English edition; --lang all deletes what neither writes")
  func chineseRunKeepsEnglish() throws {
    try OutputWriter.write(all + [OutputFile(path: "html/old.html", text: "old")], to: out)
    try OutputWriter.write(chinese, to: out, keep: ManualGenerator.keeps([.zh]))
    #expect(read("markdown/index.md") == "en index")
    #expect(read("html/index.html") == "<p>en</p>")
    #expect(read("html/old.html") == "old", "an English file is the English edition's to delete")
    #expect(manifest().contains("markdown/index.md"))
    try OutputWriter.write(all, to: out, keep: ManualGenerator.keeps([.en, .zh]))
    #expect(read("html/old.html") == nil)
  }

  @Test("which paths a run of some editions leaves to the others")
  func keepsByEdition() {
    let en = ManualGenerator.keeps([.en])
    let zh = ManualGenerator.keeps([.zh])
    let both = ManualGenerator.keeps([.en, .zh])
    #expect(en("zh/html/gelu.html") && en("zh/markdown/figures/gelu.png"))
    #expect(!en("html/gelu.html") && !en("markdown/README.md") && !en("html/data/catalog.json"))
    #expect(zh("html/gelu.html") && zh("markdown/gelu.md") && zh("html/data/sweeps/gelu.csv"))
    #expect(!zh("zh/html/gelu.html"))
    // "zh" as a file name prefix is not the folder.
    #expect(zh("zhx/a.md"))
    #expect(!both("zh/html/gelu.html") && !both("html/gelu.html"))
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
