/// The exact sign of a dot product sum_i a_i b_i of finite Doubles, over
/// the whole exponent range (a Kulisch long accumulator).
///
/// Scaling both vectors into range (as the cosine kernel does) keeps every
/// product that matters for a norm or a nearly parallel pair, but a dot
/// product that is tiny beside |a| |b| (a = [1e300, 1e-300] against
/// b = [1e-300, 1e300]: a.b = 2, |a| |b| = 1e600) can consist entirely of
/// products the scaled frame cannot hold. Its sign then decides whether
/// the cosine is above a margin of 0, so it is computed exactly here: each
/// product of integer mantissas (at most 106 bits) is added at its binary
/// position into a fixed-point integer spanning 2^-2148 ... 2^2100, one for
/// the positive and one for the negative products, and the two compared.
public enum ExactDot {
  /// Limbs of 64 bits: positions 0 ... 4096 + 106 + 13 carry bits (n up to 8192).
  @usableFromInline static let limbs = 67

  /// -1, 0 or 1: the sign of the exact sum_i a_i b_i (the shorter length counts).
  public static func sign(_ a: [Double], _ b: [Double]) -> Int {
    var positive = [UInt64](repeating: 0, count: limbs)
    var negative = [UInt64](repeating: 0, count: limbs)
    for i in 0..<min(a.count, b.count) {
      let x = a[i]
      let y = b[i]
      guard x != 0, y != 0, x.isFinite, y.isFinite else { continue }
      let (mx, ex) = integer(x)
      let (my, ey) = integer(y)
      let product = mx.multipliedFullWidth(by: my)
      let position = ex + ey + 2148
      if (x < 0) != (y < 0) {
        add(high: product.high, low: product.low, at: position, to: &negative)
      } else {
        add(high: product.high, low: product.low, at: position, to: &positive)
      }
    }
    for k in stride(from: limbs - 1, through: 0, by: -1) where positive[k] != negative[k] {
      return positive[k] > negative[k] ? 1 : -1
    }
    return 0
  }

  /// |x| = m 2^e with the integer m < 2^53 (subnormals: e = -1074).
  @inlinable
  static func integer(_ x: Double) -> (UInt64, Int) {
    let fraction = x.significandBitPattern
    if x.isSubnormal { return (fraction, -1074) }
    return (fraction | (1 << 52), Int(x.exponent) - 52)
  }

  /// accumulator += (high * 2^64 + low) * 2^position, carries propagated.
  @inlinable
  static func add(high: UInt64, low: UInt64, at position: Int, to accumulator: inout [UInt64]) {
    let q = position / 64
    let r = UInt64(position % 64)
    let words: [UInt64] =
      r == 0
      ? [low, high, 0]
      : [low << r, (high << r) | (low >> (64 - r)), high >> (64 - r)]
    var carry: UInt64 = 0
    var k = q
    for w in words {
      let (s1, o1) = accumulator[k].addingReportingOverflow(w)
      let (s2, o2) = s1.addingReportingOverflow(carry)
      accumulator[k] = s2
      carry = (o1 ? 1 : 0) + (o2 ? 1 : 0)
      k += 1
    }
    while carry != 0 && k < accumulator.count {
      let (s, o) = accumulator[k].addingReportingOverflow(carry)
      accumulator[k] = s
      carry = o ? 1 : 0
      k += 1
    }
  }
}
