import LossAtlasAnalysis

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Reads a claim file named on the command line: a regular file, or a
/// pipe (`check <(generate-claims)`), of at most `ClaimFile.maxBytes`, in
/// UTF-8. A larger input is refused after reading one byte more than the
/// limit, never read whole (`check /dev/zero` ends at once).
enum ClaimFileReader {
  struct Failure: Error {
    let text: String
    /// The path is a folder (the caller says what it takes instead).
    var isFolder = false
  }

  static func load(_ path: String) -> Result<String, Failure> {
    let fd = open(path, O_RDONLY | O_CLOEXEC)
    guard fd >= 0 else { return .failure(Failure(text: "cannot read the file: \(String(cString: strerror(errno)))")) }
    defer { close(fd) }
    var info = stat()
    if fstat(fd, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR {
      return .failure(Failure(text: "is a folder, not a claim file", isFolder: true))
    }
    let limit = ClaimFile.maxBytes
    var bytes: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 1 << 16)
    while bytes.count <= limit {
      let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
      if n < 0 {
        if errno == EINTR { continue }
        return .failure(Failure(text: "cannot read the file: \(String(cString: strerror(errno)))"))
      }
      if n == 0 { break }
      bytes += chunk[0..<n]
    }
    guard bytes.count <= limit else {
      return .failure(Failure(text: "the file is larger than \(limit) bytes (4 MiB), the most a claim file may have"))
    }
    guard let text = String(validating: bytes, as: UTF8.self) else {
      return .failure(Failure(text: "the file is not UTF-8 text"))
    }
    return .success(text)
  }
}
