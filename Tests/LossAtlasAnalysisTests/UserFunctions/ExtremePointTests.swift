import Foundation
import LossAtlasCore
import Testing

@testable import LossAtlasAnalysis

/// The extremes name what is wrong at a point (no bare "(!)"), and a user
/// function's formula points give the Double result and the exact value
/// separately.
@Suite struct ExtremePointTests {
  /// A view that is x at every input but 1e300, where f' is NaN and f is
  /// +inf (its limit there is +inf: honest) and f'' is -inf (its limit is
  /// 0: not honest).
  @Test func offendingComponentsAreNamed() {
    let view = ScalarView(
      label: "x", argument: "x", plotRange: -5...5, declared: DeclaredProperties(),
      evaluate: { x in x == 1e300 ? Jet(value: .infinity, d1: .nan, d2: -.infinity) : Jet(value: x, d1: 1, d2: 0) })
    let limits: (Limit?, Limit?, Limit?, Limit?, Limit?, Limit?) = (
      .infinite(sign: .minus), .infinite(sign: .plus), .finite(1), .finite(1), .finite(0), .finite(0)
    )
    let points = Extremes.points(view, limits: limits)
    #expect(points.map(\.x) == [-1e300, -1e3, 1e3, 1e300])
    let firstThree = points.prefix(3).allSatisfy { $0.honest }
    #expect(firstThree)
    let last = points[3]
    #expect(!last.honest)
    #expect(last.offending == [.d1, .d2])
    #expect(last.number(.d1).isNaN && last.number(.d2) == -.infinity)
    #expect(ExtremePoint.Component.allCases.map(\.rawValue) == ["f", "f'", "f''"])
  }

  /// log(1 + exp(x)) at 1000: Double gives inf, NaN, NaN; exactly 1000
  /// (1000 + log1p(e^-1000), e^-1000 about 5e-435) and 1, while f'' =
  /// e^x (1 + e^x) - e^x e^x over (1 + e^x)^2, written as such, cancels
  /// two products near e^2000: at 512 bits the ball's radius, about
  /// e^2000 2^-512 = 10^714, dwarfs the value, about 10^-435, so it stays
  /// undecided (nil). At -1000 Double gives log(1 + 0) = 0 and f' = f'' =
  /// 0; exactly f' and f'' are about 5e-435 > 0, which round to 0, while
  /// the value's ball, log of 1 + e^-1000 rounded to 512 bits, straddles 0:
  /// undecided. At 1e300, exp(1e300) is beyond the wide exponent range:
  /// undecided.
  @Test func formulaPointsGiveDoubleAndExact() throws {
    let yaml = "functions:\n  - id: naive\n    family: activation\n    arguments: [x]\n    value: \"log(1 + exp(x))\"\n"
    let d = try UserFunctionFile.parse(yaml, file: "t.yaml")[0]
    let points = d.formulaPoints(at: [-1000, 1000, 1e300])
    #expect(points[0].double == Jet(value: 0, d1: 0, d2: 0))
    #expect(points[0].exact == [nil, 0, 0])
    #expect(points[1].double.value == .infinity && points[1].double.d1.isNaN && points[1].double.d2.isNaN)
    #expect(points[1].exact == [1000, 1, nil])
    #expect(points[2].exact == [nil, nil, nil])
  }
}
