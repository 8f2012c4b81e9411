import ArgumentParser
import LossAtlasCore

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Exit statuses shared by every subcommand.
enum ExitStatus {
  /// Bad usage (EX_USAGE): anything typed on the command line that is
  /// refused before the work starts: an unknown id, option, argument or
  /// parameter name, a value that cannot be read, a value outside its
  /// domain or range, too many settings, a view that cannot be built.
  static let usage: Int32 = 64
  /// The input was accepted but the work cannot be done: a NaN answer, a
  /// figure whose axis cannot be drawn, an output file that cannot be
  /// written.
  static let failure: Int32 = 1
  /// Standard output cannot be written (a full disk, /dev/full): EX_IOERR.
  static let outputError: Int32 = 74
}

/// Prints one line to standard error. Control characters and terminal
/// escape sequences in it (from a file name or a value the user gave) are
/// written as escapes, so the message stays one line and cannot drive the
/// terminal. A failure to write to stderr is ignored: there is nowhere
/// left to report it.
func printError(_ message: String) {
  _ = writeAll(2, InputEcho.escapingControls(message) + "\n")
}

/// Prints `error: message` and returns the exit code for the error's kind:
/// 64 for an input that was refused (a name, or a value outside what is
/// allowed), 1 for an allowed input where the function has no value.
func fail(_ error: CatalogError) -> ExitCode {
  printError("error: \(error.message)")
  switch error.kind {
  case .unknownFunction, .unknownArgument, .missingArgument, .unknownParameter, .badArgument, .badParameter:
    return ExitCode(ExitStatus.usage)
  case .noValue:
    return ExitCode(ExitStatus.failure)
  }
}

/// Prints `error: message` and returns a usage exit code.
func usageFailure(_ message: String) -> ExitCode {
  printError("error: \(message)")
  return ExitCode(ExitStatus.usage)
}

/// Writes text to standard output. If it cannot be written the program
/// ends here: quietly when the reader went away (a closed pipe, as in
/// `lossatlas list | head -1`: killed by SIGPIPE like any Unix filter,
/// status 141 in the shell), otherwise with `error: cannot write to
/// standard output: REASON` and exit status 74.
func writeOut(_ text: String) {
  if let code = writeAll(1, text) { outputFailed(code) }
}

/// Ends the program after a failed write to standard output (see
/// ``writeOut(_:)``).
func outputFailed(_ code: Int32) -> Never {
  if code == EPIPE {
    signal(SIGPIPE, SIG_DFL)
    raise(SIGPIPE)
    _exit(128 + SIGPIPE)
  }
  printError("error: cannot write to standard output: \(String(cString: strerror(code)))")
  exit(ExitStatus.outputError)
}

/// Ends the process with `status` (the C library's exit, callable where
/// ArgumentParser's `exit(withError:)` is in scope).
func terminate(_ status: Int32) -> Never {
  exit(status)
}

/// Writes every byte of `text` to the file descriptor `fd`, retrying short
/// writes and interruptions; returns nil, or the errno of the write that
/// failed. Output is unbuffered, so callers pass large chunks.
func writeAll(_ fd: Int32, _ text: String) -> Int32? {
  var text = text
  return text.withUTF8 { bytes -> Int32? in
    var offset = 0
    while offset < bytes.count {
      let n = write(fd, bytes.baseAddress! + offset, bytes.count - offset)
      if n < 0 {
        if errno == EINTR { continue }
        return errno
      }
      offset += n
    }
    return nil
  }
}
