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
