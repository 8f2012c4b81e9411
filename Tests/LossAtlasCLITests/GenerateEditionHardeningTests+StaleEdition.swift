import Foundation
import TestSupport
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// An edition left from an earlier run (issue 13: both editions come "from
/// the same computed facts, so it can never drift"). `--lang en` after
/// `--lang all` used to keep zh/, whose pages then linked to English pages
/// and data the second run had removed (zh/html/relu.html ->
/// ../../html/data/sweeps/relu.csv after `--lang en --only sigmoid`). Now a
/// run leaves one manual: the other edition's files that LossAtlas wrote
/// (listed in the manifest, unchanged) are deleted like any stale file, one
/// line on stderr says so even with --quiet, every relative link of every
/// page left resolves, and nothing LossAtlas did not write is touched.
extension GenerateEditionHardeningTests {
  /// Both editions of sigmoid and relu, Markdown and HTML.
  func generateBoth(_ out: String) throws -> LaunchedCLI.Outcome {
    try #require(
      try LaunchedCLI.run(["generate", "--out", out, "--only", "sigmoid,relu", "--quiet", "--lang", "all"]),
      "generate did not finish within 5 minutes")
  }

  func run(_ out: String, lang: String, only: String) throws -> LaunchedCLI.Outcome {
    try #require(
      try LaunchedCLI.run(["generate", "--out", out, "--only", only, "--quiet", "--lang", lang]),
      "generate did not finish within 5 minutes")
  }

  /// The paths the manifest of `out` lists.
  func manifestPaths(_ out: String) throws -> [String] {
    let text = try String(contentsOfFile: out + "/.lossatlas-manifest", encoding: .utf8)
    return text.split(separator: "\n").compactMap { line in
      // "file <sha256> <size> <path>"; the header and "folder <path>" lines are not files.
      let fields = line.split(separator: " ", maxSplits: 3)
      guard fields.count == 4, fields[0] == "file" else { return nil }
      return String(fields[3])
    }
  }

  /// Files of the user's in the editions' folders, and a symbolic link to a
  /// folder outside: LossAtlas must neither delete nor follow them.
  func plantForeignFiles(_ out: String, _ elsewhere: String) throws -> [String: Data] {
    try FileManager.default.createDirectory(atPath: elsewhere, withIntermediateDirectories: false)
    try "outside".write(toFile: elsewhere + "/relu.html", atomically: false, encoding: .utf8)
    try "mine".write(toFile: out + "/zh/notes.txt", atomically: false, encoding: .utf8)
    try "<p>my page</p>".write(toFile: out + "/zh/html/mine.html", atomically: false, encoding: .utf8)
    try "# my notes".write(toFile: out + "/markdown/mine.md", atomically: false, encoding: .utf8)
    try FileManager.default.createSymbolicLink(atPath: out + "/zh/html/linked", withDestinationPath: elsewhere)
    return files(elsewhere)
  }

  static let foreign: Set<String> = ["zh/notes.txt", "zh/html/mine.html", "markdown/mine.md"]

  @Test(
    "--lang en or zh (with or without --only) after --lang all: the other edition's files are deleted, one line says so (even with --quiet), every link resolves, the user's files stay",
    arguments: [("en", "relu"), ("en", "sigmoid,relu"), ("zh", "relu"), ("zh", "sigmoid,relu")])
  func staleEditionRemoved(lang: String, only: String) throws {
    let tag = "\(lang)-\(only.replacingOccurrences(of: ",", with: "-"))"
    let out = root + "/out-stale-\(tag)"
    let both = try generateBoth(out)
    #expect(both.status == 0, "\(both.stderr)")
    let elsewhere = root + "/elsewhere-stale-\(tag)"
    let outside = try plantForeignFiles(out, elsewhere)

    let r = try run(out, lang: lang, only: only)
    #expect(r.status == 0, "\(r.stderr)")
    let expected =
      lang == "en"
      ? "lossatlas: removed the Chinese edition (zh/): the files an earlier run wrote there and nobody changed since; this run writes the English edition only; use --lang all to write both\n"
      : "lossatlas: removed the English edition (markdown/, html/ outside html/data/): the files an earlier run wrote there and nobody changed since; this run writes the Chinese edition only; use --lang all to write both\n"
    #expect(r.stderr == expected)

    let after = files(out)
    let listed = try manifestPaths(out)
    if lang == "en" {
      // zh/ holds the user's files only; the manifest lists nothing there.
      #expect(after.keys.filter { $0.hasPrefix("zh/") }.sorted() == ["zh/html/mine.html", "zh/notes.txt"])
      #expect(!listed.contains { $0.hasPrefix("zh/") })
      #expect(after["markdown/relu.md"] != nil && after["html/relu.html"] != nil)
    } else {
      // No English page is left but the user's; the data the Chinese pages link to stays.
      let english = after.keys.filter { !$0.hasPrefix("zh/") && ($0.hasSuffix(".md") || $0.hasSuffix(".html")) }
      #expect(english.sorted() == ["markdown/mine.md"])
      #expect(!listed.contains { !$0.hasPrefix("zh/") && ($0.hasSuffix(".md") || $0.hasSuffix(".html")) })
      #expect(after["html/data/sweeps/relu.csv"] != nil && after["zh/html/relu.html"] != nil)
    }
    #expect((after["html/data/sweeps/sigmoid.csv"] != nil) == only.contains("sigmoid"))
    #expect(after["zh/notes.txt"] == Data("mine".utf8))
    #expect(after["zh/html/mine.html"] == Data("<p>my page</p>".utf8))
    #expect(after["markdown/mine.md"] == Data("# my notes".utf8))
    #expect(files(elsewhere) == outside, "the run wrote through the symbolic link")
    #expect((try? FileManager.default.destinationOfSymbolicLink(atPath: out + "/zh/html/linked")) == elsewhere)

    let links = try SiteLinks(out, skipping: Self.foreign)
    #expect(links.broken.isEmpty, "\(links.broken.prefix(10))")
    #expect(links.checked > 100, "\(links.checked) links in \(links.pages.count) pages")

    // --lang all writes both again, and removes nothing.
    let again = try generateBoth(out)
    #expect(again.status == 0 && again.stderr.isEmpty, "\(again.stderr)")
    let whole = try SiteLinks(out, skipping: Self.foreign)
    #expect(whole.broken.isEmpty, "\(whole.broken.prefix(10))")
    #expect(whole.pages.contains("zh/html/relu.html") && whole.pages.contains("markdown/relu.md"))
  }

  @Test("a Chinese page edited since LossAtlas wrote it is kept and named by --lang en; the rest of zh/ is deleted")
  func editedStalePageIsKept() throws {
    let out = root + "/out-stale-edited"
    let both = try generateBoth(out)
    #expect(both.status == 0, "\(both.stderr)")
    try "# 我的 ReLU 笔记\n".write(toFile: out + "/zh/markdown/relu.md", atomically: false, encoding: .utf8)
    let r = try run(out, lang: "en", only: "sigmoid,relu")
    #expect(r.status == 0, "\(r.stderr)")
    let lines = r.stderr.split(separator: "\n").map(String.init)
    #expect(
      lines == [
        "warning: kept \(out)/zh/markdown/relu.md, listed in the previous manifest: it changed since LossAtlas wrote it",
        "lossatlas: removed the Chinese edition (zh/): the files an earlier run wrote there and nobody changed since; this run writes the English edition only; use --lang all to write both",
      ], "\(r.stderr)")
    let left = files(out).keys.filter { $0.hasPrefix("zh/") }
    #expect(left == ["zh/markdown/relu.md"])
    #expect(try manifestPaths(out).filter { $0.hasPrefix("zh/") }.isEmpty)
  }

  @Test("a second --lang en run on an English-only folder, or --lang zh --only on a Chinese-only one, removes no edition and says nothing")
  func noEditionToRemove() throws {
    let out = root + "/out-stale-none"
    for (lang, only) in [("en", "sigmoid,relu"), ("en", "relu")] {
      let r = try run(out, lang: lang, only: only)
      #expect(r.status == 0 && r.stderr.isEmpty, "--lang \(lang) --only \(only): \(r.stderr)")
    }
    let chinese = root + "/out-stale-none-zh"
    for (lang, only) in [("zh", "sigmoid,relu"), ("zh", "relu")] {
      // The second run deletes sigmoid's data (html/data/sweeps/sigmoid.csv): not an edition.
      let r = try run(chinese, lang: lang, only: only)
      #expect(r.status == 0 && r.stderr.isEmpty, "--lang \(lang) --only \(only): \(r.stderr)")
    }
    #expect(!FileManager.default.fileExists(atPath: chinese + "/html/data/sweeps/sigmoid.csv"))
    #expect(try SiteLinks(chinese).broken.isEmpty)
  }

  @Test("--lang en and --lang zh at once on a folder of both: the runs take turns; the folder ends as one whole edition, every link resolving")
  func twoEditionsAtOnce() throws {
    let out = root + "/out-stale-race"
    let both = try generateBoth(out)
    #expect(both.status == 0, "\(both.stderr)")
    let english = try LaunchedCLI(["generate", "--out", out, "--only", "sigmoid,relu", "--quiet", "--lang", "en"])
    let chinese = try LaunchedCLI(["generate", "--out", out, "--only", "sigmoid,relu", "--quiet", "--lang", "zh"])
    let a = try #require(english.wait(seconds: 300))
    let b = try #require(chinese.wait(seconds: 300))
    #expect(a.status == 0 && b.status == 0, "\(a.stderr)\n\(b.stderr)")
    let after = files(out)
    let hasEnglish = after["markdown/relu.md"] != nil
    let hasChinese = after["zh/markdown/relu.md"] != nil
    #expect(hasEnglish != hasChinese, "both or neither edition left")
    #expect(!after.keys.contains { $0.split(separator: "/").last!.hasPrefix(".lossatlas-tmp-") })
    let links = try SiteLinks(out)
    #expect(links.broken.isEmpty, "\(links.broken.prefix(10))")
    // The manifest lists exactly the files there (and the lock file is not one).
    let listed = Set(try manifestPaths(out))
    #expect(listed == Set(after.keys).subtracting([".lossatlas-manifest", ".lossatlas-lock"]))
  }
}
