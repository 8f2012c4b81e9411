import Foundation
import LossAtlasCore

// MARK: - ViewNaming

/// How a figure names a function, its views, variables and parameters.
enum ViewNaming {
  /// The variable on the x axis: the view's argument (`x`, `s`, `p`, `z`,
  /// `ŷ`, `var`), or `x` for a 1-D slice of a vector function
  /// (`z = [x, 0]`).
  static func variable(_ view: ScalarView) -> String { variable(argument: view.argument, label: view.label) }

  /// The variable of the view labelled `label` whose argument is
  /// `argument`, typeset: what the figures put on the x axis and the pages
  /// write in "at ŷ = 0", "approached as x → ∞".
  static func variable(argument: String, label: String) -> String {
    label.contains("[x") ? "x" : pretty(argument)
  }

  /// A catalog view's label as the manual shows it, in pages and figures
  /// alike: in the edition's words (``Phrasing/viewLabel(_:)``) and typeset
  /// (``pretty(_:)``): `yhat (y = 0)` → "ŷ (y = 0)", `var (yhat - y = 1)`
  /// → "var (ŷ − y = 1)", `z = [x, 0], output p_0` → "z = [x, 0]，输出p₀"
  /// in Chinese. The figures' axis titles and legends are made of its
  /// parts (``shortLabel(_:_:)``), the pages' headings and cells are it.
  static func label(_ catalogLabel: String, _ ph: Phrasing) -> String {
    pretty(ph.viewLabel(catalogLabel))
  }

  /// The view's label without its variable: "y = +1" for `s (y = +1)`, the
  /// whole label for a slice ("z = [x, 0], output p₀"), "" for a bare `x`;
  /// cut from ``label(_:_:)``.
  static func shortLabel(_ view: ScalarView, _ ph: Phrasing) -> String {
    let label = Self.label(view.label, ph)
    let variable = pretty(view.argument)
    if label == variable { return "" }
    if label.hasPrefix(variable + " (") && label.hasSuffix(")") {
      return String(label.dropFirst(variable.count + 2).dropLast())
    }
    return label
  }

  /// The x-axis title of a figure row showing `views` (views of one
  /// argument): a single view says what it holds fixed ("ŷ   (y = 0)") or
  /// what it slices ("x   (z = [x, 0], output p₀)"); several views, told
  /// apart by their legend (``shortLabel(_:_:)``), give the variable alone.
  static func axisLabel(_ views: [ScalarView], _ ph: Phrasing) -> String {
    let v = views[0]
    if views.count == 1, v.label.contains("[x") { return "x   (\(label(v.label, ph)))" }
    if views.count == 1, !shortLabel(v, ph).isEmpty { return "\(variable(v))   (\(shortLabel(v, ph)))" }
    return variable(v)
  }

  /// Typography for ASCII catalog text: `yhat` → ŷ, a spaced hyphen or one
  /// before a digit → the minus sign, `p_0` → p₀.
  static func pretty(_ text: String) -> String {
    var out = text.replacingOccurrences(of: "yhat", with: "ŷ").replacingOccurrences(of: " - ", with: " − ")
    out = out.replacingOccurrences(of: "p_0", with: "p₀")
    var result = ""
    let chars = Array(out)
    for (i, c) in chars.enumerated() {
      let next = i + 1 < chars.count ? chars[i + 1] : " "
      let previous = i > 0 ? chars[i - 1] : " "
      if c == "-" && next.isNumber && (previous == " " || previous == "(" || previous == "[" || previous == "=") {
        result += FigureText.minus
      } else {
        result.append(c)
      }
    }
    return result
  }

  /// A parameter's symbol in Unicode (`\alpha` → α), or its name.
  static func symbol(_ p: ParameterSpec) -> String {
    let greek: [String: String] = [
      "\\alpha": "α", "\\beta": "β", "\\gamma": "γ", "\\delta": "δ", "\\Delta": "Δ", "\\tau": "τ",
      "\\varepsilon": "ε", "\\epsilon": "ε", "\\lambda": "λ",
    ]
    if let g = greek[p.symbol] { return g }
    return p.symbol.contains("\\") ? p.name : p.symbol
  }

  /// "α = 1, c = 0.5" for the given values (catalog order), "" when none.
  static func parameters(_ spec: FunctionSpec, _ values: ParameterValues) -> String {
    spec.parameters.map { "\(symbol($0)) = \(FigureText.parameter(values[$0.name]))" }
      .joined(separator: ", ")
  }

  /// The value's symbol: `f(x)` for activations, `L(s)` for losses,
  /// `f(a, b)` for a function of several differentiated arguments.
  static func valueSymbol(_ spec: FunctionSpec, variable v: String) -> String {
    if spec.family == .gatedUnit { return "f(" + spec.differentiable.map(pretty).joined(separator: ", ") + ")" }
    return spec.family.isLoss ? "L(\(v))" : "f(\(v))"
  }

  /// The derivative's symbol: `f′(x)`, `∂L/∂s`, or `∂f/∂b` for a function
  /// of several differentiated arguments.
  static func derivativeSymbol(_ spec: FunctionSpec, variable v: String) -> String {
    if spec.family == .gatedUnit { return "∂f/∂\(v)" }
    return spec.family.isLoss ? "∂L/∂\(v)" : "f′(\(v))"
  }
}
