/// A decimal string `±M × 10^E` whose digits M fit 128 bits: the golden
/// values the quick accuracy check (``AccuracyRule/quickCheck(computed:exactText:rounded:)``)
/// decides without BigInt. Reads the same syntax as
/// ``ExactNumber/init(decimal:)`` and gives the same value: in particular a
/// written exponent below -760 makes the value 0 there, and here.
struct ShortDecimal: Equatable {
  var negative: Bool
  /// M; 0 for a zero value.
  var digits: UInt128
  /// E, the power of ten of the last digit.
  var exponent10: Int

  var isZero: Bool { digits == 0 }

  /// Nil for text that is not a decimal number (as ``ExactNumber/init(decimal:)``)
  /// and for a nonzero value with more digits than 128 bits hold.
  init?(_ text: String) {
    var negative = false
    var digits: UInt128 = 0
    var overflow = false
    var fraction = 0
    var seenPoint = false
    var seenDigit = false
    var exponent = 0
    var bytes = text.utf8.makeIterator()
    var next = bytes.next()
    if next == UInt8(ascii: "-") || next == UInt8(ascii: "+") {
      negative = next == UInt8(ascii: "-")
      next = bytes.next()
    }
    while let c = next, c != UInt8(ascii: "e"), c != UInt8(ascii: "E") {
      if c == UInt8(ascii: ".") {
        guard !seenPoint else { return nil }
        seenPoint = true
      } else if c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9") {
        seenDigit = true
        if seenPoint { fraction += 1 }
        let (times10, o1) = digits.multipliedReportingOverflow(by: 10)
        let (sum, o2) = times10.addingReportingOverflow(UInt128(c - UInt8(ascii: "0")))
        overflow = overflow || o1 || o2
        digits = sum
      } else {
        return nil
      }
      next = bytes.next()
    }
    if next != nil {
      // After "e": an optional sign and at least one digit; more than 12
      // digits saturate at 10^12, as in ExactNumber.
      var expNegative = false
      next = bytes.next()
      if next == UInt8(ascii: "-") || next == UInt8(ascii: "+") {
        expNegative = next == UInt8(ascii: "-")
        next = bytes.next()
      }
      var count = 0
      while let c = next {
        guard c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9") else { return nil }
        if count < 13 { exponent = exponent * 10 + Int(c - UInt8(ascii: "0")) }
        count += 1
        next = bytes.next()
      }
      guard count > 0 else { return nil }
      if count > 12 { exponent = 1_000_000_000_000 }
      if expNegative { exponent = -exponent }
    }
    guard seenDigit else { return nil }
    if exponent < -760 || (!overflow && digits == 0) {
      self.negative = negative
      self.digits = 0
      self.exponent10 = 0
      return
    }
    guard !overflow else { return nil }
    self.negative = negative
    self.digits = digits
    self.exponent10 = exponent - fraction
  }
}
