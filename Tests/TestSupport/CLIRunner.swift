import Foundation

/// Runs the built `lossatlas` binary as a user would, capturing stdout,
/// stderr and the exit status.
public enum CLIRunner {
  public struct Result: Sendable {
    public let status: Int32
    public let stdout: String
    public let stderr: String
    public let stdoutBytes: [UInt8]
  }

  /// The `lossatlas` executable next to the test bundle (SwiftPM builds it
  /// because the CLI test target depends on it), or `$LOSSATLAS_BIN`.
  public static let executable: URL = {
    if let path = ProcessInfo.processInfo.environment["LOSSATLAS_BIN"] {
      return URL(fileURLWithPath: path)
    }
    var dir = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
    // The test runner may be inside `X.xctest/` or beside it.
    for _ in 0..<4 {
      let candidate = dir.appendingPathComponent("lossatlas")
      if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
      dir.deleteLastPathComponent()
    }
    // No fallback to a fixed path such as .build/debug/: `make test` builds
    // in .build-test/, and a binary left elsewhere by another build would
    // be a stale one.
    fatalError(
      "no lossatlas executable beside the test runner \(CommandLine.arguments[0]) or up to four folders above it; build it (swift build --build-tests) or set LOSSATLAS_BIN")
  }()

  /// Runs `lossatlas arguments...` with `stdin` bytes (or /dev/null) in
  /// `directory` (default: the repository root).
  public static func run(
    _ arguments: [String], stdin: [UInt8]? = nil, stdinFile: URL? = nil, directory: URL? = nil
  ) throws -> Result {
    let process = Process()
    process.executableURL = executable
    process.arguments = arguments
    process.currentDirectoryURL = directory ?? Fixtures.repositoryRoot
    let out = Pipe()
    let err = Pipe()
    process.standardOutput = out
    process.standardError = err
    var input: Pipe?
    if let stdinFile {
      process.standardInput = try FileHandle(forReadingFrom: stdinFile)
    } else if stdin != nil {
      input = Pipe()
      process.standardInput = input
    } else {
      process.standardInput = FileHandle.nullDevice
    }
    try process.run()
    // Feed stdin and drain both pipes concurrently so that no pipe fills up.
    let group = DispatchGroup()
    nonisolated(unsafe) var outData = Data()
    nonisolated(unsafe) var errData = Data()
    DispatchQueue.global().async(group: group) { outData = out.fileHandleForReading.readDataToEndOfFile() }
    DispatchQueue.global().async(group: group) { errData = err.fileHandleForReading.readDataToEndOfFile() }
    if let input, let stdin {
      try? input.fileHandleForWriting.write(contentsOf: Data(stdin))
      try? input.fileHandleForWriting.close()
    }
    group.wait()
    process.waitUntilExit()
    return Result(
      status: process.terminationStatus,
      stdout: String(decoding: outData, as: UTF8.self),
      stderr: String(decoding: errData, as: UTF8.self),
      stdoutBytes: [UInt8](outData))
  }
}
