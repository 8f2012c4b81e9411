/// The Unicode scalars of a file from a YAML scalar's start on, each with
/// its 1-based line and column, and a "\n" after every line: what
/// ``ExpressionSource/yamlScalar(_:file:lines:line:column:style:)`` matches
/// the decoded value against.
///
/// Lines are read one at a time, when an index past those read is asked
/// for, so a scalar costs the lines it spans (and one more), not the rest
/// of the file. `has(i)` answers exactly what `i < count` would answer for
/// the whole remainder of the file read at once.
struct RawScalars {
  private let lines: [String]
  private var items: [(scalar: Unicode.Scalar, position: SourcePosition)] = []
  /// The next line to read (1-based); past `lines.count` when all are read.
  private var next: Int
  private let first: Int
  private let column: Int

  /// From `line`:`column` (1-based) of `lines`; nothing when `line` is not one of them.
  init(lines: [String], line: Int, column: Int) {
    self.lines = lines
    self.first = line >= 1 && line <= lines.count ? line : lines.count + 1
    self.next = first
    self.column = column
  }

  /// Whether the remainder of the file has a scalar at index `i`, reading lines until it has.
  mutating func has(_ i: Int) -> Bool {
    while i >= items.count && next <= lines.count {
      let scalars = Array(lines[next - 1].unicodeScalars)
      let from = next == first ? max(0, column - 1) : 0
      for c in from..<max(from, scalars.count) {
        items.append((scalars[c], SourcePosition(line: next, column: c + 1)))
      }
      items.append(("\n", SourcePosition(line: next, column: scalars.count + 1)))
      next += 1
    }
    return i < items.count
  }

  /// The scalar at `i` (after `has(i)` said it exists).
  subscript(i: Int) -> (scalar: Unicode.Scalar, position: SourcePosition) { items[i] }

  /// The lines read so far, by 1-based number: every line a position of
  /// the scalar can name.
  var linesRead: [Int: String] {
    var table: [Int: String] = [:]
    for l in first..<next { table[l] = lines[l - 1] }
    return table
  }
}
