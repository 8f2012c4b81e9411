import LossAtlasCore

/// A JSON value with exact numbers and a deterministic writer.
///
/// Numbers keep their source text until asked for, so `2` and `2.0` can be
/// told apart (a class index must be an integer) and parsing is correctly
/// rounded (`Double(String)`). Objects keep their key order, so output is
/// byte-for-byte reproducible.
public enum JSONValue: Sendable, Equatable {
  case null
  case bool(Bool)
  /// A number, as its JSON text.
  case number(String)
  case string(String)
  case array([JSONValue])
  case object([(key: String, value: JSONValue)])

  public static func == (a: JSONValue, b: JSONValue) -> Bool {
    switch (a, b) {
    case (.null, .null): return true
    case (.bool(let x), .bool(let y)): return x == y
    case (.number(let x), .number(let y)): return x == y
    case (.string(let x), .string(let y)): return x == y
    case (.array(let x), .array(let y)): return x == y
    case (.object(let x), .object(let y)):
      return x.count == y.count && zip(x, y).allSatisfy { $0.key == $1.key && $0.value == $1.value }
    default: return false
    }
  }

  /// A Double as JSON: its shortest round-tripping text (Swift's
  /// `description`), or the strings "inf", "-inf", "nan" for non-finite
  /// numbers, which JSON cannot spell.
  public static func double(_ v: Double) -> JSONValue {
    if v.isNaN { return .string("nan") }
    if v == .infinity { return .string("inf") }
    if v == -.infinity { return .string("-inf") }
    return .number(v.description)
  }

  /// An integer as JSON.
  public static func integer(_ v: Int) -> JSONValue { .number(String(v)) }

  /// The value of key `key`, for objects.
  public subscript(key: String) -> JSONValue? {
    guard case .object(let members) = self else { return nil }
    return members.first { $0.key == key }?.value
  }

  /// The number as a correctly rounded Double; the strings "inf", "+inf",
  /// "-inf", "infinity", "+infinity", "-infinity" and "nan", in any case
  /// (``NumberSyntax/nonFiniteWord(_:)``), are read as the non-finite
  /// numbers they name.
  public var doubleValue: Double? {
    switch self {
    case .number(let text): return Double(text)
    case .string(let word): return NumberSyntax.nonFiniteWord(word)
    default: return nil
    }
  }

  /// Whether the number is written without a fraction or an exponent.
  public var isIntegerLiteral: Bool {
    guard case .number(let text) = self else { return false }
    return !text.contains(where: { $0 == "." || $0 == "e" || $0 == "E" })
  }
}

// MARK: - Writing

extension JSONValue {
  /// JSON on one line with `, ` and `: ` separators, as JSON Lines files
  /// (and Python's `json.dumps`) write it: `{"value": 0.5, "grad": {"x": 0.25}}`.
  public var lineText: String {
    var out: [UInt8] = []
    write(to: &out, pretty: false, level: 0)
    return String(decoding: out, as: UTF8.self)
  }

  /// The value as an error message quotes it: a number, string, `true`,
  /// `false` or `null` as JSON (cut to 60 characters), an array or object
  /// by what it is.
  public var shortText: String {
    switch self {
    case .array(let items): return items.isEmpty ? "[]" : "an array of \(items.count) item\(items.count == 1 ? "" : "s")"
    case .object(let members): return members.isEmpty ? "{}" : "an object"
    default: return InputEcho.short(lineText)
    }
  }

  /// Pretty JSON with two-space indentation and a trailing newline.
  public var prettyText: String { String(decoding: prettyBytes, as: UTF8.self) }

  /// ``prettyText`` as UTF-8 bytes, what a file of it holds: written into
  /// one byte buffer (the data exports' 2 MB of JSON cost 0.1 s of CPU when
  /// built by appending to a `String` scalar by scalar).
  public var prettyBytes: [UInt8] {
    var out: [UInt8] = []
    write(to: &out, pretty: true, level: 0)
    out.append(UInt8(ascii: "\n"))
    return out
  }
}

// MARK: - Parsing

/// A JSON text that could not be parsed, with the byte offset.
public struct JSONParseError: Error, Sendable, CustomStringConvertible {
  public let offset: Int
  public let reason: String
  public var description: String { "malformed JSON at byte \(offset + 1): \(reason)" }
}

extension JSONValue {
  /// Parses one JSON text (RFC 8259), rejecting trailing garbage, invalid
  /// UTF-8 and nesting deeper than 64 levels.
  public static func parse(_ text: String) throws(JSONParseError) -> JSONValue {
    try parse(Array(text.utf8))
  }

  /// Parses UTF-8 bytes holding one JSON text.
  public static func parse(_ bytes: [UInt8]) throws(JSONParseError) -> JSONValue {
    var parser = JSONParser(bytes: bytes)
    parser.skipSpace()
    let value = try parser.value(depth: 0)
    parser.skipSpace()
    guard parser.index == bytes.count else { throw parser.error("unexpected text after the value") }
    return value
  }
}

private struct JSONParser {
  let bytes: [UInt8]
  var index = 0

  init(bytes: [UInt8]) { self.bytes = bytes }

  func error(_ reason: String) -> JSONParseError { JSONParseError(offset: index, reason: reason) }

  mutating func skipSpace() {
    while index < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[index]) { index += 1 }
  }

  mutating func value(depth: Int) throws(JSONParseError) -> JSONValue {
    guard depth < 64 else { throw error("nesting deeper than 64 levels") }
    guard index < bytes.count else { throw error("unexpected end of input") }
    switch bytes[index] {
    case UInt8(ascii: "{"): return try object(depth: depth)
    case UInt8(ascii: "["): return try array(depth: depth)
    case UInt8(ascii: "\""): return .string(try string())
    case UInt8(ascii: "t"): try literal("true"); return .bool(true)
    case UInt8(ascii: "f"): try literal("false"); return .bool(false)
    case UInt8(ascii: "n"): try literal("null"); return .null
    case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try number()
    default: throw error("unexpected character")
    }
  }

  mutating func literal(_ word: String) throws(JSONParseError) {
    let w = Array(word.utf8)
    guard index + w.count <= bytes.count, Array(bytes[index..<index + w.count]) == w else {
      throw error("expected '\(word)'")
    }
    index += w.count
  }

  mutating func object(depth: Int) throws(JSONParseError) -> JSONValue {
    index += 1
    var members: [(key: String, value: JSONValue)] = []
    // The keys seen, for the duplicate check: a set, so that an object of
    // 100,000 keys costs 100,000 look-ups, not 5 billion comparisons.
    var keys = Set<String>()
    skipSpace()
    if index < bytes.count, bytes[index] == UInt8(ascii: "}") {
      index += 1
      return .object(members)
    }
    while true {
      skipSpace()
      guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { throw error("expected a string key") }
      let key = try string()
      skipSpace()
      guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { throw error("expected ':'") }
      index += 1
      skipSpace()
      let v = try value(depth: depth + 1)
      guard keys.insert(key).inserted else { throw error("duplicate key '\(InputEcho.short(key))'") }
      members.append((key, v))
      skipSpace()
      guard index < bytes.count else { throw error("unexpected end of input in an object") }
      if bytes[index] == UInt8(ascii: ",") {
        index += 1
        continue
      }
      guard bytes[index] == UInt8(ascii: "}") else { throw error("expected ',' or '}'") }
      index += 1
      return .object(members)
    }
  }

  mutating func array(depth: Int) throws(JSONParseError) -> JSONValue {
    index += 1
    var items: [JSONValue] = []
    skipSpace()
    if index < bytes.count, bytes[index] == UInt8(ascii: "]") {
      index += 1
      return .array(items)
    }
    while true {
      skipSpace()
      items.append(try value(depth: depth + 1))
      skipSpace()
      guard index < bytes.count else { throw error("unexpected end of input in an array") }
      if bytes[index] == UInt8(ascii: ",") {
        index += 1
        continue
      }
      guard bytes[index] == UInt8(ascii: "]") else { throw error("expected ',' or ']'") }
      index += 1
      return .array(items)
    }
  }

  mutating func string() throws(JSONParseError) -> String {
    index += 1
    // Most strings hold no escape: up to the closing quote, checked for
    // control characters and UTF-8 in one pass, one String made. Anything
    // else (an escape, a control character, invalid UTF-8, no closing
    // quote) is read again from the start below, with its error.
    var end = index
    while end < bytes.count, bytes[end] != UInt8(ascii: "\""), bytes[end] != UInt8(ascii: "\\"), bytes[end] >= 0x20 {
      end += 1
    }
    if end < bytes.count, bytes[end] == UInt8(ascii: "\""),
      let s = String(validating: bytes[index..<end], as: UTF8.self)
    {
      index = end + 1
      return s
    }
    var scalars = String.UnicodeScalarView()
    var raw: [UInt8] = []
    func flush() throws(JSONParseError) {
      guard !raw.isEmpty else { return }
      guard let s = String(validating: raw, as: UTF8.self) else { throw error("invalid UTF-8 in a string") }
      scalars.append(contentsOf: s.unicodeScalars)
      raw.removeAll()
    }
    while true {
      guard index < bytes.count else { throw error("unterminated string") }
      let b = bytes[index]
      if b == UInt8(ascii: "\"") {
        index += 1
        try flush()
        return String(scalars)
      }
      if b < 0x20 { throw error("control character in a string") }
      if b == UInt8(ascii: "\\") {
        try flush()
        index += 1
        guard index < bytes.count else { throw error("unterminated escape") }
        let e = bytes[index]
        index += 1
        switch e {
        case UInt8(ascii: "\""): scalars.append("\"")
        case UInt8(ascii: "\\"): scalars.append("\\")
        case UInt8(ascii: "/"): scalars.append("/")
        case UInt8(ascii: "b"): scalars.append("\u{08}")
        case UInt8(ascii: "f"): scalars.append("\u{0C}")
        case UInt8(ascii: "n"): scalars.append("\n")
        case UInt8(ascii: "r"): scalars.append("\r")
        case UInt8(ascii: "t"): scalars.append("\t")
        case UInt8(ascii: "u"):
          var code = try hex4()
          if (0xD800..<0xDC00).contains(code) {
            guard index + 1 < bytes.count, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u")
            else { throw error("unpaired surrogate") }
            index += 2
            let low = try hex4()
            guard (0xDC00..<0xE000).contains(low) else { throw error("unpaired surrogate") }
            code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
          }
          guard let scalar = Unicode.Scalar(code) else { throw error("invalid \\u escape") }
          scalars.append(scalar)
        default: throw error("invalid escape")
        }
        continue
      }
      raw.append(b)
      index += 1
    }
  }

  mutating func hex4() throws(JSONParseError) -> UInt32 {
    guard index + 4 <= bytes.count else { throw error("short \\u escape") }
    var v: UInt32 = 0
    for _ in 0..<4 {
      let c = bytes[index]
      let d: UInt32
      switch c {
      case UInt8(ascii: "0")...UInt8(ascii: "9"): d = UInt32(c - UInt8(ascii: "0"))
      case UInt8(ascii: "a")...UInt8(ascii: "f"): d = UInt32(c - UInt8(ascii: "a") + 10)
      case UInt8(ascii: "A")...UInt8(ascii: "F"): d = UInt32(c - UInt8(ascii: "A") + 10)
      default: throw error("invalid hex digit in \\u escape")
      }
      v = v * 16 + d
      index += 1
    }
    return v
  }

  mutating func number() throws(JSONParseError) -> JSONValue {
    let start = index
    func digits() -> Int {
      let s = index
      while index < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]) { index += 1 }
      return index - s
    }
    if bytes[index] == UInt8(ascii: "-") { index += 1 }
    guard index < bytes.count else { throw error("incomplete number") }
    if bytes[index] == UInt8(ascii: "0") {
      index += 1
    } else if digits() == 0 {
      throw error("expected a digit")
    }
    if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
      index += 1
      guard digits() > 0 else { throw error("expected a digit after '.'") }
    }
    if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
      index += 1
      if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") { index += 1 }
      guard digits() > 0 else { throw error("expected a digit in the exponent") }
    }
    return .number(String(decoding: bytes[start..<index], as: UTF8.self))
  }
}
