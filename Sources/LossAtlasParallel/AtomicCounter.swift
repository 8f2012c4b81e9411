/// A lock-protected counter (the results do not depend on which thread
/// takes which index).
public final class AtomicCounter: @unchecked Sendable {
  private var value = 0
  private let lock = Lock()

  public init() {}

  /// 0, 1, 2, ... one value per call, whichever thread calls.
  public func next() -> Int {
    lock.withLock {
      defer { value += 1 }
      return value
    }
  }
}
