/// What this build of LossAtlas is: its version, a fingerprint of the source
/// it was built from and, when it was built in a git checkout, the last
/// commit that changed that source. Stamped at build time by the
/// StampBuildInfo plugin, so a binary built outside git (a container, a
/// release tarball) knows its version and fingerprint too.
///
/// The fingerprint is the SHA-256 of the `sha256sum` manifest of the
/// manual's inputs (``sourceRoots``): the same inputs give the same
/// fingerprint on any machine, in any clone, before and after a commit, so a
/// committed manual that prints it stays up to date until an input changes.
public enum BuildInfo {
  /// The version of the VERSION file (semantic versioning).
  public static let version = Generated.version
  /// SHA-256 (64 hex digits) of the inputs' `sha256sum` manifest.
  public static let sourceSHA256 = Generated.sourceSHA256
  /// The first 12 hex digits of ``sourceSHA256`` (48 bits).
  public static var sourceShort: String { String(sourceSHA256.prefix(12)) }
  /// How many files the fingerprint covers.
  public static let sourceFileCount = Generated.sourceFileCount
  /// The files and folders whose files it covers, relative to the package root.
  public static let sourceRoots = Generated.sourceRoots

  /// A git commit, as the build saw it.
  public struct Commit: Sendable, Equatable {
    /// The full commit hash.
    public let hash: String
    /// Its committer date (ISO 8601).
    public let date: String
    /// The inputs had uncommitted changes when the binary was built.
    public let hasUncommittedChanges: Bool
    /// Built from a shallow clone: the last change may be older than `hash`.
    public let fromShallowClone: Bool
  }

  /// The last commit that changed the inputs, or nil when the build did not
  /// run in a git checkout of the package.
  public static let commit: Commit? = Generated.commit.map {
    Commit(
      hash: $0, date: Generated.commitDate ?? "", hasUncommittedChanges: Generated.commitHasUncommittedChanges,
      fromShallowClone: Generated.commitFromShallowClone)
  }

  /// The build, for page footers: "LossAtlas 0.9.0 (source sha256 3f5c0a1b2c3d)".
  public static var stamp: String { "LossAtlas \(version) (source sha256 \(sourceShort))" }

  /// The text of `lossatlas --version`.
  public static var versionText: String {
    var lines = ["lossatlas \(version)"]
    lines.append("source sha256 \(sourceSHA256)")
    lines.append("  (\(sourceFileCount) files: \(sourceRoots.joined(separator: ", ")))")
    if let c = commit {
      var line = "commit \(c.hash) \(c.date)"
      if c.fromShallowClone { line += " (shallow clone: the last change to the source may be older)" }
      if c.hasUncommittedChanges { line += " with uncommitted changes to the source" }
      lines.append(line)
    } else {
      lines.append("commit not recorded (built outside a git checkout; the source fingerprint identifies it)")
    }
    return lines.joined(separator: "\n")
  }
}
