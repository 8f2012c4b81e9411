import LossAtlasCore
import Testing

@testable import LossAtlasAnalysis

/// The precision study's Float16 inputs (session 23, precision-share)
/// round each result through ``PrecisionStudy/Float16Inputs/rounding(_:at:isValue:view:)``,
/// whose certain case is inline, instead of calling
/// ``PrecisionStudy/rounding(_:at:isValue:format:view:)`` (and through it
/// ``NumberFormat/roundExact(_:)``) for every result. Pinned here against
/// the loop as it was (main 6fc533a, kept verbatim below) on every catalog
/// view at its default parameters, toward both ends, and on hostile views,
/// and the rounding itself on hostile results: NaN (several payloads),
/// ±inf, ±0, subnormal Doubles, every Float16 value, the Doubles within
/// 8 ulp of every Float16 rounding boundary (ties, and uncertain ones
/// decided by a refined value or not), the stretch [2⁻²⁶, 2⁻¹⁴) and
/// random encodings.
@Suite struct PrecisionFloat16RoundingTests {
  /// ``PrecisionStudy/Float16Inputs/init(_:view:value:derivative:)`` at
  /// main 6fc533a, verbatim apart from returning its three arrays.
  static func oldInputs(_ all: FormatInputs, view: ScalarView, value: Bool, derivative: Bool) -> (
    xs: [Double], values: [PrecisionStudy.Rounding?], derivatives: [PrecisionStudy.Rounding?]
  ) {
    let f = view.evaluate
    let n = Int(all.count)
    var xs: [Double] = []
    var values: [PrecisionStudy.Rounding?] = []
    var derivatives: [PrecisionStudy.Rounding?] = []
    xs.reserveCapacity(n)
    values.reserveCapacity(value ? n : 0)
    derivatives.reserveCapacity(derivative ? n : 0)
    for i in 0..<n {
      let x = all.x(UInt64(i))
      let j = f(x)
      xs.append(x)
      if value { values.append(PrecisionStudy.rounding(j.value, at: x, isValue: true, format: .float16, view: view)) }
      if derivative {
        derivatives.append(PrecisionStudy.rounding(j.d1, at: x, isValue: false, format: .float16, view: view))
      }
    }
    return (xs, values, derivatives)
  }

  /// Two roundings are the same: both nil, or the same bits and certainty.
  static func same(_ a: PrecisionStudy.Rounding?, _ b: PrecisionStudy.Rounding?) -> Bool {
    switch (a, b) {
    case (nil, nil): return true
    case let (a?, b?): return a.value.bitPattern == b.value.bitPattern && a.certainty == b.certainty
    default: return false
    }
  }

  /// Compares the new inputs with the old ones toward both ends of `view`;
  /// returns how many roundings were not certain (the full routine's cases).
  @discardableResult
  static func expectSame(_ label: String, _ view: ScalarView) -> Int {
    let centre = (view.plotRange.lowerBound + view.plotRange.upperBound) / 2
    var notCertain = 0
    for direction in [-1, 1] {
      let all = FormatInputs(format: .float16, direction: direction, centre: centre, domain: view.domain)
      let new = PrecisionStudy.Float16Inputs(all, view: view, value: true, derivative: true)
      let old = oldInputs(all, view: view, value: true, derivative: true)
      #expect(new.xs.map(\.bitPattern) == old.xs.map(\.bitPattern), "\(label) \(direction): inputs")
      #expect(new.valueRoundings.count == old.values.count && new.derivativeRoundings.count == old.derivatives.count)
      for i in old.values.indices where !same(new.valueRoundings[i], old.values[i]) {
        Issue.record("\(label) \(direction): value at x = \(old.xs[i])")
      }
      for i in old.derivatives.indices where !same(new.derivativeRoundings[i], old.derivatives[i]) {
        Issue.record("\(label) \(direction): derivative at x = \(old.xs[i])")
      }
      notCertain += (old.values + old.derivatives).filter { $0.map { $0.certainty != .certain } ?? true }.count
      // Only the rows that read them are rounded.
      let valueOnly = PrecisionStudy.Float16Inputs(all, view: view, value: true, derivative: false)
      #expect(valueOnly.derivativeRoundings.isEmpty && valueOnly.valueRoundings.count == old.values.count)
    }
    return notCertain
  }

  @Test("Float16 inputs round every result as main's loop did, bit for bit, on every view of every catalog function at its default parameters")
  func everyCatalogView() {
    var views = 0
    for spec in Catalog.all {
      for (k, view) in spec.views(spec.defaultParameters).enumerated() {
        Self.expectSame("\(spec.id) view \(k)", view)
        views += 1
      }
    }
    #expect(views > 100)
  }

  @Test("Float16 inputs round every result as main's loop did on hostile views: NaN, ±inf, ±0, subnormal and exactly-tied results, uncertain roundings (some decided by a refined value), asymptotic offsets, overflow, a direction without Float16 inputs")
  func hostileViews() {
    var notCertain = 0
    for v in [
      PrecisionRowFastPathTests.zoo, PrecisionRowFastPathTests.offset, PrecisionRowFastPathTests.half,
      PrecisionRowFastPathTests.exponential, PrecisionRowFastPathTests.empty,
    ] {
      notCertain += Self.expectSame(v.label, v)
    }
    // The full routine's cases were met.
    #expect(notCertain > 100)
  }

  @Test("the Float16 rounding equals PrecisionStudy.rounding on hostile results: NaN payloads, ±inf, ±0, subnormals, every Float16 value, the Doubles within 8 ulp of every rounding boundary, [2^-26, 2^-14), random encodings; value (with and without a refined value) and derivative")
  func roundingEqualsTheRoutine() {
    // A refined value that decides every input it is asked about: the
    // exact value lies 2⁻⁶⁰ above the Double (a tie or an uncertain
    // rounding then goes up).
    let refined = PrecisionRowFastPathTests.view("refined", refined: { x in RefinedValue(hi: x, lo: 0x1p-60, error: 0) }) { x in
      Jet(value: x, d1: 1, d2: 0)
    }
    let plain = PrecisionRowFastPathTests.view("plain") { x in Jet(value: x, d1: 1, d2: 0) }
    var results: [Double] = [
      .nan, -.nan, .signalingNaN, Double(bitPattern: 0x7FF8_0000_0000_0001), Double(bitPattern: UInt64.max), .infinity,
      -.infinity, 0, -0.0, .leastNonzeroMagnitude, -.leastNonzeroMagnitude, .leastNormalMagnitude,
      .greatestFiniteMagnitude, 65504, 65520, Double(65520).nextDown, 65536, 0x1p-26, Double(0x1p-26).nextDown, 0x1p-14,
      Double(0x1p-14).nextDown, 0x1p-24, 0x1p-25, Double(0x1p-25).nextUp,
    ]
    // Every Float16 value, and the Doubles within 8 ulp of each rounding
    // boundary (the midpoints between neighbouring Float16 values).
    for m in UInt16(0)..<0x7C00 {
      let v = Binary16Bits.value(magnitudeBits: m)
      let next = Binary16Bits.value(magnitudeBits: m + 1)
      let mid = v / 2 + next / 2
      results.append(contentsOf: [v, -v])
      var d = mid
      for _ in 0..<8 { d = d.nextDown }
      for _ in 0..<17 {
        results.append(contentsOf: [d, -d])
        d = d.nextUp
      }
    }
    // [2⁻²⁶, 2⁻¹⁴), which the encoding alone does not decide.
    var rng = SplitMix64(seed: 2312)
    for _ in 0..<5_000 { results.append(0x1p-26 * (1 + 4095 * rng.nextUnit())) }
    for _ in 0..<20_000 { results.append(Double(bitPattern: rng.next())) }
    var checked = 0
    var notCertain = 0
    for d in results {
      for x in [d, 3] {
        for (view, isValue) in [(refined, true), (plain, true), (plain, false), (refined, false)] {
          let new = PrecisionStudy.Float16Inputs.rounding(d, at: x, isValue: isValue, view: view)
          let old = PrecisionStudy.rounding(d, at: x, isValue: isValue, format: .float16, view: view)
          if !Self.same(new, old) {
            Issue.record("d = \(d) (bits \(String(d.bitPattern, radix: 16))) at x = \(x), value \(isValue), \(view.label)")
          }
          checked += 1
          if old.map({ $0.certainty != .certain }) ?? true { notCertain += 1 }
        }
      }
    }
    #expect(checked > 1_000_000)
    #expect(notCertain > 10_000)
  }
}
