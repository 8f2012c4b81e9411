/// Binding strength of a node when printed: children that bind more loosely
/// than their parent needs are wrapped in parentheses.
enum Precedence: Int, Comparable {
  case cases = 0, sum = 1, bigOperator = 2, negation = 3, product = 4, power = 5, atom = 6

  static func < (a: Precedence, b: Precedence) -> Bool { a.rawValue < b.rawValue }
}

extension Expr {
  var precedence: Precedence {
    switch self {
    case .symbol, .element, .constant, .apply, .fraction, .kronecker: return .atom
    case .number(let v): return v < 0 ? .negation : .atom
    case .power: return .power
    case .product: return .product
    case .negate: return .negation
    case .sum, .difference: return .sum
    case .sumOver, .maxOver: return .bigOperator
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

  /// The formula in LaTeX (for `$$ ... $$` in Markdown).
  public var latex: String {
    switch self {
    case .symbol(let s): return s.latex
    case .element(let s, let i): return "\(s.latex)_{\(i.latex)}"
    case .number(let v): return FormulaNumber.text(v, minus: "-")
    case .constant(let s, _): return s.latex
    case .sum(let terms):
      var out = terms.first.map { $0.latex(in: .sum) } ?? "0"
      for t in terms.dropFirst() {
        switch t {
        case .negate(let a): out += " - " + a.latex(in: .product)
        case .number(let v) where v < 0: out += " - " + FormulaNumber.text(-v, minus: "-")
        default: out += " + " + t.latex(in: .sum)
        }
      }
      return out
    case .difference(let a, let b): return a.latex(in: .sum) + " - " + b.latex(in: .product)
    case .product(let factors):
      var out = ""
      for (i, f) in factors.enumerated() {
        if i > 0 { out += f.startsWithDigit ? " \\cdot " : " " }
        out += f.latex(in: .product)
      }
      return out
    case .negate(let a): return "-" + a.latex(in: .product)
    case .fraction(let a, let b): return "\\frac{\(a.latex)}{\(b.latex)}"
    case .power(.apply(let f, let args), let e) where f.isNamedOperator:
      return f.latexName + "^{\(e.latex)}" + Expr.latexArguments(args)
    case .power(let a, let e): return a.latex(in: .atom) + "^{\(e.latex)}"
    case .apply(let f, let args): return Expr.latexApply(f, args)
    case .cases(let list):
      let rows = list.map { value, condition in
        "\(value.latex) & " + (condition.isOtherwise ? "\\text{otherwise}" : "\\text{if } \(condition.latex)")
      }
      return "\\begin{cases} " + rows.joined(separator: " \\\\ ") + " \\end{cases}"
    case .sumOver(let j, let excluding, let body):
      let sub = excluding.map { "\(j.latex) \\neq \($0.latex)" } ?? j.latex
      return "\\sum_{\(sub)} " + body.latex(in: .product)
    case .maxOver(let j, let excluding, let body):
      let sub = excluding.map { "\(j.latex) \\neq \($0.latex)" } ?? j.latex
      return "\\max_{\(sub)} " + body.latex(in: .product)
    case .kronecker(let a, let b): return "\\delta_{\(a.latex)\(b.latex)}"
    }
  }

  /// Printed for a parent that needs at least `needed` binding.
  func latex(in needed: Precedence) -> String {
    precedence < needed ? "\\left(\(latex)\\right)" : latex
  }

  static func latexArguments(_ args: [Expr]) -> String {
    let inner = args.map(\.latex).joined(separator: ", ")
    let tall = args.contains { $0.isTall }
    return tall ? "\\left(\(inner)\\right)" : "(\(inner))"
  }

  static func latexApply(_ f: MathFunction, _ args: [Expr]) -> String {
    switch f {
    case .exp: return "e^{\(args[0].latex)}"
    case .abs: return "\\left|\(args[0].latex)\\right|"
    case .sqrt: return "\\sqrt{\(args[0].latex)}"
    default: return f.latexName + latexArguments(args)
    }
  }

  /// Whether the printed form is taller than a line (holds a fraction).
  var isTall: Bool {
    switch self {
    case .fraction, .cases, .sumOver, .maxOver: return true
    case .sum(let xs), .product(let xs): return xs.contains { $0.isTall }
    case .negate(let a): return a.isTall
    case .difference(let a, let b), .power(let a, let b): return a.isTall || b.isTall
    case .apply(_, let xs): return xs.contains { $0.isTall }
    default: return false
    }
  }
}

extension MathFunction {
  /// Functions printed as an operator name followed by parenthesised arguments.
  var isNamedOperator: Bool {
    switch self {
    case .exp, .abs, .sqrt: return false
    default: return true
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
    }
  }

  /// The name as MathML shows it (an identifier, or a Greek letter).
  var mathmlName: String {
    switch self {
    case .sigma: return "<mi>σ</mi>"
    case .normalCDF: return "<mi mathvariant=\"normal\">Φ</mi>"
    case .normalPDF: return "<mi>φ</mi>"
    default: return "<mi>\(rawValue == "logSumExp" ? "logsumexp" : rawValue)</mi>"
    }
  }
}

extension Condition {
  var isOtherwise: Bool {
    if case .otherwise = self { return true }
    return false
  }

  var latex: String {
    switch self {
    case .less(let a, let b): return "\(a.latex) < \(b.latex)"
    case .lessOrEqual(let a, let b): return "\(a.latex) \\le \(b.latex)"
    case .greater(let a, let b): return "\(a.latex) > \(b.latex)"
    case .greaterOrEqual(let a, let b): return "\(a.latex) \\ge \(b.latex)"
    case .equal(let a, let b): return "\(a.latex) = \(b.latex)"
    case .notEqual(let a, let b): return "\(a.latex) \\neq \(b.latex)"
    case .between(let a, let x, let b, let cl, let cu):
      return "\(a.latex) \(cl ? "\\le" : "<") \(x.latex) \(cu ? "\\le" : "<") \(b.latex)"
    case .and(let list): return list.map(\.latex).joined(separator: ",\\ ")
    case .otherwise: return "\\text{otherwise}"
    }
  }
}

/// Numbers in formulas: integers without a fraction part, other values in
/// their shortest round-trip form, minus as given (`-` or U+2212).
enum FormulaNumber {
  static func text(_ v: Double, minus: String) -> String {
    let magnitude = Swift.abs(v)
    let body: String
    if magnitude == magnitude.rounded(), magnitude < 1e15 {
      body = String(Int64(magnitude))
    } else {
      body = magnitude.description
    }
    return v < 0 ? minus + body : body
  }
}
