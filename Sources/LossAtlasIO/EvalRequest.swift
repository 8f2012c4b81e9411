import LossAtlasCore

/// One evaluation request: a function, its parameters and its arguments, as
/// read from the command line (`--arg x=1`) or a JSON Lines batch
/// (`{"id": "huber", "params": {"delta": 1}, "args": {"yhat": 3, "y": 1}}`).
public struct EvalRequest: Sendable {
  public let spec: FunctionSpec
  public let parameters: [String: Double]
  public let arguments: [String: ArgumentValue]

  public init(spec: FunctionSpec, parameters: [String: Double], arguments: [String: ArgumentValue]) {
    self.spec = spec
    self.parameters = parameters
    self.arguments = arguments
  }

  /// Evaluates after full validation.
  ///
  /// - Throws: ``CatalogError`` for any input outside the domain, and,
  ///   should the function ever answer NaN inside its domain (a bug, or a
  ///   user formula that exact arithmetic cannot value there), an error
  ///   saying so (``NaNAnswer``) instead of printing NaN as an answer.
  public func evaluate() throws(CatalogError) -> Evaluation {
    let e = try spec.evaluate(parameters: parameters, arguments: arguments)
    if e.value.containsNaN || e.gradient.contains(where: \.tensor.containsNaN) || e.secondDerivative?.isNaN == true
      || e.hessian?.containsNaN == true
    {
      throw CatalogError(.noValue, NaNAnswer.message(spec, "at these arguments", reportWith: "this input"))
    }
    return e
  }

  /// The most elements a vector argument may have: the answers grow with
  /// it (a gradient as long as the vector).
  public static let maxVectorLength = 4096

  /// The most elements for the vector activations whose answer is the
  /// n x n Jacobian (softmax, log-softmax, softmin, sparsemax): 1024
  /// elements (ImageNet's 1000 classes fit) answer with a line of about
  /// 25 MB; 4096 would be about 400 MB.
  public static let maxJacobianVectorLength = 1024

  /// Whether `spec` answers with a Jacobian (a derivative with two indices).
  static func answersWithJacobian(_ spec: FunctionSpec) -> Bool { spec.formula.derivativeIndices.count == 2 }

  /// The most elements a vector argument of `spec` may have.
  public static func maxVectorLength(for spec: FunctionSpec) -> Int {
    answersWithJacobian(spec) ? maxJacobianVectorLength : maxVectorLength
  }
}

extension EvalRequest {
  /// Decodes one JSON Lines request. Keys other than `id`, `params` and
  /// `args` (such as `value`, `grad` and `sens` in the golden files) are
  /// ignored; `params` may be absent; a number may also be one of the
  /// strings of ``NumberSyntax/nonFiniteWord(_:)`` ("-inf", "NaN", ...).
  ///
  /// - Throws: ``CatalogError`` naming the offending key or value.
  public static func decode(jsonLine text: String) throws(CatalogError) -> EvalRequest {
    try decode(jsonLine: Array(text.utf8))
  }

  /// Decodes one JSON Lines request given as UTF-8 bytes.
  /// `lookup` finds the function by id (the catalog's; a run with user
  /// functions passes its registry's).
  public static func decode(
    jsonLine bytes: [UInt8],
    lookup: (String) throws(CatalogError) -> FunctionSpec = { name throws(CatalogError) in try Catalog.function(named: name) }
  ) throws(CatalogError) -> EvalRequest {
    let json: JSONValue
    do {
      json = try JSONValue.parse(bytes)
    } catch {
      throw CatalogError(.badArgument, "\(error.description); expected one JSON object a line")
    }
    guard case .object = json else {
      throw CatalogError(.badArgument, "expected a JSON object like {\"id\": \"sigmoid\", \"args\": {\"x\": 1}}")
    }
    let id: String
    switch json["id"] {
    case .string(let s)?: id = s
    case nil: throw CatalogError(.badArgument, "missing \"id\": a function id or alias (see `lossatlas list`)")
    case let other?:
      throw CatalogError(
        .badArgument, "\"id\" must be a string (a function id or alias, see `lossatlas list`), not \(other.shortText)")
    }
    let spec = try lookup(id)
    var parameters: [String: Double] = [:]
    switch json["params"] {
    case nil, .null?:
      break
    case .object(let members)?:
      for m in members {
        try checkName(m.key, among: spec.parameters.map(\.name), kind: .unknownParameter, spec: spec)
        guard let v = m.value.doubleValue else {
          throw CatalogError(
            .badParameter, "parameter \(m.key) of \(spec.id) must be a number (or \"inf\", \"-inf\"), not \(m.value.shortText)")
        }
        parameters[m.key] = v
      }
    case let other?:
      throw CatalogError(.badParameter, "\"params\" must be an object like {\"delta\": 1}, not \(other.shortText)")
    }
    let members: [(key: String, value: JSONValue)]
    switch json["args"] {
    case .object(let m)?: members = m
    case nil:
      throw CatalogError(.missingArgument, "missing \"args\": an object like {\"\(spec.arguments[0].name)\": 1}")
    case let other?:
      throw CatalogError(
        .badArgument, "\"args\" must be an object like {\"\(spec.arguments[0].name)\": 1}, not \(other.shortText)")
    }
    var arguments: [String: ArgumentValue] = [:]
    for m in members {
      try checkName(m.key, among: spec.arguments.map(\.name), kind: .unknownArgument, spec: spec)
      arguments[m.key] = try argumentValue(m.value, name: m.key, spec: spec)
    }
    return EvalRequest(spec: spec, parameters: parameters, arguments: arguments)
  }

  /// Refuses a parameter or argument name `spec` does not take, echoing
  /// at most the start of it.
  static func checkName(
    _ name: String, among names: [String], kind: CatalogError.Kind, spec: FunctionSpec
  ) throws(CatalogError) {
    guard !names.contains(name) else { return }
    // Worded as FunctionSpec's own checks word them.
    if kind == .unknownParameter {
      let allowed = names.isEmpty ? "\(spec.id) has no parameters" : "\(spec.id) takes " + names.joined(separator: ", ")
      throw CatalogError(kind, "unknown parameter '\(InputEcho.short(name))': \(allowed)")
    }
    throw CatalogError(kind, "unknown argument '\(InputEcho.short(name))' for \(spec.id): it takes \(names.joined(separator: ", "))")
  }

  /// Reads one argument: a number, an array of numbers, or an integer class
  /// index. The strings of ``NumberSyntax/nonFiniteWord(_:)`` are read as
  /// numbers so that the domain check can reject them with the argument's
  /// allowed range.
  static func argumentValue(_ json: JSONValue, name: String, spec: FunctionSpec) throws(CatalogError) -> ArgumentValue {
    let kind = spec.arguments.first { $0.name == name }?.kind
    switch json {
    case .number, .string:
      guard let v = json.doubleValue else {
        throw CatalogError(.badArgument, "argument \(name) of \(spec.id) must be a number, not \(json.shortText)")
      }
      if kind == .integer && json.isIntegerLiteral, let k = Int(exactly: v) { return .integer(k) }
      return .real(v)
    case .array(let items):
      try checkLength(items.count, name: name, spec: spec)
      var values: [Double] = []
      values.reserveCapacity(items.count)
      for item in items {
        guard let v = item.doubleValue else {
          throw CatalogError(.badArgument, "argument \(name) of \(spec.id) must hold numbers only, not \(item.shortText)")
        }
        values.append(v)
      }
      return .vector(values)
    default:
      throw CatalogError(.badArgument, "argument \(name) of \(spec.id) must be a number or an array of numbers, not \(json.shortText)")
    }
  }

  /// Refuses a vector longer than ``maxVectorLength(for:)``.
  public static func checkLength(_ count: Int, name: String, spec: FunctionSpec) throws(CatalogError) {
    let limit = maxVectorLength(for: spec)
    guard count <= limit else {
      let why = answersWithJacobian(spec) ? " (the answer is the \(limit) x \(limit) Jacobian at most)" : ""
      throw CatalogError(
        .badArgument, "argument \(name) of \(spec.id) has \(count) elements; at most \(limit) are allowed\(why)")
    }
  }

  /// Reads a command-line value: a number as ``NumberSyntax`` spells it
  /// (`1.5`, `+1`, `.5`, `-inf`, `nan`), or a list of them in brackets
  /// (`[1, 2.5, -inf]`).
  public static func commandLineValue(_ text: String, name: String, spec: FunctionSpec) throws(CatalogError) -> ArgumentValue {
    let trimmed = trimmingSpaces(text)
    let kind = spec.arguments.first { $0.name == name }?.kind
    func unreadable() -> CatalogError {
      CatalogError(
        .badArgument,
        "cannot read '\(InputEcho.short(text))' for \(name) of \(spec.id): write a number (1.5, -2e-8, .5, +1, -inf) or a list of numbers ([1, 2, 3])"
      )
    }
    if trimmed.hasPrefix("[") {
      guard trimmed.hasSuffix("]") else { throw unreadable() }
      let inner = trimmingSpaces(String(trimmed.dropFirst().dropLast()))
      let items = inner.isEmpty ? [] : inner.split(separator: ",", omittingEmptySubsequences: false)
      try checkLength(items.count, name: name, spec: spec)
      var values: [Double] = []
      for item in items {
        var word = trimmingSpaces(String(item))
        // A JSON-style quoted word ("-inf") reads as the word.
        if word.count >= 2 && word.hasPrefix("\"") && word.hasSuffix("\"") { word = String(word.dropFirst().dropLast()) }
        guard let v = NumberSyntax.parse(word) else { throw unreadable() }
        values.append(v)
      }
      return .vector(values)
    }
    guard let v = NumberSyntax.parse(trimmed) else { throw unreadable() }
    if kind == .integer && NumberSyntax.isIntegerLiteral(trimmed), let k = Int(exactly: v) { return .integer(k) }
    return .real(v)
  }

  private static func trimmingSpaces(_ text: String) -> String {
    String(text.drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed())
  }
}

// MARK: - Encoding

extension Evaluation {
  /// The stable JSON Lines answer: `{"value": V, "grad": {NAME: V, ...}}`,
  /// numbers as shortest round-tripping text, vectors as arrays, Jacobians as
  /// arrays of rows, non-finite numbers as "inf", "-inf", "nan".
  public var batchJSON: JSONValue {
    .object([
      ("value", value.json),
      ("grad", .object(gradient.map { ($0.name, $0.tensor.json) })),
    ])
  }

  /// The batch answer with the second derivative (`eval --jsonl
  /// --second-derivative`): `{"value", "grad", "d2"}`, `d2` being
  /// `{ARGUMENT: f''}` in the prediction argument `argument` for a scalar
  /// function of one differentiated argument and null where the function
  /// reports none (the vector functions and losses of a vector), then
  /// `"hessian"` (rows in the order of `grad`) where the function reports
  /// its whole Hessian.
  public func batchJSON(secondDerivativeIn argument: String) -> JSONValue {
    var members: [(key: String, value: JSONValue)] = [
      ("value", value.json),
      ("grad", .object(gradient.map { ($0.name, $0.tensor.json) })),
      ("d2", secondDerivative.map { .object([(argument, .double($0))]) } ?? .null),
    ]
    if let hessian { members.append(("hessian", hessian.json)) }
    return .object(members)
  }
}

extension Tensor {
  /// Whether any number of the tensor is NaN.
  var containsNaN: Bool {
    switch self {
    case .scalar(let v): return v.isNaN
    case .vector(let v): return v.contains(where: \.isNaN)
    case .matrix(let m): return m.contains { $0.contains(where: \.isNaN) }
    }
  }

  /// The tensor as JSON: a number, an array, or an array of rows.
  public var json: JSONValue {
    switch self {
    case .scalar(let v): return .double(v)
    case .vector(let v): return .array(v.map(JSONValue.double))
    case .matrix(let m): return .array(m.map { .array($0.map(JSONValue.double)) })
    }
  }
}
