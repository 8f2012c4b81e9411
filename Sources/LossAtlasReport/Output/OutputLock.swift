#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// An exclusive lock on an output folder for the whole of a run: two
/// `lossatlas generate` runs on one folder take turns, the second waiting
/// for the first to finish.
///
/// The lock is `flock(2)` on `.lossatlas-lock` in the folder. The kernel
/// drops it when the process ends in any way (a crash, `kill -9`), so a
/// killed run never leaves the folder locked. The file exists only while a
/// run holds it: the holder removes it before unlocking, and a run that
/// wakes up holding a file that is no longer at that name (it was removed)
/// starts again with the new one, so two runs never hold different files.
final class OutputLock {
  static let fileName = ".lossatlas-lock"

  private let folder: FolderHandle
  private var fd: Int32

  /// Takes the lock of `folder`, calling `waiting` once (then blocking) if
  /// another run holds it.
  init(in folder: FolderHandle, waiting: () -> Void) throws {
    self.folder = folder
    var told = false
    while true {
      let fd = openat(folder.fd, Self.fileName, O_RDWR | O_CREAT | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC, 0o666)
      guard fd >= 0 else {
        let e = errno
        if e == ELOOP {
          throw OutputError(description: "\(folder.pathOf(Self.fileName)) is a symbolic link, not LossAtlas's lock file: remove it")
        }
        throw OutputError(description: "cannot create the lock file \(folder.pathOf(Self.fileName)): \(SystemCalls.message(e))")
      }
      var info = stat()
      guard fstat(fd, &info) == 0, EntryKind(mode: info.st_mode) == .file else {
        close(fd)
        throw OutputError(description: "\(folder.pathOf(Self.fileName)) is not a regular file, so not LossAtlas's lock file: remove it")
      }
      if flock(fd, LOCK_EX | LOCK_NB) != 0 {
        guard errno == EWOULDBLOCK else {
          let e = errno
          close(fd)
          throw OutputError(description: "cannot lock \(folder.pathOf(Self.fileName)): \(SystemCalls.message(e))")
        }
        if !told {
          waiting()
          told = true
        }
        while flock(fd, LOCK_EX) != 0 {
          let e = errno
          guard e == EINTR else {
            close(fd)
            throw OutputError(description: "cannot lock \(folder.pathOf(Self.fileName)): \(SystemCalls.message(e))")
          }
        }
      }
      // Held. Is it still the lock file, or did its holder remove it while
      // this run waited?
      let held = FileIdentity(info)
      if let now = try? folder.entry(Self.fileName), now.kind == .file, let identity = now.identity, identity.isSameFile(as: held) {
        self.fd = fd
        return
      }
      close(fd)
    }
  }

  /// Removes the lock file (if it is still this lock's file, and empty, as
  /// LossAtlas leaves it) and unlocks.
  func release() {
    guard fd >= 0 else { return }
    var info = stat()
    if fstat(fd, &info) == 0, info.st_size == 0, let now = try? folder.entry(Self.fileName),
      let identity = now.identity, identity.isSameFile(as: FileIdentity(info))
    {
      _ = folder.removeFile(Self.fileName)
    }
    close(fd)
    fd = -1
  }

  deinit { release() }
}
