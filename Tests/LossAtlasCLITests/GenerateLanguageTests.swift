import Foundation
import TestSupport
import Testing

/// `lossatlas generate --lang` (issue 13, item 1): a bad value is one clear
/// usage error before anything is written; `en` writes no zh/ folder, `zh`
/// only the Chinese edition (and the data its pages link to), `all` (the
/// default) both; a run deletes the edition an earlier run left. Each run writes a small manual (sigmoid, Markdown).
@Suite final class GenerateLanguageTests {
  let folder: URL = {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("lossatlas-lang-\(UUID().uuidString)")
    try! FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
  }()
  var root: String { folder.path }

  deinit {
    try? FileManager.default.removeItem(at: folder)
  }

  func exists(_ path: String) -> Bool { FileManager.default.fileExists(atPath: path) }

  @Test(
    "a --lang that is not en, zh or all is a usage error naming the value and the choices; nothing is written",
    arguments: ["fr", "", "EN", "en,zh", "zh-CN"])
  func badLanguage(value: String) throws {
    let out = root + "/out"
    let r = try #require(try LaunchedCLI.run(["generate", "--out", out, "--lang", value], seconds: 120))
    #expect(r.status == 64, "\(r.stderr)")
    #expect(r.stderr.contains("--lang '\(value)' is not one of en, zh, all"), "\(r.stderr)")
    #expect(r.stderr.split(separator: "\n").filter { $0.hasPrefix("Error:") || $0.hasPrefix("error:") }.count == 1, "\(r.stderr)")
    #expect(!exists(out))
  }

  @Test("--lang en writes no zh/; --lang zh then writes zh/ and deletes the English pages (one line says so); the default writes both")
  func editions() throws {
    let out = root + "/out"
    let base = ["generate", "--out", out, "--only", "sigmoid", "--format", "markdown", "--quiet"]
    let en = try #require(try LaunchedCLI.run(base + ["--lang", "en"]))
    #expect(en.status == 0, "\(en.stderr)")
    #expect(exists(out + "/markdown/sigmoid.md"))
    #expect(!exists(out + "/zh"))
    let english = try String(contentsOfFile: out + "/markdown/sigmoid.md", encoding: .utf8)
    #expect(!english.contains("中文"), "--lang en links to an edition it did not write")

    // One manual a folder: the English pages of the earlier run would not
    // link to the Chinese ones, nor they to them.
    let zh = try #require(try LaunchedCLI.run(base + ["--lang", "zh"]))
    #expect(zh.status == 0, "\(zh.stderr)")
    #expect(
      zh.stderr
        == "lossatlas: removed the English edition (markdown/, html/ outside html/data/): the files an earlier run wrote there and nobody changed since; this run writes the Chinese edition only; use --lang all to write both\n")
    #expect(exists(out + "/zh/markdown/sigmoid.md"))
    #expect(!exists(out + "/markdown/sigmoid.md"))

    let all = try #require(try LaunchedCLI.run(base))
    #expect(all.status == 0 && all.stderr.isEmpty, "\(all.stderr)")
    let both = try String(contentsOfFile: out + "/markdown/sigmoid.md", encoding: .utf8)
    #expect(both.contains("[中文](../zh/markdown/sigmoid.md)"))
    let chinese = try String(contentsOfFile: out + "/zh/markdown/sigmoid.md", encoding: .utf8)
    #expect(chinese.contains("[English](../../markdown/sigmoid.md)"))
  }
}
