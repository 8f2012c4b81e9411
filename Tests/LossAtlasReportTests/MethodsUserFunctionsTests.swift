import Foundation
import LossAtlasAnalysis
import Testing

/// The methods page documents functions defined by a formula (issue 11):
/// the whole grammar and the numerical-safety analysis, with the numbers
/// the code applies (not copied: read from the constants the parser and the
/// analysis use).
@Suite struct MethodsUserFunctionsTests {
  static let pages = [ManualTests.text("markdown/methods.md"), ManualTests.text("html/methods.html")]

  @Test("the methods page has the grammar: numbers, constants, operators and precedence, functions, where, catalog calls, limits")
  func grammar() throws {
    for page in Self.pages {
      let text = try #require(page)
      #expect(text.contains("Your own functions"))
      #expect(text.contains("Grammar"))
      for word in ["pi", "inf", "-x^2", "−(x²)", "right-associative", "where(cond, a, b)", "==", "!=", "not", "and", "or"] {
        #expect(text.contains(word), "\(word)")
      }
      // Every built-in function is listed.
      for f in UnaryFunction.allCases { #expect(text.contains(f.rawValue), "\(f.rawValue)") }
      #expect(text.contains("min max"))
      // Catalog calls with _ and a named parameter.
      #expect(text.contains("gelu_tanh(x)") && text.contains("slope=0.2"))
      // The limits, from the parser's and the graph's constants.
      #expect(text.contains(Self.grouped(Parser.maximumNodes)) && text.contains(" \(Parser.maximumDepth) levels"))
      #expect(text.contains(Self.grouped(TermGraph.maximumNodes)))
      // The derivative conventions at kinks.
      #expect(text.contains("at a tie of max(a, b)") && text.contains("owns its boundary point"))
    }
  }

  @Test("the methods page has the safety analysis: wide arithmetic and why not double-double, thresholds, bisection, culprit, catalog equivalent")
  func safetyAnalysis() throws {
    for page in Self.pages {
      let text = try #require(page)
      #expect(text.contains("Numerical safety of the formula as written"))
      #expect(text.contains("ball arithmetic"))
      #expect(text.contains("double-double") && text.contains("exp(800)"))
      let precisions = SafetyCriteria.precisions
      #expect(text.contains("\(precisions[0]) to \(Self.grouped(precisions.last!)) bits"))
      #expect(text.contains("2^(2^\(SafetyCriteria.exponentBits))"))
      // 1e-6 relative and 1e-300 absolute, as the manual writes powers of ten.
      #expect(text.contains("10⁻⁶ relative") && text.contains("10⁻³⁰⁰ absolutely"))
      #expect(text.contains("bisection on representable Doubles"))
      #expect(text.contains("passing neighbour"))
      #expect(text.contains("culprit") && text.contains("cancellation") && text.contains("log of a rounded 1"))
      #expect(text.contains("log(1 + exp(x)) is softplus"))
      #expect(text.contains("evaluation-stable"))
    }
  }

  /// 10000 as the manual writes it: 10,000.
  static func grouped(_ n: Int) -> String {
    let digits = Array(String(n))
    var out = ""
    for (i, d) in digits.enumerated() {
      if i > 0 && (digits.count - i) % 3 == 0 { out += "," }
      out.append(d)
    }
    return out
  }
}
