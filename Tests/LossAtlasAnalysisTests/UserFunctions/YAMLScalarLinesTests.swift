import Foundation
import LossAtlasCore
import Testing

@testable import LossAtlasAnalysis

/// ``ExpressionSource/yamlScalar(_:file:lines:line:column:style:)`` reads
/// only the lines a scalar spans (session 25): before, every scalar split
/// the whole file and matched to its end, so a file of n functions cost n²
/// time and memory (2,000 functions: 80 s and 1 GB for `list`). Its
/// positions must be those of the old code, kept verbatim here, on every
/// style and on hostile scalars, and its line table must hold every line a
/// position names, with that line's text.
@Suite struct YAMLScalarLinesTests {
  static func referenceYAMLScalar(
    _ value: String, fileText: String, line: Int, column: Int, style: YAMLScalarStyle
  ) -> (positions: [SourcePosition], fileLines: [Int: String]) {
    let lines = fileText.split(separator: "\n", omittingEmptySubsequences: false).map {
      $0.hasSuffix("\r") ? String($0.dropLast()) : String($0)
    }
    var lineTable: [Int: String] = [:]
    for (i, l) in lines.enumerated() { lineTable[i + 1] = l }
    // The raw scalars of the file from the scalar's start on, each with its position.
    var raw: [(scalar: Unicode.Scalar, position: SourcePosition)] = []
    if line >= 1 && line <= lines.count {
      for l in line...lines.count {
        let scalars = Array(lines[l - 1].unicodeScalars)
        let from = l == line ? max(0, column - 1) : 0
        for c in from..<max(from, scalars.count) {
          raw.append((scalars[c], SourcePosition(line: l, column: c + 1)))
        }
        raw.append(("\n", SourcePosition(line: l, column: scalars.count + 1)))
      }
    }
    var r = 0
    switch style {
    case .singleQuoted, .doubleQuoted:
      if r < raw.count, raw[r].scalar == "'" || raw[r].scalar == "\"" { r += 1 }
    case .block:
      while r < raw.count, raw[r].scalar != "\n" { r += 1 }
      r += 1
    case .plain:
      break
    }
    var positions: [SourcePosition] = []
    let fallback = raw.first?.position ?? SourcePosition(line: line, column: column)
    for d in value.unicodeScalars {
      // An escaped line break (`\` at the end of a line) decodes to nothing.
      while style == .doubleQuoted, r + 1 < raw.count, raw[r].scalar == "\\", raw[r + 1].scalar == "\n" {
        r += 1 + escapeLength(raw, r + 1)
      }
      // Skip whitespace the value does not hold (indentation, trailing spaces of a folded line).
      if !isSpace(d) {
        while r < raw.count, isSpace(raw[r].scalar), raw[r].scalar != d { r += 1 }
      }
      guard r < raw.count else {
        positions.append(positions.last.map { SourcePosition(line: $0.line, column: $0.column + 1) } ?? fallback)
        continue
      }
      positions.append(raw[r].position)
      let c = raw[r].scalar
      if style == .doubleQuoted && c == "\\" {
        r += 1 + escapeLength(raw, r + 1)
      } else if style == .singleQuoted && c == "'" && r + 1 < raw.count && raw[r + 1].scalar == "'" {
        r += 2
      } else if c == "\n" && style != .block {
        // A folded line break: one space for the break and the next line's indentation.
        r += 1
        while r < raw.count, raw[r].scalar == " " || raw[r].scalar == "\t" { r += 1 }
      } else {
        r += 1
      }
    }
    let end = r < raw.count ? raw[r].position : (positions.last.map { SourcePosition(line: $0.line, column: $0.column + 1) } ?? fallback)
    positions.append(end)
    return (positions, lineTable)
  }

  static func isSpace(_ s: Unicode.Scalar) -> Bool { s == " " || s == "\t" || s == "\n" }

  /// How many scalars follow the backslash of a double-quoted escape.
  static func escapeLength(_ raw: [(scalar: Unicode.Scalar, position: SourcePosition)], _ i: Int) -> Int {
    guard i < raw.count else { return 0 }
    switch raw[i].scalar {
    case "x": return 3
    case "u": return 5
    case "U": return 9
    case "\n":
      // An escaped line break joins the lines; the next line's indentation goes with it.
      var n = 1
      while i + n < raw.count, raw[i + n].scalar == " " || raw[i + n].scalar == "\t" { n += 1 }
      return n
    default: return 1
    }
  }

  /// Scalars as YAML parsers report them, and hostile ones: escapes, doubled
  /// quotes, folded and escaped line breaks, CRLF, tabs, non-ASCII, a value
  /// the file no longer matches, a start past the last line or before the
  /// first, a column past the line's end, an empty value and an empty file.
  static let cases: [(value: String, file: String, line: Int, column: Int, style: YAMLScalarStyle)] = [
    ("log(1 + \"q\" + expp(x))", "functions:\n  - id: f\n    value: \"log(1 + \\\"q\\\" + expp(x))\"\n", 3, 12, .doubleQuoted),
    ("it's(x)", "a:\n  value: 'it''s(x)'\n  other: log(x +\n    expp(x))\n", 2, 10, .singleQuoted),
    ("log(x + expp(x))", "a:\n  value: 'it''s(x)'\n  other: log(x +\n    expp(x))\n", 3, 10, .plain),
    ("exp(x)\n+ 1\n", "value: |\n  exp(x)\n  + 1\n", 1, 8, .block),
    ("exp(x) + 1", "value: >\n  exp(x)\n  + 1\nnext: 2\n", 1, 8, .block),
    ("x + y", "v: \"x + \\\n    y\"\nw: 1\n", 1, 4, .doubleQuoted),
    ("x\ny", "v: \"x\n\n   y\"\n", 1, 4, .doubleQuoted),
    ("x + 1", "v: \"x +\r\n  1\"\r\nw: 2\r\n", 1, 4, .doubleQuoted),
    ("\u{41}x", "v: \"\\x41x\"\n", 1, 4, .doubleQuoted),
    ("\u{2212}x + é", "v: \"\\u2212x + é\"\n", 1, 4, .doubleQuoted),
    ("\u{1F600}", "v: \"\\U0001F600\"\n", 1, 4, .doubleQuoted),
    ("a\tb", "v: 'a\tb'\n", 1, 4, .singleQuoted),
    ("edited since", "v: \"x\"\n", 1, 4, .doubleQuoted),
    ("x", "v: x\n", 7, 1, .plain),
    ("x", "v: x\n", 0, 1, .plain),
    ("x", "v: x\n", -3, 1, .plain),
    ("x", "v: x\n", 1, 40, .plain),
    ("", "v: \"\"\n", 1, 4, .doubleQuoted),
    ("x", "", 1, 1, .plain),
    ("x y", "v: \"x\\", 1, 4, .doubleQuoted),
    ("x", "v: |\n", 1, 4, .block),
  ]

  @Test("the positions are the old code's on every style and hostile scalar, and every line a position names is in the table with its text")
  func samePositionsAsTheOldCode() {
    for c in Self.cases {
      let reference = Self.referenceYAMLScalar(c.value, fileText: c.file, line: c.line, column: c.column, style: c.style)
      let new = ExpressionSource.yamlScalar(c.value, file: "f", fileText: c.file, line: c.line, column: c.column, style: c.style)
      #expect(new.positions == reference.positions, "\(c.value.debugDescription) in \(c.file.debugDescription)")
      for p in new.positions {
        #expect(new.fileLines[p.line] == reference.fileLines[p.line], "line \(p.line) of \(c.file.debugDescription)")
      }
    }
  }

  @Test("a scalar keeps the lines it spans, not the file: each of 3,000 functions' value holds at most 2 lines, and the positions of the last equal the old code's")
  func linesOfOneScalarOnly() throws {
    let n = 3000
    var text = "functions:\n"
    for i in 0..<n { text += "  - id: f\(i)\n    arguments: [x]\n    value: \"x * \(i)\"\n" }
    let definitions = try UserFunctionFile.parse(text, file: "many.yaml")
    #expect(definitions.count == n)
    let lines = definitions.map { $0.value.source.fileLines.count }
    // The old code kept all 9,002 lines for every scalar (27 million strings).
    #expect(lines.allSatisfy { $0 <= 2 }, "lines kept: \(lines.max() ?? 0)")
    let last = try #require(definitions.last)
    let reference = Self.referenceYAMLScalar(last.value.source.text, fileText: text, line: 3 * n + 1, column: 12, style: .doubleQuoted)
    #expect(last.value.source.positions == reference.positions)
  }
}
