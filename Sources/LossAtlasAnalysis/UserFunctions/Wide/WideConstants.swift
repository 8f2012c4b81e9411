import BigInt

/// pi and ln 2 to 12,000 bits, computed once from series in exact integer
/// (fixed-point) arithmetic, and e's building blocks. The wide arithmetic
/// never needs more: its precision stops at 4,096 bits plus guard bits and
/// the bits of an argument reduction (62 for exp, 1,100 for sin(1e300)).
enum WideConstants {
  /// Fixed-point bits of the stored constants.
  static let bits = 12_000

  /// round(pi 2^bits), from Machin's formula pi = 16 atan(1/5) - 4 atan(1/239).
  static let piFixed: BigInt = {
    let w = bits + 32
    let v = 16 * atanInverse(5, w) - 4 * atanInverse(239, w)
    return v >> 32
  }()

  /// round(ln 2 * 2^bits), from ln 2 = 2 atanh(1/3).
  static let ln2Fixed: BigInt = {
    let w = bits + 32
    return (2 * atanhInverse(3, w)) >> 32
  }()

  /// atan(1/n) * 2^w by its Taylor series, truncated terms below 2^-w.
  private static func atanInverse(_ n: Int, _ w: Int) -> BigInt {
    var power = (BigInt(1) << w) / BigInt(n)  // n^-(2k+1) 2^w
    var sum = power
    let n2 = BigInt(n * n)
    var k = 1
    while !power.isZero {
      power /= n2
      let term = power / BigInt(2 * k + 1)
      sum += k % 2 == 1 ? -term : term
      k += 1
    }
    return sum
  }

  /// atanh(1/n) * 2^w.
  private static func atanhInverse(_ n: Int, _ w: Int) -> BigInt {
    var power = (BigInt(1) << w) / BigInt(n)
    var sum = power
    let n2 = BigInt(n * n)
    var k = 1
    while !power.isZero {
      power /= n2
      sum += power / BigInt(2 * k + 1)
      k += 1
    }
    return sum
  }

  /// pi rounded to w fixed-point bits (w <= bits).
  static func pi(_ w: Int) -> BigInt { round(piFixed, w) }
  /// ln 2 rounded to w fixed-point bits (w <= bits).
  static func ln2(_ w: Int) -> BigInt { round(ln2Fixed, w) }

  private static func round(_ v: BigInt, _ w: Int) -> BigInt {
    precondition(w <= bits, "the wide constants hold \(bits) bits")
    let s = bits - w
    if s == 0 { return v }
    return (v + (BigInt(1) << (s - 1))) >> s
  }
}
