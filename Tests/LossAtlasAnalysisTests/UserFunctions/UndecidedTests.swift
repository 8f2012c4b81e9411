import Foundation
import LossAtlasCore
import Testing

@testable import LossAtlasAnalysis

/// Where a user formula's exact value lies beyond the wide arithmetic's
/// exponent range (|x| < 2^(2^58) for its intermediate results), the entry
/// cannot give the function's number: the engine says "undecided" and reads
/// no fact from it (issue 11: `properties naive-softplus` printed "Float64
/// toward upper end: value overflows from x = 1.9978607258129152e+17", an
/// overflow log(1 + exp(x)) does not have).
@Suite struct UndecidedTests {
  static func definition(_ id: String, _ formula: String) throws -> UserFunctionDefinition {
    let yaml = "functions:\n  - id: \(id)\n    family: activation\n    arguments: [x]\n    value: \"\(formula)\"\n"
    return try UserFunctionFile.parse(yaml, file: "t.yaml")[0]
  }

  static func view(_ d: UserFunctionDefinition) -> ScalarView { d.scalarView(parameters: d.defaultParameters) }

  /// 2^58 ln 2 = 1.997860725812915e17 (Python: 2**58 * math.log(2)): above
  /// it exp(x) is beyond 2^(2^58), the wide exponent range.
  static let wideExpLimit = 1.997860725812915e17

  /// log(1 + exp(x)) is softplus: its value is about x, finite for every
  /// Double x, so no format's study may report a value overflow at an
  /// input. The study stops where the exact value becomes undecided, just
  /// above 2^58 ln 2, and says so. The formula as written overflows in
  /// Double from the first Double above log(DBL_MAX) = 709.782712893384
  /// (Python: math.log(sys.float_info.max); its successor
  /// 709.7827128933841 is where math.exp overflows): that is the safety
  /// report's first failing input toward +inf, found by bisection on
  /// representable Doubles, with its passing neighbour.
  @Test func naiveSoftplusOverflowIsTheFormulasNotTheFunctions() throws {
    let d = try Self.definition("naive-softplus", "log(1 + exp(x))")
    let view = Self.view(d)
    #expect(view.undecidedParts(1e3).isEmpty)
    #expect(view.evaluate(1e3).value == 1e3)
    #expect(view.undecidedParts(1e18).contains(.value))
    let facts = PrecisionStudy.run(ViewSamples(view, count: 2001))
    let overflows = facts.thresholds.filter { $0.kind == .valueOverflows || $0.kind == .derivativeOverflows }
    #expect(overflows.allSatisfy { $0.x == nil })
    let up64 = try #require(facts.thresholds.first { $0.format == .float64 && $0.direction == 1 && $0.kind == .valueOverflows })
    let u = try #require(up64.undecidedFrom)
    #expect(u > Self.wideExpLimit && u < 1.0001 * Self.wideExpLimit)
    // Float16 (largest input 65504) is decided at every input: no stop, and no overflow row.
    #expect(!facts.thresholds.contains { $0.format == .float16 && $0.undecidedFrom != nil })
    #expect(!overflows.contains { $0.format == .float16 })

    let report = d.safetyReport()
    let right = try #require(report.findings.first { $0.component == .value && $0.start > 0 })
    #expect(right.firstFailure == 709.782712893384.nextUp && right.lastPass == 709.782712893384)
    #expect(right.kind == .infinite)
    // The region stops at an undecided input, and says so.
    let beyond = try #require(right.undecidedBeyond)
    #expect(beyond > Self.wideExpLimit)
    #expect(report.sentences.contains { $0.contains("undecided") })
  }

  /// exp(exp(x)) at x = 50 is e^(5.2e21): beyond the wide range. The entry
  /// says undecided for it (value and derivative), not a number, not an
  /// overflow; the extremes at 1e3 and 1e300 are undecided, not "inf"; the
  /// study still finds the true overflow where the exact value is decided:
  /// exp(exp(x)) first rounds to inf at x = 6.56495888501779 (mpmath at
  /// 300 bits, bisection on Doubles: exp(exp(x)) >= 2^1024 - 2^969, the
  /// rounding boundary; log(log(DBL_MAX)) = 6.5649588850177887...), and
  /// it stops before log(2^58 ln 2) = 39.836 (Python).
  @Test func beyondTheWideRangeIsUndecided() throws {
    let d = try Self.definition("double-exp", "exp(exp(x))")
    let view = Self.view(d)
    #expect(view.undecidedParts(50) == [.value, .d1, .d2])
    let fallbacks = d.exactFallbacks(parameters: [:], arguments: ["x": 50])
    #expect(fallbacks.count == 3 && fallbacks.allSatisfy(\.undecided))
    // Below the wide limit the value is decided: beyond the Double range, +inf.
    #expect(view.undecidedParts(10).isEmpty && view.evaluate(10).value == .infinity)

    let samples = ViewSamples(view, count: 2001)
    let u = try #require(samples.undecidedUpper)
    #expect(u > 39.836 && u <= 1e3)
    #expect(samples.towardUpper.allSatisfy { $0.x < 39.837 })
    let properties = PropertyEngine.analyze(view: view)
    #expect(properties.undecidedUpper == u)
    let far = properties.extremes.filter { $0.x >= 1e3 }
    #expect(far.count == 2 && far.allSatisfy { $0.undecided == [.value, .d1, .d2] && $0.honest })

    let facts = PrecisionStudy.run(samples)
    let overflow = try #require(facts.thresholds.first { $0.format == .float64 && $0.direction == 1 && $0.kind == .valueOverflows })
    #expect(overflow.x == 6.56495888501779)
    let stop = try #require(overflow.undecidedFrom)
    #expect(stop > 39.836 && stop < 39.837)
  }

  /// log(1 + exp(x)) - x = log(1 + e^-x) tends to 0 as x -> inf and its
  /// derivative e^x / (1 + e^x) - 1 = -1/(1 + e^x) too: it saturates
  /// toward +inf. Above 709.78 the formula as written gives inf for the
  /// value and inf / inf = NaN for the derivative; the exact derivative,
  /// about -e^-x, cancels in e^x / (1 + e^x) - 1 below the 512 bits of the
  /// entry's fallback (e^-x < 2^-512 from x = 355), so it is undecided
  /// there: no far sample is read beyond 709.78 (before the fix the
  /// Double's inf and NaN, kept where the wide value was unknown, made the
  /// far samples' limits wrong).
  @Test func limitsAreReadFromDecidedSamplesOnly() throws {
    let d = try Self.definition("softplus-minus-x", "log(1 + exp(x)) - x")
    let properties = PropertyEngine.analyze(view: Self.view(d))
    #expect(properties.saturatesRight)
    #expect(properties.derivativeLimitUpper == .finite(0))
    let u = try #require(properties.undecidedUpper)
    #expect(u > 709.782712893384)
    let facts = PrecisionStudy.run(ViewSamples(Self.view(d), count: 2001))
    #expect(!facts.thresholds.contains { $0.direction == 1 && $0.kind == .valueOverflows })
  }
}

/// The `range` line names a bounded list of places (issue 11, item 2).
@Suite struct ExtremumPlacesTests {
  /// 300 attainment points: five named, then "and 294 more", the last.
  /// The strings tables' rendering (ClaimNote) is the same words.
  @Test func manyPlacesAreBounded() {
    let xs = (1...300).map { -Double($0) }
    let e = Extremum(value: 0, attained: true, location: .point(xs[0]), otherLocations: xs.dropFirst().map { .point($0) })
    let text = Format.extremum(e)
    #expect(text.components(separatedBy: "at x =").count - 1 == Format.placesShown)
    #expect(text.contains("at x = -5.0 and 294 more, the last at x = -300.0"))
    #expect(text.hasPrefix("0.0 (attained, at x = -1.0 and at x = -2.0 and"))
    #expect(ClaimNote.extremum(e).english == text)
  }

  /// Up to six places: every one, joined by "and", as before.
  @Test func fewPlacesAreAllNamed() {
    let e = Extremum(value: 1, attained: true, location: .interval(RealInterval(-.infinity, -1)), otherLocations: [.interval(RealInterval(1, .infinity))])
    #expect(Format.extremum(e) == "1.0 (attained, on (-inf, -1] and on [1, inf))")
  }
}
