import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Runs the `lossatlas` binary as a subprocess that cannot take the test
/// runner down with it: a crash is reported as a signal, a hang is killed
/// after a time limit, and memory can be capped (`ulimit -v`). For the
/// hostile-input tests and the fuzz test.
public enum BoundedRun {
  /// Where the subprocess's standard input comes from.
  public enum Input: Sendable {
    case none
    case bytes([UInt8])
    case file(URL)
  }

  /// Where its standard output goes.
  public enum Output: Sendable {
    /// Captured whole.
    case capture
    /// Captured until this many bytes have arrived, then the pipe is
    /// closed (as `| head -c N` does).
    case closeAfter(Int)
    /// Written to this file (e.g. /dev/full).
    case file(URL)
  }

  public struct Result: Sendable {
    /// The exit status, when the process exited.
    public let status: Int32?
    /// The signal that ended the process, when one did.
    public let signal: Int32?
    /// Whether the time limit ran out (the process was then killed).
    public let timedOut: Bool
    public let stdout: [UInt8]
    public let stderr: String

    public var stdoutText: String { String(decoding: stdout, as: UTF8.self) }

    /// A one-line account for test messages.
    public var summary: String {
      "status \(status.map(String.init) ?? "-"), signal \(signal.map(String.init) ?? "-"), timed out \(timedOut), stderr: \(stderr.prefix(300))"
    }
  }

  /// Runs `lossatlas arguments...` in `directory` (default: a new temporary
  /// folder's parent, the system temporary folder), killing it after
  /// `timeout` seconds; `memoryLimitKB` caps its virtual memory.
  ///
  /// The timeout is a hang guard, not a speed test (speed is measured by the
  /// benchmarks): 120 s, so that a debug build on a loaded 2-core machine
  /// running the other suites in parallel (a 16 MiB request line took 6.6 s
  /// alone there and over 20 s beside them) never trips it, while a runaway
  /// input (the alias bomb took about an hour) still does.
  public static func run(
    _ arguments: [String], input: Input = .none, output: Output = .capture, timeout: Double = 120,
    memoryLimitKB: Int? = nil, directory: URL? = nil, executable: URL = CLIRunner.executable
  ) throws -> Result {
    // A write to a pipe the subprocess has closed must fail with EPIPE in
    // the feeding thread, not kill the test runner.
    signal(SIGPIPE, SIG_IGN)
    let process = Process()
    if let memoryLimitKB {
      process.executableURL = URL(fileURLWithPath: "/bin/sh")
      process.arguments = ["-c", "ulimit -v \(memoryLimitKB) && exec \"$0\" \"$@\"", executable.path] + arguments
    } else {
      process.executableURL = executable
      process.arguments = arguments
    }
    process.currentDirectoryURL = directory ?? FileManager.default.temporaryDirectory
    let err = Pipe()
    process.standardError = err
    var out: Pipe?
    switch output {
    case .capture, .closeAfter:
      out = Pipe()
      process.standardOutput = out
    case .file(let url):
      process.standardOutput = try FileHandle(forWritingTo: url)
    }
    var feed: Pipe?
    switch input {
    case .none: process.standardInput = FileHandle.nullDevice
    case .file(let url): process.standardInput = try FileHandle(forReadingFrom: url)
    case .bytes:
      feed = Pipe()
      process.standardInput = feed
    }
    try process.run()
    let state = State()
    let pid = process.processIdentifier
    DispatchQueue.global().asyncAfter(deadline: .now() + timeout) {
      if state.finishedOrMarkTimedOut() == false { kill(pid, SIGKILL) }
    }
    let group = DispatchGroup()
    nonisolated(unsafe) var outBytes: [UInt8] = []
    nonisolated(unsafe) var errData = Data()
    if let out {
      let limit: Int? = if case .closeAfter(let n) = output { n } else { nil }
      DispatchQueue.global().async(group: group) {
        outBytes = drain(out.fileHandleForReading.fileDescriptor, limit: limit)
        if limit != nil { try? out.fileHandleForReading.close() }
      }
    }
    DispatchQueue.global().async(group: group) { errData = err.fileHandleForReading.readDataToEndOfFile() }
    if let feed, case .bytes(let bytes) = input {
      DispatchQueue.global().async(group: group) {
        let fd = feed.fileHandleForWriting.fileDescriptor
        bytes.withUnsafeBytes { raw in
          var offset = 0
          while offset < raw.count {
            let n = write(fd, raw.baseAddress! + offset, min(raw.count - offset, 1 << 16))
            if n < 0 {
              if errno == EINTR { continue }
              break  // the subprocess closed its stdin or exited
            }
            offset += n
          }
        }
        try? feed.fileHandleForWriting.close()
      }
    }
    process.waitUntilExit()
    let timedOut = state.finish()
    group.wait()
    let bySignal = process.terminationReason == .uncaughtSignal
    return Result(
      status: bySignal ? nil : process.terminationStatus, signal: bySignal ? process.terminationStatus : nil,
      timedOut: timedOut, stdout: outBytes, stderr: String(decoding: errData, as: UTF8.self))
  }

  /// Reads `fd` to its end, or until `limit` bytes.
  private static func drain(_ fd: Int32, limit: Int?) -> [UInt8] {
    var bytes: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 1 << 16)
    while limit.map({ bytes.count < $0 }) ?? true {
      let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
      if n < 0 && errno == EINTR { continue }
      if n <= 0 { break }
      bytes += chunk[0..<n]
    }
    if let limit, bytes.count > limit { bytes.removeLast(bytes.count - limit) }
    return bytes
  }

  /// Whether the process finished before the time limit, decided once.
  private final class State: @unchecked Sendable {
    private let lock = NSLock()
    private var finished = false
    private var timedOut = false

    /// The timer's side: true if the process already finished.
    func finishedOrMarkTimedOut() -> Bool {
      lock.lock()
      defer { lock.unlock() }
      if !finished { timedOut = true }
      return finished
    }

    /// The waiter's side: whether the timer fired first.
    func finish() -> Bool {
      lock.lock()
      defer { lock.unlock() }
      finished = true
      return timedOut
    }
  }
}
