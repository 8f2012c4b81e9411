@testable import LossAtlasCore
import Testing

/// The double-double fast paths of the losses (barron, focal, gaussian-nll,
/// poisson-nll, the kl-div slice) against the careful paths they bypass, on
/// both sides of every boundary where a fast path hands over: the two must
/// agree to a few ulp (each is within a few ulp of the exact value), and
/// neither may return NaN. The 50-digit checks are GoldenVectorTests'.
@Suite struct FastPathTests {
  /// |a - b| in ulps of the larger, 0 when equal (infinities included).
  static func ulps(_ a: Double, _ b: Double) -> Double {
    if a == b { return 0 }
    let scale = max(abs(a), abs(b))
    return abs(a - b) / max(scale.ulp, Double.leastNonzeroMagnitude)
  }

  /// Values just around each boundary b (both signs): b, its neighbours and
  /// b (1 +- 1e-9).
  static func around(_ bounds: [Double]) -> [Double] {
    bounds.flatMap { b in
      [b, b.nextUp, b.nextDown, b * (1 + 1e-9), b * (1 - 1e-9)].flatMap { [$0, -$0] }
    }
  }

  static func agree(_ fast: Jet, _ careful: Jet, tolerance: Double, d2Tolerance: Double, _ what: String) {
    #expect(!fast.value.isNaN && !fast.d1.isNaN && !fast.d2.isNaN, "\(what): NaN in \(fast)")
    #expect(Self.ulps(fast.value, careful.value) <= tolerance, "\(what): value \(fast.value) vs \(careful.value)")
    #expect(Self.ulps(fast.d1, careful.d1) <= tolerance, "\(what): d1 \(fast.d1) vs \(careful.d1)")
    // f'' vanishes at inflections, where neither path is accurate in ulps.
    let d2Scale = max(abs(fast.d2), abs(careful.d2), 1e-12 * (abs(fast.d1) + abs(fast.value)))
    #expect(
      fast.d2 == careful.d2 || abs(fast.d2 - careful.d2) <= d2Tolerance * d2Scale.ulp,
      "\(what): d2 \(fast.d2) vs \(careful.d2)")
  }

  @Test("barron: fast paths agree with the ScaledDD path around their boundaries")
  func barron() {
    let alphas: [Double] = [-.infinity, -2, 0, 0.5, 1, 2, 4, 1.3, -0.5, 7, 16, -16]
    for a in alphas {
      for c in [1, 0.5, 3.0, 0x1p-200, 0x1p200] {
        let fast = Barron.jet(alpha: a, c: c)
        let careful = Barron.carefulJet(alpha: a, c: c)
        // |x| at the fast range's ends, the series switches (s = 2^-20, 1/16),
        // Welsch's s = 300 and ordinary residuals.
        let b = a == -.infinity || a == 0 || a == 4 ? 2.0 : abs(a - 2)
        let xs = Self.around([0x1p-500, 0x1p100, 0x1p-10, (0x1p-20 * b).squareRoot(), (0.0625 * b).squareRoot(), 600.0.squareRoot(), 0.3, 1, 6, 1e6])
        for x in xs {
          let r = x * c
          guard r.isFinite else { continue }
          for y in [0, 1.5] {
            Self.agree(fast(r + y, y), careful(r + y, y), tolerance: 6, d2Tolerance: 8, "barron alpha \(a) c \(c) r \(r) y \(y)")
          }
        }
      }
    }
  }

  @Test("focal: the fast path agrees with the mantissa * 2^n path")
  func focal() {
    for gamma in [0, 0.5, 1, 2, 3, 4, 5, 2.5, 7.3, 100] {
      let gammaCase = Focal.gammaCase(gamma)
      for alpha in [0.25, 0.5, 1] {
        let alphaT = DoubleDouble(alpha)
        for u in Self.around([0x1p-60, 1e-8, 0.25, 1, 3, 10, 36, 39.99, 40]) + [0] {
          guard let fast = Focal.fastJet(u, gamma: gamma, gammaCase: gammaCase, alphaT: alphaT) else { continue }
          // The careful path forms f'' in double (17 ulp off at gamma = 5, u = -3; the fast
          // path is within 4 of the 50-digit value on the held-out lines).
          Self.agree(fast, Focal.carefulJet(u, gamma: gamma, alphaT: alphaT), tolerance: 4, d2Tolerance: 32, "focal gamma \(gamma) alpha \(alpha) u \(u)")
        }
      }
    }
  }

  @Test("gaussian-nll: the fast path agrees with the ScaledDD path, also where log v cancels q")
  func gaussian() {
    var points: [(Double, Double)] = []
    for v in [0x1p-200, 0x1p200, 1, 0.5, 2, 1e-30, 1e30] {
      for r in Self.around([0x1p-200, 0x1p200, 1, 3, v.squareRoot()]) { points.append((r, v)) }
    }
    // log v = -r^2 / v: the value's zero, and its neighbourhood.
    for v in [0.1, 0.36787944117144233, 1e-10, 1e-100] {
      let root = (-log(v) * v).squareRoot()
      for f in [1, 1 + 1e-12, 1 - 1e-9, 1.01, 0.99, 1.2, 0.8] { points.append((root * f, v)) }
    }
    for (r, v) in points {
      for y in [0, 1.5] {
        let f = GaussianNLL.jets(r + y, y, v)
        let c = GaussianNLL.careful(r + y, y, v)
        let what = "gaussian-nll r \(r) y \(y) var \(v)"
        #expect(!f.value.isNaN && !f.dMean.isNaN && !f.dVar.isNaN && !f.d2Var.isNaN, "\(what): NaN")
        // Near the value's zero both are limited by the input's own sensitivity.
        let valueScale = max(abs(c.value), 1e-15 * abs(log(v)))
        #expect(abs(f.value - c.value) <= 4 * valueScale.ulp, "\(what): value \(f.value) vs \(c.value)")
        #expect(Self.ulps(f.dMean, c.dMean) <= 2, "\(what): dMean")
        let dVarScale = max(abs(c.dVar), 1e-15 / v)
        #expect(abs(f.dVar - c.dVar) <= 4 * dVarScale.ulp, "\(what): dVar \(f.dVar) vs \(c.dVar)")
        #expect(Self.ulps(f.d2Mean, c.d2Mean) <= 1, "\(what): d2Mean")
      }
    }
  }

  @Test("poisson-nll: the fast path agrees with the careful path around |z| = 700 and z = log y")
  func poisson() {
    for y in [0, 2, 1e-300, 1e300, 0.5, 7] {
      var zs = Self.around([700, 1e-8, 1, 3, 50])
      if y > 0 { zs += [log(y), log(y).nextUp, log(y) + 0.1, log(y) - 0.1, log(y) + 0.3] }
      for z in zs {
        Self.agree(PoissonNLL.jet(z, y), PoissonNLL.careful(z, y), tolerance: 3, d2Tolerance: 3, "poisson z \(z) y \(y)")
      }
    }
  }

  @Test("poisson-nll: a NaN z or y gives NaN from the kernel and from its careful path, without trapping")
  func poissonNaN() {
    // NaN fails every test of the fast path, which hands it to careful: before session 25 that
    // turned the exponent of e^NaN into an Int and trapped.
    for (z, y) in [(Double.nan, 1.0), (.nan, 0), (-.nan, 2), (1, .nan), (800, .nan), (-800, .nan), (.nan, .nan)] {
      for j in [PoissonNLL.jet(z, y), PoissonNLL.careful(z, y)] {
        #expect(j.value.isNaN && j.d1.isNaN && j.d2.isNaN, "poisson z \(z) y \(y): \(j)")
      }
    }
  }

  @Test("kl-div slice: the fast path agrees with the general pieces away from the minimum")
  func klSlice() {
    let fast = KLDiv.slice2(q0: 0.75, q1: 0.25)
    let careful = KLDiv.slice2Careful(q0: 0.75, q1: 0.25)
    let xStar = log(3.0)
    for x in Self.around([40, 6, 3, 1.5 + xStar, xStar - 1.5, xStar + 0.5, 0.1]) + [xStar - 3, xStar + 3] {
      Self.agree(fast(x), careful(x), tolerance: 4, d2Tolerance: 4, "kl-div slice x \(x)")
    }
    // At the minimum the careful path keeps only about 2^-90 of t = x - log 3;
    // the fast path is exact there: its value is the series' t^2 q0 q1 / 2.
    let j = fast(xStar)
    let t = 0x1.a256f99caabebp-54  // x - log 3 for x = log 3 rounded (the low part of log 3, negated)
    #expect(abs(j.value - 0.1875 * t * t / 2) <= 4 * j.value.ulp, "kl-div at log 3: \(j.value)")
    #expect(abs(j.d1 - 0.1875 * t) <= 4 * j.d1.ulp, "kl-div at log 3: \(j.d1)")
  }
}
