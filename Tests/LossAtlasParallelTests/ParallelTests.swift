import LossAtlasParallel
import Testing

/// The parallel helpers every target uses: results by index whatever the
/// schedule, every index exactly once, the first error by index.
@Suite struct ParallelTests {
  struct Failure: Error, Equatable { let index: Int }

  /// Uneven work (index i spins i % 7 * 1000 times) so threads finish out of
  /// order; the expected array is the serial map.
  @Test("parallelMap equals the serial map for 1, 2, 3 and 8 threads", arguments: [1, 2, 3, 8])
  func orderedMap(threads: Int) {
    @Sendable func work(_ i: Int) -> Int {
      var x = i
      for _ in 0..<(i % 7 * 1000) { x = (x &* 1_103_515_245 &+ 12_345) & 0x7FFF_FFFF }
      return x
    }
    let expected = (0..<500).map(work)
    #expect(parallelMap(500, threads: threads) { work($0) } == expected)
    #expect(parallelMap(0, threads: threads) { work($0) }.isEmpty)
  }

  @Test("parallelFor calls every index exactly once")
  func everyIndexOnce() {
    let calls = Slots<Int>(count: 1000)
    let counter = AtomicCounter()
    parallelFor(1000, threads: 4) { i in
      calls.set(i, i)
      _ = counter.next()
    }
    #expect(calls.values == Array(0..<1000))
    #expect(counter.next() == 1000)
  }

  @Test("parallelMap throws the error of the first failing index", arguments: [1, 2, 4])
  func firstErrorByIndex(threads: Int) {
    #expect(throws: Failure(index: 3)) {
      try parallelMap(200, threads: threads) { i throws(Failure) -> Int in
        if i == 3 || i == 150 { throw Failure(index: i) }
        return i
      }
    }
  }

  @Test("Lock serialises increments from several threads")
  func lockedIncrements() {
    final class Box: @unchecked Sendable { var n = 0 }
    let box = Box()
    let lock = Lock()
    parallelFor(4, threads: 4) { _ in
      for _ in 0..<10_000 { lock.withLock { box.n += 1 } }
    }
    #expect(box.n == 40_000)
  }
}
