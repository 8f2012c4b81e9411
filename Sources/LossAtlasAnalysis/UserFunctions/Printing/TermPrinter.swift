import Foundation
import LossAtlasCore

/// Prints nodes of a user expression: as Core's `Expr` (so the manual's
/// LaTeX and MathML printers print user formulas exactly as they print the
/// catalog's) and as plain text in the grammar's own syntax.
///
/// - where(c, a, b) prints as cases: a if c, b otherwise; nested where()s
///   in the second branch become further rows, and a condition with `or`
///   or `not` becomes one row per alternative (negations pushed into the
///   comparisons), since a cases row lists a conjunction.
/// - A catalog call prints by its name in the grammar; its derivative in
///   the prediction argument with primes, gelu'(u) and gelu''(u), and in
///   another argument as a partial derivative (∂_var f). Parameters given
///   in the call print after a semicolon: leaky_relu(x; slope = 0.2).
struct TermPrinter {
  let expression: UserExpression
  var graph: TermGraph { expression.graph }

  // MARK: - Expr (LaTeX, MathML)

  func expr(_ n: TermID) -> Expr {
    let node = graph[n]
    let c = node.children
    switch node.op {
    case .constant(let v): return .number(v)
    case .literal(let text): return .decimal(text)
    case .pi: return .pi
    case .euler: return .constant(Symbol("e", latex: "e", mathml: "<mi>e</mi>"), M_E)
    case .infinity: return .number(.infinity)
    case .boolean(let b): return .symbol(Symbol(b ? "true" : "false", latex: "\\text{\(b)}", mathml: "<mtext>\(b)</mtext>"))
    case .argument(let i): return .symbol(UserSymbols.symbol(expression.arguments[i]))
    case .parameter(let i): return .symbol(UserSymbols.symbol(expression.parameters[i]))
    case .add: return .sum(terms(n))
    case .subtract: return .difference(expr(c[0]), expr(c[1]))
    case .multiply: return .product(factors(n))
    case .divide: return .fraction(expr(c[0]), expr(c[1]))
    case .negate: return .negate(expr(c[0]))
    case .power: return .power(expr(c[0]), expr(c[1]))
    case .function(let f): return .apply(TermPrinter.mathFunction(f), [expr(c[0])])
    case .minimum: return .apply(.min, [expr(c[0]), expr(c[1])])
    case .maximum: return .apply(.max, [expr(c[0]), expr(c[1])])
    case .select:
      return .cases(rows(n))
    case .compare, .and, .or, .not:
      // A condition outside where() (only in tests): its first row's text.
      return .indicator(dnf(n).first.map { Condition.and($0) } ?? .otherwise)
    case .catalog(let k, let output):
      return catalogExpr(k, output, c)
    }
  }

  /// The rows of nested where()s: (value, condition) pairs, the last `otherwise`.
  private func rows(_ n: TermID) -> [(Expr, Condition)] {
    var out: [(Expr, Condition)] = []
    var current = n
    while case .select = graph[current].op, out.count < 64 {
      let c = graph[current].children
      let alternatives = dnf(c[0])
      for conj in alternatives {
        out.append((expr(c[1]), conj.count == 1 ? conj[0] : .and(conj)))
      }
      current = c[2]
    }
    out.append((expr(current), .otherwise))
    return out
  }

  /// A condition as a disjunction of conjunctions of comparisons
  /// (negations pushed into the comparisons), at most 16 alternatives.
  private func dnf(_ n: TermID, negated: Bool = false) -> [[Condition]] {
    let node = graph[n]
    let c = node.children
    switch node.op {
    case .compare(let op):
      let a = expr(c[0])
      let b = expr(c[1])
      let cmp = negated ? TermPrinter.negation(op) : op
      switch cmp {
      case .less: return [[.less(a, b)]]
      case .lessOrEqual: return [[.lessOrEqual(a, b)]]
      case .greater: return [[.greater(a, b)]]
      case .greaterOrEqual: return [[.greaterOrEqual(a, b)]]
      case .equal: return [[.equal(a, b)]]
      case .notEqual: return [[.notEqual(a, b)]]
      }
    case .not:
      return dnf(c[0], negated: !negated)
    case .and where !negated, .or where negated:
      let l = dnf(c[0], negated: negated)
      let r = dnf(c[1], negated: negated)
      var out: [[Condition]] = []
      for x in l { for y in r where out.count < 16 { out.append(x + y) } }
      return out
    case .or, .and:
      return Array((dnf(c[0], negated: negated) + dnf(c[1], negated: negated)).prefix(16))
    case .boolean(let b):
      let v = b != negated
      return [[v ? .equal(.number(0), .number(0)) : .notEqual(.number(0), .number(0))]]
    default:
      return [[.notEqual(expr(n), .number(0))]]
    }
  }

  static func negation(_ op: Comparison) -> Comparison {
    switch op {
    case .less: return .greaterOrEqual
    case .lessOrEqual: return .greater
    case .greater: return .lessOrEqual
    case .greaterOrEqual: return .less
    case .equal: return .notEqual
    case .notEqual: return .equal
    }
  }

  private func terms(_ n: TermID) -> [Expr] {
    if case .add = graph[n].op { return terms(graph[n].children[0]) + [expr(graph[n].children[1])] }
    return [expr(n)]
  }

  private func factors(_ n: TermID) -> [Expr] {
    if case .multiply = graph[n].op { return factors(graph[n].children[0]) + factors(graph[n].children[1]) }
    return [expr(n)]
  }

  private func catalogExpr(_ k: Int, _ output: CatalogOutput, _ children: [TermID]) -> Expr {
    let callee = graph.callees[k]
    let count = callee.argumentNames.count
    let args = children.prefix(count).map { expr($0) }
    let params = explicitParameters(callee, children)
    let name = UserSymbols.latexEscaped(callee.callName)
    var latexArgs = args.map(\.latex).joined(separator: ", ")
    var mathmlArgs = args.map(\.mathml).joined(separator: "<mo>,</mo>")
    if !params.isEmpty {
      latexArgs += ";\\, " + params.map { "\\mathrm{\(UserSymbols.latexEscaped($0.name))} = \(expr($0.node).latex)" }.joined(separator: ", ")
      mathmlArgs += "<mo>;</mo>" + params.map { "<mi>\($0.name)</mi><mo>=</mo>\(expr($0.node).mathml)" }.joined(separator: "<mo>,</mo>")
    }
    let tall = latexArgs.contains("\\frac")
    let open = tall ? "\\left(" : "("
    let close = tall ? "\\right)" : ")"
    let (latexName, mathmlName, plainName): (String, String, String)
    switch output {
    case .value:
      (latexName, mathmlName, plainName) = ("\\operatorname{\(name)}", "<mi>\(callee.callName)</mi>", callee.callName)
    case .gradient(let i) where i == callee.predictionPosition:
      (latexName, mathmlName, plainName) = (
        "\\operatorname{\(name)}'", "<msup><mi>\(callee.callName)</mi><mo>′</mo></msup>", callee.callName + "'"
      )
    case .hessian:
      (latexName, mathmlName, plainName) = (
        "\\operatorname{\(name)}''", "<msup><mi>\(callee.callName)</mi><mo>″</mo></msup>", callee.callName + "''"
      )
    case .gradient(let i):
      let v = callee.argumentNames[i]
      (latexName, mathmlName, plainName) = (
        "\\partial_{\(UserSymbols.latexEscaped(v))} \\operatorname{\(name)}",
        "<msub><mo>∂</mo><mi>\(v)</mi></msub><mi>\(callee.callName)</mi>", "d_\(v) " + callee.callName
      )
    }
    let latex = "\(latexName)\(open)\(latexArgs)\(close)"
    let mathml = "<mrow>\(mathmlName)<mo>\u{2061}</mo><mrow><mo>(</mo>\(mathmlArgs)<mo>)</mo></mrow></mrow>"
    return .symbol(Symbol("\(plainName)(...)", latex: latex, mathml: mathml))
  }

  /// Parameters of a call that differ from the catalog default (or are not constants).
  private func explicitParameters(_ callee: CatalogCallee, _ children: [TermID]) -> [(name: String, node: TermID)] {
    let count = callee.argumentNames.count
    var out: [(name: String, node: TermID)] = []
    for (i, p) in callee.spec.parameters.enumerated() {
      let node = children[count + i]
      if graph.constantValue(node) == p.defaultValue { continue }
      out.append((p.name, node))
    }
    return out
  }

  static func mathFunction(_ f: UnaryFunction) -> MathFunction {
    switch f {
    case .exp: return .exp
    case .expm1: return .expm1
    case .log: return .log
    case .log1p: return .log1p
    case .sqrt: return .sqrt
    case .abs: return .abs
    case .sign: return .sign
    case .sin: return .sin
    case .cos: return .cos
    case .tan: return .tan
    case .tanh: return .tanh
    case .sinh: return .sinh
    case .cosh: return .cosh
    case .atan: return .atan
    case .erf: return .erf
    case .erfc: return .erfc
    }
  }

  // MARK: - Plain text

  /// The node in the grammar's own syntax, with the fewest parentheses
  /// (catalog derivatives as gelu'(u), which the grammar does not read).
  func plain(_ n: TermID) -> String { ranked(n).text }

  private func ranked(_ n: TermID) -> (text: String, precedence: Int) {
    let node = graph[n]
    let c = node.children
    func wrap(_ child: TermID, _ needed: Int) -> String {
      let p = ranked(child)
      return p.precedence < needed ? "(\(p.text))" : p.text
    }
    switch node.op {
    case .constant(let v):
      let t = v == .infinity ? "inf" : (v == -.infinity ? "-inf" : formatBound(v))
      return (t, v < 0 ? 7 : 9)
    case .literal(let text): return (text, 9)
    case .pi: return ("pi", 9)
    case .euler: return ("e", 9)
    case .infinity: return ("inf", 9)
    case .boolean(let b): return (b ? "(0 == 0)" : "(0 != 0)", 9)
    case .argument(let i): return (expression.arguments[i], 9)
    case .parameter(let i): return (expression.parameters[i], 9)
    case .add: return ("\(wrap(c[0], 5)) + \(wrap(c[1], 6))", 5)
    case .subtract: return ("\(wrap(c[0], 5)) - \(wrap(c[1], 6))", 5)
    case .multiply: return ("\(wrap(c[0], 6)) * \(wrap(c[1], 7))", 6)
    case .divide: return ("\(wrap(c[0], 6)) / \(wrap(c[1], 7))", 6)
    case .negate: return ("-\(wrap(c[0], 7))", 7)
    case .power:
      let exponent = ranked(c[1])
      let e = exponent.precedence >= 7 ? exponent.text : "(\(exponent.text))"
      return ("\(wrap(c[0], 9))^\(e)", 8)
    case .function(let f): return ("\(f.rawValue)(\(ranked(c[0]).text))", 9)
    case .minimum: return ("min(\(ranked(c[0]).text), \(ranked(c[1]).text))", 9)
    case .maximum: return ("max(\(ranked(c[0]).text), \(ranked(c[1]).text))", 9)
    case .select: return ("where(\(ranked(c[0]).text), \(ranked(c[1]).text), \(ranked(c[2]).text))", 9)
    case .compare(let op): return ("\(wrap(c[0], 5)) \(op.rawValue) \(wrap(c[1], 5))", 4)
    case .and: return ("\(wrap(c[0], 2)) and \(wrap(c[1], 3))", 2)
    case .or: return ("\(wrap(c[0], 1)) or \(wrap(c[1], 2))", 1)
    case .not: return ("not \(wrap(c[0], 3))", 3)
    case .catalog(let k, let output):
      let callee = graph.callees[k]
      let count = callee.argumentNames.count
      var args = c.prefix(count).map { ranked($0).text }
      args += explicitParameters(callee, c).map { "\($0.name)=\(ranked($0.node).text)" }
      let name: String
      switch output {
      case .value: name = callee.callName
      case .gradient(let i) where i == callee.predictionPosition: name = callee.callName + "'"
      case .gradient(let i): name = "d_\(callee.argumentNames[i]) " + callee.callName
      case .hessian: name = callee.callName + "''"
      }
      return ("\(name)(\(args.joined(separator: ", ")))", 9)
    }
  }
}

extension UserExpression {
  /// The formula as written, as Core's `Expr` (LaTeX: `.latex`, MathML: `.mathml`).
  public var valueExpr: Expr { TermPrinter(expression: self).expr(value) }
  /// The derivative in the i-th differentiated argument, as `Expr`.
  public func gradientExpr(_ i: Int) -> Expr { TermPrinter(expression: self).expr(gradient[i]) }
  /// The second derivative in differentiated arguments i and j, as `Expr`.
  public func hessianExpr(_ i: Int, _ j: Int) -> Expr { TermPrinter(expression: self).expr(hessian[i][j]) }
  /// Any node as plain text in the grammar's syntax.
  public func plainText(_ node: TermID) -> String { TermPrinter(expression: self).plain(node) }
}
