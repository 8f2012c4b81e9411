/// The paths LossAtlas may write or delete inside an output folder: one
/// check for the generated files and for every line of a manifest, which
/// is read from disk and so is not trusted.
enum OutputPath {
  /// Why `path` cannot name a file or folder of the manual inside the
  /// output folder, or nil if it can. It must be relative, of non-empty
  /// components other than `.` and `..` (it stays inside the folder),
  /// without control characters, outside any `.git` folder, and not one of
  /// LossAtlas's own bookkeeping files.
  static func problem(_ path: String) -> String? {
    if path.isEmpty { return "is empty" }
    if path.hasPrefix("/") { return "is an absolute path, outside the output folder" }
    if path.utf8.count > 1024 { return "is longer than 1024 bytes" }
    if path.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7f }) { return "holds a control character" }
    let components = path.split(separator: "/", omittingEmptySubsequences: false)
    for component in components {
      if component.isEmpty { return "has an empty component" }
      if component == "." || component == ".." { return "has a '\(component)' component: it could leave the output folder" }
      if component.lowercased() == ".git" { return "is inside a .git folder, which LossAtlas never touches" }
      if component.utf8.count > 255 { return "has a component longer than 255 bytes" }
    }
    if components.count == 1 && (path == OutputManifest.fileName || path == OutputLock.fileName) {
      return "is LossAtlas's own \(path)"
    }
    return nil
  }

  /// The folder part of `path` ("" at the top) and its last component.
  static func split(_ path: String) -> (folder: String, name: String) {
    guard let slash = path.lastIndex(of: "/") else { return ("", path) }
    return (String(path[..<slash]), String(path[path.index(after: slash)...]))
  }

  /// Every folder above `path`, parents first: "a/b/c" -> ["a", "a/b"].
  static func folders(above path: String) -> [String] {
    var result: [String] = []
    var index = path.startIndex
    while let slash = path[index...].firstIndex(of: "/") {
      result.append(String(path[..<slash]))
      index = path.index(after: slash)
    }
    return result
  }
}
