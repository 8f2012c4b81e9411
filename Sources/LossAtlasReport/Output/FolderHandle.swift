#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// An open folder. Its entries are reached relative to it (`openat`,
/// `fstatat`, `mkdirat`, `renameat`, `unlinkat`) and subfolders are opened
/// with `O_NOFOLLOW`, so once a folder is open, nothing that happens to the
/// path it came from (a parent renamed, a folder swapped for a symbolic
/// link) can redirect a read or a write somewhere else.
final class FolderHandle {
  let fd: Int32
  /// The folder's path, for messages.
  let path: String

  private init(fd: Int32, path: String) {
    self.fd = fd
    self.path = path
  }

  deinit { close(fd) }

  /// Opens the folder at `path`, following symbolic links in it: the user
  /// named this path.
  static func open(_ path: String) throws -> FolderHandle {
    let fd = systemOpen(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
    guard fd >= 0 else {
      let e = errno
      let shown = SystemCalls.printable(path)
      switch e {
      case ENOENT: throw OutputError(description: "the folder \(shown) does not exist")
      case ENOTDIR: throw OutputError(description: "\(shown) is not a folder")
      default: throw OutputError(description: "cannot open the folder \(shown): \(SystemCalls.message(e))")
      }
    }
    return FolderHandle(fd: fd, path: path)
  }

  /// The path of the entry `name`, for messages.
  func pathOf(_ name: String) -> String {
    SystemCalls.printable(path.hasSuffix("/") ? path + name : path + "/" + name)
  }

  /// What the entry `name` is (a link is not followed), and its identity.
  func entry(_ name: String) throws -> (kind: EntryKind, identity: FileIdentity?) {
    var info = stat()
    if fstatat(fd, name, &info, AT_SYMLINK_NOFOLLOW) == 0 {
      return (EntryKind(mode: info.st_mode), FileIdentity(info))
    }
    let e = errno
    if e == ENOENT { return (.absent, nil) }
    throw OutputError(description: "cannot examine \(pathOf(name)): \(SystemCalls.message(e))")
  }

  /// The subfolder `name`; nil if there is none. Anything else there (a
  /// symbolic link, even to a folder; a file; a FIFO) is an error that
  /// names it.
  func subfolder(_ name: String) throws -> FolderHandle? {
    let child = openat(fd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
    if child >= 0 { return FolderHandle(fd: child, path: pathOf(name)) }
    let e = errno
    if e == ENOENT { return nil }
    let kind = (try? entry(name).kind) ?? .other
    if kind != .folder && kind != .absent {
      throw OutputError(description: "\(pathOf(name)) is \(kind.phrase), not a folder: LossAtlas does not write through it (move it away)")
    }
    throw OutputError(description: "cannot open the folder \(pathOf(name)): \(SystemCalls.message(e))")
  }

  /// Creates the subfolder `name` (`mkdirat`; the umask applies to 0777,
  /// as for `mkdir`) and opens it. `created` is false when a folder was
  /// already there; anything else there is an error.
  func makeSubfolder(_ name: String) throws -> (folder: FolderHandle, created: Bool) {
    var created = true
    if mkdirat(fd, name, 0o777) != 0 {
      let e = errno
      guard e == EEXIST else {
        throw OutputError(description: "cannot create the folder \(pathOf(name)): \(SystemCalls.message(e))")
      }
      created = false
    }
    guard let folder = try subfolder(name) else {
      throw OutputError(description: "the folder \(pathOf(name)) disappeared while LossAtlas was writing")
    }
    return (folder, created)
  }

  /// The bytes of the regular file `name`, which must still be the file
  /// `expected` (same inode, size and modification time). Opened without
  /// following a link and without blocking (a FIFO swapped in would
  /// otherwise wait for a writer forever).
  func readFile(_ name: String, expected: FileIdentity) throws -> [UInt8] {
    let file = openat(fd, name, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)
    guard file >= 0 else {
      throw OutputError(description: "cannot read \(pathOf(name)): \(SystemCalls.message(errno))")
    }
    defer { close(file) }
    var info = stat()
    guard fstat(file, &info) == 0, EntryKind(mode: info.st_mode) == .file, FileIdentity(info).isUnchanged(since: expected) else {
      throw OutputError(description: "\(pathOf(name)) changed while LossAtlas was reading it: run again")
    }
    var bytes = [UInt8](repeating: 0, count: expected.size)
    var offset = 0
    while offset < expected.size {
      let got = bytes.withUnsafeMutableBytes { read(file, $0.baseAddress! + offset, expected.size - offset) }
      if got < 0 && errno == EINTR { continue }
      guard got > 0 else {
        throw OutputError(description: "cannot read \(pathOf(name)): \(got < 0 ? SystemCalls.message(errno) : "it shrank while LossAtlas was reading it")")
      }
      offset += got
    }
    return bytes
  }

  /// Removes the file `name` (`unlinkat`); errno or 0.
  func removeFile(_ name: String) -> Int32 {
    unlinkat(fd, name, 0) == 0 ? 0 : errno
  }

  /// Removes the subfolder `name` if it is empty (`rmdir`: never anything
  /// in it); true when it was removed.
  func removeEmptySubfolder(_ name: String) -> Bool {
    unlinkat(fd, name, AT_REMOVEDIR) == 0
  }

  /// The names in this folder (without `.` and `..`).
  func names() throws -> [String] {
    let copy = dup(fd)
    guard copy >= 0, let stream = fdopendir(copy) else {
      if copy >= 0 { close(copy) }
      throw OutputError(description: "cannot list \(SystemCalls.printable(path)): \(SystemCalls.message(errno))")
    }
    defer { closedir(stream) }
    rewinddir(stream)
    var names: [String] = []
    while let entry = readdir(stream) {
      let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
        String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
      }
      if name != "." && name != ".." { names.append(name) }
    }
    return names
  }

  /// Flushes this folder's entries to the disk.
  func sync() { _ = fsync(fd) }
}

/// `open(2)` of a path (the name `open` is taken inside ``FolderHandle``).
private func systemOpen(_ path: String, _ flags: Int32) -> Int32 {
  #if canImport(Glibc)
    Glibc.open(path, flags)
  #else
    Darwin.open(path, flags)
  #endif
}
