import Dispatch

/// Runs `body(i)` for i in 0..<count on `threads` threads (at least 1; a
/// shared counter hands out indices, so uneven tasks balance). Returns when
/// every call has returned. What `body` computes should land in ``Slots``
/// by index, so the result does not depend on the schedule.
public func parallelFor(_ count: Int, threads: Int, _ body: @Sendable (Int) -> Void) {
  let counter = AtomicCounter()
  DispatchQueue.concurrentPerform(iterations: max(1, min(threads, count))) { _ in
    while true {
      let i = counter.next()
      if i >= count { break }
      body(i)
    }
  }
}
