// Shared numerics of the classification losses (margin, probabilistic binary,
// multiclass): an exp and a log1p carried to about 90 bits, numbers kept as
// mantissa * 2^n so that tiny factors keep their digits, the logistic cross
// entropy (bce-logits, logistic, the 2-class cross-entropy slice), the focal
// loss, and the softmax pieces of cross-entropy and kl-div.
//
// Names here are deliberately specific (`expMantissaExponent`,
// `log1pDoubleDouble`, `logisticCrossEntropyJet`) so that they do not collide
// with the activations' `StableMath+Logistic.swift`.

// MARK: - Mantissa * 2^n

extension StableMath {
  /// A positive number `mantissa * 2^exponent` with a double-double mantissa
  /// (about 106 bits), so that a product of tiny factors such as
  /// e^-720 * e^-30 keeps every digit until the one final rounding.
  ///
  /// A zero mantissa stands for 0 (an exp whose argument is below -50000);
  /// the exponent is then 0.
  public struct MantissaExponent: Sendable, Equatable {
    public var mantissa: DoubleDouble
    public var exponent: Int

    @inlinable
    public init(_ mantissa: DoubleDouble, _ exponent: Int = 0) {
      self.mantissa = mantissa
      self.exponent = exponent
    }

    /// 0 (also what an exp below e^-50000 returns).
    public static let zero = MantissaExponent(DoubleDouble(0), 0)
    /// 1 = 1 * 2^0.
    public static let one = MantissaExponent(DoubleDouble(1), 0)

    /// Whether the number is 0.
    @inlinable
    public var isZero: Bool { mantissa.hi == 0 }

    /// The nearest Double (one rounding of hi + lo, then the exact scaling;
    /// at most one more rounding when the result is subnormal).
    @inlinable
    public var value: Double { StableMath.scaleByPowerOfTwo(mantissa.hi + mantissa.lo, exponent) }

    /// The value as a DoubleDouble (exact scaling of both parts; the low part
    /// may underflow, which costs nothing relative to a normal high part).
    @inlinable
    public var doubleDouble: DoubleDouble {
      DoubleDouble(
        StableMath.scaleByPowerOfTwo(mantissa.hi, exponent), StableMath.scaleByPowerOfTwo(mantissa.lo, exponent))
    }

    /// The product: mantissas multiplied in double-double (about 2^-104
    /// relative error), exponents added; nothing underflows.
    @inlinable
    public static func * (a: MantissaExponent, b: MantissaExponent) -> MantissaExponent {
      MantissaExponent(a.mantissa * b.mantissa, a.exponent + b.exponent)
    }

    /// The product with a double-double of moderate size (the caller keeps
    /// it away from the under/overflow range).
    @inlinable
    public static func * (a: MantissaExponent, b: DoubleDouble) -> MantissaExponent {
      MantissaExponent(a.mantissa * b, a.exponent)
    }
  }

  /// `v * 2^e` for any Int e, with one rounding (IEEE scalbn semantics):
  /// overflow gives ±inf, underflow a correctly rounded subnormal or 0.
  /// Written with multiplications by exact powers of two (no libm call).
  @inlinable
  public static func scaleByPowerOfTwo(_ v: Double, _ e: Int) -> Double {
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

  /// 2^e for -1022 <= e <= 1023, built from its bit pattern.
  @inlinable
  static func powerOfTwo(_ e: Int) -> Double {
    Double(bitPattern: UInt64(e + 1023) << 52)
  }
}

// MARK: - exp, expm1, log1p and log to about 90 bits

extension StableMath {
  /// Below this argument e^x is treated as 0, above it as inf (e^±50000 is
  /// far outside the Double range even after multiplying by anything the
  /// losses multiply it by).
  @usableFromInline static let expCutoff = 50_000.0

  /// e^x for a DoubleDouble argument, as mantissa * 2^n with the mantissa in
  /// about [1, 2), carried to about 2^-90 relative error (2^-95 measured
  /// against mpmath on 4000 random arguments).
  ///
  /// ```
  /// x = (64 K + j) ln2/64 + r,   |r| <= ln2/128
  /// e^x = 2^K * 2^(j/64) * (1 + expm1(r))
  /// ```
  /// ln2/64 is split in three parts (the first with 30 bits, so that k times
  /// it is exact for |k| < 2^23), 2^(j/64) is a double-double table, and
  /// expm1(r) a degree-9 Taylor polynomial whose first four terms are formed
  /// in double-double. Nothing overflows or underflows before the caller
  /// applies the exponent. glibc's `exp` is within half an ulp but gives no
  /// handle on its error; the focal loss and the softmax - q cancellations
  /// need the error itself to be negligible.
  public static func expMantissaExponent(_ x: DoubleDouble) -> MantissaExponent {
    let xh = x.hi
    guard xh > -expCutoff else { return .zero }
    guard xh < expCutoff else { return MantissaExponent(DoubleDouble(.infinity), 0) }
    // Round to nearest by adding and subtracting 1.5 * 2^52 (|xh * 64/ln2|
    // < 2^23 here), which avoids a libm call.
    let kd = (xh * expInvLn2Over64 + 0x1.8p52) - 0x1.8p52
    let k = Int(kd)
    // xh - kd*L1 is exact: kd*L1 is exact (23 + 30 bits) and the difference
    // is a multiple of ulp(xh) or of ulp(kd*L1), below 2^-7 in magnitude.
    let t = xh - kd * expLn2Over64.0
    let p2 = DoubleDouble.twoProduct(kd, expLn2Over64.1)
    let s = DoubleDouble.twoSum(t, -p2.hi)
    let r = DoubleDouble.fastTwoSum(s.hi, s.lo + (x.lo - p2.lo - kd * expLn2Over64.2))
    let em1 = expm1Reduced(r)
    let j = k & 63
    let table = expTable[j]
    let mantissa = table + table * em1
    return MantissaExponent(mantissa, k >> 6)
  }

  /// e^x as mantissa * 2^n to about 2^-68 relative error, for the scalar
  /// hot paths (about a third of the cost of `expMantissaExponent`).
  ///
  /// The same reduction (exact to 2^-100) and table; e^r - 1 is r plus a
  /// degree-8 polynomial in double, whose rounding (below 2^-53 * r^2/2) is
  /// the error.
  @inlinable
  public static func expMantissaExponentQuick(_ x: DoubleDouble) -> MantissaExponent {
    let xh = x.hi
    guard xh > -expCutoff else { return .zero }
    guard xh < expCutoff else { return MantissaExponent(DoubleDouble(.infinity), 0) }
    // Round to nearest by adding and subtracting 1.5 * 2^52 (|xh * 64/ln2|
    // < 2^23 here), which avoids a libm call.
    let kd = (xh * expInvLn2Over64 + 0x1.8p52) - 0x1.8p52
    let k = Int(kd)
    let t = xh - kd * expLn2Over64.0
    let p2 = DoubleDouble.twoProduct(kd, expLn2Over64.1)
    let s = DoubleDouble.twoSum(t, -p2.hi)
    let r = DoubleDouble.fastTwoSum(s.hi, s.lo + (x.lo - p2.lo - kd * expLn2Over64.2))
    let em1 = expm1ReducedQuick(r)
    let table = expTable[k & 63]
    return MantissaExponent(table + table * em1, k >> 6)
  }

  /// e^r - 1 for |r| <= about ln2/128 as r + (r.lo + r^2 P(r)) in one
  /// double-double; the truncation (r^9/9!) is below 2^-80, the rounding
  /// of the double part below 2^-53 r^2/2 (2^-68 at the largest r, 2^-61
  /// relative to r).
  @inlinable
  static func expm1ReducedQuick(_ r: DoubleDouble) -> DoubleDouble {
    // P(r) = 1/2 + r/6 + ... + r^6/8! by Estrin's scheme (a short
    // dependency chain; Horner's seven steps dominate the cost otherwise).
    let rh = r.hi
    let r2 = rh * rh
    let r4 = r2 * r2
    let p01 = 0.5 + rh * (1.0 / 6)
    let p23 = 1.0 / 24 + rh * (1.0 / 120)
    let p45 = 1.0 / 720 + rh * (1.0 / 5_040)
    let p = (p01 + r2 * p23) + r4 * (p45 + r2 * (1.0 / 40_320))
    return DoubleDouble.fastTwoSum(rh, r.lo + r2 * p)
  }

  /// log(1 + x) for x > -1 to about 2^-60 relative error: glibc's log1p
  /// and one Newton step with the quick e^l - 1 (see `log1pDoubleDouble`).
  @inlinable
  public static func log1pDoubleDoubleQuick(_ x: DoubleDouble) -> DoubleDouble {
    let l0 = log1p(x.hi)
    if l0 == 0 && x.lo == 0 { return DoubleDouble(0) }
    let em1: DoubleDouble
    if abs(l0) <= 0.0054 {
      em1 = expm1ReducedQuick(DoubleDouble(l0))
    } else {
      em1 = expMantissaExponentQuick(DoubleDouble(l0)).doubleDouble + (-1.0)
    }
    let residual = x - em1
    return DoubleDouble.fastTwoSum(l0, residual.hi / (1 + x.hi))
  }

  /// e^x - 1 for |x| <= about ln2/128, in double-double (error about 2^-90
  /// relative): r + r^2/2 + r^3/6 + r^4/24 in double-double, the terms from
  /// r^5/120 on (below 4e-14 r) in double.
  @usableFromInline
  static func expm1Reduced(_ r: DoubleDouble) -> DoubleDouble {
    let rh = r.hi
    var r2 = DoubleDouble.twoProduct(rh, rh)
    r2 = DoubleDouble.fastTwoSum(r2.hi, r2.lo + 2 * rh * r.lo)
    let r3 = r2 * r
    let r4 = r2 * r2
    var tail = 1.0 / 362_880
    tail = 1.0 / 40_320 + rh * tail
    tail = 1.0 / 5_040 + rh * tail
    tail = 1.0 / 720 + rh * tail
    tail = 1.0 / 120 + rh * tail
    tail *= r4.hi * rh
    let half = DoubleDouble(r2.hi * 0.5, r2.lo * 0.5)
    return (((r + half) + r3 * expOneSixth) + r4 * expOneTwentyFourth) + tail
  }

  /// e^x - 1 in double-double for any x below about 709: the reduced
  /// polynomial directly for |x| <= ln2/128 (no cancellation), and
  /// mantissa * 2^n - 1 beyond it (|e^x - 1| >= 0.0054 there, so the
  /// subtraction loses at most 8 of the 106 bits).
  public static func expm1DoubleDouble(_ x: DoubleDouble) -> DoubleDouble {
    if abs(x.hi) <= 0.0054 { return expm1Reduced(x) }
    let e = expMantissaExponent(x)
    return e.doubleDouble + (-1.0)
  }

  /// log(1 + x) for x > -1 given as a DoubleDouble, to about 2^-86 relative
  /// error: glibc's log1p of the high part, then one Newton step on
  /// e^l - 1 - x = 0 with e^l - 1 in double-double:
  ///
  /// ```
  /// l1 = l0 + (x - expm1(l0)) / (1 + x)
  /// ```
  /// The step removes l0's rounding error (and takes x.lo into account); its
  /// own error is (l0 - l)^2 / 2, about 2^-106 relative.
  public static func log1pDoubleDouble(_ x: DoubleDouble) -> DoubleDouble {
    let l0 = log1p(x.hi)
    if l0 == 0 && x.lo == 0 { return DoubleDouble(0) }
    let residual = x - expm1DoubleDouble(DoubleDouble(l0))
    let correction = residual.hi / (1 + x.hi)
    return DoubleDouble.fastTwoSum(l0, correction)
  }

  /// log x for a finite x > 0 (subnormals included) in double-double:
  /// x = m 2^e with m in [sqrt(1/2), sqrt 2), log x = e ln2 + log1p(m - 1),
  /// where m - 1 is exact.
  public static func logDoubleDouble(_ x: Double) -> DoubleDouble {
    var m = x.significand
    var e = Int(x.exponent)
    if m > 1.4142135623730951 {
      m *= 0.5
      e += 1
    }
    let l = log1pDoubleDouble(DoubleDouble(m - 1))
    if e == 0 { return l }
    let ed = Double(e)
    let p = DoubleDouble.twoProduct(ed, expLn2.hi)
    return DoubleDouble.fastTwoSum(p.hi, p.lo + ed * expLn2.lo) + l
  }

  @usableFromInline static let expInvLn2Over64 = 0x1.71547652b82fep+6
  /// ln2/64 = L1 + L2 + L3, L1 with 30 significant bits.
  @usableFromInline static let expLn2Over64 = (0x1.62e42ff000000p-7, -0x1.718432a1b0e26p-41, -0x1.9ff0342542fc3p-96)
  @usableFromInline static let expLn2 = DoubleDouble(0x1.62e42fefa39efp-1, 0x1.abc9e3b39803fp-56)
  @usableFromInline static let expOneSixth = DoubleDouble(0x1.5555555555555p-3, 0x1.5555555555555p-57)
  @usableFromInline static let expOneTwentyFourth = DoubleDouble(0x1.5555555555555p-5, 0x1.5555555555555p-59)
  /// 2^(j/64), j = 0..63, as double-doubles (computed at 300 bits with mpmath).
  @usableFromInline static let expTable: [DoubleDouble] = [
    DoubleDouble(0x1.0000000000000p+0, 0x0.0p+0),
    DoubleDouble(0x1.02c9a3e778061p+0, -0x1.19083535b085dp-56),
    DoubleDouble(0x1.059b0d3158574p+0, 0x1.d73e2a475b465p-55),
    DoubleDouble(0x1.0874518759bc8p+0, 0x1.186be4bb284ffp-57),
    DoubleDouble(0x1.0b5586cf9890fp+0, 0x1.8a62e4adc610bp-54),
    DoubleDouble(0x1.0e3ec32d3d1a2p+0, 0x1.03a1727c57b53p-59),
    DoubleDouble(0x1.11301d0125b51p+0, -0x1.6c51039449b3ap-54),
    DoubleDouble(0x1.1429aaea92de0p+0, -0x1.32fbf9af1369ep-54),
    DoubleDouble(0x1.172b83c7d517bp+0, -0x1.19041b9d78a76p-55),
    DoubleDouble(0x1.1a35beb6fcb75p+0, 0x1.e5b4c7b4968e4p-55),
    DoubleDouble(0x1.1d4873168b9aap+0, 0x1.e016e00a2643cp-54),
    DoubleDouble(0x1.2063b88628cd6p+0, 0x1.dc775814a8495p-55),
    DoubleDouble(0x1.2387a6e756238p+0, 0x1.9b07eb6c70573p-54),
    DoubleDouble(0x1.26b4565e27cddp+0, 0x1.2bd339940e9d9p-55),
    DoubleDouble(0x1.29e9df51fdee1p+0, 0x1.612e8afad1255p-55),
    DoubleDouble(0x1.2d285a6e4030bp+0, 0x1.0024754db41d5p-54),
    DoubleDouble(0x1.306fe0a31b715p+0, 0x1.6f46ad23182e4p-55),
    DoubleDouble(0x1.33c08b26416ffp+0, 0x1.32721843659a6p-54),
    DoubleDouble(0x1.371a7373aa9cbp+0, -0x1.63aeabf42eae2p-54),
    DoubleDouble(0x1.3a7db34e59ff7p+0, -0x1.5e436d661f5e3p-56),
    DoubleDouble(0x1.3dea64c123422p+0, 0x1.ada0911f09ebcp-55),
    DoubleDouble(0x1.4160a21f72e2ap+0, -0x1.ef3691c309278p-58),
    DoubleDouble(0x1.44e086061892dp+0, 0x1.89b7a04ef80d0p-59),
    DoubleDouble(0x1.486a2b5c13cd0p+0, 0x1.3c1a3b69062f0p-56),
    DoubleDouble(0x1.4bfdad5362a27p+0, 0x1.d4397afec42e2p-56),
    DoubleDouble(0x1.4f9b2769d2ca7p+0, -0x1.4b309d25957e3p-54),
    DoubleDouble(0x1.5342b569d4f82p+0, -0x1.07abe1db13cadp-55),
    DoubleDouble(0x1.56f4736b527dap+0, 0x1.9bb2c011d93adp-54),
    DoubleDouble(0x1.5ab07dd485429p+0, 0x1.6324c054647adp-54),
    DoubleDouble(0x1.5e76f15ad2148p+0, 0x1.ba6f93080e65ep-54),
    DoubleDouble(0x1.6247eb03a5585p+0, -0x1.383c17e40b497p-54),
    DoubleDouble(0x1.6623882552225p+0, -0x1.bb60987591c34p-54),
    DoubleDouble(0x1.6a09e667f3bcdp+0, -0x1.bdd3413b26456p-54),
    DoubleDouble(0x1.6dfb23c651a2fp+0, -0x1.bbe3a683c88abp-57),
    DoubleDouble(0x1.71f75e8ec5f74p+0, -0x1.16e4786887a99p-55),
    DoubleDouble(0x1.75feb564267c9p+0, -0x1.0245957316dd3p-54),
    DoubleDouble(0x1.7a11473eb0187p+0, -0x1.41577ee04992fp-55),
    DoubleDouble(0x1.7e2f336cf4e62p+0, 0x1.05d02ba15797ep-56),
    DoubleDouble(0x1.82589994cce13p+0, -0x1.d4c1dd41532d8p-54),
    DoubleDouble(0x1.868d99b4492edp+0, -0x1.fc6f89bd4f6bap-54),
    DoubleDouble(0x1.8ace5422aa0dbp+0, 0x1.6e9f156864b27p-54),
    DoubleDouble(0x1.8f1ae99157736p+0, 0x1.5cc13a2e3976cp-55),
    DoubleDouble(0x1.93737b0cdc5e5p+0, -0x1.75fc781b57ebcp-57),
    DoubleDouble(0x1.97d829fde4e50p+0, -0x1.d185b7c1b85d1p-54),
    DoubleDouble(0x1.9c49182a3f090p+0, 0x1.c7c46b071f2bep-56),
    DoubleDouble(0x1.a0c667b5de565p+0, -0x1.359495d1cd533p-54),
    DoubleDouble(0x1.a5503b23e255dp+0, -0x1.d2f6edb8d41e1p-54),
    DoubleDouble(0x1.a9e6b5579fdbfp+0, 0x1.0fac90ef7fd31p-54),
    DoubleDouble(0x1.ae89f995ad3adp+0, 0x1.7a1cd345dcc81p-54),
    DoubleDouble(0x1.b33a2b84f15fbp+0, -0x1.2805e3084d708p-57),
    DoubleDouble(0x1.b7f76f2fb5e47p+0, -0x1.5584f7e54ac3bp-56),
    DoubleDouble(0x1.bcc1e904bc1d2p+0, 0x1.23dd07a2d9e84p-55),
    DoubleDouble(0x1.c199bdd85529cp+0, 0x1.11065895048ddp-55),
    DoubleDouble(0x1.c67f12e57d14bp+0, 0x1.2884dff483cadp-54),
    DoubleDouble(0x1.cb720dcef9069p+0, 0x1.503cbd1e949dbp-56),
    DoubleDouble(0x1.d072d4a07897cp+0, -0x1.cbc3743797a9cp-54),
    DoubleDouble(0x1.d5818dcfba487p+0, 0x1.2ed02d75b3707p-55),
    DoubleDouble(0x1.da9e603db3285p+0, 0x1.c2300696db532p-54),
    DoubleDouble(0x1.dfc97337b9b5fp+0, -0x1.1a5cd4f184b5cp-54),
    DoubleDouble(0x1.e502ee78b3ff6p+0, 0x1.39e8980a9cc8fp-55),
    DoubleDouble(0x1.ea4afa2a490dap+0, -0x1.e9c23179c2893p-54),
    DoubleDouble(0x1.efa1bee615a27p+0, 0x1.dc7f486a4b6b0p-54),
    DoubleDouble(0x1.f50765b6e4540p+0, 0x1.9d3e12dd8a18bp-54),
    DoubleDouble(0x1.fa7c1819e90d8p+0, 0x1.74853f3a5931ep-55),
  ]
}

// MARK: - Logistic cross entropy (bce-logits, logistic, the 2-class slice)

extension StableMath {
  /// The binary cross entropy of a logit z against a target y in [0, 1],
  /// with its first two derivatives in z:
  ///
  /// ```
  /// L   = y softplus(-z) + (1 - y) softplus(z)
  ///     = (1 - y) z + log1p(e^-z)      (z >= 0)
  ///     = y (-z)    + log1p(e^z)       (z <  0)
  /// L'  = sigma(z) - y = (1 - y) - sigma(-z)   (z >= 0)
  ///                    = sigma(z) - y          (z <  0)
  /// L'' = sigma(z) sigma(-z) = e^-|z| / (1 + e^-|z|)^2
  /// ```
  /// Both terms of the value are non-negative, so the sum never cancels;
  /// the textbook `max(z, 0) - z y + log1p(e^-|z|)` cancels in its first
  /// two terms, and `-(y log sigma + (1 - y) log(1 - sigma))` gives
  /// log 0 = -inf once sigma rounds to 1 (z > 36.7). `y` and `oneMinusY`
  /// are passed as exact double-doubles (1 - y is formed exactly by the
  /// caller, so that y = 0.3 costs nothing). The gradient is formed in
  /// double-double from sigma(-|z|) = E / (1 + E), E = e^-|z|; where
  /// sigma(z) - y cancels (lost more than 3 bits) sigma(-|z|) is formed
  /// again from the 90-bit E of `expMantissaExponent`, so that the result
  /// does not carry glibc's half-ulp in E (one ulp of z or y moves the exact
  /// result by as much, so the cheap form would pass, but only through the
  /// input-sensitivity clause).
  @inlinable
  public static func logisticCrossEntropyJet(_ z: Double, y: DoubleDouble, oneMinusY: DoubleDouble) -> Jet {
    let a = abs(z)
    let e = LossAtlasCore.exp(-a)
    let d = DoubleDouble.twoSum(1, e)
    let lp = log1p(e)
    if y.lo == 0 && oneMinusY.lo == 0 && (y.hi == 1 || y.hi == 0) {
      // A hard label: sigma(z) - y is -sigma(-z) or sigma(z), which never
      // cancels; sigma(-|z|) = e / (d.hi + d.lo) to first order in d.lo.
      let q1 = e / d.hi
      let small = q1 - q1 * (d.lo / d.hi)
      let large = 1 / d.hi - d.lo / (d.hi * d.hi)  // sigma(|z|)
      let d2 = q1 / d.hi
      let positive = y.hi == 1
      if z >= 0 {
        return Jet(value: positive ? lp : a + lp, d1: positive ? -small : large, d2: d2)
      }
      return Jet(value: positive ? a + lp : lp, d1: positive ? -large : small, d2: d2)
    }
    // sigma(-|z|) = e / d in double-double.
    let q1 = e / d.hi
    let rem = (DoubleDouble(e) - d * q1)
    let small = DoubleDouble.fastTwoSum(q1, rem.hi / d.hi)
    let value: Double
    var d1: Double
    if z >= 0 {
      value = (oneMinusY * a + lp).value
      d1 = (oneMinusY - small).value
      if abs(d1) < 0.125 * q1 { d1 = (oneMinusY - sigmoidOfNegativeAbs(a)).value }
    } else {
      value = (y * a + lp).value
      d1 = (small - y).value
      if abs(d1) < 0.125 * q1 { d1 = (sigmoidOfNegativeAbs(a) - y).value }
    }
    let d2 = q1 / d.hi
    return Jet(value: value, d1: d1, d2: d2)
  }

  /// sigma(-a) = E / (1 + E), E = e^-a, for a >= 0, to about 2^-90.
  @usableFromInline
  static func sigmoidOfNegativeAbs(_ a: Double) -> DoubleDouble {
    let e = expMantissaExponent(DoubleDouble(-a)).doubleDouble
    return e / (e + 1.0)
  }
}

// MARK: - Lean double-double products and exp

extension StableMath {

  /// a * b for double-doubles without the final renormalization: hi is the
  /// rounded product of the high parts and lo everything else (a few ulps
  /// of hi at most), so hi + lo is the product to about 2^-104. Cheaper
  /// than `*` where the result only feeds further products.
  @inlinable @inline(__always)
  public static func looseProduct(_ a: DoubleDouble, _ b: DoubleDouble) -> DoubleDouble {
    let p = a.hi * b.hi
    return DoubleDouble(p, (-p).addingProduct(a.hi, b.hi) + (a.hi * b.lo).addingProduct(a.lo, b.hi))
  }


  /// a * b for a double-double and a double, not renormalized (see
  /// ``looseProduct(_:_:)``).
  @inlinable @inline(__always)
  public static func looseProduct(_ a: DoubleDouble, _ b: Double) -> DoubleDouble {
    let p = a.hi * b
    return DoubleDouble(p, (-p).addingProduct(a.hi, b).addingProduct(a.lo, b))
  }


  /// e^-a for 0 <= a <= 700 as a double-double with relative error about
  /// 2^-59: a = (64 k + j) ln2/64 - r with the first two parts of ln2/64
  /// (k ln2/64 exact to 2^-82), e^r - 1 a degree-6 polynomial in double
  /// (|r| <= ln2/128, so its rounding is below 2^-60 of the result), times
  /// the table's 2^(j/64) in double-double. About a third of the work of
  /// ``expMantissaExponentQuick(_:)``, for the fast paths that need E
  /// itself (not its mantissa) beyond glibc's half ulp.
  @inlinable @inline(__always)
  public static func expNegativeLean(_ a: Double) -> DoubleDouble {
    let x = -a
    let kd = (x * expInvLn2Over64 + 0x1.8p52) - 0x1.8p52
    let k = Int(kd)
    let r = (x - kd * expLn2Over64.0) - kd * expLn2Over64.1
    let p = 0.5 + r * (1.0 / 6 + r * (1.0 / 24 + r * (1.0 / 120 + r * (1.0 / 720))))
    let m = r + (r * r) * p
    let t = expTable[k & 63]
    let e = DoubleDouble.fastTwoSum(t.hi, t.lo + t.hi * m)
    let s = powerOfTwo(k >> 6)
    return DoubleDouble(e.hi * s, e.lo * s)
  }
}

// MARK: - Softmax pieces (cross-entropy, kl-div)

extension StableMath {
  /// softmax(s) kept as exact pieces: the maximum m, the weights
  /// e^(s_j - m) as mantissa * 2^n (each s_j - m formed exactly), their sum
  /// S >= 1 and log S in double-double.
  ///
  /// softmax_j = weight_j / S never overflows, and a probability below the
  /// Double range (e^-1000) keeps its digits until the caller rounds it.
  /// A weight within 0.0054 of 1 (|s_j - m| <= 0.0054) is also kept as its
  /// offset e^(s_j - m) - 1 in double-double, so that scores that differ by
  /// 1e-90 still give weights whose differences are exact to 2^-100.
  public struct SoftmaxExpansion: Sendable {
    public let maximum: Double
    public let weights: [MantissaExponent]
    /// e^(s_j - m) - 1 for the weights near 1, else nil.
    public let offsets: [DoubleDouble?]
    /// The number of weights near 1 and the sum of the other weights:
    /// S = nearOne + sum(offsets) + rest.
    let nearOne: Int
    let rest: DoubleDouble
    public let sum: DoubleDouble
    public let logSum: DoubleDouble
    let inverseSum: DoubleDouble

    public init(_ s: [Double]) {
      let m = s.max() ?? 0
      maximum = m
      var offsetTotal = DoubleDouble(0)
      var restTotal = DoubleDouble(0)
      var count = 0
      var w: [MantissaExponent] = []
      var o: [DoubleDouble?] = []
      w.reserveCapacity(s.count)
      o.reserveCapacity(s.count)
      for v in s {
        let d = v - m
        if !(d > -StableMath.expCutoff) {
          w.append(.zero)
          o.append(nil)
          continue
        }
        let dd = DoubleDouble.twoSum(v, -m)
        if abs(dd.hi) <= 0.0054 {
          let em1 = StableMath.expm1Reduced(dd)
          w.append(MantissaExponent(em1 + 1.0, 0))
          o.append(em1)
          offsetTotal = offsetTotal + em1
          count += 1
        } else {
          let e = StableMath.expMantissaExponent(dd)
          w.append(e)
          o.append(nil)
          restTotal = restTotal + e.doubleDouble
        }
      }
      weights = w
      offsets = o
      nearOne = count
      rest = restTotal
      let total = (offsetTotal + Double(count)) + restTotal
      sum = total
      inverseSum = DoubleDouble(1) / total
      logSum = StableMath.log1pDoubleDouble((offsetTotal + Double(count - 1)) + restTotal)
    }

    /// softmax_j as mantissa * 2^n.
    public func probability(_ j: Int) -> MantissaExponent { weights[j] * inverseSum }

    /// (a w_j - b S) / (c S), where a w_j - b S is summed exactly from the
    /// double-double parts of w_j and S (weights near 1 as 1 + offset) and
    /// the given expansions of a (`numeratorWeight`) and b (`numeratorSum`):
    /// the one rounding is the final one, and an exact zero (softmax equal
    /// to the target) comes out as 0. Used for the gradients softmax - q and
    /// (sum q) softmax - q. Returns nil when w_j is below 2^-1000 (the caller
    /// then uses the scaled probability, which keeps such digits better).
    public func weightedDifference(
      _ j: Int, numeratorWeight a: [Double], numeratorSum b: [Double], denominatorFactor c: Double
    ) -> Double? {
      let w = weights[j]
      guard !w.isZero, w.exponent >= -1000 else { return nil }
      var n = ExactSum()
      if let offset = offsets[j] {
        for x in a {
          n.add(x)
          n.addProduct(x, offset.hi)
          n.addProduct(x, offset.lo)
        }
      } else {
        let wd = w.doubleDouble
        for x in a {
          n.addProduct(x, wd.hi)
          n.addProduct(x, wd.lo)
        }
      }
      let count = Double(nearOne)
      for x in b {
        n.addProduct(-x, count)
        for case let offset? in offsets {
          n.addProduct(-x, offset.hi)
          n.addProduct(-x, offset.lo)
        }
        n.addProduct(-x, rest.hi)
        n.addProduct(-x, rest.lo)
      }
      let hi = n.value
      guard hi.isFinite, hi != 0 else { return hi }
      n.add(-hi)
      let numerator = DoubleDouble.fastTwoSum(hi, n.value)
      return (numerator / (sum * c)).value
    }
  }
}
