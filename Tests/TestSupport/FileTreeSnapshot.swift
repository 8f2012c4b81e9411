import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Everything `lstat` and `readlink` say about each entry under a folder,
/// and the bytes of each regular file: two equal snapshots mean nothing in
/// the tree was created, deleted, moved, rewritten, re-owned, re-moded,
/// un-sparsed, split from a hard link, or touched (modification time).
/// Symbolic links are recorded, never followed; FIFOs are never opened.
public struct FileTreeSnapshot: Equatable, CustomStringConvertible {
  public struct Entry: Equatable, CustomStringConvertible {
    public let kind: UInt32
    public let inode: UInt64
    public let mode: UInt32
    public let owner: UInt32
    public let group: UInt32
    public let links: UInt64
    public let size: Int64
    /// 512-byte blocks allocated: a sparse file stays small.
    public let blocks: Int64
    public let modifiedSeconds: Int
    public let modifiedNanoseconds: Int
    public let linkTarget: String?
    /// The bytes of a regular file (for a file over 4 MiB: its first and
    /// last MiB).
    public let content: [UInt8]?

    /// Short, for failure messages (the bytes are summarised by count).
    public var description: String {
      "kind \(String(kind, radix: 8)) inode \(inode) mode \(String(mode, radix: 8)) owner \(owner) links \(links) size \(size) "
        + "blocks \(blocks) mtime \(modifiedSeconds).\(modifiedNanoseconds)\(linkTarget.map { " -> \($0)" } ?? "")"
        + "\(content.map { " \($0.count) bytes read" } ?? "")"
    }
  }

  /// Relative path -> entry ("" is the root folder itself).
  public let entries: [String: Entry]

  /// Takes a snapshot of `root`, leaving out the relative paths for which
  /// `excluding` is true (and everything under an excluded folder).
  public init(_ root: String, excluding: (String) -> Bool = { _ in false }) {
    var entries: [String: Entry] = [:]
    func visit(_ relative: String) {
      let path = relative.isEmpty ? root : root + "/" + relative
      var info = stat()
      guard lstat(path, &info) == 0 else { return }
      let kind = UInt32(info.st_mode & S_IFMT)
      var target: String?
      var content: [UInt8]?
      if kind == UInt32(S_IFLNK) {
        target = try? FileManager.default.destinationOfSymbolicLink(atPath: path)
      } else if kind == UInt32(S_IFREG) {
        content = Self.sample(path, size: Int(info.st_size))
      }
      #if canImport(Darwin)
        let modified = info.st_mtimespec
      #else
        let modified = info.st_mtim
      #endif
      entries[relative] = Entry(
        kind: kind, inode: UInt64(info.st_ino), mode: UInt32(info.st_mode & 0o7777), owner: info.st_uid, group: info.st_gid,
        links: UInt64(info.st_nlink), size: Int64(info.st_size), blocks: Int64(info.st_blocks),
        modifiedSeconds: Int(modified.tv_sec), modifiedNanoseconds: Int(modified.tv_nsec), linkTarget: target, content: content)
      if kind == UInt32(S_IFDIR) {
        for name in ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []).sorted() {
          let child = relative.isEmpty ? name : relative + "/" + name
          if !excluding(child) { visit(child) }
        }
      }
    }
    visit("")
    self.entries = entries
  }

  private static func sample(_ path: String, size: Int) -> [UInt8]? {
    guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
    defer { try? handle.close() }
    let mib = 1 << 20
    if size <= 4 * mib { return (try? handle.readToEnd()).map { [UInt8]($0) } ?? [] }
    var bytes = [UInt8]((try? handle.read(upToCount: mib)) ?? Data())
    try? handle.seek(toOffset: UInt64(size - mib))
    bytes += [UInt8]((try? handle.read(upToCount: mib)) ?? Data())
    return bytes
  }

  /// The entries below the root (the root folder's own modification time
  /// changes whenever an entry is added or removed in it, such as a lock
  /// file during a run).
  public var contents: [String: Entry] { entries.filter { $0.key != "" } }

  /// The paths whose entries differ between two snapshots, for a message.
  public func differences(from other: FileTreeSnapshot) -> [String] {
    Set(entries.keys).union(other.entries.keys).sorted().filter { entries[$0] != other.entries[$0] }
  }

  public var description: String { entries.keys.sorted().joined(separator: "\n") }
}
