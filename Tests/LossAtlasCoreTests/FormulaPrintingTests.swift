import LossAtlasCore
import Testing

/// How formulas print: the exact LaTeX of representative formulas (what
/// the manual shows), habits no formula may break, and MathML that is
/// well-formed XML.
@Suite struct FormulaPrintingTests {
  static let ids = Catalog.ids

  static func formula(_ id: String) throws -> FunctionFormula {
    try Catalog.function(named: id).formula
  }

  @Test func softmaxJacobian() throws {
    let f = try Self.formula("softmax")
    #expect(f.value.latex == "\\frac{e^{z_{i}}}{\\sum_{j} e^{z_{j}}}")
    #expect(f.derivatives[0].expr.latex == "p_{i} \\left(\\delta_{ij} - p_{j}\\right)")
    #expect(f.definitions.map(\.latex) == ["p_{i} = \\frac{e^{z_{i}}}{\\sum_{j} e^{z_{j}}}"])
    #expect(f.valueIndex?.name == "i" && f.derivativeIndices.map(\.name) == ["i", "j"])
  }

  @Test func casesWithTheCatalogsSubgradient() throws {
    let f = try Self.formula("hard-swish")
    #expect(
      f.derivatives[0].expr.latex
        == "\\begin{cases} 0 & \\text{if } x < -3 \\\\ \\frac{2 x + 3}{6} & \\text{if } -3 \\le x \\le 3 \\\\ 1 & \\text{otherwise} \\end{cases}"
    )
    let barron = try Self.formula("barron")
    #expect(barron.value.latex.contains("1 - e^{-x^{2}/2} & \\text{if } \\alpha = -\\infty"))
    #expect(barron.value.mathml.contains("<mo>−</mo><mn>∞</mn>"))
  }

  @Test func sumsOverAnIndex() throws {
    #expect(try Self.formula("multiclass-hinge").value.latex == "\\sum_{j \\neq k} \\max(0, s_{j} - s_{k} + \\delta)")
    // A sum of "e if c, else 0" prints restricted to c (0 log 0 = 0).
    #expect(try Self.formula("kl-div").value.latex == "\\sum_{j:\\, q_{j} > 0} q_{j} \\log\\left(\\frac{q_{j}}{p_{j}}\\right)")
    // A minus before a big operator needs no parentheses.
    let ce = try Self.formula("cross-entropy")
    #expect(ce.value.latex == "\\operatorname{logsumexp}(s) - \\sum_{j} q_j s_{j}")
    #expect(ce.definitions.first?.latex == "q_j = \\left(1 - \\varepsilon\\right) \\delta_{jk} + \\frac{\\varepsilon}{C}")
    #expect(try Self.formula("crammer-singer").definitions.map(\.latex) == ["j^* = \\min \\operatorname*{arg\\,max}_{l \\neq k} s_{l}"])
  }

  @Test func namedQuantitiesAreDefinedOnceInOrder() throws {
    let focal = try Self.formula("focal")
    #expect(focal.value.latex == "-\\alpha_t \\left(1 - p_t\\right)^{\\gamma} \\log(p_t)")
    #expect(
      focal.definitions.map(\.latex) == [
        "\\alpha_t = \\begin{cases} \\alpha & \\text{if } y = 1 \\\\ 1 - \\alpha & \\text{otherwise} \\end{cases}",
        "p_t = \\begin{cases} p & \\text{if } y = 1 \\\\ 1 - p & \\text{otherwise} \\end{cases}",
        "p = \\sigma(z)",
      ])
    #expect(try Self.formula("huber").definitions.map(\.latex) == ["r = \\hat{y} - y"])
    #expect(try Self.formula("selu").definitions.map(\.latex) == [
      "\\lambda = 1.0507009873554804934193349852946", "\\alpha = 1.6732632423543772848170429916717",
    ])
  }

  @Test func exponentsAndPowers() {
    let x = Expr.x
    // Fractions in an exponent print inline.
    #expect(Expr.exp(-(x.pow(.n(2)) / .n(2))).latex == "e^{-x^{2}/2}")
    #expect(x.pow(.n(1) / .n(2) - .n(1)).latex == "x^{1/2 - 1}")
    #expect(x.pow(x / .n(2) + .n(-1)).latex == "x^{x/2 - 1}")
    #expect(x.pow(x / .n(2) + .n(-1)).mathml.contains("<mo>/</mo><mn>2</mn><mo>−</mo><mn>1</mn>"))
    // A power of a symbol printed with a superscript is parenthesised.
    let variance = Expr.symbol(Symbol("var", latex: "\\sigma^2", mathml: "<msup><mi>σ</mi><mn>2</mn></msup>"))
    #expect(variance.pow(.n(2)).latex == "\\left(\\sigma^2\\right)^{2}")
    // max(0, 1 - y s)^2, never max^2.
    #expect(Expr.max(.n(0), x).pow(.n(2)).latex == "\\max(0, x)^{2}")
  }

  @Test func newNodesEvaluate() throws {
    let s = Symbol.latin("s")
    let j = Symbol.latin("j")
    let k = Symbol.latin("k")
    let env = FormulaEnvironment(scalars: ["k": 0], vectors: ["s": [3, 1, 2, 2]])
    #expect(try Expr.count(s).evaluate(env) == 4)
    // The first of tied maximisers: with k = 0 skipped, s_2 = s_3 = 2 tie.
    #expect(try Expr.argmaxOver(j, excluding: k, .element(s, index: j)).evaluate(env) == 2)
    #expect(try Expr.argmaxOver(j, excluding: nil, .element(s, index: j)).evaluate(env) == 0)
    #expect(try Expr.indicator(.greater(.element(s, index: k), .n(2))).evaluate(env) == 1)
    #expect(try Expr.named(.latin("r"), .count(s) - .n(1)).evaluate(env) == 3)
    // An index bound by a sum shadows a free scalar of the same name.
    var withJ = env
    withJ.scalars["j"] = 9
    #expect(try Expr.sumOver(j, excluding: nil, .symbol(j)).evaluate(withJ) == 6)
  }

  /// Habits of every printed formula: signs and products as a careful
  /// textbook writes them.
  @Test("no formula prints 1 · x, + -, - -, ^{1} or an empty group", arguments: ids)
  func printingHabits(id: String) throws {
    let f = try Self.formula(id)
    // In steps: one long sum of overloaded names is too much for the type checker.
    var texts: [String] = [f.value.latex] + f.derivatives.map { $0.expr.latex }
    texts += f.secondDerivative.map { [$0.latex] } ?? []
    texts += (f.hessian ?? []).flatMap { row in row.map { $0.latex } }
    texts += f.definitions.map { $0.latex }
    for text in texts {
      for bad in ["+ -", "- -", "1 \\cdot", "\\cdot 1 ", "^{1}", "{}", "()", "--", "-inf", "nan"] {
        #expect(!text.contains(bad), "\(id): \(bad) in \(text)")
      }
      #expect(text.filter { $0 == "{" }.count == text.filter { $0 == "}" }.count, "\(id): unbalanced braces in \(text)")
    }
  }

  @Test("every MathML fragment is well-formed XML", arguments: ids)
  func mathMLIsWellFormed(id: String) throws {
    let f = try Self.formula(id)
    var fragments: [String] = [f.value.mathmlBlock] + f.derivatives.map { $0.expr.mathmlBlock }
    fragments += f.secondDerivative.map { [$0.mathmlBlock] } ?? []
    fragments += (f.hessian ?? []).flatMap { row in row.map { $0.mathmlBlock } }
    fragments += f.definitions.map { "<math>\($0.mathml)</math>" }
    for fragment in fragments {
      #expect(XMLCheck.problem(in: fragment) == nil, "\(id): \(XMLCheck.problem(in: fragment) ?? "") in \(fragment)")
    }
  }

  @Test func xmlCheckCatchesBadMarkup() {
    #expect(XMLCheck.problem(in: "<math><mi>x</mi><mspace width=\"1em\"/></math>") == nil)
    #expect(XMLCheck.problem(in: "<math><mi>x</mo></math>") != nil)
    #expect(XMLCheck.problem(in: "<math><mi>x</mi>") != nil)
    #expect(XMLCheck.problem(in: "<math><mo>a < b</mo></math>") != nil)
    #expect(XMLCheck.problem(in: "<math><mo>&lt;</mo><mtext>&#xA0;&amp;</mtext></math>") == nil)
    #expect(XMLCheck.problem(in: "<math><mo>&nbsp;</mo></math>") != nil)
  }
}

/// A tiny XML well-formedness check: every tag closed in order, attributes
/// quoted, text free of bare `<` and `&` (only the XML entities and
/// character references), one root element.
enum XMLCheck {
  static func problem(in text: String) -> String? {
    var stack: [String] = []
    var roots = 0
    var rest = Substring(text)
    while let c = rest.first {
      if c == "<" {
        guard let close = rest.firstIndex(of: ">") else { return "unterminated tag" }
        var tag = rest[rest.index(after: rest.startIndex)..<close]
        rest = rest[rest.index(after: close)...]
        if tag.hasPrefix("/") {
          let name = String(tag.dropFirst())
          guard stack.popLast() == name else { return "</\(name)> closes nothing open" }
          continue
        }
        let selfClosing = tag.hasSuffix("/")
        if selfClosing { tag = tag.dropLast() }
        let parts = tag.split(separator: " ", maxSplits: 1)
        guard let name = parts.first, name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == ":" }) else {
          return "bad tag <\(tag)>"
        }
        if parts.count == 2, !attributesAreQuoted(parts[1]) { return "bad attributes in <\(tag)>" }
        if stack.isEmpty { roots += 1 }
        if !selfClosing { stack.append(String(name)) }
      } else if c == "&" {
        guard let semicolon = rest.firstIndex(of: ";") else { return "bare &" }
        let entity = rest[rest.index(after: rest.startIndex)..<semicolon]
        let named = ["lt", "gt", "amp", "quot", "apos"].contains(entity)
        let numeric = entity.hasPrefix("#x") && entity.count > 2 && entity.dropFirst(2).allSatisfy(\.isHexDigit)
        guard named || numeric else { return "unknown entity &\(entity);" }
        rest = rest[rest.index(after: semicolon)...]
      } else {
        if stack.isEmpty { return "text outside the root" }
        rest = rest.dropFirst()
      }
    }
    if let open = stack.last { return "<\(open)> never closed" }
    return roots == 1 ? nil : "\(roots) root elements"
  }

  /// `name="value" name="value"`, values free of `<` and `"`.
  static func attributesAreQuoted(_ text: Substring) -> Bool {
    var rest = text.drop { $0 == " " }
    while !rest.isEmpty {
      guard let eq = rest.firstIndex(of: "=") else { return false }
      let name = rest[..<eq]
      guard !name.isEmpty, name.allSatisfy({ $0.isLetter || $0 == "-" || $0 == ":" }) else { return false }
      rest = rest[rest.index(after: eq)...]
      guard rest.first == "\"" else { return false }
      rest = rest.dropFirst()
      guard let end = rest.firstIndex(of: "\"") else { return false }
      if rest[..<end].contains("<") { return false }
      rest = rest[rest.index(after: end)...].drop { $0 == " " }
    }
    return true
  }
}
