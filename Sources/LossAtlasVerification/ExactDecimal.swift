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
    // Read as ASCII bytes (a decimal string is ASCII; any other byte makes
    // the text no decimal): walking the Characters of each of the golden
    // files' 25,000 strings was most of the parse.
    let bytes = Array(text.utf8)
    var start = 0
    var negative = false
    if let first = bytes.first, first == UInt8(ascii: "-") || first == UInt8(ascii: "+") {
      negative = first == UInt8(ascii: "-")
      start = 1
    }
    var end = bytes.count
    var exponent = 0
    if let e = bytes[start...].firstIndex(where: { $0 == UInt8(ascii: "e") || $0 == UInt8(ascii: "E") }) {
      end = e
      var from = e + 1
      var expNegative = false
      if from < bytes.count, bytes[from] == UInt8(ascii: "-") || bytes[from] == UInt8(ascii: "+") {
        expNegative = bytes[from] == UInt8(ascii: "-")
        from += 1
      }
      let expDigits = bytes[from...]
      guard !expDigits.isEmpty, expDigits.allSatisfy(Self.isDigit) else { return nil }
      // Saturate absurd exponents (the files hold e-1302883445709755357...).
      var magnitude = 0
      if expDigits.count > 12 {
        magnitude = 1_000_000_000_000
      } else {
        for d in expDigits { magnitude = magnitude * 10 + Int(d - UInt8(ascii: "0")) }
      }
      exponent = expNegative ? -magnitude : magnitude
    }
    var digits: [UInt8] = []
    digits.reserveCapacity(end - start)
    var fraction = 0
    var seenPoint = false
    for c in bytes[start..<end] {
      if c == UInt8(ascii: ".") {
        guard !seenPoint else { return nil }
        seenPoint = true
      } else if Self.isDigit(c) {
        digits.append(c)
        if seenPoint { fraction += 1 }
      } else {
        return nil
      }
    }
    guard !digits.isEmpty else { return nil }
    let m = Self.integer(digits)
    let e10 = exponent - fraction
    if m == 0 || exponent < -760 {
      self.init(mantissa: 0)
      return
    }
    self.init(mantissa: negative ? -m : m, exp10: e10)
  }

  private static func isDigit(_ b: UInt8) -> Bool { b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9") }

  /// The integer written by ASCII decimal digits, read 19 at a time
  /// (10^19 < 2^64): m = m * 10^19 + the next 19 digits. BigInt's own
  /// parse walks the Characters of the text.
  static func integer(_ digits: [UInt8]) -> BigInt {
    var m = BigUInt(0)
    var i = 0
    var length = digits.count % 19 == 0 ? 19 : digits.count % 19
    while i < digits.count {
      var chunk: UInt64 = 0
      var scale: UInt64 = 1
      for d in digits[i..<i + length] {
        chunk = chunk * 10 + UInt64(d - UInt8(ascii: "0"))
        scale *= 10
      }
      m.multiply(byWord: BigUInt.Word(scale))
      m += BigUInt(chunk)
      i += length
      length = 19
    }
    return BigInt(m)
  }

  /// 10^0 ... 10^1199, made once: the accuracy rule scales every
  /// component's numbers by a power of ten up to about 10^1130 (an exact
  /// value near 1e-760 against a Double's integer exponent).
  static let powersOfTen: [BigInt] = {
    var powers: [BigInt] = [1]
    powers.reserveCapacity(1200)
    for _ in 1..<1200 { powers.append(powers[powers.count - 1] * 10) }
    return powers
  }()

  /// 10^n for n >= 0.
  static func powerOfTen(_ n: Int) -> BigInt {
    n < powersOfTen.count ? powersOfTen[n] : BigInt(10).power(n)
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
      if x.exp10 - min10 > 0 { v *= powerOfTen(x.exp10 - min10) }
      return v
    }
  }
}
