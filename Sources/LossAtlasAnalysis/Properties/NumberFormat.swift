import LossAtlasCore

/// A floating-point format of the precision study, with its representable
/// numbers in order (as ordinals) and correct rounding into it.
public enum NumberFormat: String, Sendable, CaseIterable {
  case float16 = "Float16"
  case float32 = "Float32"
  case float64 = "Float64"

  /// `v` rounded to the nearest value of the format (ties to even,
  /// overflowing to ±inf), returned as a Double. The conversions from
  /// Double are correctly rounded in one step (compiler-rt's
  /// `__truncdfhf2` for Float16, the hardware conversion for Float), not
  /// through an intermediate format.
  public func round(_ v: Double) -> Double {
    switch self {
    case .float16: return Binary16Bits.round(v)  // Double(Float16(v)), also on Intel Macs (= Binary16.round)
    case .float32: return Double(Float(v))
    case .float64: return v
    }
  }

  /// The largest finite magnitude (inputs beyond it do not exist in the format).
  public var greatestFinite: Double {
    switch self {
    case .float16: return Binary16.greatestFiniteMagnitude
    case .float32: return Double(Float.greatestFiniteMagnitude)
    case .float64: return .greatestFiniteMagnitude
    }
  }

  /// Bits of the stored significand (10, 23, 52): a binade holds 2^bits values.
  public var significandBits: Int { binary.significandBits }

  /// The format's shape, as Core names it.
  var binary: BinaryFormat {
    switch self {
    case .float16: return .binary16
    case .float32: return .binary32
    case .float64: return .binary64
    }
  }

  /// Whether `x` is a value of the format.
  public func represents(_ x: Double) -> Bool { x.isFinite && round(x) == x }

  /// The position of a representable `x` among the format's finite values
  /// in increasing order: 0 for ±0, k for the k-th positive value, −k for
  /// the k-th negative one (the magnitude bits of its encoding, signed).
  public func ordinal(_ x: Double) -> Int64 {
    switch self {
    case .float16:
      let m = Int64(Binary16.magnitudeBits(x))
      return x.sign == .minus ? -m : m
    case .float32:
      let b = Float(x).bitPattern
      let m = Int64(b & 0x7FFF_FFFF)
      return b & 0x8000_0000 != 0 ? -m : m
    case .float64:
      let b = x.bitPattern
      let m = Int64(bitPattern: b & 0x7FFF_FFFF_FFFF_FFFF)
      return b >> 63 != 0 ? -m : m
    }
  }

  /// The value at an ordinal (the inverse of ``ordinal(_:)``).
  public func value(ordinal k: Int64) -> Double {
    let m = k.magnitude
    let v: Double
    switch self {
    case .float16: v = Binary16Bits.value(magnitudeBits: UInt16(truncatingIfNeeded: m))  // = Binary16.value
    case .float32: v = Double(Float(bitPattern: UInt32(truncatingIfNeeded: m)))
    case .float64: v = Double(bitPattern: m)
    }
    return k < 0 ? -v : v
  }

  /// The ordinal of the largest finite value.
  public var greatestOrdinal: Int64 { ordinal(greatestFinite) }

  /// How sure a rounding is (see ``roundExact(_:)``).
  public enum Certainty: Sendable, Equatable {
    /// Every value within the error bound of the Double rounds alike.
    case certain
    /// The Double lies exactly on a rounding boundary of the format and is
    /// taken as the exact value (a tie, rounded to even).
    case exactTie
    /// The Double lies within its error bound of a boundary but not on it:
    /// the exact value could round either way.
    case uncertain
  }

  /// The exact value known as the accurate Double `d` (within 4 ulp of it,
  /// the catalog's accuracy rule), rounded to the format.
  ///
  /// Float16 and Float32: rounding `d` is double rounding (exact → Double →
  /// format), which can differ from rounding the exact value only when a
  /// rounding boundary of the format (a midpoint between two of its values,
  /// itself a Double) lies within 4 ulp of `d`. When `d ± 4 ulp` round
  /// alike the answer is certain. When `d` is exactly a midpoint, it is
  /// taken as the exact value, a true tie, which goes to the even
  /// neighbour: this happens where the exact value is a short binary
  /// fraction that the catalog computes exactly (huber's x − 1/2).
  /// Otherwise the answer is flagged uncertain.
  ///
  /// Float64: `d` itself, the catalog's own result (within 4 ulp; exact,
  /// with IEEE ties to even, where the exact value is a Double or a tie).
  public func roundExact(_ d: Double) -> (value: Double, certainty: Certainty) {
    // Float16: most results are far from a boundary, and the encoding says
    // so without the two extra roundings (``Binary16Bits/roundIfCertain(_:)``).
    if self == .float16, let certain = Binary16Bits.roundIfCertain(d) { return (certain, .certain) }
    let r = round(d)
    if self == .float64 || !d.isFinite { return (r, .certain) }
    let margin = 4 * d.ulp
    if round(d - margin) == r && round(d + margin) == r { return (r, .certain) }
    return (r, d == midpoint(near: d) ? .exactTie : .uncertain)
  }

  /// The exact value known as `v` (hi + lo within v.error), rounded to the
  /// format, when that decides it: the value lies on one side of the
  /// rounding boundary next to hi by more than its error (or is exactly on
  /// it, error 0: a tie, to even). nil when it does not decide (the
  /// interval straddles the boundary, or is wider than 4 ulp of hi).
  public func roundExact(_ v: RefinedValue) -> (value: Double, certainty: Certainty)? {
    guard self != .float64, v.hi.isFinite, v.lo.isFinite, v.error >= 0, v.error <= 4 * v.hi.ulp else { return nil }
    let m = midpoint(near: v.hi)
    guard m.isFinite, abs(v.hi - m) <= 8 * v.hi.ulp else { return nil }
    // hi - m is exact (Sterbenz: hi and m within a factor 2); adding lo
    // rounds by at most half an ulp of the sum, counted with the error.
    let offset = (v.hi - m) + v.lo
    let bound = v.error + abs(offset).ulp
    if v.error == 0 && offset == 0 { return (round(m), .exactTie) }
    if offset > bound { return (round(m.nextUp), .certain) }
    if offset < -bound { return (round(m.nextDown), .certain) }
    return nil
  }

  /// The rounding boundary of the format nearest `d`: the midpoint between
  /// the two values of the format around `d` (a Double: one bit more than
  /// the format holds). Beyond the largest finite value the boundary is
  /// where rounding overflows, half an ulp above it.
  func midpoint(near d: Double) -> Double {
    let o = ordinal(round(Swift.min(Swift.max(d, -greatestFinite), greatestFinite)))
    let v = value(ordinal: o)
    let (lo, hi): (Int64, Int64) = d >= v ? (o, o + 1) : (o - 1, o)
    let top = greatestOrdinal
    func at(_ k: Int64) -> Double {
      if k > top { return greatestFinite + (greatestFinite - value(ordinal: top - 1)) }
      if k < -top { return -greatestFinite - (greatestFinite - value(ordinal: top - 1)) }
      return value(ordinal: k)
    }
    return at(lo) / 2 + at(hi) / 2
  }
}
