import LossAtlasAnalysis
import LossAtlasCore
import LossAtlasIO

/// The human-readable table of `lossatlas check`, in the words of one
/// edition (issue 13, item 6: `check --lang zh`): the verdict marks, the
/// expected and computed lines of a failure and the summary come from the
/// strings tables (`cli.check.*`); the claim's own words (its id, text,
/// function and property keyword, the file name) are printed as written.
///
/// A computed value is worded from its note (``ClaimNote``): yes/no,
/// verdict words and the sentences around numbers in the edition's words;
/// numbers, intervals, formulas and the engine's notation as they are. The
/// English tables give the engine's English text byte for byte.
public struct CheckText: Sendable {
  public let strings: Strings
  let words: PropertiesText

  public init(_ strings: Strings) {
    self.strings = strings
    self.words = PropertiesText(strings)
  }

  func say(_ key: String, _ values: [String: String] = [:]) -> String { strings("cli.check." + key, values) }

  /// `3 statements checked: 2 pass, 1 fail`.
  public func summary(_ rows: [CheckRow]) -> String {
    let failed = rows.filter { !$0.passes }.count
    return say(
      rows.count == 1 ? "summary.one" : "summary.many",
      ["count": String(rows.count), "pass": String(rows.count - failed), "fail": String(failed)])
  }

  /// Failures in full, passes as one line each. Everything that comes
  /// from a claim file or its name (ids, text, expected words, the path)
  /// has its control characters escaped (``InputEcho``): a newline or a
  /// terminal escape sequence in a claim cannot forge a line of the report
  /// or drive the terminal.
  public func table(_ rows: [CheckRow]) -> String {
    let e = InputEcho.escapingControls
    var out = ""
    for r in rows {
      let place = r.line.map { "\(e(r.source)):\($0)" } ?? e(r.source)
      out += say(
        "row",
        [
          "mark": say(r.passes ? "pass" : "fail"), "place": place, "id": e(r.id), "function": e(r.function),
          "property": e(r.property),
        ]) + "\n"
      if !r.passes {
        if !r.text.isEmpty { out += "      \(e(r.text))\n" }
        out += "      " + say("expected", ["expected": e(expected(r))]) + "\n"
        out += "      " + say("computed", ["computed": e(computed(r))]) + "\n"
      }
    }
    out += summary(rows) + "\n"
    return out
  }

  /// What a statement expects: the claim's expectation in the edition's
  /// words (a known-wrong statement says so); a declared property's
  /// catalog notation as it is.
  func expected(_ r: CheckRow) -> String {
    guard let expectation = r.expectation else { return word(r.expected) ?? r.expected }
    let text: String
    switch expectation {
    case .bool(let b): text = words.bool(b)
    case .word(let w): text = word(w) ?? w
    case .within(let a, let b): text = say("within", ["lower": formatValue(a), "upper": formatValue(b)])
    default: text = expectation.description
    }
    return r.verdict ? text : say("knownWrong", ["expected": text])
  }

  /// What was computed, per parameter setting (``CheckRow/notes`` in the
  /// edition's words), and whether the statement holds.
  func computed(_ r: CheckRow) -> String {
    guard r.expectation != nil, let holds = r.holds, r.notes.count == r.prefixes.count else {
      return word(r.computed) ?? r.computed
    }
    let parts = zip(r.prefixes, r.notes).map { prefix, note in prefix + strings.text(note) }
    return say("holds.\(holds)", ["computed": parts.joined(separator: say("separator"))])
  }

  /// A verdict word of the engine (`increasing`, `Cinf`, `limit`,
  /// `redescending`) in the edition's words, nil for another word.
  func word(_ w: String) -> String? {
    for key in ["cli.word.monotonic.\(w)", "cli.word.smoothness.\(w)", "phrasing.zeroAtCorrectWord.\(w)", "phrasing.growthWord.\(w)"]
    where strings.has(key) {
      return strings(key)
    }
    return nil
  }
}
