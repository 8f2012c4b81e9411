import LossAtlasCore
import LossAtlasIO
import Yams

/// A claim file that cannot be understood: `FILE:LINE: reason`.
public struct ClaimFileError: Error, Sendable, CustomStringConvertible {
  public let file: String
  public let line: Int
  public let reason: String

  public init(file: String, line: Int, reason: String) {
    self.file = file
    self.line = line
    self.reason = reason
  }

  public var description: String { "\(file):\(line): \(reason)" }
}

/// Reads claim files (YAML) into ``Claim`` values, with line numbers for
/// every error.
public enum ClaimFile {
  /// The keys a claim may have.
  static let knownKeys: Set<String> = [
    "id", "text", "function", "params", "args", "property", "over", "at", "expect", "verdict",
    "name", "format", "kind", "direction", "component", "residuals", "targets", "view", "init",
  ]

  /// The largest claim file read, in bytes (the project's largest is 20 KB).
  public static let maxBytes = 4 << 20
  /// The most claims in one file (the project has 73 in all).
  public static let maxClaims = 10_000
  /// The most parameter settings one claim is decided at (the product of
  /// its `params:` lists; the project's largest is 4). Each setting is a
  /// run of the property engine.
  public static let maxSettings = 64
  /// The longest `residuals:` or `targets:` list (each target is a loss
  /// evaluation at each of 2001 grid points of the minimiser).
  public static let maxValues = 1000

  public static func parse(
    _ yaml: String, file: String, registry: FunctionRegistry = .catalog
  ) throws(ClaimFileError) -> [Claim] {
    guard yaml.utf8.count <= maxBytes else {
      throw ClaimFileError(file: file, line: 1, reason: "the file is \(yaml.utf8.count) bytes; a claim file may have at most \(maxBytes) (4 MiB)")
    }
    do {
      try YAMLPrescan.check(yaml)
    } catch {
      throw ClaimFileError(file: file, line: error.line, reason: error.reason)
    }
    let root: Node?
    do {
      root = try Yams.compose(yaml: yaml)
    } catch let error as YamlError {
      throw ClaimFileError(file: file, line: Self.line(of: error), reason: "not valid YAML: \(Self.reason(of: error))")
    } catch {
      throw ClaimFileError(file: file, line: 1, reason: "not valid YAML: \(error)")
    }
    guard let root, case .mapping(let top) = root, let claimsNode = top["claims"] else {
      throw ClaimFileError(file: file, line: root?.mark?.line ?? 1, reason: "expected a top-level 'claims:' list")
    }
    guard case .sequence(let items) = claimsNode else {
      throw ClaimFileError(file: file, line: claimsNode.mark?.line ?? 1, reason: "'claims' must be a list of claims")
    }
    guard items.count <= maxClaims else {
      throw ClaimFileError(
        file: file, line: claimsNode.mark?.line ?? 1, reason: "\(items.count) claims; a claim file may hold at most \(maxClaims) (split it)")
    }
    var claims: [Claim] = []
    var seen: [String: Int] = [:]
    for item in items {
      let claim = try parseClaim(item, file: file, registry: registry)
      if let first = seen[claim.id] {
        throw ClaimFileError(
          file: file, line: claim.line, reason: "claim id '\(InputEcho.short(claim.id))' is used twice (first on line \(first))")
      }
      seen[claim.id] = claim.line
      claims.append(claim)
    }
    return claims
  }

  // MARK: - One claim

  static func parseClaim(_ node: Node, file: String, registry: FunctionRegistry = .catalog) throws(ClaimFileError) -> Claim {
    let line = node.mark?.line ?? 1
    func fail(_ reason: String, _ at: Node? = nil) -> ClaimFileError {
      ClaimFileError(file: file, line: at?.mark?.line ?? line, reason: reason)
    }
    guard case .mapping(let map) = node else { throw fail("each claim must be a mapping with id, function, property, expect") }
    for (key, _) in map {
      guard let k = key.string, knownKeys.contains(k) else {
        throw fail("unknown key '\(InputEcho.short(key.string ?? "?"))'; allowed: \(knownKeys.sorted().joined(separator: ", "))", key)
      }
    }
    guard let idNode = map["id"], let id = idNode.string, !id.isEmpty else { throw fail("claim without an 'id'") }
    let context = "claim '\(InputEcho.short(id))'"
    let text = map["text"]?.string ?? ""
    guard let fnNode = map["function"], let fnName = fnNode.string else { throw fail("\(context): missing 'function'") }
    let spec: FunctionSpec
    do {
      spec = try registry.function(named: fnName)
    } catch {
      throw fail("\(context): \(error.message)", fnNode)
    }
    guard let propNode = map["property"], let propName = propNode.string else { throw fail("\(context): missing 'property'") }
    guard let property = ClaimProperty(rawValue: propName) else {
      throw fail(
        "\(context): unknown property '\(InputEcho.short(propName))'; known: \(ClaimProperty.allCases.map(\.rawValue).joined(separator: ", "))",
        propNode)
    }

    // params: a number, or a list meaning "for every value".
    var parameters: [String: [Double]] = [:]
    if let pNode = map["params"] {
      guard case .mapping(let pm) = pNode else { throw fail("\(context): 'params' must be a mapping", pNode) }
      for (k, v) in pm {
        let name = k.string ?? "?"
        guard let p = spec.parameters.first(where: { $0.name == name }) else {
          let allowed = spec.parameters.isEmpty ? "\(spec.id) has no parameters" : "\(spec.id) takes " + spec.parameters.map(\.name).joined(separator: ", ")
          throw fail("\(context): unknown parameter '\(InputEcho.short(name))': \(allowed)", k)
        }
        let values: [Double]
        if case .sequence(let seq) = v {
          values = try seq.map { n throws(ClaimFileError) in try number(n, "\(context): parameter \(name)", file) }
        } else {
          values = [try number(v, "\(context): parameter \(name)", file)]
        }
        // An empty list makes no setting at all, and a claim checked at none passed vacuously.
        guard !values.isEmpty else {
          throw fail("\(context): parameter \(name) lists no values: give a value or a list of at least one", v)
        }
        for value in values where !p.range.contains(value) {
          throw fail("\(context): parameter \(name) = \(formatValue(value)) of \(spec.id) is outside its range: allowed \(p.range)", v)
        }
        parameters[name] = values
      }
      let settings = parameters.values.reduce(1) { $0 * $1.count }
      guard settings <= maxSettings else {
        throw fail("\(context): the params lists make \(settings) settings; a claim may have at most \(maxSettings) (split it)", pNode)
      }
    }

    var arguments: [String: ArgumentValue] = [:]
    if let aNode = map["args"] {
      guard case .mapping(let am) = aNode else { throw fail("\(context): 'args' must be a mapping", aNode) }
      for (k, v) in am {
        let name = k.string ?? "?"
        guard let a = spec.arguments.first(where: { $0.name == name }) else {
          throw fail("\(context): unknown argument '\(InputEcho.short(name))' for \(spec.id): it takes \(spec.arguments.map(\.name).joined(separator: ", "))", k)
        }
        switch a.kind {
        case .vector:
          guard case .sequence(let seq) = v else { throw fail("\(context): argument \(name) must be a list of numbers", v) }
          do {
            try EvalRequest.checkLength(seq.count, name: name, spec: spec)
          } catch {
            throw fail("\(context): \(error.message)", v)
          }
          arguments[name] = .vector(try seq.map { n throws(ClaimFileError) in try number(n, "\(context): argument \(name)", file) })
        case .integer:
          guard let k = v.int else { throw fail("\(context): argument \(name) must be an integer class index", v) }
          arguments[name] = .integer(k)
        case .real:
          arguments[name] = .real(try number(v, "\(context): argument \(name)", file))
        }
      }
    }

    var over: (Double, Double)?
    if let oNode = map["over"] {
      guard case .sequence(let seq) = oNode, seq.count == 2 else { throw fail("\(context): 'over' must be [a, b]", oNode) }
      let a = try number(seq[0], "\(context): over", file)
      let b = try number(seq[1], "\(context): over", file)
      guard a < b else { throw fail("\(context): 'over' must have a < b", oNode) }
      over = (a, b)
    }
    var view: String?
    if let vNode = map["view"] {
      guard case .scalar(let scalar) = vNode, !scalar.string.isEmpty else {
        throw fail("\(context): 'view' must be a view's index (0 is the primary view) or its label", vNode)
      }
      view = scalar.string
    }
    var at: Double?
    if let atNode = map["at"] { at = try number(atNode, "\(context): at", file) }
    if property.needsAt && at == nil { throw fail("\(context): \(property.rawValue) needs 'at:' (the point)") }

    guard let expectNode = map["expect"] else { throw fail("\(context): missing 'expect'") }
    let expect = try expectation(expectNode, context: context, file: file)

    var verdict = true
    if let vNode = map["verdict"] {
      guard let v = vNode.bool else { throw fail("\(context): 'verdict' must be true or false", vNode) }
      verdict = v
    }
    var direction: Int?
    if let dNode = map["direction"] {
      switch dNode.string {
      case "left", "-1", "-": direction = -1
      case "right", "+1", "1", "+": direction = 1
      default: throw fail("\(context): 'direction' must be left or right", dNode)
      }
    }
    var values: [Double]?
    for key in ["residuals", "targets"] {
      if let n = map[key] {
        guard case .sequence(let seq) = n else {
          throw fail("\(context): '\(key)' must be a list of 1 to \(maxValues) numbers, e.g. [0.5, 1, 2]", n)
        }
        guard !seq.isEmpty else { throw fail("\(context): '\(key)' lists no numbers: give 1 to \(maxValues)", n) }
        guard seq.count <= maxValues else {
          throw fail("\(context): '\(key)' has \(seq.count) numbers; at most \(maxValues) are allowed", n)
        }
        values = try seq.map { v throws(ClaimFileError) in try number(v, "\(context): \(key)", file) }
      }
    }
    let name = map["name"]?.string
    if property == .identity {
      guard let name else { throw fail("\(context): identity needs 'name:' (one of \(Identity.all.map(\.name).joined(separator: ", ")))") }
      guard Identity.named(name) != nil else {
        throw fail("\(context): unknown identity '\(InputEcho.short(name))'; known: \(Identity.all.map(\.name).joined(separator: ", "))", map["name"])
      }
    }
    if (property == .meanValue || property == .minimiser) && values == nil {
      throw fail("\(context): \(property.rawValue) needs '\(property == .meanValue ? "residuals" : "targets"):' (a list of numbers)")
    }
    var initialization: WeightInit?
    if let iNode = map["init"] {
      guard let i = iNode.string.flatMap({ WeightInit(rawValue: $0.lowercased()) }) else {
        throw fail("\(context): 'init' must be he or xavier, not '\(iNode.string ?? "?")'", iNode)
      }
      guard property == .gradientGain else { throw fail("\(context): 'init' belongs to gradient-gain claims", iNode) }
      initialization = i
    }
    return Claim(
      id: id, text: text, function: spec, parameters: parameters, arguments: arguments, property: property,
      view: view, over: over, at: at, expect: expect, verdict: verdict, name: name, format: map["format"]?.string,
      kind: map["kind"]?.string, direction: direction, component: map["component"]?.string, values: values,
      initialization: initialization, line: line, file: file, userFunction: registry.definition(spec.id))
  }

  /// `expect:` — a mapping {equals|approx(+tol)|at-most|at-least|in}, or a literal.
  static func expectation(_ node: Node, context: String, file: String) throws(ClaimFileError) -> Expectation {
    let line = node.mark?.line ?? 1
    switch node {
    case .mapping(let m):
      if let v = m["equals"] { return .equals(try number(v, "\(context): expect.equals", file)) }
      if let v = m["approx"] {
        guard let t = m["tol"] else { throw ClaimFileError(file: file, line: line, reason: "\(context): 'approx' needs 'tol'") }
        let tolerance = try number(t, "\(context): expect.tol", file)
        // No difference is at most a negative tolerance: the claim could only fail (or pass on equality).
        guard tolerance >= 0 else {
          throw ClaimFileError(file: file, line: line, reason: "\(context): expect.tol must be 0 or more, not \(formatValue(tolerance))")
        }
        return .approx(try number(v, "\(context): expect.approx", file), tolerance: tolerance)
      }
      if let v = m["at-most"] { return .atMost(try number(v, "\(context): expect.at-most", file)) }
      if let v = m["at-least"] { return .atLeast(try number(v, "\(context): expect.at-least", file)) }
      if let v = m["in"] {
        guard case .sequence(let s) = v, s.count == 2 else {
          throw ClaimFileError(file: file, line: line, reason: "\(context): 'in' must be [a, b]")
        }
        let (a, b) = (try number(s[0], "\(context): expect.in", file), try number(s[1], "\(context): expect.in", file))
        // [a, b] with a > b holds no number: the claim could never pass.
        guard a <= b else {
          throw ClaimFileError(file: file, line: line, reason: "\(context): expect.in [\(formatValue(a)), \(formatValue(b))] is empty: write [a, b] with a <= b")
        }
        return .within(a, b)
      }
      throw ClaimFileError(
        file: file, line: line, reason: "\(context): expect must be one of equals, approx (+ tol), at-most, at-least, in, or a literal")
    case .sequence(let s):
      guard s.count == 2 else { throw ClaimFileError(file: file, line: line, reason: "\(context): a literal interval is [a, b]") }
      return .interval(try number(s[0], "\(context): expect", file), try number(s[1], "\(context): expect", file))
    case .scalar(let scalar):
      if let b = node.bool, scalar.string == "true" || scalar.string == "false" { return .bool(b) }
      if let v = try? number(node, context, file) { return .equals(v) }
      return .word(scalar.string)
    case .alias:
      throw ClaimFileError(file: file, line: line, reason: "\(context): YAML aliases are not supported in expect")
    }
  }

  /// A number as ``NumberSyntax`` spells it (`1`, `+1`, `.5`, `1.`,
  /// `-2e-8`, `inf`, `-Infinity`), or YAML's `.inf`, `+.inf`, `-.inf` (any
  /// case). NaN, however spelt (`nan`, `NaN`, `.nan`), is refused like any
  /// other non-number.
  static func number(_ node: Node, _ context: String, _ file: String) throws(ClaimFileError) -> Double {
    let text = node.string?.trimmingSpaces ?? ""
    switch text.lowercased() {
    case ".inf", "+.inf": return .infinity
    case "-.inf": return -.infinity
    default: break
    }
    if case .scalar = node, let v = NumberSyntax.parse(text), !v.isNaN { return v }
    let shown = node.string.map { "'\(InputEcho.short($0))'" } ?? "a list or mapping"
    throw ClaimFileError(
      file: file, line: node.mark?.line ?? 1, reason: "\(context) must be a number (such as 1.5, -2e-8, inf, -inf), not \(shown)")
  }

  static func line(of error: YamlError) -> Int {
    switch error {
    case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _):
      return mark.line
    case .duplicatedKeysInMapping(_, let context):
      return context.mark.line
    case .reader(_, let offset, _, let yaml):
      guard let offset else { return 1 }
      // The offset counts characters.
      return yaml.prefix(offset).reduce(1) { $0 + ($1.isNewline ? 1 : 0) }
    default:
      return 1
    }
  }

  /// The problem alone, on one line (Yams' own description adds a dump of
  /// the file).
  static func reason(of error: YamlError) -> String {
    switch error {
    case .scanner(let context, let problem, _, _), .parser(let context, let problem, _, _), .composer(let context, let problem, _, _):
      let prefix = context.map { "\($0.text) " } ?? ""
      return InputEcho.escapingControls(prefix + problem)
    case .reader(let problem, _, _, _):
      return InputEcho.escapingControls(problem)
    case .duplicatedKeysInMapping(let duplicates, _):
      return "duplicate key " + duplicates.map { "'\(InputEcho.short($0))'" }.joined(separator: ", ")
    case .memory:
      return "out of memory"
    default:
      return InputEcho.short("\(error)", limit: 200)
    }
  }
}

extension String {
  fileprivate var trimmingSpaces: String {
    String(drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed())
  }
}
