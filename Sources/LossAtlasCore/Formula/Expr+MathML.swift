extension Expr {
  /// The formula as presentation MathML (MathML Core: renders offline in
  /// current browsers without JavaScript), wrapped in a block `<math>`.
  public var mathmlBlock: String {
    "<math xmlns=\"http://www.w3.org/1998/Math/MathML\" display=\"block\">\(mathml)</math>"
  }

  /// The formula as a presentation-MathML fragment (an `<mrow>` or a token).
  public var mathml: String {
    switch self {
    case .symbol(let s): return s.mathml
    case .element(let s, let i): return "<msub>\(s.mathml)\(i.mathml)</msub>"
    case .number(let v):
      return v < 0 ? "<mrow><mo>−</mo><mn>\(FormulaNumber.text(-v, minus: ""))</mn></mrow>" : "<mn>\(FormulaNumber.text(v, minus: ""))</mn>"
    case .constant(let s, _): return s.mathml
    case .sum(let terms):
      var out = terms.first.map { $0.mathml(in: .sum) } ?? "<mn>0</mn>"
      for t in terms.dropFirst() {
        switch t {
        case .negate(let a): out += "<mo>−</mo>" + a.mathml(in: .product)
        case .number(let v) where v < 0: out += "<mo>−</mo><mn>\(FormulaNumber.text(-v, minus: ""))</mn>"
        default: out += "<mo>+</mo>" + t.mathml(in: .sum)
        }
      }
      return "<mrow>\(out)</mrow>"
    case .difference(let a, let b):
      return "<mrow>\(a.mathml(in: .sum))<mo>−</mo>\(b.mathml(in: .product))</mrow>"
    case .product(let factors):
      var out = ""
      for (i, f) in factors.enumerated() {
        if i > 0 { out += f.startsWithDigit ? "<mo>·</mo>" : "<mo>\u{2062}</mo>" }
        out += f.mathml(in: .product)
      }
      return "<mrow>\(out)</mrow>"
    case .negate(let a): return "<mrow><mo>−</mo>\(a.mathml(in: .product))</mrow>"
    case .fraction(let a, let b): return "<mfrac>\(a.mathmlRow)\(b.mathmlRow)</mfrac>"
    case .power(.apply(let f, let args), let e) where f.isNamedOperator:
      return "<mrow><msup>\(f.mathmlName)\(e.mathmlRow)</msup><mo>\u{2061}</mo>\(Expr.mathmlArguments(args))</mrow>"
    case .power(let a, let e): return "<msup>\(a.mathml(in: .atom))\(e.mathmlRow)</msup>"
    case .apply(let f, let args): return Expr.mathmlApply(f, args)
    case .cases(let list):
      let rows = list.map { value, condition in
        let when = condition.isOtherwise ? "<mtext>otherwise</mtext>" : "<mtext>if&#xA0;</mtext>\(condition.mathml)"
        return "<mtr><mtd>\(value.mathml)</mtd><mtd>\(when)</mtd></mtr>"
      }
      return "<mrow><mo>{</mo><mtable columnalign=\"left left\">\(rows.joined())</mtable></mrow>"
    case .sumOver(let j, let excluding, let body):
      let under = excluding.map { "<mrow>\(j.mathml)<mo>≠</mo>\($0.mathml)</mrow>" } ?? j.mathml
      return "<mrow><munder><mo>∑</mo>\(under)</munder>\(body.mathml(in: .product))</mrow>"
    case .maxOver(let j, let excluding, let body):
      let under = excluding.map { "<mrow>\(j.mathml)<mo>≠</mo>\($0.mathml)</mrow>" } ?? j.mathml
      return "<mrow><munder><mo movablelimits=\"true\">max</mo>\(under)</munder>\(body.mathml(in: .product))</mrow>"
    case .kronecker(let a, let b): return "<msub><mi>δ</mi><mrow>\(a.mathml)\(b.mathml)</mrow></msub>"
    }
  }

  var mathmlRow: String { "<mrow>\(mathml)</mrow>" }

  func mathml(in needed: Precedence) -> String {
    precedence < needed ? "<mrow><mo>(</mo>\(mathml)<mo>)</mo></mrow>" : mathml
  }

  static func mathmlArguments(_ args: [Expr]) -> String {
    "<mrow><mo>(</mo>" + args.map(\.mathml).joined(separator: "<mo>,</mo>") + "<mo>)</mo></mrow>"
  }

  static func mathmlApply(_ f: MathFunction, _ args: [Expr]) -> String {
    switch f {
    case .exp: return "<msup><mi>e</mi>\(args[0].mathmlRow)</msup>"
    case .abs: return "<mrow><mo>|</mo>\(args[0].mathml)<mo>|</mo></mrow>"
    case .sqrt: return "<msqrt>\(args[0].mathml)</msqrt>"
    default: return "<mrow>\(f.mathmlName)<mo>\u{2061}</mo>\(mathmlArguments(args))</mrow>"
    }
  }
}

extension Condition {
  var mathml: String {
    func rel(_ a: Expr, _ op: String, _ b: Expr) -> String { "<mrow>\(a.mathml)<mo>\(op)</mo>\(b.mathml)</mrow>" }
    switch self {
    case .less(let a, let b): return rel(a, "&lt;", b)
    case .lessOrEqual(let a, let b): return rel(a, "≤", b)
    case .greater(let a, let b): return rel(a, "&gt;", b)
    case .greaterOrEqual(let a, let b): return rel(a, "≥", b)
    case .equal(let a, let b): return rel(a, "=", b)
    case .notEqual(let a, let b): return rel(a, "≠", b)
    case .between(let a, let x, let b, let cl, let cu):
      return "<mrow>\(a.mathml)<mo>\(cl ? "≤" : "&lt;")</mo>\(x.mathml)<mo>\(cu ? "≤" : "&lt;")</mo>\(b.mathml)</mrow>"
    case .and(let list): return "<mrow>" + list.map(\.mathml).joined(separator: "<mo>,</mo><mspace width=\"0.5em\"/>") + "</mrow>"
    case .otherwise: return "<mtext>otherwise</mtext>"
    }
  }
}
