#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif
import Dispatch
import LossAtlasParallel

/// What a run will do in its output folder, decided by looking only: every
/// reason to refuse is found here, before the first byte is written.
struct OutputPlan {
  enum Action {
    /// The file holds these bytes already: not written (its modification
    /// time stays).
    case unchanged
    case create
    /// Replace this file, which is LossAtlas's (or `--force` says so).
    case replace(FileIdentity)
  }

  struct FileWrite {
    /// Index into the generated files.
    let index: Int
    let path: String
    let folder: String
    let name: String
    let record: OutputManifest.Record
    let action: Action
  }

  /// A file of the previous manual that the new one does not have, holding
  /// exactly what LossAtlas wrote there: it is deleted.
  struct Deletion {
    /// Relative to the output folder.
    let path: String
    let folder: String
    let name: String
    let identity: FileIdentity
  }

  var writes: [FileWrite] = []
  /// Folders to create, parents first.
  var foldersToCreate: [String] = []
  /// Every folder the manual's files are in.
  var neededFolders: Set<String> = []
  var deletions: [Deletion] = []
  /// What the user should know: files kept (and why), files replaced by
  /// `--force`.
  var notes: [String] = []
  /// The previous manifest (empty when there was none), its file and bytes.
  var previous = OutputManifest()
  var manifestFile: FileIdentity?
  var manifestBytes: [UInt8]?

  /// Looks at the output folder and decides, for each generated file and
  /// each file of the previous manifest, what to do. Throws one error
  /// listing every path that is in the way.
  ///
  /// Every file of the previous manifest that `files` lacks is stale,
  /// whatever edition it belongs to: deleted if it holds what LossAtlas
  /// wrote, kept (and named in a note) otherwise.
  init(_ files: [OutputFile], in tree: FolderTree, force: Bool) throws {
    let root = tree.root
    if let found = try Self.readManifest(in: root) {
      (previous, manifestFile, manifestBytes) = (found.0, found.1, found.2)
    } else if !force {
      try Self.requireEmpty(root)
    }
    var conflicts: [String] = []
    let neverReplaced = "LossAtlas never replaces or writes through a symbolic link, FIFO, socket, device or folder: move it away"

    // Folders, parents first ("a" sorts before "a/b").
    for file in files { neededFolders.formUnion(OutputPath.folders(above: file.path)) }
    var toCreate = Set<String>()
    var blocked = Set<String>()
    for folder in neededFolders.sorted() {
      let parent = OutputPath.split(folder).folder
      if blocked.contains(parent) {
        blocked.insert(folder)
        continue
      }
      if toCreate.contains(parent) {
        toCreate.insert(folder)
        foldersToCreate.append(folder)
        continue
      }
      switch tree.lookup(folder) {
      case .folder: break
      case .absent:
        toCreate.insert(folder)
        foldersToCreate.append(folder)
      case .blocked(let reason):
        blocked.insert(folder)
        conflicts.append(reason)
      }
    }

    // Files.
    var actions: [(index: Int, folder: String, name: String, action: Action)] = []
    for (index, file) in files.enumerated() {
      let (folder, name) = OutputPath.split(file.path)
      if blocked.contains(folder) { continue }
      func write(_ action: Action) { actions.append((index, folder, name, action)) }
      if toCreate.contains(folder) {
        write(.create)
        continue
      }
      let handle = tree.handle(folder)
      let (kind, found) = try handle.entry(name)
      guard kind == .file, let identity = found else {
        if kind == .absent {
          write(.create)
        } else {
          conflicts.append("\(handle.pathOf(name)) is \(kind.phrase) (\(neverReplaced))")
        }
        continue
      }
      if identity.size == file.bytes.count, try handle.readFile(name, expected: identity) == file.bytes {
        write(.unchanged)
      } else if try Self.holdsWhatLossAtlasWrote(name, identity, in: handle, previous.files[file.path]) {
        write(.replace(identity))
      } else if previous.files[file.path] == nil && previous.unverified.contains(file.path) {
        // An older LossAtlas listed it without a hash: its files were meant
        // to be replaced by the next run (its README said so).
        write(.replace(identity))
      } else {
        let why = previous.files[file.path] == nil ? "was not written by LossAtlas" : "changed since LossAtlas wrote it"
        if force {
          write(.replace(identity))
          notes.append("replaced \(handle.pathOf(name)), which \(why) (--force)")
        } else {
          conflicts.append("\(handle.pathOf(name)) \(why) (move it away, or run with --force to replace it)")
        }
      }
    }

    // Each file's record for the manifest. A file already on disk with
    // these bytes keeps the record of the previous manifest when that lists
    // one record of this size for it (a run that regenerates an unchanged
    // manual hashes nothing; SHA-256 of the whole manual costs about 25 ms
    // of CPU).
    // Should that record be wrong (an edited manifest), the error is safe:
    // the file would later read as changed, kept rather than deleted.
    var reused: [Int: OutputManifest.Record] = [:]
    for entry in actions {
      guard case .unchanged = entry.action, let recorded = previous.files[files[entry.index].path], recorded.count == 1,
        let record = recorded.first, record.size == files[entry.index].bytes.count
      else { continue }
      reused[entry.index] = record
    }
    let hashed = Self.records(of: actions.map(\.index).filter { reused[$0] == nil }.map { files[$0] })
    var next = hashed.makeIterator()
    for entry in actions {
      let record = reused[entry.index] ?? next.next()!
      writes.append(
        FileWrite(index: entry.index, path: files[entry.index].path, folder: entry.folder, name: entry.name, record: record, action: entry.action))
    }

    // Files of the previous manual that the new one does not have.
    let generated = Set(files.map(\.path))
    for path in previous.allFiles.subtracting(generated).sorted() {
      let (folder, name) = OutputPath.split(path)
      let shown = SystemCalls.printable(root.pathOf(path))
      switch tree.lookup(folder) {
      case .absent: continue
      case .blocked(let reason): notes.append("kept \(shown), a file of the previous manual: \(reason)")
      case .folder(let handle):
        let (kind, found) = try handle.entry(name)
        if kind == .absent { continue }
        if kind == .file, let identity = found, try Self.holdsWhatLossAtlasWrote(name, identity, in: handle, previous.files[path]) {
          deletions.append(Deletion(path: path, folder: folder, name: name, identity: identity))
        } else if kind != .file {
          notes.append("kept \(shown), listed in the previous manifest: it is now \(kind.phrase)")
        } else if previous.files[path] == nil {
          notes.append(
            "kept \(shown), listed by an older LossAtlas without a hash, so LossAtlas cannot tell that it is its own: delete it if you do not need it"
          )
        } else {
          notes.append("kept \(shown), listed in the previous manifest: it changed since LossAtlas wrote it")
        }
      }
    }

    // A folder the run writes into (a file, a new subfolder, a deletion;
    // the output folder for the manifest) that is read-only, checked now:
    // the run stops before its first write, the manifest untouched.
    var writtenInto = Set(actions.filter { if case .unchanged = $0.action { false } else { true } }.map(\.folder))
    writtenInto.formUnion(foldersToCreate.map { OutputPath.split($0).folder })
    writtenInto.formUnion(deletions.map(\.folder))
    if !writtenInto.isEmpty { writtenInto.insert("") }
    for folder in writtenInto.subtracting(toCreate).sorted() {
      guard case .folder(let handle) = tree.lookup(folder), faccessat(handle.fd, ".", W_OK, AT_EACCESS) != 0 else { continue }
      let e = errno
      conflicts.append("\(SystemCalls.printable(handle.path)) is read-only (\(SystemCalls.message(e))): the manual's files there cannot be written")
    }

    guard conflicts.isEmpty else {
      let shown = conflicts.prefix(20).map { "  " + $0 }.joined(separator: "\n")
      let more = conflicts.count > 20 ? "\n  and \(conflicts.count - 20) more" : ""
      throw OutputError(
        description: "nothing was written to \(SystemCalls.printable(root.path)): \(conflicts.count == 1 ? "a path is" : "\(conflicts.count) paths are") in the way\n\(shown)\(more)"
      )
    }
  }

  /// Whether the regular file `name` holds bytes that the manifest says
  /// LossAtlas wrote there (read only if a recorded size matches).
  static func holdsWhatLossAtlasWrote(
    _ name: String, _ identity: FileIdentity, in folder: FolderHandle, _ records: Set<OutputManifest.Record>?
  ) throws -> Bool {
    guard let records, records.contains(where: { $0.size == identity.size }) else { return false }
    return records.contains(OutputManifest.Record(of: try folder.readFile(name, expected: identity)))
  }

  /// The manifest in `root`, its file and its bytes; nil if there is none.
  static func readManifest(in root: FolderHandle) throws -> (OutputManifest, FileIdentity, [UInt8])? {
    let name = OutputManifest.fileName
    let (kind, identity) = try root.entry(name)
    switch kind {
    case .absent:
      return nil
    case .file:
      guard let identity, identity.size <= OutputManifest.maximumSize else {
        throw OutputError(description: "\(root.pathOf(name)) is larger than 16 MiB, so not a manifest LossAtlas wrote: remove it")
      }
      let bytes = try root.readFile(name, expected: identity)
      return (try OutputManifest.parse(bytes, location: root.pathOf(name)), identity, bytes)
    default:
      throw OutputError(description: "\(root.pathOf(name)) is \(kind.phrase), not LossAtlas's manifest: remove it")
    }
  }

  /// Refuses a folder that holds anything (but a lock file) while it has no
  /// manifest: it is not a manual, and its files are someone else's.
  static func requireEmpty(_ root: FolderHandle) throws {
    let names = try root.names().filter { $0 != OutputLock.fileName }.sorted()
    guard names.isEmpty else {
      let shown = names.prefix(3).map { SystemCalls.printable($0) }.joined(separator: ", ") + (names.count > 3 ? ", ..." : "")
      throw OutputError(
        description: """
          \(SystemCalls.printable(root.path)) is not empty (\(shown)) and has no LossAtlas manifest \
          (\(OutputManifest.fileName)), so it is not a manual LossAtlas wrote: choose a new or empty folder, or \
          run with --force to write the manual's files into it (nothing else there is touched)
          """)
    }
  }

  /// The SHA-256 and size of each file, on two threads. Files whose bytes
  /// are one array (a figure's PNG is the same `[UInt8]` in markdown/ and
  /// html/: 3.2 MB of the 23 MB of `--lang all`) are hashed once: the same
  /// storage (address and length, while `files` holds every array alive)
  /// is the same bytes, so the record is the same. Arrays that are only
  /// equal are hashed each (comparing them would cost about what hashing does).
  static func records(of files: [OutputFile]) -> [OutputManifest.Record] {
    var firstWithStorage: [Storage: Int] = [:]
    var hashedAs = [Int](repeating: 0, count: files.count)
    var distinct: [Int] = []
    for (i, file) in files.enumerated() {
      let key = file.bytes.withUnsafeBufferPointer { Storage(address: UInt(bitPattern: $0.baseAddress), count: $0.count) }
      if let first = firstWithStorage[key] {
        hashedAs[i] = hashedAs[first]
      } else {
        firstWithStorage[key] = i
        hashedAs[i] = distinct.count
        distinct.append(i)
      }
    }
    let hashed = distinct
    let records = parallelMap(hashed.count, threads: 2) { k in OutputManifest.Record(of: files[hashed[k]].bytes) }
    return hashedAs.map { records[$0] }
  }

  /// Where an array's bytes are: its storage's address and length.
  struct Storage: Hashable {
    let address: UInt
    let count: Int
  }
}
