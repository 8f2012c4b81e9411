import Foundation
import LossAtlasCore
import Testing

@testable import LossAtlasAnalysis

/// The grammar of issue 11: precedence, numbers, names, calls, and every
/// error with its FILE:LINE:COLUMN, message and caret.
@Suite struct ParserTests {
  static func value(_ text: String, _ args: [String] = ["x"], at x: [Double] = [3], params: [String] = [], p: [Double] = [])
    throws -> Double
  {
    let e = try UserExpression(ExpressionSource(text, file: "t"), arguments: args, parameters: params)
    return DoubleTrace(e, arguments: x, parameters: p).values[e.value]
  }

  static func error(_ text: String, _ args: [String] = ["x"], params: [String] = [], line: Int = 1, column: Int = 1) -> ExpressionError? {
    do {
      _ = try UserExpression(ExpressionSource(text, file: "f.yaml", line: line, column: column), arguments: args, parameters: params)
      return nil
    } catch {
      return error
    }
  }

  // MARK: - Precedence (hand-evaluated)

  @Test func powerBindsTighterThanUnaryMinus() throws {
    #expect(try Self.value("-x^2") == -9)  // -(3^2)
    #expect(try Self.value("(-x)^2") == 9)
    #expect(try Self.value("-2^2") == -4)
    #expect(try Self.value("2^3^2") == 512)  // 2^(3^2), right-associative
    #expect(try Self.value("2^-1") == 0.5)  // a signed exponent
    #expect(try Self.value("2^-x^2") == 0x1p-9)  // 2^(-(3^2))
    #expect(try Self.value("1 - x - 1") == -3)  // left-associative
    #expect(try Self.value("12 / x / 2") == 2)
    #expect(try Self.value("1 + 2 * x ^ 2") == 19)
    #expect(try Self.value("--x") == 3)
    #expect(try Self.value("+x") == 3)
  }

  @Test func numbersAndConstants() throws {
    #expect(try Self.value("1e-3 * 1000") == 1)
    #expect(try Self.value(".5 + 2.") == 2.5)
    #expect(try Self.value("6.02E+23") == 6.02e23)
    #expect(try Self.value("pi") == Double.pi)
    #expect(try Self.value("e") == M_E)
    #expect(try Self.value("min(x, inf)") == 3)
    #expect(try Self.value("where(-inf < x and x < inf, 1, 0)") == 1)
  }

  @Test func conditionsAndWhere() throws {
    #expect(try Self.value("where(x > 2 and not x == 4, 1, 0)") == 1)
    #expect(try Self.value("where(x < 2 or x != 3, 1, 0)") == 0)
    #expect(try Self.value("where(x >= 3, 1, 0) + where(x <= 3, 10, 0)") == 11)
    #expect(try Self.value("where(not (x > 2), 1, 0)") == 0)
  }

  @Test func builtinsAndCatalogCalls() throws {
    #expect(try Self.value("max(1, x, 2)") == 3)
    #expect(try Self.value("min(4, x, 5)") == 3)
    #expect(try Self.value("leaky_relu(-x)") == -0.03)  // default slope 0.01
    #expect(try Self.value("leaky_relu(-x, slope=0.2)") == -0.6000000000000001)  // the catalog computes 0.2 * -3
    #expect(try Self.value("hinge(x, 1)") == 0)
    #expect(try Self.value("hinge(s=x, y=-1)") == 4)  // arguments by name
    #expect(try Self.value("mse(yhat, y)", ["yhat", "y"], at: [3, 1]) == 4)
    #expect(try Self.value("swish(x)") == (try Catalog.function(named: "silu")).primaryView.evaluate(3).value)  // an alias
  }

  // MARK: - Errors

  @Test func errorPointsAtColumnWithCaret() {
    let e = Self.error("log(1 + expp(x))", line: 7, column: 12)!
    #expect(e.headline == "f.yaml:7:20: unknown function 'expp'; did you mean 'exp' or 'expit' or 'expm1'?")
    #expect(e.description == "f.yaml:7:20: unknown function 'expp'; did you mean 'exp' or 'expit' or 'expm1'?\n    " + String(repeating: " ", count: 11) + "log(1 + expp(x))\n    " + String(repeating: " ", count: 19) + "^~~~")
  }

  @Test func unknownNameSuggestsClosest() {
    let e = Self.error("yhatt - y", ["yhat", "y"])!
    #expect(e.message == "unknown name 'yhatt': not an argument (yhat, y), a parameter (none) or a constant (pi, e, inf); did you mean 'yhat'?")
    #expect(e.column == 1 && e.caretWidth == 5)
  }

  @Test func arityErrors() {
    #expect(Self.error("exp(x, 2)")!.message == "exp takes 1 argument, got 2")
    #expect(Self.error("max(x)")!.message == "max takes 2 or more arguments, got 1")
    #expect(Self.error("where(x > 0, 1)")!.message == "where takes 3 arguments: where(condition, value if true, value if false), got 2")
    #expect(Self.error("gelu_tanh(x, x)")!.message.hasPrefix("gelu_tanh takes 1 argument (x), got more"))
    #expect(Self.error("hinge(x)")!.message == "hinge takes 2 arguments (s, y); y is missing: hinge(s, y)")
    #expect(Self.error("exp(x=1)")!.message == "exp() takes no named arguments")
  }

  @Test func parametersOfCatalogCalls() {
    let twice = Self.error("leaky_relu(x, slope=0.1, slope=0.2)")!
    #expect(twice.message == "parameter slope of leaky_relu is given twice")
    #expect(twice.column == 26)
    #expect(Self.error("leaky_relu(x, slop=0.1)")!.message == "leaky_relu has no parameter or argument 'slop'; it is leaky_relu(x, slope=...); did you mean 'slope'?")
    #expect(Self.error("leaky_relu(x, slope=-1)")!.message == "parameter slope = -1.0 of leaky_relu is outside its range: allowed [0, inf)")
    #expect(Self.error("leaky_relu(x, slope=x)")!.message.hasPrefix("parameter slope of leaky_relu must not depend on the arguments (x)"))
    #expect(Self.error("cross_entropy(x)")!.message == "unknown function 'cross_entropy': cross-entropy takes vector or class-index arguments; only scalar catalog functions can be called")
  }

  @Test func divisionByConstantZero() {
    let e = Self.error("x / (1 - 1)")!
    #expect(e.message == "division by zero: '(1 - 1)' is 0 for every input")
    #expect(e.column == 5)
    #expect(Self.error("x / 0")!.message == "division by zero: '0' is 0 for every input")
    // A parameter may be 0 only if its range allows it: not a constant zero.
    #expect(Self.error("x / c", params: ["c"]) == nil)
  }

  @Test func syntaxErrors() {
    #expect(Self.error("x ** 2")!.message == "'**' is not an operator here; write powers with '^' (x^2)")
    #expect(Self.error("2x")!.message == "a number cannot be followed by a name; write the product with '*' (2*x, not 2x)")
    #expect(Self.error("(x) (x)")!.message == "expected an operator before '('; write products with '*'")
    #expect(Self.error("x (x)")!.message == "x is an argument, not a function; write products with '*': x*(...)")
    #expect(Self.error("0 < x < 1")!.message == "comparisons do not chain; write 'a < b and b < c' instead of 'a < b < c'")
    #expect(Self.error("(x + 1")!.message == "unexpected the end of the expression; expected ')' to close the '(' at column 1")
    #expect(Self.error("x +")!.message == "the expression ends where a value is expected")
    #expect(Self.error("")!.message == "the expression is empty")
    #expect(Self.error("x = 1")!.message == "unexpected '='; write '==' to compare (a single '=' names a parameter in a call)")
    #expect(Self.error("x & 1")!.message == "unexpected '&'; write 'and' and 'or'")
    #expect(Self.error("1e400")!.message == "the number 1e400 is larger than any Double; write inf for infinity")
    #expect(Self.error("1e-400")!.message == "the number 1e-400 is smaller than any nonzero Double (it would read as 0)")
    #expect(Self.error("x > 0")!.message.hasPrefix("a condition (a comparison, 'and', 'or', 'not') gives true or false"))
    #expect(Self.error("where(x, 1, 0)")!.message == "expected a condition here (a comparison such as x > 0, combined with and, or, not)")
    #expect(Self.error("x(2)")!.message == "x is an argument, not a function; write products with '*': x*(...)")
    #expect(Self.error("exp")!.message == "exp is a function; call it with its arguments, exp(...)")
  }

  @Test func namesThatCannotBeArguments() {
    #expect(Self.error("x", ["e"])!.message == "'e' is the constant e and cannot name an argument or a parameter")
    #expect(Self.error("x", ["x", "and"])!.message == "'and' is a keyword and cannot name an argument or a parameter")
    #expect(Self.error("x", ["x", "x"])!.message == "the name 'x' is used twice among the arguments and parameters")
    #expect(Self.error("x", ["2x"])!.message.hasPrefix("'2x' cannot be a name"))
  }

  @Test func limits() {
    // Depth: 201 nested parentheses, or a chain of 200 additions (201 levels).
    let deep = String(repeating: "(", count: 201) + "x" + String(repeating: ")", count: 201)
    #expect(Self.error(deep)!.message.hasPrefix("the expression is nested more than 200 levels deep"))
    let chain = Array(repeating: "x", count: 201).joined(separator: "+")
    #expect(Self.error(chain)!.message.hasPrefix("the expression is nested more than 200 levels deep"))
    #expect(Self.error(Array(repeating: "x", count: 100).joined(separator: "+")) == nil)
    // Size: a balanced sum of 4,096 x's is 12,286 nodes (leaves, sums and
    // parentheses), too many; of 2,048 x's, 6,142 nodes, 23 levels: fine.
    func balanced(_ n: Int) -> String { n == 1 ? "x" : "(" + balanced(n / 2) + "+" + balanced(n / 2) + ")" }
    #expect(Self.error(balanced(4096))!.message == "the expression has more than 10000 nodes")
    #expect(Self.error(balanced(2048)) == nil)
  }

  // MARK: - YAML positions

  @Test func yamlDoubleQuotedWithEscapes() {
    let file = "functions:\n  - id: f\n    value: \"log(1 + \\\"q\\\" + expp(x))\"\n"
    // Column of 'e' of expp in the file: `    value: "` is 12 columns, then log(1 + \"q\" + = 16 raw characters.
    let source = ExpressionSource.yamlScalar(
      "log(1 + \"q\" + expp(x))", file: "f.yaml", fileText: file, line: 3, column: 12, style: .doubleQuoted)
    let e = source.error("x", at: SourceRange(14, 18))
    #expect(e.line == 3 && e.column == 29)
    #expect(e.sourceLine == "    value: \"log(1 + \\\"q\\\" + expp(x))\"")
  }

  @Test func yamlSingleQuotedAndPlain() {
    let file = "a:\n  value: 'it''s(x)'\n  other: log(x +\n    expp(x))\n"
    let single = ExpressionSource.yamlScalar("it's(x)", file: "f", fileText: file, line: 2, column: 10, style: .singleQuoted)
    #expect(single.position(4) == SourcePosition(line: 2, column: 16))  // '(' after the doubled quote
    // A plain scalar folded over two lines: "log(x + expp(x))".
    let plain = ExpressionSource.yamlScalar("log(x + expp(x))", file: "f", fileText: file, line: 3, column: 10, style: .plain)
    #expect(plain.position(8) == SourcePosition(line: 4, column: 5))
    #expect(plain.error("m", at: SourceRange(8, 12)).sourceLine == "    expp(x))")
  }

  @Test func yamlBlockScalar() {
    let file = "value: |\n  exp(x)\n  + 1\n"
    let s = ExpressionSource.yamlScalar("exp(x)\n+ 1\n", file: "f", fileText: file, line: 1, column: 8, style: .block)
    #expect(s.position(0) == SourcePosition(line: 2, column: 3))
    #expect(s.position(7) == SourcePosition(line: 3, column: 3))
  }
}
