extension AccuracyRule {
  /// The outcome of ``check(computed:exactText:sensText:)`` for a finite
  /// `computed` and a finite `rounded` = Double(`exactText`), when it can be
  /// decided in 128-bit integers, or nil (the caller then decides exactly
  /// with BigInt). It answers only when the component is within 4 ulp,
  /// which alone makes the outcome `passes`, not `neededSens`; the sens
  /// clause is never needed here.
  ///
  /// With x the exact value `±M × 10^E` (M < 2^128, |E| <= 55, so 5^|E| <
  /// 2^128) and u = 2^k its ulp, both |computed| / u and |x| / u are taken
  /// in fixed point with 64 fraction bits, each as its floor A (resp. B)
  /// with a flag saying whether the floor is exact; the true scaled value
  /// lies in [A, A + 1), exactly A when exact. So the scaled error
  /// T = 2^64 × |computed - x| / u lies in
  ///
  ///     same signs:      (|A - B| - 1, |A - B| + 1)   (exactly |A - B| when both are exact)
  ///     opposite signs:  [A + B, A + B + 2)           (exactly A + B when both are exact)
  ///
  /// and the answer is given only when the upper end is at most 4 × 2^64
  /// (within 4 ulp) and both ends give the same reported error
  /// floor(1000 T / 2^64) / 1000, the exact path's figure. (|x| / u is
  /// below 2^54 for the exact value's own ulp; B < 2^120 is checked all the
  /// same, so that no sum below can overflow.)
  static func quickCheck(computed: Double, exactText: String, rounded: Double) -> Outcome? {
    guard let x = ShortDecimal(exactText) else { return nil }
    guard let k = ulpExponent(x, rounded: rounded), let b = scaledMagnitude(x, ulpExponent: k),
      let a = scaledMagnitude(computed, ulpExponent: k), b.value < 1 << 120
    else { return nil }
    let exact = a.exact && b.exact
    let low: UInt128
    let high: UInt128
    if computed == 0 || x.isZero || (computed < 0) == x.negative {
      let d = a.value >= b.value ? a.value - b.value : b.value - a.value
      low = exact || d == 0 ? d : d - 1
      high = exact ? d : d + 1
    } else {
      low = a.value + b.value
      high = exact ? low : low + 2
    }
    guard high <= 4 << 64 else { return nil }
    // (Shifts bind tighter than products in Swift.)
    let milli = (low * 1000) >> 64
    guard (high * 1000) >> 64 == milli else { return nil }
    return Outcome(passes: true, ulpError: Double(milli) / 1000, neededSens: false)
  }

  /// k of ``ulp(of:rounded:)``: the binade of `rounded`, one lower when
  /// `rounded` is a power of two 2^K and |x| < 2^K, at least -1074. |x| <
  /// 2^K is decided on y = |x| × 2^(116 - K) (the fixed point below with
  /// u = 2^(K - 52)): y lies in [B, B + 1) and 2^116 is an integer, so y <
  /// 2^116 exactly when B < 2^116. Nil when |x| does not fit the fixed point.
  static func ulpExponent(_ x: ShortDecimal, rounded: Double) -> Int? {
    guard rounded != 0 else { return -1074 }
    var k = Int(rounded.exponent)
    if rounded.significandBitPattern == 0, rounded.isNormal {
      guard let y = scaledMagnitude(x, ulpExponent: k - 52) else { return nil }
      if y.value < 1 << 116 { k -= 1 }
    }
    return max(k - 52, -1074)
  }
}
