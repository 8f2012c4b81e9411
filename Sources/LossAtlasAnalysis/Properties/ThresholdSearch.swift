import LossAtlasCore

/// Where a predicate on a format's inputs starts to hold for good: the first
/// input (outward from the centre) from which it holds at every farther
/// representable input.
///
/// The predicate need not be monotone (huber's value rounds to x at the even
/// doubles of [2^52, 2^53) and not at the odd ones), so the search does not
/// stop at the first boundary it meets:
/// - Float16 (at most 31,744 inputs a direction): every input is tested.
/// - Float32 and Float64: bisection on the indices between a failing and a
///   holding input, then spot checks of every farther binade (its first and
///   last inputs and some inside) and of the 1,024 inputs after the
///   boundary; a failure among them restarts the bisection beyond it.
public struct ThresholdSearch {
  /// The threshold, with what the search saw nearer the centre.
  public struct Result: Sendable, Equatable {
    /// Index of the first input from which the predicate holds for good.
    public let index: UInt64
    /// Nearer the centre than `index`: how many of the inputs checked in
    /// `earlier` hold (0 when none do), and how many were checked.
    public let earlierHits: Int64
    public let earlierChecked: Int64
    /// The index range examined for earlier hits.
    public let earlier: ClosedRange<UInt64>?
    /// True when every input was tested.
    public let exhaustive: Bool
  }

  public let inputs: FormatInputs
  /// Whether the predicate holds at index i.
  public let holds: (UInt64) -> Bool

  /// How many inputs ``earlierSample(_:)`` checks right before the
  /// threshold, and how many spread over the stretch (256 each; fewer
  /// where a check costs a ball evaluation: a user function's exact study).
  public var earlierPicks = 256

  public init(inputs: FormatInputs, holds: @escaping (UInt64) -> Bool) {
    self.inputs = inputs
    self.holds = holds
  }

  /// The threshold, or nil when the predicate fails at the farthest input.
  public func run() -> Result? {
    let n = inputs.count
    guard n > 0 else { return nil }
    return inputs.format == .float16 ? exhaustive(n) : bisected(n)
  }

  func exhaustive(_ n: UInt64) -> Result? {
    var flags = [Bool](repeating: false, count: Int(n))
    for i in 0..<Int(n) { flags[i] = holds(UInt64(i)) }
    return ThresholdSearch.exhaustive(flags: flags, significandBits: inputs.format.significandBits)
  }

  func bisected(_ n: UInt64) -> Result? {
    guard holds(n - 1) else { return nil }
    // An index known to fail (nil: none found yet).
    var bad: UInt64? = holds(0) ? nil : 0
    var t = n - 1
    // Each round moves `bad` outward, so the loop ends; the cap only
    // bounds the time a pathological predicate could take.
    for _ in 0..<10_000 {
      // Bisect between bad (fails, or none) and n - 1 (holds): t ends as
      // the index right after the last failing one found.
      var f = bad
      t = n - 1
      while true {
        let start = f.map { $0 + 1 } ?? 0
        if start >= t { break }
        let mid = start + (t - start) / 2
        if holds(mid) { t = mid } else { f = mid }
      }
      // Spot checks beyond the boundary t.
      let later = t < n - 1 ? inputs.spotChecks(in: (t + 1)...(n - 1)) : []
      if let worst = later.last(where: { !holds($0) }) {
        bad = worst
        continue
      }
      return earlierSample(t)
    }
    return earlierSample(t)
  }

  /// Samples the binade-sized stretch before the threshold `t` for inputs
  /// where the predicate already holds: the `earlierPicks` (256) inputs
  /// right before it and as many spread over the stretch.
  func earlierSample(_ t: UInt64) -> Result {
    guard t > 0 else { return Result(index: 0, earlierHits: 0, earlierChecked: 0, earlier: nil, exhaustive: false) }
    let span = Swift.min(t, UInt64(1) << UInt64(inputs.format.significandBits))
    let start = t - span
    let n = UInt64(earlierPicks)
    // Both kinds of picks ascend (the spread ones by span / n, which may be
    // 0), so they are merged in order and each index is tested once, with
    // no Set: every spread pick is below t, and those at or past the run's
    // first index are inside the run.
    let run = Swift.max(start, t >= n ? t - n : 0)
    var checked: Int64 = 0
    var hits: Int64 = 0
    var last: UInt64?
    func test(_ i: UInt64) {
      guard last.map({ $0 < i }) ?? true else { return }
      last = i
      checked += 1
      if holds(i) { hits += 1 }
    }
    for k in 0..<n where start + span / n * k < run { test(start + span / n * k) }
    for k in run..<t { test(k) }
    return Result(index: t, earlierHits: hits, earlierChecked: checked, earlier: start...(t - 1), exhaustive: false)
  }
}
