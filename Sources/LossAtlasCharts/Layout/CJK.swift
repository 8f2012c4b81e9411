// MARK: - CJK

/// Which characters are Chinese (CJK) text, for font choice and line breaking.
///
/// The charts draw Latin letters, Greek, digits and mathematical symbols with
/// DejaVu Sans and the characters of the CJK scripts with a CJK font
/// (WenQuanYi Micro Hei): ``FontChain/runs(_:)`` asks these questions.
enum CJK {
  /// Whether `s` belongs to the CJK blocks: ideographs (unified, extensions
  /// A to H, compatibility), radicals, CJK symbols and punctuation (、。「」《》),
  /// kana, bopomofo, enclosed and compatibility forms, vertical and
  /// compatibility punctuation forms, and the half-width and full-width forms
  /// (（），：；？！ and full-width digits and letters). Such a character is
  /// always drawn with the CJK font.
  static func isCJK(_ s: Unicode.Scalar) -> Bool {
    switch s.value {
    case 0x2E80...0x2FDF,  // CJK radicals supplement, Kangxi radicals
      0x2FF0...0x2FFF,  // ideographic description characters
      0x3000...0x303F,  // CJK symbols and punctuation
      0x3040...0x31FF,  // hiragana, katakana, bopomofo, kanbun, strokes
      0x3200...0x33FF,  // enclosed CJK letters, CJK compatibility
      0x3400...0x4DBF,  // ideographs extension A
      0x4E00...0x9FFF,  // unified ideographs
      0xF900...0xFAFF,  // compatibility ideographs
      0xFE10...0xFE1F,  // vertical forms
      0xFE30...0xFE4F,  // CJK compatibility forms
      0xFF00...0xFFEF,  // half-width and full-width forms
      0x20000...0x3FFFF:  // ideographs extensions B to H, compatibility supplement
      return true
    default:
      return false
    }
  }

  /// Punctuation Chinese and English share by code point: quotation marks
  /// “ ” ‘ ’, the ellipsis … and the dashes — ―. In a text with CJK
  /// characters they are the Chinese ones, full-width, drawn with the CJK
  /// font (as GB/T 15834 sets them); in an English text DejaVu Sans's.
  /// (The middle dot is left out: in a formula it is a product.)
  static func isSharedPunctuation(_ s: Unicode.Scalar) -> Bool {
    switch s.value {
    case 0x2014, 0x2015, 0x2018, 0x2019, 0x201C, 0x201D, 0x2026: return true
    default: return false
    }
  }

  /// Whether a text contains any CJK character (see ``isCJK(_:)``).
  static func contains(_ text: String) -> Bool { text.unicodeScalars.contains(where: isCJK) }

  /// Characters a line may not start with (closing punctuation, GB/T 15834
  /// and the W3C's "Requirements for Chinese Text Layout", 3.1.7).
  static func isNoLineStart(_ s: Unicode.Scalar) -> Bool {
    "，。、；：？！）》」』】〉〕”’…—%‰℃·,.;:?!)]}".unicodeScalars.contains(s)
  }

  /// Characters a line may not end with (opening punctuation).
  static func isNoLineEnd(_ s: Unicode.Scalar) -> Bool {
    "（《「『【〈〔“‘([{".unicodeScalars.contains(s)
  }
}
