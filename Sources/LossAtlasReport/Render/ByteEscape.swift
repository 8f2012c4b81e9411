/// Escaping a text by its UTF-8 bytes where that provably gives what
/// escaping it `Character` by `Character` gives (the way swift-mustache's
/// HTML escaper and ``MarkdownContentType`` are written), which is several
/// times faster than breaking the text into grapheme clusters.
///
/// The character loop replaces a `Character` equal to one of a few ASCII
/// characters (none of them CR). `Character` equality is canonical
/// equivalence, and no other scalar or sequence is equivalent to a lone
/// ASCII punctuation mark or LF, so a `Character` is replaced exactly when
/// it is one special byte alone, i.e. when there is a grapheme boundary
/// on each side of that byte. For an ASCII byte `x` between scalars `p` and
/// `n`, the only rules (UAX #29) that can join them are: no break
/// between CR and LF (GB3), none after a Prepend scalar (GB9b), none before
/// an Extend, ZWJ or SpacingMark scalar (GB9, GB9a). So a special byte is
/// replaced when it is not half of a CR LF pair and its neighbours are
/// ASCII or in ``plainRanges`` (scalars of Grapheme_Cluster_Break Other or
/// Control, which none of those rules involve). A special byte next to any
/// other scalar (a combining mark, a joiner, Arabic U+0600) makes the whole
/// text go through the character loop; a text without special bytes comes
/// back unchanged, as the loop would copy it.
enum ByteEscape {
  /// `text` with each special byte replaced by `replacements[byte]`, or nil
  /// when only the character loop can decide (see above). `replacements`
  /// has 128 entries, nil for a byte that is kept.
  static func escaped(_ text: String, _ replacements: [String?]) -> String? {
    var text = text
    return text.withUTF8 { bytes -> String? in
      var special = false
      for b in bytes where b < 0x80 && replacements[Int(b)] != nil {
        special = true
        break
      }
      guard special else { return String(decoding: bytes, as: UTF8.self) }
      var out: [UInt8] = []
      out.reserveCapacity(bytes.count + bytes.count / 8 + 8)
      for (i, b) in bytes.enumerated() {
        guard b < 0x80, let r = replacements[Int(b)] else {
          out.append(b)
          continue
        }
        let inCRLF =
          (b == 0x0D && i + 1 < bytes.count && bytes[i + 1] == 0x0A) || (b == 0x0A && i > 0 && bytes[i - 1] == 0x0D)
        if inCRLF {
          out.append(b)
          continue
        }
        guard isPlain(scalarBefore(i, bytes)), isPlain(scalarAt(i + 1, bytes)) else { return nil }
        out.append(contentsOf: r.utf8)
      }
      return String(decoding: out, as: UTF8.self)
    }
  }

  /// Scalars of Grapheme_Cluster_Break Other (or Control) that the manual's
  /// texts put next to special characters: Latin-1 (but U+00AD, a soft
  /// hyphen, Control), Greek letters, general punctuation (dashes, quotes,
  /// primes), arrows and mathematical operators, CJK punctuation and
  /// ideographs, fullwidth forms (U+FF9E and U+FF9F, which are Extend, lie
  /// beyond them).
  static let plainRanges: [ClosedRange<UInt32>] = [
    0xA0...0xAC, 0xAE...0xFF, 0x391...0x3C9, 0x2010...0x2027, 0x2030...0x205E, 0x2190...0x23FF, 0x3001...0x3003,
    0x3008...0x3011, 0x4E00...0x9FFF, 0xFF01...0xFF5E,
  ]

  /// Whether a neighbour of a special byte leaves it a `Character` of its
  /// own: ASCII, the start or end of the text (nil), or one of ``plainRanges``.
  static func isPlain(_ scalar: UInt32?) -> Bool {
    guard let s = scalar, s >= 0x80 else { return true }
    return plainRanges.contains { $0.contains(s) }
  }

  /// The scalar that starts at byte `i` (nil at the end).
  static func scalarAt(_ i: Int, _ bytes: UnsafeBufferPointer<UInt8>) -> UInt32? {
    guard i < bytes.count else { return nil }
    let b = bytes[i]
    if b < 0x80 { return UInt32(b) }
    let length = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : 2
    var value = UInt32(b) & (0x7F >> length)
    for k in 1..<length where i + k < bytes.count { value = value << 6 | (UInt32(bytes[i + k]) & 0x3F) }
    return value
  }

  /// The scalar that ends just before byte `i` (nil at the start).
  static func scalarBefore(_ i: Int, _ bytes: UnsafeBufferPointer<UInt8>) -> UInt32? {
    guard i > 0 else { return nil }
    var start = i - 1
    while start > 0 && bytes[start] & 0xC0 == 0x80 { start -= 1 }
    return scalarAt(start, bytes)
  }

  /// A table for ``escaped(_:_:)`` from a few replacements.
  static func table(_ replacements: [Character: String]) -> [String?] {
    var table = [String?](repeating: nil, count: 128)
    for (c, r) in replacements { table[Int(c.asciiValue!)] = r }
    return table
  }
}
