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

  /// sech^2 x = 1 - tanh^2 x = 4 e^-2|x| / (1 + e^-2|x|)^2, the derivative
  /// of tanh.
  ///
  /// The textbook `1 - tanh(x)^2` is 0 once tanh rounds to ±1 (|x| > 19.1)
  /// although the exact value is about 4 e^-2|x|. Here `-2|x|` is exact,
  /// `1 + e` is formed exactly and the quotient is taken in DoubleDouble:
  /// the only errors are `exp`'s half ulp and the final rounding. For
  /// |x| > 354, where e^-2|x| is subnormal, the result is 4 m 2^k with one
  /// rounding.
  @inlinable
  public static func sechSquared(_ x: Double) -> Double {
    let a = abs(x)
    if a > 354 {
      let (m, k) = expScaled(DoubleDouble(-2 * a))
      return scaled(4 * m, k)
    }
    let e = LossAtlasCore.exp(-2 * a)
    let d = DoubleDouble.twoSum(1, e)
    return (DoubleDouble(4 * e) / (d * d)).value
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
  /// t <= 26:  Taylor series about the nearest node c = j/2, R(c) tabulated
  ///           (hi + lo, 50-digit values), higher coefficients from the ODE
  ///           R' = t R - 1:  (n + 1) a_(n+1) = c a_n + a_(n-1)
  /// t >  26:  the asymptotic series R = (1/t) sum_k (-1)^k (2k-1)!! t^(-2k),
  ///           ten terms (the first omitted term is below 1e-19)
  /// ```
  /// The first three Taylor coefficients are formed in DoubleDouble (a_1 =
  /// c a_0 - 1 cancels); the rest, with |h| <= 1/4, add at most a few percent
  /// of R and are summed in Double until they fall below 2^-66 of it.
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
    let j = Int(t * 2 + 0.5)
    let c = Double(j) * 0.5
    let h = t - c
    let a0 = DoubleDouble(millsNodes[2 * j], millsNodes[2 * j + 1])
    let a1 = a0 * c - 1
    let a2 = (a1 * c + a0) * 0.5
    // Terms b_n = a_n h^n for n >= 3 from b_n = (c h b_(n-1) + h^2 b_(n-2)) / n.
    let ch = c * h
    let h2 = h * h
    var bPrev = a1.hi * h
    var b = a2.hi * h2
    var tail = 0.0
    let stop = 0x1p-66 * a0.hi
    var n = 3.0
    while n <= 24 {
      let next = (ch * b + h2 * bPrev) / n
      tail += next
      if abs(next) + abs(b) < stop { break }
      bPrev = b
      b = next
      n += 1
    }
    return a0 + a1 * h + (a2 * h) * h + tail
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

  /// R(j/2) for j = 0...52 (hi, lo pairs), from the 50-digit values of
  /// Phi(-t) / phi(t).
  @usableFromInline
  static let millsNodes: [Double] = [
    0x1.40d931ff62706p+0, -0x1.a6a0d6f814637p-54,  // R(0)
    0x1.c0b2d78fb0db8p-1, 0x1.f03fc945f6d6bp-56,  // R(0.5)
    0x1.4fb53a9eb0a1cp-1, 0x1.f3a27ff1fa5b6p-56,  // R(1)
    0x1.0818fcc1d2b2dp-1, -0x1.45705da5bff85p-55,  // R(1.5)
    0x1.af7b6a4d54e8dp-2, -0x1.1d868ca5c856ap-57,  // R(2)
    0x1.6ac4792d19de8p-2, 0x1.3a97f8f795bddp-57,  // R(2.5)
    0x1.37e684ee8e185p-2, 0x1.59d67caa83d55p-58,  // R(3)
    0x1.10f724278b794p-2, -0x1.4caa5e4b5f17dp-58,  // R(3.5)
    0x1.e4aa012912ddep-3, 0x1.538abcb9214a8p-58,  // R(4)
    0x1.b3583458b8dc3p-3, 0x1.4a943606a6357p-57,  // R(4.5)
    0x1.8adef9c13f89dp-3, 0x1.b16c08b7f31f2p-58,  // R(5)
    0x1.691c068ae0ee8p-3, 0x1.f32049436700ep-59,  // R(5.5)
    0x1.4c8ca8b939648p-3, 0x1.ee69cf55c268cp-57,  // R(6)
    0x1.34184ed5d9148p-3, -0x1.89c5aa729778ep-57,  // R(6.5)
    0x1.1eeef12fb5865p-3, 0x1.bf8cc02ecd582p-57,  // R(7)
    0x1.0c735552e368ep-3, 0x1.2690da8f1fa82p-58,  // R(7.5)
    0x1.f85938b48fbd8p-4, -0x1.7cf7be04427c3p-60,  // R(8)
    0x1.db78dd9e51e42p-4, 0x1.ea0950675c820p-59,  // R(8.5)
    0x1.c1b04f430c789p-4, 0x1.5652cb83a3548p-60,  // R(9)
    0x1.aa87f974cba9dp-4, 0x1.2c880d55041aep-58,  // R(9.5)
    0x1.959f0273701b2p-4, -0x1.d9321b5f64b3cp-58,  // R(10)
    0x1.82a62d54919abp-4, -0x1.87f5afb5b6674p-58,  // R(10.5)
    0x1.715c0c92bf9dbp-4, -0x1.3ac2b9b45f5e1p-58,  // R(11)
    0x1.618a24d3d2c31p-4, 0x1.f69ceb4f71b0ep-58,  // R(11.5)
    0x1.5302bddbc185fp-4, 0x1.266a44b986321p-61,  // R(12)
    0x1.459f337dc1c2ap-4, -0x1.0b5b1ede3b4eap-59,  // R(12.5)
    0x1.393ea5c80623ep-4, -0x1.972a6a7202250p-59,  // R(13)
    0x1.2dc4f0daaee1ap-4, 0x1.61cc6d17d3259p-61,  // R(13.5)
    0x1.2319db427a17dp-4, -0x1.1caa5dd3f81c2p-59,  // R(14)
    0x1.19286e3482b02p-4, -0x1.f211074a0d2ffp-60,  // R(14.5)
    0x1.0fde6e42868efp-4, -0x1.d9aced0002c52p-58,  // R(15)
    0x1.072bed742106ep-4, -0x1.6a9a27e6827d6p-58,  // R(15.5)
    0x1.fe05e2caeb505p-5, -0x1.541449819a03ap-59,  // R(16)
    0x1.eeae529b2707dp-5, 0x1.060f5121e8de9p-62,  // R(16.5)
    0x1.e03b617d3891ap-5, -0x1.2ee1e69d3e817p-60,  // R(17)
    0x1.d299b94bfa34fp-5, -0x1.c60fd443ab63ep-59,  // R(17.5)
    0x1.c5b821376a63bp-5, -0x1.89ff1250e499cp-59,  // R(18)
    0x1.b98735f03df4dp-5, -0x1.d7c51d36bb7a5p-60,  // R(18.5)
    0x1.adf92cf04c422p-5, 0x1.798e8625800a4p-60,  // R(19)
    0x1.a301a0ec7dd90p-5, -0x1.101602e637b1fp-59,  // R(19.5)
    0x1.989565de63fd3p-5, -0x1.ec27086623adfp-59,  // R(20)
    0x1.8eaa63604167ep-5, -0x1.39c913c7d611ep-62,  // R(20.5)
    0x1.85377452e89b9p-5, -0x1.b9eb67dc033fep-60,  // R(21)
    0x1.7c344af50b74ep-5, -0x1.764556380983ep-59,  // R(21.5)
    0x1.739958ba29c18p-5, 0x1.7ba94da525a78p-60,  // R(22)
    0x1.6b5fb94e517e4p-5, 0x1.5ba84a3e51b00p-59,  // R(22.5)
    0x1.6381204cf5d4dp-5, 0x1.4c7f2104f69ddp-60,  // R(23)
    0x1.5bf7c9457f067p-5, -0x1.11662bba8c278p-59,  // R(23.5)
    0x1.54be69b8d31b9p-5, 0x1.89f571558bd65p-61,  // R(24)
    0x1.4dd024c8b568ep-5, -0x1.9116fda581275p-60,  // R(24.5)
    0x1.4728805d10562p-5, -0x1.7f88df213ef1bp-60,  // R(25)
    0x1.40c35b8c801a8p-5, -0x1.4f79e15a0a4d3p-60,  // R(25.5)
    0x1.3a9ce61d246d9p-5, 0x1.e8b219cea66c8p-61   // R(26)
  ]
}
