#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// What an older LossAtlas may have left beside an output folder `OUT`.
///
/// Up to this version, `generate` wrote the manual (and copies of the
/// user's files) into `.OUT.lossatlas-tmp`, renamed `OUT` to
/// `.OUT.lossatlas-old`, renamed the new folder to `OUT`, then deleted the
/// old one. A run killed on the way could leave
/// - `.OUT.lossatlas-tmp` alone (killed while writing),
/// - `.OUT.lossatlas-old` and no `OUT` (killed between the renames): the
///   previous folder, with the user's own files, exists only there,
/// - `.OUT.lossatlas-old` beside `OUT` (killed before the deletion).
/// This version never makes these folders, and never deletes them: the
/// one case it can repair (no `OUT`, a `.OUT.lossatlas-old` folder) is
/// repaired by renaming the old folder back to `OUT`, which restores the
/// user's folder exactly as it was; every other leftover is reported, for
/// the user to look into and remove.
enum LegacyLeftovers {
  /// Recovers `destination` (the output folder's path) when only its
  /// renamed-aside copy exists, and describes every leftover.
  static func recover(_ destination: String) -> [String] {
    let (parent, name) = OutputWriter.parentAndName(destination)
    guard !name.isEmpty, name != ".", name != ".." else { return [] }
    let prefix = parent == "/" ? "/" : parent + "/"
    let staging = prefix + ".\(name).lossatlas-tmp"
    let aside = prefix + ".\(name).lossatlas-old"
    var notes: [String] = []
    var info = stat()
    let destinationMissing = lstat(destination, &info) != 0 && errno == ENOENT
    if lstat(aside, &info) == 0 {
      let shownAside = SystemCalls.printable(aside)
      if destinationMissing && EntryKind(mode: info.st_mode) == .folder {
        if rename(aside, destination) == 0 {
          notes.append(
            "recovered \(SystemCalls.printable(destination)) from \(shownAside), where an interrupted run of an older LossAtlas had left it"
          )
        } else if errno != ENOENT {  // ENOENT: another run recovered it just now
          notes.append(
            "\(shownAside) holds the output folder as an interrupted run of an older LossAtlas left it; it could not be renamed back (\(SystemCalls.message(errno))): check it and move it yourself"
          )
        }
      } else {
        notes.append(
          "\(shownAside) was left by an interrupted run of an older LossAtlas and may hold your files as they were before that run; LossAtlas does not use or delete it: check it and remove it yourself"
        )
      }
    }
    if lstat(staging, &info) == 0 {
      notes.append(
        "\(SystemCalls.printable(staging)) was left by an interrupted run of an older LossAtlas (a half-written manual, with copies of files from the output folder); LossAtlas does not use or delete it: check it and remove it yourself"
      )
    }
    return notes
  }
}
