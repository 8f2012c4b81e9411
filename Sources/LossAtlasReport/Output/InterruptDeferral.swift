import LossAtlasParallel

#if canImport(Glibc)
  import Glibc
  typealias SignalHandler = __sighandler_t
#elseif canImport(Darwin)
  import Darwin
  typealias SignalHandler = sig_t
#endif

/// Holds back Ctrl-C (SIGINT), SIGTERM, SIGHUP and SIGQUIT while the
/// writer changes the output folder, then acts on them.
///
/// The writer's steps each leave the folder consistent, but a process
/// killed between two system calls of one step left debris: killed just
/// after `renameat2(RENAME_EXCHANGE)` put the new manifest in place, the
/// old one stayed under a `.lossatlas-tmp-` name that no manifest lists,
/// and no later run removed it (measured: a SIGINT injected at the first
/// rename with strace). Writing takes a few hundred milliseconds; a signal
/// that arrives meanwhile only sets a flag, and once the folder is
/// consistent the previous handlers are back and the signal is raised
/// again: the process ends as it would have (status 130 for Ctrl-C), the
/// folder whole. SIGKILL cannot be held back; the manifest of intent
/// covers it (``OutputWriter``).
///
/// Handlers belong to the process: nested or concurrent writers (tests
/// write several folders at once) share one deferral, installed by the
/// first and removed by the last.
enum InterruptDeferral {
  static let signals: [Int32] = [SIGINT, SIGTERM, SIGHUP, SIGQUIT]

  /// The signal that arrived while deferred (0: none). A handler may write
  /// only a `sig_atomic_t`; it is set before the handlers go in, so the
  /// handler never runs the lazy initialisation of a global.
  nonisolated(unsafe) static var received: sig_atomic_t = 0

  private static let lock = Lock()
  nonisolated(unsafe) private static var depth = 0
  nonisolated(unsafe) private static var previous: [(Int32, SignalHandler?)] = []

  /// Runs `body` with the signals deferred; a signal received meanwhile is
  /// raised again once no writer is left in its body.
  static func during<T>(_ body: () throws -> T) rethrows -> T {
    lock.withLock {
      if depth == 0 {
        received = 0
        previous = signals.map { s in (s, signal(s) { number in InterruptDeferral.received = sig_atomic_t(number) }) }
      }
      depth += 1
    }
    defer {
      let pending: sig_atomic_t = lock.withLock {
        depth -= 1
        guard depth == 0 else { return 0 }
        // A signal the user had set to be ignored (nohup) stays ignored.
        for (s, old) in previous { _ = signal(s, old) }
        previous = []
        return received
      }
      if pending != 0 { raise(Int32(pending)) }
    }
    return try body()
  }
}
