/// `.lossatlas-manifest`: what LossAtlas wrote in an output folder. It is
/// the only evidence that a file there is LossAtlas's, so each file is
/// recorded with the SHA-256 and size of the bytes written: a file is
/// replaced or deleted later only if it still holds exactly those bytes.
///
/// ```
/// lossatlas-manifest 2
/// folder html
/// file 0d5e...64 hex digits... 1234 html/index.html
/// unverified markdown/old.md
/// ```
/// - `folder P`: a folder LossAtlas created (removed, if empty, once the
///   manual no longer needs it);
/// - `file SHA256 SIZE P`: a file and its bytes. While a run is writing, a
///   path has two lines (the old bytes and the new), and each temporary
///   file its own line, so a run killed at any point leaves a manifest
///   that accounts for every file it wrote;
/// - `unverified P`: listed by an older LossAtlas, whose manifest (one path
///   a line, the whole format of version 1) had no hashes. Such a file may
///   be replaced by the manual's file of the same path but is never
///   deleted.
/// Every path is checked by ``OutputPath/problem(_:)``; a manifest with a
/// bad line is refused whole (it has been edited or damaged, and nothing in
/// it can be trusted).
struct OutputManifest: Equatable {
  static let fileName = ".lossatlas-manifest"
  static let header = "lossatlas-manifest 2"
  /// A manifest larger than this is not read (the manual's is 30 KB).
  static let maximumSize = 16 << 20

  /// The bytes LossAtlas wrote to a path.
  struct Record: Hashable, Comparable {
    let sha256: String
    let size: Int

    init(sha256: String, size: Int) {
      self.sha256 = sha256
      self.size = size
    }

    init(of bytes: [UInt8]) {
      self.init(sha256: SHA256.hex(of: bytes), size: bytes.count)
    }

    static func < (a: Record, b: Record) -> Bool { (a.sha256, a.size) < (b.sha256, b.size) }
  }

  var files: [String: Set<Record>] = [:]
  var unverified: Set<String> = []
  var folders: Set<String> = []

  /// Every file path the manifest lists (with or without a hash).
  var allFiles: Set<String> { unverified.union(files.keys) }

  /// The manifest's text: sorted, so the same state gives the same bytes.
  func encoded() -> [UInt8] {
    var lines = [Self.header]
    lines += folders.sorted().map { "folder \($0)" }
    for path in files.keys.sorted() {
      lines += files[path]!.sorted().map { "file \($0.sha256) \($0.size) \(path)" }
    }
    lines += unverified.subtracting(files.keys).sorted().map { "unverified \($0)" }
    return Array((lines.joined(separator: "\n") + "\n").utf8)
  }

  /// Reads a manifest (`location` names it in messages). A text whose
  /// first line is not the header is a version-1 manifest: one path a line.
  static func parse(_ bytes: [UInt8], location: String) throws -> OutputManifest {
    func damaged(_ line: Int, _ reason: String) -> OutputError {
      OutputError(
        description: """
          the manifest \(location) is damaged: line \(line) \(reason). LossAtlas trusts nothing in it: fix or \
          remove that line (or remove the manifest and run again with --force, which writes the manual's \
          files but deletes nothing)
          """)
    }
    guard let text = String(validating: bytes, as: UTF8.self) else {
      throw OutputError(
        description: "the manifest \(location) is not UTF-8 text: LossAtlas trusts nothing in it (remove it and run again with --force)")
    }
    var manifest = OutputManifest()
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    let versioned = lines.first == header
    for (index, line) in lines.enumerated() where !(index == 0 && versioned) && !line.isEmpty {
      let number = index + 1
      func path(_ p: String) throws -> String {
        if let problem = OutputPath.problem(p) {
          throw damaged(number, "names '\(SystemCalls.printable(p))', which \(problem)")
        }
        return p
      }
      guard versioned else {
        manifest.unverified.insert(try path(line))
        continue
      }
      let fields = line.split(separator: " ", maxSplits: 3, omittingEmptySubsequences: false).map(String.init)
      switch fields.first {
      case "folder":
        manifest.folders.insert(try path(String(line.dropFirst("folder ".count))))
      case "unverified":
        manifest.unverified.insert(try path(String(line.dropFirst("unverified ".count))))
      case "file":
        guard fields.count == 4, fields[1].utf8.count == 64, fields[1].utf8.allSatisfy({ (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }),
          let size = Int(fields[2]), size >= 0
        else {
          throw damaged(number, "is not 'file', a SHA-256 in hexadecimal, a size and a path")
        }
        manifest.files[try path(fields[3]), default: []].insert(Record(sha256: fields[1], size: size))
      default:
        throw damaged(number, "is not a 'folder', 'file' or 'unverified' entry")
      }
    }
    return manifest
  }
}
