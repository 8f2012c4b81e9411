/// Values computed once per key and shared by threads: the look-up holds
/// the lock, the computation does not (two threads may both compute a key's
/// value; the memo keeps the first, so `make` must be deterministic).
///
/// At most `capacity` values are kept; past that a value is computed and
/// returned without being stored, so a long-running process asking for
/// ever new keys does not grow without bound.
public final class Memo<Key: Hashable, Value>: @unchecked Sendable {
  private let lock = Lock()
  private var values: [Key: Value] = [:]
  /// The most values kept.
  public let capacity: Int

  public init(capacity: Int = .max) {
    self.capacity = capacity
  }

  /// The value for `key`: the stored one, or `make()` (stored while there is room).
  public func value(_ key: Key, make: () -> Value) -> Value {
    if let v = lock.withLock({ values[key] }) { return v }
    let v = make()
    return lock.withLock {
      if let existing = values[key] { return existing }
      if values.count < capacity { values[key] = v }
      return v
    }
  }

  /// How many values are stored.
  public var count: Int { lock.withLock { values.count } }
}
