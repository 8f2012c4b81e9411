/// Write-once slots for results computed on several threads, each index
/// written by one thread: results land by index, so the order in which the
/// threads finish does not change the output.
public final class Slots<T>: @unchecked Sendable {
  private var slots: [T?]
  private let lock = Lock()

  /// `count` empty slots.
  public init(count: Int) { slots = Array(repeating: nil, count: count) }

  public var count: Int { lock.withLock { slots.count } }

  /// Fills slot `i`.
  public func set(_ i: Int, _ v: T) { lock.withLock { slots[i] = v } }

  /// Slot `i` (which must be filled by then).
  public subscript(i: Int) -> T {
    get { lock.withLock { slots[i]! } }
    set { lock.withLock { slots[i] = newValue } }
  }

  /// Every slot in index order (each must be filled by then).
  public var values: [T] { lock.withLock { slots.map { $0! } } }
}
