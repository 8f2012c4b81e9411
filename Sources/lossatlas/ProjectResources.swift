import Foundation

/// Files the project ships beside the code (claims/), found from the
/// current directory or the executable's location.
enum ProjectResources {
  /// The project root: `$LOSSATLAS_ROOT`, else the first ancestor of the
  /// current directory or of the executable that holds Package.swift and
  /// claims/.
  static var root: URL? {
    let fm = FileManager.default
    if let env = ProcessInfo.processInfo.environment["LOSSATLAS_ROOT"] { return URL(fileURLWithPath: env) }
    let starts = [
      URL(fileURLWithPath: fm.currentDirectoryPath),
      URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent(),
    ]
    for start in starts {
      var dir = start.standardizedFileURL
      for _ in 0..<8 {
        if fm.fileExists(atPath: dir.appendingPathComponent("Package.swift").path)
          && fm.fileExists(atPath: dir.appendingPathComponent("claims").path)
        {
          return dir
        }
        dir.deleteLastPathComponent()
      }
    }
    return nil
  }

  /// The project's claims/*.yaml, sorted by name, as (path relative to the
  /// root, text).
  static func claimFiles() -> [(name: String, text: String)] {
    guard let root else { return [] }
    let dir = root.appendingPathComponent("claims")
    let names = ((try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? [])
      .filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }.sorted()
    return names.compactMap { name in
      guard let text = try? String(contentsOf: dir.appendingPathComponent(name), encoding: .utf8) else { return nil }
      return ("claims/\(name)", text)
    }
  }
}
