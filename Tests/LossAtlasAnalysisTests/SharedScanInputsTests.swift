import Foundation
@testable import LossAtlasAnalysis
import LossAtlasCore
import Testing

/// Session 24 (facts-scans): the naive scans' points and the precision
/// study's Float16 inputs are made once per centre, direction and domain
/// and shared by every function studied there
/// (``NaiveFailureScan/sharedScanPoints(centre:direction:domain:)``,
/// ``PrecisionStudy/Float16Inputs/sharedInputs(_:)``). A shared list must be
/// the one the code of main 1b5fca9 builds for that call, bit for bit,
/// whichever call made it first: the old code is kept verbatim here.
@Suite struct SharedScanInputsTests {
  /// ``NaiveFailureScan/scanPoints(centre:direction:domain:)`` of main 1b5fca9, verbatim.
  static func referenceScanPoints(centre: Double, direction: Int, domain: RealInterval) -> [Double] {
    let dir = Double(direction)
    let end = direction > 0 ? domain.upper : domain.lower
    let closed = direction > 0 ? domain.upperClosed : domain.lowerClosed
    var out: [Double] = []
    if end.isInfinite {
      var x = centre
      while x.isFinite {
        if domain.contains(x) { out.append(x) }
        let m = abs(x)
        let step = m <= 0x1p20 ? Swift.max(1, m) * 0x1p-10 : m * 0x1p-3
        x += dir * step
      }
      out.append(dir * .greatestFiniteMagnitude)
    } else {
      let gap = abs(end - centre)
      guard gap > 0 else { return closed ? [end] : [] }
      // Linear over the first half, then 16 points an octave toward the end.
      let n = 512
      for i in 0..<n { out.append(centre + dir * gap * Double(i) / Double(2 * n)) }
      var k = 16
      while true {
        let d = gap * pow(2, -Double(k) / 16)
        let x = end - dir * d
        if x == end || d == 0 { break }
        if out.last.map({ direction > 0 ? x > $0 : x < $0 }) ?? true { out.append(x) }
        k += 1
      }
      if closed { out.append(end) }
    }
    return out.filter { domain.contains($0) }
  }

  /// The Float16 inputs as ``PrecisionStudy/Float16Inputs/init`` of main
  /// 1b5fca9 decoded them, verbatim (the loop without the evaluations).
  static func referenceInputs(_ all: FormatInputs) -> [Double] {
    let n = Int(all.count)
    var xs: [Double] = []
    xs.reserveCapacity(n)
    for i in 0..<n {
      let x = all.x(UInt64(i))
      xs.append(x)
    }
    return xs
  }

  /// Every (plot centre, domain) of the catalog: every function, every
  /// parameter setting, every view.
  static func catalogCentres() -> [(id: String, centre: Double, domain: RealInterval)] {
    var out: [(String, Double, RealInterval)] = []
    for spec in Catalog.all {
      for p in ParameterGrid.settings(spec) {
        for view in spec.views(p) {
          out.append((spec.id, (view.plotRange.lowerBound + view.plotRange.upperBound) / 2, view.domain))
        }
      }
    }
    return out
  }

  /// Centres and domains where a key by value instead of by bits, or one
  /// missing a field, would hand out another call's list: ±0 (the first
  /// scan point is the centre itself), ±0 ends, the smallest subnormals
  /// (Float16 rounds them to 0: the same inputs from a different centre),
  /// a NaN centre (the scan is then its end alone; not a Float16 centre,
  /// whose ordinal it has none), the greatest
  /// finite Double, Float16's largest value and overflow tie, an empty
  /// domain side, a single-point domain, and two binades of the same
  /// Float16 count at different first ordinals ((0.25, 0.5) and (0.5, 1)).
  static func hostileCentres() -> [(id: String, centre: Double, domain: RealInterval)] {
    let sub = Double.leastNonzeroMagnitude
    let domains: [RealInterval] = [
      .realLine, RealInterval(0, .infinity), RealInterval(0, .infinity, lowerClosed: false),
      RealInterval(-0.0, .infinity), RealInterval(-.infinity, -0.0), RealInterval(-1, 1),
      RealInterval(0, 1, lowerClosed: false, upperClosed: false), RealInterval(0.25, 0.5, lowerClosed: false, upperClosed: false),
      RealInterval(0.5, 1, lowerClosed: false, upperClosed: false), RealInterval(2, 2), RealInterval(-65504, 65504),
      RealInterval(-65520, 65520, lowerClosed: false, upperClosed: false),
    ]
    let centres: [Double] = [
      0, -0.0, sub, -sub, 1e-9, -1e-9, 0.25, 0.5, 2, 1, -1, 65504, -65504, 65520, 1e6, -1e300,
      .greatestFiniteMagnitude, -.greatestFiniteMagnitude, .nan,
    ]
    var out: [(String, Double, RealInterval)] = []
    for d in domains {
      for c in centres { out.append(("hostile \(c) in \(d)", c, d)) }
    }
    return out
  }

  static func bits(_ xs: [Double]) -> [UInt64] { xs.map(\.bitPattern) }

  @Test("the shared scan points are the points main 1b5fca9 scanned, bit for bit, at every catalog view (every setting) and at hostile centres and domains (±0, subnormal, NaN, huge, finite, empty), asked twice in both orders")
  func sharedScanPointsMatchTheReference() {
    var compared = 0
    var nonEmpty = 0
    // Both orders: a shared list made by a call with +0 must not answer
    // one with -0 (and the other way round), the second call hits the memo.
    let cases = Self.catalogCentres() + Self.hostileCentres()
    for c in cases + cases.reversed() {
      for direction in [-1, 1] {
        let reference = Self.referenceScanPoints(centre: c.centre, direction: direction, domain: c.domain)
        let shared = NaiveFailureScan.sharedScanPoints(centre: c.centre, direction: direction, domain: c.domain)
        #expect(Self.bits(shared) == Self.bits(reference), "\(c.id) toward \(direction): \(shared.count) vs \(reference.count) points")
        compared += 1
        if !reference.isEmpty { nonEmpty += 1 }
      }
    }
    #expect(compared > 500 && nonEmpty > 400)
  }

  /// `body` run on its own thread, or nil when it has not returned within
  /// `seconds` (the thread is then left spinning; the test fails instead of hanging).
  static func withDeadline<T: Sendable>(_ seconds: Double, _ body: @escaping @Sendable () -> T) -> T? {
    let box = DeadlineBox<T>()
    let done = DispatchSemaphore(value: 0)
    Thread.detachNewThread {
      box.value = body()
      done.signal()
    }
    return done.wait(timeout: .now() + seconds) == .success ? box.value : nil
  }

  @Test("scanPoints ends for an infinite centre toward a finite end (the closed end alone, as for a NaN centre), is unchanged for NaN centres and infinite ends, and scans a centre and a finite end whose distance overflows at 2^-10 scale, scaled back")
  func scanPointsEndsForHostileCentres() {
    // Before session 25 an infinite centre toward a finite end made the step NaN (inf * 0) and the
    // octave loop never ended; so did a finite centre whose distance to the end overflowed.
    // A NaN centre (the old code ended there) is in hostileCentres above as well.
    let closed = RealInterval(-1, 1)
    let open = RealInterval(-1, 1, lowerClosed: false, upperClosed: false)
    for centre in [Double.infinity, -.infinity, .nan] {
      for domain in [closed, open, .realLine, RealInterval(0, .infinity)] {
        for direction in [-1, 1] {
          let points = Self.withDeadline(10) { NaiveFailureScan.scanPoints(centre: centre, direction: direction, domain: domain) }
          let end = direction > 0 ? domain.upper : domain.lower
          let closedEnd = direction > 0 ? domain.upperClosed : domain.lowerClosed
          // The closed end alone toward a finite end (the old code's answer for a NaN centre);
          // toward an infinite end the old code ended, and its answer stands.
          let expected = end.isFinite ? (closedEnd ? [end] : []) : Self.referenceScanPoints(centre: centre, direction: direction, domain: domain)
          #expect(points.map(Self.bits) == Self.bits(expected), "centre \(centre) toward \(direction) in \(domain): \(points.map { "\($0.count) points" } ?? "no answer in 10 s")")
        }
      }
    }
    let big = Double.greatestFiniteMagnitude
    let wide = RealInterval(-big, big)
    for (centre, direction) in [(-big, 1), (big, -1), (-1e308, 1), (0.9e308, -1)] {
      let points = Self.withDeadline(10) { NaiveFailureScan.scanPoints(centre: centre, direction: direction, domain: wide) }
      guard let points else {
        Issue.record("centre \(centre) toward \(direction): no answer in 10 s")
        continue
      }
      // The old scan (kept verbatim above) of the problem at 2^-10 scale, scaled back: exact, as no
      // point is subnormal. (At half scale its linear part overflowed: 3 points.)
      let scaled = Self.referenceScanPoints(centre: centre * 0x1p-10, direction: direction, domain: RealInterval(-big * 0x1p-10, big * 0x1p-10))
        .map { $0 * 0x1p10 }
      #expect(Self.bits(points) == Self.bits(scaled), "centre \(centre) toward \(direction)")
      #expect(points.count > 512 && points.allSatisfy(\.isFinite) && points.last == Double(direction) * big)
      #expect(zip(points, points.dropFirst()).allSatisfy { direction > 0 ? $0 < $1 : $0 > $1 }, "centre \(centre): not sorted outward")
    }
  }

  /// ``FormatInputs/init(format:direction:centre:domain:)`` of main fd2c868
  /// (before session 25), verbatim: its first ordinal and count.
  static func referenceFormatInputs(format: NumberFormat, direction: Int, centre: Double, domain: RealInterval) -> (first: Int64, count: UInt64) {
    let top = format.greatestOrdinal
    let c = Swift.min(Swift.max(centre, -format.greatestFinite), format.greatestFinite)
    var first = format.ordinal(format.round(c))
    if direction > 0 {
      while first <= top && format.value(ordinal: first) <= c { first += 1 }
    } else {
      while first >= -top && format.value(ordinal: first) >= c { first -= 1 }
    }
    let end = direction > 0 ? domain.upper : domain.lower
    var last: Int64
    if end.isInfinite || abs(end) > format.greatestFinite {
      last = direction > 0 ? top : -top
    } else {
      last = format.ordinal(format.round(end))
      func outside(_ v: Double) -> Bool { !domain.contains(v) || v == end }
      if direction > 0 {
        while last >= -top && outside(format.value(ordinal: last)) { last -= 1 }
      } else {
        while last <= top && outside(format.value(ordinal: last)) { last += 1 }
      }
    }
    let ordered = direction > 0 ? last >= first : first >= last
    let span = UInt64(bitPattern: direction > 0 ? last &- first : first &- last)
    return (first, ordered && domain.contains(format.value(ordinal: first)) ? span + 1 : 0)
  }

  @Test("FormatInputs: the first input and the count are the old code's at every catalog view in every format and at the hostile centres in Float16, and a one-point domain in Float64 ends (with no inputs)")
  func formatInputsMatchTheReferenceAndEnd() {
    // Float16 has 2^16 ordinals, so the old walk ends on every hostile case; Float32 and Float64
    // only where it met an input quickly (the catalog's views: generate runs them).
    var cases = Self.hostileCentres().filter { !$0.centre.isNaN }.map { ($0, NumberFormat.float16) }
    for f in NumberFormat.allCases { cases += Self.catalogCentres().map { ($0, f) } }
    for (c, format) in cases {
      for direction in [-1, 1] {
        let reference = Self.referenceFormatInputs(format: format, direction: direction, centre: c.centre, domain: c.domain)
        let new = FormatInputs(format: format, direction: direction, centre: c.centre, domain: c.domain)
        #expect(new.firstOrdinal == reference.first && new.count == reference.count, "\(c.id) \(format) toward \(direction)")
      }
    }
    // `properties` of a user function with domain [1, 1] never finished: every Float64 input was
    // outside or the end, and the walk went on for 2^63 steps.
    for domain in [RealInterval(1, 1), RealInterval(2, 2), RealInterval(1, 1.0000000000000002, lowerClosed: false, upperClosed: false)] {
      for direction in [-1, 1] {
        for centre in [domain.lower, 0, -3] {
          let count = Self.withDeadline(10) {
            FormatInputs(format: .float64, direction: direction, centre: centre, domain: domain).count
          }
          #expect(count == 0, "\(domain) from \(centre) toward \(direction): \(count.map(String.init) ?? "no answer in 10 s")")
        }
      }
    }
  }

  @Test("the shared Float16 inputs are the inputs main 1b5fca9 decoded, bit for bit, at every catalog view (every setting) and at hostile centres and domains, asked twice in both orders")
  func sharedFloat16InputsMatchTheReference() {
    var compared = 0
    var empty = 0
    let cases = Self.catalogCentres() + Self.hostileCentres().filter { !$0.centre.isNaN }
    for c in cases + cases.reversed() {
      for direction in [-1, 1] {
        let all = FormatInputs(format: .float16, direction: direction, centre: c.centre, domain: c.domain)
        let reference = Self.referenceInputs(all)
        let shared = PrecisionStudy.Float16Inputs.sharedInputs(all)
        #expect(Self.bits(shared) == Self.bits(reference), "\(c.id) toward \(direction): \(shared.count) vs \(reference.count) inputs")
        compared += 1
        if reference.isEmpty { empty += 1 }
      }
    }
    #expect(compared > 500 && empty > 0)
  }

  @Test("the naive scans with shared points equal the per-part reference of FactsFastPathTests (fresh points, fresh evaluations) bit for bit at every parameter setting of every catalog function with a naive form")
  func naiveFailuresAtEverySetting() {
    var compared = 0
    for spec in Catalog.all {
      guard let naive = spec.naive else { continue }
      for parameters in ParameterGrid.settings(spec) {
        let samples = ViewSamples(spec.views(parameters)[0], count: 4001)
        let fast = FloatingPointStudy.naiveFailures(samples, naive: naive, parameters: parameters)
        let reference = FactsFastPathTests.referenceNaiveFailures(samples, naive: naive, parameters: parameters)
        #expect(fast.count == reference.count, "\(spec.id) \(parameters)")
        for (a, b) in zip(fast, reference) {
          #expect(a.component == b.component && a.direction == b.direction && a.mode == b.mode, "\(spec.id) \(parameters)")
          #expect(FactsFastPathTests.bitsOf(a) == FactsFastPathTests.bitsOf(b), "\(spec.id) \(parameters) \(a.component) \(a.direction)")
          compared += 1
        }
      }
    }
    #expect(compared > 40)
  }

  @Test("the precision study with shared Float16 inputs equals the per-row reference of FactsFastPathTests (inputs decoded per row) at every parameter setting's primary view of every catalog function")
  func precisionStudyAtEverySetting() {
    var compared = 0
    for spec in Catalog.all {
      for parameters in ParameterGrid.settings(spec) {
        let samples = ViewSamples(spec.views(parameters)[0], count: 4001)
        let study = PrecisionStudy.run(samples)
        #expect(study == FactsFastPathTests.referenceStudy(samples), "\(spec.id) \(parameters)")
        compared += 1
      }
    }
    #expect(compared > 100)
  }
}

/// The answer of a ``SharedScanInputsTests/withDeadline(_:_:)`` thread,
/// read only after its semaphore is signalled.
final class DeadlineBox<T>: @unchecked Sendable {
  var value: T?
}
