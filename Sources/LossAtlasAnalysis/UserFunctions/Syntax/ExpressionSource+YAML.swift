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
    yamlScalar(value, file: file, lines: scalarLines(fileText), line: line, column: column, style: style)
  }

  /// The lines of a file as ``yamlScalar(_:file:lines:line:column:style:)``
  /// reads them: split at "\n", each without a final "\r".
  static func scalarLines(_ fileText: String) -> [String] {
    fileText.split(separator: "\n", omittingEmptySubsequences: false).map {
      $0.hasSuffix("\r") ? String($0.dropLast()) : String($0)
    }
  }

  /// The same from the file's lines (``scalarLines(_:)``), split once for
  /// all the scalars of a file.
  ///
  /// Only the lines the scalar spans (and the one after it) are read, and
  /// only those are kept for the caret display: reading on to the end of
  /// the file for every scalar made a file of n functions cost n² time and
  /// memory (4,000 functions: 4 minutes and 4 GB).
  static func yamlScalar(
    _ value: String, file: String, lines: [String], line: Int, column: Int, style: YAMLScalarStyle
  ) -> ExpressionSource {
    // The raw scalars of the file from the scalar's start on, each with its position.
    var raw = RawScalars(lines: lines, line: line, column: column)
    var r = 0
    switch style {
    case .singleQuoted, .doubleQuoted:
      if raw.has(r), raw[r].scalar == "'" || raw[r].scalar == "\"" { r += 1 }
    case .block:
      while raw.has(r), raw[r].scalar != "\n" { r += 1 }
      r += 1
    case .plain:
      break
    }
    var positions: [SourcePosition] = []
    let fallback = raw.has(0) ? raw[0].position : SourcePosition(line: line, column: column)
    for d in value.unicodeScalars {
      // An escaped line break (`\` at the end of a line) decodes to nothing.
      while style == .doubleQuoted, raw.has(r + 1), raw[r].scalar == "\\", raw[r + 1].scalar == "\n" {
        r += 1 + escapeLength(&raw, r + 1)
      }
      // Skip whitespace the value does not hold (indentation, trailing spaces of a folded line).
      if !isSpace(d) {
        while raw.has(r), isSpace(raw[r].scalar), raw[r].scalar != d { r += 1 }
      }
      guard raw.has(r) else {
        positions.append(positions.last.map { SourcePosition(line: $0.line, column: $0.column + 1) } ?? fallback)
        continue
      }
      positions.append(raw[r].position)
      let c = raw[r].scalar
      if style == .doubleQuoted && c == "\\" {
        r += 1 + escapeLength(&raw, r + 1)
      } else if style == .singleQuoted && c == "'" && raw.has(r + 1) && raw[r + 1].scalar == "'" {
        r += 2
      } else if c == "\n" && style != .block {
        // A folded line break: one space for the break and the next line's indentation.
        r += 1
        while raw.has(r), raw[r].scalar == " " || raw[r].scalar == "\t" { r += 1 }
      } else {
        r += 1
      }
    }
    let end = raw.has(r) ? raw[r].position : (positions.last.map { SourcePosition(line: $0.line, column: $0.column + 1) } ?? fallback)
    positions.append(end)
    return ExpressionSource(text: value, file: file, positions: positions, fileLines: raw.linesRead)
  }

  private static func isSpace(_ s: Unicode.Scalar) -> Bool { s == " " || s == "\t" || s == "\n" }

  /// How many scalars follow the backslash of a double-quoted escape.
  private static func escapeLength(_ raw: inout RawScalars, _ i: Int) -> Int {
    guard raw.has(i) else { return 0 }
    switch raw[i].scalar {
    case "x": return 3
    case "u": return 5
    case "U": return 9
    case "\n":
      // An escaped line break joins the lines; the next line's indentation goes with it.
      var n = 1
      while raw.has(i + n), raw[i + n].scalar == " " || raw[i + n].scalar == "\t" { n += 1 }
      return n
    default: return 1
    }
  }
}
