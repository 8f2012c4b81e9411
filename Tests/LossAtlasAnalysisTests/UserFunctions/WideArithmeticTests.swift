import Foundation
import Testing
import TestSupport

@testable import LossAtlasAnalysis

/// The wide arithmetic against mpmath: every elementary function at hard
/// inputs (overflow of Double, cancellation, huge arguments to sin, the
/// tails of erfc), in Tests/TestSupport/Fixtures/wide-reference/ (mpmath
/// 1.3.0 at 500 digits, values to 110 significant digits; generate.py
/// regenerates it).
@Suite struct WideArithmeticTests {
  struct Reference {
    let f: String
    let x: Double
    let y: Double?
    let value: String
  }

  static let references: [Reference] = {
    let text = (try? Fixtures.text("wide-reference/wide-reference.jsonl")) ?? ""
    return text.split(separator: "\n").dropFirst().compactMap { line in
      guard let data = line.data(using: .utf8),
        let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
        let f = object["f"] as? String, let x = (object["x"] as? String).flatMap(Double.init),
        let value = object["value"] as? String
      else { return nil }
      return Reference(f: f, x: x, y: (object["y"] as? String).flatMap(Double.init), value: value)
    }
  }()

  /// The exact decimal as a ball at 1,200 bits (its own rounding far below what is tested).
  static func decimalBall(_ text: String) -> Ball {
    let negative = text.hasPrefix("-")
    let b = WideEvaluator.decimal(negative ? String(text.dropFirst()) : text, 1200)
    return negative ? WideArithmetic(precision: 1200).negate(b) : b
  }

  static func apply(_ r: Reference, _ w: WideArithmetic) -> Ball {
    let x = Ball(r.x)
    switch r.f {
    case "pow": return w.power(x, Ball(r.y!))
    default: return WideEvaluator.apply(UnaryFunction(rawValue: r.f)!, x, w)
    }
  }

  @Test func fixtureIsComplete() {
    // 15 functions, 133 inputs (the header line excluded).
    #expect(Self.references.count == 133)
    #expect(Set(Self.references.map(\.f)).count == 15)
  }

  /// At 128 and 256 bits each ball holds the reference (110 digits, i.e.
  /// within 1e-109 relative, far below 2^-256) and is narrow: radius below
  /// 2^-(p - 8) relative (the midpoint's 2^-p and the propagated rounding
  /// of the inputs' exact Doubles, which are exact, so nothing else).
  @Test(arguments: [128, 256])
  func everyFunctionMatchesMpmath(precision p: Int) {
    let w = WideArithmetic(precision: p)
    let big = WideArithmetic(precision: 1200)
    for r in Self.references {
      let got = Self.apply(r, w)
      let want = Self.decimalBall(r.value)
      #expect(got.isFinite, "\(r.f)(\(r.x)\(r.y.map { ", \($0)" } ?? "")) = \(got)")
      guard got.isFinite else { continue }
      let error = big.subtract(got, want)
      let bound = got.rad + want.rad + want.mid.upperMagnitude * Magnitude.power(-360)
      #expect(error.mid.upperMagnitude <= bound + error.rad, "\(r.f)(\(r.x)): \(got.mid) vs \(r.value)")
      let relative = got.rad / want.mid.lowerMagnitude
      #expect(relative < Magnitude.power(-(p - 8)), "\(r.f)(\(r.x)): radius \(got.rad) at \(p) bits")
    }
  }

  @Test func exactCasesAreExact() {
    let w = WideArithmetic(precision: 128)
    #expect(w.exp(.zero).isExact && w.exp(.zero).mid.double == 1)
    #expect(w.log(.one).isExactZero)
    #expect(w.sin(.zero).isExactZero && w.cos(.zero).isExact)
    #expect(w.sqrt(Ball(4)).isExact && w.sqrt(Ball(4)).mid.double == 2)
    #expect(w.multiply(Ball(3), Ball(0.5)).isExact)
    #expect(w.power(Ball(-2), Ball(3)).mid.double == -8)
  }

  @Test func specialValues() {
    let w = WideArithmetic(precision: 128)
    #expect(w.log(.zero).state == .negativeInfinity)
    #expect(w.log(Ball(-1)).state == .undefined)
    #expect(w.divide(.one, .zero).state == .positiveInfinity)
    #expect(w.divide(.zero, .zero).state == .undefined)
    #expect(w.sqrt(Ball(-2)).state == .undefined)
    #expect(w.subtract(.positiveInfinity, .positiveInfinity).state == .undefined)
    // e^(1e300) is beyond even the wide exponent range: not decided, never a wrong number.
    #expect(w.exp(Ball(1e300)).state == .unknown)
    // e^(-1e300) is a ball around 0 whose radius bounds it.
    let tiny = w.exp(Ball(-1e300))
    #expect(tiny.isFinite && tiny.mid.isZero && tiny.rad < Magnitude.power(-1_000_000))
    // exp(800) is an ordinary number here: about 2^1154.2.
    #expect(w.exp(Ball(800)).mid.topExponent == 1154)
  }

  /// 1 + 2^-200 rounds to 1 at 128 bits: the ball's radius says so, and
  /// log of it is a ball around 0 wide enough to hold log(1 + 2^-200).
  @Test func roundingShowsInTheRadius() {
    let w = WideArithmetic(precision: 128)
    let sum = w.add(.one, Ball(0x1p-200))
    #expect(sum.mid.double == 1 && !sum.rad.isZero)
    let l = w.log(sum)
    #expect(l.mid.upperMagnitude <= l.rad + Magnitude.power(-199))
    #expect(l.rad >= Magnitude.power(-200))
    // At 256 bits the sum is exact and log is resolved.
    let w2 = WideArithmetic(precision: 256)
    let l2 = w2.log(w2.add(.one, Ball(0x1p-200)))
    #expect(Swift.abs(l2.mid.double / 0x1p-200 - 1) < 1e-15)
  }

  @Test func decimalLiteralsAreExact() {
    #expect(ExactDecimalText("0.5")!.equals(0.5))
    #expect(!ExactDecimalText("0.1")!.equals(0.1))
    #expect(ExactDecimalText("1e3")!.equals(1000))
    #expect(ExactDecimalText("2.5e-1")!.equals(0.25))
    // 0.1 in the wide arithmetic is 1/10, not its Double: 10 * 0.1 - 1 is within the radius of 0.
    let w = WideArithmetic(precision: 256)
    let d = w.subtract(w.multiply(Ball(10), WideEvaluator.decimal("0.1", 256)), .one)
    #expect(d.mid.upperMagnitude <= d.rad + Magnitude.power(-250))
  }

  @Test func doubleConversionRoundsToNearest() {
    for v in [1.0, 0.1, 1e-310, 5e-324, 1.7976931348623157e308, -3.5, 2.2250738585072014e-308] {
      #expect(BigFloat(v).double == v)
    }
    // 1 + 2^-53 is a tie: to even, 1. 1 + 2^-53 + 2^-80 rounds up.
    let tie = BigFloat.add(.one, BigFloat(0x1p-53), 200).sum
    #expect(tie.double == 1)
    let above = BigFloat.add(tie, BigFloat(0x1p-80), 200).sum
    #expect(above.double == 1 + 0x1p-52)
  }
}
