import BigInt
import Foundation
import LossAtlasCore
import Testing

@testable import LossAtlasAnalysis

/// Issue 11, item 2: the Float16/32/64 precision study of a user function
/// describes the function, never an artefact of its formula or of the wide
/// arithmetic. `log(1 + exp(x))` (the examples file's naive-softplus) is
/// softplus: its study must say what the catalog's stable softplus says,
/// although the formula as written is exactly 0 from x = -36.7 and inf from
/// x = 709.78 in Double, and although e^x leaves the ball arithmetic's
/// exponent range from x = 2.0e17.
@Suite struct PrecisionTruthTests {
  static func definition(_ id: String, _ value: String) throws -> UserFunctionDefinition {
    let yaml = """
      functions:
        - id: \(id)
          family: activation
          arguments: [x]
          value: "\(value)"

      """
    return try UserFunctionFile.parse(yaml, file: "truth.yaml")[0]
  }

  /// naive-softplus's view and study, computed once for the suite (a ball
  /// evaluation per input searched).
  static let naive: (view: ScalarView, study: [PrecisionThreshold]) = {
    let view = try! definition("naive", "log(1 + exp(x))").scalarView(parameters: [])
    return (view, study(view))
  }()

  static func study(_ view: ScalarView) -> [PrecisionThreshold] {
    FloatingPointStudy.precision(ViewSamples(view, count: 4001))
  }

  static func row(_ rows: [PrecisionThreshold], _ format: NumberFormat, _ direction: Int, _ kind: PrecisionThreshold.Kind)
    -> PrecisionThreshold?
  {
    rows.first { $0.format == format && $0.direction == direction && $0.kind == kind }
  }

  /// The catalog's softplus study (its stable implementation, accurate in
  /// Double) against the study of log(1 + exp(x)), in Float32 and Float64:
  /// the same kinds toward each end, at the same inputs, and no overflow.
  @Test func naiveSoftplusStudiesLikeTheCatalogSoftplus() throws {
    let catalog = Self.study(try Catalog.function(named: "softplus").primaryView)
    let user = Self.naive.study
    #expect(!user.contains { $0.kind == .valueOverflows || $0.kind == .derivativeOverflows })
    for format in [NumberFormat.float32, .float64] {
      let expected = catalog.filter { $0.format == format }
      // Both ends, value and derivative: four rows, as the catalog prints.
      #expect(expected.count == 4)
      #expect(Set(expected.map { $0.direction }) == [-1, 1])
      for c in expected {
        let u = try #require(Self.row(user, format, c.direction, c.kind), "\(format) \(c.direction) \(c.kind)")
        #expect(u.x == c.x, "\(format) \(c.direction) \(c.kind): \(String(describing: u.x)) vs catalog \(String(describing: c.x))")
        #expect(u.limit == c.limit)
        // Inside the searched stretch every number was decided.
        #expect(u.undecided == 0)
      }
      #expect(user.filter { $0.format == format }.count == expected.count)
    }
  }

  /// Float64 toward -inf: log(1 + e^x) rounds to 0 exactly where e^x does
  /// (log1p(y) = y (1 - y/2 + ...) is within a relative 2^-1000 of y there,
  /// far inside a rounding interval unless y is within that of the
  /// boundary 2^-1075, which no Double x puts it). Independently: the
  /// Double x nearest 0 with exp(x) == 0 in Double (the libm exp, correctly
  /// rounded at these arguments), by bisection on the Doubles in
  /// [-746, -745]; it is -1075 ln 2 = -745.13321910194122... rounded.
  @Test func float64LowerThresholdIsMinus1075Ln2() throws {
    var zero = -746.0  // exp(-746) == 0
    var nonzero = -745.0  // exp(-745) > 0
    #expect(exp(zero) == 0 && exp(nonzero) > 0)
    while zero.nextUp < nonzero {
      let mid = (zero + nonzero) / 2
      let m = mid == zero || mid == nonzero ? zero.nextUp : mid
      if exp(m) == 0 { zero = m } else { nonzero = m }
    }
    #expect(zero == -745.1332191019412)
    let user = Self.naive.study
    #expect(Self.row(user, .float64, -1, .valueReachesLimit)?.x == zero)
    #expect(Self.row(user, .float64, -1, .derivativeVanishes)?.x == zero)
  }

  /// Toward +inf e^x leaves the wide exponent range (2^(2^58)) from
  /// x = 2.0e17: the numbers there are undecided, and the rows say so
  /// instead of reading the formula's inf as an overflow.
  @Test func naiveSoftplusUpperRowsStopWhereTheWideRangeEnds() throws {
    let view = Self.naive.view
    #expect(view.exactRounding?(1e18, .value, .binary64) == nil)
    #expect(view.exactRounding?(1e15, .value, .binary64) == 1e15)
    let user = Self.naive.study
    let r = try #require(Self.row(user, .float64, 1, .valueEqualsInput))
    let from = try #require(r.undecidedFrom)
    // 2^58 / log2(e): where e^x's exponent passes 2^58.
    #expect(abs(from - 0x1p58 / M_LOG2E) <= 1e-6 * from)
    #expect(try #require(r.x) < from)
  }

  /// exp(exp(x)) overflows every format from a moderate x (Float64: where
  /// e^x passes ln(T), T the overflow threshold), and is undecided where
  /// e^x passes 2^58 ln 2 (x about 39.8): an overflow row holds only up to
  /// there, and says so.
  @Test func doubleExponentialIsUndecidedNotOverflowBeyondTheWideRange() throws {
    let view = try Self.definition("expexp", "exp(exp(x))").scalarView(parameters: [])
    #expect(view.exactRounding?(100, .value, .binary64) == nil)
    #expect(view.exactRounding?(10, .value, .binary64) == .infinity)
    let user = Self.study(view)
    let r = try #require(Self.row(user, .float64, 1, .valueOverflows))
    let from = try #require(r.undecidedFrom)
    #expect(from > 39 && from < 41)
    // Double: exp(exp(x)) is inf exactly from the first x with
    // exp(x) > ln(greatest + half ulp) = 709.782712893384: 6.5649...
    let x = try #require(r.x)
    #expect(x > 6.56 && x < 6.57)
    #expect(x < from)
  }

  /// The three-valued rounding of a ball (BallRounding), against hand-made
  /// balls whose rounding is known from the formats' definitions.
  @Test func ballRoundingDecidesOnlyWhatTheBallDecides() {
    // 0 ± 2^-2885 (log(1 + e^-2000)): inside ±2^-1075, rounds to 0.
    let tiny = Ball(.zero, Magnitude.power(-2885))
    for f in [BinaryFormat.binary16, .binary32, .binary64] { #expect(BallRounding.round(tiny, f) == 0) }
    // 2^-1075 exactly: a tie between 0 and the smallest subnormal, to even (0);
    // with any radius it straddles the boundary: undecided.
    let half = BigFloat(mantissa: 1, exponent: -1075)
    #expect(BallRounding.round(Ball(half), .binary64) == 0)
    #expect(BallRounding.round(Ball(half, Magnitude.power(-1200)), .binary64) == nil)
    // 1 + 2^-60 ± 2^-70: Float64's 1 (within half an ulp, 2^-53).
    let nearOne = BigFloat(mantissa: (BigUInt(1) << 60) + 1, exponent: -60)
    #expect(BallRounding.round(Ball(nearOne, Magnitude.power(-70)), .binary64) == 1)
    // 65520 (Float16's overflow threshold): a tie, to inf; just below: 65504.
    #expect(BallRounding.round(Ball(65520.0), .binary16) == .infinity)
    #expect(BallRounding.round(Ball(65519.0), .binary16) == 65504)
    #expect(BallRounding.round(Ball(BigFloat(65520), Magnitude.power(-10)), .binary16) == nil)
    #expect(BallRounding.round(.unknown, .binary64) == nil)
  }

  /// my-cauchy (the examples file), accurate as written over its range:
  /// its study through the exact rounding equals the study of its
  /// formula's Double (the same view without the exact rounding), row for
  /// row, apart from the Float16 rows' "exhaustive" flag (sampled now).
  @Test func cauchyStudyUnchanged() throws {
    let yaml = """
      functions:
        - id: my-cauchy
          family: regression-loss
          arguments: [yhat, y]
          parameters: {c: {default: 1, range: "(0, inf)"}}
          value: "log(1 + ((yhat - y) / c)^2)"

      """
    let view = try UserFunctionFile.parse(yaml, file: "cauchy.yaml")[0].scalarView(parameters: [1])
    let plain = ScalarView(
      label: view.label, argument: view.argument, fixed: view.fixed, domain: view.domain, plotRange: view.plotRange,
      breakpoints: view.breakpoints, declared: view.declared, evaluate: view.evaluate)
    let exact = Self.study(view)
    let formula = Self.study(plain)
    #expect(!exact.isEmpty)
    #expect(exact.count == formula.count)
    for (a, b) in zip(exact, formula) {
      #expect(a.format == b.format && a.direction == b.direction && a.kind == b.kind)
      #expect(a.x == b.x, "\(a.format) \(a.direction) \(a.kind)")
      #expect(a.limit == b.limit)
      #expect(a.undecidedFrom == nil && a.undecided == 0)
    }
  }
}
