import Foundation
import PackagePlugin

/// Embeds the project's templates/, claims/, data/frameworks/ and the public golden vectors
/// (data/oracle/) into the target that uses this plugin, so the `lossatlas` binary renders
/// the manual, checks the shipped claims and reports its accuracy from any
/// directory (a copied binary included).
@main
struct EmbedResources: BuildToolPlugin {
  func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
    let root = context.package.directoryURL
    var inputs: [URL] = []
    for folder in ["templates", "claims"] {
      inputs += files(under: root.appendingPathComponent(folder))
    }
    // The committed framework measurements the pages cite (JSON only).
    inputs += files(under: root.appendingPathComponent("data/frameworks")).filter { $0.pathExtension == "json" }
    // The public golden vectors (copies of the oracle's files, never edited),
    // which the manual's accuracy table and the errata's formula check read.
    inputs += files(under: root.appendingPathComponent("data/oracle")).filter { $0.pathExtension == "jsonl" }
    inputs.sort { $0.path < $1.path }
    let output = context.pluginWorkDirectoryURL.appendingPathComponent("EmbeddedResources.swift")
    return [
      .buildCommand(
        displayName: "Embedding \(inputs.count) templates, claims and golden vectors",
        executable: try context.tool(named: "embed-resources").url,
        arguments: [root.path, output.path] + inputs.map(\.path),
        inputFiles: inputs,
        outputFiles: [output])
    ]
  }

  private func files(under dir: URL) -> [URL] {
    guard let walker = FileManager.default.enumerator(at: dir, includingPropertiesForKeys: [.isRegularFileKey]) else {
      return []
    }
    var out: [URL] = []
    for case let url as URL in walker {
      let name = url.lastPathComponent
      if name.hasPrefix(".") { continue }
      if (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true { out.append(url) }
    }
    return out
  }
}
