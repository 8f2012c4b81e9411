import LossAtlasCore

/// Gives a parsed expression its meaning: each name becomes an argument, a
/// parameter, a constant or a function, and the formula becomes nodes of a
/// ``TermGraph`` kept exactly as written (no simplification), each with the
/// source range it came from.
///
/// Errors (each at the offending text): a name that is neither an argument,
/// a parameter, a constant nor a function (with the closest names); a call
/// with the wrong number of arguments; a parameter or argument given twice;
/// a catalog parameter that depends on the arguments; a condition used as a
/// number or a number as a condition; a division by a constant zero.
struct TermBuilder {
  let source: ExpressionSource
  let arguments: [String]
  let parameters: [String]
  var graph: TermGraph

  init(source: ExpressionSource, arguments: [String], parameters: [String], graph: TermGraph = TermGraph()) {
    self.source = source
    self.arguments = arguments
    self.parameters = parameters
    self.graph = graph
  }

  /// The number a syntax tree computes.
  mutating func number(_ s: Syntax) throws(ExpressionError) -> TermID {
    let id = try build(s)
    if graph.isCondition(id) {
      throw source.error(
        "a condition (a comparison, 'and', 'or', 'not') gives true or false; it can only be the first argument of where(condition, a, b)",
        at: s.range)
    }
    return id
  }

  /// The condition a syntax tree computes.
  mutating func condition(_ s: Syntax) throws(ExpressionError) -> TermID {
    let id = try build(s)
    if !graph.isCondition(id) {
      throw source.error(
        "expected a condition here (a comparison such as x > 0, combined with and, or, not)", at: s.range)
    }
    return id
  }

  private mutating func build(_ s: Syntax) throws(ExpressionError) -> TermID {
    let id: TermID
    switch s.kind {
    case .number(let v, let text):
      id = Self.isExactDecimal(text, v) ? graph.node(.constant(v)) : graph.node(.literal(text))
    case .name(let name):
      id = try resolveName(name, s.range)
    case .parenthesized(let inner):
      return try build(inner)
    case .plus(let inner):
      return try number(inner)
    case .negate(let inner):
      id = graph.node(.negate, [try number(inner)])
    case .binary(let op, let a, let b):
      let x = try number(a)
      let y = try number(b)
      switch op {
      case .add: id = graph.node(.add, [x, y])
      case .subtract: id = graph.node(.subtract, [x, y])
      case .multiply: id = graph.node(.multiply, [x, y])
      case .divide:
        if !graph.dependence(y).arguments, !graph.dependence(y).parameters, let d = ConstantEvaluation.value(graph, y), d == 0 {
          throw source.error("division by zero: '\(source.slice(b.range))' is 0 for every input", at: b.range)
        }
        id = graph.node(.divide, [x, y])
      case .power: id = graph.node(.power, [x, y])
      }
    case .compare(let op, let a, let b):
      id = graph.node(.compare(op), [try number(a), try number(b)])
    case .and(let a, let b):
      id = graph.node(.and, [try condition(a), try condition(b)])
    case .or(let a, let b):
      id = graph.node(.or, [try condition(a), try condition(b)])
    case .not(let a):
      id = graph.node(.not, [try condition(a)])
    case .call(let name, let nameRange, let args):
      id = try call(name, nameRange, args, s.range)
    }
    if graph.sourceRanges[id] == nil { graph.sourceRanges[id] = s.range }
    return id
  }

  // MARK: - Names

  private mutating func resolveName(_ name: String, _ range: SourceRange) throws(ExpressionError) -> TermID {
    if let i = arguments.firstIndex(of: name) { return graph.node(.argument(i)) }
    if let i = parameters.firstIndex(of: name) { return graph.node(.parameter(i)) }
    switch name {
    case "pi": return graph.node(.pi)
    case "e": return graph.node(.euler)
    case "inf": return graph.node(.infinity)
    default: break
    }
    if ReservedNames.builtinFunctions.contains(name) || CatalogCallee.byName[name] != nil {
      throw source.error("\(name) is a function; call it with its arguments, \(name)(...)", at: range)
    }
    if ReservedNames.keywords.contains(name) {
      throw source.error("'\(name)' is a keyword and needs operands", at: range)
    }
    let known = arguments + parameters + ["pi", "e", "inf"]
    throw source.error(
      "unknown name '\(name)': not an argument (\(list(arguments))), a parameter (\(list(parameters))) or a constant (pi, e, inf)"
        + suggestion(name, among: known),
      at: range)
  }

  // MARK: - Calls

  private mutating func call(
    _ name: String, _ nameRange: SourceRange, _ args: [CallArgument], _ range: SourceRange
  ) throws(ExpressionError) -> TermID {
    if arguments.contains(name) || parameters.contains(name) {
      throw source.error("\(name) is \(arguments.contains(name) ? "an argument" : "a parameter"), not a function; write products with '*': \(name)*(...)", at: nameRange)
    }
    if let f = UnaryFunction(rawValue: name) {
      try arity(name, args, 1...1, nameRange, range)
      return graph.node(.function(f), [try number(args[0].value)])
    }
    switch name {
    case "min", "max":
      try arity(name, args, 2...Int.max, nameRange, range)
      var acc = try number(args[0].value)
      for a in args.dropFirst() {
        acc = graph.node(name == "min" ? .minimum : .maximum, [acc, try number(a.value)])
      }
      return acc
    case "where":
      try arity(name, args, 3...3, nameRange, range)
      let c = try condition(args[0].value)
      return graph.node(.select, [c, try number(args[1].value), try number(args[2].value)])
    default:
      break
    }
    guard let spec = CatalogCallee.byName[name], let callee = CatalogCallee(spec) else {
      let functions = ReservedNames.builtinFunctions + CatalogCallee.byName.keys.sorted()
      var message = "unknown function '\(name)'"
      if let vector = Catalog.all.first(where: { CatalogCallee.callName($0.id) == name }) {
        message += ": \(vector.id) takes vector or class-index arguments; only scalar catalog functions can be called"
      } else {
        message += suggestion(name, among: functions)
        if !message.contains("did you mean") {
          message += "; the built-in functions are \(ReservedNames.builtinFunctions.joined(separator: ", ")), and every scalar catalog function by its id with '-' written '_' (gelu_tanh)"
        }
      }
      throw source.error(message, at: nameRange)
    }
    return try catalogCall(callee, args, nameRange, range)
  }

  private mutating func catalogCall(
    _ callee: CatalogCallee, _ args: [CallArgument], _ nameRange: SourceRange, _ range: SourceRange
  ) throws(ExpressionError) -> TermID {
    let name = callee.callName
    let argNames = callee.argumentNames
    let paramNames = callee.parameterNames
    var argumentValues = [TermID?](repeating: nil, count: argNames.count)
    var parameterValues = [TermID?](repeating: nil, count: paramNames.count)
    var positional = 0
    let signature = "\(name)(\(argNames.joined(separator: ", "))\(paramNames.isEmpty ? "" : ", " + paramNames.map { "\($0)=..." }.joined(separator: ", ")))"
    for a in args {
      if let label = a.label, let labelRange = a.labelRange {
        if let i = paramNames.firstIndex(of: label) {
          if parameterValues[i] != nil {
            throw source.error("parameter \(label) of \(name) is given twice", at: labelRange)
          }
          let v = try number(a.value)
          if graph.dependsOnArguments(v) {
            throw source.error(
              "parameter \(label) of \(name) must not depend on the arguments (\(list(arguments))): the catalog does not differentiate in its parameters",
              at: a.value.range)
          }
          parameterValues[i] = v
        } else if let i = argNames.firstIndex(of: label) {
          if argumentValues[i] != nil {
            throw source.error("argument \(label) of \(name) is given twice", at: labelRange)
          }
          argumentValues[i] = try number(a.value)
        } else {
          let allowed = paramNames + argNames
          throw source.error(
            "\(name) has no parameter or argument '\(label)'; it is \(signature)" + suggestion(label, among: allowed),
            at: labelRange)
        }
      } else {
        guard positional < argNames.count else {
          throw source.error(
            "\(name) takes \(argNames.count) argument\(argNames.count == 1 ? "" : "s") (\(argNames.joined(separator: ", "))), got more; give parameters by name: \(signature)",
            at: a.value.range)
        }
        if argumentValues[positional] != nil {
          throw source.error("argument \(argNames[positional]) of \(name) is given twice", at: a.value.range)
        }
        argumentValues[positional] = try number(a.value)
        positional += 1
      }
    }
    if let missing = argumentValues.firstIndex(where: { $0 == nil }) {
      throw source.error(
        "\(name) takes \(argNames.count) argument\(argNames.count == 1 ? "" : "s") (\(argNames.joined(separator: ", "))); \(argNames[missing]) is missing: \(signature)",
        at: range)
    }
    // Parameters not given take the catalog's defaults.
    var children = argumentValues.map { $0! }
    for (i, p) in callee.spec.parameters.enumerated() {
      let v = parameterValues[i] ?? graph.node(.constant(p.defaultValue))
      if let value = ConstantEvaluation.value(graph, v), !graph.dependence(v).parameters, !p.range.contains(value) {
        throw source.error(
          "parameter \(p.name) = \(formatValue(value)) of \(name) is outside its range: allowed \(p.range)",
          at: range)
      }
      children.append(v)
    }
    let calleeIndex: Int
    if let existing = graph.callees.firstIndex(where: { $0.spec.id == callee.spec.id }) {
      calleeIndex = existing
    } else {
      graph.callees.append(callee)
      calleeIndex = graph.callees.count - 1
    }
    return graph.node(.catalog(callee: calleeIndex, .value), children)
  }

  private func arity(
    _ name: String, _ args: [CallArgument], _ allowed: ClosedRange<Int>, _ nameRange: SourceRange, _ range: SourceRange
  ) throws(ExpressionError) {
    if let labelled = args.first(where: { $0.label != nil }) {
      throw source.error("\(name)() takes no named arguments", at: labelled.labelRange ?? nameRange)
    }
    guard allowed.contains(args.count) else {
      let expected: String
      if allowed.upperBound == Int.max {
        expected = "\(allowed.lowerBound) or more arguments"
      } else if name == "where" {
        expected = "3 arguments: where(condition, value if true, value if false)"
      } else {
        expected = "\(allowed.lowerBound) argument\(allowed.lowerBound == 1 ? "" : "s")"
      }
      throw source.error("\(name) takes \(expected), got \(args.count)", at: range)
    }
  }

  // MARK: - Helpers

  private func list(_ names: [String]) -> String { names.isEmpty ? "none" : names.joined(separator: ", ") }

  /// "; did you mean 'exp' or 'expm1'?" for the closest names, or "".
  private func suggestion(_ name: String, among candidates: [String]) -> String {
    let close = NameSuggestions.closest(to: name, among: candidates)
    guard !close.isEmpty else { return "" }
    return "; did you mean " + close.map { "'\($0)'" }.joined(separator: " or ") + "?"
  }

  /// Whether the decimal `text` is exactly the Double `v` (0.5 is, 0.1 is not).
  static func isExactDecimal(_ text: String, _ v: Double) -> Bool {
    ExactDecimalText(text)?.equals(v) ?? false
  }
}

/// The closest names to a misspelt one.
enum NameSuggestions {
  /// At most three candidates, each within a small edit distance (or sharing a prefix).
  static func closest(to name: String, among candidates: [String]) -> [String] {
    let scored = Set(candidates).map { c -> (String, Int) in
      var d = editDistance(name.lowercased(), c.lowercased())
      if name.count >= 2 && (c.hasPrefix(name) || name.hasPrefix(c)) && c.count >= 2 { d = min(d, 1) }
      return (c, d)
    }
    let limit = max(1, min(3, name.count / 2))
    return scored.filter { $0.1 <= limit }.sorted { ($0.1, $0.0) < ($1.1, $1.0) }.prefix(3).map(\.0)
  }
}
