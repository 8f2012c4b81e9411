extension JSONValue {
  /// Appends the value's JSON text, as UTF-8, to `out`: pretty (two-space
  /// indentation, one member or non-scalar item per line, arrays of scalars
  /// on one line) or on one line with `, ` and `: ` separators.
  /// `level` is the nesting depth of the value (its closing bracket's indentation).
  func write(to out: inout [UInt8], pretty: Bool, level: Int) {
    switch self {
    case .null: out.append(contentsOf: "null".utf8)
    case .bool(let b): out.append(contentsOf: (b ? "true" : "false").utf8)
    case .number(let text): out.append(contentsOf: text.utf8)
    case .string(let s): JSONValue.writeString(s, to: &out)
    case .array(let items):
      guard !items.isEmpty else {
        out.append(contentsOf: "[]".utf8)
        return
      }
      // Arrays of scalars stay on one line even when pretty.
      let flat = !pretty || items.allSatisfy(\.isScalar)
      out.append(UInt8(ascii: "["))
      for (i, item) in items.enumerated() {
        if i > 0 { out.append(contentsOf: (flat ? ", " : ",").utf8) }
        if !flat { JSONValue.newline(&out, pretty, level + 1) }
        item.write(to: &out, pretty: pretty, level: level + 1)
      }
      if !flat { JSONValue.newline(&out, pretty, level) }
      out.append(UInt8(ascii: "]"))
    case .object(let members):
      guard !members.isEmpty else {
        out.append(contentsOf: "{}".utf8)
        return
      }
      out.append(UInt8(ascii: "{"))
      for (i, member) in members.enumerated() {
        if i > 0 { out.append(contentsOf: (pretty ? "," : ", ").utf8) }
        JSONValue.newline(&out, pretty, level + 1)
        JSONValue.writeString(member.key, to: &out)
        out.append(contentsOf: ": ".utf8)
        member.value.write(to: &out, pretty: pretty, level: level + 1)
      }
      JSONValue.newline(&out, pretty, level)
      out.append(UInt8(ascii: "}"))
    }
  }

  private var isScalar: Bool {
    switch self {
    case .array, .object: return false
    default: return true
    }
  }

  /// A line break and two spaces per level, when pretty.
  private static func newline(_ out: inout [UInt8], _ pretty: Bool, _ level: Int) {
    guard pretty else { return }
    out.append(UInt8(ascii: "\n"))
    out.append(contentsOf: repeatElement(UInt8(ascii: " "), count: 2 * level))
  }

  /// `s` quoted: `"` and `\` backslashed, line feed, carriage return and
  /// tab as `\n`, `\r`, `\t`, every other control character (U+0000 to
  /// U+001F) as `\u00xx` (lower-case hex); everything else as it is.
  ///
  /// Byte by byte: in UTF-8 a byte below 0x80 is always a whole ASCII
  /// scalar (the bytes of a multi-byte scalar are all 0x80 or above), so
  /// the escaped bytes are exactly the escaped scalars, and runs of bytes
  /// that need no escape are copied at once.
  private static func writeString(_ s: String, to out: inout [UInt8]) {
    out.append(UInt8(ascii: "\""))
    var s = s
    s.withUTF8 { bytes in
      var run = 0
      for (i, b) in bytes.enumerated() where b < 0x20 || b == UInt8(ascii: "\"") || b == UInt8(ascii: "\\") {
        out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[run..<i]))
        run = i + 1
        switch b {
        case UInt8(ascii: "\""): out.append(contentsOf: #"\""#.utf8)
        case UInt8(ascii: "\\"): out.append(contentsOf: #"\\"#.utf8)
        case UInt8(ascii: "\n"): out.append(contentsOf: #"\n"#.utf8)
        case UInt8(ascii: "\r"): out.append(contentsOf: #"\r"#.utf8)
        case UInt8(ascii: "\t"): out.append(contentsOf: #"\t"#.utf8)
        default:
          out.append(contentsOf: #"\u00"#.utf8)
          out.append(b >> 4 == 0 ? UInt8(ascii: "0") : UInt8(ascii: "1"))
          let low = b & 0xF
          out.append(low < 10 ? UInt8(ascii: "0") + low : UInt8(ascii: "a") + low - 10)
        }
      }
      out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[run...]))
    }
    out.append(UInt8(ascii: "\""))
  }
}
