// MARK: - Shared numerics of the activation family

/// Constants and building blocks of the activations (gelu, gelu-tanh, selu,
/// the exp-based jets), each written once with the identity it uses.
extension StableMath {
  // MARK: - Double-double constants

  /// sqrt(2 / pi), the constant k of gelu-tanh.
  public static let sqrtTwoOverPi = DoubleDouble(0x1.9884533d43651p-1, -0x1.cbc0d30ebfd15p-55)
  /// 2 sqrt(2 / pi) = 2k: gelu-tanh's x/2 (1 + tanh u) is x sigma(2u).
  public static let twoSqrtTwoOverPi = DoubleDouble(0x1.9884533d43651p+0, -0x1.cbc0d30ebfd15p-54)
  /// 0.044715, gelu-tanh's cubic coefficient, as the exact decimal.
  public static let geluTanhCubic = DoubleDouble(0x1.6e4e26d4801f7p-5, 0x1.441355475a31ap-59)
  /// 3 * 0.044715.
  public static let geluTanhCubic3 = DoubleDouble(0x1.12ba9d1f60179p-3, 0x1.f30e7ff583a54p-57)
  /// The SELU scale lambda = 1.0507009873554804934193349852946.
  public static let seluLambda = DoubleDouble(0x1.0cfabd6a91132p+0, 0x1.6fc7d272f2695p-55)
  /// The SELU alpha = 1.6732632423543772848170429916717.
  public static let seluAlpha = DoubleDouble(0x1.ac5afad782cf1p+0, 0x1.eb7a46c21f1dfp-54)
  /// lambda * alpha of SELU, the product of the two exact decimals.
  public static let seluLambdaAlpha = DoubleDouble(0x1.c212cc640f031p+0, 0x1.05161b045a1fep-56)
  /// 1 / sqrt(2 pi), the standard normal density at 0.
  public static let inverseSqrtTwoPi = DoubleDouble(0x1.9884533d43651p-2, -0x1.cbc0d30ebfd15p-56)
  /// ln 2.
  public static let ln2 = DoubleDouble(0x1.62e42fefa39efp-1, 0x1.abc9e3b39803fp-56)

  // MARK: - Double-double reciprocal

  /// 1 / d to about 2^-104 relative, with one division and two fmas.
  ///
  /// ```
  /// q = 1 / d.hi;  r = 1 - d q  (exact: fma(-d.hi, q, 1) - d.lo q);  1/d = q (1 + r + r^2 ...)
  /// ```
  /// r is about 2^-53, so q + q r is 1/d to within 2^-104. Cheaper than the
  /// general double-double quotient (two divisions and a double-double
  /// subtraction), which matters in the jets' hot path.
  @inlinable
  public static func reciprocal(_ d: DoubleDouble) -> DoubleDouble {
    let q = 1 / d.hi
    let r = 1.0.addingProduct(-d.hi, q) - d.lo * q
    return DoubleDouble.fastTwoSum(q, q * r)
  }

  // MARK: - Scaled exponential

  /// e^t as `m * 2^k` with m normal, for arguments where e^t itself would be
  /// subnormal.
  ///
  /// ```
  /// t >= -700:  (e^t, 0)
  /// else:       k = round(t / ln 2),  m = e^(t - k ln 2)   (t - k ln 2 in DoubleDouble)
  /// ```
  /// A subnormal e^t has lost its low digits already; multiplying it by a
  /// factor (x e^x at x = -745 multiplies by 745) multiplies that rounding
  /// error too, hundreds of ulp of a result that is itself subnormal. With
  /// the power of two kept apart, the factors multiply `m` at full precision
  /// and ``scaled(_:_:)`` rounds once at the end. Below t = -1600 the result
  /// is (0, 0): e^t < 2^-2300, and no finite factor brings it back.
  @inlinable
  public static func expScaled(_ t: DoubleDouble) -> (m: Double, k: Int) {
    if t.hi >= -700 { return (exp(t), 0) }
    guard t.hi >= -1600 else { return (0, 0) }
    let k = (t.hi * 0x1.71547652b82fep0).rounded()
    return (exp(t - ln2 * k), Int(k))
  }

  /// v * 2^k with a single rounding (glibc's scalbn), for results built
  /// from ``expScaled(_:)``.
  @inlinable
  public static func scaled(_ v: Double, _ k: Int) -> Double {
    k == 0 ? v : scalbn(v, Int32(k))
  }

  // MARK: - Hyperbolic

  /// e^-a, 1 - e^-a and 1 + e^-a for a >= 0, each as an exact DoubleDouble
  /// sum, from one call to libm.
  ///
  /// ```
  /// a <  ln 2:  m = expm1(-a):  e = 1 + m,  1 - e = -m,  1 + e = 2 + m
  /// a >= ln 2:  e = exp(-a):    1 - e,      1 + e        (TwoSum)
  /// ```
  /// `1 - exp(-a)` cancels for small a (all digits lost at a = 1e-16); with
  /// expm1 below ln 2 and exp above, 1 - e carries at most about 0.7 ulp
  /// (expm1's) and e at most 0.5 ulp of its own, so tanh = (1 - e)/(1 + e)
  /// and sech^2 = 4e/(1 + e)^2 need only this one transcendental call.
  @inlinable
  public static func logisticParts(_ a: Double) -> (e: DoubleDouble, oneMinus: DoubleDouble, onePlus: DoubleDouble) {
    if a < 0x1.62e42fefa39efp-1 {
      let m = expm1(-a)
      return (DoubleDouble.twoSum(1, m), DoubleDouble(-m), DoubleDouble.twoSum(2, m))
    }
    let e = LossAtlasCore.exp(-a)
    return (DoubleDouble(e), DoubleDouble.twoSum(1, -e), DoubleDouble.twoSum(1, e))
  }

  // MARK: - The normal distribution

  /// The Mills ratio R(t) = Phi(-t) / phi(t) for t >= 0, as a DoubleDouble
  /// accurate to about 2^-60 relative.
  ///
  /// Phi(x) = phi(x) R(-x) for x <= 0 and 1 - phi(x) R(x) for x >= 0, and
  /// gelu's derivative Phi(x) + x phi(x) = phi(x) (R(-x) + x) for x < 0: with R
  /// carried as a DoubleDouble that difference is exact, and gelu and gelu'
  /// are as accurate as `exp` (glibc's erfc, 2 to 3 ulp for arguments above
  /// 1, is not good enough for the derivative's cancellation).
  ///
  /// ```
  /// t <= 26:  Taylor series about the nearest node c = j/4, R(c) tabulated
  ///           (hi + lo, 50-digit values), higher coefficients from the ODE
  ///           R' = t R - 1:  (n + 1) a_(n+1) = c a_n + a_(n-1)
  /// t >  26:  the asymptotic series R = (1/t) sum_k (-1)^k (2k-1)!! t^(-2k),
  ///           ten terms (the first omitted term is below 1e-19)
  /// ```
  /// a_0 and a_1 h are carried in DoubleDouble (a_1 = c a_0 - 1 cancels, and
  /// a_1 h is up to a tenth of R); a_2 (from the lo parts too) and the rest,
  /// with |h| <= 1/8, add at most a percent of R and are summed in Double
  /// until they fall below 2^-66 of it (at most 14 more terms, formed two at
  /// a time). Measured against 50-digit values: within 0.02 * 2^-53 relative.
  @inlinable
  public static func millsRatio(_ t: Double) -> DoubleDouble {
    if t > 26 {
      let u = DoubleDouble(1) / exactProduct(t, t)
      let v = u.hi
      var inner = 1 - 19 * v
      inner = 1 - 17 * v * inner
      inner = 1 - 15 * v * inner
      inner = 1 - 13 * v * inner
      inner = 1 - 11 * v * inner
      inner = 1 - 9 * v * inner
      inner = 1 - 7 * v * inner
      inner = 1 - 5 * v * inner
      inner = 1 - 3 * v * inner
      let s = DoubleDouble(1) - u * inner
      return s / t
    }
    let j = Int(t * 4 + 0.5)
    let c = Double(j) * 0.25
    let h = t - c
    let a0 = DoubleDouble(millsNodes[2 * j], millsNodes[2 * j + 1])
    let a1 = a0 * c - 1
    // a2 = (c a1 + a0) / 2 cancels too; its lo parts enter, but only to Double.
    let a2 = (a0.hi.addingProduct(c, a1.hi) + (a0.lo + c * a1.lo)) * 0.5
    // Terms b_n = a_n h^n for n >= 3 from b_n = (c h b_(n-1) + h^2 b_(n-2)) / n,
    // two at a time: b_n = p1 b_(n-1) + p2 b_(n-2) and
    // b_(n+1) = q1 b_(n-1) + q2 b_(n-2), whose multipliers depend only on n and
    // are formed off the dependency chain (one multiply-add per two terms).
    let ch = c * h
    let h2 = h * h
    var bPrev = a1.hi * h
    var b = a2 * h2
    var tail = 0.0
    let stop = 0x1p-66 * a0.hi
    var n = 3.0
    while n < 32 {
      let inv0 = 1 / n
      let inv1 = 1 / (n + 1)
      let p1 = ch * inv0
      let p2 = h2 * inv0
      let q1 = (ch * p1 + h2) * inv1
      let q2 = ch * p2 * inv1
      let next0 = p1 * b + p2 * bPrev
      let next1 = q1 * b + q2 * bPrev
      tail += next0 + next1
      if abs(next0) + abs(next1) < stop { break }
      bPrev = next0
      b = next1
      n += 2
    }
    return (a0 + a1 * h) + (a2 * h2 + tail)
  }

  // MARK: - Softmax

  /// The pieces of softmax(z) that softmax, log-softmax and their
  /// Jacobians are built from, each without cancellation.
  public struct SoftmaxParts: Sendable {
    /// z_i - max(z), exact (TwoSum; `(-inf, 0)` if the difference overflows).
    public var shifted: [DoubleDouble]
    /// p_i = e_i / S, e_i = e^(z_i - max), S = sum_j e_j.
    public var p: [DoubleDouble]
    /// 1 - p_i, formed as (sum over j != i of e_j) / S, never as a difference.
    public var complement: [DoubleDouble]
    /// S - 1: the sum of every term but that of the first maximum (which is 1).
    public var sumBesideMaximum: DoubleDouble
  }

  /// Softmax of z (length >= 1) as ``SoftmaxParts``.
  ///
  /// ```
  /// m = max z;  e_i = e^(z_i - m) (argument exact);  S = sum e_i (DoubleDouble)
  /// p_i = e_i / S;  1 - p_i = (prefix_i + suffix_(i+1)) / S
  /// ```
  /// The naive exp(z_i) / sum exp(z_j) overflows once a logit exceeds
  /// 709.78 (inf/inf); subtracting the maximum makes the largest term 1, and
  /// forming z_i - m exactly keeps each e_i within half an ulp (rounding the
  /// difference first costs |z_i - m| 2^-53 relative: 4 ulp at a spread of 4).
  /// `1 - p_i` as a difference loses everything when p_i is near 1; the sum
  /// of the other terms keeps it (1.2e-308 for z = [-745, 0, 709]).
  public static func softmaxParts(_ z: [Double]) -> SoftmaxParts {
    let n = z.count
    var m = -Double.infinity
    var argmax = 0
    for (i, v) in z.enumerated() where v > m {
      m = v
      argmax = i
    }
    var shifted = [DoubleDouble](repeating: DoubleDouble(0), count: n)
    var e = [Double](repeating: 0, count: n)
    for i in 0..<n {
      let d = DoubleDouble.twoSum(z[i], -m)
      shifted[i] = d.hi.isFinite ? d : DoubleDouble(d.hi, 0)
      e[i] = exp(shifted[i])
    }
    // prefix[i] = e_0 + ... + e_(i-1); suffix[i] = e_i + ... + e_(n-1).
    var prefix = [DoubleDouble](repeating: DoubleDouble(0), count: n + 1)
    for i in 0..<n { prefix[i + 1] = prefix[i] + e[i] }
    var suffix = [DoubleDouble](repeating: DoubleDouble(0), count: n + 1)
    for i in stride(from: n - 1, through: 0, by: -1) { suffix[i] = suffix[i + 1] + e[i] }
    let total = prefix[n]
    var p = [DoubleDouble](repeating: DoubleDouble(0), count: n)
    var complement = [DoubleDouble](repeating: DoubleDouble(0), count: n)
    var besideMaximum = DoubleDouble(0)
    for i in 0..<n {
      let others = prefix[i] + suffix[i + 1]
      p[i] = DoubleDouble(e[i]) / total
      complement[i] = others / total
      if i == argmax { besideMaximum = others }
    }
    return SoftmaxParts(shifted: shifted, p: p, complement: complement, sumBesideMaximum: besideMaximum)
  }

  /// R(j/4) for j = 0...104 (hi, lo pairs), from the 50-digit values of
  /// Phi(-t) / phi(t).
  @usableFromInline
  static let millsNodes: [Double] = [
    0x1.40d931ff62706p+0, -0x1.a6a0d6f814637p-54,  // R(0)
    0x1.09aedf1446de3p+0, 0x1.0f579c7841b83p-55,  // R(0.25)
    0x1.c0b2d78fb0db8p-1, 0x1.f03fc945f6d6bp-56,  // R(0.5)
    0x1.81510273fa9f7p-1, -0x1.6dafd8b8422a5p-55,  // R(0.75)
    0x1.4fb53a9eb0a1cp-1, 0x1.f3a27ff1fa5b6p-56,  // R(1)
    0x1.282805b693bb5p-1, -0x1.0951817ce278bp-55,  // R(1.25)
    0x1.0818fcc1d2b2dp-1, -0x1.45705da5bff85p-55,  // R(1.5)
    0x1.db73467cf148ep-2, -0x1.13d48d8ca55fap-56,  // R(1.75)
    0x1.af7b6a4d54e8dp-2, -0x1.1d868ca5c856ap-57,  // R(2)
    0x1.8a6450445bb96p-2, 0x1.ab6e9e8de335ap-56,  // R(2.25)
    0x1.6ac4792d19de8p-2, 0x1.3a97f8f795bddp-57,  // R(2.5)
    0x1.4f8ae774d1389p-2, 0x1.b3ea0f61ca78dp-56,  // R(2.75)
    0x1.37e684ee8e185p-2, 0x1.59d67caa83d55p-58,  // R(3)
    0x1.233512cf6779ap-2, -0x1.b846254021106p-57,  // R(3.25)
    0x1.10f724278b794p-2, -0x1.4caa5e4b5f17dp-58,  // R(3.5)
    0x1.00c785530ab11p-2, 0x1.06768791f8186p-56,  // R(3.75)
    0x1.e4aa012912ddep-3, 0x1.538abcb9214a8p-58,  // R(4)
    0x1.cabb94b532c3ap-3, -0x1.f79d39e3e71b1p-59,  // R(4.25)
    0x1.b3583458b8dc3p-3, 0x1.4a943606a6357p-57,  // R(4.5)
    0x1.9e27375ea4545p-3, -0x1.ceef22d9e1d0ep-57,  // R(4.75)
    0x1.8adef9c13f89dp-3, 0x1.b16c08b7f31f2p-58,  // R(5)
    0x1.7941dfedadc79p-3, 0x1.e01cd034d0497p-59,  // R(5.25)
    0x1.691c068ae0ee8p-3, 0x1.f32049436700ep-59,  // R(5.5)
    0x1.5a417375d8c66p-3, 0x1.0febc5d4de751p-61,  // R(5.75)
    0x1.4c8ca8b939648p-3, 0x1.ee69cf55c268cp-57,  // R(6)
    0x1.3fdd827dc763bp-3, -0x1.367cdddd24a9cp-58,  // R(6.25)
    0x1.34184ed5d9148p-3, -0x1.89c5aa729778ep-57,  // R(6.5)
    0x1.2925128a71ccbp-3, 0x1.033142621fc2fp-57,  // R(6.75)
    0x1.1eeef12fb5865p-3, 0x1.bf8cc02ecd582p-57,  // R(7)
    0x1.1563b113e802cp-3, 0x1.ecbc9772b515bp-59,  // R(7.25)
    0x1.0c735552e368ep-3, 0x1.2690da8f1fa82p-58,  // R(7.5)
    0x1.040fc9a11f089p-3, -0x1.e82ce2dcacf64p-58,  // R(7.75)
    0x1.f85938b48fbd8p-4, -0x1.7cf7be04427c3p-60,  // R(8)
    0x1.e97d883a154bap-4, 0x1.70789049382f5p-58,  // R(8.25)
    0x1.db78dd9e51e42p-4, 0x1.ea0950675c820p-59,  // R(8.5)
    0x1.ce39b0aaa0f6cp-4, 0x1.1da3236ece7a5p-58,  // R(8.75)
    0x1.c1b04f430c789p-4, 0x1.5652cb83a3548p-60,  // R(9)
    0x1.b5cea1fe96c52p-4, 0x1.85af2aeef3b85p-63,  // R(9.25)
    0x1.aa87f974cba9dp-4, 0x1.2c880d55041aep-58,  // R(9.5)
    0x1.9fd0e2cf82d29p-4, 0x1.a6e34e041f0f5p-59,  // R(9.75)
    0x1.959f0273701b2p-4, -0x1.d9321b5f64b3cp-58,  // R(10)
    0x1.8be8f3c841f8fp-4, -0x1.530e22efe6b7dp-58,  // R(10.25)
    0x1.82a62d54919abp-4, -0x1.87f5afb5b6674p-58,  // R(10.5)
    0x1.79cee8850c419p-4, -0x1.b89e1c9cc3b85p-64,  // R(10.75)
    0x1.715c0c92bf9dbp-4, -0x1.3ac2b9b45f5e1p-58,  // R(11)
    0x1.69471c13ae1a2p-4, 0x1.105f2ad4a980fp-59,  // R(11.25)
    0x1.618a24d3d2c31p-4, 0x1.f69ceb4f71b0ep-58,  // R(11.5)
    0x1.5a1fb1a45b4ecp-4, 0x1.4ac0630ab95bcp-59,  // R(11.75)
    0x1.5302bddbc185fp-4, 0x1.266a44b986321p-61,  // R(12)
    0x1.4c2eaa4c18b4dp-4, 0x1.e35f7db16133cp-60,  // R(12.25)
    0x1.459f337dc1c2ap-4, -0x1.0b5b1ede3b4eap-59,  // R(12.5)
    0x1.3f5069041da7bp-4, 0x1.f2121d40f212ap-58,  // R(12.75)
    0x1.393ea5c80623ep-4, -0x1.972a6a7202250p-59,  // R(13)
    0x1.3366892906932p-4, -0x1.2d02cd2459b95p-58,  // R(13.25)
    0x1.2dc4f0daaee1ap-4, 0x1.61cc6d17d3259p-61,  // R(13.5)
    0x1.2856f3670ce38p-4, 0x1.73560f08028d5p-59,  // R(13.75)
    0x1.2319db427a17dp-4, -0x1.1caa5dd3f81c2p-59,  // R(14)
    0x1.1e0b225f95205p-4, -0x1.35b0a39cb7b47p-62,  // R(14.25)
    0x1.19286e3482b02p-4, -0x1.f211074a0d2ffp-60,  // R(14.5)
    0x1.146f8c24819dep-4, 0x1.bd35c90c524adp-60,  // R(14.75)
    0x1.0fde6e42868efp-4, -0x1.d9aced0002c52p-58,  // R(15)
    0x1.0b73286300732p-4, 0x1.1b5d6b3af2c8ep-59,  // R(15.25)
    0x1.072bed742106ep-4, -0x1.6a9a27e6827d6p-58,  // R(15.5)
    0x1.03070d15137a1p-4, -0x1.cc0c269dac79dp-60,  // R(15.75)
    0x1.fe05e2caeb505p-5, -0x1.541449819a03ap-59,  // R(16)
    0x1.f63c3a0e66b92p-5, 0x1.221ae9f85c8fcp-60,  // R(16.25)
    0x1.eeae529b2707dp-5, 0x1.060f5121e8de9p-62,  // R(16.5)
    0x1.e7598929c1629p-5, -0x1.e05438b134212p-59,  // R(16.75)
    0x1.e03b617d3891ap-5, -0x1.2ee1e69d3e817p-60,  // R(17)
    0x1.d951839d414f7p-5, -0x1.07a4d5edd9468p-59,  // R(17.25)
    0x1.d299b94bfa34fp-5, -0x1.c60fd443ab63ep-59,  // R(17.5)
    0x1.cc11ebb160ae3p-5, -0x1.d27042486200bp-59,  // R(17.75)
    0x1.c5b821376a63bp-5, -0x1.89ff1250e499cp-59,  // R(18)
    0x1.bf8a7b9235a18p-5, -0x1.e13f91f0efee8p-59,  // R(18.25)
    0x1.b98735f03df4dp-5, -0x1.d7c51d36bb7a5p-60,  // R(18.5)
    0x1.b3aca34eee9acp-5, -0x1.acdf1ab65b11cp-61,  // R(18.75)
    0x1.adf92cf04c422p-5, 0x1.798e8625800a4p-60,  // R(19)
    0x1.a86b50eec4a20p-5, -0x1.59f6667018c63p-61,  // R(19.25)
    0x1.a301a0ec7dd90p-5, -0x1.101602e637b1fp-59,  // R(19.5)
    0x1.9dbac0dbc29d7p-5, -0x1.c5b9f5192d244p-59,  // R(19.75)
    0x1.989565de63fd3p-5, -0x1.ec27086623adfp-59,  // R(20)
    0x1.9390553a1eabdp-5, 0x1.f11c1496853dep-61,  // R(20.25)
    0x1.8eaa63604167ep-5, -0x1.39c913c7d611ep-62,  // R(20.5)
    0x1.89e27306fc817p-5, -0x1.43d2d2b8e0dfcp-60,  // R(20.75)
    0x1.85377452e89b9p-5, -0x1.b9eb67dc033fep-60,  // R(21)
    0x1.80a8640f74df0p-5, -0x1.e424cf081e512p-59,  // R(21.25)
    0x1.7c344af50b74ep-5, -0x1.764556380983ep-59,  // R(21.5)
    0x1.77da3cfbd6a64p-5, 0x1.86c34b49ad23bp-60,  // R(21.75)
    0x1.739958ba29c18p-5, 0x1.7ba94da525a78p-60,  // R(22)
    0x1.6f70c6cda736dp-5, 0x1.0c4faa3275483p-60,  // R(22.25)
    0x1.6b5fb94e517e4p-5, 0x1.5ba84a3e51b00p-59,  // R(22.5)
    0x1.67656b4ac685ep-5, -0x1.d663f4ad80ad4p-60,  // R(22.75)
    0x1.6381204cf5d4dp-5, 0x1.4c7f2104f69ddp-60,  // R(23)
    0x1.5fb223e6b0705p-5, -0x1.b2990e0503bbep-59,  // R(23.25)
    0x1.5bf7c9457f067p-5, -0x1.11662bba8c278p-59,  // R(23.5)
    0x1.58516acd371d6p-5, 0x1.a7ed2869af9ccp-59,  // R(23.75)
    0x1.54be69b8d31b9p-5, 0x1.89f571558bd65p-61,  // R(24)
    0x1.513e2dc11b134p-5, 0x1.450d82a469fb0p-59,  // R(24.25)
    0x1.4dd024c8b568ep-5, -0x1.9116fda581275p-60,  // R(24.5)
    0x1.4a73c28d3ec38p-5, 0x1.189a70baee7dfp-61,  // R(24.75)
    0x1.4728805d10562p-5, -0x1.7f88df213ef1bp-60,  // R(25)
    0x1.43eddcd1627fdp-5, -0x1.ff5e50dfb7466p-60,  // R(25.25)
    0x1.40c35b8c801a8p-5, -0x1.4f79e15a0a4d3p-60,  // R(25.5)
    0x1.3da884fbc49a5p-5, 0x1.f86cf98c775cdp-60,  // R(25.75)
    0x1.3a9ce61d246d9p-5, 0x1.e8b219cea66c8p-61   // R(26)
  ]
}
