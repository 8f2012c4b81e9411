import BigInt

/// An exact rational `mantissa * 2^exp2 * 10^exp10`, enough to hold a Double
/// and a decimal string from the golden vectors without rounding, so that
/// the accuracy rule is decided exactly rather than in Double arithmetic.
public struct ExactNumber: Sendable {
  public var mantissa: BigInt
  public var exp2: Int
  public var exp10: Int

  public init(mantissa: BigInt, exp2: Int = 0, exp10: Int = 0) {
    self.mantissa = mantissa
    self.exp2 = exp2
    self.exp10 = exp10
  }

  public static let zero = ExactNumber(mantissa: 0)

  /// The exact value of a finite Double.
  public init(_ d: Double) {
    precondition(d.isFinite)
    if d == 0 {
      self.init(mantissa: 0)
      return
    }
    // d = significand * 2^(exponent - 52) with an integer significand.
    let bits = d.significandBitPattern
    let biased = Int(d.exponentBitPattern)
    let integer: UInt64 = biased == 0 ? bits : bits | (1 << 52)
    let e = (biased == 0 ? 1 : biased) - 1075
    self.init(mantissa: BigInt(integer) * (d < 0 ? -1 : 1), exp2: e)
  }

  /// The exact value of 2^k.
  public static func powerOfTwo(_ k: Int) -> ExactNumber { ExactNumber(mantissa: 1, exp2: k) }

  /// Parses a decimal string like `-1.25e-300` exactly. Values whose decimal
  /// exponent is below -760 are returned as 0: they are smaller than a
  /// thousandth of the smallest subnormal, far below anything the rule can
  /// resolve. Returns nil for text that is not a decimal number.
  public init?(decimal text: String) {
    var s = Substring(text)
    var negative = false
    if s.hasPrefix("-") {
      negative = true
      s = s.dropFirst()
    } else if s.hasPrefix("+") {
      s = s.dropFirst()
    }
    var exponent = 0
    if let e = s.firstIndex(where: { $0 == "e" || $0 == "E" }) {
      var expText = s[s.index(after: e)...]
      s = s[..<e]
      var expNegative = false
      if expText.hasPrefix("-") {
        expNegative = true
        expText = expText.dropFirst()
      } else if expText.hasPrefix("+") {
        expText = expText.dropFirst()
      }
      guard !expText.isEmpty, expText.allSatisfy(\.isASCIIDigit) else { return nil }
      // Saturate absurd exponents (the files hold e-1302883445709755357...).
      let magnitude = expText.count > 12 ? 1_000_000_000_000 : Int(expText)!
      exponent = expNegative ? -magnitude : magnitude
    }
    var digits = ""
    var fraction = 0
    var seenPoint = false
    for c in s {
      if c == "." {
        guard !seenPoint else { return nil }
        seenPoint = true
      } else if c.isASCIIDigit {
        digits.append(c)
        if seenPoint { fraction += 1 }
      } else {
        return nil
      }
    }
    guard !digits.isEmpty, let m = BigInt(digits) else { return nil }
    let e10 = exponent - fraction
    if m == 0 || exponent < -760 {
      self.init(mantissa: 0)
      return
    }
    self.init(mantissa: negative ? -m : m, exp10: e10)
  }

  public var isZero: Bool { mantissa == 0 }
  public var isNegative: Bool { mantissa < 0 }
  public var magnitude: ExactNumber { ExactNumber(mantissa: BigInt(mantissa.magnitude), exp2: exp2, exp10: exp10) }

  /// `self * k` for a small integer k.
  public func scaled(by k: Int) -> ExactNumber {
    ExactNumber(mantissa: mantissa * BigInt(k), exp2: exp2, exp10: exp10)
  }

  /// The integers `a * S`, `b * S`, ... for one common positive scale S that
  /// makes them all integers: compares and subtracts exactly.
  public static func commonIntegers(_ xs: [ExactNumber]) -> [BigInt] {
    let min2 = xs.map(\.exp2).min() ?? 0
    let min10 = xs.map(\.exp10).min() ?? 0
    return xs.map { x in
      var v = x.mantissa
      v <<= (x.exp2 - min2)
      if x.exp10 - min10 > 0 { v *= BigInt(10).power(x.exp10 - min10) }
      return v
    }
  }
}

extension Character {
  fileprivate var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}
