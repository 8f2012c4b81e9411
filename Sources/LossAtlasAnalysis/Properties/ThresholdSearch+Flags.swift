extension ThresholdSearch {
  /// The exhaustive search's answer from the predicate at every input,
  /// `flags[i]` for index i (n ≥ 1 inputs, a format with `significandBits`
  /// stored bits): the threshold is the first index k from which every
  /// flag holds, nil when the last does not; the earlier hits are the
  /// flags that hold in the binade-sized stretch [k − 2^bits, k) before it.
  ///
  /// ``exhaustive(_:)`` tests the predicate at every index and answers
  /// from here; the precision study's Float16 rows, whose flags come from
  /// one shared pass over the inputs, answer from here directly.
  static func exhaustive(flags: [Bool], significandBits: Int) -> Result? {
    let n = flags.count
    guard flags[n - 1] else { return nil }
    var k = n - 1
    while k > 0 && flags[k - 1] { k -= 1 }
    // Earlier hits: over the binade-sized stretch before the threshold
    // (2^10 inputs), as for the other formats; farther in (gelu's value
    // rounding to 0 at x = -2^-24, where it is about x/2) is another matter.
    guard k > 0 else { return Result(index: 0, earlierHits: 0, earlierChecked: 0, earlier: nil, exhaustive: true) }
    let start = Swift.max(0, k - (1 << significandBits))
    let hits = flags[start..<k].filter { $0 }.count
    let firstHit = flags[start..<k].firstIndex(of: true) ?? start
    return Result(
      index: UInt64(k), earlierHits: Int64(hits), earlierChecked: Int64(k - firstHit),
      earlier: UInt64(firstHit)...UInt64(k - 1), exhaustive: true)
  }
}
