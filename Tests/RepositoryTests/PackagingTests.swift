import Foundation
import TestSupport
import Testing
import Yams

/// LICENSE, CITATION.cff, the Dockerfile and the README's CI recipe.
@Suite struct PackagingTests {
  static let root = Fixtures.repositoryRoot

  static func text(_ relative: String) throws -> String {
    try String(contentsOf: root.appendingPathComponent(relative), encoding: .utf8)
  }

  @Test("LICENSE is the Apache License 2.0, complete")
  func license() throws {
    let text = try Self.text("LICENSE")
    #expect(text.contains("Apache License") && text.contains("Version 2.0, January 2004"))
    #expect(text.contains("END OF TERMS AND CONDITIONS"))
    #expect(text.contains("9. Accepting Warranty or Additional Liability."))
  }

  @Test("CITATION.cff: CFF 1.2.0 with the required keys, the VERSION file's version and the LICENSE's license")
  func citation() throws {
    let cff = try #require(try Yams.load(yaml: try Self.text("CITATION.cff")) as? [String: Any])
    #expect(cff["cff-version"] as? String == "1.2.0")
    #expect((cff["message"] as? String)?.isEmpty == false)
    #expect((cff["title"] as? String)?.hasPrefix("LossAtlas") == true)
    let authors = try #require(cff["authors"] as? [[String: Any]])
    #expect(!authors.isEmpty && authors.allSatisfy { $0["name"] != nil || $0["family-names"] != nil })
    #expect(cff["version"] as? String == (try SourceFingerprint.version()))
    #expect(cff["license"] as? String == "Apache-2.0")
    #expect(cff["type"] as? String == "software")
  }

  @Test("Dockerfile: builds in the Debian 12 Swift image, runs on bookworm-slim with libgd3 and fonts, as non-root")
  func dockerfile() throws {
    let text = try Self.text("Dockerfile")
    #expect(text.contains("ARG SWIFT_IMAGE=swift:6.3.1-bookworm"))
    #expect(text.contains("ARG RUNTIME_IMAGE=debian:bookworm-slim"))
    #expect(text.contains("FROM ${SWIFT_IMAGE} AS build"))
    #expect(text.contains("--static-swift-stdlib"))
    #expect(text.contains("apt-get install -y --no-install-recommends libgd3 fonts-dejavu-core fonts-wqy-microhei"))
    #expect(text.contains("ENTRYPOINT [\"lossatlas\"]"))
    // The last USER is numeric and not root.
    let user = try #require(text.split(separator: "\n").last { $0.hasPrefix("USER ") })
    #expect(user == "USER 10001:10001")
    // The runtime image needs no Swift runtime: the build links it statically
    // (.ci/runtime-libraries lists what the binary may need; release.yml runs it).
    let allowed = try Self.text(".ci/runtime-libraries")
    #expect(allowed.contains("libgd.so.3") && !allowed.contains("libswiftCore"))
    // .dockerignore keeps build folders out and .git in (for --version's commit).
    let ignore = try Self.text(".dockerignore")
    #expect(ignore.contains(".build/") && !ignore.split(separator: "\n").contains(".git"))
  }

  /// The path is the first of ChartFonts.knownFallbacks (Debian's).
  @Test("make deps installs WenQuanYi Micro Hei (the Chinese figures' font) when missing, like DejaVu")
  func makeDepsInstallsCJKFont() throws {
    let text = try Self.text("Makefile")
    #expect(
      text.contains(
        "[ -f /usr/share/fonts/truetype/wqy/wqy-microhei.ttc ] || [ -n \"$$LOSSATLAS_CJK_FONT\" ] || missing=\"$$missing fonts-wqy-microhei\""
      ))
  }

  @Test("the README's CI recipe uses the action's real inputs, the image and the release binary")
  func readmeRecipe() throws {
    let readme = try Self.text("README.md")
    let action = try #require(try Yams.load(yaml: try Self.text("action.yml")) as? [String: Any])
    let inputs = Set((action["inputs"] as? [String: Any] ?? [:]).keys)
    // The YAML block of the recipe: its `with:` keys are inputs of action.yml.
    let blocks = readme.components(separatedBy: "```yaml\n").dropFirst().map { $0.components(separatedBy: "```")[0] }
    let recipe = try #require(blocks.first { $0.contains("lossatlas") && $0.contains("uses:") && $0.contains("with:") })
    #expect(recipe.split(separator: "\n").count <= 8)
    let step = try #require(try Yams.load(yaml: recipe) as? [[String: Any]])
    let uses = try #require(step.first { ($0["with"] as? [String: Any]) != nil })
    for key in (uses["with"] as? [String: Any] ?? [:]).keys { #expect(inputs.contains(key), "README uses input \(key)") }
    #expect(readme.contains("docker run --rm -v \"$PWD:/work\" -w /work ghcr.io/"))
    #expect(readme.contains("--static-swift-stdlib"))
    #expect(readme.contains("GitHub Actions") && readme.contains("Pages"))
    #expect(readme.contains("swift:6.3.1-bookworm"))
  }

  @Test("README, claims and templates cite no document the repository does not have")
  func noMissingDocuments() throws {
    var texts = [("README.md", try Self.text("README.md"))]
    for folder in ["claims", "templates/markdown", "templates/html"] {
      // Every file below the folder (claims/examples/ holds more).
      let base = Self.root.appendingPathComponent(folder).path
      for name in try FileManager.default.subpathsOfDirectory(atPath: base).sorted() {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: base + "/" + name, isDirectory: &isFolder), !isFolder.boolValue else { continue }
        texts.append((folder + "/" + name, try Self.text(folder + "/" + name)))
      }
    }
    let pattern = try NSRegularExpression(pattern: #"\b[A-Z][A-Z0-9_-]+\.md\b"#)
    for (name, text) in texts {
      for m in pattern.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
        let cited = String(text[Range(m.range, in: text)!])
        let exists = FileManager.default.fileExists(atPath: Self.root.appendingPathComponent(cited).path)
        #expect(exists, "\(name) cites \(cited), which is not in the repository")
      }
    }
  }
}
