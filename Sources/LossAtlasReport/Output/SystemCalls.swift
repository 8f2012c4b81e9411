#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Why the manual (or a chart) could not be written: one message that names
/// the path and says what to do.
public struct OutputError: Error, Sendable, CustomStringConvertible {
  public let description: String

  public init(description: String) {
    self.description = description
  }
}

/// What is at a path, as `lstat(2)` sees it: a symbolic link is reported as
/// a link, never followed.
enum EntryKind: Equatable, Sendable {
  case absent, file, folder, symbolicLink, fifo, socket, device, other

  init(mode: mode_t) {
    switch mode & S_IFMT {
    case S_IFREG: self = .file
    case S_IFDIR: self = .folder
    case S_IFLNK: self = .symbolicLink
    case S_IFIFO: self = .fifo
    case S_IFSOCK: self = .socket
    case S_IFCHR, S_IFBLK: self = .device
    default: self = .other
    }
  }

  /// "a symbolic link", ... for messages.
  var phrase: String {
    switch self {
    case .absent: "missing"
    case .file: "a file"
    case .folder: "a folder"
    case .symbolicLink: "a symbolic link"
    case .fifo: "a FIFO (named pipe)"
    case .socket: "a socket"
    case .device: "a device"
    case .other: "not a regular file"
    }
  }
}

/// A file as it was examined: if none of these changed, it is the same
/// file, and (short of someone forging its modification time) it holds the
/// same bytes. A rename changes none of them.
struct FileIdentity: Sendable {
  let device: UInt64
  let inode: UInt64
  let size: Int
  let modifiedSeconds: Int
  let modifiedNanoseconds: Int
  /// Permission bits, for messages and for keeping a replaced file's mode.
  let mode: mode_t

  init(_ info: stat) {
    device = UInt64(info.st_dev)
    inode = UInt64(info.st_ino)
    size = Int(info.st_size)
    #if canImport(Darwin)
      modifiedSeconds = Int(info.st_mtimespec.tv_sec)
      modifiedNanoseconds = Int(info.st_mtimespec.tv_nsec)
    #else
      modifiedSeconds = Int(info.st_mtim.tv_sec)
      modifiedNanoseconds = Int(info.st_mtim.tv_nsec)
    #endif
    mode = info.st_mode
  }

  /// The same inode on the same device (its bytes may have changed).
  func isSameFile(as other: FileIdentity) -> Bool {
    device == other.device && inode == other.inode
  }

  /// The same file, of the same size and modification time (its
  /// permission bits may differ).
  func isUnchanged(since other: FileIdentity) -> Bool {
    isSameFile(as: other) && size == other.size && modifiedSeconds == other.modifiedSeconds
      && modifiedNanoseconds == other.modifiedNanoseconds
  }
}

/// The few system calls the writer needs beyond POSIX, looked up at run
/// time so that the binary runs (with plain POSIX fallbacks) where they are
/// missing. glibc declares them only under `_GNU_SOURCE`, which Swift's
/// Glibc module does not set.
enum SystemCalls {
  /// `strerror(code)`.
  static func message(_ code: Int32) -> String { String(cString: strerror(code)) }

  #if os(Linux)
    private typealias RenameAt2 = @convention(c) (Int32, UnsafePointer<CChar>?, Int32, UnsafePointer<CChar>?, UInt32) -> Int32
    private static let renameat2: RenameAt2? = dlsym(nil, "renameat2").map { unsafeBitCast($0, to: RenameAt2.self) }
    /// From linux/fs.h.
    private static let renameNoReplace: UInt32 = 1
    private static let renameExchange: UInt32 = 2
  #endif

  /// The result of a rename that the file system may not support.
  enum Outcome: Equatable {
    case done
    case failed(Int32)
    /// The kernel or the file system does not offer it: use a fallback.
    case unsupported
  }

  /// Renames `from` to `to` in `folder` unless `to` exists (then EEXIST):
  /// `renameat2(RENAME_NOREPLACE)`, atomic.
  static func renameWithoutReplacing(in folder: Int32, _ from: String, _ to: String) -> Outcome {
    #if os(Linux)
      guard let renameat2 else { return .unsupported }
      if renameat2(folder, from, folder, to, renameNoReplace) == 0 { return .done }
      let e = errno
      return e == EINVAL || e == ENOSYS || e == ENOTSUP ? .unsupported : .failed(e)
    #else
      return .unsupported
    #endif
  }

  /// Swaps the entries `a` and `b` of `folder` atomically:
  /// `renameat2(RENAME_EXCHANGE)`.
  static func exchange(in folder: Int32, _ a: String, _ b: String) -> Outcome {
    #if os(Linux)
      guard let renameat2 else { return .unsupported }
      if renameat2(folder, a, folder, b, renameExchange) == 0 { return .done }
      let e = errno
      return e == EINVAL || e == ENOSYS || e == ENOTSUP ? .unsupported : .failed(e)
    #else
      return .unsupported
    #endif
  }

  /// Text safe to print: control characters (a newline, an escape
  /// sequence) in a name become `\u{...}`.
  static func printable(_ text: String) -> String {
    var out = ""
    for scalar in text.unicodeScalars {
      if scalar.value < 0x20 || scalar.value == 0x7f || (0x80..<0xa0).contains(scalar.value) {
        out += "\\u{\(String(scalar.value, radix: 16))}"
      } else {
        out.unicodeScalars.append(scalar)
      }
    }
    return out
  }
}
