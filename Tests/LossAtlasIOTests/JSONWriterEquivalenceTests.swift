import Foundation
import Testing
import TestSupport

@testable import LossAtlasIO

/// The byte-buffer JSON writer (session 25, perf-pages) writes exactly the
/// text of the `String` writer it replaced (kept below as ``LegacyJSONWriter``,
/// copied from commit fd2c868): on the committed manual's data exports
/// (parsed back), and on hostile values (every control character, quotes
/// and backslashes next to multi-byte scalars, combining marks, characters
/// beyond the BMP, the numbers of -0, subnormals, 1e300 and the largest
/// Double, the non-finite words, empty and deeply nested containers).
@Suite("JSON writer: the byte writer equals the old String writer")
struct JSONWriterEquivalenceTests {
  /// The committed manual's JSON exports.
  static let exports: [(name: String, value: JSONValue)] = {
    let dir = Fixtures.repositoryRoot.appendingPathComponent("output/html/data")
    return ["catalog.json", "properties.json", "comparisons.json"].compactMap { name in
      guard let bytes = FileManager.default.contents(atPath: dir.appendingPathComponent(name).path),
        let value = try? JSONValue.parse([UInt8](bytes))
      else { return nil }
      return (name, value)
    }
  }()

  /// Strings built to trip a byte-level escaper.
  static let hostileStrings: [String] = {
    var out = [
      "", "\"", "\\", "\\\"", "\"\"", "a\"b\\c", "\n\r\t", "\r\n", "\u{7F}", "\u{80}", "\u{85}", "\u{A0}", "\u{2028}\u{2029}",
      "é", "e\u{301}", "\"\u{301}", "\u{301}\"", "\\\u{1F600}", "\u{1F600}\n\u{1F600}", "\u{1F1EB}\u{1F1F7}", "\u{FEFF}x",
      "中文\t\"引号\"", "/</script>", "\u{10FFFF}", "\u{E000}", "\u{0}\u{0}", "a\u{0}b", "x\u{1F}y\u{1B}[0m",
    ]
    out.append(String((0..<0x20).map { Character(Unicode.Scalar(UInt8($0))) }))
    out += (0..<0x80).map { String(Character(Unicode.Scalar(UInt8($0)))) }
    out.append(String(repeating: "ab\"\u{1F600}\\", count: 500))
    // A string that is not stored as native UTF-8.
    out.append(String(NSString(string: "bridged \"é\" \u{1F600}\n")))
    return out
  }()

  /// Numbers as the manual writes them, among them the extreme ones.
  static let hostileNumbers: [JSONValue] = ([
    0.0, -0.0, 1.0, -1.0, 0.1, 1e300, -1e300, 1e-300, .leastNonzeroMagnitude, -.leastNonzeroMagnitude,
    .leastNormalMagnitude, .leastNormalMagnitude.nextDown, .greatestFiniteMagnitude, -.greatestFiniteMagnitude,
    .ulpOfOne, 0.5 + .ulpOfOne, .pi, .infinity, -.infinity, .nan, 2.5e-308, 123456789012345680,
  ] as [Double]).map(JSONValue.double) + [.integer(0), .integer(-7), .integer(.max), .integer(.min), .number("1.0"), .number("2E+3")]

  /// Values that mix every kind, empty and nested.
  static var hostileValues: [JSONValue] {
    let strings = hostileStrings.map(JSONValue.string)
    let scalars: [JSONValue] = strings + hostileNumbers + [.null, .bool(true), .bool(false)]
    var values = scalars
    values += [.array([]), .object([]), .array(scalars), .array([.array([]), .object([])])]
    // Keys once each (String equality is canonical: "é" and "e\u{301}" are one key to the parser).
    var seen = Set<String>()
    let keys = hostileStrings.filter { seen.insert($0).inserted }
    values.append(.object(keys.enumerated().map { (key: $0.element, value: scalars[$0.offset % scalars.count]) }))
    values.append(.array([.null, .array([.bool(true)]), .object([("", .array([])), ("k", .object([("x", .number("1"))]))])]))
    var deep = JSONValue.string("\u{1F600}\"")
    for level in 0..<200 { deep = level % 3 == 0 ? .array([deep, .null]) : level % 3 == 1 ? .object([("k\(level)", deep)]) : .array([deep]) }
    values.append(deep)
    return values
  }

  @Test func committedExports() throws {
    #expect(Self.exports.count == 3)
    for (name, value) in Self.exports {
      let old = LegacyJSONWriter.prettyText(value)
      #expect(value.prettyText == old, "\(name)")
      #expect(value.prettyBytes == Array(old.utf8), "\(name)")
      #expect(value.lineText == LegacyJSONWriter.lineText(value), "\(name)")
    }
  }

  @Test func hostileValues() {
    for value in Self.hostileValues {
      let old = LegacyJSONWriter.prettyText(value)
      #expect(value.prettyText == old, "\(old)")
      #expect(value.prettyBytes == Array(old.utf8), "\(old)")
      #expect(value.lineText == LegacyJSONWriter.lineText(value), "\(old)")
    }
  }

  /// Every control character is escaped as JSON requires: the text parses
  /// back to the value (all but the last, nested deeper than the parser's
  /// 64 levels).
  @Test func roundTrip() throws {
    for value in Self.hostileValues.dropLast() { #expect(try JSONValue.parse(value.prettyText) == value) }
  }
}

/// The JSON writer as of commit fd2c868 (Sources/LossAtlasIO/JSON.swift),
/// verbatim but for the names.
enum LegacyJSONWriter {
  static func lineText(_ value: JSONValue) -> String {
    var out = ""
    write(value, to: &out, indent: nil, level: 0)
    return out
  }

  static func prettyText(_ value: JSONValue) -> String {
    var out = ""
    write(value, to: &out, indent: "  ", level: 0)
    out += "\n"
    return out
  }

  private static func write(_ value: JSONValue, to out: inout String, indent: String?, level: Int) {
    switch value {
    case .null: out += "null"
    case .bool(let b): out += b ? "true" : "false"
    case .number(let text): out += text
    case .string(let s): writeString(s, to: &out)
    case .array(let items):
      guard !items.isEmpty else {
        out += "[]"
        return
      }
      // Arrays of scalars stay on one line even when pretty.
      let flat = indent == nil || items.allSatisfy(isScalar)
      out += "["
      for (i, item) in items.enumerated() {
        if i > 0 { out += flat ? ", " : "," }
        if !flat { newline(&out, indent, level + 1) }
        write(item, to: &out, indent: indent, level: level + 1)
      }
      if !flat { newline(&out, indent, level) }
      out += "]"
    case .object(let members):
      guard !members.isEmpty else {
        out += "{}"
        return
      }
      out += "{"
      for (i, member) in members.enumerated() {
        if i > 0 { out += indent == nil ? ", " : "," }
        newline(&out, indent, level + 1)
        writeString(member.key, to: &out)
        out += ": "
        write(member.value, to: &out, indent: indent, level: level + 1)
      }
      newline(&out, indent, level)
      out += "}"
    }
  }

  private static func isScalar(_ value: JSONValue) -> Bool {
    switch value {
    case .array, .object: return false
    default: return true
    }
  }

  private static func newline(_ out: inout String, _ indent: String?, _ level: Int) {
    guard let indent else { return }
    out += "\n"
    for _ in 0..<level { out += indent }
  }

  private static func writeString(_ s: String, to out: inout String) {
    out += "\""
    for scalar in s.unicodeScalars {
      switch scalar {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\r": out += "\\r"
      case "\t": out += "\\t"
      case _ where scalar.value < 0x20:
        let hex = String(scalar.value, radix: 16)
        out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
      default: out.unicodeScalars.append(scalar)
      }
    }
    out += "\""
  }
}
