import Foundation

/// The claim files named on the command line: a file as given, a folder as
/// its *.yaml and *.yml files (not recursive, sorted by name), so that
/// `lossatlas check claims/` works in CI and in the container image.
enum ClaimPaths {
  /// The files to read, in order; an error message (`PATH:1: reason`) for a
  /// folder that holds no claim file.
  static func expand(_ arguments: [String]) -> Result<[String], ClaimPathError> {
    var out: [String] = []
    for path in arguments {
      var isDirectory: ObjCBool = false
      guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue else {
        out.append(path)
        continue
      }
      let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
      let yaml = names.filter { ($0.hasSuffix(".yaml") || $0.hasSuffix(".yml")) && !$0.hasPrefix(".") }.sorted()
      guard !yaml.isEmpty else {
        return .failure(ClaimPathError(message: "\(path):1: a folder with no claim file (*.yaml or *.yml) in it"))
      }
      let prefix = path.hasSuffix("/") ? path : path + "/"
      out += yaml.map { prefix + $0 }
    }
    return .success(out)
  }
}

struct ClaimPathError: Error {
  let message: String
}
