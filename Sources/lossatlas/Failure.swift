import ArgumentParser
import LossAtlasCore

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Exit statuses shared by every subcommand.
enum ExitStatus {
  /// Bad usage: unknown id, option, argument or parameter name (EX_USAGE).
  static let usage: Int32 = 64
  /// The input was understood but cannot be evaluated (out of domain, ...).
  static let failure: Int32 = 1
}

/// Prints one line to standard error.
func printError(_ message: String) {
  writeAll(2, message + "\n")
}

/// Prints `error: message` and returns the exit code for the error's kind.
func fail(_ error: CatalogError) -> ExitCode {
  printError("error: \(error.message)")
  switch error.kind {
  case .unknownFunction, .unknownArgument, .missingArgument, .unknownParameter:
    return ExitCode(ExitStatus.usage)
  case .badArgument, .badParameter:
    return ExitCode(ExitStatus.failure)
  }
}

/// Prints `error: message` and returns a usage exit code.
func usageFailure(_ message: String) -> ExitCode {
  printError("error: \(message)")
  return ExitCode(ExitStatus.usage)
}

/// Writes text to standard output.
func writeOut(_ text: String) {
  writeAll(1, text)
}

/// Writes every byte of `text` to the file descriptor `fd`, retrying short
/// writes; output is unbuffered, so callers pass large chunks.
func writeAll(_ fd: Int32, _ text: String) {
  var text = text
  text.withUTF8 { bytes in
    var offset = 0
    while offset < bytes.count {
      let n = write(fd, bytes.baseAddress! + offset, bytes.count - offset)
      if n < 0 {
        if errno == EINTR { continue }
        return  // the reader went away (EPIPE); nothing useful is left to do
      }
      offset += n
    }
  }
}
