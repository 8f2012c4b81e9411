import Foundation
import TestSupport
import Testing
import Yams

/// Every YAML file of the repository's CI (.github/**, action.yml) parses,
/// and says what the project relies on: workflows in the Debian 12 image of
/// the committed manual, the pull-request checks, the release artifacts and
/// the action's inputs. (actionlint checks them further: `make lint`.)
@Suite struct WorkflowTests {
  static let root = Fixtures.repositoryRoot

  static func yamlFiles() -> [URL] {
    var out = [root.appendingPathComponent("action.yml")]
    let github = root.appendingPathComponent(".github")
    if let walker = FileManager.default.enumerator(at: github, includingPropertiesForKeys: nil) {
      for case let url as URL in walker where ["yml", "yaml"].contains(url.pathExtension) { out.append(url) }
    }
    return out.sorted { $0.path < $1.path }
  }

  static func load(_ relative: String) throws -> [String: Any] {
    let text = try String(contentsOf: root.appendingPathComponent(relative), encoding: .utf8)
    return try #require(try Yams.load(yaml: text) as? [String: Any], "\(relative) is not a mapping")
  }

  /// Every `run:` script of a workflow, joined.
  static func scripts(_ workflow: [String: Any]) -> String {
    let jobs = workflow["jobs"] as? [String: Any] ?? [:]
    return jobs.values.compactMap { ($0 as? [String: Any])?["steps"] as? [[String: Any]] }
      .flatMap { $0 }.compactMap { $0["run"] as? String }.joined(separator: "\n")
  }

  @Test("every YAML file under .github and action.yml parses; every job has steps that use or run something")
  func everyFileParses() throws {
    let files = Self.yamlFiles()
    #expect(files.count >= 4, "\(files.map(\.lastPathComponent))")
    for url in files {
      let text = try String(contentsOf: url, encoding: .utf8)
      let doc = try #require(try Yams.load(yaml: text) as? [String: Any], "\(url.path)")
      guard url.path.contains("/.github/workflows/") else { continue }
      #expect(doc["name"] is String, "\(url.lastPathComponent): name")
      // YAML 1.1 reads a bare `on:` key as the boolean true; Yams (YAML 1.2) keeps "on".
      #expect(doc["on"] != nil, "\(url.lastPathComponent): on")
      let jobs = try #require(doc["jobs"] as? [String: Any], "\(url.lastPathComponent): jobs")
      for (name, value) in jobs {
        let job = try #require(value as? [String: Any])
        #expect(job["runs-on"] is String, "\(url.lastPathComponent) \(name): runs-on")
        let steps = try #require(job["steps"] as? [[String: Any]], "\(url.lastPathComponent) \(name): steps")
        for step in steps {
          #expect((step["uses"] != nil) != (step["run"] != nil), "\(url.lastPathComponent) \(name): \(step)")
        }
      }
    }
  }

  @Test("jobs that build run in the Debian 12 Swift image (the system the committed output/ belongs to)")
  func debianContainer() throws {
    for file in ["docs.yml", "pr.yml", "release.yml"] {
      let wf = try Self.load(".github/workflows/" + file)
      let jobs = try #require(wf["jobs"] as? [String: [String: Any]])
      for (name, job) in jobs {
        let scripts = (job["steps"] as? [[String: Any]] ?? []).compactMap { $0["run"] as? String }.joined()
        guard scripts.contains("make test") || scripts.contains("make manual") || scripts.contains("make check-manual")
          || scripts.contains("swift build")
        else { continue }
        #expect(job["container"] as? String == "swift:6.3.1-bookworm", "\(file) \(name)")
        #expect(scripts.contains("safe.directory"), "\(file) \(name): git must trust the checkout for --version")
      }
    }
  }

  @Test("the pull-request workflow runs the tests, check-manual, the claims as annotations and the lint")
  func pullRequest() throws {
    let wf = try Self.load(".github/workflows/pr.yml")
    let on = try #require(wf["on"] as? [String: Any])
    #expect(on.keys.contains("pull_request"))
    let scripts = Self.scripts(wf)
    for command in ["make test", "make check-manual", "lossatlas check --format github claims/", "make lint", "make validate-html"] {
      #expect(scripts.contains(command), "pr.yml does not run \(command)")
    }
  }

  @Test("the release workflow checks the tag against VERSION, builds a static binary and the image, and attaches them")
  func release() throws {
    let wf = try Self.load(".github/workflows/release.yml")
    let on = try #require(wf["on"] as? [String: Any])
    let push = try #require(on["push"] as? [String: Any])
    #expect(push["tags"] as? [String] == ["v*"])
    let scripts = Self.scripts(wf)
    #expect(scripts.contains("--static-swift-stdlib"))
    #expect(scripts.contains("$GITHUB_REF_NAME\" != \"v$version\""))
    #expect(scripts.contains(".ci/runtime-libraries"))
    #expect(scripts.contains("gh release create"))
    let text = try String(contentsOf: Self.root.appendingPathComponent(".github/workflows/release.yml"), encoding: .utf8)
    #expect(text.contains("docker/build-push-action") && text.contains("ghcr.io/"))
  }

  @Test("action.yml: a composite action over the image, with the inputs files, format and version")
  func action() throws {
    let action = try Self.load("action.yml")
    let inputs = try #require(action["inputs"] as? [String: [String: Any]])
    #expect(Set(inputs.keys).isSuperset(of: ["files", "format", "version"]))
    #expect(inputs["format"]?["default"] as? String == "github")
    let runs = try #require(action["runs"] as? [String: Any])
    #expect(runs["using"] as? String == "composite")
    let steps = try #require(runs["steps"] as? [[String: Any]])
    let script = steps.compactMap { $0["run"] as? String }.joined()
    #expect(script.contains("docker run --rm -v \"$PWD:/work\" -w /work \"$IMAGE\" check --format \"$FORMAT\""))
    #expect(script.contains("ghcr.io/"))
    // Inputs reach the script through the environment, never spliced into it.
    #expect(!script.contains("${{"))
  }
}
