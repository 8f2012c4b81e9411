#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
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

/// What a successful write wants the user to know: files it kept (and
/// why), leftovers of an older version, files replaced under `--force`;
/// and the files of the previous manual it deleted.
public struct OutputReport: Sendable, Equatable {
  public var notes: [String] = []
  /// The paths (relative to the output folder) of the previous manual's
  /// files that this run deleted: each held exactly what LossAtlas wrote.
  public var deleted: [String] = []
}

/// Writes the manual into its output folder, touching nothing but the
/// manual's own files.
///
/// - It writes only the files of the manual, each in place and atomically
///   (``AtomicFile``); a file that already holds the right bytes is not
///   written (it keeps its modification time).
/// - `.lossatlas-manifest` records each file it wrote with its SHA-256
///   (``OutputManifest``). A file of the previous manual that the new one
///   lacks is deleted only if it still holds those exact bytes; a file
///   that changed is kept and reported. A generated file that was edited
///   since (or was never LossAtlas's) is not replaced unless `force`.
/// - It never copies, moves, deletes or rewrites any other entry; it never
///   replaces a symbolic link, FIFO, socket, device or folder, and never
///   goes through a symbolic link inside the output folder (the output
///   folder itself may be a link to a folder: it is followed).
/// - A folder that has no manifest and is not empty is refused unless
///   `force`; even then only the manual's paths are written.
/// - An exclusive lock (``OutputLock``) serialises runs on one folder.
/// - Every check runs before the first write; a run that fails or is killed
///   leaves each file old or new (never half-written), and a manifest that
///   accounts for both, so the next run finishes the job.
/// - Files are not flushed to the disk one by one: an `fsync` of each of
///   the manual's 288 files took 1.3-2.0 s on this machine's ext4 disk
///   (`writer-bench`), more than the rest of the run, and a `syncfs` waits
///   for every other process's writes on the disk too. Like git's checkout
///   and rsync, the writer leaves that to the file system: a killed process
///   loses nothing, and ext4 writes a file renamed over another to the disk
///   before the rename (its `auto_da_alloc`). A file that a power failure
///   left unwritten reads as changed since LossAtlas wrote it, so the next
///   run names it instead of deleting or silently replacing it.
public enum OutputWriter {
  public static let manifestName = OutputManifest.fileName
  public static let lockName = OutputLock.fileName

  /// Checks, without writing anything, that the manual can go to
  /// `destination`: its parent folder exists; it is a folder (or a symbolic
  /// link to one) or does not exist yet; an existing folder has a valid
  /// manifest or is empty, unless `force`. `generate` calls this before
  /// any work, so a mistyped `--out` fails at once.
  public static func preflight(_ path: String, force: Bool) throws {
    guard !path.isEmpty else { throw OutputError(description: "the output folder's path is empty") }
    let destination = withoutTrailingSlashes(path)
    let shown = SystemCalls.printable(destination)
    var info = stat()
    if lstat(destination, &info) != 0 {
      let e = errno
      guard e == ENOENT else { throw OutputError(description: "cannot use \(shown) as the output folder: \(SystemCalls.message(e))") }
      let parent = parentAndName(destination).parent
      guard stat(parent, &info) == 0 else {
        let e = errno
        throw OutputError(
          description: e == ENOENT
            ? "the folder \(SystemCalls.printable(parent)), where the output folder \(shown) would go, does not exist (LossAtlas creates the output folder, not its parents)"
            : "cannot use \(shown) as the output folder: \(SystemCalls.printable(parent)): \(SystemCalls.message(e))")
      }
      guard EntryKind(mode: info.st_mode) == .folder else {
        throw OutputError(description: "\(SystemCalls.printable(parent)), where the output folder \(shown) would go, is not a folder")
      }
      return
    }
    let kind = EntryKind(mode: info.st_mode)
    if kind == .symbolicLink {
      let target = linkTarget(destination)
      guard stat(destination, &info) == 0 else {
        throw OutputError(
          description: "the output path \(shown) is a symbolic link to \(target), which does not exist: LossAtlas follows a link to a folder but does not create what it points to")
      }
      guard EntryKind(mode: info.st_mode) == .folder else {
        throw OutputError(description: "the output path \(shown) is a symbolic link to \(target), which is not a folder: choose another --out")
      }
    } else if kind == .file {
      throw OutputError(description: "the output path \(shown) is a file, not a folder: choose another --out")
    } else if kind != .folder {
      throw OutputError(description: "the output path \(shown) is \(kind.phrase), not a folder: choose another --out")
    }
    let root = try FolderHandle.open(destination)
    if try OutputPlan.readManifest(in: root) == nil && !force { try OutputPlan.requireEmpty(root) }
  }

  /// Writes `files` into the folder `destination` (created if missing; its
  /// parent must exist). `waiting` is called if another run holds the
  /// folder's lock (this run then waits for it). Throws ``OutputError``.
  ///
  /// The folder then holds one manual, `files`: every file of the
  /// previous manual that `files` lacks is deleted if it still holds what
  /// LossAtlas wrote (another edition's too, when `generate --lang` writes
  /// one: an edition left from an earlier run would link to pages and data
  /// this run removed or never wrote).
  @discardableResult
  public static func write(
    _ files: [OutputFile], to path: String, force: Bool = false, waiting: () -> Void = {}
  ) throws
    -> OutputReport
  {
    try validate(files)
    let destination = withoutTrailingSlashes(path)
    var report = OutputReport(notes: LegacyLeftovers.recover(destination))
    try preflight(destination, force: force)
    let created = mkdir(destination, 0o777) == 0
    if !created && errno != EEXIST {
      throw OutputError(description: "cannot create the output folder \(SystemCalls.printable(destination)): \(SystemCalls.message(errno))")
    }
    let root = try FolderHandle.open(destination)
    let lock = try OutputLock(in: root, waiting: waiting)
    // Ctrl-C while the folder changes ends the run once it is consistent
    // again (``InterruptDeferral``), never between two system calls.
    try InterruptDeferral.during {
      do {
        let tree = FolderTree(root: root)
        let plan = try OutputPlan(files, in: tree, force: force)
        report.notes += plan.notes
        try execute(plan, files, tree, into: &report)
        lock.release()
      } catch {
        lock.release()
        if created { rmdir(destination) }  // only if still empty
        throw error
      }
    }
    return report
  }

  /// Carries out `plan`: folders, the manifest of intent, every new file
  /// under a temporary name, then the renames, the deletions and the final
  /// manifest. Adds notes for the user and the deleted paths to `report`.
  private static func execute(_ plan: OutputPlan, _ files: [OutputFile], _ tree: FolderTree, into report: inout OutputReport) throws {
    let root = tree.root
    var manifestFile = plan.manifestFile
    var manifestBytes = plan.manifestBytes
    func saveManifest(_ manifest: OutputManifest) throws {
      let bytes = manifest.encoded()
      let temporary = try AtomicFile.writeTemporary(bytes, in: root, sync: false)
      try AtomicFile.install(temporary, as: OutputManifest.fileName, in: root, replacing: manifestFile)
      manifestFile = temporary.identity
      manifestBytes = bytes
    }

    var ours = plan.previous.folders
    for folder in plan.foldersToCreate {
      let (parent, name) = OutputPath.split(folder)
      let (handle, created) = try tree.handle(parent).makeSubfolder(name)
      tree.add(folder, handle)
      if created { ours.insert(folder) }
    }

    // The manifest of intent: the old and the new bytes of every path, and
    // every temporary file, so that a run killed from here on leaves
    // nothing the next run does not recognise.
    let pending = plan.writes.filter { if case .unchanged = $0.action { false } else { true } }
    let names = pending.map { _ in AtomicFile.randomName() }
    if !pending.isEmpty {
      var intent = plan.previous
      intent.folders = ours
      for write in plan.writes { intent.files[write.path, default: []].insert(write.record) }
      for (write, name) in zip(pending, names) {
        // A file replaced by exchange holds the old bytes under the
        // temporary name until it is removed: both are LossAtlas's.
        var records: Set<OutputManifest.Record> = [write.record]
        if case .replace = write.action, let old = plan.previous.files[write.path] { records.formUnion(old) }
        intent.files[write.folder.isEmpty ? name : write.folder + "/" + name] = records
      }
      try saveManifest(intent)
    }

    var temporaries: [(OutputPlan.FileWrite, AtomicFile.Temporary)] = []
    func discardTemporaries(from start: Int) {
      for (write, temporary) in temporaries[start...] { _ = tree.handle(write.folder).removeFile(temporary.name) }
    }
    do {
      for (write, name) in zip(pending, names) {
        var proposed: String? = name
        let temporary = try AtomicFile.writeTemporary(
          files[write.index].bytes, in: tree.handle(write.folder), sync: false,
          names: {
            defer { proposed = nil }
            return proposed ?? AtomicFile.randomName()
          })
        temporaries.append((write, temporary))
      }
    } catch {
      discardTemporaries(from: 0)
      throw error
    }
    for (k, (write, temporary)) in temporaries.enumerated() {
      var replacing: FileIdentity?
      if case .replace(let identity) = write.action { replacing = identity }
      do {
        try AtomicFile.install(temporary, as: write.name, in: tree.handle(write.folder), replacing: replacing)
      } catch {
        discardTemporaries(from: k + 1)
        throw error
      }
    }

    for deletion in plan.deletions {
      let folder = tree.handle(deletion.folder)
      // Still the file that was examined (and found to hold what LossAtlas wrote)?
      if let now = try? folder.entry(deletion.name), now.kind == .file, let identity = now.identity,
        identity.isUnchanged(since: deletion.identity)
      {
        let e = folder.removeFile(deletion.name)
        if e == 0 {
          report.deleted.append(deletion.path)
        } else if e != ENOENT {
          report.notes.append("could not delete \(folder.pathOf(deletion.name)): \(SystemCalls.message(e))")
        }
      } else {
        report.notes.append("kept \(folder.pathOf(deletion.name)), a file of the previous manual: it changed while LossAtlas was writing")
      }
    }

    // Folders LossAtlas created that the manual no longer needs: removed if
    // empty (rmdir never removes anything in them), deepest first.
    for folder in ours.subtracting(plan.neededFolders).sorted(by: >) {
      let (parent, name) = OutputPath.split(folder)
      guard case .folder(let handle) = tree.lookup(parent) else {
        ours.remove(folder)
        continue
      }
      if handle.removeEmptySubfolder(name) || (try? handle.entry(name).kind) == .absent { ours.remove(folder) }
    }

    var final = OutputManifest()
    final.folders = ours
    for write in plan.writes { final.files[write.path] = [write.record] }
    if final.encoded() != manifestBytes { try saveManifest(final) }
  }

  /// The generated files must have distinct paths inside the folder, and no
  /// file may be where another needs a folder.
  static func validate(_ files: [OutputFile]) throws {
    try refuseMissingStrings(files)
    var paths = Set<String>()
    for file in files {
      if let problem = OutputPath.problem(file.path) {
        throw OutputError(description: "internal error: the generated path '\(SystemCalls.printable(file.path))' \(problem)")
      }
      guard paths.insert(file.path).inserted else {
        throw OutputError(description: "internal error: the generated path \(SystemCalls.printable(file.path)) is produced twice")
      }
    }
    for file in files {
      if let folder = OutputPath.folders(above: file.path).first(where: paths.contains) {
        throw OutputError(description: "internal error: \(folder) is generated as a file and as the folder of \(file.path)")
      }
    }
  }

  /// A page (Markdown, HTML, or the search index) holding the marker of a
  /// missing string (`⟦key⟧`, see ``Strings/text(_:_:)``) is refused, so
  /// that a gap in a strings table never reaches a reader: the error names
  /// each such file and the keys it lacks.
  static func refuseMissingStrings(_ files: [OutputFile]) throws {
    let marker = Array(String(Strings.missingMarker).utf8)
    var problems: [String] = []
    for file in files where [".md", ".html", ".js"].contains(where: file.path.hasSuffix) {
      guard let first = firstIndex(of: marker, in: file.bytes) else { continue }
      let text = String(decoding: file.bytes[first...], as: UTF8.self)
      var keys: [String] = []
      var rest = text[...]
      while let open = rest.firstIndex(of: Strings.missingMarker) {
        let after = rest.index(after: open)
        let close = rest[after...].firstIndex(of: "⟧") ?? rest.endIndex
        let key = String(rest[after..<close].prefix(120))
        if !keys.contains(key) { keys.append(key) }
        rest = close == rest.endIndex ? rest[close...] : rest[rest.index(after: close)...]
      }
      problems.append("\(SystemCalls.printable(file.path)): \(keys.map { "'\($0)'" }.joined(separator: ", "))")
    }
    guard problems.isEmpty else {
      let shown = problems.prefix(20).map { "  " + $0 }.joined(separator: "\n")
      let more = problems.count > 20 ? "\n  and \(problems.count - 20) more pages" : ""
      throw OutputError(
        description: "nothing was written: \(problems.count == 1 ? "a page has" : "\(problems.count) pages have") text missing from the strings tables (templates/strings/), shown as ⟦key⟧:\n\(shown)\(more)"
      )
    }
  }

  /// The first position of `needle` in `bytes`.
  static func firstIndex(of needle: [UInt8], in bytes: [UInt8]) -> Int? {
    guard let head = needle.first, bytes.count >= needle.count else { return nil }
    var i = 0
    while i <= bytes.count - needle.count {
      if bytes[i] == head && bytes[i..<(i + needle.count)].elementsEqual(needle) { return i }
      i += 1
    }
    return nil
  }

  /// `path` without trailing slashes ("out/" names the link "out" itself,
  /// not the folder it points to, as `lstat` sees it); "/" stays.
  static func withoutTrailingSlashes(_ path: String) -> String {
    var trimmed = Substring(path)
    while trimmed.count > 1 && trimmed.hasSuffix("/") { trimmed = trimmed.dropLast() }
    return String(trimmed)
  }

  /// The parent folder of `path` and its last component, ignoring trailing
  /// slashes: "a/b/" -> ("a", "b"), "b" -> (".", "b"), "/b" -> ("/", "b").
  static func parentAndName(_ path: String) -> (parent: String, name: String) {
    let trimmed = withoutTrailingSlashes(path)
    guard let slash = trimmed.lastIndex(of: "/") else { return (".", trimmed) }
    let parent = slash == trimmed.startIndex ? "/" : String(trimmed[..<slash])
    return (parent, String(trimmed[trimmed.index(after: slash)...]))
  }

  /// Where the symbolic link at `path` points, for messages.
  private static func linkTarget(_ path: String) -> String {
    var buffer = [CChar](repeating: 0, count: 4097)
    let n = readlink(path, &buffer, 4096)
    guard n >= 0 else { return "?" }
    return SystemCalls.printable(String(decoding: buffer[..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self))
  }
}
