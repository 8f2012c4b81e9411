/// Text in which every Unicode scalar is its own character, and canonically
/// equivalent strings are equal bytes, so that it can be searched byte by
/// byte with the answers of `String`'s character-wise operations.
///
/// A scalar is *inert* when
/// - it is not a mark, and its canonical decomposition (NFD) is one starter
///   (combining class 0) followed only by combining marks: `ŷ` is y and
///   U+0302, `≠` is = and U+0338, `中` and `a` are themselves. A string of
///   inert scalars then decomposes scalar by scalar (no mark moves past the
///   next scalar's starter), and the starters cut the decomposition back
///   into the scalars' own;
/// - no two inert scalars decompose alike (U+2126 OHM SIGN and Ω U+03A9 do:
///   the sign is left out, as are U+212B, U+0374, U+037E and U+0387). With
///   the point above, two inert strings are canonically equivalent, Swift's
///   `==`, exactly when their bytes are equal;
/// - it neither extends nor prefixes a grapheme cluster and is not a
///   carriage return, a Hangul jamo or syllable or a regional indicator (so
///   every boundary between two inert scalars is a character boundary: the
///   rules of UAX #29 that join scalars, GB3 to GB13, all need one of those,
///   a ZWJ or a spacing mark).
///
/// The blocks below are the ones the manual's prose uses (ASCII, Latin,
/// Greek, phonetic and modifier letters, punctuation, invisible operators,
/// super- and subscripts, arrows, mathematical signs, box drawing, CJK
/// ideographs and punctuation, full-width forms, mathematical digits), with
/// their unassigned points left out; a text holding any other scalar is
/// searched character by character. `InertTextTests` checks every scalar
/// this admits against Foundation's canonical decomposition and Swift's
/// characters.
enum InertText {
  /// Whether `s` is inert (see the type's notes).
  static func isInert(_ s: UInt32) -> Bool {
    switch s {
    case 0x09, 0x0A, 0x20...0x7E: return true
    case 0xA0...0x24F: return s != 0xAD  // Latin-1 and Latin Extended-A/B, not the soft hyphen
    case 0x2B0...0x2FF: return true  // spacing modifier letters
    case 0x370...0x373, 0x375...0x377, 0x37A...0x37D, 0x37F, 0x384...0x386, 0x388...0x38A, 0x38C, 0x38E...0x3A1,
      0x3A3...0x3FF:
      return true  // Greek and Coptic
    case 0x1D00...0x1DBF: return true  // phonetic extensions
    case 0x2010...0x2027, 0x2030...0x205E: return true  // dashes, quotes, primes, ...
    case 0x2061...0x2064: return true  // invisible operators (function application, times, separator, plus)
    case 0x2070...0x2071, 0x2074...0x208E, 0x2090...0x209C: return true  // superscripts and subscripts
    case 0x2190...0x22FF: return true  // arrows, mathematical operators
    case 0x2500...0x25FF: return true  // box drawing, geometric shapes
    case 0x2C60...0x2C7F: return true  // Latin Extended-C
    case 0x3000...0x3029, 0x3030...0x303F: return true  // CJK punctuation, not the tone marks 302A-302F
    case 0x3400...0x4DBF, 0x4E00...0x9FFF: return true  // CJK ideographs (not the compatibility ones)
    case 0xFF01...0xFF60, 0xFFE0...0xFFE6, 0xFFE8...0xFFEE: return true  // full-width forms, not the half-width kana
    case 0x1D7CE...0x1D7FF: return true  // mathematical digits
    default: return false
    }
  }

  /// Whether every scalar of the UTF-8 bytes is inert. The bytes are a
  /// Swift string's, so they are valid UTF-8.
  static func isInert(_ utf8: UnsafeBufferPointer<UInt8>) -> Bool {
    var i = 0
    let n = utf8.count
    while i < n {
      let (scalar, length) = decode(utf8, at: i)
      guard isInert(scalar) else { return false }
      i += length
    }
    return true
  }

  /// The scalar starting at byte `i` of valid UTF-8, and its length in bytes.
  @inline(__always)
  static func decode(_ utf8: UnsafeBufferPointer<UInt8>, at i: Int) -> (scalar: UInt32, length: Int) {
    let b = UInt32(utf8[i])
    if b < 0x80 { return (b, 1) }
    if b < 0xE0 { return ((b & 0x1F) << 6 | UInt32(utf8[i + 1]) & 0x3F, 2) }
    if b < 0xF0 { return ((b & 0x0F) << 12 | (UInt32(utf8[i + 1]) & 0x3F) << 6 | UInt32(utf8[i + 2]) & 0x3F, 3) }
    return (
      (b & 0x07) << 18 | (UInt32(utf8[i + 1]) & 0x3F) << 12 | (UInt32(utf8[i + 2]) & 0x3F) << 6 | UInt32(utf8[i + 3]) & 0x3F, 4
    )
  }
}
