/// An unsigned 256-bit integer `high × 2^128 + low`, with only the
/// operations the quick accuracy check needs: exact shifts that say whether
/// they dropped bits.
struct WideUnsigned: Equatable {
  var high: UInt128
  var low: UInt128

  /// `floor(self × 2^n)` and whether it is exact (no bit dropped); nil when
  /// the result reaches 2^256.
  func shifted(by n: Int) -> (value: WideUnsigned, exact: Bool)? {
    if n >= 0 {
      if n == 0 { return (self, true) }
      if n >= 256 { return high == 0 && low == 0 ? (self, true) : nil }
      if n >= 128 {
        guard high == 0, low >> (256 - n) == 0 else { return nil }
        return (WideUnsigned(high: low << (n - 128), low: 0), true)
      }
      guard high >> (128 - n) == 0 else { return nil }
      return (WideUnsigned(high: high << n | low >> (128 - n), low: low << n), true)
    }
    let m = -n
    if m >= 256 { return (WideUnsigned(high: 0, low: 0), high == 0 && low == 0) }
    if m >= 128 {
      let dropped = low != 0 || high << (256 - m) != 0
      return (WideUnsigned(high: 0, low: high >> (m - 128)), !dropped)
    }
    let dropped = low << (128 - m) != 0
    return (WideUnsigned(high: high >> m, low: low >> m | high << (128 - m)), !dropped)
  }
}
