import Foundation
import LossAtlasAnalysis
import LossAtlasCore
import TestSupport
import Testing

/// Issue 12 items 3 to 6, end to end through the `lossatlas` binary:
/// completion, `eval --second-derivative`, the claim-file reference and
/// `check --format json`, and `generate --only` without broken links.
@Suite struct IssueTwelveCLITests {
  // MARK: - Item 3: completion

  @Test("Completion offers every id and alias, and a typed function's arguments, parameters, views and axes")
  func completion() throws {
    let script = try CLIRunner.run(["--generate-completion-script", "bash"])
    #expect(script.status == 0)
    for spec in Catalog.all {
      for name in [spec.id] + spec.aliases {
        #expect(script.stdout.contains("'\(name)'"), "\(name) is not offered")
      }
    }
    // The custom completions, as the shell calls them:
    // `lossatlas ---completion SUB -- OPTION CWORD CURSOR WORDS...`.
    func complete(_ sub: String, _ option: String, _ words: [String]) throws -> [String] {
      let r = try CLIRunner.run(["---completion", sub, "--", option, String(words.count - 1), "0"] + words)
      #expect(r.status == 0, "\(r.stderr)")
      return r.stdout.split(separator: "\n").map(String.init)
    }
    #expect(try complete("sweep", "--arg", ["lossatlas", "sweep", "huber", "--arg", ""]) == ["yhat=", "y="])
    #expect(try complete("chart", "--param", ["lossatlas", "chart", "huber", "--param", ""]) == ["delta="])
    #expect(try complete("properties", "--view", ["lossatlas", "properties", "bce", "--view", ""]) == ["0", "1", "2"])
    #expect(
      try complete("sweep", "--over", ["lossatlas", "sweep", "--points", "5", "cross-entropy", "--over", ""])
        == ["s[0]", "s[1]", "s[2]"])
    // An alias is read too (l2 is mse).
    #expect(try complete("sweep", "--arg", ["lossatlas", "sweep", "l2", "--arg", ""]) == ["yhat=", "y="])
    // --format is an enumeration: a wrong value is refused with the choices.
    let bad = try CLIRunner.run(["sweep", "sigmoid", "--format", "xml"])
    #expect(bad.status == 64)
    #expect(bad.stderr.contains("csv") && bad.stderr.contains("json"), "\(bad.stderr)")
  }

  // MARK: - Item 4: eval --second-derivative

  @Test("eval --jsonl --second-derivative adds d2; without it the answers are unchanged")
  func evalSecondDerivative() throws {
    let input = Array("{\"id\": \"sigmoid\", \"args\": {\"x\": 1}}\n{\"id\": \"softmax\", \"args\": {\"z\": [1, 2]}}\n".utf8)
    let plain = try CLIRunner.run(["eval", "--jsonl"], stdin: input)
    let with = try CLIRunner.run(["eval", "--jsonl", "--second-derivative"], stdin: input)
    #expect(plain.status == 0 && with.status == 0)
    let plainLines = plain.stdout.split(separator: "\n").map(String.init)
    let withLines = with.stdout.split(separator: "\n").map(String.init)
    #expect(plainLines.count == 2 && withLines.count == 2)
    #expect(!plain.stdout.contains("d2"))
    let s = try JSONValue.parse(withLines[0])
    // sigmoid'' = s (1 - s)(1 - 2 s), s = 1 / (1 + e^-1).
    let sig = 1 / (1 + Foundation.exp(-1.0))
    let d2 = try #require(s["d2"]?["x"]?.doubleValue)
    #expect(abs(d2 - sig * (1 - sig) * (1 - 2 * sig)) <= 1e-15)
    // The rest of the answer is the plain one.
    let p = try JSONValue.parse(plainLines[0])
    #expect(s["value"] == p["value"] && s["grad"] == p["grad"])
    // softmax gives no second derivative: null, said so.
    #expect(try JSONValue.parse(withLines[1])["d2"] == .null)
    // --json: d2 as before, and the flag is refused without a JSON mode.
    let one = try CLIRunner.run(["eval", "sigmoid", "--arg", "x=1", "--json", "--second-derivative"])
    #expect(one.status == 0)
    #expect(try JSONValue.parse(one.stdout)["d2"]?["x"]?.doubleValue == d2)
    let refused = try CLIRunner.run(["eval", "sigmoid", "--arg", "x=1", "--second-derivative"])
    #expect(refused.status == 64)
    #expect(refused.stderr.contains("--second-derivative goes with --json or --jsonl"))
    #expect(refused.stdout.isEmpty)
  }

  // MARK: - Item 5: claim files documented; check --format json

  @Test("lossatlas help claims lists every key, property, expectation form and identity")
  func helpClaims() throws {
    let r = try CLIRunner.run(["help", "claims"])
    #expect(r.status == 0, "\(r.stderr)")
    for p in ClaimProperty.allCases { #expect(r.stdout.contains("\n  \(p.rawValue)\n"), "\(p.rawValue)") }
    for identity in Identity.all { #expect(r.stdout.contains("\n  \(identity.name)\n"), "\(identity.name)") }
    for key in ["id", "text", "function", "property", "expect", "verdict", "params", "args", "view", "over", "at", "name"] {
      #expect(r.stdout.contains("\n  \(key)\n"), "\(key)")
    }
    for form in ["{equals: V}", "{approx: V, tol: T}", "{at-most: V}", "{at-least: V}", "{in: [A, B]}", "[A, B]"] {
      #expect(r.stdout.contains(form), "\(form)")
    }
    // The help is laid out by LossAtlas, not re-wrapped: no line is longer than 80.
    #expect(r.stdout.split(separator: "\n").allSatisfy { $0.count <= 80 })
    let check = try CLIRunner.run(["check", "--help"])
    #expect(check.stdout.contains("lossatlas help claims"))
  }

  @Test("The README names every property, key, expectation form and identity, and its methods-page link exists")
  func readmeDocumentsClaims() throws {
    let readme = try String(contentsOf: Fixtures.repositoryRoot.appendingPathComponent("README.md"), encoding: .utf8)
    for p in ClaimProperty.allCases { #expect(readme.contains("`\(p.rawValue)`"), "\(p.rawValue)") }
    for identity in Identity.all { #expect(readme.contains("`\(identity.name)`"), "\(identity.name)") }
    for key in ClaimReference.keys.flatMap({ $0.name.components(separatedBy: ", ") }) {
      #expect(readme.contains("`\(key)`"), "\(key)")
    }
    #expect(readme.contains("lossatlas help claims"))
    #expect(readme.contains("(output/markdown/methods.md#claim-files)"))
  }

  @Test("check --format json: computed values as numbers beside the prose; '1 statement'")
  func checkJSONValues() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("lossatlas-claims-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let file = folder.appendingPathComponent("c.yaml")
    try """
      claims:
        - id: huber-slope
          function: huber
          params: {delta: [0.5, 2]}
          property: max-abs-derivative
          expect: {at-most: 2}
      """.write(to: file, atomically: true, encoding: .utf8)
    let table = try CLIRunner.run(["check", file.path])
    #expect(table.status == 0, "\(table.stderr)")
    #expect(table.stdout.hasSuffix("1 statement checked: 1 pass, 0 fail\n"))
    let r = try CLIRunner.run(["check", file.path, "--format", "json"])
    #expect(r.status == 0)
    let json = try JSONValue.parse(r.stdout)
    guard case .array(let results)? = json["results"], let first = results.first,
      case .array(let values)? = first["values"]
    else {
      Issue.record("no values: \(r.stdout)")
      return
    }
    // huber's max |f'| is delta: 0.5 and 2, as JSON numbers.
    #expect(values.count == 2)
    #expect(values.map { $0["value"] } == [.number("0.5"), .number("2.0")])
    #expect(values.map { $0["params"]?["delta"]?.doubleValue } == [0.5, 2])
    #expect(values.allSatisfy { $0["holds"] == .bool(true) })
    #expect(first["holds"] == .bool(true))
    // The prose stays.
    if case .string(let prose)? = first["computed"] { #expect(prose.contains("delta=0.5")) } else { Issue.record("no prose") }
  }

  @Test("A claim's args may fix any value (a view built on request); view: picks a catalog view")
  func claimsOnAnyView() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("lossatlas-claims-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let file = folder.appendingPathComponent("c.yaml")
    // bce with a soft target y = 0.7 never reaches 0 (its minimum is the
    // entropy of 0.7, 0.6109 > 0); bce's view 1 (y = 0) is -log(1 - p),
    // increasing; a view index that does not exist is a file error.
    try """
      claims:
        - id: soft-target
          function: bce
          args: {y: 0.7}
          property: zero-at-correct
          expect: never
        - id: soft-target-minimum
          function: bce
          args: {y: 0.7}
          property: range
          expect: [0.6108643020548935, inf]
        - id: view-one
          function: bce
          view: 1
          property: monotonic
          expect: increasing
      """.write(to: file, atomically: true, encoding: .utf8)
    let r = try CLIRunner.run(["check", file.path])
    #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
    #expect(r.stdout.hasSuffix("3 statements checked: 3 pass, 0 fail\n"))
    // The entropy of 0.7, independently: -(0.7 log 0.7 + 0.3 log 0.3).
    let entropy = -(0.7 * Foundation.log(0.7) + 0.3 * Foundation.log(0.3))
    #expect(abs(entropy - 0.6108643020548935) <= 1e-15)
    try """
      claims:
        - id: no-such-view
          function: bce
          view: 7
          property: monotonic
          expect: increasing
      """.write(to: file, atomically: true, encoding: .utf8)
    let bad = try CLIRunner.run(["check", file.path])
    #expect(bad.status == 2)
    #expect(bad.stderr.contains("view '7': bce's views are 0 (p (y = 1)), 1 (p (y = 0)), 2 (p (y = 0.3))"), "\(bad.stderr)")
  }

  // MARK: - Item 6: generate --only links only to pages that exist

  @Test("generate --only sigmoid: every relative link of every page resolves; the errata keeps its sigmoid links")
  func onlyHasNoBrokenLinks() throws {
    let out = FileManager.default.temporaryDirectory.appendingPathComponent("lossatlas-only-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: out) }
    let r = try CLIRunner.run(["generate", "--out", out.path, "--only", "sigmoid", "--quiet"])
    #expect(r.status == 0, "\(r.stderr)")
    // Both editions' pages (SiteLinks: every .md and .html in the folder).
    let links = try SiteLinks(out.path)
    #expect(links.broken.isEmpty, "\(links.broken.prefix(10))")
    #expect(links.checked > 50)
    #expect(links.pages.contains("zh/html/sigmoid.html") && links.pages.contains("markdown/sigmoid.md"))
    let errata = try String(contentsOf: out.appendingPathComponent("markdown/errata.md"), encoding: .utf8)
    #expect(errata.contains("](sigmoid.md)"))
    #expect(!errata.contains("](relu.md)"))
  }
}
