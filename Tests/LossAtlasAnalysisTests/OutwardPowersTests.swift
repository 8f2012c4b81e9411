import Foundation
import LossAtlasCore
import Testing

@testable import LossAtlasAnalysis

/// ``ViewSamples/outward(from:toward:closed:)`` reads its powers of ten from
/// ``OutwardPowers`` (a table for finite ends, a memo by k0 for infinite
/// ones) instead of calling `pow` for each point. The function of main
/// 6fc533a is kept here verbatim (`reference`); the points must have the
/// same bits for every catalog view's search edges at every parameter
/// setting, and for hostile starts, on a first call (memo miss) and a
/// second (memo hit), from several threads at once.
@Suite struct OutwardPowersTests {
  /// `ViewSamples.outward` of main 6fc533a, verbatim (only its name changed).
  static func reference(from start: Double, toward end: Double, closed: Bool) -> [Double] {
    var points: [Double] = []
    if end.isInfinite {
      let sign: Double = end > 0 ? 1 : -1
      // Distances from max(|start|, 1) to 1e300.
      let first = max(abs(start), 1)
      var k = (log10(first) * 20).rounded(.up) / 20
      while k <= 300 {
        let x = sign * pow(10, k)
        if sign > 0 ? x > start : x < start { points.append(x) }
        k += 0.05
      }
      points.append(sign * 1e300)
    } else {
      // Toward a finite end: distances 10^-1 ... 10^-300 of the gap.
      let gap = abs(end - start)
      guard gap > 0 else { return closed ? [end] : [] }
      let dir: Double = end > start ? 1 : -1
      var k = 1.0
      while k <= 300 {
        let x = end - dir * gap * pow(10, -k)
        if x != end && (dir > 0 ? x > start : x < start) { points.append(x) }
        k += 0.25
      }
      if closed { points.append(end) }
    }
    var unique: [Double] = []
    for x in points where unique.last != x { unique.append(x) }
    return unique
  }

  /// Bitwise equality (tells -0 from +0 and compares NaNs by their bits).
  static func same(_ a: [Double], _ b: [Double]) -> Bool {
    a.count == b.count && zip(a, b).allSatisfy { $0.bitPattern == $1.bitPattern }
  }

  /// Both ways, twice (the memo missed, then hit), for one start and end.
  static func check(_ start: Double, _ end: Double, _ closed: Bool) -> Bool {
    let expected = reference(from: start, toward: end, closed: closed)
    let first = ViewSamples.outward(from: start, toward: end, closed: closed)
    let second = ViewSamples.outward(from: start, toward: end, closed: closed)
    return same(first, expected) && same(second, expected)
  }

  @Test("outward gives the reference points at every catalog view's search edges, every setting")
  func catalogViews() {
    var cases: [(Double, Double, Bool, String)] = []
    for spec in Catalog.all {
      for params in ParameterGrid.settings(spec) {
        for (k, view) in spec.views(params).enumerated() {
          let s = ViewSamples(view, count: 3)
          let d = view.domain
          cases.append((s.search.lowerBound, d.lower, d.lowerClosed, "\(spec.id)[\(k)] \(params) lower"))
          cases.append((s.search.upperBound, d.upper, d.upperClosed, "\(spec.id)[\(k)] \(params) upper"))
        }
      }
    }
    #expect(cases.count >= 400, "views at every setting (\(cases.count) edges)")
    #expect(cases.contains { $0.1.isInfinite } && cases.contains { !$0.1.isInfinite }, "infinite and finite ends")
    // Four threads at once through the shared memo, each over all the
    // edges from its own starting point.
    let failures = Failures()
    let edges = cases
    DispatchQueue.concurrentPerform(iterations: 4) { t in
      for i in edges.indices {
        let c = edges[(i + t * edges.count / 4) % edges.count]
        if !Self.check(c.0, c.1, c.2) { failures.add(c.3) }
      }
    }
    #expect(failures.all.isEmpty, "\(failures.all.prefix(10))")
  }

  @Test("outward gives the reference points from hostile starts")
  func hostileStarts() {
    let tiny = Double.leastNonzeroMagnitude
    var starts: [Double] = [
      0, -0.0, 1, -1, 1.0.nextUp, 1.0.nextDown, tiny, -tiny, Double.leastNormalMagnitude / 3, 1e-300,
      1e299, 9.999e299, 1e300, 1e300.nextUp, 1e300.nextDown, 3e300, Double.greatestFiniteMagnitude,
      -Double.greatestFiniteMagnitude, .infinity, -.infinity, .nan, 0.5, 2, 1e15, -7.25, 123_456.789,
    ]
    // k0 boundaries: distances at and next to 10^(m/20), where 20 log10 d
    // is (about) an integer and ceil may go either way.
    for m in [1, 2, 3, 10, 19, 20, 21, 40, 100, 313, 2000, 5999, 6000] {
      let d = pow(10, Double(m) / 20)
      starts += [d, d.nextUp, d.nextDown, -d, -d.nextUp, -d.nextDown]
    }
    // Random magnitudes over the whole range.
    var rng = SplitMix64(seed: 0x07A4D)
    for _ in 0..<300 {
      let e = Double(rng.next() % 620) - 310
      let sign: Double = rng.next() % 2 == 0 ? 1 : -1
      starts.append(sign * pow(10, e + Double(rng.next() % 1000) / 1000))
    }
    var failures: [String] = []
    for start in starts {
      for (end, closed) in [(Double.infinity, false), (-Double.infinity, false)] where !Self.check(start, end, closed) {
        failures.append("\(start) -> \(end)")
      }
      for end in [0, -0.0, 1, -1, 1e300, -Double.greatestFiniteMagnitude, start.nextUp, start + 1, tiny] {
        for closed in [false, true] where !Self.check(start, end, closed) {
          failures.append("\(start) -> \(end) closed \(closed)")
        }
      }
    }
    #expect(failures.isEmpty, "\(failures.prefix(10))")
  }
}

/// Names of failed cases, from several threads.
private final class Failures: @unchecked Sendable {
  private let lock = NSLock()
  private var names: [String] = []
  func add(_ name: String) { lock.withLock { names.append(name) } }
  var all: [String] { lock.withLock { names } }
}
