/// The words a piecewise formula prints beside its cases: `when` before
/// each condition, `otherwise` for the last case. The structure is the
/// same in every language; only the words differ (English "if x > 0" /
/// "otherwise", Chinese "若 x > 0" / "否则"). The manual takes them from
/// its strings tables (`formula.cases.if`, `formula.cases.otherwise`);
/// ``english`` is the words of the English table, for printing outside
/// the manual's pages (the data files, the CLI).
public struct CaseWords: Sendable, Equatable {
  /// The word before a condition ("if").
  public let when: String
  /// The word of the last case ("otherwise").
  public let otherwise: String

  public init(when: String, otherwise: String) {
    self.when = when
    self.otherwise = otherwise
  }

  public static let english = CaseWords(when: "if", otherwise: "otherwise")

  /// `\text{if } `: the word, then a space inside the text (math mode
  /// ignores spaces), before the condition.
  var latexWhen: String { "\\text{\(Self.latexEscaped(when)) } " }
  var latexOtherwise: String { "\\text{\(Self.latexEscaped(otherwise))}" }
  /// `<mtext>if&#xA0;</mtext>`: a no-break space, which MathML keeps at
  /// the end of a token (a plain one is trimmed).
  var mathmlWhen: String { "<mtext>\(Self.xmlEscaped(when))&#xA0;</mtext>" }
  var mathmlOtherwise: String { "<mtext>\(Self.xmlEscaped(otherwise))</mtext>" }

  /// `text` safe inside `\text{...}`: LaTeX's special characters escaped.
  static func latexEscaped(_ text: String) -> String {
    var out = ""
    for c in text {
      switch c {
      case "\\": out += "\\textbackslash{}"
      case "{", "}", "$", "&", "#", "_", "%": out += "\\" + String(c)
      case "^": out += "\\^{}"
      case "~": out += "\\~{}"
      default: out.append(c)
      }
    }
    return out
  }

  /// `text` safe as XML character data.
  static func xmlEscaped(_ text: String) -> String {
    var out = ""
    for c in text {
      switch c {
      case "&": out += "&amp;"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      default: out.append(c)
      }
    }
    return out
  }
}
