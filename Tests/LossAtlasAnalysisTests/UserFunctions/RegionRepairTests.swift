import Foundation
import LossAtlasCore
import Testing

@testable import LossAtlasAnalysis

/// ``RegionRepair`` (one ball over a bucket of inputs) against the
/// point-by-point repair it stands in for (``ExactFallback/repaired(_:roots:arguments:)``,
/// unchanged: the code every failing point ran before), on formulas that
/// overflow or underflow over whole ranges and at inputs chosen to be
/// hostile: both sides of ln(max Double) = 709.78, of the subnormal range
/// and of half the least subnormal, ±0, both signs, ±1e300.
@Suite struct RegionRepairTests {
  static let formulas = [
    "x / 5e-324", "exp(x)", "-exp(x)", "exp(-x)", "-exp(-x)", "x * 1e300", "1 / x", "-1 / x^3",
    "exp(x) * x", "x^1e308", "exp(exp(exp(x)))", "erf(x * 1e300) + erfc(x)", "log(x) * 1e308",
  ]

  /// Inputs: the edges named above, their neighbours, and points spread
  /// over the binades around them.
  static let points: [Double] = {
    let edges: [Double] = [
      709.782712893384, 709.78, 710, 745.1332191019411, 745.14, 1, 2, 3.7, 1e300, 1.7976931348623157e308,
      Double.leastNonzeroMagnitude, 2 * Double.leastNonzeroMagnitude, Double.leastNormalMagnitude,
      Double.leastNormalMagnitude.nextDown, 1e-300, 1e-308, 0.5, 1e-15, 1e15,
    ]
    var xs: [Double] = [0, -0.0]
    for e in edges {
      for v in [e, e.nextUp, e.nextDown, e * 1.0001, e * 0.9999] where v.isFinite { xs += [v, -v] }
    }
    for k in 0..<64 {
      let v = 1.5 * pow(2, Double(k * 16 - 500)) * (1 + Double(k) / 64)
      xs += [v, -v]
    }
    return xs
  }()

  /// Equal as numbers, ±0 apart, NaN equal to NaN.
  static func same(_ a: Double, _ b: Double) -> Bool { a.bitPattern == b.bitPattern || (a.isNaN && b.isNaN) }

  @Test("a bucket's decision equals the point repair wherever the point repair decides")
  func bucketsAgreeWithPointRepair() throws {
    var decided = 0
    var beyondPointRange = 0
    for formula in Self.formulas {
      let e = try UserExpression(ExpressionSource(formula, file: "t"), arguments: ["x"], differentiate: ["x"])
      let roots = [e.value, e.gradient[0], e.hessian[0][0]]
      let regions = RegionRepair(expression: e, parameters: [], arguments: [0], argument: 0, roots: roots)
      let fallback = ExactFallback(expression: e, parameters: [])
      for x in Self.points {
        let trace = DoubleTrace(e, arguments: [x], parameters: [], roots: roots)
        let doubles = roots.map { trace.values[$0] }
        guard doubles.contains(where: { !$0.isFinite }),
          let r = regions.jet(Jet(value: doubles[0], d1: doubles[1], d2: doubles[2]), x: x)
        else { continue }
        decided += 1
        let point = fallback.repaired(doubles, roots: roots, arguments: [x])
        let exact = fallback.exact(roots: roots, arguments: [x])
        for (i, region) in [r.value, r.d1, r.d2].enumerated() {
          if !doubles[i].isFinite && !Self.same(region, point[i]) {
            // The one difference allowed: the point's own ball is unknown
            // (beyond the exponent range), so the point repair keeps the
            // Double; the bucket proves the exact value beyond the Double
            // range and gives it rounded, of the Double's sign or not.
            #expect(
              exact[i] == nil && point[i].bitPattern == doubles[i].bitPattern && region.isInfinite,
              "\(formula) part \(i) at x = \(x): bucket \(region), point \(point[i]), Double \(doubles[i])")
            beyondPointRange += 1
          } else {
            #expect(Self.same(region, point[i]), "\(formula) part \(i) at x = \(x): \(region) vs \(point[i])")
          }
        }
      }
    }
    // Not vacuous: the buckets decide many of the failing points.
    #expect(decided > 300, "\(decided) points decided by buckets")
    #expect(beyondPointRange < decided)
  }

  /// exp(x) overflows from x = 709.7827 on and its exact value falls below
  /// half the least subnormal from x = -745.1332 on: a bucket holding either
  /// threshold must stay open, one just past it is decided. (A midpoint-radius
  /// ball of exp over a whole binade is too wide to decide anything: the
  /// 1/4096-binade buckets decide exp.)
  @Test("a bucket straddling the overflow or underflow threshold stays open")
  func straddlingBucketsStayOpen() throws {
    func decisions(_ formula: String, _ x: Double, shift: Int) throws -> [RegionRepair.Decision] {
      let e = try UserExpression(ExpressionSource(formula, file: "t"), arguments: ["x"], differentiate: ["x"])
      let roots = [e.value, e.gradient[0], e.hessian[0][0]]
      let regions = RegionRepair(expression: e, parameters: [], arguments: [0], argument: 0, roots: roots)
      return regions.decisions(RegionRepair.Key(shift: shift, prefix: x.bitPattern >> UInt64(shift)))
    }
    let inf = RegionRepair.Decision.value(.infinity)
    #expect(try decisions("exp(x)", 709.78, shift: 40) == [.open, .open, .open])
    #expect(try decisions("exp(x)", 709.9, shift: 40) == [inf, inf, inf])
    #expect(try decisions("-exp(x)", 709.9, shift: 40) == [.value(-.infinity), .value(-.infinity), .value(-.infinity)])
    #expect(try decisions("exp(x)", -745.13, shift: 40) == [.open, .open, .open])
    let zero = RegionRepair.Decision.value(0)
    #expect(try decisions("exp(x)", -745.5, shift: 40) == [zero, zero, zero])
    let negativeZero = try decisions("-exp(x)", -745.5, shift: 40)
    #expect(negativeZero.allSatisfy { if case .value(let v) = $0 { v == 0 && v.sign == .minus } else { false } })
    // x / 5e-324 (the exact decimal: x 1.976e323) is linear: a whole binade
    // is decided at once, except the value on [2^-50, 2^-49), which runs from
    // 1.755e308 (finite) to 3.5e308 (beyond): open; on [2^-51, 2^-50) every
    // value is an ordinary number: pointwise. f'' is exactly 0 (finite in Double).
    #expect(try decisions("x / 5e-324", 1.5, shift: 52) == [inf, inf, .open])
    #expect(try decisions("x / 5e-324", -1.5, shift: 52) == [.value(-.infinity), inf, .open])
    #expect(try decisions("x / 5e-324", 0x1.8p-50, shift: 52) == [.open, inf, .open])
    #expect(try decisions("x / 5e-324", 0x1.8p-51, shift: 52)[0] == .pointwise)
    // log(1 + e^x) on [1024, 2048) lies in [1024, 2049]: ordinary numbers,
    // which no bucket decides; a point there is repaired on its own at once.
    #expect(try decisions("log(1 + exp(x))", 1500, shift: 52)[0] == .pointwise)
  }

  @Test("a bucket's ball holds every Double of the bucket, both signs, ±0 and the subnormals")
  func bucketBallsHoldTheirBounds() {
    for x in [0.0, -0.0, 5e-324, -5e-324, 1.0, -3.5, 1e300, -1.7976931348623157e308, 2.2250738585072014e-308] {
      for shift in RegionRepair.shifts {
        let key = RegionRepair.Key(shift: shift, prefix: x.bitPattern >> UInt64(shift))
        let (a, b) = RegionRepair.bounds(key)
        #expect(a.isFinite && b.isFinite && a.sign == b.sign && a.sign == x.sign)
        #expect(min(a, b) <= x && x <= max(a, b))
        let ball = RegionRepair.ball(a, b)
        let w = WideArithmetic(precision: 128)
        for v in [a, b, x] {
          // v - mid within the radius: |v - mid| <= rad.
          let d = w.subtract(Ball(v), Ball(ball.mid))
          #expect(d.isFinite && d.lowerMagnitude <= ball.rad, "\(v) in \(ball)")
        }
      }
    }
  }
}
