/// Input repeated back in a message: a name, key or value the user gave,
/// made safe to print on one line of a terminal, a log or a JSON answer.
///
/// Control characters (C0, DEL, C1) and the bidirectional-override
/// characters that can reorder what a terminal shows are written as escapes
/// (`\n`, `\t`, `\r`, `\u{1B}`); anything else is kept. ``short(_:limit:)``
/// also cuts long input, so that a 10 MB name does not make a 10 MB message.
public enum InputEcho {
  /// `text` with every control character escaped, cut after `limit`
  /// characters (Unicode scalars) with a note of its full length in bytes.
  public static func short(_ text: String, limit: Int = 60) -> String {
    let scalars = text.unicodeScalars
    var out = ""
    var n = 0
    for scalar in scalars {
      if n == limit {
        return out + "… (\(text.utf8.count) bytes)"
      }
      append(scalar, to: &out)
      n += 1
    }
    return out
  }

  /// `text` with every control character escaped, at full length.
  public static func escapingControls(_ text: String) -> String {
    guard text.unicodeScalars.contains(where: needsEscape) else { return text }
    var out = ""
    for scalar in text.unicodeScalars { append(scalar, to: &out) }
    return out
  }

  /// Whether `scalar` is written as an escape: C0 controls, DEL, C1
  /// controls (U+0080-U+009F; U+009B is a terminal's CSI), the bidi
  /// embeddings, overrides and isolates (U+202A-U+202E, U+2066-U+2069),
  /// the line and paragraph separators, and the noncharacters U+FFFE, U+FFFF.
  public static func needsEscape(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar.value {
    case 0x00..<0x20, 0x7F...0x9F, 0x202A...0x202E, 0x2066...0x2069, 0x2028, 0x2029, 0xFFFE, 0xFFFF: return true
    default: return false
    }
  }

  private static func append(_ scalar: Unicode.Scalar, to out: inout String) {
    guard needsEscape(scalar) else {
      out.unicodeScalars.append(scalar)
      return
    }
    switch scalar {
    case "\n": out += "\\n"
    case "\r": out += "\\r"
    case "\t": out += "\\t"
    default: out += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
    }
  }
}
