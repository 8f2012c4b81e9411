extension FunctionSpec {
  /// Checks caller-supplied parameters against the catalog and fills in
  /// defaults.
  ///
  /// - Throws: ``CatalogError`` naming the parameter and its allowed range
  ///   for an unknown name, NaN, or a value outside the range.
  public func validateParameters(_ given: [String: Double]) throws(CatalogError) -> ParameterValues {
    for name in given.keys.sorted() where !parameters.contains(where: { $0.name == name }) {
      let allowed = parameters.isEmpty
        ? "\(id) has no parameters"
        : "\(id) takes " + parameters.map(\.name).joined(separator: ", ")
      throw CatalogError(.unknownParameter, "unknown parameter '\(name)': \(allowed)")
    }
    var values: [String: Double] = [:]
    for p in parameters {
      let v = given[p.name] ?? p.defaultValue
      guard p.range.contains(v) else {
        throw CatalogError(
          .badParameter,
          "parameter \(p.name) = \(formatValue(v)) of \(id) is outside its range: allowed \(p.range)")
      }
      values[p.name] = p.range.canonical(v)
    }
    return ParameterValues(values)
  }

  /// Checks caller-supplied arguments: every argument present, none unknown,
  /// each of the right kind and inside its domain.
  ///
  /// - Throws: ``CatalogError`` naming the argument and what is allowed.
  public func validateArguments(_ given: [String: ArgumentValue]) throws(CatalogError) -> ArgumentValues {
    let names = arguments.map(\.name)
    for name in given.keys.sorted() where !names.contains(name) {
      throw CatalogError(
        .unknownArgument,
        "unknown argument '\(name)' for \(id): it takes \(names.joined(separator: ", "))")
    }
    var values: [String: ArgumentValue] = [:]
    for spec in arguments {
      guard let given = given[spec.name] else {
        throw CatalogError(
          .missingArgument,
          "missing argument '\(spec.name)' for \(id): \(spec.name) must be \(spec.domainDescription)")
      }
      values[spec.name] = try validate(given, against: spec)
    }
    return ArgumentValues(values)
  }

  /// Evaluates the function at one point after validating everything.
  ///
  /// - Throws: ``CatalogError`` for any input outside the domain; never
  ///   returns NaN for an input inside it.
  public func evaluate(
    parameters given: [String: Double] = [:], arguments: [String: ArgumentValue]
  ) throws(CatalogError) -> Evaluation {
    let p = try validateParameters(given)
    let a = try validateArguments(arguments)
    return try evaluator(p, a)
  }

  /// Evaluates at already validated parameters and arguments.
  public func evaluate(_ p: ParameterValues, _ a: ArgumentValues) throws(CatalogError) -> Evaluation {
    try evaluator(p, a)
  }

  /// The scalar value f(a) at already validated parameters and arguments,
  /// without the gradient where the function has a value-only path
  /// (``valueEvaluator``, the same bits as the full evaluation); nil for a
  /// vector-valued function (softmax).
  public func value(_ p: ParameterValues, _ a: ArgumentValues) throws(CatalogError) -> Double? {
    if let valueEvaluator { return try valueEvaluator(p, a) }
    return try evaluator(p, a).value.scalarValue
  }

  func validate(_ value: ArgumentValue, against spec: ArgumentSpec) throws(CatalogError) -> ArgumentValue {
    func bad(_ shown: String) -> CatalogError {
      CatalogError(
        .badArgument,
        "argument \(spec.name) = \(shown) of \(id) is outside its domain: \(spec.name) must be \(spec.domainDescription)")
    }
    switch (spec.kind, value) {
    case (.real, .real(let v)):
      guard spec.domain.contains(v) else { throw bad(formatValue(v)) }
      return .real(spec.domain.canonical(v))
    case (.real, .integer(let k)):
      let v = Double(k)
      guard spec.domain.contains(v) else { throw bad(String(k)) }
      return .real(v)
    case (.vector, .vector(let v)):
      guard v.count >= spec.minimumCount else {
        throw bad("an array of length \(v.count)")
      }
      if let i = v.firstIndex(where: { !spec.domain.contains($0) }) {
        throw CatalogError(
          .badArgument,
          "argument \(spec.name)[\(i)] = \(formatValue(v[i])) of \(id) is outside its domain: each element must be \(spec.domain)")
      }
      if case .finite = spec.domain { return value }
      return .vector(v.map(spec.domain.canonical))
    case (.integer, .integer(let k)):
      guard k >= 0 else { throw bad(String(k)) }
      return value
    case (.integer, .real(let v)):
      guard v.isFinite, v == v.rounded(), v >= 0, v < 9.0e15 else { throw bad(formatValue(v)) }
      return .integer(Int(v))
    case (.real, .vector), (.integer, .vector):
      throw bad("an array")
    case (.vector, .real(let v)):
      throw bad(formatValue(v))
    case (.vector, .integer(let k)):
      throw bad(String(k))
    }
  }
}

/// A number as an error message shows it: `nan`, `inf`, `-inf`, or Swift's
/// shortest round-tripping text.
public func formatValue(_ v: Double) -> String {
  if v.isNaN { return "nan" }
  if v == .infinity { return "inf" }
  if v == -.infinity { return "-inf" }
  return v.description
}
