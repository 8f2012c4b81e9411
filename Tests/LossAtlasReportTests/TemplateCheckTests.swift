import Foundation
import Testing

@testable import LossAtlasReport

/// The template checks of issue 9 (items 9 and 23) in the library: what
/// the scan finds, and what a template set refuses before swift-mustache
/// parses it. (Subprocess tests of the same, through `generate`, are in
/// TemplateHardeningTests: a missed check there is a crash.)
@Suite struct TemplateCheckTests {
  static func error(_ files: [String: String]) -> String? {
    do {
      _ = try TemplateSet(files: files, origin: "T")
      return nil
    } catch {
      return "\(error)"
    }
  }

  @Test func scanFindsTagsWithLinesAndDelimiterChanges() throws {
    let text = "a {{x}}\n{{#s}}{{{raw}}}{{/s}}\n{{! note }}{{=<% %>=}}\n<%y%> {{literal}}\n<%> p%><%={{ }}=%>{{z}}"
    let tags = try MustacheScan.tags(in: text)
    #expect(tags.filter { $0.kind != .other }.map { "\($0.kind) \($0.name) \($0.line)" } == [
      "variable x 1", "section s 2", "variable raw 2", "close s 2", "variable y 4", "partial p 5", "variable z 5",
    ])
    #expect(throws: MustacheScanError.self) { try MustacheScan.tags(in: "{{x") }
    #expect(throws: MustacheScanError.self) { try MustacheScan.tags(in: "{{=<% %>}}") }
  }

  @Test func structure() {
    #expect(Self.error(["html/a.mustache": "{{> a}}"]) == "T/html/a.mustache:1: partials include each other in a cycle: a -> a")
    #expect(
      Self.error(["markdown/a.mustache": "{{> b}}", "markdown/b.mustache": "\n{{> c}}", "markdown/c.mustache": "\n\n{{> a}}"])
        == "T/markdown/c.mustache:3: partials include each other in a cycle: a -> b -> c -> a")
    #expect(Self.error(["html/a.mustache": "{{> *dyn}}"]) == "T/html/a.mustache:1: dynamic partial '*dyn' is not supported: name the partial")
    #expect(Self.error(["html/a.mustache": "{{#s}}\n{{/t}}"]) == "T/html/a.mustache:2: {{/t}} closes 's', opened on line 1")
    #expect(Self.error(["html/a.mustache": "{{/t}}"]) == "T/html/a.mustache:1: {{/t}} closes no open section")
    let nested64 = String(repeating: "{{#a}}", count: 64) + String(repeating: "{{/a}}", count: 64)
    #expect(Self.error(["html/a.mustache": nested64]) == nil)
    #expect(Self.error(["html/a.mustache": "{{#a}}" + nested64 + "{{/a}}"]) == "T/html/a.mustache:1: sections nest more than 64 levels deep")
    // Through a partial: 32 + 1 + 32 = 65 levels.
    let half = String(repeating: "{{#a}}", count: 32) + "{{> b}}" + String(repeating: "{{/a}}", count: 32)
    let other = String(repeating: "{{#a}}", count: 32) + String(repeating: "{{/a}}", count: 32)
    #expect(
      Self.error(["html/a.mustache": half, "html/b.mustache": other])
        == "T/html/a.mustache:1: sections and partials nest 65 levels deep through 'b'; at most 64 are allowed")
    // A partial of the other format is not there.
    #expect(
      Self.error(["html/a.mustache": "{{> b}}", "markdown/b.mustache": ""])
        == "T/html/a.mustache:1: partial 'b' does not exist (no b.mustache beside it; the templates here: a)")
  }

  /// A linked stylesheet must be in the set.
  @Test func linkedAssets() {
    let head = "<head>\n<link rel=\"stylesheet\" href=\"site.css\">\n<a href=\"index.html\">\n"
    #expect(Self.error(["html/head.mustache": head]) == "T/html/head.mustache:2: links site.css, but T/html/site.css does not exist")
    #expect(Self.error(["html/head.mustache": head, "html/site.css": "body {}"]) == nil)
    #expect(Self.error(["html/head.mustache": "<link href=\"https://example.org/x.css\">"]) == nil)
  }

  /// Keys after a delimiter change are validated like the others (they
  /// were skipped), with the folder's name.
  @Test func keysAfterADelimiterChange() throws {
    let set = try TemplateSet(files: ["html/page.mustache": "{{title}}\n{{=<% %>=}}\n<%#rows%><%naem%><%/rows%>\n"], origin: "/my/templates")
    #expect(throws: TemplateError.self) { try set.validate(knownKeys: ["title", "rows", "name"]) }
    do {
      try set.validate(knownKeys: ["title", "rows", "name"])
    } catch {
      #expect("\(error)" == "/my/templates/html/page.mustache:3: unknown key 'naem'")
    }
    try set.validate(knownKeys: ["title", "rows", "naem"])
  }

  /// The project's own templates pass every check.
  @Test func projectTemplatesPass() throws {
    let set = try TemplateSet.embedded()
    #expect(set.origin == "templates")
  }
}
