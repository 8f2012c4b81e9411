/// Binding strength of a node when printed: children that bind more loosely
/// than their parent needs are wrapped in parentheses.
enum Precedence: Int, Comparable {
  case cases = 0, sum = 1, bigOperator = 2, negation = 3, product = 4, power = 5, atom = 6

  static func < (a: Precedence, b: Precedence) -> Bool { a.rawValue < b.rawValue }
}

extension Expr {
  var precedence: Precedence {
    switch self {
    // A symbol printed with a superscript (sigma^2) binds like a power, so
    // that a power of it is parenthesised rather than doubly superscripted.
    case .symbol(let s), .named(let s, _): return s.hasSuperscript ? .power : .atom
    case .element, .constant, .apply, .fraction, .kronecker, .count, .indicator: return .atom
    case .number(let v): return v < 0 ? .negation : .atom
    case .power: return .power
    case .product: return .product
    case .negate: return .negation
    case .sum, .difference: return .sum
    case .sumOver, .maxOver, .argmaxOver: return .bigOperator
    case .cases: return .cases
    }
  }

  /// Whether the printed form starts with a digit (a product then needs an
  /// explicit dot: 2 · 3, not 23).
  var startsWithDigit: Bool {
    switch self {
    case .number(let v): return v >= 0
    case .product(let xs): return xs.first?.startsWithDigit ?? false
    case .power(let a, _): return a.startsWithDigit
    default: return false
    }
  }

  /// The formula in LaTeX (for `$$ ... $$` in Markdown), the cases of a
  /// piecewise formula in English ("if", "otherwise").
  public var latex: String { latex(.english) }

  /// The formula in LaTeX, the cases of a piecewise formula in `words`
  /// (`\text{if } x > 0`, `\text{otherwise}` in English).
  public func latex(_ words: CaseWords) -> String {
    switch self {
    case .symbol(let s): return s.latex
    case .element(let s, let i): return "\(s.latex)_{\(i.latex)}"
    case .number(let v): return FormulaNumber.text(v, minus: "-")
    case .constant(let s, _): return s.latex
    case .sum(let terms):
      var out = terms.first.map { $0.latex(in: .sum, words) } ?? "0"
      for t in terms.dropFirst() {
        switch t {
        case .negate(let a): out += " - " + a.latexAfterMinus(words)
        case .number(let v) where v < 0: out += " - " + FormulaNumber.text(-v, minus: "-")
        default: out += " + " + t.latex(in: .sum, words)
        }
      }
      return out
    case .difference(let a, let b): return a.latex(in: .sum, words) + " - " + b.latexAfterMinus(words)
    case .product(let factors):
      var out = ""
      for (i, f) in factors.enumerated() {
        if i > 0 { out += f.startsWithDigit ? " \\cdot " : " " }
        out += f.latex(in: .product, words)
      }
      return out
    case .negate(let a): return "-" + a.latexAfterMinus(words)
    case .fraction(let a, let b): return "\\frac{\(a.latex(words))}{\(b.latex(words))}"
    case .power(.apply(let f, let args), let e) where f.takesPowerOnName:
      return f.latexName + "^{\(e.exponentLatex(words))}" + Expr.latexArguments(args, words)
    case .power(let a, let e):
      let base = a.needsParenthesesAsBase ? "\\left(\(a.latex(words))\\right)" : a.latex(in: .atom, words)
      return base + "^{\(e.exponentLatex(words))}"
    case .apply(let f, let args): return Expr.latexApply(f, args, words)
    case .cases(let list):
      let rows = list.map { value, condition in
        "\(value.latex(words)) & " + (condition.isOtherwise ? words.latexOtherwise : words.latexWhen + condition.latex(words))
      }
      return "\\begin{cases} " + rows.joined(separator: " \\\\ ") + " \\end{cases}"
    case .sumOver(let j, let excluding, let body):
      let sub = excluding.map { "\(j.latex) \\neq \($0.latex)" } ?? j.latex
      // A sum of "e if c, else 0" prints as a sum restricted to c.
      if let (term, condition) = body.restrictedTerm {
        return "\\sum_{\(sub):\\, \(condition.latex(words))} " + term.latex(in: .product, words)
      }
      return "\\sum_{\(sub)} " + body.latex(in: .product, words)
    case .maxOver(let j, let excluding, let body):
      let sub = excluding.map { "\(j.latex) \\neq \($0.latex)" } ?? j.latex
      return "\\max_{\(sub)} " + body.latex(in: .product, words)
    case .kronecker(let a, let b): return "\\delta_{\(a.latex)\(b.latex)}"
    case .named(let s, _): return s.latex
    case .count: return "C"
    case .indicator(let condition): return "\\mathbf{1}[\(condition.latex(words))]"
    case .argmaxOver(let j, let excluding, let body):
      let sub = excluding.map { "\(j.latex) \\neq \($0.latex)" } ?? j.latex
      return "\\min \\operatorname*{arg\\,max}_{\(sub)} " + body.latex(in: .product, words)
    }
  }

  /// The term and condition of a body `e if c, else 0`, which a sum
  /// prints as a sum restricted to c.
  var restrictedTerm: (Expr, Condition)? {
    guard case .cases(let list) = self, list.count == 2, case .number(0) = list[1].0, list[1].1.isOtherwise,
      !list[0].1.isOtherwise
    else { return nil }
    return (list[0].0, list[0].1)
  }

  /// Whether the node is a big operator (a sum, max or argmax over an index).
  var isBigOperator: Bool { precedence == .bigOperator }

  /// Printed after a minus sign: a product or tighter as is, and a big
  /// operator too (a - sum_j b_j: its body ends at the first + or -).
  func latexAfterMinus(_ words: CaseWords) -> String { isBigOperator ? latex(words) : latex(in: .product, words) }

  /// Printed for a parent that needs at least `needed` binding.
  func latex(in needed: Precedence, _ words: CaseWords) -> String {
    precedence < needed ? "\\left(\(latex(words))\\right)" : latex(words)
  }

  static func latexArguments(_ args: [Expr], _ words: CaseWords) -> String {
    let inner = args.map { $0.latex(words) }.joined(separator: ", ")
    let tall = args.contains { $0.isTall }
    return tall ? "\\left(\(inner)\\right)" : "(\(inner))"
  }

  static func latexApply(_ f: MathFunction, _ args: [Expr], _ words: CaseWords) -> String {
    switch f {
    case .exp: return "e^{\(args[0].exponentLatex(words))}"
    case .abs: return "\\left|\(args[0].latex(words))\\right|"
    case .sqrt: return "\\sqrt{\(args[0].latex(words))}"
    default: return f.latexName + latexArguments(args, words)
    }
  }

  /// The formula as an exponent: fractions inline, as a textbook writes
  /// e^{-x^2/2} and (...)^{alpha/2 - 1}, elsewhere as `latex`.
  func exponentLatex(_ words: CaseWords) -> String {
    switch self {
    case .fraction(let a, let b): return a.latex(in: .product, words) + "/" + b.latex(in: .power, words)
    case .negate(let a): return "-" + (a.isFraction ? a.exponentLatex(words) : a.latexAfterMinus(words))
    case .difference(let a, let b):
      return (a.isFraction ? a.exponentLatex(words) : a.latex(in: .sum, words)) + " - "
        + (b.isFraction ? b.exponentLatex(words) : b.latexAfterMinus(words))
    case .sum(let terms) where terms.contains(where: \.isFraction):
      var out = terms[0].isFraction ? terms[0].exponentLatex(words) : terms[0].latex(in: .sum, words)
      for t in terms.dropFirst() {
        switch t {
        case .negate(let a): out += " - " + (a.isFraction ? a.exponentLatex(words) : a.latexAfterMinus(words))
        case .number(let v) where v < 0: out += " - " + FormulaNumber.text(-v, minus: "-")
        case .fraction: out += " + " + t.exponentLatex(words)
        default: out += " + " + t.latex(in: .sum, words)
        }
      }
      return out
    default: return latex(words)
    }
  }

  /// Whether the node, although it binds like an atom, must be
  /// parenthesised as the base of a power: a fraction (\\frac{a}{b}^{2}
  /// reads as a / b^2) and e^{x}, which already carries a superscript
  /// (e^{x}^{2} is not even valid LaTeX).
  var needsParenthesesAsBase: Bool {
    switch self {
    case .fraction, .apply(.exp, _): return true
    default: return false
    }
  }

  var isFraction: Bool {
    if case .fraction = self { return true }
    return false
  }

  /// Whether the printed form is taller than a line (holds a fraction).
  var isTall: Bool {
    switch self {
    case .fraction, .cases, .sumOver, .maxOver, .argmaxOver: return true
    case .sum(let xs), .product(let xs): return xs.contains { $0.isTall }
    case .negate(let a): return a.isTall
    case .difference(let a, let b): return a.isTall || b.isTall
    // An exponent prints its fractions inline (a/b): it adds no height.
    case .power(let a, _): return a.isTall
    case .apply(.exp, _): return false
    case .indicator(let c): return c.isTall
    case .apply(_, let xs): return xs.contains { $0.isTall }
    default: return false
    }
  }
}

extension MathFunction {
  /// Functions whose power prints on the name, tanh^2(x); others print
  /// f(x)^2 (max(0, 1 - y s)^2, not max^2).
  var takesPowerOnName: Bool {
    switch self {
    case .tanh, .cosh, .sinh, .sin, .cos, .tan: return true
    default: return false
    }
  }

  var latexName: String {
    switch self {
    case .exp: return "\\exp"
    case .log: return "\\log"
    case .tanh: return "\\tanh"
    case .cosh: return "\\cosh"
    case .sinh: return "\\sinh"
    case .erf: return "\\operatorname{erf}"
    case .erfc: return "\\operatorname{erfc}"
    case .abs: return "\\operatorname{abs}"
    case .sqrt: return "\\sqrt"
    case .sign: return "\\operatorname{sign}"
    case .sigma: return "\\sigma"
    case .normalCDF: return "\\Phi"
    case .normalPDF: return "\\varphi"
    case .softplus: return "\\operatorname{softplus}"
    case .max: return "\\max"
    case .min: return "\\min"
    case .logSumExp: return "\\operatorname{logsumexp}"
    case .expm1: return "\\operatorname{expm1}"
    case .log1p: return "\\operatorname{log1p}"
    case .sin: return "\\sin"
    case .cos: return "\\cos"
    case .tan: return "\\tan"
    case .atan: return "\\arctan"
    }
  }

  /// The name as MathML shows it (an identifier, or a Greek letter).
  var mathmlName: String {
    switch self {
    case .sigma: return "<mi>σ</mi>"
    case .normalCDF: return "<mi mathvariant=\"normal\">Φ</mi>"
    case .normalPDF: return "<mi>φ</mi>"
    case .atan: return "<mi>arctan</mi>"
    default: return "<mi>\(rawValue == "logSumExp" ? "logsumexp" : rawValue)</mi>"
    }
  }
}

extension Condition {
  var isOtherwise: Bool {
    if case .otherwise = self { return true }
    return false
  }

  /// Whether the printed condition holds a fraction or a big operator.
  var isTall: Bool {
    switch self {
    case .less(let a, let b), .lessOrEqual(let a, let b), .greater(let a, let b), .greaterOrEqual(let a, let b),
      .equal(let a, let b), .notEqual(let a, let b):
      return a.isTall || b.isTall
    case .between(let a, let x, let b, _, _): return a.isTall || x.isTall || b.isTall
    case .and(let list): return list.contains { $0.isTall }
    case .otherwise: return false
    }
  }

  func latex(_ words: CaseWords) -> String {
    switch self {
    case .less(let a, let b): return "\(a.latex(words)) < \(b.latex(words))"
    case .lessOrEqual(let a, let b): return "\(a.latex(words)) \\le \(b.latex(words))"
    case .greater(let a, let b): return "\(a.latex(words)) > \(b.latex(words))"
    case .greaterOrEqual(let a, let b): return "\(a.latex(words)) \\ge \(b.latex(words))"
    case .equal(let a, let b): return "\(a.latex(words)) = \(b.latex(words))"
    case .notEqual(let a, let b): return "\(a.latex(words)) \\neq \(b.latex(words))"
    case .between(let a, let x, let b, let cl, let cu):
      return "\(a.latex(words)) \(cl ? "\\le" : "<") \(x.latex(words)) \(cu ? "\\le" : "<") \(b.latex(words))"
    case .and(let list): return list.map { $0.latex(words) }.joined(separator: ",\\ ")
    case .otherwise: return words.latexOtherwise
    }
  }
}

extension Symbol {
  /// Whether the printed symbol carries a superscript (sigma^2).
  var hasSuperscript: Bool { latex.contains("^") }
}

/// Numbers in formulas: integers without a fraction part, other values in
/// their shortest round-trip form, infinity as `infinity` (`\infty` or ∞),
/// minus as given (`-` or U+2212).
enum FormulaNumber {
  static func text(_ v: Double, minus: String, infinity: String = "\\infty") -> String {
    let magnitude = Swift.abs(v)
    let body: String
    if magnitude == .infinity {
      body = infinity
    } else if magnitude == magnitude.rounded(), magnitude < 1e15 {
      body = String(Int64(magnitude))
    } else {
      body = magnitude.description
    }
    return v < 0 ? minus + body : body
  }
}
