// MARK: - TextWrap

/// Line breaking for titles and subtitles: a text wider than the space it
/// has is broken at spaces into lines that each fit (greedily, as many
/// words per line as fit). A word wider than the space stays whole on its
/// own line. A text that fits is returned as it is.
enum TextWrap {
  static func lines(_ text: String, maxWidth: Int, width: (String) throws -> Int) rethrows -> [String] {
    guard try width(text) > maxWidth else { return [text] }
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
}
