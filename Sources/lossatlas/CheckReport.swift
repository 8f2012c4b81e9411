import LossAtlasAnalysis
import LossAtlasCore
import LossAtlasIO
import LossAtlasReport

// `lossatlas check`'s report formats (the table, JSON, JUnit XML, GitHub
// workflow commands): presentation, so it lives with the CLI; the rows it
// formats (``CheckRow``) are LossAtlasAnalysis's data.

/// The output formats of `lossatlas check`.
public enum CheckFormat: String, Sendable, CaseIterable {
  case table, json, junit, github
}

public enum CheckReport {
  /// The report in `format`. Only the table, for people, is worded in
  /// `strings`' language; the machine formats stay English.
  public static func render(_ rows: [CheckRow], format: CheckFormat, strings: Strings = .english) -> String {
    switch format {
    case .table: return CheckText(strings).table(rows)
    case .json: return json(rows)
    case .junit: return junit(rows)
    case .github: return github(rows)
    }
  }

  /// `3 statements checked: 2 pass, 1 fail`, in English (the GitHub notice).
  static func summary(_ rows: [CheckRow]) -> String { CheckText(.english).summary(rows) }

  static func json(_ rows: [CheckRow]) -> String {
    let failed = rows.filter { !$0.passes }.count
    let items: [JSONValue] = rows.map { r in
      var members: [(key: String, value: JSONValue)] = [("source", .string(r.source))]
      if let line = r.line { members.append(("line", .integer(line))) }
      members += [
        ("id", .string(r.id)), ("text", .string(r.text)), ("function", .string(r.function)),
        ("property", .string(r.property)), ("expected", .string(r.expected)), ("computed", .string(r.computed)),
      ]
      if let holds = r.holds { members.append(("holds", .bool(holds))) }
      if !r.values.isEmpty { members.append(("values", .array(r.values))) }
      members.append(("passes", .bool(r.passes)))
      return .object(members)
    }
    return JSONValue.object([
      ("checked", .integer(rows.count)), ("passed", .integer(rows.count - failed)), ("failed", .integer(failed)),
      ("results", .array(items)),
    ]).prettyText
  }

  /// JUnit XML: one test suite per source, one test case per statement.
  static func junit(_ rows: [CheckRow]) -> String {
    var sources: [String] = []
    for r in rows where !sources.contains(r.source) { sources.append(r.source) }
    var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    let failures = rows.filter { !$0.passes }.count
    out += "<testsuites name=\"lossatlas check\" tests=\"\(rows.count)\" failures=\"\(failures)\">\n"
    for source in sources {
      let suite = rows.filter { $0.source == source }
      out += "  <testsuite name=\"\(xml(source))\" tests=\"\(suite.count)\" failures=\"\(suite.filter { !$0.passes }.count)\">\n"
      for r in suite {
        let name = xml(r.id)
        let classname = xml("\(r.function).\(r.property)")
        if r.passes {
          out += "    <testcase name=\"\(name)\" classname=\"\(classname)\"/>\n"
        } else {
          let message = xml("expected \(r.expected); computed \(r.computed)")
          out += "    <testcase name=\"\(name)\" classname=\"\(classname)\">\n"
          out += "      <failure message=\"\(message)\">\(xml(r.text))</failure>\n"
          out += "    </testcase>\n"
        }
      }
      out += "  </testsuite>\n"
    }
    out += "</testsuites>\n"
    return out
  }

  /// GitHub workflow commands: an error annotation per failure (with file
  /// and line for claim files), and a notice with the summary.
  static func github(_ rows: [CheckRow]) -> String {
    var out = ""
    for r in rows where !r.passes {
      let location = r.line.map { "file=\(ghProperty(r.source)),line=\($0)," } ?? ""
      let message = "\(r.id): \(r.text.isEmpty ? r.property : r.text) — expected \(r.expected); computed \(r.computed)"
      out += "::error \(location)title=\(ghProperty("lossatlas check: \(r.function) \(r.property)"))::\(ghData(message))\n"
    }
    out += "::notice title=lossatlas check::\(ghData(summary(rows)))\n"
    return out
  }

  /// Text for an XML attribute or element. `& < > " '` are entities;
  /// tab, newline and carriage return are character references (so an
  /// attribute keeps them); every character XML 1.0 forbids (the other C0
  /// controls, U+FFFE, U+FFFF) and the C1 controls, DEL and bidi controls
  /// (allowed, but they mislead a reader) are written visibly as `\u{XX}`.
  /// The result is always well-formed XML text.
  static func xml(_ s: String) -> String {
    escaped(s) {
      switch $0 {
      case "&": "&amp;"
      case "<": "&lt;"
      case ">": "&gt;"
      case "\"": "&quot;"
      case "'": "&apos;"
      case "\t": "&#9;"
      case "\n": "&#10;"
      case "\r": "&#13;"
      default: nil
      }
    }
  }

  /// Escapes for a workflow command's message, as the Actions toolkit's
  /// `escapeData` writes them: `%` as %25, CR as %0D, LF as %0A. Other
  /// control characters are written visibly (``InputEcho``), since the
  /// runner echoes the line to the log.
  static func ghData(_ s: String) -> String {
    escaped(s) {
      switch $0 {
      case "%": "%25"
      case "\r": "%0D"
      case "\n": "%0A"
      default: nil
      }
    }
  }

  /// `s` with each scalar `escape` names written as its escape, and every
  /// other one that ``InputEcho`` writes visibly (the controls, bidi
  /// controls, U+FFFE, U+FFFF) as ``InputEcho/escapingControls(_:)`` writes
  /// it: ``xml(_:)`` and ``ghData(_:)`` differ only in their tables.
  static func escaped(_ s: String, _ escape: (Unicode.Scalar) -> String?) -> String {
    var out = ""
    for c in s.unicodeScalars {
      if let e = escape(c) {
        out += e
      } else if InputEcho.needsEscape(c) {
        out += InputEcho.escapingControls(String(c))
      } else {
        out.unicodeScalars.append(c)
      }
    }
    return out
  }

  /// Escapes for a workflow command's property value (`file=`, `title=`),
  /// as the toolkit's `escapeProperty`: those of ``ghData(_:)``, and `:` as
  /// %3A and `,` as %2C, which would otherwise end the value.
  static func ghProperty(_ s: String) -> String {
    ghData(s).replacingAll(":", "%3A").replacingAll(",", "%2C")
  }
}

extension String {
  func replacingAll(_ target: String, _ replacement: String) -> String {
    guard !target.isEmpty else { return self }
    var out = ""
    var rest = self[...]
    while let r = rest.range(of: target) {
      out += rest[..<r.lowerBound]
      out += replacement
      rest = rest[r.upperBound...]
    }
    out += rest
    return out
  }
}
