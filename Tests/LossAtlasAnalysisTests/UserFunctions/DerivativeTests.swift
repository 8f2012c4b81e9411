import Foundation
import LossAtlasCore
import Testing

@testable import LossAtlasAnalysis

/// Symbolic derivatives against hand-derived ones: 26 expressions, first
/// and second derivatives, at several points each; the subgradient
/// conventions at kinks against the catalog's own functions; the
/// simplifier's output text.
@Suite struct DerivativeTests {
  /// An expression, its arguments, and f', f'' derived by hand (in the
  /// grammar), checked at `points` (the first argument varies; others fixed).
  struct Case: CustomStringConvertible, Sendable {
    let f: String
    let d1: String
    let d2: String
    var arguments: [String] = ["x"]
    var fixed: [Double] = []
    var points: [Double] = [-2.5, -0.7, 0.3, 1.1, 2.9]
    var description: String { f }
  }

  static let cases: [Case] = [
    Case(f: "x^2", d1: "2*x", d2: "2"),
    Case(f: "x^3 - 4*x", d1: "3*x^2 - 4", d2: "6*x"),
    Case(f: "1/x", d1: "-1/x^2", d2: "2/x^3"),
    Case(f: "exp(2*x)", d1: "2*exp(2*x)", d2: "4*exp(2*x)"),
    Case(f: "expm1(x)", d1: "exp(x)", d2: "exp(x)"),
    Case(f: "log(x^2 + 1)", d1: "2*x/(x^2 + 1)", d2: "(2 - 2*x^2)/(x^2 + 1)^2"),
    Case(f: "log1p(x^2)", d1: "2*x/(1 + x^2)", d2: "(2 - 2*x^2)/(1 + x^2)^2"),
    Case(f: "sqrt(x^2 + 4)", d1: "x/sqrt(x^2 + 4)", d2: "4/(x^2 + 4)^1.5"),
    Case(f: "sin(3*x)", d1: "3*cos(3*x)", d2: "-9*sin(3*x)"),
    Case(f: "cos(x)^2", d1: "-2*sin(x)*cos(x)", d2: "-2*cos(2*x)"),
    Case(f: "tan(x/2)", d1: "1/(2*cos(x/2)^2)", d2: "sin(x/2)/(2*cos(x/2)^3)"),
    Case(f: "tanh(x)", d1: "1 - tanh(x)^2", d2: "-2*tanh(x)*(1 - tanh(x)^2)"),
    Case(f: "sinh(x) + cosh(x)", d1: "exp(x)", d2: "exp(x)"),
    Case(f: "atan(x)", d1: "1/(1 + x^2)", d2: "-2*x/(1 + x^2)^2"),
    Case(f: "erf(x)", d1: "2/sqrt(pi)*exp(-x^2)", d2: "-4*x/sqrt(pi)*exp(-x^2)"),
    Case(f: "erfc(x/2)", d1: "-1/sqrt(pi)*exp(-x^2/4)", d2: "x/(2*sqrt(pi))*exp(-x^2/4)"),
    Case(f: "x^x", d1: "x^x*(log(x) + 1)", d2: "x^x*(log(x) + 1)^2 + x^(x - 1)", points: [0.3, 1.1, 2.9]),
    Case(f: "2^x", d1: "2^x*log(2)", d2: "2^x*log(2)^2"),
    Case(f: "abs(x)^3", d1: "3*x*abs(x)", d2: "6*abs(x)"),
    Case(f: "x * sigmoid(1.702 * x)", d1: "sigmoid(1.702*x) + 1.702*x*sigmoid(1.702*x)*(1 - sigmoid(1.702*x))",
         d2: "1.702*sigmoid(1.702*x)*(1 - sigmoid(1.702*x))*(2 + 1.702*x*(1 - 2*sigmoid(1.702*x)))"),
    Case(f: "log(1 + ((yhat - y)/c)^2)", d1: "2*(yhat - y)/(c^2 + (yhat - y)^2)",
         d2: "2*(c^2 - (yhat - y)^2)/(c^2 + (yhat - y)^2)^2", arguments: ["yhat", "y", "c"], fixed: [0, 0.5, 1.5]),
    Case(f: "where(x > 1, x^2, 2*x - 1)", d1: "where(x > 1, 2*x, 2)", d2: "where(x > 1, 2, 0)", points: [-1, 0.5, 1, 1.5, 3]),
    Case(f: "max(x^2, 1)", d1: "where(abs(x) > 1, 2*x, 0)", d2: "where(abs(x) > 1, 2, 0)", points: [-2, -0.5, 0.5, 2]),
    Case(f: "min(x, 0)^2", d1: "where(x < 0, 2*x, 0)", d2: "where(x < 0, 2, 0)"),
    Case(f: "softplus(2*x)", d1: "2*sigmoid(2*x)", d2: "4*sigmoid(2*x)*sigmoid(-2*x)"),
    Case(f: "x * tanh(log1p(exp(x)))", d1: "tanh(log1p(exp(x))) + x*sigmoid(x)*(1 - tanh(log1p(exp(x)))^2)",
         d2: "sigmoid(x)*(1 - tanh(log1p(exp(x)))^2)*(2 + x*sigmoid(-x) - 2*x*sigmoid(x)*tanh(log1p(exp(x))))"),
    Case(f: "hinge(x, -1) * x", d1: "max(0, 1 + x) + where(x > -1, x, 0)", d2: "where(x > -1, 2, 0)"),
  ]

  static func evaluate(_ text: String, _ c: Case, _ x: Double) throws -> Double {
    let e = try UserExpression(ExpressionSource(text, file: "hand"), arguments: c.arguments)
    var args = c.fixed.isEmpty ? [Double](repeating: 0, count: c.arguments.count) : c.fixed
    args[0] = x
    return DoubleTrace(e, arguments: args, parameters: []).values[e.value]
  }

  /// Equal to 1e-12 relative (or 1e-12 absolute near 0): the two sides
  /// compute the same number by different roundings, a few ulps apart.
  static func close(_ a: Double, _ b: Double) -> Bool {
    Swift.abs(a - b) <= 1e-12 * Swift.max(1, Swift.abs(a), Swift.abs(b))
  }

  @Test func atLeastTwentyExpressions() { #expect(Self.cases.count >= 20) }

  @Test(arguments: cases)
  func matchesHandDerivation(_ c: Case) throws {
    let e = try UserExpression(ExpressionSource(c.f, file: "t"), arguments: c.arguments)
    for x in c.points {
      var args = c.fixed.isEmpty ? [Double](repeating: 0, count: c.arguments.count) : c.fixed
      args[0] = x
      let trace = DoubleTrace(e, arguments: args, parameters: []).values
      let d1 = try Self.evaluate(c.d1, c, x)
      let d2 = try Self.evaluate(c.d2, c, x)
      #expect(Self.close(trace[e.gradient[0]], d1), "\(c.f)' at \(x): \(trace[e.gradient[0]]) vs \(d1)")
      #expect(Self.close(trace[e.hessian[0][0]], d2), "\(c.f)'' at \(x): \(trace[e.hessian[0][0]]) vs \(d2)")
      // The compiled program computes the same numbers as the reference interpreter, bit for bit.
      let program = e.viewProgram(parameters: [], arguments: args, differentiatedIndex: 0)
      let jet = program.jet(x)
      #expect(jet.value.bitPattern == trace[e.value].bitPattern && jet.d1.bitPattern == trace[e.gradient[0]].bitPattern
        && jet.d2.bitPattern == trace[e.hessian[0][0]].bitPattern, "program vs trace for \(c.f) at \(x)")
    }
  }

  // MARK: - Kinks: the catalog's conventions

  static func jet(_ text: String, _ args: [String] = ["x"], _ fixed: [Double] = [0], at x: Double) throws -> Jet {
    let e = try UserExpression(ExpressionSource(text, file: "t"), arguments: args)
    var a = fixed
    a[0] = x
    return e.viewProgram(parameters: [], arguments: a, differentiatedIndex: 0).jet(x)
  }

  static func catalog(_ id: String, view: Int = 0, at x: Double) throws -> Jet {
    let spec = try Catalog.function(named: id)
    return spec.views(spec.defaultParameters)[view].evaluate(x)
  }

  @Test func absAndSignAtZero() throws {
    #expect(try Self.jet("abs(x)", at: 0) == Jet(value: 0, d1: 0, d2: 0))  // abs'(0) = 0, as mae
    #expect(try Self.jet("sign(x)", at: 0).d1 == 0)
    #expect(try Self.jet("abs(x)", at: -2).d1 == -1)
    // mae written by hand equals the catalog's mae at r = 0.
    #expect(try Self.jet("abs(yhat - y)", ["yhat", "y"], [0, 0], at: 0).d1 == (try Self.catalog("mae", at: 0)).d1)
  }

  @Test func maxAndMinAtTiesMatchTheCatalog() throws {
    // relu'(0) = 0
    #expect(try Self.jet("max(x, 0)", at: 0).d1 == (try Self.catalog("relu", at: 0)).d1)
    #expect(try Self.jet("max(0, x)", at: 0).d1 == 0)
    // hinge at y s = 1 (view y = +1): 0
    #expect(try Self.jet("max(0, 1 - y * s)", ["s", "y"], [0, 1], at: 1).d1 == (try Self.catalog("hinge", at: 1)).d1)
    // hard-tanh's corners
    for x in [-1.0, 1.0] {
      #expect(try Self.jet("min(max(x, -1), 1)", at: x).d1 == (try Self.catalog("hard-tanh", at: x)).d1)
    }
    // relu6 at 0 and 6
    for x in [0.0, 6.0] {
      #expect(try Self.jet("min(max(0, x), 6)", at: x).d1 == (try Self.catalog("relu6", at: x)).d1)
    }
    // Tied derivatives of one sign: the smaller in magnitude (max(x, 2x) at 0 -> 1; min(-x, -3x) -> -1).
    #expect(try Self.jet("max(x, 2*x)", at: 0).d1 == 1)
    #expect(try Self.jet("min(-x, -3*x)", at: 0).d1 == -1)
    // Identical operands: the common derivative.
    #expect(try Self.jet("max(x^2, x^2)", at: 1.5).d1 == 3)
    // Opposite signs: 0 (abs written as max).
    #expect(try Self.jet("max(x, -x)", at: 0).d1 == 0)
  }

  @Test func whereBoundaryBelongsToTheSelectedBranch() throws {
    // x > 1 is false at 1: the second branch (2x - 1) owns it, f' = 2, f'' = 0.
    #expect(try Self.jet("where(x > 1, x^2, 2*x - 1)", at: 1) == Jet(value: 1, d1: 2, d2: 0))
    #expect(try Self.jet("where(x >= 1, x^2, 2*x - 1)", at: 1) == Jet(value: 1, d1: 2, d2: 2))
    // leaky-relu by hand: x if x >= 0 else a x, with f'(0) = the catalog's (slope, since 0 > 0 is false).
    let hand = try Self.jet("where(x > 0, x, 0.01 * x)", at: 0)
    #expect(hand.d1 == (try Self.catalog("leaky-relu", at: 0)).d1)
  }

  @Test func catalogCallsUseTheCatalogsDerivatives() throws {
    // d/dx gelu_tanh(2x) = 2 gelu_tanh'(2x); d2 = 4 gelu_tanh''(2x)
    for x in [-1.3, 0.4, 2.2] {
      let g = try Self.catalog("gelu-tanh", at: 2 * x)
      let j = try Self.jet("gelu_tanh(2*x)", at: x)
      #expect(j.value == g.value && j.d1 == 2 * g.d1 && j.d2 == 4 * g.d2)
    }
    // hinge(s, y) with y fixed: the catalog's s-derivative.
    let h = try Self.jet("hinge(s, y)", ["s", "y"], [0, -1], at: 0.5)
    #expect(h.d1 == (try Self.catalog("hinge", view: 1, at: 0.5)).d1)
  }

  @Test func catalogCallInANonDifferentiableArgumentIsRefused() {
    #expect(throws: ExpressionError.self) {
      _ = try UserExpression(ExpressionSource("hinge(1, x)", file: "t"), arguments: ["x"])
    }
    do {
      _ = try UserExpression(ExpressionSource("hinge(1, x)", file: "t"), arguments: ["x"])
    } catch {
      #expect(error.message == "hinge is differentiated only in s; its argument y must not depend on x")
    }
  }

  // MARK: - The simplifier's output

  static func texts(_ f: String, _ args: [String] = ["x"]) throws -> (String, String) {
    let e = try UserExpression(ExpressionSource(f, file: "t"), arguments: args)
    return (e.plainText(e.gradient[0]), e.plainText(e.hessian[0][0]))
  }

  @Test func simplifiedText() throws {
    #expect(try Self.texts("x^2") == ("2 * x", "2"))
    #expect(try Self.texts("x^3") == ("3 * x^2", "6 * x"))
    #expect(try Self.texts("3 * x + 0") == ("3", "0"))
    #expect(try Self.texts("x * 1") == ("1", "0"))
    #expect(try Self.texts("exp(2 * x)") == ("2 * exp(2 * x)", "4 * exp(2 * x)"))
    #expect(try Self.texts("log(x)") == ("1 / x", "-(1 / x^2)"))
    #expect(try Self.texts("max(x, 0)") == ("where(x > 0, 1, 0)", "0"))
    #expect(try Self.texts("abs(x)") == ("sign(x)", "0"))
    #expect(try Self.texts("-(-x)") == ("1", "0"))
    #expect(try Self.texts("gelu_tanh(x)") == ("gelu_tanh'(x)", "gelu_tanh''(x)"))
    #expect(try Self.texts("leaky_relu(2 * x, slope=0.2)") == ("2 * leaky_relu'(2 * x, slope=0.2)", "4 * leaky_relu''(2 * x, slope=0.2)"))
  }

  /// No `0 *`, `1 *`, `+ 0`, `x^1` or double negation in any derivative.
  @Test(arguments: cases)
  func noTrivialTermsLeft(_ c: Case) throws {
    let e = try UserExpression(ExpressionSource(c.f, file: "t"), arguments: c.arguments)
    for node in [e.gradient[0], e.hessian[0][0]] {
      for n in e.graph.topologicalOrder([node]) {
        let op = e.graph[n].op
        let kids = e.graph[n].children
        switch op {
        case .multiply: #expect(!kids.contains { e.graph.isConstant($0, 0) || e.graph.isConstant($0, 1) })
        case .add, .subtract: #expect(!kids.contains { e.graph.isConstant($0, 0) })
        case .power: #expect(!e.graph.isConstant(kids[1], 1))
        case .negate: #expect(e.graph[kids[0]].op != .negate)
        default: break
        }
      }
    }
  }

  @Test func severalDifferentiatedArgumentsGiveTheHessian() throws {
    // f = a * tanh(b): gradient [tanh b, a sech^2 b], Hessian [[0, sech^2 b], [sech^2 b, -2 a tanh b sech^2 b]].
    let e = try UserExpression(ExpressionSource("a * tanh(b)", file: "t"), arguments: ["a", "b"], differentiate: ["a", "b"])
    let (a, b) = (1.5, 0.7)
    let t = DoubleTrace(e, arguments: [a, b], parameters: []).values
    let sech2 = 1 / (cosh(b) * cosh(b))
    #expect(Self.close(t[e.gradient[0]], tanh(b)) && Self.close(t[e.gradient[1]], a * sech2))
    #expect(t[e.hessian[0][0]] == 0)
    #expect(Self.close(t[e.hessian[0][1]], sech2) && e.hessian[0][1] == e.hessian[1][0])
    #expect(Self.close(t[e.hessian[1][1]], -2 * a * tanh(b) * sech2))
  }
}
