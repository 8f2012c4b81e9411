import LossAtlasCore
import LossAtlasIO

/// A user function's formula and its derived derivatives as text: plain
/// (in the grammar of the file, so it can be pasted back) and LaTeX, for
/// `eval` and the manual's page.
public struct UserFormulaText: Sendable {
  /// One formula: what it is (`f`, `df/dyhat`, `d2f/dyhat2`), plain, LaTeX.
  public struct Line: Sendable, Equatable {
    public let label: String
    public let plain: String
    public let latex: String
  }

  /// The value as written (plain: the text of the file), each derivative
  /// in the order of `differentiate`, and the second derivative in the
  /// first differentiated argument.
  public let lines: [Line]

  public init(_ d: UserFunctionDefinition) {
    let e = d.value
    var lines = [Line(label: "f", plain: e.source.text, latex: e.valueExpr.latex)]
    for (i, name) in d.differentiate.enumerated() {
      lines.append(Line(label: "df/d\(name)", plain: e.plainText(e.gradient[i]), latex: e.gradientExpr(i).latex))
    }
    let first = d.differentiate[0]
    lines.append(Line(label: "d2f/d\(first)2", plain: e.plainText(e.hessian[0][0]), latex: e.hessianExpr(0, 0).latex))
    self.lines = lines
  }

  /// The formulas under `eval`'s numbers.
  public var readable: String {
    let width = lines.map(\.label.count).max() ?? 0
    var out = "formulas (user-defined; derivatives by symbolic differentiation)\n"
    for l in lines {
      let pad = String(repeating: " ", count: width - l.label.count)
      out += "  \(l.label)\(pad)  \(l.plain)\n"
      out += "  \(String(repeating: " ", count: width))  LaTeX: \(l.latex)\n"
    }
    return out
  }

  /// `{"f": {"plain": ..., "latex": ...}, "df/dx": ...}` for `eval --json`.
  public var json: JSONValue {
    .object(lines.map { ($0.label, JSONValue.object([("plain", .string($0.plain)), ("latex", .string($0.latex))])) })
  }
}
