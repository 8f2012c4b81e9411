import Foundation
import LossAtlasCore
import Testing

@testable import LossAtlasAnalysis

/// Formulas and derivatives printed through Core's Expr (LaTeX, MathML) and
/// as plain text; the plain text of a derivative reads back as the same
/// function; intervals read from text.
@Suite struct PrintingTests {
  static func e(_ text: String, _ args: [String] = ["x"]) throws -> UserExpression {
    try UserExpression(ExpressionSource(text, file: "t"), arguments: args)
  }

  @Test func latexOfTheFormulaAsWritten() throws {
    #expect(try Self.e("log(1 + exp(x))").valueExpr.latex == "\\log(1 + e^{x})")
    #expect(try Self.e("-x^2 / 2").valueExpr.latex == "\\frac{-x^{2}}{2}")
    #expect(try Self.e("log(1 + ((yhat - y) / c)^2)", ["yhat", "y", "c"]).valueExpr.latex
      == "\\log\\left(1 + \\left(\\frac{\\hat{y} - y}{c}\\right)^{2}\\right)")
    #expect(try Self.e("expm1(x) + atan(x) + sin(x)^2").valueExpr.latex == "\\operatorname{expm1}(x) + \\arctan(x) + \\sin^{2}(x)")
    #expect(try Self.e("gelu_tanh(x) + leaky_relu(x, slope=0.2)").valueExpr.latex
      == "\\operatorname{gelu\\_tanh}(x) + \\operatorname{leaky\\_relu}(x;\\, \\mathrm{slope} = 0.2)")
  }

  @Test func latexOfDerivatives() throws {
    let relu = try Self.e("max(x, 0)")
    #expect(relu.gradientExpr(0).latex == "\\begin{cases} 1 & \\text{if } x > 0 \\\\ 0 & \\text{otherwise} \\end{cases}")
    let g = try Self.e("gelu_tanh(2 * x)")
    #expect(g.gradientExpr(0).latex == "2 \\operatorname{gelu\\_tanh}'(2 x)")
    #expect(g.hessianExpr(0, 0).latex == "4 \\operatorname{gelu\\_tanh}''(2 x)")
    // or and not become rows of cases: where(x < -1 or x > 1, 1, 0)
    let w = try Self.e("where(x < -1 or not x <= 1, x^2, 0)")
    #expect(w.gradientExpr(0).latex == "\\begin{cases} 2 x & \\text{if } x < -1 \\\\ 2 x & \\text{if } x > 1 \\\\ 0 & \\text{otherwise} \\end{cases}")
  }

  /// A power of a fraction or of e^x is parenthesised: \\frac{a}{b}^{2}
  /// reads as a / b^2, and e^{x}^{2} is a double superscript (a LaTeX error).
  @Test func powerOfAFractionOrAnExponentialIsParenthesised() throws {
    #expect(try Self.e("(x / 2)^2").valueExpr.latex == "\\left(\\frac{x}{2}\\right)^{2}")
    #expect(try Self.e("((1 - x) / (1 + x))^3").valueExpr.latex == "\\left(\\frac{1 - x}{1 + x}\\right)^{3}")
    #expect(try Self.e("exp(x)^2").valueExpr.latex == "\\left(e^{x}\\right)^{2}")
    // Bases that need no parentheses keep none, and a sum keeps its own.
    #expect(try Self.e("x^2 + sqrt(x)^3").valueExpr.latex == "x^{2} + \\sqrt{x}^{3}")
    #expect(try Self.e("(1 + x)^2").valueExpr.latex == "\\left(1 + x\\right)^{2}")
    let m = try Self.e("(x / 2)^2").valueExpr.mathml
    #expect(m.hasPrefix("<msup><mrow><mo>(</mo><mfrac>"), "\(m)")
    #expect(m.hasSuffix("</mfrac><mo>)</mo></mrow><mrow><mn>2</mn></mrow></msup>"), "\(m)")
  }

  @Test func mathmlGoesThroughCore() throws {
    let m = try Self.e("sqrt(x) + atan(x)").valueExpr.mathml
    #expect(m.hasPrefix("<mrow><msqrt><mi>x</mi></msqrt><mo>+</mo><mrow><mi>arctan</mi><mo>\u{2061}</mo>"))
    #expect(try Self.e("gelu(x)").gradientExpr(0).mathml.contains("<msup><mi>gelu</mi><mo>′</mo></msup>"))
  }

  /// A derivative's plain text is in the grammar: read back, it computes the same numbers.
  @Test(arguments: ["x^3 * exp(-x)", "log1p(x^2) / (1 + abs(x))", "max(x, 0) + log1p(exp(-abs(x)))", "atan(x) * tanh(x)", "where(x > 0.5, sqrt(x + 1), x^2)"])
  func plainTextReadsBack(_ text: String) throws {
    let e = try Self.e(text)
    let d1 = try Self.e(e.plainText(e.gradient[0]))
    let d2 = try Self.e(e.plainText(e.hessian[0][0]))
    for x in [-1.7, -0.2, 0.6, 2.4] {
      let t = DoubleTrace(e, arguments: [x], parameters: []).values
      #expect(DoubleTrace(d1, arguments: [x], parameters: []).values[d1.value] == t[e.gradient[0]])
      #expect(DoubleTrace(d2, arguments: [x], parameters: []).values[d2.value] == t[e.hessian[0][0]])
    }
  }

  @Test func intervals() throws {
    func read(_ t: String) throws(ExpressionError) -> RealInterval { try IntervalText.parse(ExpressionSource(t, file: "f", line: 4, column: 14)) }
    #expect(try read("(-inf, inf)") == .realLine)
    #expect(try read("[0, 1)") == RealInterval(0, 1, lowerClosed: true, upperClosed: false))
    #expect(try read(" (0, inf) ") == RealInterval(0, .infinity, lowerClosed: false))
    #expect(try read("[2, 2]") == RealInterval(2, 2))
    func message(_ t: String) -> String? {
      do { _ = try read(t); return nil } catch { return error.headline }
    }
    #expect(message("(1, 1)") == "f:4:14: the interval (1, 1) is empty: it holds no number")
    #expect(message("[2, 1]") == "f:4:14: the interval [2, 1] is empty: it holds no number")
    #expect(message("[-inf, 0]") == "f:4:14: an infinite end is never part of the set: write '(' before -inf")
    #expect(message("(0, one)") == "f:4:18: 'one' is not a number (or -inf, inf)")
    #expect(message("0, 1") == "f:4:14: not an interval: write an interval as (a, b), [a, b], (a, b] or [a, b) with a <= b, numbers or -inf and inf")
  }
}
