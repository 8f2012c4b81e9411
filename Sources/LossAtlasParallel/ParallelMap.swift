/// `body(i)` for i in 0..<count, computed on up to `threads` threads
/// (``parallelFor(_:threads:_:)``), in index order: the same array as
/// `(0..<count).map(body)`, whatever the schedule. With one thread (or one
/// item) it is that map. If any call throws, every call still runs and the
/// error of the first failing index is thrown.
public func parallelMap<R, E: Error>(
  _ count: Int, threads: Int, _ body: @Sendable (Int) throws(E) -> R
) throws(E) -> [R] {
  if max(1, min(threads, count)) <= 1 {
    var out: [R] = []
    out.reserveCapacity(count)
    for i in 0..<count { out.append(try body(i)) }
    return out
  }
  let slots = Slots<Result<R, E>>(count: count)
  parallelFor(count, threads: threads) { i in
    slots.set(i, Result { () throws(E) -> R in try body(i) })
  }
  var out: [R] = []
  out.reserveCapacity(count)
  for r in slots.values { out.append(try r.get()) }
  return out
}
