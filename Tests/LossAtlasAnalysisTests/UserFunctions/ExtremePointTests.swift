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
  /// (1000 + log1p(e^-1000), e^-1000 about 5e-435), 1 and about 5e-435,
  /// which rounds to 0. At -1000: Double gives log(1 + 5e-435 rounded
  /// away) = 0, exactly about 5e-435: 0 too. At 1e300 exp(1e300) is
  /// beyond the wide exponent range: undecided (nil).
  @Test func formulaPointsGiveDoubleAndExact() throws {
    let yaml = "functions:\n  - id: naive\n    family: activation\n    arguments: [x]\n    value: \"log(1 + exp(x))\"\n"
    let d = try UserFunctionFile.parse(yaml, file: "t.yaml")[0]
    let points = d.formulaPoints(at: [-1000, 1000, 1e300])
    #expect(points[0].double == Jet(value: 0, d1: 0, d2: 0))
    #expect(points[0].exact == [0, 0, 0])
    #expect(points[1].double.value == .infinity && points[1].double.d1.isNaN && points[1].double.d2.isNaN)
    #expect(points[1].exact == [1000, 1, 0])
    #expect(points[2].exact == [nil, nil, nil])
  }
}
