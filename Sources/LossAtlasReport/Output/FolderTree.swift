/// The folders of an output folder that a run has opened, by relative path
/// ("" is the output folder itself). Each is opened from its parent's
/// handle with `O_NOFOLLOW`, so a path never leads through a symbolic link.
final class FolderTree {
  let root: FolderHandle
  private var handles: [String: FolderHandle] = [:]

  init(root: FolderHandle) {
    self.root = root
    handles[""] = root
  }

  /// What is at a relative folder path.
  enum Lookup {
    case folder(FolderHandle)
    /// The folder, or one above it, does not exist.
    case absent
    /// Something other than a folder is on the way: why, naming it.
    case blocked(String)
  }

  func lookup(_ relative: String) -> Lookup {
    if let handle = handles[relative] { return .folder(handle) }
    let (parentPath, name) = OutputPath.split(relative)
    switch lookup(parentPath) {
    case .absent: return .absent
    case .blocked(let reason): return .blocked(reason)
    case .folder(let parent):
      do {
        guard let handle = try parent.subfolder(name) else { return .absent }
        handles[relative] = handle
        return .folder(handle)
      } catch {
        return .blocked("\(error)")
      }
    }
  }

  /// The open folder at `relative`, which a lookup or ``add(_:_:)`` found.
  func handle(_ relative: String) -> FolderHandle {
    guard let handle = handles[relative] else { preconditionFailure("folder \(relative) was not opened") }
    return handle
  }

  func add(_ relative: String, _ handle: FolderHandle) {
    handles[relative] = handle
  }
}
