import BigInt
import Foundation

/// The elementary functions at the midpoint of a ball: each result is
/// within 2^-p relative of the exact value (the series run in exact integer
/// fixed-point arithmetic with 40 or more guard bits, and every argument
/// reduction keeps the bits it cancels). Arguments are finite and inside the
/// domain; ``Ball`` checks ranges and domains and adds the radii.
extension BigFloat {
  /// e^x. x = k ln2 + r, |r| <= ln2/2, computed with the bits of k added;
  /// e^r from the Taylor series of r / 2^s, squared s times.
  static func exp(_ x: BigFloat, _ p: Int) -> BigFloat {
    if x.isZero { return .one }
    let s = Swift.max(2, Int(Double(p).squareRoot() / 2))
    let f = p + 2 * s + 40
    let k = BigInt((x.double / M_LN2).rounded())
    let kBits = k.magnitude.bitWidth
    // y = r / 2^s at f fixed bits, i.e. r at f - s bits.
    let w = f - s
    let y = x.fixed(w + kBits + 8) - k * WideConstants.ln2(w + kBits + 8)
    let yF = roundShift(y, kBits + 8)
    var e = exponentialSeries(yF, f)
    for _ in 0..<s { e = (e * e) >> f }
    return BigFloat(fixed: e, f).scaled(Int(k)).rounded(p)
  }

  /// e^x - 1, relative to its own size: x S(x) with S = sum x^n / (n+1)!
  /// for |x| < 1/2; e^x - 1 beyond, where no digit cancels that matters.
  static func expm1(_ x: BigFloat, _ p: Int) -> BigFloat {
    if x.isZero { return .zero }
    if x.topExponent < -1 {
      let f = p + 40
      let xf = x.fixed(f)
      let one = BigInt(1) << f
      var term = one
      var sum = one
      var n = 2
      while !term.isZero {
        term = ((term * xf) >> f) / BigInt(n)
        sum += term
        n += 1
      }
      return multiply(x, BigFloat(fixed: sum, f), p)
    }
    return add(exp(x, p + 10), BigFloat(-1), p).sum
  }

  /// log x for x > 0: x = 2^k y with y in [1/sqrt2, sqrt2); log y = 2 atanh z,
  /// z = (y - 1)/(y + 1), from y - 1 formed exactly (so log x keeps its
  /// relative accuracy near x = 1).
  static func log(_ x: BigFloat, _ p: Int) -> BigFloat {
    var k = x.topExponent
    var y = x.scaled(-k)  // [1, 2)
    if compare(y, BigFloat(1.4142135623730951)) > 0 {
      k += 1
      y = y.scaled(-1)
    }
    let f = p + 40 + Swift.max(0, Int(k.magnitude).bitWidth)
    let ym1 = add(y, BigFloat(-1), y.mantissa.bitWidth + 64).sum
    let logY = twiceAtanh(divide(ym1, add(y, .one, f).sum, f), f)
    if k == 0 { return logY.rounded(p) }
    let kln2 = BigFloat(fixed: BigInt(k) * WideConstants.ln2(f + 8), f + 8)
    return add(kln2, logY, f).sum.rounded(p)
  }

  /// log(1 + x) for x > -1: 2 atanh(x / (2 + x)) for |x| < 1/4, else
  /// log(1 + x) with 1 + x exact (or to f bits when x is large).
  static func log1p(_ x: BigFloat, _ p: Int) -> BigFloat {
    if x.isZero { return .zero }
    let f = p + 40
    if x.topExponent < -2 {
      let z = divide(x, add(BigFloat(2), x, f).sum, f)
      return twiceAtanh(z, f).rounded(p)
    }
    let bits = x.topExponent > 0 ? f : x.mantissa.bitWidth + 64 + Swift.max(0, -x.exponent)
    let y = add(.one, x, Swift.max(f, Swift.min(bits, f + 4200))).sum
    return log(y, p)
  }

  /// 2 atanh z = 2 z sum z^(2n) / (2n + 1), |z| <= 0.18, relative to z.
  private static func twiceAtanh(_ z: BigFloat, _ f: Int) -> BigFloat {
    if z.isZero { return .zero }
    let zf = z.fixed(f)
    let z2 = (zf * zf) >> f
    let one = BigInt(1) << f
    var power = one
    var sum = one
    var n = 1
    while !power.isZero {
      power = (power * z2) >> f
      sum += power / BigInt(2 * n + 1)
      n += 1
    }
    return multiply(z, BigFloat(fixed: sum, f), f).scaled(1)
  }

  /// sum y^n / n! at f fixed bits.
  private static func exponentialSeries(_ y: BigInt, _ f: Int) -> BigInt {
    let one = BigInt(1) << f
    var term = one
    var sum = one
    var n = 1
    while !term.isZero {
      term = ((term * y) >> f) / BigInt(n)
      sum += term
      n += 1
    }
    return sum
  }

  /// round(v / 2^s)
  static func roundShift(_ v: BigInt, _ s: Int) -> BigInt {
    if s <= 0 { return v << -s }
    return (v + (BigInt(1) << (s - 1))) >> s
  }

  // MARK: - sin, cos

  /// (sin x, cos x), or nil when the reduction would need more than the
  /// stored bits of pi (|x| beyond about 2^7000).
  static func sinCos(_ x: BigFloat, _ p: Int) -> (sin: BigFloat, cos: BigFloat)? {
    if x.isZero { return (.zero, .one) }
    let f = p + 40
    if x.topExponent < -1 {
      // |x| < 1/2 < pi/4: no reduction (and a tiny x keeps its relative accuracy).
      return (sinSeries(x, f).rounded(p), cosSeries(x, f).rounded(p))
    }
    var extra = 20
    while true {
      // k = round(x / (pi/2)); r = x - k pi/2 with the bits k cancels kept.
      let top = Swift.max(0, x.topExponent)
      let w = f + top + extra
      guard w + 2 <= WideConstants.bits else { return nil }
      let halfPi = WideConstants.pi(w)  // pi 2^w is pi/2 at w + 1 fixed-point bits
      let xw = x.fixed(w + 1)
      let k = roundDivide(xw, halfPi)
      let r = xw - k * halfPi
      let rFloat = BigFloat(fixed: r, w + 1)
      // r must be resolved to p + 10 bits: its absolute error is about |k| 2^-(w+1).
      if !rFloat.isZero && rFloat.topExponent - (k.magnitude.bitWidth - (w + 1)) < p + 12 && extra < 4000 {
        extra *= 4
        continue
      }
      let quadrant = Int(((k % 4) + 4) % 4)
      let sr = sinSeries(rFloat, f)
      let cr = cosSeries(rFloat, f)
      switch quadrant {
      case 0: return (sr.rounded(p), cr.rounded(p))
      case 1: return (cr.rounded(p), (-sr).rounded(p))
      case 2: return ((-sr).rounded(p), (-cr).rounded(p))
      default: return ((-cr).rounded(p), sr.rounded(p))
      }
    }
  }

  private static func roundDivide(_ a: BigInt, _ b: BigInt) -> BigInt {
    let (q, r) = a.quotientAndRemainder(dividingBy: b)
    if 2 * r.magnitude >= b.magnitude { return a.sign == .minus ? q - 1 : q + 1 }
    return q
  }

  /// sin r = r sum (-1)^n r^(2n) / (2n+1)!, |r| <= pi/4, relative to r.
  private static func sinSeries(_ r: BigFloat, _ f: Int) -> BigFloat {
    if r.isZero { return .zero }
    let rf = r.fixed(f)
    let r2 = (rf * rf) >> f
    var term = BigInt(1) << f
    var sum = term
    var n = 1
    while !term.isZero {
      term = ((term * r2) >> f) / BigInt((2 * n) * (2 * n + 1))
      sum += n % 2 == 1 ? -term : term
      n += 1
    }
    return multiply(r, BigFloat(fixed: sum, f), f)
  }

  /// cos r = sum (-1)^n r^(2n) / (2n)!, |r| <= pi/4 (cos r >= 0.7).
  private static func cosSeries(_ r: BigFloat, _ f: Int) -> BigFloat {
    let rf = r.fixed(f)
    let r2 = (rf * rf) >> f
    var term = BigInt(1) << f
    var sum = term
    var n = 1
    while !term.isZero {
      term = ((term * r2) >> f) / BigInt((2 * n - 1) * (2 * n))
      sum += n % 2 == 1 ? -term : term
      n += 1
    }
    return BigFloat(fixed: sum, f)
  }

  // MARK: - atan

  /// atan x: pi/2 - atan(1/x) beyond |x| = 1; three halvings
  /// t -> t / (1 + sqrt(1 + t^2)) bring |t| below 0.1, then the series.
  static func atan(_ x: BigFloat, _ p: Int) -> BigFloat {
    if x.isZero { return .zero }
    let f = p + 40
    if x.topExponent >= 0 && compareMagnitudes(x, .one) > 0 {
      let inner = atan(divide(.one, x.magnitude, f), f)
      let halfPi = BigFloat(fixed: WideConstants.pi(f + 8), f + 9)
      let v = add(halfPi, -inner, f).sum
      return (x.negative ? -v : v).rounded(p)
    }
    var t = x
    for _ in 0..<3 {
      let root = squareRoot(add(.one, multiply(t, t, f), f).sum, f)
      t = divide(t, add(.one, root, f).sum, f)
    }
    let tf = t.fixed(f)
    let t2 = (tf * tf) >> f
    var power = BigInt(1) << f
    var sum = power
    var n = 1
    while !power.isZero {
      power = (power * t2) >> f
      let term = power / BigInt(2 * n + 1)
      sum += n % 2 == 1 ? -term : term
      n += 1
    }
    return multiply(t, BigFloat(fixed: sum, f), f).scaled(3).rounded(p)
  }

  // MARK: - erf, erfc

  /// sqrt(pi) at f bits.
  static func sqrtPi(_ f: Int) -> BigFloat {
    squareRoot(BigFloat(fixed: WideConstants.pi(f + 8), f + 8), f)
  }

  /// Whether erfc's asymptotic series reaches 2^-f for this x (x^2 >= (f + 10) ln 2).
  private static func asymptoticApplies(_ x2: BigFloat, _ f: Int) -> Bool {
    compare(x2, BigFloat(Double(f + 10) * M_LN2)) >= 0
  }

  /// erf x for finite x.
  static func erf(_ x: BigFloat, _ p: Int) -> BigFloat {
    if x.isZero { return .zero }
    let f = p + 40
    let x2 = multiply(x, x, f + 10)
    if asymptoticApplies(x2, f) {
      let v = add(.one, -erfcAsymptotic(x.magnitude, x2, f), f).sum
      return (x.negative ? -v : v).rounded(p)
    }
    return erfSeries(x, x2, f).rounded(p)
  }

  /// erfc x for finite x.
  static func erfc(_ x: BigFloat, _ p: Int) -> BigFloat {
    let f = p + 40
    if x.isZero { return .one }
    if x.negative {
      // 1 + erf|x|: no cancellation.
      return add(.one, erf(x.magnitude, f), f).sum.rounded(p)
    }
    let x2 = multiply(x, x, f + 10)
    if asymptoticApplies(x2, f) { return erfcAsymptotic(x, x2, f).rounded(p) }
    // 1 - erf x loses about x^2 log2(e) bits: erf is computed with that many more.
    let guardBits = Int(x2.double * 1.4426950408889634) + 12
    let e = erfSeries(x, multiply(x, x, f + guardBits + 10), f + guardBits)
    return add(.one, -e, f + guardBits).sum.rounded(p)
  }

  /// erf x = (2/sqrt pi) e^(-x^2) x sum (2x^2)^n / (2n+1)!!, every term positive.
  private static func erfSeries(_ x: BigFloat, _ x2: BigFloat, _ f: Int) -> BigFloat {
    let c = x2.scaled(1).fixed(f)
    var term = BigInt(1) << f
    var sum = term
    var n = 0
    let x2Double = x2.double
    while !term.isZero || Double(n) < x2Double {
      term = ((term * c) >> f) / BigInt(2 * n + 3)
      sum += term
      n += 1
      if term.isZero && Double(n) >= x2Double { break }
    }
    let g = exp(-x2, f)
    let scale = divide(BigFloat(2), sqrtPi(f), f)
    return multiply(multiply(scale, g, f), multiply(x, BigFloat(fixed: sum, f), f), f)
  }

  /// erfc x = e^(-x^2) / (x sqrt pi) sum (-1)^n (2n-1)!! / (2x^2)^n for
  /// x^2 >= (f + 10) ln 2: the terms fall below 2^-f before they turn.
  private static func erfcAsymptotic(_ x: BigFloat, _ x2: BigFloat, _ f: Int) -> BigFloat {
    let c = x2.scaled(1).fixed(f)
    let one = BigInt(1) << f
    var term = one
    var sum = one
    var n = 1
    while !term.isZero {
      term = ((term * BigInt(2 * n - 1)) << f) / c
      sum += n % 2 == 1 ? -term : term
      n += 1
      if n > 100_000 { break }
    }
    let g = exp(-x2, f)
    return divide(multiply(g, BigFloat(fixed: sum, f), f), multiply(x, sqrtPi(f), f), f)
  }
}
