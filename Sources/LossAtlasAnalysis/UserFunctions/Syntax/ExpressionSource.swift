/// The text of one user expression and where each of its characters sits
/// in the file it came from, so that an error can name FILE:LINE:COLUMN and
/// show the line with a caret.
///
/// Offsets are Unicode-scalar offsets into `text`; columns are 1-based and
/// count Unicode scalars (a tab counts as one column, as in most compilers).
public struct ExpressionSource: Sendable {
  /// The expression as the parser reads it (after YAML has decoded escapes).
  public let text: String
  /// The file name errors print (`claims/my.yaml`, or `--expr` on the command line).
  public let file: String
  /// For each scalar of `text` (and one past the end), its line and column in the file.
  let positions: [SourcePosition]
  /// The lines of the file, by 1-based number, for the caret display.
  let fileLines: [Int: String]

  /// An expression that starts at `line`:`column` of `file` and is copied
  /// verbatim from it (a plain or quoted YAML scalar without escapes or line
  /// breaks, or a command-line argument at line 1, column 1).
  ///
  /// `sourceLine` is the whole line of the file, for the caret display; when
  /// nil, the expression itself is shown.
  public init(_ text: String, file: String, line: Int = 1, column: Int = 1, sourceLine: String? = nil) {
    self.text = text
    self.file = file
    var positions: [SourcePosition] = []
    var l = line
    var c = column
    var lines: [Int: String] = [:]
    var current = sourceLine.map { String($0.unicodeScalars.prefix(column - 1)) } ?? String(repeating: " ", count: max(0, column - 1))
    for s in text.unicodeScalars {
      positions.append(SourcePosition(line: l, column: c))
      if s == "\n" {
        lines[l] = current
        current = ""
        l += 1
        c = 1
      } else {
        current.unicodeScalars.append(s)
        c += 1
      }
    }
    positions.append(SourcePosition(line: l, column: c))
    if let sourceLine, l == line {
      lines[l] = sourceLine
    } else {
      lines[l] = current
    }
    self.positions = positions
    self.fileLines = lines
  }

  /// An expression whose scalars sit at the given positions of a file whose
  /// lines are `fileLines` (the YAML locator builds this for quoted and
  /// multi-line scalars).
  init(text: String, file: String, positions: [SourcePosition], fileLines: [Int: String]) {
    precondition(positions.count == text.unicodeScalars.count + 1)
    self.text = text
    self.file = file
    self.positions = positions
    self.fileLines = fileLines
  }

  /// The file position of a scalar offset (the end position for the end offset).
  public func position(_ offset: Int) -> SourcePosition {
    positions[min(max(0, offset), positions.count - 1)]
  }

  /// The source text of a range of the expression, as written.
  public func slice(_ range: SourceRange) -> String {
    let scalars = Array(text.unicodeScalars)
    let lo = min(max(0, range.start), scalars.count)
    let hi = min(max(lo, range.end), scalars.count)
    var out = String.UnicodeScalarView()
    out.append(contentsOf: scalars[lo..<hi])
    return String(out)
  }

  /// An error at `range`: `FILE:LINE:COLUMN: message`, then the source line
  /// and a caret under the range (on the range's first line).
  public func error(_ message: String, at range: SourceRange) -> ExpressionError {
    let start = position(range.start)
    // The caret covers the range's scalars that lie on its first line.
    var width = 0
    var i = range.start
    while i < range.end, i < positions.count - 1, positions[i].line == start.line {
      width += 1
      i += 1
    }
    return ExpressionError(
      file: file, line: start.line, column: start.column, message: message,
      sourceLine: fileLines[start.line] ?? text, caretWidth: max(1, width))
  }
}

/// A line and a 1-based column in a file.
public struct SourcePosition: Sendable, Equatable {
  public let line: Int
  public let column: Int

  public init(line: Int, column: Int) {
    self.line = line
    self.column = column
  }
}

/// A half-open range of Unicode-scalar offsets into an expression's text.
public struct SourceRange: Sendable, Hashable {
  public let start: Int
  public let end: Int

  public init(_ start: Int, _ end: Int) {
    self.start = start
    self.end = end
  }

  /// The smallest range covering both.
  public func union(_ other: SourceRange) -> SourceRange {
    SourceRange(min(start, other.start), max(end, other.end))
  }
}

/// A user expression that cannot be used: where (FILE:LINE:COLUMN), why, and
/// the source line with a caret under the offending text.
///
/// ```
/// claims/my.yaml:7:21: unknown function 'expp'; did you mean 'exp'?
///     value: "log(1 + expp(x))"
///                     ^~~~
/// ```
public struct ExpressionError: Error, Sendable, Equatable, CustomStringConvertible {
  public let file: String
  public let line: Int
  public let column: Int
  /// One sentence: what is wrong and what is allowed.
  public let message: String
  /// The file's line holding the error.
  public let sourceLine: String
  /// How many columns the caret underlines (at least 1).
  public let caretWidth: Int

  public init(file: String, line: Int, column: Int, message: String, sourceLine: String, caretWidth: Int) {
    self.file = file
    self.line = line
    self.column = column
    self.message = message
    self.sourceLine = sourceLine
    self.caretWidth = caretWidth
  }

  /// `FILE:LINE:COLUMN: message` (one line, for a summary).
  public var headline: String { "\(file):\(line):\(column): \(message)" }

  /// The headline, the source line and the caret, each on its own line. Tabs
  /// in the source line are kept in the caret line's indentation so that the
  /// caret stays under the text in any tab width.
  public var description: String {
    let prefix = sourceLine.unicodeScalars.prefix(column - 1).map { $0 == "\t" ? "\t" : " " }.joined()
    let caret = "^" + String(repeating: "~", count: caretWidth - 1)
    return "\(headline)\n    \(sourceLine)\n    \(prefix)\(caret)"
  }
}
