import Foundation

/// Chinese typography: two full-width parenthetical groups back to back
/// ("Leaky ReLU（带泄漏的ReLU）（a = 0.01）", a statement's own remark
/// followed by its "（测量所用版本：…）") read as a stutter. They become one
/// group, the remarks separated by a full-width semicolon:
/// "Leaky ReLU（带泄漏的ReLU；a = 0.01）".
///
/// Each "）（" closes one group and opens the next at once, so replacing
/// it keeps the brackets balanced (also when the first group holds a
/// nested one: "（a（b））（c）" becomes "（a（b）；c）"). Applied to every
/// page of an edition that writes full-width brackets (the Chinese one),
/// after the glossary's first-use glosses, so no phrase needs to know what
/// follows it.
enum AdjacentParentheses {
  /// `text` with every "）（" replaced by "；".
  ///
  /// The rule is Foundation's `replacingOccurrences(of: "）（", with: "；")`,
  /// which matches whole characters (a "（" carrying a combining mark is
  /// not a "（"). That call copies the page to UTF-16 and back (a tenth of
  /// the Chinese pages' rendering time), so the pairs are replaced here in
  /// the UTF-8 bytes whenever every pair stands between characters that
  /// cannot join it (``joinsNoPair(_:)``): then the two agree byte for
  /// byte. A text with any other neighbour takes Foundation's path.
  static func merge(_ text: String) -> String {
    let bytes = Array(text.utf8)
    let pairs = pairOffsets(bytes)
    guard !pairs.isEmpty else { return text }
    guard pairs.allSatisfy({ standsAlone(bytes, at: $0) }) else { return foundationMerge(text) }
    var out: [UInt8] = []
    out.reserveCapacity(bytes.count)
    var start = 0
    for p in pairs {
      out += bytes[start..<p]
      out += semicolon
      start = p + pair.count
    }
    out += bytes[start...]
    return String(decoding: out, as: UTF8.self)
  }

  /// The original rule, through Foundation (the reference of the tests).
  static func foundationMerge(_ text: String) -> String {
    text.replacingOccurrences(of: "）（", with: "；")
  }

  /// "）（" and "；" in UTF-8.
  static let pair: [UInt8] = Array("）（".utf8)
  static let semicolon: [UInt8] = Array("；".utf8)

  /// The byte offsets of the non-overlapping "）（" pairs, left to right
  /// (the pair cannot overlap itself: ")" and "(" differ).
  static func pairOffsets(_ bytes: [UInt8]) -> [Int] {
    var out: [Int] = []
    let n = pair.count
    guard bytes.count >= n else { return out }
    var i = 0
    while i <= bytes.count - n {
      if bytes[i] == pair[0] && bytes[i + 1] == pair[1] && bytes[i + 2] == pair[2] && bytes[i + 3] == pair[3]
        && bytes[i + 4] == pair[4] && bytes[i + 5] == pair[5]
      {
        out.append(i)
        i += n
      } else {
        i += 1
      }
    }
    return out
  }

  /// Whether the pair at `offset` is two whole characters: the character
  /// before it and the one after it are of kinds that never form one
  /// grapheme cluster with a bracket (see ``joinsNoPair(_:)``), or the
  /// text ends there.
  static func standsAlone(_ bytes: [UInt8], at offset: Int) -> Bool {
    var before = offset
    if before > 0 {
      before -= 1
      while before > 0 && bytes[before] & 0xC0 == 0x80 { before -= 1 }
      guard joinsNoPair(scalar(bytes, at: before)) else { return false }
    }
    let after = offset + pair.count
    return after >= bytes.count || joinsNoPair(scalar(bytes, at: after))
  }

  /// The scalar whose UTF-8 encoding starts at `i` (`bytes` is valid UTF-8).
  static func scalar(_ bytes: [UInt8], at i: Int) -> UInt32 {
    let b = UInt32(bytes[i])
    if b < 0x80 { return b }
    if b < 0xE0 { return (b & 0x1F) << 6 | UInt32(bytes[i + 1]) & 0x3F }
    if b < 0xF0 { return (b & 0x0F) << 12 | (UInt32(bytes[i + 1]) & 0x3F) << 6 | UInt32(bytes[i + 2]) & 0x3F }
    return (b & 0x07) << 18 | (UInt32(bytes[i + 1]) & 0x3F) << 12 | (UInt32(bytes[i + 2]) & 0x3F) << 6
      | UInt32(bytes[i + 3]) & 0x3F
  }

  /// Scalars that start and end a grapheme cluster of their own next to a
  /// bracket: no combining mark, joiner, variation selector, spacing mark
  /// or prepended concatenation mark is among them (Unicode's grapheme
  /// break rules GB9, GB9a, GB9b). Deliberately a short list of the
  /// blocks the manual writes beside brackets: ASCII and Latin-1, Greek,
  /// general punctuation, arrows and mathematical operators, CJK
  /// punctuation, ideographs and full-width forms.
  static func joinsNoPair(_ s: UInt32) -> Bool {
    switch s {
    case 0x00...0x2FF: return true  // Latin (combining marks start at U+0300)
    case 0x370...0x3FF: return true  // Greek and Coptic (no marks in the block)
    case 0x2010...0x2027, 0x2030...0x205E: return true  // punctuation (not the joiners and controls around it)
    case 0x2070...0x20CF: return true  // super- and subscripts, currency (the symbol marks start at U+20D0)
    case 0x2100...0x2BFF: return true  // letterlike symbols, arrows, mathematical operators, shapes
    case 0x3000...0x3029, 0x3030...0x303F: return true  // CJK punctuation (not the tone marks U+302A...U+302F)
    case 0x3400...0x4DBF, 0x4E00...0x9FFF: return true  // CJK ideographs
    case 0xFF01...0xFF5E: return true  // full-width forms (not the half-width sound marks U+FF9E, U+FF9F)
    default: return false
    }
  }
}
