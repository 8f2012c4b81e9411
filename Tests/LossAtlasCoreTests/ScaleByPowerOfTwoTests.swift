import Foundation
import Testing

@testable import LossAtlasCore

/// `StableMath.scaleByPowerOfTwo` was split so that its common case (2^e a
/// normal Double) inlines into the kernels and the rest is a call. The
/// function of main 03bd8ba is kept here verbatim; the split one must give
/// the same bits for every kind of v (±0, subnormals, normals, the largest
/// finite, ±inf, NaN) at every exponent where the two paths meet and far
/// beyond, and it must agree with the C library's scalbn (exact scaling,
/// one rounding) as a second, independent reference.
@Suite struct ScaleByPowerOfTwoTests {
  /// The function of main 03bd8ba, verbatim.
  enum Reference {
    static func scaleByPowerOfTwo(_ v: Double, _ e: Int) -> Double {
      if e >= -1022 && e <= 1023 { return v * powerOfTwo(e) }
      if v == 0 || !v.isFinite { return v }
      // v = m 2^ev with m in [1, 2): the result is m 2^(e + ev), formed
      // exactly when normal, and as (m 2^-600) 2^(e + ev + 600) when
      // subnormal (the first product exact, the second rounding once).
      let total = e + Int(v.exponent)
      let m = v < 0 ? -v.significand : v.significand
      if total > 1023 { return m * .infinity }
      if total >= -1022 { return m * powerOfTwo(total) }
      if total < -1076 { return m * 0 }
      return m * 0x1p-600 * powerOfTwo(total + 600)
    }

    static func powerOfTwo(_ e: Int) -> Double {
      Double(bitPattern: UInt64(e + 1023) << 52)
    }
  }

  static let values: [Double] = {
    var v: [Double] = [
      0, .leastNonzeroMagnitude, 3 * .leastNonzeroMagnitude, .leastNormalMagnitude, .leastNormalMagnitude.nextDown,
      .leastNormalMagnitude.nextUp, 0x1.fffffffffffffp-1, 1, 1.5, 0x1.0000000000001p0, 3, 0.1, 1e-300, 1e300,
      .greatestFiniteMagnitude, 0x1.8p-1060, 0x1.4p-1070, 0x1.cp-1073, 0x1p-1050 * 0x1.ffffp0,
    ]
    v += v.map { -$0 }
    return v
  }()

  static let exponents: [Int] =
    Array(-2200...(-2000)) + Array(-1200...1200) + Array(2000...2200) + [Int.min / 4, Int.max / 4, -1_000_000, 1_000_000]

  @Test("The split scaleByPowerOfTwo gives the bits of the old one on every kind of input")
  func sameAsBefore() {
    var checked = 0
    for v in Self.values + [.infinity, -.infinity, .nan, -.nan] {
      for e in Self.exponents {
        let new = StableMath.scaleByPowerOfTwo(v, e)
        let old = Reference.scaleByPowerOfTwo(v, e)
        #expect(new.bitPattern == old.bitPattern, "v \(v) e \(e): \(new) against \(old)")
        checked += 1
      }
    }
    #expect(checked > 100_000)
  }

  @Test("scaleByPowerOfTwo is IEEE scalbn (one rounding) on finite inputs")
  func agreesWithScalbn() {
    for v in Self.values {
      for e in Self.exponents where abs(e) < 1_000_000 {
        let expected = scalbn(v, Int32(e))  // the C library's (an Int32 exponent), not the Swift overlay's
        let got = StableMath.scaleByPowerOfTwo(v, e)
        #expect(got.bitPattern == expected.bitPattern, "v \(v) e \(e): \(got) against scalbn \(expected)")
      }
    }
  }
}
