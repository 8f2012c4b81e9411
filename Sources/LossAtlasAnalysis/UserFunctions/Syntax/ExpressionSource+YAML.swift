/// How a YAML scalar was written, which decides how its decoded text maps
/// back to columns of the file.
public enum YAMLScalarStyle: Sendable {
  /// `value: log(1 + x)`
  case plain
  /// `value: 'log(1 + x)'` (`''` stands for one quote)
  case singleQuoted
  /// `value: "log(1 + x)"` (backslash escapes)
  case doubleQuoted
  /// `value: |` or `value: >` followed by indented lines
  case block
}

extension ExpressionSource {
  /// The source of a YAML scalar: its decoded `value`, the file's text, and
  /// the 1-based line and column where the scalar starts (its opening quote,
  /// or the `|` / `>` of a block scalar), as YAML parsers report it.
  ///
  /// Each decoded character is matched to the file character that produced
  /// it: an escape (`\"`, `\x41`) or a doubled quote maps to its first
  /// character, a folded line break (a line break and the next line's
  /// indentation read as one space) to the line break. Columns are therefore
  /// exact for every style, on every line of a multi-line scalar. Should the
  /// file not match the value (it was edited since it was read), the
  /// remaining characters are placed after the last matched one.
  public static func yamlScalar(
    _ value: String, file: String, fileText: String, line: Int, column: Int, style: YAMLScalarStyle
  ) -> ExpressionSource {
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
    return ExpressionSource(text: value, file: file, positions: positions, fileLines: lineTable)
  }

  private static func isSpace(_ s: Unicode.Scalar) -> Bool { s == " " || s == "\t" || s == "\n" }

  /// How many scalars follow the backslash of a double-quoted escape.
  private static func escapeLength(_ raw: [(scalar: Unicode.Scalar, position: SourcePosition)], _ i: Int) -> Int {
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
}
