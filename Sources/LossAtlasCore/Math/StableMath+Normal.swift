/// The standard normal distribution for gelu: phi(0) and the Mills ratio
/// R(t) = Phi(-t) / phi(t), tabulated and by series.
extension StableMath {
  /// 1 / sqrt(2 pi), the standard normal density at 0.
  public static let inverseSqrtTwoPi = DoubleDouble(0x1.9884533d43651p-2, -0x1.cbc0d30ebfd15p-56)

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

  /// The Mills ratio R(t) = Phi(-t) / phi(t) for 0 <= t <= 6 + 1/16, as a
  /// double-double, from a table: one polynomial per node, no loop.
  ///
  /// ```
  /// c = j/8 nearest t,  h = t - c (exact, |h| <= 1/16)
  /// R(t) = a0 + h (b1 + b2 h + ... + b9 h^8)    a0 = R(c) as hi + lo
  /// ```
  /// The coefficients interpolate (R(c + h) - R(c)) / h at the 9 Chebyshev
  /// points of [-1/16, 1/16] (40-digit arithmetic), then rounded to Double:
  /// with those rounded coefficients the polynomial is within 2^-58 of R
  /// relative (the worst node is c = 0, where R grows like e^(t^2/2)). The
  /// polynomial is evaluated by Estrin's scheme (depth 4 rather than Horner's 8);
  /// its terms are at most a sixteenth of a0 (|R'| <= 1), so their rounding
  /// errors reach R damped sixteenfold and the sum with a0 (a TwoSum, |a0| >
  /// the tail) keeps R to about 2^-57. ``millsRatio(_:)`` covers every t >= 0
  /// at about three times the cost.
  @inlinable @inline(__always)
  public static func millsRatioTabulated(_ t: Double) -> DoubleDouble {
    let j = Int(t * 8 + 0.5)
    let h = t - Double(j) * 0.125
    return millsTable.withUnsafeBufferPointer { p in
      let k = 11 * j
      let h2 = h * h
      let h4 = h2 * h2
      let q01 = p[k + 2].addingProduct(p[k + 3], h)
      let q23 = p[k + 4].addingProduct(p[k + 5], h)
      let q45 = p[k + 6].addingProduct(p[k + 7], h)
      let q67 = p[k + 8].addingProduct(p[k + 9], h)
      let r03 = q01.addingProduct(q23, h2)
      let r47 = q45.addingProduct(q67, h2)
      let tail = h * r03.addingProduct(r47.addingProduct(p[k + 10], h4), h4)
      let a0 = p[k]
      let rh = a0 + tail
      return DoubleDouble(rh, ((a0 - rh) + tail) + p[k + 1])
    }
  }

  /// The nodes of ``millsRatioTabulated(_:)``: for j = 0...48, R(j/8) as hi,
  /// lo, then b1 ... b9 (11 Doubles a node).
  @usableFromInline
  static let millsTable: [Double] = [
    // R(0.0)
    0x1.40d931ff62706p+0, -0x1.a6a0d6f814637p-54,
    -0x1.0000000000000p+0, 0x1.40d931ff626eep-1, -0x1.5555555555547p-2, 0x1.40d931ffb2b53p-3, -0x1.111111114061cp-4,
    0x1.abcc39a240f5ap-6, -0x1.38137be57b5bap-7, 0x1.ac2c8fdbad38fp-9, -0x1.159f7007118bcp-10,
    // R(0.125)
    0x1.23329ae210ff4p+0, -0x1.eb1d40d393e77p-54,
    -0x1.b73359477bc03p-1, 0x1.07bf654d99423p-1, -0x1.0ed248693064ap-2, 0x1.eda4818e77eccp-4, -0x1.98a1d3c7d7c3fp-5,
    0x1.3811922b366b0p-6, -0x1.bcb7a94fefc83p-8, 0x1.2a6c4f676457cp-9, -0x1.7b07dc4090711p-11,
    // R(0.25)
    0x1.09aedf1446de3p+0, 0x1.0f579c7841b83p-55,
    -0x1.7b289075dc90ep-1, 0x1.b4939a0b1696dp-2, -0x1.b0c826f0a251cp-3, 0x1.7e7a952d4ac2bp-4, -0x1.33fa436f5df63p-5,
    0x1.caa45e2d8710bp-7, -0x1.3f36d36ac5688p-8, 0x1.a3147963b6267p-10, -0x1.04ace7aa8fce6p-11,
    // R(0.375)
    0x1.e72e927666adap-1, -0x1.f458be3030644p-57,
    -0x1.494e8913997eep-1, 0x1.6bb11f0f0d1d2p-2, -0x1.5c2719abb40bdp-3, 0x1.2a69ca3f0c93dp-4, -0x1.d38539334850cp-6,
    0x1.5371b64eaa8d3p-7, -0x1.cd92253c038dep-9, 0x1.286714e7c7431p-10, -0x1.692e2bbc3d914p-12,
    // R(0.5)
    0x1.c0b2d78fb0db8p-1, 0x1.f03fc945f6d6bp-56,
    -0x1.1fa6943827924p-1, 0x1.30df8d739d11cp-2, -0x1.19e8ebcf00673p-3, 0x1.d4caa4fffd4abp-5, -0x1.654c2518337cdp-6,
    0x1.f9f4c80eb4fbcp-8, -0x1.500f764d69274p-9, 0x1.a641bf15ca209p-11, -0x1.f805758c65802p-13,
    // R(0.625)
    0x1.9efe466edb8d2p-1, 0x1.4057d67f9c6b3p-56,
    -0x1.f94227f56d8f9p-2, 0x1.011999f2294fdp-2, -0x1.cb6d8a52c4fc1p-4, 0x1.72a0f8aaa3796p-5, -0x1.12e296e47fa0dp-6,
    0x1.7ba2dccbb4b86p-8, -0x1.ecb9704981736p-10, 0x1.2edd94bd84e07p-11, -0x1.62244fb1205d0p-13,
    // R(0.75)
    0x1.81510273fa9f7p-1, -0x1.6dafd8b8422a5p-55,
    -0x1.be067c520810ep-2, 0x1.b41d27aa6f319p-3, -0x1.78a4bc98287d2p-4, 0x1.26df60f180351p-5, -0x1.a9b4c062c2b27p-7,
    0x1.1ebca2df571c9p-8, -0x1.6ba2478e34ccdp-10, 0x1.b569b1e636e09p-12, -0x1.f5131b22476dfp-14,
    // R(0.875)
    0x1.670e47a65a82dp-1, -0x1.a27cb0f3e0c90p-56,
    -0x1.8ba7029ce19b2p-2, 0x1.73ea6d036f9d7p-3, -0x1.3695ee8f2bb28p-4, 0x1.d811a949c5f8fp-6, -0x1.4bb68271ce063p-7,
    0x1.b3ed109097b9bp-9, -0x1.0e1e71a0d41fep-10, 0x1.3df5b8a33e0e0p-12, -0x1.64dc43281df60p-14,
    // R(1.0)
    0x1.4fb53a9eb0a1cp-1, 0x1.f3a27ff1fa5b6p-56,
    -0x1.60958ac29ebc8p-2, 0x1.3ed4ea7ac286cp-3, -0x1.018ec75c51f67p-4, 0x1.7c1b0d9952b6ap-6, -0x1.040cd3234b8e4p-7,
    0x1.4d70d7262029cp-9, -0x1.93dccfba6d554p-11, 0x1.d13f2cc2bf1bbp-13, -0x1.ffa25ef735b76p-15,
    // R(1.125)
    0x1.3adb542dfc7bap-1, -0x1.1e2d479060ae6p-58,
    -0x1.3b92829887e9ep-2, 0x1.12b1d570600ffp-3, -0x1.ad7bf16e2fac8p-5, 0x1.33cdf312dbafbp-6, -0x1.9a268dec4a9a5p-8,
    0x1.00997706b251bp-9, -0x1.2fc963d6d1635p-11, 0x1.56875ba581844p-13, -0x1.711d6580eaeb9p-15,
    // R(1.25)
    0x1.282805b693bb5p-1, -0x1.0951817ce278bp-55,
    -0x1.1b9bf1b78eabcp-2, 0x1.db9a3a8f6a3f8p-4, -0x1.67f4a91ca3ea1p-5, 0x1.f542a1bb2779ap-7, -0x1.454c8a83920ddp-8,
    0x1.8d43b5f5f57f5p-10, -0x1.cbc7b48fcd090p-12, 0x1.fb771a2ccd217p-14, -0x1.0bf5c566235bcp-15,
    // R(1.375)
    0x1.17514c7e7bec5p-1, -0x1.a77ca7e09b34bp-55,
    -0x1.ffc0db48566c7p-3, 0x1.9d9c047678dbep-4, -0x1.2f3220492f1c1p-5, 0x1.9a531c8867c78p-7, -0x1.036f4a5d5d070p-8,
    0x1.3548c9f938bcap-10, -0x1.5dfc06cbc5d43p-12, 0x1.7a2b1f44d8298p-14, -0x1.876da05a3e76fp-16,
    // R(1.5)
    0x1.0818fcc1d2b2dp-1, -0x1.45705da5bff85p-55,
    -0x1.cf6a13750fcf4p-3, 0x1.6944d5d7b3142p-4, -0x1.009deec461fffp-5, 0x1.519cc588e39eep-7, -0x1.a00a0f037ef0bp-9,
    0x1.e442a6b5408c8p-11, -0x1.0beeeaf2eafcdp-12, 0x1.1b76f9cb20dfap-14, -0x1.1f990a75d294dp-16,
    // R(1.625)
    0x1.f49535cbfbfeep-2, 0x1.a7fb5eec99765p-56,
    -0x1.a51b11290d039p-3, 0x1.3cde6fb542d7ep-4, -0x1.b4663bba11e02p-6, 0x1.1729cee36319dp-7, -0x1.4f539f689cbf7p-9,
    0x1.7d2a3852b9de8p-11, -0x1.9c85a0cb56307p-13, 0x1.ab612c019b46fp-15, -0x1.a914133102b99p-17,
    // R(1.75)
    0x1.db73467cf148ep-2, -0x1.13d48d8ca55fap-56,
    -0x1.7fec894ab3810p-3, 0x1.17089cb7286fep-4, -0x1.74b800712afd5p-6, 0x1.cfe07216a7ee2p-8, -0x1.0fa2e40bb0249p-9,
    0x1.2d97e170625d2p-11, -0x1.3f4a24111b4f5p-13, 0x1.43f8aea3574f4p-15, -0x1.3bec78e16ad48p-17,
    // R(1.875)
    0x1.c48050a308297p-2, -0x1.c5b621b9eed03p-56,
    -0x1.5f1ed19ca164bp-3, 0x1.ed4db080c36bep-5, -0x1.3fb112560f704p-6, 0x1.832f5ea036aaep-8, -0x1.ba3c5feffdf90p-10,
    0x1.dfb2d6df8f803p-12, -0x1.f0dca6463ff8dp-14, 0x1.edd420c6bcde3p-16, -0x1.d83324ee41e91p-18,
    // R(2.0)
    0x1.af7b6a4d54e8dp-2, -0x1.1d868ca5c856ap-57,
    -0x1.421256caac5cdp-3, 0x1.b5a44e0aa2300p-5, -0x1.1355d4b8f361fp-6, 0x1.449cf2a367077p-8, -0x1.69b1247db0846p-10,
    0x1.7f60feed95772p-12, -0x1.8493be109511bp-14, 0x1.7a5b76d2e3590p-16, -0x1.62cc57784a92fp-18,
    // R(2.125)
    0x1.9c2ccac41d903p-2, -0x1.ec4d3305e1027p-56,
    -0x1.2841a23e825b5p-3, 0x1.859c3986cc3c7p-5, -0x1.dc2368fa1f3bbp-7, 0x1.1152d383de456p-8, -0x1.292bd9fce39bcp-10,
    0x1.33debda715bf9p-12, -0x1.316808b3b8f3ep-14, 0x1.236078b1f3f0cp-16, -0x1.0bfdf739962ebp-18,
    // R(2.25)
    0x1.8a6450445bb96p-2, 0x1.ab6e9e8de335ap-56,
    -0x1.113c96cc633dbp-3, 0x1.5c009a79b04ffp-5, -0x1.9d4154d500591p-7, 0x1.ce2f6b078ae0cp-9, -0x1.ea7bb535bc4bcp-11,
    0x1.f0c4e0966f7afp-13, -0x1.e266c195a2087p-15, 0x1.c3082215789d5p-17, -0x1.96ee6c0d8665fp-19,
    // R(2.375)
    0x1.79f84a0a01afcp-2, 0x1.5c93f12a93a87p-61,
    -0x1.f94940a0effa6p-4, 0x1.37d32ea9cccc5p-5, -0x1.67fbede8ccbf1p-7, 0x1.8856659e54b88p-9, -0x1.968205090388ep-11,
    0x1.929885414681bp-13, -0x1.7ec7e51b006d0p-15, 0x1.5ec91c6b3a81fp-17, -0x1.368072efe0b99p-19,
    // R(2.5)
    0x1.6ac4792d19de8p-2, 0x1.3a97f8f795bddp-57,
    -0x1.d453443cfd4eep-4, 0x1.1841ba1bee34cp-5, -0x1.3aad9ef034227p-7, 0x1.4e54db173c5c9p-9, -0x1.524eacd23ea92p-11,
    0x1.47b47c37e1cdap-13, -0x1.311fb2065039fp-15, 0x1.121d8be946df8p-17, -0x1.dc2a0bcf91495p-20,
    // R(2.625)
    0x1.5ca93db40451fp-2, -0x1.1fc9f6a87efdcp-57,
    -0x1.b30ef81dd2a3cp-4, 0x1.f93b570390b3bp-6, -0x1.140012b3f47a1p-7, 0x1.1df67ceec418cp-9, -0x1.1aadcf174c3afp-11,
    0x1.0be121be9861cp-13, -0x1.e89bb69302ec8p-16, 0x1.ae62d2976b9b3p-18, -0x1.6ed92c54af105p-20,
    // R(2.75)
    0x1.4f8ae774d1389p-2, 0x1.b3ea0f61ca78dp-56,
    -0x1.95080dfb02918p-4, 0x1.c8aaeec1fba45p-6, -0x1.e5b834737302dp-8, 0x1.eaf12aca790bcp-10, -0x1.da3ae34dad24bp-12,
    0x1.b7c1cfdd929edp-14, -0x1.88e84f9968279p-16, 0x1.5364a31326ce0p-18, -0x1.1bf1819e4b397p-20,
    // R(2.875)
    0x1.43512418e52bep-2, 0x1.cc5fb2ea66750p-56,
    -0x1.79dae0e1b4872p-4, 0x1.9dde93b55b565p-6, -0x1.acba23d1e4b06p-8, 0x1.a6e327da0107ap-10, -0x1.8f493090b61ecp-12,
    0x1.6a66cc06a1f99p-14, -0x1.3d478ab97fbd3p-16, 0x1.0ccf8824d8d8dp-18, -0x1.b98aba9ef00a2p-21,
    // R(3.0)
    0x1.37e684ee8e185p-2, 0x1.59d67caa83d55p-58,
    -0x1.6131c4d156dc3p-4, 0x1.78098a8c67996p-6, -0x1.7b8def8030db5p-8, 0x1.6d7c5bb10fc9cp-10, -0x1.516888be1c94fp-12,
    0x1.2bcfe2227275dp-14, -0x1.0141698b37b2ap-16, 0x1.aba152e551d7ap-19, -0x1.58d301add85d1p-21,
    // R(3.125)
    0x1.2d38184268d98p-2, 0x1.a597f43885b05p-59,
    -0x1.4ac2d0c1e1613p-4, 0x1.567f2957862c7p-6, -0x1.50fd2d1d584d3p-8, 0x1.3ce5786267ce3p-10, -0x1.1e1fb034ba939p-12,
    0x1.f1ee77d16c805p-15, -0x1.a2d4b9c8040fcp-17, 0x1.558ddc6d94aa6p-19, -0x1.0e73decc57ef4p-21,
    // R(3.25)
    0x1.233512cf6779ap-2, -0x1.b846254021106p-57,
    -0x1.364e0b77bed31p-4, 0x1.38ad4bf0e3711p-6, -0x1.2c069ec020265p-8, 0x1.139fabd327a4cp-10, -0x1.e6ec141d42971p-13,
    0x1.9efebd168452bp-15, -0x1.564282e8a8275p-17, 0x1.11e8156cd9174p-19, -0x1.aa0669508af48p-22,
    // R(3.375)
    0x1.19ce867cd112cp-2, 0x1.f59a42535f832p-56,
    -0x1.239be86af9827p-4, 0x1.1e17d3147465ap-6, -0x1.0bd44c5e7c43dp-8, 0x1.e0e59525e00ffp-11, -0x1.9fafa2dce4843p-13,
    0x1.5b1909205c073p-15, -0x1.18bc9751bbc67p-17, 0x1.b90aeb938a6c1p-20, -0x1.50eaec0caee93p-22,
    // R(3.5)
    0x1.10f724278b794p-2, -0x1.4caa5e4b5f17dp-58,
    -0x1.127c05d65f5e9p-4, 0x1.0654f85fc033fp-6, -0x1.df67301ba20bcp-9, 0x1.a4be9a9d4d54ap-11, -0x1.64014f6cd1b38p-13,
    0x1.234e8d005d9c7p-15, -0x1.ce397cb83fbc9p-18, 0x1.647122286031dp-20, -0x1.0b82f0edf8384p-22,
    // R(3.625)
    0x1.08a3069eed562p-2, -0x1.ef59282912ebbp-58,
    -0x1.02c41fff8e9f5p-4, 0x1.e21499f5415c1p-7, -0x1.ae1dc2848abb8p-9, 0x1.712686b490c80p-11, -0x1.31d5e7cfb9c6cp-13,
    0x1.ea98ecfebd7b2p-16, -0x1.7dde35fc15a15p-18, 0x1.2124ac28bc511p-20, -0x1.aa7590b1ae05dp-23,
    // R(3.75)
    0x1.00c785530ab11p-2, 0x1.06768791f8186p-56,
    -0x1.e89e6044bf3fap-5, 0x1.bbd4832d10b3fp-7, -0x1.82d0c6e2a87a8p-9, 0x1.44c322e24cc91p-11, -0x1.0785e094d4e74p-13,
    0x1.9e7356585fe94p-16, -0x1.3c916bf2a2424p-18, 0x1.d6cdf94cd60fap-21, -0x1.5536bc9df7006p-23,
    // R(3.875)
    0x1.f2b61aeec5b59p-3, -0x1.e7f7c9baa4e09p-57,
    -0x1.cdf95e8b07824p-5, 0x1.99643ac0b37aep-7, -0x1.5cac1e01de111p-9, 0x1.1e75f6bb92ceep-11, -0x1.c7722cb43cc75p-14,
    0x1.5f38da75dcc4ep-16, -0x1.0750377bfd859p-18, 0x1.80a764ab324a0p-21, -0x1.12047c039db39p-23,
    // R(4.0)
    0x1.e4aa012912ddep-3, 0x1.538abcb9214a8p-58,
    -0x1.b55fed6ed221dp-5, 0x1.7a509dd205e06p-7, -0x1.3afc5344415cfp-9, 0x1.faa2546e2652dp-12, -0x1.8aadd38796a8ep-14,
    0x1.2a8c01e7416dfp-16, -0x1.b776047d180e3p-19, 0x1.3b5941dc57fcap-21, -0x1.b9b1e7dca19dap-24,
    // R(4.125)
    0x1.d75b2f61191ddp-3, -0x1.0ce2584eca4d7p-58,
    -0x1.9e9f723de1944p-5, 0x1.5e360c8a43e79p-7, -0x1.1d291c5192f26p-9, 0x1.c11d3ab124afbp-12, -0x1.56f3738e53f90p-14,
    0x1.fd0b92019aca7p-17, -0x1.6fe235b4b412dp-19, 0x1.0365806db8ed5p-21, -0x1.653d5e2a28ce9p-24,
    // R(4.25)
    0x1.cabb94b532c3ap-3, -0x1.f79d39e3e71b1p-59,
    -0x1.898b1ff7a1028p-5, 0x1.44be15f0bd87ap-7, -0x1.02b0d8d47e0ccp-9, 0x1.8f117c77be392p-12, -0x1.2ac9f7b8d8db9p-14,
    0x1.b33a1b6fb4fa4p-17, -0x1.34e99593e36ebp-19, 0x1.ac22b75563ce2p-22, -0x1.21ec3201dee90p-24,
    // R(4.375)
    0x1.bebe7208c36efp-3, 0x1.ee5c2bae17c5dp-58,
    -0x1.75fb3466a3ea5p-5, 0x1.2d9d85c401354p-7, -0x1.d649c102c6567p-10, 0x1.636981b3e7107p-12, -0x1.04fabd4670395p-14,
    0x1.7526b87802778p-17, -0x1.042bb7106fce5p-19, 0x1.627148017b68ep-22, -0x1.d827196a194bap-25,
    // R(4.5)
    0x1.b3583458b8dc3p-3, 0x1.4a943606a6357p-57,
    -0x1.63cc51c300844p-5, 0x1.1892c2eac23b5p-7, -0x1.ac4cefc99565dp-10, 0x1.3d3be04af2788p-12, -0x1.c90a1621bed3bp-15,
    0x1.40cbbec206111p-17, -0x1.b783fb3c47ff2p-20, 0x1.26576eacf6203p-22, -0x1.81b6a6847ff07p-25,
    // R(4.625)
    0x1.a87e53e063906p-3, -0x1.4d1926bbbf443p-57,
    -0x1.52def048ce117p-5, 0x1.05647061aa618p-7, -0x1.86c898feb6072p-10, 0x1.1bc3bf7349e68p-12, -0x1.9128173c3d3c8p-15,
    0x1.14830a6e32fa4p-17, -0x1.744bc33946c27p-20, 0x1.ea56039a396e9p-23, -0x1.3c1980f6e2249p-25,
    // R(4.75)
    0x1.9e27375ea4545p-3, -0x1.ceef22d9e1d0ep-57,
    -0x1.4316e3f9cdbeap-5, 0x1.e7c08a60001f3p-8, -0x1.6530be0891d66p-10, 0x1.fcb545ae98b3dp-13, -0x1.60ed8438ffe9bp-15,
    0x1.dde683071c2fcp-18, -0x1.3c39d274dfc6ep-20, 0x1.999e2082fc773p-23, -0x1.03da1688ecbf8p-25,
    // R(4.875)
    0x1.944a1ae7055f7p-3, -0x1.9983d30d46545p-58,
    -0x1.345af367173b3p-5, 0x1.c7b4241610f42p-8, -0x1.470c8f118999fp-10, 0x1.c8e6adc58afacp-13, -0x1.373321210a27dp-15,
    0x1.9e01f1ad63381p-18, -0x1.0d52070609050p-20, 0x1.572a59d766beep-23, -0x1.ac843381aea35p-26,
    // R(5.0)
    0x1.8adef9c13f89dp-3, 0x1.b16c08b7f31f2p-58,
    -0x1.26947ce7093b8p-5, 0x1.aa55da073ff78p-8, -0x1.2bf386c562b33p-10, 0x1.9b2b8c842584dp-13, -0x1.1301f94518664p-15,
    0x1.6785c499f2fe7p-18, -0x1.cbf113751f6cbp-21, 0x1.204b6a3358a5fp-23, -0x1.625e9d3485049p-26,
    // R(5.125)
    0x1.81de7aecbf923p-3, -0x1.ca61815a725c6p-57,
    -0x1.19af280aa8cbcp-5, 0x1.8f60f9f174d21p-8, -0x1.138aff2a6a36dp-10, 0x1.72b71818e6828p-13, -0x1.e715c952c026fp-16,
    0x1.38f0bb0b0ec3bp-18, -0x1.89bd05a19f8f5p-21, 0x1.e5b5aae6f6571p-24, -0x1.25e50294070ecp-26,
    // R(5.25)
    0x1.7941dfedadc79p-3, 0x1.e01cd034d0497p-59,
    -0x1.0d98a180bea11p-5, 0x1.7698bf4b39437p-8, -0x1.fb08549d6bbbap-11, 0x1.4eda3e1f55085p-13, -0x1.b03f46e8529f6p-16,
    0x1.1103d2e846d97p-18, -0x1.51e5bebb914bcp-21, 0x1.9a3c8d1c84561p-24, -0x1.e8d8adae81e80p-27,
    // R(5.375)
    0x1.7102f59651d9cp-3, -0x1.aff55ec673728p-59,
    -0x1.02405fe020368p-5, 0x1.5fc74c126907dp-8, -0x1.d334bafacdc62p-11, 0x1.2efef38f36a3bp-13, -0x1.805a7e0f200b5p-16,
    0x1.dd6c48d2ae99ap-19, -0x1.22ac83c2d0063p-21, 0x1.5b6267897bbd0p-24, -0x1.97abb2d913d9dp-27,
    // R(5.5)
    0x1.691c068ae0ee8p-3, 0x1.f32049436700ep-59,
    -0x1.ef2ee0215701bp-6, 0x1.4abcc73f51d5dp-8, -0x1.af2341c2efd1fp-11, 0x1.12a4504a6806dp-13, -0x1.566ee250d5554p-16,
    0x1.a25631cc7d2a1p-19, -0x1.f545b5375fc61p-22, 0x1.26e6b435f715bp-24, -0x1.54e1cc7067a82p-27,
    // R(5.625)
    0x1.6187cf4733979p-3, 0x1.9ad04fd0db40fp-57,
    -0x1.db20907bee5a9p-6, 0x1.374e9b00fffeap-8, -0x1.8e6af01aee858p-11, 0x1.f2b6a2e105224p-14, -0x1.31a9bd5162654p-16,
    0x1.6f550334dc44cp-19, -0x1.b13687bc40da2p-22, 0x1.f5ebe0c912b74p-25, -0x1.1dc7193235a0cp-27,
    // R(5.75)
    0x1.5a417375d8c66p-3, 0x1.0febc5d4de751p-61,
    -0x1.c83d40d30c5abp-6, 0x1.2556cde27e52fp-8, -0x1.70afb3e4f2cfcp-11, 0x1.c588495efd566p-14, -0x1.1157fa9ded8a2p-16,
    0x1.43345b07e2d38p-19, -0x1.773a093157a5fp-22, 0x1.ac27c95dd9fa3p-25, -0x1.e0616120ef4e8p-28,
    // R(5.875)
    0x1.5344746eb961dp-3, -0x1.785b5cc3593bfp-57,
    -0x1.b66e9fabf70bep-6, 0x1.14b372c6ff50ep-8, -0x1.55a0a0fcab361p-11, 0x1.9d17c8d719ba3p-14, -0x1.e9c21322a1e49p-17,
    0x1.1cf1640517512p-19, -0x1.45b4b68007674p-22, 0x1.6e14ed44dd114p-25, -0x1.94c0648c101edp-28,
    // R(6.0)
    0x1.4c8ca8b939648p-3, 0x1.ee69cf55c268cp-57,
    -0x1.a5a05d453d269p-6, 0x1.05462c54b879ep-8, -0x1.3cf672ec59fd6p-11, 0x1.78d5623750133p-14, -0x1.b7854357e920dp-17,
    0x1.f764a74153ae1p-20, -0x1.1b513e5b115d9p-22, 0x1.39b80cec77fd8p-25, -0x1.55db019c5cd91p-28
  ]

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
