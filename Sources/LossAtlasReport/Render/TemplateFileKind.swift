import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// What a path in a templates folder is, from its mode bits, for loading
/// templates and naming what is there instead.
enum TemplateFileKind: Equatable {
  case missing, regular, folder, fifo, characterDevice, blockDevice, socket, link, other

  init(mode: mode_t) {
    switch mode & S_IFMT {
    case S_IFREG: self = .regular
    case S_IFDIR: self = .folder
    case S_IFIFO: self = .fifo
    case S_IFCHR: self = .characterDevice
    case S_IFBLK: self = .blockDevice
    case S_IFSOCK: self = .socket
    case S_IFLNK: self = .link
    default: self = .other
    }
  }

  /// The kind of `path` (of the file a symbolic link points to when
  /// `followingLinks`); `.missing` when it does not exist.
  static func of(_ path: String, followingLinks: Bool) -> TemplateFileKind {
    var info = stat()
    let status = followingLinks ? stat(path, &info) : lstat(path, &info)
    return status == 0 ? TemplateFileKind(mode: info.st_mode) : .missing
  }

  /// "a folder", "a FIFO (named pipe)", ... for messages.
  var phrase: String {
    switch self {
    case .missing: return "missing"
    case .regular: return "a file"
    case .folder: return "a folder"
    case .fifo: return "a FIFO (named pipe)"
    case .characterDevice: return "a character device"
    case .blockDevice: return "a block device"
    case .socket: return "a socket"
    case .link: return "a symbolic link"
    case .other: return "not a regular file"
    }
  }
}
