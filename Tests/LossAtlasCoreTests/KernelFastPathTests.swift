@testable import LossAtlasCore
import Testing

/// The kernels tuned for ns/point (issue 10, section 4): msle's fast path
/// (one reciprocal per denominator) against its careful path and against
/// mpmath; mape's correctly rounded quotient, exact ties included, which a
/// faster reciprocal product did not keep (BENCHMARKS.md). The dense
/// 50-digit checks are Benchmarks/kernels/check.py's
/// (BENCHMARKS.md, "ns/point of the slow kernels"); the golden vectors are
/// GoldenVectorTests'.
@Suite struct KernelFastPathTests {
  /// |a - b| in ulps of b (b the reference), 0 when equal.
  static func ulps(_ a: Double, _ b: Double) -> Double {
    if a == b { return 0 }
    return abs(a - b) / max(b.ulp, Double.leastNonzeroMagnitude)
  }

  /// Points on both sides of each boundary b: b, its neighbours, b (1 +- 1e-9).
  static func around(_ bounds: [Double]) -> [Double] {
    bounds.flatMap { b in [b, b.nextUp, b.nextDown, b * (1 + 1e-9), b * (1 - 1e-9)] }
  }

  @Test("msle: the fast path agrees with the careful path where it applies, and hands over at its bounds")
  func msleAgrees() {
    // Around the quotient's 2^-20 bound (both signs of the residual), near
    // yhat = -1, at large and ordinary values, for several targets.
    var pairs: [(Double, Double)] = []
    for y in [0, 2, -0.5, 1e-3, 1e6, 0x1p499] {
      let v = 1 + y
      let offsets = Self.around([0x1p-20, 0x1p-19, 1e-3, 0.5, 1, 3, 1e3]).flatMap { [$0, -$0 / (1 + $0)] }
      for q in offsets { pairs.append((y + v * q, y)) }
      pairs.append((-1 + 0x1p-52, y))
      pairs.append((-0.9, y))
    }
    var fastUsed = 0
    for (yhat, y) in pairs where yhat > -1 && yhat.isFinite {
      let careful = MSLE.carefulJet(yhat, y)
      guard let fast = MSLE.fastJet(yhat, y) else { continue }
      fastUsed += 1
      let what = "msle yhat \(yhat) y \(y)"
      #expect(!fast.value.isNaN && !fast.d1.isNaN && !fast.d2.isNaN, "\(what): NaN")
      // Each path is within 2 ulp of the exact value (check.py: worst 1.9
      // for the value, 1.4 for f'), so they agree to 4.
      #expect(Self.ulps(fast.value, careful.value) <= 4, "\(what): value \(fast.value) vs \(careful.value)")
      #expect(Self.ulps(fast.d1, careful.d1) <= 4, "\(what): f' \(fast.d1) vs \(careful.d1)")
      // f'' = 2 (1 - delta) / u^2: the careful path rounds 1 - delta.hi and
      // divides twice; away from delta = 1 (where only the fast path keeps
      // 1 - delta in double-double) both are within a few ulp.
      if abs(1 - (fast.value.squareRoot())) > 0.25 {
        #expect(Self.ulps(fast.d2, careful.d2) <= 8, "\(what): f'' \(fast.d2) vs \(careful.d2)")
      }
    }
    #expect(fastUsed > 200, "the fast path was taken at \(fastUsed) points")
    // Outside its bounds the fast path declines: a zero residual, a tiny
    // quotient, 1 + y beyond 2^500.
    #expect(MSLE.fastJet(2, 2) == nil)
    #expect(MSLE.fastJet(2 + 1e-10, 2) == nil)
    #expect(MSLE.fastJet(0x1p600, 0x1p501) == nil)
  }

  @Test("msle: value, f' and f'' against mpmath (50 digits)", arguments: [
    // (yhat, y, value, f', f'') from mpmath.log at 50 digits, rounded to Double.
    (1.0, 0.0, 0.48045301391820144, 0.6931471805599453, 0.15342640972002736),
    (-0.5, 0.0, 0.48045301391820144, -2.772588722239781, 13.545177444479563),
    (1e6, 0.0, 190.86835960823063, 2.7630995484932064e-05, -2.5630971853958208e-11),
    (0.001, 0.0, 9.990009158340938e-07, 0.001997003662504562, 1.9940109833561372),
    (7.0, 3.0, 0.48045301391820144, 0.17328679513998632, 0.00958915060750171),
    (-0.999, 2.0, 64.10192162832172, -16012.735135300478, 18012735.13530046),
    (2.5e-6, 0.0, 6.249984375035808e-12, 4.9999812500572916e-06, 1.9999850000687498),
  ])
  func msleExact(_ c: (Double, Double, Double, Double, Double)) {
    let j = MSLE.jet(c.0, c.1)
    #expect(MSLE.fastJet(c.0, c.1) != nil, "the fast path covers yhat \(c.0), y \(c.1)")
    // Measured worst over 24,000 points: 1.9 ulp (value), 1.3 (f'); f'' here
    // is far from its zero at delta = 1.
    #expect(Self.ulps(j.value, c.2) <= 2, "value \(j.value) vs \(c.2)")
    #expect(Self.ulps(j.d1, c.3) <= 2, "f' \(j.d1) vs \(c.3)")
    #expect(Self.ulps(j.d2, c.4) <= 4, "f'' \(j.d2) vs \(c.4)")
  }

  @Test("mape: exact and correctly rounded values (mpmath, 50 digits)", arguments: [
    (3.0, 2.0, 50.0), (0.3, 0.1, 199.99999999999997), (-1.0, 1.0, 200.0),
    (1e-300, 3e-301, 233.33333333333334), (2.5, -7.25, 134.48275862068965),
    // Exact ties (mpmath: the quotient is a midpoint of two Doubles, 0x1.3266666666666p+8
    // and the next), rounded to even; 100 |r| times a rounded 1/|y| rounds them up.
    (14.964, -7.25, 306.4), (2.0445, -7.25, 128.2), (3.349499999999998, -7.25, 146.2),
  ])
  func mapeExact(_ c: (Double, Double, Double)) {
    #expect(MAPE.jet(c.0, c.1).value == c.2)
  }
}
