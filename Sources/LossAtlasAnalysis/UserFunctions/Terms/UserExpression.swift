/// A user formula read, resolved and differentiated: the value as written,
/// its gradient in each differentiated argument and its Hessian, as nodes of
/// one shared ``TermGraph``.
///
/// Several differentiated arguments: the gradient has one entry per
/// differentiated argument (in the order given), and the Hessian is the
/// full symmetric matrix of second derivatives in them (`hessian[i][j] ==
/// hessian[j][i]`, the same node), as the catalog's gated units report
/// [[0, g'(b)], [g'(b), a g''(b)]]. A scalar view in one of them reports
/// the diagonal entry of its argument as `Jet.d2`.
public struct UserExpression: Sendable {
  public let source: ExpressionSource
  public let syntax: Syntax
  /// The argument names, in order.
  public let arguments: [String]
  /// The parameter names, in order.
  public let parameters: [String]
  /// Indices (into `arguments`) of the differentiated arguments.
  public let differentiated: [Int]
  public let graph: TermGraph
  /// The formula as written.
  public let value: TermID
  /// d value / d argument[differentiated[i]], simplified.
  public let gradient: [TermID]
  /// Second derivatives in differentiated[i] and differentiated[j].
  public let hessian: [[TermID]]

  /// Reads `source` as a formula in `arguments` and `parameters` and derives
  /// its derivatives in `differentiate` (default: the first argument).
  ///
  /// - Throws: ``ExpressionError`` at the offending text (see ``Parser`` and
  ///   ``TermBuilder`` for the errors), or when a name is not allowed.
  public init(
    _ source: ExpressionSource, arguments: [String], parameters: [String] = [], differentiate: [String]? = nil
  ) throws(ExpressionError) {
    let whole = SourceRange(0, source.text.unicodeScalars.count)
    for name in arguments + parameters {
      if let problem = UserExpression.problem(withName: name) {
        throw source.error(problem, at: whole)
      }
    }
    if let dup = UserExpression.firstDuplicate(arguments + parameters) {
      throw source.error("the name '\(dup)' is used twice among the arguments and parameters", at: whole)
    }
    let syntax = try Parser.parse(source)
    var builder = TermBuilder(source: source, arguments: arguments, parameters: parameters)
    let value = try builder.number(syntax)
    var graph = builder.graph
    if let undefined = ConstantEvaluation.firstNaN(graph) {
      let range = graph.sourceRanges[undefined] ?? whole
      throw source.error("'\(source.slice(range))' is NaN (undefined) in Double for every input: rewrite it", at: range)
    }
    let names = differentiate ?? (arguments.isEmpty ? [] : [arguments[0]])
    var indices: [Int] = []
    for name in names {
      guard let i = arguments.firstIndex(of: name) else {
        throw source.error("cannot differentiate in '\(name)': it is not an argument (\(arguments.joined(separator: ", ")))", at: whole)
      }
      if indices.contains(i) { throw source.error("'\(name)' is listed twice in differentiate", at: whole) }
      indices.append(i)
    }
    var gradient: [TermID] = []
    for i in indices {
      var d = Differentiator(graph: graph, variable: i, source: source, argumentNames: arguments)
      gradient.append(try d.derivative(value))
      graph = d.graph
    }
    var hessian = [[TermID]](repeating: [TermID](repeating: 0, count: indices.count), count: indices.count)
    for a in indices.indices {
      for b in a..<indices.count {
        var d = Differentiator(graph: graph, variable: indices[b], source: source, argumentNames: arguments)
        let h = try d.derivative(gradient[a])
        graph = d.graph
        hessian[a][b] = h
        hessian[b][a] = h
      }
    }
    self.source = source
    self.syntax = syntax
    self.arguments = arguments
    self.parameters = parameters
    self.differentiated = indices
    self.graph = graph
    self.value = value
    self.gradient = gradient
    self.hessian = hessian
  }

  /// Why `name` cannot name an argument or a parameter, or nil when it can.
  public static func problem(withName name: String) -> String? {
    guard let first = name.unicodeScalars.first,
      (first >= "a" && first <= "z") || (first >= "A" && first <= "Z") || first == "_",
      name.unicodeScalars.allSatisfy({ ($0 >= "a" && $0 <= "z") || ($0 >= "A" && $0 <= "Z") || ($0 >= "0" && $0 <= "9") || $0 == "_" })
    else {
      return "'\(name)' cannot be a name: names are letters, digits and '_', starting with a letter or '_'"
    }
    if ReservedNames.constants.contains(name) {
      return "'\(name)' is the constant \(name) and cannot name an argument or a parameter"
    }
    if ReservedNames.keywords.contains(name) {
      return "'\(name)' is a keyword and cannot name an argument or a parameter"
    }
    return nil
  }

  static func firstDuplicate(_ names: [String]) -> String? {
    var seen = Set<String>()
    for n in names where !seen.insert(n).inserted { return n }
    return nil
  }

  /// The source text a node came from (for a derivative node, that of the
  /// user's subexpression it is the derivative of), or nil.
  public func sourceText(of node: TermID) -> String? {
    if let r = graph.sourceRanges[node] { return source.slice(r) }
    if let origin = graph.derivedFrom[node], let r = graph.sourceRanges[origin] { return source.slice(r) }
    return nil
  }
}
