#if canImport(Glibc)
  import Glibc
  /// POSIX write(2).
  private let posixWrite = Glibc.write
#elseif canImport(Darwin)
  import Darwin
  private let posixWrite = Darwin.write
#endif

/// Writes a file atomically: a new temporary file in the same folder, then a
/// rename over the target. A reader sees the old file or the whole new one;
/// a failed or killed write leaves the old file as it was.
///
/// The one implementation behind `lossatlas chart --out` and every file of
/// `lossatlas generate`:
/// - the temporary file is created with `O_CREAT | O_EXCL | O_NOFOLLOW`
///   under an unpredictable name (like `mkstemp`), so it is always a new
///   file of LossAtlas's: never an existing file, never the far end of a
///   symbolic link someone planted;
/// - the rename replaces only what was examined: a new path must still be
///   free (`renameat2(RENAME_NOREPLACE)`, or `link(2)`, which fails on an
///   existing name), and an existing file must still be the same regular
///   file (`renameat2(RENAME_EXCHANGE)`, then a look at what was swapped
///   out; swapped back if it is not what was examined). Only where neither
///   call is available is the target checked just before a plain `rename`.
public enum AtomicFile {
  /// A file written under a temporary name and not yet renamed into place.
  struct Temporary {
    let name: String
    let identity: FileIdentity
  }

  /// The prefix of every temporary name.
  static let temporaryPrefix = ".lossatlas-tmp-"

  /// `.lossatlas-tmp-` and 16 characters from [a-z0-9] drawn from the
  /// system's random source (82 bits): nobody can guess the name to plant
  /// something there beforehand, and `O_EXCL` refuses it anyway.
  static func randomName() -> String {
    let alphabet = Array("abcdefghijklmnopqrstuvwxyz0123456789".utf8)
    var generator = SystemRandomNumberGenerator()
    let suffix = (0..<16).map { _ in alphabet[Int.random(in: 0..<alphabet.count, using: &generator)] }
    return temporaryPrefix + String(decoding: suffix, as: UTF8.self)
  }

  /// Creates a new file in `folder` under a name from `names` (another
  /// name while one is taken) and writes `bytes` to it. The permission bits
  /// are `permissions`, or 0666 less the umask (what any new file gets).
  /// `sync`: flushed to the disk before returning. On failure nothing is
  /// left behind.
  static func writeTemporary(
    _ bytes: [UInt8], in folder: FolderHandle, permissions: mode_t? = nil, sync: Bool,
    names: () -> String = randomName
  ) throws -> Temporary {
    for _ in 0..<100 {
      let name = names()
      let fd = openat(folder.fd, name, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o666)
      if fd < 0 {
        let e = errno
        if e == EEXIST || e == ELOOP { continue }  // taken (ELOOP: a link there, with O_NOFOLLOW)
        throw OutputError(description: "cannot create a file in \(SystemCalls.printable(folder.path)): \(SystemCalls.message(e))")
      }
      var failure: Int32 = 0
      var offset = 0
      while offset < bytes.count && failure == 0 {
        let n = bytes.withUnsafeBytes { posixWrite(fd, $0.baseAddress! + offset, $0.count - offset) }
        if n < 0 {
          if errno != EINTR { failure = errno }
        } else {
          offset += n
        }
      }
      if failure == 0, let permissions, fchmod(fd, permissions) != 0 { failure = errno }
      if failure == 0 && sync && fsync(fd) != 0 { failure = errno }
      var info = stat()
      if failure == 0 && fstat(fd, &info) != 0 { failure = errno }
      // A deferred write error (a full disk, a quota, NFS) shows up at close.
      if close(fd) != 0 && failure == 0 { failure = errno }
      if failure != 0 {
        _ = folder.removeFile(name)
        throw OutputError(description: "cannot write a file in \(SystemCalls.printable(folder.path)): \(SystemCalls.message(failure))")
      }
      return Temporary(name: name, identity: FileIdentity(info))
    }
    throw OutputError(description: "cannot create a file in \(SystemCalls.printable(folder.path)): 100 temporary names were taken")
  }

  /// Renames `temporary` to `name` in `folder`. `replacing` nil: `name`
  /// must not exist, and nothing that appears there meanwhile is replaced;
  /// otherwise the entry at `name` must still be that regular file,
  /// unchanged. Whatever is found instead is left exactly as it is, and the
  /// temporary file is removed.
  static func install(_ temporary: Temporary, as name: String, in folder: FolderHandle, replacing expected: FileIdentity?) throws {
    func discard() { _ = folder.removeFile(temporary.name) }
    func failure(_ e: Int32) -> OutputError {
      OutputError(description: "cannot write \(folder.pathOf(name)): \(SystemCalls.message(e))")
    }
    let changed = OutputError(
      description: "\(folder.pathOf(name)) changed while LossAtlas was writing it and is left as it is: run again")
    guard let expected else {
      switch SystemCalls.renameWithoutReplacing(in: folder.fd, temporary.name, name) {
      case .done:
        return
      case .failed(let e):
        discard()
        throw e == EEXIST ? changed : failure(e)
      case .unsupported:
        // link(2) fails on an existing name, atomically, on any POSIX file system.
        if linkat(folder.fd, temporary.name, folder.fd, name, 0) == 0 {
          discard()
          return
        }
        let e = errno
        guard e != EEXIST else {
          discard()
          throw changed
        }
        // No hard links on this file system: check, then rename.
        guard try folder.entry(name).kind == .absent else {
          discard()
          throw changed
        }
        if renameat(folder.fd, temporary.name, folder.fd, name) != 0 {
          let e = errno
          discard()
          throw failure(e)
        }
        return
      }
    }
    switch SystemCalls.exchange(in: folder.fd, temporary.name, name) {
    case .done:
      // The old entry now bears the temporary name: it must be the file
      // that was examined; anything else goes back where it was.
      let displaced = try? folder.entry(temporary.name)
      if displaced?.kind == .file, let identity = displaced?.identity, identity.isUnchanged(since: expected) {
        _ = folder.removeFile(temporary.name)
        return
      }
      if case .done = SystemCalls.exchange(in: folder.fd, temporary.name, name) {
        discard()
        throw changed
      }
      throw OutputError(
        description: "\(folder.pathOf(name)) changed while LossAtlas was writing it; what was there is now \(folder.pathOf(temporary.name))")
    case .failed(let e):
      discard()
      throw failure(e)
    case .unsupported:
      let now = try folder.entry(name)
      guard now.kind == .file, let identity = now.identity, identity.isUnchanged(since: expected) else {
        discard()
        throw changed
      }
      if renameat(folder.fd, temporary.name, folder.fd, name) != 0 {
        let e = errno
        discard()
        throw failure(e)
      }
    }
  }

  // MARK: - One file (lossatlas chart --out)

  /// Checks that ``save(_:toFile:)`` may write `path`: its folder exists,
  /// and at `path` there is nothing yet or a regular file that is not
  /// read-only. Anything else (a symbolic link, even to a regular file; a
  /// FIFO, socket or device; a folder; a read-only file, even for root) is
  /// refused with a message naming it.
  public static func checkTarget(_ path: String) throws {
    _ = try target(path)
  }

  /// Writes `bytes` to the file at `path` atomically and durably (the
  /// temporary file and the folder are flushed to the disk). A new file
  /// gets 0666 less the umask, as any new file does; a replaced file keeps
  /// its permission bits (set-user-ID, set-group-ID and sticky bits are
  /// dropped) but, like any file written by rename, not its owner or its
  /// other hard links. Refuses what ``checkTarget(_:)`` refuses.
  public static func save(_ bytes: [UInt8], toFile path: String) throws {
    let (folder, name, existing) = try target(path)
    do {
      let temporary = try writeTemporary(bytes, in: folder, permissions: existing.map { $0.mode & 0o777 }, sync: true)
      try install(temporary, as: name, in: folder, replacing: existing)
      folder.sync()
    } catch let error as OutputError {
      throw OutputError(description: "cannot write \(SystemCalls.printable(path)): \(error.description)")
    }
  }

  /// The folder of `path` (opened), the file's name in it, and the file
  /// there now (nil: none).
  private static func target(_ path: String) throws -> (FolderHandle, String, FileIdentity?) {
    func refuse(_ reason: String) -> OutputError {
      OutputError(description: "cannot write \(SystemCalls.printable(path)): \(reason)")
    }
    let slash = path.lastIndex(of: "/")
    let folderPath = slash.map { $0 == path.startIndex ? "/" : String(path[..<$0]) } ?? "."
    let name = slash.map { String(path[path.index(after: $0)...]) } ?? path
    guard !name.isEmpty, name != ".", name != ".." else { throw refuse("it names a folder, not a file") }
    var info = stat()
    guard stat(folderPath, &info) == 0 else {
      let e = errno
      throw refuse(e == ENOENT ? "the folder \(SystemCalls.printable(folderPath)) does not exist" : SystemCalls.message(e))
    }
    guard EntryKind(mode: info.st_mode) == .folder else {
      throw refuse("\(SystemCalls.printable(folderPath)) is not a folder")
    }
    let folder = try FolderHandle.open(folderPath)
    let (kind, identity) = try folder.entry(name)
    let onlyRegular = "LossAtlas writes only to a regular file or a new path"
    switch kind {
    case .absent:
      return (folder, name, nil)
    case .file:
      guard let identity, identity.mode & 0o222 != 0, faccessat(folder.fd, name, W_OK, AT_EACCESS) == 0 else {
        throw refuse("it is read-only: LossAtlas does not replace a read-only file (make it writable, or remove it)")
      }
      return (folder, name, identity)
    case .folder:
      throw refuse("it is a folder, not a file")
    case .symbolicLink:
      throw refuse("it is a symbolic link: \(onlyRegular) (remove the link, or name the file it points to)")
    default:
      throw refuse("it is \(kind.phrase): \(onlyRegular)")
    }
  }
}
