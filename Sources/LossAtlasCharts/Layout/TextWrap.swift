// MARK: - TextWrap

/// Line breaking for titles and subtitles: a text wider than the space it
/// has is broken at spaces into lines that each fit (greedily, as many
/// words per line as fit). A word wider than the space stays whole on its
/// own line. A text that fits is returned as it is.
///
/// Chinese text has no spaces between words: in a text with CJK characters
/// a line may also break between two characters when one of them is CJK,
/// except before closing punctuation or after opening punctuation
/// (``CJK/isNoLineStart(_:)``, ``CJK/isNoLineEnd(_:)``), and nothing is
/// inserted at such a break.
enum TextWrap {
  static func lines(_ text: String, maxWidth: Int, width: (String) throws -> Int) rethrows -> [String] {
    guard try width(text) > maxWidth else { return [text] }
    if CJK.contains(text) { return try cjkLines(text, maxWidth: maxWidth, width: width) }
    // Split at single spaces: a run of spaces stays inside the line it falls in.
    let words = text.split(separator: " ", omittingEmptySubsequences: false).map(String.init)
    var lines: [String] = []
    var current = ""
    for word in words {
      let candidate = current.isEmpty ? word : current + " " + word
      if !current.isEmpty, try width(candidate) > maxWidth, !word.isEmpty {
        lines.append(current)
        current = word
      } else {
        current = candidate
      }
    }
    if !current.isEmpty { lines.append(current) }
    return lines.map { String($0.drop(while: { $0 == " " }).reversed().drop(while: { $0 == " " }).reversed()) }
  }

  /// Greedy breaking at spaces and between CJK characters.
  static func cjkLines(_ text: String, maxWidth: Int, width: (String) throws -> Int) rethrows -> [String] {
    // Pieces that a line may end after: each piece ends at a break opportunity.
    var pieces: [String] = []
    var current = ""
    let chars = Array(text)
    for (i, c) in chars.enumerated() {
      current.append(c)
      guard i + 1 < chars.count else { break }
      let a = c.unicodeScalars.last!
      let b = chars[i + 1].unicodeScalars.first!
      let breakable =
        b == " " && a != " "
        || ((CJK.isCJK(a) || CJK.isCJK(b)) && a != " " && b != " " && !CJK.isNoLineStart(b) && !CJK.isNoLineEnd(a))
      if breakable {
        pieces.append(current)
        current = ""
      }
    }
    if !current.isEmpty { pieces.append(current) }
    var lines: [String] = []
    var line = ""
    for piece in pieces {
      let candidate = line + piece
      if !line.trimmingSpaces.isEmpty, try width(candidate.trimmingSpaces) > maxWidth {
        lines.append(line.trimmingSpaces)
        line = piece
      } else {
        line = candidate
      }
    }
    if !line.trimmingSpaces.isEmpty { lines.append(line.trimmingSpaces) }
    return lines
  }
}

extension String {
  /// The text without leading and trailing spaces.
  fileprivate var trimmingSpaces: String {
    String(drop(while: { $0 == " " }).reversed().drop(while: { $0 == " " }).reversed())
  }
}
