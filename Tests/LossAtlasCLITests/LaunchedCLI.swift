import Foundation
import TestSupport

#if canImport(Glibc)
  import Glibc
#endif

/// `lossatlas` started in the background: several at once, with a
/// deadline (a run that blocks, say on a FIFO, is killed and reported
/// instead of hanging the suite), and optionally on a terminal, so that
/// `generate` prints its progress lines.
final class LaunchedCLI: @unchecked Sendable {
  /// How a run ended.
  struct Outcome {
    let status: Int32
    let stdout: String
    let stderr: String
  }

  private let process = Process()
  private let group = DispatchGroup()
  private var outData = Data()
  private var errData = Data()
  private var onTerminal = false

  /// Starts `lossatlas arguments`. With `stderrOnTerminal`, it runs under
  /// script(1), which gives it a terminal for standard output and error
  /// (both then arrive as ``Outcome/stderr``).
  init(_ arguments: [String], directory: URL? = nil, stderrOnTerminal: Bool = false) throws {
    if stderrOnTerminal {
      let quoted = ([CLIRunner.executable.path] + arguments).map { "'" + $0.replacingOccurrences(of: "'", with: "'\\''") + "'" }
      process.executableURL = URL(fileURLWithPath: "/usr/bin/script")
      process.arguments = ["-q", "-e", "-c", quoted.joined(separator: " "), "/dev/null"]
    } else {
      process.executableURL = CLIRunner.executable
      process.arguments = arguments
    }
    process.currentDirectoryURL = directory ?? Fixtures.repositoryRoot
    process.standardInput = FileHandle.nullDevice
    let out = Pipe()
    let err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    DispatchQueue.global().async(group: group) { self.outData = out.fileHandleForReading.readDataToEndOfFile() }
    DispatchQueue.global().async(group: group) { self.errData = err.fileHandleForReading.readDataToEndOfFile() }
    onTerminal = stderrOnTerminal
  }

  var processIdentifier: Int32 { process.processIdentifier }

  /// Waits for the process; kills it and returns nil if it is still
  /// running after `seconds`. (Standard error read from a terminal has its
  /// "\r\n" line ends turned back into "\n".)
  func wait(seconds: Double) -> Outcome? {
    let deadline = Date().addingTimeInterval(seconds)
    while process.isRunning && Date() < deadline { usleep(10_000) }
    if process.isRunning {
      kill(process.processIdentifier, SIGKILL)
      process.waitUntilExit()
      group.wait()
      return nil
    }
    process.waitUntilExit()
    group.wait()
    // Under script(1), what the program wrote to its terminal is script's
    // standard output, with "\r\n" line ends.
    let err = onTerminal
      ? String(decoding: outData, as: UTF8.self).replacingOccurrences(of: "\r\n", with: "\n")
      : String(decoding: errData, as: UTF8.self)
    return Outcome(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self), stderr: err)
  }

  /// Runs `lossatlas arguments` to completion within `seconds`.
  static func run(_ arguments: [String], directory: URL? = nil, seconds: Double = 300, stderrOnTerminal: Bool = false) throws
    -> Outcome?
  {
    try LaunchedCLI(arguments, directory: directory, stderrOnTerminal: stderrOnTerminal).wait(seconds: seconds)
  }
}
