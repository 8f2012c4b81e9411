import Foundation

/// The repository's VERSION and source fingerprint computed without the
/// project's code: the fingerprint by `.ci/fingerprint` (find, sort and
/// coreutils' sha256sum), to hold against what the binary was stamped with.
public enum SourceFingerprint {
  /// The VERSION file, trimmed.
  public static func version() throws -> String {
    try String(contentsOf: Fixtures.repositoryRoot.appendingPathComponent("VERSION"), encoding: .utf8)
      .trimmingCharacters(in: .whitespacesAndNewlines)
  }

  /// The 64 hex digits `.ci/fingerprint` prints.
  public static func sha256sum() throws -> String {
    try run("/bin/bash", [Fixtures.repositoryRoot.appendingPathComponent(".ci/fingerprint").path])
      .trimmingCharacters(in: .whitespacesAndNewlines)
  }

  /// Runs a program in the repository root; its stdout, or an error naming
  /// the command and its stderr when it fails.
  public static func run(_ executable: String, _ arguments: [String]) throws -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    process.currentDirectoryURL = Fixtures.repositoryRoot
    let out = Pipe()
    let err = Pipe()
    process.standardOutput = out
    process.standardError = err
    process.standardInput = FileHandle.nullDevice
    try process.run()
    let group = DispatchGroup()
    nonisolated(unsafe) var outData = Data()
    nonisolated(unsafe) var errData = Data()
    DispatchQueue.global().async(group: group) { outData = out.fileHandleForReading.readDataToEndOfFile() }
    DispatchQueue.global().async(group: group) { errData = err.fileHandleForReading.readDataToEndOfFile() }
    group.wait()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else {
      throw CommandFailure(
        command: ([executable] + arguments).joined(separator: " "), status: process.terminationStatus,
        stderr: String(decoding: errData, as: UTF8.self))
    }
    return String(decoding: outData, as: UTF8.self)
  }

  public struct CommandFailure: Error, CustomStringConvertible {
    public let command: String
    public let status: Int32
    public let stderr: String
    public var description: String { "\(command) exited \(status): \(stderr)" }
  }
}
