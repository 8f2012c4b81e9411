import Foundation
import TestSupport
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// `lossatlas generate --templates DIR` with broken or hostile template
/// folders (issue 9, items 9 and 23, and the template messages). Each is
/// refused when the templates are loaded, before any analysis, with
/// `error: DIR/FORMAT/NAME.mustache:LINE: reason` naming the folder the
/// user gave; run as a subprocess, so a stack overflow or a hang would fail
/// the test rather than kill the runner.
@Suite struct TemplateHardeningTests {
  /// A copy of the project's templates in a temporary folder.
  static func copyOfTemplates() throws -> TemporaryFolder {
    let folder = try TemporaryFolder("lossatlas-templates")
    for sub in ["markdown", "html"] {
      let from = Fixtures.repositoryRoot.appendingPathComponent("templates/\(sub)")
      for name in try FileManager.default.contentsOfDirectory(atPath: from.path) {
        try folder.write("\(sub)/\(name)", try String(contentsOf: from.appendingPathComponent(name), encoding: .utf8))
      }
    }
    return folder
  }

  static func generate(_ templates: TemporaryFolder) throws -> BoundedRun.Result {
    let out = try TemporaryFolder("lossatlas-out")
    return try BoundedRun.run(
      ["generate", "--templates", templates.url.path, "--out", out.path("manual"), "--quiet", "--only", "sigmoid"], timeout: 60)
  }

  /// Item 9: a partial that includes itself, two that include each other,
  /// 5000 nested sections: each overflowed the stack (SIGSEGV).
  @Test(arguments: ["self", "mutual", "deep"])
  func recursionIsRefused(label: String) throws {
    let templates = try Self.copyOfTemplates()
    let message: String
    switch label {
    case "self":
      try templates.write("html/foot.mustache", "</main>\n{{> foot}}\n")
      message = "html/foot.mustache:2: partials include each other in a cycle: foot -> foot"
    case "mutual":
      try templates.write("markdown/a.mustache", "{{#x}}\n{{> b}}\n{{/x}}\n")
      try templates.write("markdown/b.mustache", "b\n{{> a}}\n")
      message = "markdown/b.mustache:2: partials include each other in a cycle: a -> b -> a"
    default:
      try templates.write("html/deep.mustache", String(repeating: "{{#a}}", count: 5000) + String(repeating: "{{/a}}", count: 5000))
      message = "html/deep.mustache:1: sections nest more than 64 levels deep"
    }
    let r = try Self.generate(templates)
    #expect(r.status == 1, "\(label): \(r.summary)")
    #expect(r.stderr == "error: \(templates.url.path)/\(message)\n", "\(label)")
  }

  /// Item 9: a chain of partials, none recursive, each adding a section,
  /// deeper than the limit once they are followed.
  @Test func deepChainsOfPartialsAreRefused() throws {
    let templates = try Self.copyOfTemplates()
    for i in 0..<100 { try templates.write("markdown/p\(i).mustache", "{{#a}}{{> p\(i + 1)}}{{/a}}\n") }
    try templates.write("markdown/p100.mustache", "end\n")
    let r = try Self.generate(templates)
    #expect(r.status == 1, "\(r.summary)")
    #expect(r.stderr.hasPrefix("error: \(templates.url.path)/markdown/p"), "\(r.stderr)")
    #expect(r.stderr.contains("levels deep through 'p"), "\(r.stderr)")
  }

  /// Item 23: a missing partial rendered as nothing; a missing style.css
  /// went unreported.
  @Test func missingPartialsAndStylesheetsAreErrors() throws {
    let templates = try Self.copyOfTemplates()
    try templates.write("html/foot.mustache", "</main>\n\n{{> footer-links}}\n")
    var r = try Self.generate(templates)
    #expect(r.status == 1)
    #expect(
      r.stderr.hasPrefix(
        "error: \(templates.url.path)/html/foot.mustache:3: partial 'footer-links' does not exist (no footer-links.mustache beside it"),
      "\(r.stderr)")

    let second = try Self.copyOfTemplates()
    try FileManager.default.removeItem(atPath: second.path("html/style.css"))
    r = try Self.generate(second)
    #expect(r.status == 1)
    #expect(
      r.stderr == "error: \(second.url.path)/html/head.mustache:9: links style.css, but \(second.url.path)/html/style.css does not exist\n",
      "\(r.stderr)")
  }

  /// "Clearer messages": a subfolder or a FIFO in the folder was "not
  /// readable UTF-8 text" (and a FIFO could block the run): each is named
  /// for what it is, and nothing waits on the FIFO.
  @Test func subfoldersAndFIFOsAreNamed() throws {
    let templates = try Self.copyOfTemplates()
    try FileManager.default.createDirectory(atPath: templates.path("html/partials"), withIntermediateDirectories: false)
    var r = try Self.generate(templates)
    #expect(r.status == 1)
    #expect(
      r.stderr
        == "error: \(templates.url.path)/html/partials is a folder, not a template: a templates folder holds the files directly inside markdown/ and html/ (move or remove it)\n"
    )
    try FileManager.default.removeItem(atPath: templates.path("html/partials"))
    #expect(mkfifo(templates.path("markdown/pipe.mustache"), 0o644) == 0)
    r = try Self.generate(templates)
    #expect(!r.timedOut, "\(r.summary)")
    #expect(r.status == 1)
    #expect(r.stderr.hasPrefix("error: \(templates.url.path)/markdown/pipe.mustache is a FIFO (named pipe), not a template"))
  }

  /// Runaway rendering without recursion: sections over a list nested in
  /// each other (8^40 iterations) are stopped by the render budget; a
  /// template of 100,000 tags (quadratic in swift-mustache's parser: hours)
  /// is refused before parsing. Through the renderer alone
  /// (template-fuzz-driver), in a subprocess with a time limit.
  @Test func runawayTemplatesAreStopped() throws {
    let driver = CLIRunner.executable.deletingLastPathComponent().appendingPathComponent("template-fuzz-driver")
    let loops = try TemporaryFolder("lossatlas-templates")
    try loops.write("html/page.mustache", String(repeating: "{{#rows}}", count: 40) + "{{name}}" + String(repeating: "{{/rows}}", count: 40))
    var r = try BoundedRun.run([loops.url.path], timeout: 60, executable: driver)
    #expect(r.status == 1, "\(r.summary)")
    #expect(r.stderr.hasPrefix("error: \(loops.url.path)/html/page.mustache: rendering stopped after "), "\(r.stderr)")

    let many = try TemporaryFolder("lossatlas-templates")
    try many.write("html/page.mustache", String(repeating: "{{{html}}}", count: 100_000))
    r = try BoundedRun.run([many.url.path], timeout: 60, executable: driver)
    #expect(r.status == 1, "\(r.summary)")
    #expect(
      r.stderr
        == "error: \(many.url.path)/html/page.mustache:1: too many tags for one template (600000 delimiter characters in 1000000 bytes; the Mustache parser's time grows with their product): split it into partials\n"
    )
  }

  /// Template errors name the --templates folder, not `templates/...`.
  @Test func errorsNameTheFolderGiven() throws {
    let templates = try Self.copyOfTemplates()
    try templates.write("markdown/index.mustache", "{{#unclosed}}\n")
    let r = try Self.generate(templates)
    #expect(r.status == 1)
    #expect(r.stderr == "error: \(templates.url.path)/markdown/index.mustache:1: section 'unclosed' is never closed\n")
  }
}
