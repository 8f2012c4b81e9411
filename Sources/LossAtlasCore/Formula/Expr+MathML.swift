extension Expr {
  /// The formula as presentation MathML (MathML Core: renders offline in
  /// current browsers without JavaScript), wrapped in a block `<math>`;
  /// the cases of a piecewise formula in English.
  public var mathmlBlock: String { mathmlBlock(.english) }

  /// The formula as a block `<math>`, the cases of a piecewise formula in `words`.
  public func mathmlBlock(_ words: CaseWords) -> String {
    "<math xmlns=\"http://www.w3.org/1998/Math/MathML\" display=\"block\">\(mathml(words))</math>"
  }

  /// The formula as a presentation-MathML fragment (an `<mrow>` or a
  /// token), the cases of a piecewise formula in English.
  public var mathml: String { mathml(.english) }

  /// The formula as a presentation-MathML fragment, the cases of a
  /// piecewise formula in `words` (`<mtext>if&#xA0;</mtext>`,
  /// `<mtext>otherwise</mtext>` in English).
  public func mathml(_ words: CaseWords) -> String {
    switch self {
    case .symbol(let s): return s.mathml
    case .element(let s, let i): return "<msub>\(s.mathml)\(i.mathml)</msub>"
    case .number(let v):
      return v < 0 ? "<mrow><mo>−</mo>\(Expr.mathmlNumber(-v))</mrow>" : Expr.mathmlNumber(v)
    case .constant(let s, _): return s.mathml
    case .sum(let terms):
      var out = terms.first.map { $0.mathml(in: .sum, words) } ?? "<mn>0</mn>"
      for t in terms.dropFirst() {
        switch t {
        case .negate(let a): out += "<mo>−</mo>" + a.mathmlAfterMinus(words)
        case .number(let v) where v < 0: out += "<mo>−</mo>" + Expr.mathmlNumber(-v)
        default: out += "<mo>+</mo>" + t.mathml(in: .sum, words)
        }
      }
      return "<mrow>\(out)</mrow>"
    case .difference(let a, let b):
      return "<mrow>\(a.mathml(in: .sum, words))<mo>−</mo>\(b.mathmlAfterMinus(words))</mrow>"
    case .product(let factors):
      var out = ""
      for (i, f) in factors.enumerated() {
        if i > 0 { out += f.startsWithDigit ? "<mo>·</mo>" : "<mo>\u{2062}</mo>" }
        out += f.mathml(in: .product, words)
      }
      return "<mrow>\(out)</mrow>"
    case .negate(let a): return "<mrow><mo>−</mo>\(a.mathmlAfterMinus(words))</mrow>"
    case .fraction(let a, let b): return "<mfrac>\(a.mathmlRow(words))\(b.mathmlRow(words))</mfrac>"
    case .power(.apply(let f, let args), let e) where f.takesPowerOnName:
      return "<mrow><msup>\(f.mathmlName)\(e.exponentMathML(words))</msup><mo>\u{2061}</mo>\(Expr.mathmlArguments(args, words))</mrow>"
    case .power(let a, let e):
      let base = a.needsParenthesesAsBase ? Expr.parenthesized(a.mathml(words), tall: a.isTall) : a.mathml(in: .atom, words)
      return "<msup>\(base)\(e.exponentMathML(words))</msup>"
    case .apply(let f, let args): return Expr.mathmlApply(f, args, words)
    case .cases(let list):
      let rows = list.map { value, condition in
        let when = condition.isOtherwise ? words.mathmlOtherwise : words.mathmlWhen + condition.mathml(words)
        return "<mtr><mtd>\(value.mathml(words))</mtd><mtd>\(when)</mtd></mtr>"
      }
      return "<mrow><mo>{</mo><mtable columnalign=\"left left\">\(rows.joined())</mtable></mrow>"
    case .sumOver(let j, let excluding, let body):
      let index = excluding.map { "\(j.mathml)<mo>≠</mo>\($0.mathml)" } ?? j.mathml
      if let (term, condition) = body.restrictedTerm {
        let under = "<mrow>\(index)<mo>:</mo>\(condition.mathml(words))</mrow>"
        return "<mrow><munder><mo>∑</mo>\(under)</munder>\(term.mathml(in: .product, words))</mrow>"
      }
      let under = excluding == nil ? index : "<mrow>\(index)</mrow>"
      return "<mrow><munder><mo>∑</mo>\(under)</munder>\(body.mathml(in: .product, words))</mrow>"
    case .maxOver(let j, let excluding, let body):
      let under = excluding.map { "<mrow>\(j.mathml)<mo>≠</mo>\($0.mathml)</mrow>" } ?? j.mathml
      return "<mrow><munder><mo movablelimits=\"true\">max</mo>\(under)</munder>\(body.mathml(in: .product, words))</mrow>"
    case .kronecker(let a, let b): return "<msub><mi>δ</mi><mrow>\(a.mathml)\(b.mathml)</mrow></msub>"
    case .named(let s, _): return s.mathml
    case .count: return "<mi>C</mi>"
    case .indicator(let condition): return "<mrow><mn>𝟏</mn><mo>[</mo>\(condition.mathml(words))<mo>]</mo></mrow>"
    case .argmaxOver(let j, let excluding, let body):
      let under = excluding.map { "<mrow>\(j.mathml)<mo>≠</mo>\($0.mathml)</mrow>" } ?? j.mathml
      return "<mrow><mi>min</mi><mo>\u{2061}</mo><munder><mo movablelimits=\"true\">arg max</mo>\(under)</munder>"
        + "\(body.mathml(in: .product, words))</mrow>"
    }
  }

  /// A non-negative number as an `<mn>` (infinity as ∞).
  static func mathmlNumber(_ v: Double) -> String {
    "<mn>\(FormulaNumber.text(v, minus: "", infinity: "∞"))</mn>"
  }

  func mathmlRow(_ words: CaseWords) -> String { "<mrow>\(mathml(words))</mrow>" }

  /// The formula as an exponent, in an `<mrow>`: fractions inline (a/b),
  /// like `exponentLatex`.
  func exponentMathML(_ words: CaseWords) -> String {
    func inline(_ e: Expr) -> String {
      switch e {
      case .fraction(let a, let b): return a.mathml(in: .product, words) + "<mo>/</mo>" + b.mathml(in: .power, words)
      case .negate(let a): return "<mo>−</mo>" + (a.isFraction ? inline(a) : a.mathmlAfterMinus(words))
      case .difference(let a, let b):
        return (a.isFraction ? inline(a) : a.mathml(in: .sum, words)) + "<mo>−</mo>" + (b.isFraction ? inline(b) : b.mathmlAfterMinus(words))
      case .sum(let terms) where terms.contains(where: \.isFraction):
        var out = terms[0].isFraction ? inline(terms[0]) : terms[0].mathml(in: .sum, words)
        for t in terms.dropFirst() {
          switch t {
          case .negate(let a): out += "<mo>−</mo>" + (a.isFraction ? inline(a) : a.mathmlAfterMinus(words))
          case .number(let v) where v < 0: out += "<mo>−</mo>" + Expr.mathmlNumber(-v)
          case .fraction: out += "<mo>+</mo>" + inline(t)
          default: out += "<mo>+</mo>" + t.mathml(in: .sum, words)
          }
        }
        return out
      default: return e.mathml(words)
      }
    }
    return exponentLatex(words) == latex(words) ? mathmlRow(words) : "<mrow>\(inline(self))</mrow>"
  }

  /// Printed after a minus sign, like `latexAfterMinus`.
  func mathmlAfterMinus(_ words: CaseWords) -> String { isBigOperator ? mathml(words) : mathml(in: .product, words) }

  func mathml(in needed: Precedence, _ words: CaseWords) -> String {
    precedence < needed ? Expr.parenthesized(mathml(words), tall: isTall) : mathml(words)
  }

  static func mathmlArguments(_ args: [Expr], _ words: CaseWords) -> String {
    parenthesized(args.map { $0.mathml(words) }.joined(separator: "<mo>,</mo>"), tall: args.contains { $0.isTall })
  }

  static func mathmlApply(_ f: MathFunction, _ args: [Expr], _ words: CaseWords) -> String {
    switch f {
    case .exp: return "<msup><mi>e</mi>\(args[0].exponentMathML(words))</msup>"
    case .abs: return "<mrow><mo>|</mo>\(args[0].mathml(words))<mo>|</mo></mrow>"
    case .sqrt: return "<msqrt>\(args[0].mathml(words))</msqrt>"
    default: return "<mrow>\(f.mathmlName)<mo>\u{2061}</mo>\(mathmlArguments(args, words))</mrow>"
    }
  }
}

extension Condition {
  func mathml(_ words: CaseWords) -> String {
    func rel(_ a: Expr, _ op: String, _ b: Expr) -> String { "<mrow>\(a.mathml(words))<mo>\(op)</mo>\(b.mathml(words))</mrow>" }
    switch self {
    case .less(let a, let b): return rel(a, "&lt;", b)
    case .lessOrEqual(let a, let b): return rel(a, "≤", b)
    case .greater(let a, let b): return rel(a, "&gt;", b)
    case .greaterOrEqual(let a, let b): return rel(a, "≥", b)
    case .equal(let a, let b): return rel(a, "=", b)
    case .notEqual(let a, let b): return rel(a, "≠", b)
    case .between(let a, let x, let b, let cl, let cu):
      return "<mrow>\(a.mathml(words))<mo>\(cl ? "≤" : "&lt;")</mo>\(x.mathml(words))<mo>\(cu ? "≤" : "&lt;")</mo>\(b.mathml(words))</mrow>"
    case .and(let list): return "<mrow>" + list.map { $0.mathml(words) }.joined(separator: "<mo>,</mo><mspace width=\"0.5em\"/>") + "</mrow>"
    case .otherwise: return words.mathmlOtherwise
    }
  }
}

extension Expr {
  /// Parentheses around a MathML fragment: they stretch only around tall
  /// content (a fraction); around a line of text a stretchy fence would
  /// grow to the height of the row's superscripts and look oversized.
  static func parenthesized(_ inner: String, tall: Bool) -> String {
    let fence = tall ? "<mo>" : "<mo stretchy=\"false\">"
    return "<mrow>\(fence)(</mo>\(inner)\(fence))</mo></mrow>"
  }
}
