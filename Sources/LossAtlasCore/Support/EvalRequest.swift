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
  public func evaluate() throws(CatalogError) -> Evaluation {
    try spec.evaluate(parameters: parameters, arguments: arguments)
  }
}

extension EvalRequest {
  /// Decodes one JSON Lines request. Keys other than `id`, `params` and
  /// `args` (such as `value`, `grad` and `sens` in the golden files) are
  /// ignored; `params` may be absent; a parameter may be the string "-inf".
  ///
  /// - Throws: ``CatalogError`` naming the offending key or value.
  public static func decode(jsonLine text: String) throws(CatalogError) -> EvalRequest {
    let json: JSONValue
    do {
      json = try JSONValue.parse(text)
    } catch {
      throw CatalogError(.badArgument, "\(error.description); expected one JSON object a line")
    }
    guard case .object = json else {
      throw CatalogError(.badArgument, "expected a JSON object like {\"id\": \"sigmoid\", \"args\": {\"x\": 1}}")
    }
    guard case .string(let id)? = json["id"] else {
      throw CatalogError(.badArgument, "missing \"id\": a function id or alias (see `lossatlas list`)")
    }
    let spec = try Catalog.function(named: id)
    var parameters: [String: Double] = [:]
    switch json["params"] {
    case nil, .null?:
      break
    case .object(let members)?:
      for m in members {
        guard let v = m.value.doubleValue else {
          throw CatalogError(.badParameter, "parameter \(m.key) of \(spec.id) must be a number (or \"-inf\")")
        }
        parameters[m.key] = v
      }
    default:
      throw CatalogError(.badParameter, "\"params\" must be an object like {\"delta\": 1}")
    }
    guard case .object(let members)? = json["args"] else {
      throw CatalogError(.missingArgument, "missing \"args\": an object like {\"\(spec.arguments[0].name)\": 1}")
    }
    var arguments: [String: ArgumentValue] = [:]
    for m in members {
      arguments[m.key] = try argumentValue(m.value, name: m.key, spec: spec)
    }
    return EvalRequest(spec: spec, parameters: parameters, arguments: arguments)
  }

  /// Reads one argument: a number, an array of numbers, or an integer class
  /// index. Strings "inf", "-inf" and "nan" are read as numbers so that the
  /// domain check can reject them with the argument's allowed range.
  static func argumentValue(_ json: JSONValue, name: String, spec: FunctionSpec) throws(CatalogError) -> ArgumentValue {
    let kind = spec.arguments.first { $0.name == name }?.kind
    switch json {
    case .number, .string:
      guard let v = json.doubleValue else {
        throw CatalogError(.badArgument, "argument \(name) of \(spec.id) must be a number, not \(json.lineText)")
      }
      if kind == .integer && json.isIntegerLiteral, let k = Int(exactly: v) { return .integer(k) }
      return .real(v)
    case .array(let items):
      var values: [Double] = []
      for item in items {
        guard let v = item.doubleValue else {
          throw CatalogError(.badArgument, "argument \(name) of \(spec.id) must hold numbers only, not \(item.lineText)")
        }
        values.append(v)
      }
      return .vector(values)
    default:
      throw CatalogError(.badArgument, "argument \(name) of \(spec.id) must be a number or an array of numbers")
    }
  }

  /// Reads a command-line value: a JSON number or array (`1.5`, `[1,2,3]`)
  /// or the words `inf`, `-inf`, `nan`.
  public static func commandLineValue(_ text: String, name: String, spec: FunctionSpec) throws(CatalogError) -> ArgumentValue {
    let trimmed = String(text.drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed())
    let json: JSONValue
    switch trimmed.lowercased() {
    case "inf", "+inf", "infinity", "+infinity": json = .string("inf")
    case "-inf", "-infinity": json = .string("-inf")
    case "nan": json = .string("nan")
    default:
      do {
        json = try JSONValue.parse(trimmed)
      } catch {
        throw CatalogError(
          .badArgument,
          "cannot read '\(text)' for \(name) of \(spec.id): write a number (1.5, -2e-8, -inf) or a JSON array ([1, 2, 3])")
      }
    }
    return try argumentValue(json, name: name, spec: spec)
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
}

extension Tensor {
  /// The tensor as JSON: a number, an array, or an array of rows.
  public var json: JSONValue {
    switch self {
    case .scalar(let v): return .double(v)
    case .vector(let v): return .array(v.map(JSONValue.double))
    case .matrix(let m): return .array(m.map { .array($0.map(JSONValue.double)) })
    }
  }
}
