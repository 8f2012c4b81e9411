import Foundation
#if canImport(Glibc)
import Glibc
/// POSIX write(2) (the name `write` is taken by ``OutputWriter/write(_:to:)``).
private let posixWrite = Glibc.write
#elseif canImport(Darwin)
import Darwin
private let posixWrite = Darwin.write
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

      if let previous {
        let owned = previous.owned
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
      if mkdir(path, 0o755) != 0 {
        let e = errno
        if e != EEXIST { throw OutputError(description: "cannot create \(path): \(String(cString: strerror(e)))") }
      }
    }
    // Same-run duplicates are found by file name and size, then compared
    // byte for byte.
    struct Key: Hashable {
      let name: Substring
      let size: Int
    }
    var written: [Key: Int] = [:]
    // A previous file is reused only from a real folder of the previous
    // manual: a folder the user replaced by a symbolic link to somewhere else
    // must not make the new manual share files with it. (The file itself is
    // opened with O_NOFOLLOW.)
    let previousRoot = previous.flatMap { resolvedPath($0.folder) }
    let realFolders = previousRoot.map { realSubfolders(of: $0, among: folders) } ?? []
    for (k, file) in files.enumerated() {
      let path = root + "/" + file.path
      let parent = file.path.split(separator: "/").dropLast().joined(separator: "/")
      if let previous, let previousRoot, previous.owned.contains(file.path), parent.isEmpty || realFolders.contains(parent) {
        let old = previousRoot + "/" + file.path
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

  /// The folders among `relative` (paths under `root`) that are real
  /// directories all the way down from `root`: no component is a symbolic
  /// link or anything else. One `lstat` per folder.
  private static func realSubfolders(of root: String, among relative: Set<String>) -> Set<String> {
    var real = Set<String>()
    // Sorted, a parent is decided before its children.
    for folder in relative.sorted() {
      let parent = folder.split(separator: "/").dropLast().joined(separator: "/")
      guard parent.isEmpty || real.contains(parent) else { continue }
      var info = stat()
      if lstat(root + "/" + folder, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR { real.insert(folder) }
    }
    return real
  }

  /// `path` with every symbolic link, `.` and `..` resolved; nil on error.
  private static func resolvedPath(_ path: String) -> String? {
    guard let resolved = realpath(path, nil) else { return nil }
    defer { free(resolved) }
    return String(cString: resolved)
  }

  /// The bytes of the regular file at `path` if it has `expectedSize` bytes;
  /// nil otherwise or on any error. Opened without blocking (a FIFO put in
  /// the old manual's place would otherwise wait for a writer forever) and
  /// without following a final symbolic link.
  private static func readFile(_ path: String, expectedSize: Int) -> [UInt8]? {
    let fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK)
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
  ///
  /// `O_EXCL`: the file must not exist. A staging file can be a hard link to
  /// the live manual's file, so truncating an existing one (say, from a
  /// second run writing into the same staging folder) could change the
  /// manual before the swap.
  private static func writeFile(_ bytes: [UInt8], to path: String) -> String? {
    let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
    guard fd >= 0 else {
      let e = errno
      if e == EEXIST {
        return "cannot create \(path): it exists already (is another lossatlas generate writing to the same folder?)"
      }
      return "cannot create \(path): \(String(cString: strerror(e)))"
    }
    var offset = 0
    while offset < bytes.count {
      let written = bytes.withUnsafeBytes { posixWrite(fd, $0.baseAddress! + offset, $0.count - offset) }
      if written < 0 {
        let e = errno
        if e == EINTR { continue }
        close(fd)
        return "cannot write \(path): \(String(cString: strerror(e)))"
      }
      offset += written
    }
    // A deferred write error (a full disk, a quota, NFS) shows up here.
    if close(fd) != 0 {
      let e = errno
      return "cannot write \(path): \(String(cString: strerror(e)))"
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
