import LossAtlasParallel
import Testing

/// ``Memo``: one value per key kept, the first one stored, no more than
/// its capacity, and the same answers from many threads at once.
@Suite struct MemoTests {
  @Test("a stored key is not made again; a full memo makes without storing")
  func storesUpToCapacity() {
    let memo = Memo<Int, Int>(capacity: 2)
    var made = 0
    for key in [1, 2, 1, 2, 3, 3] {
      #expect(memo.value(key) { made += 1; return key * 10 } == key * 10)
    }
    #expect(made == 4, "1 and 2 made once, 3 twice (no room)")
    #expect(memo.count == 2)
  }

  @Test("the first value stored for a key is the one returned after")
  func firstStoredWins() {
    let memo = Memo<String, Int>()
    #expect(memo.value("a") { 1 } == 1)
    #expect(memo.value("a") { 2 } == 1)
  }

  @Test("threads asking for the same keys get the same values")
  func threads() {
    let memo = Memo<Int, [Int]>()
    let results = Slots<[Int]>(count: 400)
    parallelFor(400, threads: 4) { i in results.set(i, memo.value(i % 7) { Array(0...(i % 7)) }) }
    for (i, r) in results.values.enumerated() { #expect(r == Array(0...(i % 7))) }
    #expect(memo.count == 7)
  }
}
