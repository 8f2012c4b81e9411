/// ``FirstUse`` byte by byte, for a page that is inert text (``InertText``):
/// there every scalar is a character and equal characters are equal bytes,
/// so finding `<`, `>` and a term's Chinese in the UTF-8 gives the places
/// the character-wise scan finds, without decoding grapheme clusters (that
/// was 0.2 s of CPU in `generate --lang all`). `FirstUseInertTests` pins
/// both paths to the character-wise code kept in the test.
extension FirstUse {
  /// The glossary terms as UTF-8, by their first scalar, each list in the
  /// marker's order (longest first): the first match is the term the
  /// character-wise scan picks.
  struct InertTerms {
    let byFirst: [UInt32: [(utf8: [UInt8], term: Term)]]
    /// One bit per scalar of the Basic Multilingual Plane: whether a term
    /// starts with it (so most scalars are passed without a hash).
    let startsBMP: [UInt64]

    /// Nil when a term is not inert text.
    init?(_ terms: [Term]) {
      var byFirst: [UInt32: [(utf8: [UInt8], term: Term)]] = [:]
      var starts = [UInt64](repeating: 0, count: 1024)
      for t in terms {
        let utf8 = Array(t.chinese.utf8)
        guard utf8.withUnsafeBufferPointer(InertText.isInert), let first = t.chinese.unicodeScalars.first?.value else {
          return nil
        }
        byFirst[first, default: []].append((utf8, t))
        if first < 0x10000 { starts[Int(first >> 6)] |= 1 << (first & 63) }
      }
      self.byFirst = byFirst
      startsBMP = starts
    }

    /// Whether a term may start with scalar `s`.
    @inline(__always)
    func mayStart(_ s: UInt32) -> Bool {
      s < 0x10000 ? startsBMP[Int(s >> 6)] & (1 << (s & 63)) != 0 : byFirst[s] != nil
    }
  }

  /// `html` marked as ``html(_:terms:)`` marks it, when the page and the
  /// terms are inert text; nil (and `marker` untouched) otherwise.
  static func htmlInert(_ html: String, _ marker: inout Marker) -> String? {
    guard marker.inert != nil else { return nil }
    var html = html
    return html.withUTF8 { bytes -> String? in
      guard InertText.isInert(bytes) else { return nil }
      let n = bytes.count
      var out: [UInt8] = []
      out.reserveCapacity(n + 512)
      var skipDepth: [String: Int] = [:]
      var start = 0
      while start < n {
        let open = PageOutline.index(of: UInt8(ascii: "<"), in: bytes, from: start)
        let skipping = skipDepth.values.contains(where: { $0 > 0 })
        let textEnd = open ?? n
        if skipping {
          out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<textEnd]))
        } else {
          marker.markInert(bytes, start..<textEnd, into: &out) { "（<span lang=\"en\">\(escapedHTML($0))</span>）" }
        }
        guard let open else { break }
        // Up to the next ">", or to the end (the character-wise scan's last
        // character, which ends there).
        let tagEnd = PageOutline.index(of: UInt8(ascii: ">"), in: bytes, from: open).map { $0 + 1 } ?? n
        let tag = UnsafeBufferPointer(rebasing: bytes[open..<tagEnd])
        out.append(contentsOf: tag)
        start = tagEnd
        guard let name = elementName(tag), skippedElements.contains(name) else { continue }
        if tag.count >= 2 && tag[tag.count - 2] == UInt8(ascii: "/") && tag[tag.count - 1] == UInt8(ascii: ">") { continue }
        let closing = tag.count >= 2 && tag[1] == UInt8(ascii: "/")
        skipDepth[name, default: 0] += closing ? -1 : 1
        if skipDepth[name]! < 0 { skipDepth[name] = 0 }
      }
      return String(decoding: out, as: UTF8.self)
    }
  }

  /// The lines of `text`, as `text.split(separator: "\n",
  /// omittingEmptySubsequences: false)` gives them, found in the UTF-8: a
  /// line feed is a character of its own (UAX #29 breaks before and after
  /// it) except after a carriage return, where CR LF is one character.
  static func lines(_ text: String) -> [Substring] {
    var lines: [Substring] = []
    let utf8 = text.utf8
    var start = utf8.startIndex
    var previous: UInt8 = 0
    var i = start
    while i < utf8.endIndex {
      let b = utf8[i]
      if b == 0x0A && previous != 0x0D {
        lines.append(text[start..<i])
        start = utf8.index(after: i)
      }
      previous = b
      i = utf8.index(after: i)
    }
    lines.append(text[start...])
    return lines
  }

  /// ``markLine(_:_:)`` byte by byte, for a line that is inert text (nil
  /// otherwise): the spans it leaves alone (inline code, `$…$`, a link's
  /// `](target)`) start and end at ASCII bytes, which in inert text are
  /// the characters the character-wise scan stops at.
  static func markLineInert(_ line: Substring, _ marker: inout Marker) -> String? {
    var line = line
    return line.withUTF8 { bytes -> String? in
      guard InertText.isInert(bytes) else { return nil }
      let n = bytes.count
      var out: [UInt8] = []
      out.reserveCapacity(n + 64)
      // Escaped as the Markdown templates escape text (`*`, `_`, `|`, `<` ...).
      let format = { (english: String) in "（\(MarkdownContentType().escapeText(english))）" }
      var plain = 0  // where the text not yet marked starts
      var i = 0
      while i < n {
        let c = bytes[i]
        var end: Int?
        if c == UInt8(ascii: "`") || c == UInt8(ascii: "$") {
          end = PageOutline.index(of: c, in: bytes, from: i + 1).map { $0 + 1 }
        } else if c == UInt8(ascii: "]"), i + 1 < n, bytes[i + 1] == UInt8(ascii: "(") {
          end = PageOutline.index(of: UInt8(ascii: ")"), in: bytes, from: i).map { $0 + 1 }
        }
        if let end {
          marker.markInert(bytes, plain..<i, into: &out, format)
          out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[i..<end]))
          i = end
          plain = end
        } else {
          i += 1
        }
      }
      marker.markInert(bytes, plain..<n, into: &out, format)
      return String(decoding: out, as: UTF8.self)
    }
  }

  /// The lower-cased element name of a tag (`<h2 ...>`, `</h2>`): after the
  /// `<` and any `/`, the letters and digits. A name running on into a
  /// non-ASCII letter is taken as the character-wise scan takes it.
  static func elementName(_ tag: UnsafeBufferPointer<UInt8>) -> String? {
    var i = 1
    while i < tag.count && tag[i] == UInt8(ascii: "/") { i += 1 }
    var name: [UInt8] = []
    while i < tag.count {
      let b = tag[i]
      switch b {
      case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"): name.append(b)
      case UInt8(ascii: "A")...UInt8(ascii: "Z"): name.append(b + 32)
      case 0x80...:
        let body = String(decoding: tag, as: UTF8.self).dropFirst().drop { $0 == "/" }
        return String(body.prefix(while: isNameCharacter)).lowercased()
      default: return String(decoding: name, as: UTF8.self)
      }
      i += 1
    }
    return String(decoding: name, as: UTF8.self)
  }
}

extension FirstUse.Marker {
  /// ``mark(_:_:)`` for a text that may be inert: nil when it is not.
  mutating func markInertText(_ text: Substring, _ format: (String) -> String) -> String? {
    var text = text
    return text.withUTF8 { bytes -> String? in
      guard InertText.isInert(bytes) else { return nil }
      var out: [UInt8] = []
      out.reserveCapacity(bytes.count + 64)
      markInert(bytes, 0..<bytes.count, into: &out, format)
      return String(decoding: out, as: UTF8.self)
    }
  }

  /// Appends `bytes[range]` to `out` with `format(english)` after the first
  /// use of each unused term, as ``mark(_:_:)`` does on the same text. The
  /// bytes are inert text and ``inert`` is not nil.
  mutating func markInert(
    _ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, into out: inout [UInt8], _ format: (String) -> String
  ) {
    let text = UnsafeBufferPointer(rebasing: bytes[range])
    guard let inert, !text.isEmpty, used.count < terms.count, text.contains(where: { $0 >= 0x80 }) else {
      out.append(contentsOf: text)
      return
    }
    var copied = 0
    var i = 0
    while i < text.count {
      let (s, length) = InertText.decode(text, at: i)
      guard inert.mayStart(s), let match = inert.byFirst[s]?.first(where: { Self.hasPrefix(text, at: i, $0.utf8) }) else {
        i += length
        continue
      }
      let end = i + match.utf8.count
      i = end
      guard !used.contains(match.term.chinese) else { continue }
      used.insert(match.term.chinese)
      // Already glossed by the text itself: “交叉熵（cross-entropy）”.
      if Self.glossOpenings.contains(where: { Self.hasPrefix(text, at: end, $0) }) { continue }
      out.append(contentsOf: UnsafeBufferPointer(rebasing: text[copied..<end]))
      copied = end
      out.append(contentsOf: format(match.term.english).utf8)
    }
    out.append(contentsOf: UnsafeBufferPointer(rebasing: text[copied...]))
  }

  /// What follows a term the text glosses itself: “（”, “(” or “ (”.
  static let glossOpenings: [[UInt8]] = [Array("（".utf8), Array("(".utf8), Array(" (".utf8)]

  /// Whether `text` holds `prefix` from byte `i`.
  static func hasPrefix(_ text: UnsafeBufferPointer<UInt8>, at i: Int, _ prefix: [UInt8]) -> Bool {
    guard text.count - i >= prefix.count else { return false }
    for (k, b) in prefix.enumerated() where text[i + k] != b { return false }
    return true
  }
}
