/// The three patterns ``PageOutline`` used to find with Foundation's
/// regular expressions, found by scanning the page's UTF-8 bytes instead
/// (ICU read the whole page through `NSString`'s UTF-16 for every search:
/// two thirds of the outline's time).
///
/// Each scanner finds exactly the matches ICU found, leftmost first and
/// non-overlapping, as byte offsets:
/// - ``headings(_:)``: `<h([1-6])((?:\s[^>]*)?)>(.*?)</h\1>` with `.` matching
///   line breaks;
/// - ``ids(_:firstOnly:)``: `\sid="([^"]*)"`;
/// - ``withoutTags(_:)``: the text with every `<[^>]*>` removed.
/// `\s` is ICU's white space, the Unicode `White_Space` property
/// (``whitespaceLength(_:at:)``). Every delimiter is ASCII, so a match
/// never starts or ends inside a multi-byte scalar, and its offsets are
/// the same positions in the string as ICU's UTF-16 ones.
/// `PageTextEquivalenceTests` pins the outline against the regular expressions.
extension PageOutline {
  /// One heading: the whole element and its parts (byte offsets).
  struct HeadingMatch {
    let whole: Range<Int>
    let level: Int
    let attributes: Range<Int>
    let content: Range<Int>
  }

  /// Every heading element, in document order.
  ///
  /// At a `<h` and a digit 1-6 the opening tag ends at once (`>`), or after
  /// white space and everything up to the first `>` (`[^>]*` cannot pass a
  /// `>`, so no other split of the tag matches); the content runs to the
  /// first closing tag of the same level (the lazy `.*?`). Without either,
  /// no heading starts here and the search goes on at the next byte.
  static func headings(_ bytes: UnsafeBufferPointer<UInt8>) -> [HeadingMatch] {
    var found: [HeadingMatch] = []
    let n = bytes.count
    var p = 0
    while p + 3 < n {
      guard bytes[p] == UInt8(ascii: "<"), bytes[p + 1] == UInt8(ascii: "h"),
        (UInt8(ascii: "1")...UInt8(ascii: "6")).contains(bytes[p + 2])
      else {
        p += 1
        continue
      }
      let digit = bytes[p + 2]
      var contentStart: Int?
      var attributesEnd = p + 3
      if bytes[p + 3] == UInt8(ascii: ">") {
        contentStart = p + 4
      } else if whitespaceLength(bytes, at: p + 3) != nil, let gt = index(of: UInt8(ascii: ">"), in: bytes, from: p + 3) {
        attributesEnd = gt
        contentStart = gt + 1
      }
      guard let start = contentStart, let close = closingTag(digit, in: bytes, from: start) else {
        p += 1
        continue
      }
      found.append(
        HeadingMatch(
          whole: p..<close + 5, level: Int(digit - UInt8(ascii: "0")), attributes: p + 3..<attributesEnd,
          content: start..<close))
      p = close + 5
    }
    return found
  }

  /// The values of the `id="…"` attributes (`\sid="([^"]*)"`), or only the first.
  static func ids(_ bytes: UnsafeBufferPointer<UInt8>, firstOnly: Bool = false) -> [Range<Int>] {
    var found: [Range<Int>] = []
    let n = bytes.count
    var p = 0
    while p < n {
      guard let space = whitespaceLength(bytes, at: p) else {
        p += 1
        continue
      }
      let open = p + space
      if open + 4 <= n, bytes[open] == UInt8(ascii: "i"), bytes[open + 1] == UInt8(ascii: "d"),
        bytes[open + 2] == UInt8(ascii: "="), bytes[open + 3] == UInt8(ascii: "\""),
        let quote = index(of: UInt8(ascii: "\""), in: bytes, from: open + 4)
      {
        found.append(open + 4..<quote)
        if firstOnly { break }
        p = quote + 1
      } else {
        p = open
      }
    }
    return found
  }

  /// `html` with every tag (`<` to the next `>`) removed; a `<` with no
  /// `>` after it stays, and so does everything after it.
  static func withoutTags(_ html: String) -> String {
    var html = html
    return html.withUTF8 { bytes -> String in
      guard index(of: UInt8(ascii: "<"), in: bytes, from: 0) != nil else { return String(decoding: bytes, as: UTF8.self) }
      var out: [UInt8] = []
      out.reserveCapacity(bytes.count)
      var p = 0
      while let lt = index(of: UInt8(ascii: "<"), in: bytes, from: p), let gt = index(of: UInt8(ascii: ">"), in: bytes, from: lt) {
        out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[p..<lt]))
        p = gt + 1
      }
      out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[p...]))
      return String(decoding: out, as: UTF8.self)
    }
  }

  /// The length in bytes of the scalar at `i` when it is white space
  /// (Unicode `White_Space`, what ICU's `\s` matches); nil otherwise, and
  /// at a byte inside a scalar.
  static func whitespaceLength(_ bytes: UnsafeBufferPointer<UInt8>, at i: Int) -> Int? {
    let b = bytes[i]
    if b < 0x80 { return b == 0x20 || (0x09...0x0D).contains(b) ? 1 : nil }
    // Non-ASCII white space is U+0085, U+00A0 (lead byte C2), U+1680,
    // U+2000... (E1, E2) or U+3000 (E3): any other lead byte is not.
    guard b == 0xC2 || (0xE1...0xE3).contains(b) else { return nil }
    let length = b < 0xE0 ? 2 : 3
    guard i + length <= bytes.count else { return nil }
    var value = UInt32(b) & (length == 2 ? 0x1F : 0x0F)
    for k in 1..<length { value = value << 6 | (UInt32(bytes[i + k]) & 0x3F) }
    guard let scalar = Unicode.Scalar(value), scalar.properties.isWhitespace else { return nil }
    return length
  }

  /// The first `byte` at or after `from`.
  static func index(of byte: UInt8, in bytes: UnsafeBufferPointer<UInt8>, from: Int) -> Int? {
    var i = from
    while i < bytes.count {
      if bytes[i] == byte { return i }
      i += 1
    }
    return nil
  }

  /// The first `</hN>` (N the level's digit) at or after `from`.
  static func closingTag(_ digit: UInt8, in bytes: UnsafeBufferPointer<UInt8>, from: Int) -> Int? {
    var i = from
    while let lt = index(of: UInt8(ascii: "<"), in: bytes, from: i) {
      guard lt + 5 <= bytes.count else { return nil }
      if bytes[lt + 1] == UInt8(ascii: "/") && bytes[lt + 2] == UInt8(ascii: "h") && bytes[lt + 3] == digit
        && bytes[lt + 4] == UInt8(ascii: ">")
      {
        return lt
      }
      i = lt + 1
    }
    return nil
  }
}
