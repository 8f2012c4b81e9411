import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A generated file: its path relative to the output folder and its bytes.
public struct OutputFile: Sendable, Equatable {
  public let path: String
  public let bytes: [UInt8]

  public init(path: String, bytes: [UInt8]) {
    self.path = path
    self.bytes = bytes
  }

  public init(path: String, text: String) {
    self.init(path: path, bytes: Array(text.utf8))
  }
}

/// Why the manual could not be written.
public struct OutputError: Error, Sendable, CustomStringConvertible {
  public let description: String
}

/// Writes a complete manual atomically.
///
/// 1. Every file is written into a temporary sibling folder
///    (`.output.lossatlas-tmp`) next to the destination.
/// 2. The destination's manifest (`.lossatlas-manifest`, the files the last
///    run wrote) says which of its files are LossAtlas's. Files not in it
///    are the user's: they are carried over into the new folder untouched;
///    if a new file would replace one of them, the run stops with an error
///    and the destination is left as it was.
/// 3. The old folder is renamed aside, the new one renamed into place, and
///    the old one removed. A run that fails or is interrupted before the
///    rename leaves the previous manual intact (and the next run clears the
///    stale temporary folder).
public enum OutputWriter {
  public static let manifestName = ".lossatlas-manifest"

  public static func write(_ files: [OutputFile], to destination: URL) throws {
    let fm = FileManager.default
    let dest = destination.standardizedFileURL
    let parent = dest.deletingLastPathComponent()
    let name = dest.lastPathComponent
    var isDirectory: ObjCBool = false
    if fm.fileExists(atPath: dest.path, isDirectory: &isDirectory), !isDirectory.boolValue {
      throw OutputError(description: "the output path \(dest.path) is a file, not a folder: choose another --out")
    }
    if !fm.fileExists(atPath: parent.path) {
      throw OutputError(description: "the output folder's parent \(parent.path) does not exist")
    }
    guard fm.isWritableFile(atPath: parent.path) else {
      throw OutputError(description: "cannot write to \(parent.path): permission denied")
    }
    let paths = files.map(\.path)
    guard Set(paths).count == paths.count else {
      throw OutputError(description: "internal error: a generated path is produced twice")
    }
    for p in paths where p.hasPrefix("/") || p.split(separator: "/").contains("..") || p == manifestName {
      throw OutputError(description: "internal error: generated path \(p) escapes the output folder")
    }

    let staging = parent.appendingPathComponent(".\(name).lossatlas-tmp")
    let aside = parent.appendingPathComponent(".\(name).lossatlas-old")
    try? fm.removeItem(at: staging)
    try? fm.removeItem(at: aside)
    do {
      try fm.createDirectory(at: staging, withIntermediateDirectories: true)
      let previous = fm.fileExists(atPath: dest.path) ? Previous(folder: dest.path, owned: Set(readManifest(dest))) : nil
      try writeFiles(files, into: staging, previous: previous)
      let manifest = paths.sorted().joined(separator: "\n") + "\n"
      try Data(manifest.utf8).write(to: staging.appendingPathComponent(manifestName))

      if fm.fileExists(atPath: dest.path) {
        let owned = Set(readManifest(dest))
        let generated = Set(paths)
        for foreign in try allFiles(under: dest) where !owned.contains(foreign) && foreign != manifestName {
          if generated.contains(foreign) {
            throw OutputError(
              description: "\(dest.appendingPathComponent(foreign).path) was not written by LossAtlas and would be replaced: move it away or choose another --out")
          }
          let target = staging.appendingPathComponent(foreign)
          try fm.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
          try fm.copyItem(at: dest.appendingPathComponent(foreign), to: target)
        }
        try fm.moveItem(at: dest, to: aside)
        try fm.moveItem(at: staging, to: dest)
        try? fm.removeItem(at: aside)
      } else {
        try fm.moveItem(at: staging, to: dest)
      }
    } catch let error as OutputError {
      try? fm.removeItem(at: staging)
      throw error
    } catch {
      try? fm.removeItem(at: staging)
      if !fm.fileExists(atPath: dest.path), fm.fileExists(atPath: aside.path) {
        try? fm.moveItem(at: aside, to: dest)
      }
      throw OutputError(description: "cannot write the manual to \(dest.path): \(error.localizedDescription)")
    }
  }

  /// The manual being replaced: its folder and the files LossAtlas wrote there.
  struct Previous {
    let folder: String
    let owned: Set<String>
  }

  /// Writes `files` under `folder` (which exists): each folder is created
  /// once, parents first, then the files in order, with plain POSIX calls
  /// (Foundation's per-file `Data.write` and `createDirectory` cost about
  /// 0.25 ms a file).
  ///
  /// Creating a file (a new inode) is most of the cost on ext4, and it grows
  /// as a disk sees many files deleted (0.2 to 0.9 ms a file measured here),
  /// so inodes are reused where the bytes allow:
  /// - a file of the previous manual that LossAtlas wrote and whose bytes
  ///   are unchanged is hard-linked into the new folder (it keeps its
  ///   modification time, and removing the old folder frees nothing);
  /// - a file whose bytes equal an earlier one of this run (each figure is
  ///   in both markdown/ and html/) is a hard link to it.
  /// Where links are not supported, the file is written.
  /// One thread: two threads creating files in one directory contend for
  /// its lock, and the kernel spins on it (0.3-0.5 s of system time).
  static func writeFiles(_ files: [OutputFile], into folder: URL, previous: Previous? = nil) throws {
    let root = folder.path
    var folders = Set<String>()
    for file in files {
      var parts = file.path.split(separator: "/").dropLast()
      while !parts.isEmpty {
        folders.insert(parts.joined(separator: "/"))
        parts = parts.dropLast()
      }
    }
    // Sorted, a parent comes before its children.
    for relative in folders.sorted() {
      let path = root + "/" + relative
      if mkdir(path, 0o755) != 0 && errno != EEXIST {
        throw OutputError(description: "cannot create \(path): \(String(cString: strerror(errno)))")
      }
    }
    // Same-run duplicates are found by file name and size, then compared
    // byte for byte.
    struct Key: Hashable {
      let name: Substring
      let size: Int
    }
    var written: [Key: Int] = [:]
    for (k, file) in files.enumerated() {
      let path = root + "/" + file.path
      if let previous, previous.owned.contains(file.path) {
        let old = previous.folder + "/" + file.path
        if readFile(old, expectedSize: file.bytes.count) == file.bytes, link(old, path) == 0 { continue }
      }
      let key = Key(name: file.path.split(separator: "/").last ?? "", size: file.bytes.count)
      if let j = written[key], files[j].bytes == file.bytes, link(root + "/" + files[j].path, path) == 0 { continue }
      if let failure = writeFile(file.bytes, to: path) {
        throw OutputError(description: failure)
      }
      written[key] = written[key] ?? k
    }
  }

  /// The bytes of the regular file at `path` if it has `expectedSize` bytes;
  /// nil otherwise or on any error.
  private static func readFile(_ path: String, expectedSize: Int) -> [UInt8]? {
    let fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW)
    guard fd >= 0 else { return nil }
    defer { close(fd) }
    var info = stat()
    guard fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG, Int(info.st_size) == expectedSize else { return nil }
    var bytes = [UInt8](repeating: 0, count: expectedSize)
    var offset = 0
    while offset < expectedSize {
      let got = bytes.withUnsafeMutableBytes { read(fd, $0.baseAddress! + offset, expectedSize - offset) }
      if got < 0 && errno == EINTR { continue }
      guard got > 0 else { return nil }
      offset += got
    }
    return bytes
  }

  /// Writes `bytes` to a new file at `path`; a message on failure.
  private static func writeFile(_ bytes: [UInt8], to path: String) -> String? {
    let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
    guard fd >= 0 else { return "cannot create \(path): \(String(cString: strerror(errno)))" }
    defer { close(fd) }
    var offset = 0
    while offset < bytes.count {
      let written = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress! + offset, $0.count - offset) }
      if written < 0 {
        if errno == EINTR { continue }
        return "cannot write \(path): \(String(cString: strerror(errno)))"
      }
      offset += written
    }
    return nil
  }

  /// The paths the last run recorded, or [] when there is no manifest.
  static func readManifest(_ dir: URL) -> [String] {
    guard let text = try? String(contentsOf: dir.appendingPathComponent(manifestName), encoding: .utf8) else { return [] }
    return text.split(separator: "\n").map(String.init)
  }

  /// Every file under `dir` (not folders), as paths relative to it, sorted.
  static func allFiles(under dir: URL) throws -> [String] {
    let fm = FileManager.default
    guard let walker = fm.enumerator(atPath: dir.path) else { return [] }
    var out: [String] = []
    for case let relative as String in walker {
      var isDirectory: ObjCBool = false
      let full = dir.appendingPathComponent(relative).path
      if fm.fileExists(atPath: full, isDirectory: &isDirectory), !isDirectory.boolValue {
        out.append(relative)
      }
    }
    return out.sorted()
  }
}
