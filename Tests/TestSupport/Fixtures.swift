import Foundation

/// Test fixtures shipped in `Tests/TestSupport/Fixtures`, found from this
/// source file's path so tests run from any working directory.
public enum Fixtures {
  public static let directory: URL = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent()
    .appendingPathComponent("Fixtures")

  /// The repository root (two levels above `Tests/TestSupport`).
  public static let repositoryRoot: URL = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent()
    .deletingLastPathComponent()
    .deletingLastPathComponent()

  public static func url(_ name: String) -> URL { directory.appendingPathComponent(name) }

  public static func text(_ name: String) throws -> String {
    try String(contentsOf: url(name), encoding: .utf8)
  }
}
