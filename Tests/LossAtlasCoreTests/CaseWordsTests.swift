import LossAtlasCore
import Testing

/// The words of piecewise formulas (issue 13: a Chinese formula reads
/// "若 x > 0" / "否则"): only the words change with the language; the
/// structure, every symbol and number, stays exactly the English one.
@Suite struct CaseWordsTests {
  static let chinese = CaseWords(when: "若", otherwise: "否则")

  /// Every printed form of a catalog function: value, derivatives, second
  /// derivative, Hessian and definitions, as (LaTeX, MathML).
  static func printed(_ f: FunctionFormula, _ words: CaseWords) -> [(String, String)] {
    var exprs = [f.value] + f.derivatives.map(\.expr)
    if let s = f.secondDerivative { exprs.append(s) }
    exprs += (f.hessian ?? []).flatMap { $0 }
    return exprs.map { ($0.latex(words), $0.mathmlBlock(words)) } + f.definitions(words).map { ($0.latex, $0.mathml) }
  }

  /// The default print (`latex`, `mathml`, `definitions`: what the data
  /// exports and the CLI use) says the English words, spelled out here:
  /// every piecewise row with a condition says "if" in both forms, and no
  /// Chinese word appears.
  @Test("the default print says 'if' and 'otherwise', never 若 or 否则", arguments: Catalog.ids)
  func englishIsTheDefault(id: String) throws {
    let f = try Catalog.function(named: id).formula
    let exprs = [f.value] + f.derivatives.map(\.expr) + (f.secondDerivative.map { [$0] } ?? [])
    let printed = exprs.flatMap { [$0.latex, $0.mathml] } + f.definitions.flatMap { [$0.latex, $0.mathml] }
    for text in printed {
      #expect(!text.contains("若") && !text.contains("否则"), "\(id): \(text)")
    }
    for e in exprs {
      let latexRows = e.latex.components(separatedBy: "\\text{if }").count - 1
      let mathmlRows = e.mathmlBlock.components(separatedBy: "<mtext>if&#xA0;</mtext>").count - 1
      #expect(latexRows == mathmlRows, "\(id): \(e.latex)")
    }
    if id == "relu" {
      #expect(f.derivatives[0].expr.latex.contains("\\text{if } x > 0") && f.derivatives[0].expr.latex.contains("\\text{otherwise}"))
    }
  }

  /// Swapping the words back gives the English print byte for byte: the
  /// Chinese formula differs in its words only. The LaTeX and MathML
  /// spellings of the words are written out here, not taken from CaseWords.
  @Test("a Chinese formula is the English one with 若 for 'if' and 否则 for 'otherwise', nothing else", arguments: Catalog.ids)
  func onlyTheWordsChange(id: String) throws {
    let f = try Catalog.function(named: id).formula
    for (english, chinese) in zip(Self.printed(f, .english), Self.printed(f, Self.chinese)) {
      let latexBack = chinese.0.replacingOccurrences(of: "\\text{若 }", with: "\\text{if }")
        .replacingOccurrences(of: "\\text{否则}", with: "\\text{otherwise}")
      #expect(latexBack == english.0)
      let mathmlBack = chinese.1.replacingOccurrences(of: "<mtext>若&#xA0;</mtext>", with: "<mtext>if&#xA0;</mtext>")
        .replacingOccurrences(of: "<mtext>否则</mtext>", with: "<mtext>otherwise</mtext>")
      #expect(mathmlBack == english.1)
      #expect(!chinese.0.contains("\\text{if") && !chinese.0.contains("otherwise"), "\(id): \(chinese.0)")
      #expect(!chinese.1.contains("<mtext>if") && !chinese.1.contains("otherwise"), "\(id): \(chinese.1)")
    }
  }

  @Test("relu's derivative and focal's p_t in Chinese, written out")
  func chineseExamples() throws {
    let relu = try Catalog.function(named: "relu").formula
    let derivative = relu.derivatives[0].expr
    #expect(derivative.latex(Self.chinese).contains("& \\text{若 } x > 0"))
    #expect(derivative.mathml(Self.chinese).contains("<mtd><mtext>若&#xA0;</mtext><mrow><mi>x</mi><mo>&gt;</mo><mn>0</mn></mrow></mtd>"))
    let focal = try Catalog.function(named: "focal").formula
    #expect(
      focal.definitions(Self.chinese).map(\.latex).contains(
        "p_t = \\begin{cases} p & \\text{若 } y = 1 \\\\ 1 - p & \\text{否则} \\end{cases}"))
  }

  @Test("words holding LaTeX or XML syntax are escaped: the formula stays valid")
  func hostileWordsAreEscaped() throws {
    let words = CaseWords(when: "a<b & {c}_$", otherwise: "x\\y^~%#")
    let hinge = try Catalog.function(named: "hinge").formula.derivatives[0].expr
    let latex = hinge.latex(words)
    #expect(latex.contains("\\text{a<b \\& \\{c\\}\\_\\$ } "), "\(latex)")
    #expect(latex.contains("\\text{x\\textbackslash{}y\\^{}\\~{}\\%\\#}"), "\(latex)")
    let mathml = hinge.mathmlBlock(words)
    #expect(mathml.contains("<mtext>a&lt;b &amp; {c}_$&#xA0;</mtext>"), "\(mathml)")
    #expect(mathml.contains("<mtext>x\\y^~%#</mtext>"), "\(mathml)")
  }
}
