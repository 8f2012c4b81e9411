// e^x, e^x - 1, log(1 + x) and log x carried to about 90 bits (and quick
// 68-bit variants), for the cancellations of the classification losses.

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
    let (k, r) = expReduced(x)
    let em1 = expm1Reduced(r)
    let j = k & 63
    let table = expTable[j]
    let mantissa = table + table * em1
    return MantissaExponent(mantissa, k >> 6)
  }

  /// The argument reduction of ``expMantissaExponent(_:)`` and
  /// ``expMantissaExponentQuick(_:)``: k, the integer nearest to
  /// x 64/ln2, and r = x - k ln2/64 as a double-double exact to about
  /// 2^-100 (|r| <= about ln2/128), for |x.hi| below ``expCutoff`` (the
  /// callers' guards).
  @usableFromInline @inline(__always)
  static func expReduced(_ x: DoubleDouble) -> (k: Int, r: DoubleDouble) {
    let xh = x.hi
    // Round to nearest by adding and subtracting 1.5 * 2^52 (|xh * 64/ln2|
    // < 2^23 here), which avoids a libm call.
    let kd = (xh * expInvLn2Over64 + 0x1.8p52) - 0x1.8p52
    // xh - kd*L1 is exact: kd*L1 is exact (23 + 30 bits) and the difference
    // is a multiple of ulp(xh) or of ulp(kd*L1), below 2^-7 in magnitude.
    let t = xh - kd * expLn2Over64.0
    let p2 = DoubleDouble.twoProduct(kd, expLn2Over64.1)
    let s = DoubleDouble.twoSum(t, -p2.hi)
    return (Int(kd), DoubleDouble.fastTwoSum(s.hi, s.lo + (x.lo - p2.lo - kd * expLn2Over64.2)))
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
    let (k, r) = expReduced(x)
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
    let p = DoubleDouble.twoProduct(ed, ln2.hi)
    return DoubleDouble.fastTwoSum(p.hi, p.lo + ed * ln2.lo) + l
  }

  @usableFromInline static let expInvLn2Over64 = 0x1.71547652b82fep+6
  /// ln2/64 = L1 + L2 + L3, L1 with 30 significant bits.
  @usableFromInline static let expLn2Over64 = (0x1.62e42ff000000p-7, -0x1.718432a1b0e26p-41, -0x1.9ff0342542fc3p-96)
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
