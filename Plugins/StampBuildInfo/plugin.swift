import Foundation
import PackagePlugin

/// Stamps the target with the version (VERSION), the fingerprint of the
/// source the binary is built from, and the git commit when there is one
/// (see Sources/build-info). The inputs are the manual's inputs: the
/// manifest, the version, every source file, the plugins, the templates,
/// the claims and the data (framework measurements, golden vectors) the
/// binary embeds.
@main
struct StampBuildInfo: BuildToolPlugin {
  /// The fingerprinted roots, relative to the package root. The README's
  /// recipe and RepositoryTests recompute the fingerprint from this list.
  static let roots = [
    "Package.swift", "VERSION", "Sources", "Plugins", "templates", "claims", "data",
  ]

  func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
    let root = context.package.directoryURL
    var inputs: [URL] = []
    for entry in Self.roots {
      let url = root.appendingPathComponent(entry)
      var isDirectory: ObjCBool = false
      guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else { continue }
      inputs += isDirectory.boolValue ? files(under: url) : [url]
    }
    inputs.sort { $0.path < $1.path }
    // A commit changes the git index (not the files): declare it as an input
    // so the commit shown by `--version` follows commits.
    let extra = gitIndex(root).map { [$0] } ?? []
    let output = context.pluginWorkDirectoryURL.appendingPathComponent("GeneratedBuildInfo.swift")
    return [
      .buildCommand(
        displayName: "Stamping the version and the fingerprint of \(inputs.count) source files",
        executable: try context.tool(named: "build-info").url,
        arguments: [root.path, output.path, Self.roots.joined(separator: ",")] + inputs.map(\.path),
        inputFiles: inputs + extra,
        outputFiles: [output])
    ]
  }

  /// Every regular file under `dir`, skipping names that start with a dot.
  private func files(under dir: URL) -> [URL] {
    guard let walker = FileManager.default.enumerator(at: dir, includingPropertiesForKeys: [.isRegularFileKey]) else {
      return []
    }
    var out: [URL] = []
    for case let url as URL in walker {
      if url.lastPathComponent.hasPrefix(".") {
        walker.skipDescendants()
        continue
      }
      if (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true { out.append(url) }
    }
    return out
  }

  /// The index of the git work tree at `root`: `.git/index`, or for a linked
  /// work tree (`.git` is a file "gitdir: PATH") PATH/index.
  private func gitIndex(_ root: URL) -> URL? {
    let dotGit = root.appendingPathComponent(".git")
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: dotGit.path, isDirectory: &isDirectory) else { return nil }
    var gitDir = dotGit
    if !isDirectory.boolValue {
      guard let text = try? String(contentsOf: dotGit, encoding: .utf8),
        let line = text.split(separator: "\n").first, line.hasPrefix("gitdir: ")
      else { return nil }
      let path = String(line.dropFirst("gitdir: ".count))
      gitDir = path.hasPrefix("/") ? URL(fileURLWithPath: path) : root.appendingPathComponent(path)
    }
    let index = gitDir.appendingPathComponent("index")
    return FileManager.default.fileExists(atPath: index.path) ? index : nil
  }
}
